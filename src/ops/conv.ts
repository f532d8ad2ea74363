/**
 * Convolution (PyTorch's `conv1d`/`conv2d`, NCHW, cross-correlation like every deep-learning
 * library): the shape rules `conv1dShape`/`conv2dShape`, the primitive with its gradient rule,
 * `conv1d()`/`conv2d()` and the Tensor methods. Mirrors types/ops/conv.ts rule for rule and message
 * for message.
 *
 * - `x` is `[N, C, L]` (1-D) or `[N, C, H, W]` (2-D), the weight `[O, C/groups, K]` or
 *   `[O, C/groups, kH, kW]`; the result is `[N, O, L']` or `[N, O, H', W']` with, per spatial axis,
 *   `out = floor((in + padBefore + padAfter − dilation·(k − 1) − 1) / stride) + 1` (PyTorch's formula).
 * - Options: `stride` (default 1), `dilation` (default 1), a number or one per spatial axis;
 *   `padding` (default 0): a number or one per spatial axis (both sides), `"valid"` (0) or `"same"`
 *   (stride 1 only: total `dilation·(k − 1)`, the odd one on the right, like PyTorch); `groups`
 *   (default 1), which must divide C and O; `bias`, a tensor `[O]` (in the shape rule: its shape).
 * - Errors (`SHAPE_CONV`, checked in this order): an input or weight of the wrong rank; groups not
 *   dividing C, then O; C ≠ the weight's axis 1 × groups; a bias that is not `[O]`; `"same"` with a
 *   stride other than 1; per spatial axis, a kernel of size 0 or one that spans more than the padded
 *   input. Options that are not integers of the right sign are `INPUT_OPTION` errors.
 * - Named (symbolic) spatial dims: the result keeps the name where the output size equals the input
 *   size (stride 1 with `"same"` padding, or explicit padding of total `dilation·(k − 1)`); otherwise
 *   the size depends on the name's value and is `number` at compile time (`NaN` from the pure rule,
 *   which has no value for the name). A tensor op always runs on concrete sizes.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg, RuntimeDecidesArg } from "../../types/errors.js";
import type { ConvIdentityChecked, ConvOutcomeOf, ConvResult, Conv1dShape, Conv2dShape, Conv1dOptions, Conv2dOptions, ConvShapeOptions } from "../../types/ops/conv.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { allocate, commonDType } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { compareSizes, normalizeShape, validateSizes, labelsOf, type Labels } from "../symbolic.js";
import { checkTensor } from "../axes.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { convBiasGrad, convForward, convInputGrad, convWeightGrad, type Geometry } from "../kernels/conv.js";
import { reshapeTensor } from "./reshape.js";
import { describeValue } from "../shape.js";

// ---------------------------------------------------------------------------------------------
// Messages

const INPUT_LAYOUT = ["", "[N, C, L]", "[N, C, H, W]"] as const;
const WEIGHT_LAYOUT = ["", "[O, C/groups, K]", "[O, C/groups, kH, kW]"] as const;

/** Prints an option as given: `2`, `[2, 1]`. Mirrors `PrintOption`. */
export function formatOption(value: number | readonly number[]): string {
  return typeof value === "number" ? String(value) : formatShape(value);
}

/** Mirrors `WriteConvRankMessage`. */
export function writeConvRankMessage(op: string, x: Shape, w: Shape, operand: "input" | "weight", spatial: 1 | 2): string {
  const rank = operand === "input" ? x.length : w.length;
  const layout = operand === "input" ? INPUT_LAYOUT[spatial] : WEIGHT_LAYOUT[spatial];
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: the ${operand} has ${rank} axes, ${op} needs ${spatial + 2} (${layout})`;
}

/** Mirrors `WriteConvGroupsMessage`. */
export function writeConvGroupsMessage(op: string, x: Shape, w: Shape, groups: number, operand: "input" | "weight"): string {
  const what = operand === "input" ? `the input's ${formatDim(x[1]!)} channels (axis 1)` : `the weight's ${formatDim(w[0]!)} output channels (axis 0)`;
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: groups ${groups} does not divide ${what}`;
}

/** Mirrors `WriteConvChannelsMessage`. */
export function writeConvChannelsMessage(op: string, x: Shape, w: Shape, groups: number): string {
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: the input has ${formatDim(x[1]!)} channels, the weight takes ${formatDim(w[1]!)} per group × groups ${groups}; the input's axis 1 must be the weight's axis 1 × groups`;
}

/** Mirrors `WriteConvBiasMessage`. */
export function writeConvBiasMessage(op: string, w: Shape, bias: Shape): string {
  return `SHAPE_CONV: ${op}: bias ${formatShape(bias)} does not fit the weight ${formatShape(w)}: the bias must be ${formatShape([w[0]!])}, one value per output channel`;
}

/** Mirrors `WriteConvSameMessage`. */
export function writeConvSameMessage(op: string, x: Shape, w: Shape, stride: number | readonly number[]): string {
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: padding 'same' needs stride 1, got stride ${formatOption(stride)}; give the padding as numbers`;
}

/** Mirrors `WriteConvKernelMessage`. */
export function writeConvKernelMessage(op: string, x: Shape, w: Shape, axis: number, span: bigint, padded: bigint): string {
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: axis ${axis}: the kernel spans ${span} but the padded input is ${padded}; pad more, or use a smaller kernel or dilation`;
}

/** Mirrors `WriteConvEmptyKernelMessage`. */
export function writeConvEmptyKernelMessage(op: string, x: Shape, w: Shape, axis: number): string {
  return `SHAPE_CONV: ${op}: cannot convolve ${formatShape(x)} with ${formatShape(w)}: the kernel's axis ${axis} is 0; a kernel needs at least one tap per axis`;
}

// ---------------------------------------------------------------------------------------------
// Options (shared with pooling)

/** `value` as one positive (or, with `zero`, non-negative) integer per spatial axis; `INPUT_OPTION` otherwise. */
export function perAxis(op: string, name: string, value: unknown, spatial: number, fallback: number, zero = false): number[] {
  if (value === undefined) return new Array<number>(spatial).fill(fallback);
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && (zero ? v >= 0 : v >= 1);
  if (ok(value)) return new Array<number>(spatial).fill(value);
  if (Array.isArray(value) && value.length === spatial && value.every(ok)) return [...value] as number[];
  const what = zero ? "a non-negative integer" : "a positive integer";
  throw new InputError("INPUT_OPTION", `${op}: ${name} must be ${what} or ${spatial} of them, got ${describe(value)}`);
}

/** A value for an option's message: an array's elements one level deep (never recursing into a cycle). */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => describeValue(item)).join(", ")}]`;
  return describeValue(value);
}

/** The options object itself: `undefined` or an object (`INPUT_OPTION` otherwise). */
export function optionsObject(op: string, opts: unknown): Record<string, unknown> {
  if (opts === undefined) return {};
  if (typeof opts !== "object" || opts === null || Array.isArray(opts)) throw new InputError("INPUT_OPTION", `${op}: the options must be an object, got ${describe(opts)}`);
  return opts as Record<string, unknown>;
}

/** Everything a convolution needs once its shapes are checked. */
interface ConvPlan {
  readonly out: Dim[];
  readonly stride: number[];
  readonly dilation: number[];
  /** Padding before each spatial axis (after is implied by the output size). */
  readonly padBefore: number[];
  readonly groups: number;
}

/**
 * The rule, for the shape rule and the op alike: checks in the order of the module comment and
 * returns the output shape and the normalised options. `bias` is the bias's shape, or `undefined`.
 */
function convPlan(op: string, spatial: 1 | 2, xGiven: Shape, wGiven: Shape, options: Record<string, unknown>, biasGiven: Shape | undefined): ConvPlan {
  const x = normalizeShape(op, validateSizes(op, xGiven));
  const w = normalizeShape(op, validateSizes(op, wGiven));
  const bias = biasGiven === undefined ? undefined : normalizeShape(op, validateSizes(op, biasGiven));
  const stride = perAxis(op, "stride", options.stride, spatial, 1);
  const dilation = perAxis(op, "dilation", options.dilation, spatial, 1);
  const padding = options.padding;
  const same = padding === "same";
  const pads = same ? [] : perAxis(op, "padding", padding === "valid" ? 0 : padding, spatial, 0, true);
  const groups = options.groups ?? 1;
  if (typeof groups !== "number" || !Number.isSafeInteger(groups) || groups < 1) {
    throw new InputError("INPUT_OPTION", `${op}: groups must be a positive integer, got ${describe(groups)}`);
  }
  const fail = (message: string): never => {
    throw new ShapeError("SHAPE_CONV", op, bias === undefined ? [x, w] : [x, w, bias], message);
  };
  if (x.length !== spatial + 2) fail(writeConvRankMessage(op, x, w, "input", spatial));
  if (w.length !== spatial + 2) fail(writeConvRankMessage(op, x, w, "weight", spatial));
  const [c, cw, o] = [x[1]!, w[1]!, w[0]!];
  if (groups !== 1) {
    if (typeof c === "number" && c % groups !== 0) fail(writeConvGroupsMessage(op, x, w, groups, "input"));
    if (typeof o === "number" && o % groups !== 0) fail(writeConvGroupsMessage(op, x, w, groups, "weight"));
    if (typeof c === "number" && typeof cw === "number" && cw * groups !== c) fail(writeConvChannelsMessage(op, x, w, groups));
  } else if (compareSizes(c, cw) !== "equal") {
    fail(writeConvChannelsMessage(op, x, w, groups));
  }
  if (bias !== undefined && (bias.length !== 1 || compareSizes(bias[0]!, o) !== "equal")) fail(writeConvBiasMessage(op, w, bias));
  if (same && stride.some((s) => s !== 1)) fail(writeConvSameMessage(op, x, w, options.stride as number | number[]));
  const out: Dim[] = [x[0]!, o];
  const padBefore: number[] = [];
  for (let i = 0; i < spatial; i++) {
    const size = x[i + 2]!;
    const k = w[i + 2]!;
    const d = dilation[i]!;
    if (k === 0) fail(writeConvEmptyKernelMessage(op, x, w, i + 2));
    const total = typeof k === "number" ? d * (k - 1) : Number.NaN;
    if (same) {
      // Total padding dilation·(k − 1), the odd one on the right: the output is the input.
      padBefore.push(Math.floor(total / 2));
      if (size === 0 && typeof k === "number") fail(writeConvKernelMessage(op, x, w, i + 2, BigInt(total) + 1n, BigInt(total)));
      out.push(size);
      continue;
    }
    const pad = pads[i]!;
    padBefore.push(pad);
    if (typeof size === "string" || typeof k === "string") {
      // A name: kept where the output size is the input size, else unknown here (see the module comment).
      out.push(typeof size === "string" && stride[i] === 1 && 2 * pad === total ? size : Number.NaN);
      continue;
    }
    // In BigInt: intermediate sizes may pass 2^53 − 1 (as on the type level's digit strings).
    const span = BigInt(d) * BigInt(k - 1) + 1n;
    const padded = BigInt(size) + 2n * BigInt(pad);
    if (padded < span) fail(writeConvKernelMessage(op, x, w, i + 2, span, padded));
    out.push(Number((padded - span) / BigInt(stride[i]!) + 1n));
  }
  return { out, stride, dilation, padBefore, groups };
}

/** The shape-rule form of the options: `bias` is the bias's shape. */
function ruleOptions(op: string, opts: unknown): [Record<string, unknown>, Shape | undefined] {
  const options = optionsObject(op, opts);
  const bias = options.bias;
  if (bias !== undefined && !Array.isArray(bias)) throw new InputError("INPUT_OPTION", `${op}: bias must be a shape (an array of dims), got ${describe(bias)}`);
  return [options, bias as Shape | undefined];
}

/**
 * The shape of `conv1d(x, w, opts)`: `[N, C, L]` with `[O, C/groups, K]` gives `[N, O, L']`,
 * `L' = floor((L + 2·padding − dilation·(K − 1) − 1) / stride) + 1`. `opts.bias` is the bias's shape.
 * @example
 * conv1dShape([8, 3, 100], [16, 3, 5], { stride: 2 }); //=> [8, 16, 48]
 * conv1dShape([8, 3, 100], [16, 3, 5], { padding: "same" }); //=> [8, 16, 100]
 * conv1dShape([8, 3, 100], [16, 4, 5]); //=> throws SHAPE_CONV
 * @throws ShapeError `SHAPE_CONV`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_OPTION`
 */
export function conv1dShape<const X extends Dim[], const W extends Dim[], const Opts extends ConvShapeOptions<1> = {}>(
  x: X,
  w: CheckedArg<W, Conv1dShape<X, W, Opts>>,
  opts?: Opts,
): Conv1dShape<X, W, Opts> {
  const [options, bias] = ruleOptions("conv1dShape", opts);
  return convPlan("conv1dShape", 1, x as Shape, w as Shape, options, bias).out as never;
}

/**
 * The shape of `conv2d(x, w, opts)`: `[N, C, H, W]` with `[O, C/groups, kH, kW]` gives
 * `[N, O, H', W']`, per axis `floor((in + 2·padding − dilation·(k − 1) − 1) / stride) + 1`.
 * @example
 * conv2dShape([64, 1, 8, 8], [8, 1, 3, 3], { padding: 1 }); //=> [64, 8, 8, 8]
 * conv2dShape([1, 4, 28, 28], [6, 2, 5, 5], { stride: [2, 1], groups: 2 }); //=> [1, 6, 12, 24]
 * conv2dShape([1, 3, 8, 8], [4, 3, 3, 3], { padding: "same", stride: 2 }); //=> throws SHAPE_CONV
 * @throws ShapeError `SHAPE_CONV`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_OPTION`
 */
export function conv2dShape<const X extends Dim[], const W extends Dim[], const Opts extends ConvShapeOptions<2> = {}>(
  x: X,
  w: CheckedArg<W, Conv2dShape<X, W, Opts>>,
  opts?: Opts,
): Conv2dShape<X, W, Opts> {
  const [options, bias] = ruleOptions("conv2dShape", opts);
  return convPlan("conv2dShape", 2, x as Shape, w as Shape, options, bias).out as never;
}

// ---------------------------------------------------------------------------------------------
// The primitive

interface Saved {
  readonly geo: Geometry;
}

/** Gradient rule: `dx` scatters `g` back through the taps, `dw` correlates `g` with `x`, `db` sums `g`. */
const GRADIENT: GradRule<Saved> = (g, [x, w, bias], _out, { geo }) => {
  const gData = contiguousData(g);
  let dx: Tensor | null = null;
  let dw: Tensor | null = null;
  let db: Tensor | null = null;
  if (x!.requiresGrad) {
    const data = allocate(x!.dtype, x!.size);
    convInputGrad(geo, gData, contiguousData(w!), data);
    dx = fromStorage(data, x!.shape);
  }
  if (w!.requiresGrad) {
    const data = allocate(w!.dtype, w!.size);
    convWeightGrad(geo, gData, contiguousData(x!), data);
    dw = fromStorage(data, w!.shape);
  }
  if (bias?.requiresGrad) {
    const data = allocate(bias.dtype, bias.size);
    convBiasGrad(geo, gData, data);
    db = fromStorage(data, bias.shape);
  }
  return bias === undefined ? [dx, dw] : [dx, dw, db];
};

/** Primitive: the 2-D convolution of 4-D `x` and `w` (checked), plus `bias`. */
function convolve(x: Tensor, w: Tensor, bias: Tensor | undefined, plan: ConvPlan): Tensor {
  const [n, c, h, width] = x.dims as [number, number, number, number];
  const [o, , kh, kw] = w.dims as [number, number, number, number];
  const [oh, ow] = plan.out.length === 4 ? (plan.out.slice(2) as [number, number]) : [1, plan.out[2] as number];
  const pair = (v: number[]): [number, number] => (v.length === 2 ? (v as [number, number]) : [1, v[0]!]);
  const [sh, sw] = pair(plan.stride);
  const [dh, dw] = pair(plan.dilation);
  const [ph, pw] = plan.padBefore.length === 2 ? (plan.padBefore as [number, number]) : [0, plan.padBefore[0]!];
  const geo: Geometry = { n, c, h, w: width, o, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups: plan.groups };
  const out = allocate(x.dtype, n * o * oh * ow, "conv");
  convForward(geo, contiguousData(x), contiguousData(w), bias === undefined ? undefined : contiguousData(bias), out);
  const inputs = bias === undefined ? [x, w] : [x, w, bias];
  // Names: the batch's, the output channels' (w's axis 0), a spatial axis's where its size is kept.
  const labels = (): Labels => {
    const lx = labelsOf(x);
    return [lx?.[0], labelsOf(w)?.[0], oh === h ? lx?.[2] : undefined, ow === width ? lx?.[3] : undefined];
  };
  return record(fromStorage(out, [n, o, oh, ow]), "conv", inputs, GRADIENT, { geo }, labels);
}

/** The op behind `conv1d` and `conv2d`. */
function convOp(op: string, spatial: 1 | 2, x: Tensor, w: Tensor, opts: unknown): Tensor {
  checkTensor(op, x, "x");
  checkTensor(op, w, "w");
  const options = optionsObject(op, opts);
  const bias = options.bias;
  if (bias !== undefined) checkTensor(op, bias, "bias");
  const biasTensor = bias as Tensor | undefined;
  commonDType(op, biasTensor === undefined ? [x.dtype, w.dtype] : [x.dtype, w.dtype, biasTensor.dtype]);
  const plan = convPlan(op, spatial, x.dims, w.dims, options, biasTensor?.dims);
  if (spatial === 2) return convolve(x, w, biasTensor, plan);
  const [n, c, length] = x.dims as [number, number, number];
  const [o, cw, k] = w.dims as [number, number, number];
  const y = convolve(reshapeTensor(x, [n, c, 1, length]), reshapeTensor(w, [o, cw, 1, k]), biasTensor, plan);
  return reshapeTensor(y, plan.out as number[]);
}

// ---------------------------------------------------------------------------------------------
// The ops

/**
 * 1-D convolution (PyTorch's `conv1d`, cross-correlation): `x [N, C, L]`, `w [O, C/groups, K]`,
 * `opts = { stride?, padding?: number | "valid" | "same", dilation?, groups?, bias?: Tensor<[O]> }`;
 * the result is `[N, O, L']` (see `conv1dShape`). Runs as `conv2d` with H = 1. Gradient: to `x`, `w`
 * and `bias`.
 * @example
 * conv1d(tensor([[[1, 2, 3, 4]]]), tensor([[[1, 1]]])).toArray(); //=> [[[3, 5, 7]]]
 * conv1d(zeros([8, 3, 100]), zeros([16, 3, 5]), { padding: "same" }).shape; //=> [8, 16, 100]
 * @throws ShapeError `SHAPE_CONV`; InputError `INPUT_OPTION`, `INPUT_OPERAND`, `INPUT_DTYPE_MISMATCH`
 */
export function conv1d<X extends Shape, W extends Shape, const Opts extends Conv1dOptions = {}>(
  x: Tensor<X>,
  w: ConvIdentityChecked<X, W, Opts, "conv1d", RuntimeDecidesArg<X, Tensor<W>, ConvOutcomeOf<1, X, W, Opts, "conv1d">>>,
  opts?: Opts,
): Tensor<ConvResult<1, X, W, Opts, "conv1d">> {
  return convOp("conv1d", 1, x, w as Tensor<W>, opts) as never;
}

/**
 * 2-D convolution (PyTorch's `conv2d`, cross-correlation): `x [N, C, H, W]`, `w [O, C/groups, kH, kW]`,
 * `opts = { stride?, padding?: number | [number, number] | "valid" | "same", dilation?, groups?,
 * bias?: Tensor<[O]> }`; the result is `[N, O, H', W']` (see `conv2dShape`). Gradient: to `x`
 * (the output gradient scattered back through the kernel), `w` (its correlation with `x`) and `bias`
 * (its sum over batch and positions).
 * @example
 * conv2d(tensor([[[[1, 2], [3, 4]]]]), tensor([[[[1, 1], [1, 1]]]])).toArray(); //=> [[[[10]]]]
 * conv2d(zeros([64, 1, 8, 8]), zeros([8, 1, 3, 3]), { padding: 1 }).shape; //=> [64, 8, 8, 8]
 * @throws ShapeError `SHAPE_CONV`; InputError `INPUT_OPTION`, `INPUT_OPERAND`, `INPUT_DTYPE_MISMATCH`
 */
export function conv2d<X extends Shape, W extends Shape, const Opts extends Conv2dOptions = {}>(
  x: Tensor<X>,
  w: ConvIdentityChecked<X, W, Opts, "conv2d", RuntimeDecidesArg<X, Tensor<W>, ConvOutcomeOf<2, X, W, Opts, "conv2d">>>,
  opts?: Opts,
): Tensor<ConvResult<2, X, W, Opts, "conv2d">> {
  return convOp("conv2d", 2, x, w as Tensor<W>, opts) as never;
}

/** The type of `Tensor#conv1d`: a top-level function type (no per-shape instantiation). */
type Conv1dMethod = <Self extends Shape, W extends Shape, const Opts extends Conv1dOptions = {}>(
  this: Tensor<Self>,
  w: ConvIdentityChecked<Self, W, Opts, "conv1d", RuntimeDecidesArg<Self, Tensor<W>, ConvOutcomeOf<1, Self, W, Opts, "conv1d">>>,
  opts?: Opts,
) => Tensor<ConvResult<1, Self, W, Opts, "conv1d">>;

/** The type of `Tensor#conv2d`. */
type Conv2dMethod = <Self extends Shape, W extends Shape, const Opts extends Conv2dOptions = {}>(
  this: Tensor<Self>,
  w: ConvIdentityChecked<Self, W, Opts, "conv2d", RuntimeDecidesArg<Self, Tensor<W>, ConvOutcomeOf<2, Self, W, Opts, "conv2d">>>,
  opts?: Opts,
) => Tensor<ConvResult<2, Self, W, Opts, "conv2d">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * 1-D convolution of this `[N, C, L]` tensor with `w [O, C/groups, K]` (see `conv1d`).
     * @example
     * zeros([2, 3, 10]).conv1d(zeros([4, 3, 3])).shape; //=> [2, 4, 8]
     * @throws ShapeError `SHAPE_CONV`
     */
    conv1d: Conv1dMethod;
    /**
     * 2-D convolution of this `[N, C, H, W]` tensor with `w [O, C/groups, kH, kW]` (see `conv2d`).
     * @example
     * zeros([2, 3, 8, 8]).conv2d(zeros([4, 3, 3, 3]), { padding: "same" }).shape; //=> [2, 4, 8, 8]
     * @throws ShapeError `SHAPE_CONV`
     */
    conv2d: Conv2dMethod;
  }
}

Tensor.prototype.conv1d = function (this: Tensor, w: Tensor, opts?: Conv1dOptions) {
  return convOp("conv1d", 1, this, w, opts);
} as never;
Tensor.prototype.conv2d = function (this: Tensor, w: Tensor, opts?: Conv2dOptions) {
  return convOp("conv2d", 2, this, w, opts);
} as never;

/**
 * The runtime shape rules of `shapecheck/tfjs` where TensorFlow.js's semantics differ from the
 * built-in ops' (NumPy's): matMul's rank and transpose flags, softmax's last-axis limit, the losses'
 * same-shape rule, gather, oneHot, and the reshaping methods (`flatten`, `asND`, `asScalar`: the
 * built-in reshape rule under tfjs's method names). Everything else reuses the built-in rules (src/ops/*) as they
 * are, so their messages are byte-identical. Mirrors types/tfjs/rules.ts message for message. Pure
 * functions on shapes: nothing here imports tfjs.
 */
import type { Dim, Shape } from "../../types/shape.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { normalizeAxis } from "../axes.js";
import { matmulShapeFor } from "../ops/matmul.js";
import { formatOption, perAxis } from "../ops/conv.js";
import { compareSizes } from "../symbolic.js";
import { describeValue, swapLastTwoDims } from "../shape.js";
import { checkShapesEqual } from "../ops/same-shape.js";
import { symbolicSlice } from "../ops/slice.js";
import { reshapedFor } from "../ops/reshape.js";
import { einsumFor } from "../ops/einsum.js";
import type { TfReshapeMethod } from "../../types/tfjs/rules.js";

export type { TfReshapeMethod };

/** Mirrors `WriteTfMatMulRankMessage`. */
export function writeTfMatMulRankMessage(left: Shape, right: Shape, side: "left" | "right"): string {
  return `SHAPE_MATMUL: matMul: cannot multiply ${formatShape(left)} by ${formatShape(right)}: the ${side} operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)`;
}

/** `shape` with its last two axes swapped (what a transpose flag multiplies). */
export const swapLastTwo = swapLastTwoDims;

/**
 * The shape of tfjs's `matMul(a, b, transposeA, transposeB)`: both operands need at least 2 axes
 * (tfjs does not promote vectors as NumPy does); the flags swap an operand's last two axes; then the
 * built-in rule (inner dims equal, batch dims broadcast) on the operands as multiplied, with its
 * messages (op `matmul`).
 * @example
 * tfMatMulShape([64, 784], [128, 784], false, true); //=> [64, 128]
 * @throws ShapeError `SHAPE_MATMUL`, `SHAPE_BROADCAST`
 */
export function tfMatMulShape(left: Shape, right: Shape, transposeA = false, transposeB = false): Dim[] {
  if (left.length === 1 && right.length !== 0) throw new ShapeError("SHAPE_MATMUL", "matMul", [left, right], writeTfMatMulRankMessage(left, right, "left"));
  if (right.length === 1 && left.length !== 0) throw new ShapeError("SHAPE_MATMUL", "matMul", [left, right], writeTfMatMulRankMessage(left, right, "right"));
  return matmulShapeFor("matmul", transposeA ? swapLastTwo(left) : left, transposeB ? swapLastTwo(right) : right);
}

/** Mirrors `WriteTfLastAxisMessage`. */
export function writeTfLastAxisMessage(op: string, shape: Shape, axis: number): string {
  return `SHAPE_AXIS: ${op}: axis ${axis} of ${formatShape(shape)} is not the last axis; tfjs computes ${op} only along the last axis (transpose that axis to the end first)`;
}

/**
 * tfjs's softmax/logSoftmax axis: in range (the built-in `SHAPE_AXIS` message), and the last one.
 * @example
 * tfSoftmaxAxis("softmax", [2, 3], -1); //=> 1
 * @throws ShapeError `SHAPE_AXIS`
 */
export function tfSoftmaxAxis(op: string, shape: Shape, axis = -1): number {
  const index = normalizeAxis(op, shape, axis);
  if (index !== shape.length - 1) throw new ShapeError("SHAPE_AXIS", op, [shape], writeTfLastAxisMessage(op, shape, axis));
  return index;
}

/**
 * Checks that two shapes are equal (tfjs's losses do not broadcast labels against predictions):
 * the rank first, then the first axis that differs — the built-in ops' check with tfjs's tail.
 * @example
 * checkSameShape("meanSquaredError", "labels", "predictions", [8, 1], [8, 1]); //=> undefined
 * @throws ShapeError `SHAPE_MISMATCH`
 */
export function checkSameShape(op: string, leftName: string, rightName: string, left: Shape, right: Shape): void {
  checkShapesEqual(op, leftName, left, rightName, right, "tfjs does not broadcast them");
}

/** Mirrors `WriteTfGatherMessage`. */
export function writeTfGatherMessage(shape: Shape, indices: Shape, axis: number, batchDims: number, detail: string): string {
  return `SHAPE_GATHER: gather: cannot gather from ${formatShape(shape)} by indices ${formatShape(indices)} at axis ${axis} with batchDims ${batchDims}: ${detail}`;
}

/**
 * The shape of tfjs's `gather(x, indices, axis = 0, batchDims = 0)`:
 * `x.shape[:axis] + indices.shape[batchDims:] + x.shape[axis + 1:]`. The axis must be in range
 * (`SHAPE_AXIS`, the built-in message); `batchDims` must be an integer from `-rank(indices)` to
 * `rank(indices)` (a negative one counts from the end of the indices' axes), at most the (normalised)
 * axis, and the first `batchDims` axes of `x` and of the indices must be equal (`SHAPE_GATHER`).
 * @example
 * gatherShape([10, 4], [3], 0); //=> [3, 4]
 * gatherShape([2, 5, 4], [2, 3], 1, 1); //=> [2, 3, 4]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_GATHER`
 */
export function gatherShape(shape: Shape, indices: Shape, axis = 0, batchDims = 0): Dim[] {
  const index = normalizeAxis("gather", shape, axis);
  const fail = (detail: string): never => {
    throw new ShapeError("SHAPE_GATHER", "gather", [shape, indices], writeTfGatherMessage(shape, indices, axis, batchDims, detail));
  };
  const rank = indices.length;
  if (!Number.isInteger(batchDims) || batchDims < -rank || batchDims > rank) {
    fail(rank === 0 ? "the indices are a scalar, so batchDims must be 0" : `batchDims must be an integer from -${rank} to ${rank} (the indices have ${rank} axes)`);
  }
  const batch = batchDims < 0 ? batchDims + rank : batchDims;
  if (batch > index) fail(`batchDims ${batch} is more than the gathered axis ${index} (the batch axes must come before it)`);
  for (let i = 0; i < batch; i++) {
    if (compareSizes(shape[i]!, indices[i]!) !== "equal") {
      fail(`batch axis ${i} is ${formatDim(shape[i]!)} in x but ${formatDim(indices[i]!)} in the indices; they must be equal`);
    }
  }
  return [...shape.slice(0, index), ...indices.slice(batch), ...shape.slice(index + 1)];
}

// ---------------------------------------------------------------------------------------------
// conv2d, maxPool, avgPool (TensorFlow's layouts and output sizes)

/** tfjs's `pad` argument of conv2d and pooling: `"valid"`, `"same"`, or explicit symmetric padding. */
export type TfPad = "valid" | "same" | number;
/** tfjs's `dataFormat` of conv2d. */
export type TfDataFormat = "NHWC" | "NCHW";

const TF_INPUT_LAYOUT = { NHWC: "[N, H, W, C]", NCHW: "[N, C, H, W]" } as const;

/** Mirrors `WriteTfConvRankMessage`. */
export function writeTfConvRankMessage(x: Shape, filter: Shape, operand: "input" | "filter", dataFormat: TfDataFormat): string {
  const rank = operand === "input" ? x.length : filter.length;
  const layout = operand === "input" ? TF_INPUT_LAYOUT[dataFormat] : "[kH, kW, inC, outC]";
  return `SHAPE_CONV: conv2d: cannot convolve ${formatShape(x)} with ${formatShape(filter)}: the ${operand} has ${rank} axes, conv2d needs 4 (${layout})`;
}

/** Mirrors `WriteTfConvChannelsMessage`. */
export function writeTfConvChannelsMessage(x: Shape, filter: Shape, axis: 1 | 3): string {
  return `SHAPE_CONV: conv2d: cannot convolve ${formatShape(x)} with ${formatShape(filter)}: the input has ${formatDim(x[axis]!)} channels (axis ${axis}), the filter takes ${formatDim(filter[2]!)} (axis 2); they must be equal`;
}

/** Mirrors `WriteTfConvEmptyKernelMessage`. */
export function writeTfConvEmptyKernelMessage(x: Shape, filter: Shape, axis: 0 | 1): string {
  return `SHAPE_CONV: conv2d: cannot convolve ${formatShape(x)} with ${formatShape(filter)}: the filter's axis ${axis} is 0; a kernel needs at least one tap per axis`;
}

/** Mirrors `WriteTfConvKernelMessage`. */
export function writeTfConvKernelMessage(x: Shape, filter: Shape, axis: number, span: bigint, padded: bigint): string {
  return `SHAPE_CONV: conv2d: cannot convolve ${formatShape(x)} with ${formatShape(filter)}: axis ${axis}: the kernel spans ${span} but the padded input is ${padded}; pad more, or use a smaller kernel or dilation`;
}

/** Mirrors `WriteTfPoolRankMessage`. */
export function writeTfPoolRankMessage(op: string, x: Shape, filterSize: number | readonly number[]): string {
  return `SHAPE_POOL: ${op}: cannot pool ${formatShape(x)} with filterSize ${formatOption(filterSize)}: the input has ${x.length} axes, ${op} needs 4 ([N, H, W, C])`;
}

/** Mirrors `WriteTfPoolWindowMessage`. */
export function writeTfPoolWindowMessage(op: string, x: Shape, filterSize: number | readonly number[], axis: number, span: bigint, padded: bigint): string {
  return `SHAPE_POOL: ${op}: cannot pool ${formatShape(x)} with filterSize ${formatOption(filterSize)}: axis ${axis}: the window spans ${span} but the padded input is ${padded}; pad more, or use a smaller filterSize`;
}

/** `pad` checked: `"valid"`, `"same"` or a non-negative integer (`INPUT_OPTION` otherwise). */
function tfPad(op: string, pad: unknown): TfPad {
  if (pad === "valid" || pad === "same" || (typeof pad === "number" && Number.isSafeInteger(pad) && pad >= 0)) return pad;
  throw new InputError("INPUT_OPTION", `${op}: pad must be "valid", "same" or a non-negative integer, got ${describeValue(pad)}`);
}

/**
 * One spatial axis, TensorFlow's output size: with the effective kernel `span = (k − 1)·d + 1`,
 * `"same"` gives `ceil(in / s)`, `"valid"` `ceil((in − span + 1) / s)`, a number `p`
 * `floor((in + 2p − span) / s) + 1`. `"too big"` when the window does not fit the padded input;
 * `NaN` for a size that depends on a name's value.
 */
function tfWindow(size: Dim, k: Dim, stride: number, pad: TfPad, dilation: number): Dim | { span: bigint; padded: bigint } {
  if (pad === "same") {
    if (typeof size === "string") return stride === 1 ? size : Number.NaN;
    return Number((BigInt(size) + BigInt(stride) - 1n) / BigInt(stride));
  }
  if (typeof size === "string" || typeof k === "string") return Number.NaN;
  const span = BigInt(dilation) * BigInt(k - 1) + 1n;
  const padded = BigInt(size) + 2n * BigInt(pad === "valid" ? 0 : pad);
  if (padded < span) return { span, padded };
  // "valid": ceil((in − span + 1) / s) = floor((in − span) / s) + 1 once in ≥ span.
  return Number((padded - span) / BigInt(stride) + 1n);
}

/**
 * The shape of tfjs's `conv2d(x, filter, strides, pad, dataFormat = "NHWC", dilations = 1)`: `x`
 * `[N, H, W, C]` (or `[N, C, H, W]`), `filter` `[kH, kW, C, outC]`; the result is `[N, H', W', outC]`
 * (or `[N, outC, H', W']`) with TensorFlow's output sizes (see `tfWindow`), each axis by its own
 * kernel, stride and dilation — with a numeric `pad` too, where tfjs 4.22's own conv2d sizes the width
 * by the kernel's height (the typed `conv2d` pads the input itself then). tfjs's unbatched rank-3
 * form is not accepted (`expandDims` adds the batch axis).
 * @example
 * tfConv2dShape([1, 28, 28, 1], [5, 5, 1, 8], 2, "same"); //=> [1, 14, 14, 8]
 * @throws ShapeError `SHAPE_CONV`; InputError `INPUT_OPTION`
 */
export function tfConv2dShape(x: Shape, filter: Shape, strides: unknown, pad: unknown, dataFormat: unknown = "NHWC", dilations: unknown = 1): Dim[] {
  const op = "conv2d";
  if (dataFormat !== "NHWC" && dataFormat !== "NCHW") throw new InputError("INPUT_OPTION", `${op}: dataFormat must be "NHWC" or "NCHW", got ${describeValue(dataFormat)}`);
  const stride = perAxis(op, "strides", strides, 2, 1);
  const dilation = perAxis(op, "dilations", dilations, 2, 1);
  const padding = tfPad(op, pad);
  if (stride.some((s) => s !== 1) && dilation.some((d) => d !== 1)) {
    throw new InputError("INPUT_OPTION", `${op}: either strides or dilations must be 1 (tfjs), got strides ${formatOption(strides as number)} and dilations ${formatOption(dilations as number)}`);
  }
  const fail = (message: string): never => {
    throw new ShapeError("SHAPE_CONV", op, [x, filter], message);
  };
  if (x.length !== 4) fail(writeTfConvRankMessage(x, filter, "input", dataFormat));
  if (filter.length !== 4) fail(writeTfConvRankMessage(x, filter, "filter", dataFormat));
  const channelAxis = dataFormat === "NHWC" ? 3 : 1;
  if (compareSizes(x[channelAxis]!, filter[2]!) !== "equal") fail(writeTfConvChannelsMessage(x, filter, channelAxis));
  const first = dataFormat === "NHWC" ? 1 : 2;
  const spatial: Dim[] = [];
  for (const i of [0, 1] as const) {
    if (filter[i] === 0) fail(writeTfConvEmptyKernelMessage(x, filter, i));
    const out = tfWindow(x[first + i]!, filter[i]!, stride[i]!, padding, dilation[i]!);
    if (typeof out === "object") fail(writeTfConvKernelMessage(x, filter, first + i, out.span, out.padded));
    spatial.push(out as Dim);
  }
  return dataFormat === "NHWC" ? [x[0]!, spatial[0]!, spatial[1]!, filter[3]!] : [x[0]!, filter[3]!, spatial[0]!, spatial[1]!];
}

/**
 * The shape of tfjs's `maxPool(x, filterSize, strides, pad)` / `avgPool(…)`: `x` `[N, H, W, C]`
 * gives `[N, H', W', C]`, TensorFlow's output sizes (the window is `filterSize`).
 * @example
 * tfPoolShape("maxPool", [1, 28, 28, 8], 2, 2, "valid"); //=> [1, 14, 14, 8]
 * @throws ShapeError `SHAPE_POOL`; InputError `INPUT_OPTION`
 */
export function tfPoolShape(op: string, x: Shape, filterSize: unknown, strides: unknown, pad: unknown): Dim[] {
  const window = perAxis(op, "filterSize", filterSize, 2, 1);
  const stride = perAxis(op, "strides", strides, 2, 1);
  const padding = tfPad(op, pad);
  const given = filterSize as number | readonly number[];
  if (x.length !== 4) throw new ShapeError("SHAPE_POOL", op, [x], writeTfPoolRankMessage(op, x, given));
  const spatial: Dim[] = [];
  for (const i of [0, 1] as const) {
    const out = tfWindow(x[1 + i]!, window[i]!, stride[i]!, padding, 1);
    if (typeof out === "object") throw new ShapeError("SHAPE_POOL", op, [x], writeTfPoolWindowMessage(op, x, given, 1 + i, out.span, out.padded));
    spatial.push(out as Dim);
  }
  return [x[0]!, spatial[0]!, spatial[1]!, x[3]!];
}

// ---------------------------------------------------------------------------------------------
// slice(x, begin, size): tfjs's begin/size form

/** Mirrors `WriteTfSliceMessage`. */
export function writeTfSliceMessage(shape: Shape, detail: string): string {
  return `SHAPE_SLICE: slice: cannot slice ${formatShape(shape)}: ${detail}`;
}

/** `begin`/`size` as a list: a number is the first axis's (tfjs); `INPUT_OPTION` for anything else. */
function sliceList(name: "begin" | "size", value: unknown): readonly unknown[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value;
  throw new InputError("INPUT_OPTION", `slice: ${name} must be a number or an array of numbers, got ${describeValue(value)}`);
}

/**
 * The shape of tfjs's `slice(x, begin, size?)`: `begin` and `size` list one entry per axis from the
 * first (a number is the first axis's); a missing `begin` entry is 0, a missing `size` entry (or an
 * omitted `size`) is -1, "the rest of the axis". Per axis, `begin` must be an integer from 0 (tfjs
 * does not count from the end) and `size` a non-negative integer or -1, and the slice must end within
 * the axis. The result has `size` (or `dim − begin` for -1) per axis. Checked in order: a scalar,
 * the lists' lengths, then axis by axis the begin, the size and the end.
 * @example
 * tfSliceShape([4, 5], [1, 2], [2, -1]); //=> [2, 3]
 * tfSliceShape([4, 5], 1); //=> [3, 5]
 * @throws ShapeError `SHAPE_SLICE`; InputError `INPUT_OPTION`
 */
export function tfSliceShape(shape: Shape, begin: unknown, size?: unknown): Dim[] {
  const fail = (detail: string): never => {
    throw new ShapeError("SHAPE_SLICE", "slice", [shape], writeTfSliceMessage(shape, detail));
  };
  const begins = sliceList("begin", begin);
  const sizes = size === undefined || size === null ? [] : sliceList("size", size);
  if (shape.length === 0) fail("a scalar has no axes to slice");
  if (begins.length > shape.length) fail(`begin has ${begins.length} entries but the tensor has ${shape.length} axes`);
  if (sizes.length > shape.length) fail(`size has ${sizes.length} entries but the tensor has ${shape.length} axes`);
  return shape.map((dim, axis) => {
    const b = begins[axis] ?? 0;
    const z = sizes[axis] ?? -1;
    if (typeof b !== "number" || typeof z !== "number") throw new InputError("INPUT_OPTION", `slice: begin and size must hold numbers, got ${describeValue(typeof b !== "number" ? b : z)}`);
    if (!Number.isSafeInteger(b) || b < 0) fail(`axis ${axis}: begin ${b} is not a non-negative integer (tfjs's slice does not count from the end)`);
    if (z !== -1 && (!Number.isSafeInteger(z) || z < 0)) fail(`axis ${axis}: size ${z} is neither a non-negative integer nor -1 (the rest of the axis)`);
    // A named dim: kept whole, or the built-in slice's derived name (`n[2:]`); the type says `number`.
    if (typeof dim === "string") return z === -1 ? symbolicSlice(dim, b, undefined, undefined) : z;
    if (z === -1) {
      if (b > dim) fail(`axis ${axis}: begin ${b} is past the end (${dim})`);
      return dim - b;
    }
    if (b + z > dim) fail(`axis ${axis}: begin ${b} + size ${z} = ${b + z} is past the end (${dim})`);
    return z;
  });
}

// ---------------------------------------------------------------------------------------------
// The reshaping methods: x.flatten(), x.as1D() … x.as5D(…), x.asScalar()

/**
 * The shape of tfjs's reshaping methods, each a `reshape` in tfjs: `flatten()` and `as1D()` →
 * `[size]` (the reshape to `[-1]`), `asScalar()` → `[]` (tfjs requires one element), `as2D(r, c)` …
 * `as5D(…)` → exactly `dims` (one `-1` inferred, as tfjs's reshape does). The built-in reshape rule
 * with the method's name in its messages (`dims` is read only by the asND methods).
 * @example
 * tfReshapeShape("flatten", [2, 3, 4]); //=> [24]
 * tfReshapeShape("as2D", [6], [-1, 2]); //=> [3, 2]
 * tfReshapeShape("asScalar", [2, 3]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_RESHAPE`, `SHAPE_INVALID_SHAPE`
 */
export function tfReshapeShape(op: TfReshapeMethod, shape: Shape, dims: readonly unknown[] = []): Dim[] {
  return reshapedFor(op, shape, op === "flatten" || op === "as1D" ? [-1] : op === "asScalar" ? [] : dims);
}

// ---------------------------------------------------------------------------------------------
// einsum(equation, ...tensors)

/**
 * `SHAPE_EINSUM: einsum: 'ii->i': TensorFlow.js's einsum does not take an index twice in one operand
 * (operand 0's 'ii'); …`: subscripts NumPy reads but tfjs's einsum does not. Mirrors `WriteTfEinsumMessage`.
 */
export function writeTfEinsumMessage(subscripts: string, detail: string): string {
  return `SHAPE_EINSUM: einsum: '${subscripts}': TensorFlow.js's einsum ${detail}; the built-in einsum (shapecheck's own tensors) takes it`;
}

/**
 * tfjs's einsum: NumPy's rule (the built-in `einsum`'s, message for message), then what tfjs's own
 * einsum does not support — more than two operands, an index twice in one operand (a diagonal), `...`
 * — and what it computes wrongly: an operand without the first index summed over.
 * Mirrors `TfEinsumShape`.
 * @throws ShapeError `SHAPE_EINSUM`; InputError `INPUT_VALUE`
 */
export function tfEinsumShape(subscripts: unknown, shapes: readonly unknown[]): Dim[] {
  const { out } = einsumFor("einsum", subscripts, shapes, true);
  const text = subscripts as string;
  const fail = (detail: string) => new ShapeError("SHAPE_EINSUM", "einsum", shapes as Shape[], writeTfEinsumMessage(text, detail));
  if (shapes.length > 2) throw fail(`takes one or two operands, not ${shapes.length}`);
  if (text.includes("...")) throw fail("does not read '...' (name the axes with letters)");
  const [left, output] = text.split("->") as [string, string];
  const terms = left.split(",");
  terms.forEach((term, i) => {
    const twice = [...term].find((letter, at) => term.indexOf(letter) !== at);
    if (twice !== undefined) throw fail(`does not take an index twice in one operand (operand ${i}'s '${term}' repeats '${twice}')`);
  });
  // tfjs (4.22) sums the indices left out of the output one at a time, in the order the subscripts
  // first name them, multiplying in each operand at the first of them it has: an operand without the
  // first is multiplied in after a sum it should have been part of, or never — a wrong result, of the
  // right shape or not, without an error (test/tfjs/einsum.test.ts holds this rule to tfjs itself).
  const first = [...terms.join("")].find((letter) => !output.includes(letter));
  const without = first === undefined ? -1 : terms.findIndex((term) => term !== "" && !term.includes(first));
  if (without >= 0) {
    throw fail(`gives a wrong result here, without an error: it sums '${first}' first and leaves operand ${without} ('${terms[without]}'), which lacks it, out of that sum; sum '${first}' out of its operand beforehand (tf.sum)`);
  }
  return out;
}

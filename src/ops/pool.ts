/**
 * 2-D pooling (PyTorch's `max_pool2d`/`avg_pool2d`, NCHW): the shape rule `pool2dShape`, the
 * primitives with their gradient rules, `maxPool2d()`/`avgPool2d()` and the Tensor methods. Mirrors
 * types/ops/pool.ts rule for rule and message for message.
 *
 * - `x` is `[N, C, H, W]`; `opts = { kernel, stride? (default kernel), padding? (default 0),
 *   ceilMode? (default false) }`, each size a number or one per spatial axis; a bare number is the
 *   kernel (`maxPool2d(x, 2)`). The result is
 *   `[N, C, H', W']` with, per axis, `floor((in + 2·padding − kernel) / stride) + 1`; in ceil mode
 *   `ceil(…) + 1`, less one when the last window would start in the right padding (PyTorch's rule).
 * - Errors (`SHAPE_POOL`, in this order): an input that is not 4-D; padding more than half the
 *   kernel (`2·padding > kernel`, PyTorch's limit), axis 2 then 3; an empty output (the window does
 *   not fit the padded input), axis 2 then 3. Options that are not integers of the right sign are
 *   `INPUT_OPTION` errors.
 * - `maxPool2d` ignores padding (it is −∞); its gradient goes to the first largest element of each
 *   window. `avgPool2d` counts the zero padding in the divisor (PyTorch's default
 *   `count_include_pad=true`); a ceil-mode window that runs past the right padding is divided by the
 *   part inside the padded input only.
 * - A named spatial dim comes out as `number` (`NaN` from the pure rule): the output size depends on
 *   the name's value.
 */
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedPool, PoolResult, Pool2dOptions, Pool2dShape } from "../../types/ops/pool.js";

import { InputError, ShapeError, formatShape } from "../errors.js";
import { allocate } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { normalizeShape, validateSizes, labelsOf } from "../symbolic.js";
import { checkTensor } from "../axes.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { avgPoolForward, avgPoolGrad, maxPoolForward, maxPoolGrad, type Geometry } from "../kernels/conv.js";
import { optionsObject, perAxis } from "./conv.js";

/** Mirrors `WritePoolRankMessage`. */
export function writePoolRankMessage(op: string, x: Shape): string {
  return `SHAPE_POOL: ${op}: cannot pool ${formatShape(x)}: the input has ${x.length} axes, ${op} needs 4 ([N, C, H, W])`;
}

/** Mirrors `WritePoolPaddingMessage`. */
export function writePoolPaddingMessage(op: string, x: Shape, axis: number, padding: number, kernel: number): string {
  return `SHAPE_POOL: ${op}: cannot pool ${formatShape(x)}: axis ${axis}: padding ${padding} is more than half the window ${kernel} (at most ${Math.floor(kernel / 2)})`;
}

/** Mirrors `WritePoolWindowMessage`. */
export function writePoolWindowMessage(op: string, x: Shape, axis: number, kernel: number, padded: bigint): string {
  return `SHAPE_POOL: ${op}: cannot pool ${formatShape(x)}: axis ${axis}: the window ${kernel} is larger than the padded input ${padded}`;
}

interface PoolPlan {
  readonly out: Dim[];
  readonly kernel: number[];
  readonly stride: number[];
  readonly padding: number[];
}

/** The rule, for the shape rule and the ops alike. */
function poolPlan(op: string, given: Shape, opts: unknown): PoolPlan {
  const x = normalizeShape(op, validateSizes(op, given));
  const options = typeof opts === "number" ? { kernel: opts } : optionsObject(op, opts);
  if (options.kernel === undefined) throw new InputError("INPUT_OPTION", `${op}: the kernel size is required (opts.kernel)`);
  const kernel = perAxis(op, "kernel", options.kernel, 2, 1);
  const stride = options.stride === undefined ? kernel : perAxis(op, "stride", options.stride, 2, 1);
  const padding = perAxis(op, "padding", options.padding, 2, 0, true);
  const ceil = options.ceilMode ?? false;
  if (typeof ceil !== "boolean") throw new InputError("INPUT_OPTION", `${op}: ceilMode must be true or false`);
  if (x.length !== 4) throw new ShapeError("SHAPE_POOL", op, [x], writePoolRankMessage(op, x));
  for (let i = 0; i < 2; i++) {
    if (2 * padding[i]! > kernel[i]!) throw new ShapeError("SHAPE_POOL", op, [x], writePoolPaddingMessage(op, x, i + 2, padding[i]!, kernel[i]!));
  }
  const out: Dim[] = [x[0]!, x[1]!];
  for (let i = 0; i < 2; i++) {
    const size = x[i + 2]!;
    if (typeof size === "string") {
      out.push(Number.NaN); // depends on the name's value (see the module comment)
      continue;
    }
    // In BigInt: intermediate sizes may pass 2^53 − 1 (as on the type level's digit strings).
    const [k, s, p] = [BigInt(kernel[i]!), BigInt(stride[i]!), BigInt(padding[i]!)];
    const padded = BigInt(size) + 2n * p;
    const reach = padded + (ceil ? s - 1n : 0n);
    let count = reach < k ? 0n : (reach - k) / s + 1n;
    if (ceil && count > 0n && (count - 1n) * s >= BigInt(size) + p) count--; // the last window starts in the right padding
    if (count < 1n) throw new ShapeError("SHAPE_POOL", op, [x], writePoolWindowMessage(op, x, i + 2, kernel[i]!, padded));
    out.push(Number(count));
  }
  return { out, kernel, stride, padding };
}

/**
 * The shape of `maxPool2d(x, opts)` / `avgPool2d(x, opts)`: `[N, C, H, W]` gives `[N, C, H', W']`,
 * per axis `floor((in + 2·padding − kernel) / stride) + 1` (ceil mode: see the module comment).
 * @example
 * pool2dShape([64, 8, 8, 8], { kernel: 2 }); //=> [64, 8, 4, 4]
 * pool2dShape([1, 1, 5, 5], { kernel: 2, ceilMode: true }); //=> [1, 1, 3, 3]
 * pool2dShape([1, 1, 5, 5], { kernel: 2, padding: 2 }); //=> throws SHAPE_POOL
 * @throws ShapeError `SHAPE_POOL`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_OPTION`
 */
export function pool2dShape<const X extends Dim[], const Opts extends Pool2dOptions>(
  x: X,
  opts: CheckedArg<Opts, Pool2dShape<X, Opts>>,
): Pool2dShape<X, Opts> {
  return poolPlan("pool2dShape", x, opts).out as never;
}

function geometry(x: Tensor, plan: PoolPlan): Geometry {
  const [n, c, h, w] = x.dims as [number, number, number, number];
  const [oh, ow] = plan.out.slice(2) as [number, number];
  const [kh, kw] = plan.kernel as [number, number];
  const [sh, sw] = plan.stride as [number, number];
  const [ph, pw] = plan.padding as [number, number];
  return { n, c, h, w, o: c, kh, kw, oh, ow, sh, sw, ph, pw, dh: 1, dw: 1, groups: c };
}

/** Gradient rule of max pooling: each output gradient goes to its window's (first) largest input. */
const MAX_GRADIENT: GradRule<Float64Array> = (g, [x], _out, argmax) => {
  const dx = allocate(x!.dtype, x!.size);
  maxPoolGrad(contiguousData(g), argmax, dx);
  return [fromStorage(dx, x!.shape)];
};

/** Gradient rule of average pooling: each output gradient spread evenly over its window. */
const AVG_GRADIENT: GradRule<Geometry> = (g, [x], _out, geo) => {
  const dx = allocate(x!.dtype, x!.size);
  avgPoolGrad(geo, contiguousData(g), dx);
  return [fromStorage(dx, x!.shape)];
};

function poolOp(op: "maxPool2d" | "avgPool2d", x: Tensor, opts: unknown): Tensor {
  checkTensor(op, x, "x");
  const plan = poolPlan(op, x.dims, opts);
  const geo = geometry(x, plan);
  const out = allocate(x.dtype, geo.n * geo.c * geo.oh * geo.ow, op);
  const shape = plan.out as number[];
  // Names: batch and channels stay; a spatial axis keeps its name where its size is kept.
  const labels = () => labelsOf(x)?.map((label, axis) => (axis < 2 || shape[axis] === x.dims[axis] ? label : undefined));
  if (op === "maxPool2d") {
    const argmax = new Float64Array(out.length);
    maxPoolForward(geo, contiguousData(x), out, argmax);
    return record(fromStorage(out, shape), op, [x], MAX_GRADIENT, argmax, labels);
  }
  avgPoolForward(geo, contiguousData(x), out);
  return record(fromStorage(out, shape), op, [x], AVG_GRADIENT, geo, labels);
}

/**
 * 2-D max pooling (PyTorch's `max_pool2d`): `x [N, C, H, W]`, `opts = { kernel, stride? (default
 * kernel), padding?, ceilMode? }`; each output is the largest input in its window (padding never
 * wins). Gradient: to the first largest element of each window.
 * @example
 * maxPool2d(tensor([[[[1, 2], [3, 4]]]]), { kernel: 2 }).toArray(); //=> [[[[4]]]]
 * maxPool2d(zeros([64, 8, 8, 8]), { kernel: 2 }).shape; //=> [64, 8, 4, 4]
 * @throws ShapeError `SHAPE_POOL`; InputError `INPUT_OPTION`, `INPUT_OPERAND`
 */
export function maxPool2d<X extends Shape, const Opts extends Pool2dOptions>(
  x: Tensor<X>,
  opts: CheckedPool<X, Opts, "maxPool2d">,
): Tensor<PoolResult<X, Opts, "maxPool2d">> {
  return poolOp("maxPool2d", x, opts) as never;
}

/**
 * 2-D average pooling (PyTorch's `avg_pool2d` with `count_include_pad=true`): as `maxPool2d`, each
 * output the mean of its window, zero padding included in the count. Gradient: each output's
 * gradient divided evenly over its window.
 * @example
 * avgPool2d(tensor([[[[1, 2], [3, 4]]]]), { kernel: 2 }).toArray(); //=> [[[[2.5]]]]
 * avgPool2d(tensor([[[[4]]]]), { kernel: 2, padding: 1, stride: 1 }).toArray(); //=> [[[[1, 1], [1, 1]]]]
 * @throws ShapeError `SHAPE_POOL`; InputError `INPUT_OPTION`, `INPUT_OPERAND`
 */
export function avgPool2d<X extends Shape, const Opts extends Pool2dOptions>(
  x: Tensor<X>,
  opts: CheckedPool<X, Opts, "avgPool2d">,
): Tensor<PoolResult<X, Opts, "avgPool2d">> {
  return poolOp("avgPool2d", x, opts) as never;
}

/** The type of `Tensor#maxPool2d`/`avgPool2d`: a top-level function type (no per-shape instantiation). */
type PoolMethod<Op extends string> = <Self extends Shape, const Opts extends Pool2dOptions>(
  this: Tensor<Self>,
  opts: CheckedPool<Self, Opts, Op>,
) => Tensor<PoolResult<Self, Opts, Op>>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * 2-D max pooling of this `[N, C, H, W]` tensor (see `maxPool2d`).
     * @example
     * zeros([2, 3, 8, 8]).maxPool2d({ kernel: 2 }).shape; //=> [2, 3, 4, 4]
     * @throws ShapeError `SHAPE_POOL`
     */
    maxPool2d: PoolMethod<"maxPool2d">;
    /**
     * 2-D average pooling of this `[N, C, H, W]` tensor (see `avgPool2d`).
     * @example
     * zeros([2, 3, 8, 8]).avgPool2d({ kernel: 3, stride: 1, padding: 1 }).shape; //=> [2, 3, 8, 8]
     * @throws ShapeError `SHAPE_POOL`
     */
    avgPool2d: PoolMethod<"avgPool2d">;
  }
}

Tensor.prototype.maxPool2d = function (this: Tensor, opts: Pool2dOptions) {
  return poolOp("maxPool2d", this, opts);
} as never;
Tensor.prototype.avgPool2d = function (this: Tensor, opts: Pool2dOptions) {
  return poolOp("avgPool2d", this, opts);
} as never;

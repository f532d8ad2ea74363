/**
 * Reductions: `sum`, `max`, `min` (primitives with a kernel and a gradient rule), `mean` and
 * `logsumexp` (compositions), and the shape rule `reduceShape`. Mirrors types/ops/reduce.ts.
 *
 * `axis` is one axis, a list of axes, or omitted (every axis); negative axes count from the end;
 * `keepdims` keeps the reduced axes as size 1. An axis out of range or named twice is `SHAPE_AXIS`,
 * as is `max`/`min` over an axis of size 0 (no identity). `sum` of nothing is 0, `mean` NaN,
 * `logsumexp` −∞, as in NumPy.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { CheckedGivenAxis, EmptyGuard, ReduceAxesArg, ReduceAxesCheck, ReduceResult, ReduceShape, NoIdentityOp } from "../../types/ops/reduce.js";
import { ShapeError, formatShape } from "../errors.js";
import { axisArgument, checkTensor, normalizeAxes } from "../axes.js";
import { validateShape } from "../shape.js";
import { allocate, requireFloat } from "../dtype.js";
import { REDUCE, reduceKernel, type ReduceCode } from "../kernels/reduce.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousStrides, fromStorage, viewAs } from "../tensor.js";
import { expand } from "./broadcast.js";
import { add, div, mul, sub, compare } from "./elementwise.js";
import { astype, exp, log } from "./unary.js";
import { reducedLabels } from "../symbolic.js";

/** Mirrors `WriteEmptyReductionMessage`. */
export function writeEmptyReductionMessage(op: string, shape: Shape, axis: number): string {
  return `SHAPE_AXIS: ${op}: cannot reduce ${formatShape(shape)} over axis ${axis}: it has size 0 and ${op} has no identity`;
}

/**
 * The normalised axes a reduction named `op` selects from `shape` (every axis when `axis` is
 * `undefined`), in the order given; throws the mirrored `SHAPE_AXIS` errors, and `INPUT_AXIS` for an
 * `axis` that is not a number, a list of numbers or `undefined`.
 */
export function reducedAxesFor(op: string, shape: Shape, axis: ReduceAxesArg): number[] {
  const given = axisArgument(op, "axis", axis);
  const axes = given === undefined ? shape.map((_, index) => index) : normalizeAxes(op, shape, given, "axis");
  if (op === "max" || op === "min" || op === "argmax" || op === "argmin") {
    for (const index of axes) {
      if (shape[index] === 0) throw new ShapeError("SHAPE_AXIS", op, [shape], writeEmptyReductionMessage(op, shape, index));
    }
  }
  return axes;
}

/** The result shape of reducing `shape` over (normalised) `axes`. */
function reducedShape(shape: Shape, axes: readonly number[], keepdims: boolean): Dim[] {
  const out: Dim[] = [];
  shape.forEach((dim, index) => {
    if (!axes.includes(index)) out.push(dim);
    else if (keepdims) out.push(1);
  });
  return out;
}

/**
 * The shape of a reduction of `shape` over `axes` (omitted: every axis), keeping the reduced axes as
 * size 1 when `keepdims` is `true`.
 * @example
 * reduceShape([2, 3, 4], [0, -1]); //=> [3]
 * reduceShape([2, 3, 4], 1, true); //=> [2, 1, 4]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function reduceShape<const S extends Dim[], const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  shape: S,
  axes?: CheckedArg<Axes, ReduceShape<S, Axes, KeepDims>>,
  keepdims?: KeepDims,
): ReduceShape<S, Axes, KeepDims> {
  validateShape("reduceShape", shape);
  return reducedShape(shape, reducedAxesFor("reduceShape", shape, axes as ReduceAxesArg), keepdims === true) as never;
}

// ---------------------------------------------------------------------------------------------
// The primitive

/** What a reduction's gradient rule needs: the reduced axes and the keepdims shape of the output. */
interface Reduced {
  readonly axes: readonly number[];
  readonly keptShape: readonly number[];
}

/**
 * Gradient rules, one row per primitive reduction. `sum` spreads the upstream gradient back over the
 * reduced axes; `max`/`min` send it to the elements that attained the extremum, split evenly on ties.
 */
const GRADIENTS: Record<"sum" | "max" | "min", GradRule<Reduced>> = {
  sum: (g, [x], _out, { keptShape }) => [expand(viewAs(g, keptShape), x.dims)],
  max: (g, [x], out, saved) => [extremumGradient(g, x, out, saved)],
  min: (g, [x], out, saved) => [extremumGradient(g, x, out, saved)],
};

function extremumGradient(g: Tensor, x: Tensor, out: Tensor, { axes, keptShape }: Reduced): Tensor {
  const hit = compare("equal", x, viewAs(out, keptShape));
  const ties = reduce("sum", hit, axes, true);
  return mul(hit, div(viewAs(g, keptShape), ties));
}

/** Runs the reduction kernel of `op` over (normalised) `axes` and records it on the tape. */
export function reduce(op: "sum" | "max" | "min", x: Tensor, axes: readonly number[], keepdims: boolean): Tensor {
  const dims = x.dims;
  const keptShape = dims.map((dim, index) => (axes.includes(index) ? 1 : dim));
  const outStrides = contiguousStrides(keptShape).map((stride, index) => (axes.includes(index) ? 0 : stride));
  const shape = keepdims ? keptShape : (reducedShape(dims, axes, false) as number[]);
  const data = allocate(x.dtype, keptShape.reduce((a, b) => a * b, 1));
  reduceKernel(REDUCE[op] as ReduceCode, data, x.data, x.offset, x.strides, dims, outStrides);
  return record(fromStorage(data, shape), op, [x], GRADIENTS[op], { axes, keptShape }, () => reducedLabels(x, axes, keepdims));
}

/**
 * The largest element along `axes` of `x`, as a constant (outside the tape), keepdims shape, with
 * non-finite maxima replaced by 0: the shift that makes `exp` safe in `logsumexp` and `softmax`.
 */
export function stableShift(x: Tensor, axes: readonly number[]): Tensor {
  const dims = x.dims;
  const keptShape = dims.map((dim, index) => (axes.includes(index) ? 1 : dim));
  const outStrides = contiguousStrides(keptShape).map((stride, index) => (axes.includes(index) ? 0 : stride));
  const data = allocate(x.dtype, keptShape.reduce((a, b) => a * b, 1));
  reduceKernel(REDUCE.max, data, x.data, x.offset, x.strides, dims, outStrides);
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) data[i] = 0;
  return fromStorage(data, keptShape);
}

// ---------------------------------------------------------------------------------------------
// The ops

type Reduction = "sum" | "mean" | "max" | "min" | "logsumexp";

/** The methods and free functions share one signature shape; `Op` names the error. */
type ReduceFn<Op extends Reduction> = <S extends Shape, const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  x: Op extends NoIdentityOp ? EmptyGuard<S, Axes, Op, Tensor<S>, "tensor"> : Tensor<S>, // see ReduceMethod
  axis?: Op extends NoIdentityOp
    ? EmptyGuard<S, Axes, Op, CheckedGivenAxis<Axes, ReduceAxesCheck<S, Axes, KeepDims, Op>, Op>, "axis">
    : CheckedGivenAxis<Axes, ReduceAxesCheck<S, Axes, KeepDims, Op>, Op>,
  keepdims?: KeepDims,
) => Tensor<ReduceResult<S, Axes, KeepDims, Op>>;

/**
 * The sum of the elements along `axis` (one axis, a list, or omitted for every axis); `keepdims`
 * keeps the reduced axes as size 1. An int32 sum is int32 (wrapping on overflow); a bool sum counts
 * the `true`s, as int32. Gradient: the upstream gradient spread over the reduced axes.
 * @example
 * sum(tensor([[1, 2, 3], [4, 5, 6]]), 0).toArray(); //=> [5, 7, 9]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export const sum: ReduceFn<"sum"> = (x, axis, keepdims) => {
  const t = checkTensor("sum", x);
  return reduce("sum", t.dtype === "bool" ? astype(t, "int32") : t, reducedAxesFor("sum", t.dims, axis as ReduceAxesArg), keepdims === true) as never;
};

/**
 * The mean of the elements along `axis` (as `sum`): the sum divided by the number of elements reduced.
 * Float tensors only (as PyTorch): take the mean of an int32 or bool tensor with `.astype("float32")` first.
 * @example
 * mean(tensor([[1, 2, 3], [4, 5, 6]]), 1).toArray(); //=> [2, 5]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export const mean: ReduceFn<"mean"> = (x, axis, keepdims) => {
  const t = checkTensor("mean", x);
  requireFloat("mean", t.dtype);
  const axes = reducedAxesFor("mean", t.dims, axis as ReduceAxesArg);
  const count = axes.reduce((n, index) => n * t.dims[index], 1);
  return div(reduce("sum", t, axes, keepdims === true), count) as never;
};

/**
 * The largest element along `axis` (as `sum`); NaN if any element is NaN. Gradient: to the elements
 * equal to the maximum, split evenly among ties.
 * @example
 * max(tensor([[1, 5], [7, 2]]), 1).toArray(); //=> [5, 7]
 * @throws ShapeError `SHAPE_AXIS` (also for an axis of size 0); InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export const max: ReduceFn<"max"> = (x, axis, keepdims) => {
  const t = checkTensor("max", x);
  return reduce("max", t, reducedAxesFor("max", t.dims, axis as ReduceAxesArg), keepdims === true) as never;
};

/**
 * The smallest element along `axis` (as `max`).
 * @example
 * min(tensor([[1, 5], [7, 2]]), 1).toArray(); //=> [1, 2]
 * @throws ShapeError `SHAPE_AXIS` (also for an axis of size 0); InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export const min: ReduceFn<"min"> = (x, axis, keepdims) => {
  const t = checkTensor("min", x);
  return reduce("min", t, reducedAxesFor("min", t.dims, axis as ReduceAxesArg), keepdims === true) as never;
};

/**
 * `log(sum(exp(x)))` along `axis` (as `sum`), computed stably as `m + log(sum(exp(x − m)))` with `m`
 * the maximum. Gradient (by composition): `softmax(x)` along the axes times the upstream gradient.
 * @example
 * logsumexp(tensor([0, 0], { dtype: "float64" })).item(); //=> 0.6931471805599453
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export const logsumexp: ReduceFn<"logsumexp"> = (x, axis, keepdims) => {
  const t = checkTensor("logsumexp", x);
  requireFloat("logsumexp", t.dtype);
  const axes = reducedAxesFor("logsumexp", t.dims, axis as ReduceAxesArg);
  const shift = stableShift(t, axes);
  const summed = reduce("sum", exp(sub(t, shift)), axes, keepdims === true);
  return add(log(summed), keepdims === true ? shift : viewAs(shift, summed.dims)) as never;
};

/**
 * The type of the reduction methods (`Tensor#sum` …): a property of a top-level function type rather
 * than a method of the generic interface, so reading `x.sum` does not instantiate a signature per shape.
 */
type ReduceMethod<Op extends string> = <Self extends Shape, const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  // Over every axis (`axis` omitted) only max and min can fail (an empty tensor has no maximum), and
  // the error then lands on the tensor; a sum, mean or logsumexp of every axis cannot fail, so its
  // tensor is taken as it is (decided once per op, when `ReduceMethod<"sum">` is instantiated).
  this: Op extends NoIdentityOp ? EmptyGuard<Self, Axes, Op, Tensor<Self>, "tensor"> : Tensor<Self>,
  axis?: Op extends NoIdentityOp
    ? EmptyGuard<Self, Axes, Op, CheckedGivenAxis<Axes, ReduceAxesCheck<Self, Axes, KeepDims, Op>, Op>, "axis">
    : CheckedGivenAxis<Axes, ReduceAxesCheck<Self, Axes, KeepDims, Op>, Op>,
  keepdims?: KeepDims,
) => Tensor<ReduceResult<Self, Axes, KeepDims, Op>>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The sum along `axis` (one axis, a list, or omitted for every axis); `keepdims` keeps reduced axes.
     * @example
     * tensor([[1, 2, 3], [4, 5, 6]]).sum(-1).toArray(); //=> [6, 15]
     * @throws ShapeError `SHAPE_AXIS`
     */
    sum: ReduceMethod<"sum">;
    /**
     * The mean along `axis` (as `sum`).
     * @example
     * tensor([[1, 2], [3, 4]]).mean().item(); //=> 2.5
     * @throws ShapeError `SHAPE_AXIS`
     */
    mean: ReduceMethod<"mean">;
    /**
     * The maximum along `axis` (as `sum`).
     * @example
     * tensor([[1, 5], [7, 2]]).max(0).toArray(); //=> [7, 5]
     * @throws ShapeError `SHAPE_AXIS`
     */
    max: ReduceMethod<"max">;
    /**
     * The minimum along `axis` (as `sum`).
     * @example
     * tensor([[1, 5], [7, 2]]).min(0).toArray(); //=> [1, 2]
     * @throws ShapeError `SHAPE_AXIS`
     */
    min: ReduceMethod<"min">;
    /**
     * `log(sum(exp(x)))` along `axis` (as `sum`), numerically stable.
     * @example
     * tensor([[0, 0], [1, 1]], { dtype: "float64" }).logsumexp(1).toArray(); //=> [0.6931471805599453, 1.6931471805599454]
     * @throws ShapeError `SHAPE_AXIS`
     */
    logsumexp: ReduceMethod<"logsumexp">;
  }
}

Tensor.prototype.sum = function (this: Tensor, axis?: ReduceAxesArg, keepdims?: boolean) {
  return sum(this, axis as never, keepdims);
} as never;
Tensor.prototype.mean = function (this: Tensor, axis?: ReduceAxesArg, keepdims?: boolean) {
  return mean(this, axis as never, keepdims);
} as never;
Tensor.prototype.max = function (this: Tensor, axis?: ReduceAxesArg, keepdims?: boolean) {
  return max(this, axis as never, keepdims);
} as never;
Tensor.prototype.min = function (this: Tensor, axis?: ReduceAxesArg, keepdims?: boolean) {
  return min(this, axis as never, keepdims);
} as never;
Tensor.prototype.logsumexp = function (this: Tensor, axis?: ReduceAxesArg, keepdims?: boolean) {
  return logsumexp(this, axis as never, keepdims);
} as never;

/**
 * `variance` and `std` along axes: compositions (`sum((x − mean)²) / (n − correction)`, and its square
 * root), with PyTorch's `correction` (default 1, the unbiased estimate; 0 for the biased one). The
 * result shape is a reduction's (`ReduceShape`), with `keepdims` from the options. Gradients are the
 * primitives': `2·(x − mean)/(n − correction)` for the variance.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedGivenAxis, ReduceAxesArg, ReduceAxesCheck, ReduceResult } from "../../types/ops/reduce.js";
import type { KeepDimsOf, VarianceOptions, VarianceShape } from "../../types/ops/variance.js";
import type { CheckedArg } from "../../types/errors.js";
import { InputError } from "../errors.js";
import { checkTensor } from "../axes.js";
import { describeValue, validateShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { div, mul, sub } from "./elementwise.js";
import { reduce, reduceShape, reducedAxesFor } from "./reduce.js";
import { sqrt } from "./unary.js";

/**
 * The shape of `variance`/`std` of `shape` over `axes` (omitted: every axis): `reduceShape`'s.
 * @example
 * varianceShape([2, 3, 4], 1, true); //=> [2, 1, 4]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function varianceShape<const S extends Dim[], const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  shape: S,
  axes?: CheckedArg<Axes, VarianceShape<S, Axes, KeepDims>>,
  keepdims?: KeepDims,
): VarianceShape<S, Axes, KeepDims> {
  validateShape("varianceShape", shape);
  return reduceShape(shape as Dim[], axes as never, keepdims) as never;
}

/** The shared signature of `variance` and `std`; `Op` names the error. */
type VarianceFn<Op extends string> = <S extends Shape, const Axes extends ReduceAxesArg = undefined, const Options extends VarianceOptions = {}>(
  x: Tensor<S>, // over every axis a variance cannot fail (it is NaN where too few elements remain)
  axis?: CheckedGivenAxis<Axes, ReduceAxesCheck<S, Axes, KeepDimsOf<Options>, Op>, Op>,
  options?: Options,
) => Tensor<ReduceResult<S, Axes, KeepDimsOf<Options>, Op>>;

/** The variance along the axes, as a tensor (see `variance`). */
function varianceOf(op: string, input: unknown, axis: unknown, options: VarianceOptions | undefined): Tensor {
  const x = checkTensor(op, input);
  const axes = reducedAxesFor(op, x.dims, axis as ReduceAxesArg);
  const correction: unknown = options?.correction ?? 1;
  if (typeof correction !== "number" || !Number.isFinite(correction)) {
    throw new InputError("INPUT_OPTION", `${op}: correction must be a finite number, got ${describeValue(correction)}`);
  }
  const keepdims: unknown = options?.keepdims ?? false;
  if (typeof keepdims !== "boolean") throw new InputError("INPUT_OPTION", `${op}: keepdims must be true or false, got ${describeValue(keepdims)}`);
  const count = axes.reduce((n, index) => n * x.dims[index]!, 1);
  const centered = sub(x, div(reduce("sum", x, axes, true), count) as Tensor) as Tensor;
  const squares = reduce("sum", mul(centered, centered) as Tensor, axes, keepdims);
  return div(squares, Math.max(0, count - correction)) as Tensor;
}

/**
 * The variance along `axis` (one axis, a list, or omitted for every axis): `Σ(x − mean)² / (n − c)`
 * with `c` = `correction` (default 1, PyTorch's unbiased estimate; 0 divides by `n`); `n − c ≤ 0`
 * divides by 0 (NaN or ∞, as PyTorch). `keepdims` keeps the reduced axes as size 1.
 * Gradient (by composition): `2·(x − mean)·g / (n − c)`.
 * @example
 * variance(tensor([1, 2, 3, 4])).item(); //=> 1.6666666269302368
 * variance(tensor([[1, 3], [5, 9]]), 1, { correction: 0 }).toArray(); //=> [1, 4]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPTION`, `INPUT_OPERAND`
 */
export const variance: VarianceFn<"variance"> = (x, axis, options) => varianceOf("variance", x, axis, options) as never;

/**
 * The standard deviation along `axis`: `sqrt(variance(x, axis, options))` (same options).
 * Gradient (by composition): `(x − mean)·g / ((n − c)·std)`.
 * @example
 * std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), 0, { correction: 0 }).item(); //=> 2
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPTION`, `INPUT_OPERAND`
 */
export const std: VarianceFn<"std"> = (x, axis, options) => sqrt(varianceOf("std", x, axis, options)) as never;

/** The type of `Tensor#variance` / `Tensor#std`: a top-level function type (no per-shape instantiation). */
type VarianceMethod<Op extends string> = <Self extends Shape, const Axes extends ReduceAxesArg = undefined, const Options extends VarianceOptions = {}>(
  this: Tensor<Self>, // see VarianceFn
  axis?: CheckedGivenAxis<Axes, ReduceAxesCheck<Self, Axes, KeepDimsOf<Options>, Op>, Op>,
  options?: Options,
) => Tensor<ReduceResult<Self, Axes, KeepDimsOf<Options>, Op>>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The variance along `axis` (as `sum`), with `correction` (default 1) and `keepdims` options.
     * @example
     * tensor([[1, 3], [5, 9]]).variance(1).toArray(); //=> [2, 8]
     * @throws ShapeError `SHAPE_AXIS`
     */
    variance: VarianceMethod<"variance">;
    /**
     * The standard deviation along `axis` (as `variance`).
     * @example
     * tensor([[1, 3], [5, 9]]).std(1, { correction: 0 }).toArray(); //=> [1, 2]
     * @throws ShapeError `SHAPE_AXIS`
     */
    std: VarianceMethod<"std">;
  }
}

Tensor.prototype.variance = function (this: Tensor, axis?: ReduceAxesArg, options?: VarianceOptions) {
  return variance(this, axis as never, options);
} as never;
Tensor.prototype.std = function (this: Tensor, axis?: ReduceAxesArg, options?: VarianceOptions) {
  return std(this, axis as never, options);
} as never;

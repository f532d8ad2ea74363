/**
 * Axis permutation: the shape rules `permuteShape` and `transposeShape`, the strided view, its
 * gradient rule, `permute()`/`transpose()` and their methods. Mirrors types/ops/permute.ts.
 *
 * The axes must name every axis once (negative axes count from the end): out of range or named twice
 * is `SHAPE_AXIS`, an axis left out is `SHAPE_PERMUTE`. `transpose()` without axes reverses them all.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckArg } from "../../types/errors.js";
import type { CheckShape } from "../../types/creation.js";
import type { PermuteCheck, PermuteResult, PermuteShape, TransposeShape } from "../../types/ops/permute.js";
import { ShapeError, formatShape } from "../errors.js";
import { checkTensor, formatAxes, normalizeAxes } from "../axes.js";
import { safeString, validateShape } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor } from "../tensor.js";
import { permutedLabels } from "../symbolic.js";

/** Mirrors `WritePermuteMessage`. */
export function writePermuteMessage(op: string, shape: Shape, axes: readonly number[], missing: number): string {
  return `SHAPE_PERMUTE: ${op}: axes ${formatAxes(axes)} do not permute ${formatShape(shape)}: axis ${missing} is missing; name each of the ${shape.length} axes once`;
}

/**
 * The normalised permutation `axes` describes for `shape` (reversal when `undefined`); throws the
 * mirrored errors. `op` names the caller. The shape must already be valid.
 */
export function permutationFor(op: string, shape: Shape, axes: readonly number[] | undefined): number[] {
  if (axes === undefined) return shape.map((_, index) => shape.length - 1 - index);
  if (!Array.isArray(axes)) throw new ShapeError("SHAPE_PERMUTE", op, [shape], `SHAPE_PERMUTE: ${op}: axes ${safeString(axes)} are not a list of axes for ${formatShape(shape)}`);
  const indices = normalizeAxes(op, shape, axes);
  if (indices.length !== shape.length) {
    let missing = 0;
    while (indices.includes(missing)) missing++;
    throw new ShapeError("SHAPE_PERMUTE", op, [shape], writePermuteMessage(op, shape, axes, missing));
  }
  return indices;
}

/**
 * `shape` with its axes in the order `axes`, a permutation of its axes (negative axes count from
 * the end): the result's axis `i` is `shape[axes[i]]`.
 * @example
 * permuteShape([2, 3, 4], [2, 0, -2]); //=> [4, 2, 3]
 * permuteShape([2, 3, 4], [0, 2]); //=> throws SHAPE_PERMUTE
 * @throws ShapeError `SHAPE_AXIS` (out of range, named twice), `SHAPE_PERMUTE` (an axis left out),
 * `SHAPE_INVALID_SHAPE`
 */
export function permuteShape<const S extends Dim[], const Axes extends number[]>(
  shape: S & CheckShape<"permuteShape", S>,
  axes: Axes & CheckArg<PermuteShape<S, Axes>>,
): PermuteShape<S, Axes> {
  validateShape("permuteShape", shape);
  return permutationFor("permuteShape", shape, axes).map((index) => shape[index]!) as never;
}

/**
 * `transpose`'s shape rule: `shape` reversed when `axes` is omitted (NumPy's `transpose()`), else
 * `permuteShape(shape, axes)`.
 * @example
 * transposeShape(["batch", 3, 4]); //=> [4, 3, "batch"]
 * transposeShape([2, 3, 4], [0, 2, 1]); //=> [2, 4, 3]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`, `SHAPE_INVALID_SHAPE`
 */
export function transposeShape<const S extends Dim[], const Axes extends number[] | undefined = undefined>(
  shape: S & CheckShape<"transposeShape", S>,
  axes?: Axes & CheckArg<TransposeShape<S, Axes>>,
): TransposeShape<S, Axes> {
  validateShape("transposeShape", shape);
  return permutationFor("transposeShape", shape, axes as number[] | undefined).map((index) => shape[index]!) as never;
}

// ---------------------------------------------------------------------------------------------
// The primitive: a strided view

/** Gradient rule: the upstream gradient permuted back by the inverse permutation. */
const GRADIENT: GradRule<readonly number[]> = (g, _inputs, _out, order) => {
  const inverse: number[] = new Array(order.length);
  order.forEach((axis, index) => (inverse[axis] = index));
  return [permuted(g, inverse)];
};

/**
 * Primitive: `x` with its axes in `order` (a normalised permutation) as a view — the same storage with
 * permuted sizes and strides, no copy. `x` itself for the identity.
 */
export function permuted(x: Tensor, order: readonly number[]): Tensor {
  if (order.every((axis, index) => axis === index)) return x;
  const view = new Tensor(x.data, order.map((axis) => x.dims[axis]!), order.map((axis) => x.strides[axis]!), x.offset);
  return record(view, "permute", [x], GRADIENT, order, () => permutedLabels(x, order));
}

/** `x` with its last two axes swapped (a view); internal, for matmul's gradient. */
export function swapLastTwo(x: Tensor): Tensor {
  const rank = x.dims.length;
  return permuted(x, x.dims.map((_, axis) => (axis < rank - 2 ? axis : axis === rank - 2 ? rank - 1 : rank - 2)));
}

// ---------------------------------------------------------------------------------------------
// The ops

/**
 * `x` with its axes in the order `axes` (a permutation of its axes; negative axes count from the
 * end), as a view sharing storage. Gradient: the upstream gradient permuted back by the inverse
 * permutation.
 * @example
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape; //=> [4, 2, 3]
 * permute(tensor([[1, 2, 3], [4, 5, 6]]), [1, 0]).toArray(); //=> [[1, 4], [2, 5], [3, 6]]
 * @throws ShapeError `SHAPE_AXIS` (out of range, named twice), `SHAPE_PERMUTE` (an axis left out); InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function permute<S extends Shape, const Axes extends readonly number[]>(
  x: Tensor<S>,
  axes: Axes & CheckArg<PermuteCheck<S, Axes, "permute">>,
): Tensor<PermuteResult<S, Axes, "permute">> {
  const t = checkTensor("permute", x);
  return permuted(t, permutationFor("permute", t.dims, axes as readonly number[])) as never;
}

/**
 * `x` with its axes reversed (`axes` omitted, like NumPy's `transpose()`: a matrix's transpose), or
 * permuted as `permute(x, axes)`; a view sharing storage. Gradient: as `permute`.
 * @example
 * transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray(); //=> [[1, 4], [2, 5], [3, 6]]
 * transpose(zeros([8, 3, 5])).shape; //=> [5, 3, 8]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function transpose<S extends Shape, const Axes extends readonly number[] | undefined = undefined>(
  x: Tensor<S>,
  axes?: Axes & CheckArg<PermuteCheck<S, Axes, "transpose">>,
): Tensor<PermuteResult<S, Axes, "transpose">> {
  const t = checkTensor("transpose", x);
  return permuted(t, permutationFor("transpose", t.dims, axes as readonly number[] | undefined)) as never;
}

/** The type of `Tensor#permute` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type PermuteMethod<Op extends string> = <Self extends Shape, const Axes extends readonly number[]>(
  this: Tensor<Self>,
  axes: Axes & CheckArg<PermuteCheck<Self, Axes, Op>>,
) => Tensor<PermuteResult<Self, Axes, Op>>;

/** The type of `Tensor#transpose`. */
type TransposeMethod = <Self extends Shape, const Axes extends readonly number[] | undefined = undefined>(
  this: Tensor<Self>,
  axes?: Axes & CheckArg<PermuteCheck<Self, Axes, "transpose">>,
) => Tensor<PermuteResult<Self, Axes, "transpose">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor with its axes in the order `axes` (a permutation; negative axes count from the
     * end), as a view.
     * @example
     * zeros([2, 3, 4]).permute([2, 0, 1]).shape; //=> [4, 2, 3]
     * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`
     */
    permute: PermuteMethod<"permute">;
    /**
     * This tensor with its axes reversed (no `axes`, like NumPy) or permuted as `permute(axes)`, as a view.
     * @example
     * tensor([[1, 2], [3, 4]]).transpose().toArray(); //=> [[1, 3], [2, 4]]
     * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`
     */
    transpose: TransposeMethod;
  }
}

Tensor.prototype.permute = function (this: Tensor, axes: readonly number[]) {
  return permute(this, axes as never);
} as never;
Tensor.prototype.transpose = function (this: Tensor, axes?: readonly number[]) {
  return transpose(this, axes as never);
} as never;

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
import type { PermuteShape, TransposeShape } from "../../types/ops/permute.js";
import { ShapeError, formatShape } from "../errors.js";
import { formatAxes, normalizeAxes } from "../axes.js";
import { validateShape } from "../shape.js";

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
  if (!Array.isArray(axes)) throw new ShapeError("SHAPE_PERMUTE", op, [shape], `SHAPE_PERMUTE: ${op}: axes ${String(axes)} are not a list of axes for ${formatShape(shape)}`);
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

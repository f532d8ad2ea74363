/**
 * Inserting a size-1 axis: the shape rule `unsqueezeShape`, `unsqueeze()` and `Tensor#unsqueeze` (a
 * reshape, so a view with no gradient rule of its own). Mirrors types/ops/unsqueeze.ts.
 *
 * The axis is the new axis's index in the result: −rank−1 … rank, else `SHAPE_AXIS`.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckArg } from "../../types/errors.js";
import type { CheckShape } from "../../types/creation.js";
import type { UnsqueezeShape } from "../../types/ops/unsqueeze.js";
import { normalizeAxis } from "../axes.js";
import { validateShape } from "../shape.js";

/** `shape` (valid) with a `1` inserted as axis `axis` of the result; `op` names the caller. */
export function unsqueezedFor(op: string, shape: Shape, axis: number): Dim[] {
  const index = normalizeAxis(op, shape, axis, shape.length + 1);
  return [...shape.slice(0, index), 1, ...shape.slice(index)];
}

/**
 * `shape` with a size-1 axis inserted so that it becomes axis `axis` of the result (−rank−1 … rank;
 * negative axes count from the end of the result).
 * @example
 * unsqueezeShape([3, 4], 1); //=> [3, 1, 4]
 * unsqueezeShape(["batch", 784], -1); //=> ["batch", 784, 1]
 * unsqueezeShape([3, 4], 3); //=> throws SHAPE_AXIS
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function unsqueezeShape<const S extends Dim[], const Axis extends number>(
  shape: S & CheckShape<"unsqueezeShape", S>,
  axis: Axis & CheckArg<UnsqueezeShape<S, Axis>>,
): UnsqueezeShape<S, Axis> {
  validateShape("unsqueezeShape", shape);
  return unsqueezedFor("unsqueezeShape", shape, axis) as never;
}

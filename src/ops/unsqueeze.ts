/**
 * Inserting a size-1 axis: the shape rule `unsqueezeShape`, `unsqueeze()` and `Tensor#unsqueeze` (a
 * reshape, so a view with no gradient rule of its own). Mirrors types/ops/unsqueeze.ts.
 *
 * The axis is the new axis's index in the result: −rank−1 … rank, else `SHAPE_AXIS`.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedShape } from "../../types/creation.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";

import type { UnsqueezeChecked, UnsqueezeResult, UnsqueezeShape } from "../../types/ops/unsqueeze.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { validateShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { reshapeTensor } from "./reshape.js";

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
  shape: CheckedShape<S, "unsqueezeShape", S>,
  axis: CheckedArg<Axis, UnsqueezeShape<S, Axis>>,
): UnsqueezeShape<S, Axis> {
  validateShape("unsqueezeShape", shape);
  return unsqueezedFor("unsqueezeShape", shape as Shape, axis as number) as never;
}

// ---------------------------------------------------------------------------------------------
// The op

/** `x` with a size-1 axis inserted as axis `axis` (normalised against rank + 1 positions); a view. */
export function unsqueezed(x: Tensor, axis: number): Tensor {
  checkTensor("unsqueeze", x);
  return reshapeTensor(x, unsqueezedFor("unsqueeze", x.dims, axis) as number[]);
}

/**
 * `x` with a size-1 axis inserted so that it becomes axis `axis` of the result (−rank−1 … rank); a
 * view sharing storage. A reshape, so the gradient is the upstream gradient reshaped back.
 * @example
 * unsqueeze(zeros([3, 4]), 1).shape; //=> [3, 1, 4]
 * unsqueeze(tensor([1, 2]), -1).toArray(); //=> [[1], [2]]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function unsqueeze<S extends Shape, const Axis extends number>(
  x: Tensor<S>,
  axis: CheckedAxis<Axis, UnsqueezeChecked<S, Axis, "unsqueeze">, "unsqueeze">,
): Tensor<UnsqueezeResult<S, Axis, "unsqueeze">> {
  return unsqueezed(x, axis as number) as never;
}

/** The type of `Tensor#unsqueeze` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type UnsqueezeMethod = <Self extends Shape, const Axis extends number>(
  this: Tensor<Self>,
  axis: CheckedAxis<Axis, UnsqueezeChecked<Self, Axis, "unsqueeze">, "unsqueeze">,
) => Tensor<UnsqueezeResult<Self, Axis, "unsqueeze">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor with a size-1 axis inserted as axis `axis` of the result (−rank−1 … rank), as a view.
     * @example
     * zeros([32, 784]).unsqueeze(0).shape; //=> [1, 32, 784]
     * @throws ShapeError `SHAPE_AXIS`
     */
    unsqueeze: UnsqueezeMethod;
  }
}

Tensor.prototype.unsqueeze = function (this: Tensor, axis: number) {
  return unsqueeze(this, axis as never);
} as never;

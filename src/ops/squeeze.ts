/**
 * Removing size-1 axes: the shape rule `squeezeShape`, `squeeze()` and `Tensor#squeeze` (a reshape,
 * so a view with no gradient rule of its own). Mirrors types/ops/squeeze.ts.
 *
 * With axes, each must be in range, named once (`SHAPE_AXIS`) and of size 1 (`SHAPE_SQUEEZE`); a
 * named (symbolic) dim is not known to be 1, so squeezing it is `SHAPE_SQUEEZE` too. Without axes,
 * every size-1 axis is removed.
 */
import type { CheckedShape } from "../../types/creation.js";
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";


import type { CheckedSqueezeAxes, SqueezeAxesArg, SqueezeResult, SqueezeShape } from "../../types/ops/squeeze.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { axisArgument, checkTensor, normalizeAxes } from "../axes.js";
import { validateShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { reshapeTensor } from "./reshape.js";

/** Mirrors `WriteSqueezeMessage`. */
export function writeSqueezeMessage(op: string, shape: Shape, axis: number, dim: Dim): string {
  return `SHAPE_SQUEEZE: ${op}: cannot squeeze axis ${axis} of ${formatShape(shape)}: its size is ${formatDim(dim)}, not 1; ${typeof dim === "string" ? "a named dim may not be 1 (state its size with .as())" : "only size-1 axes can be removed"}`;
}

/**
 * The normalised axes `squeeze` removes from a valid `shape` (every size-1 axis when `axes` is
 * `undefined`), checked in the order given; throws the mirrored errors. `op` names the caller.
 */
export function squeezedAxesFor(op: string, shape: Shape, axes: SqueezeAxesArg): number[] {
  const given = axisArgument(op, "axes", axes);
  if (given === undefined) return shape.flatMap((dim, index) => (dim === 1 ? [index] : []));
  const indices = normalizeAxes(op, shape, given);
  for (const index of indices) {
    if (shape[index] !== 1) throw new ShapeError("SHAPE_SQUEEZE", op, [shape], writeSqueezeMessage(op, shape, index, shape[index]!));
  }
  return indices;
}

/**
 * `shape` without its size-1 axes: the axes given (one or a list, each of size 1), or every size-1
 * axis when `axes` is omitted.
 * @example
 * squeezeShape([1, 3, 1, 4]); //=> [3, 4]
 * squeezeShape(["batch", 1, 784], 1); //=> ["batch", 784]
 * squeezeShape([2, 3], 1); //=> throws SHAPE_SQUEEZE
 * @throws ShapeError `SHAPE_SQUEEZE` (an axis whose size is not 1), `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function squeezeShape<const S extends Dim[], const Axes extends SqueezeAxesArg = undefined>(
  shape: CheckedShape<S, "squeezeShape", S>,
  axes?: CheckedArg<Axes, SqueezeShape<S, Axes>>,
): SqueezeShape<S, Axes> {
  validateShape("squeezeShape", shape);
  const removed = squeezedAxesFor("squeezeShape", shape as Shape, axes as SqueezeAxesArg);
  return (shape as Shape).filter((_, index) => !removed.includes(index)) as never;
}

// ---------------------------------------------------------------------------------------------
// The op

/**
 * `x` without its size-1 axes: the axes given (one or a list; each must have size 1), or every
 * size-1 axis when omitted; a view sharing storage. A reshape, so the gradient is the upstream
 * gradient reshaped back.
 * @example
 * squeeze(zeros([1, 3, 1, 4])).shape; //=> [3, 4]
 * squeeze(zeros([2, 1, 4]), -2).shape; //=> [2, 4]
 * @throws ShapeError `SHAPE_SQUEEZE` (an axis whose size is not 1), `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function squeeze<S extends Shape, const Axes extends SqueezeAxesArg = undefined>(
  x: Tensor<S>,
  axes?: CheckedSqueezeAxes<S, Axes, "squeeze">,
): Tensor<SqueezeResult<S, Axes, "squeeze">> {
  const t = checkTensor("squeeze", x);
  const removed = squeezedAxesFor("squeeze", t.dims, axes as SqueezeAxesArg);
  return reshapeTensor(t, t.dims.filter((_, axis) => !removed.includes(axis))) as never;
}

/** The type of `Tensor#squeeze` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type SqueezeMethod = <Self extends Shape, const Axes extends SqueezeAxesArg = undefined>(
  this: Tensor<Self>,
  axes?: CheckedSqueezeAxes<Self, Axes, "squeeze">,
) => Tensor<SqueezeResult<Self, Axes, "squeeze">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor without its size-1 axes (the axes given, or every one when omitted), as a view.
     * @example
     * zeros([2, 1, 4]).squeeze(1).shape; //=> [2, 4]
     * @throws ShapeError `SHAPE_SQUEEZE`, `SHAPE_AXIS`
     */
    squeeze: SqueezeMethod;
  }
}

Tensor.prototype.squeeze = function (this: Tensor, axes?: SqueezeAxesArg) {
  return squeeze(this, axes as never);
} as never;

/**
 * `softmax` and `logSoftmax` along one axis (default the last): compositions of primitives, made
 * numerically stable by subtracting the maximum along the axis first (a constant, so it changes
 * nothing in the value or the gradient). Mirrors types/ops/softmax.ts.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { SoftmaxShape } from "../../types/ops/softmax.js";
import type { CheckedArg } from "../../types/errors.js";
import type { CheckedGivenAxis, CheckOmittedAxis } from "../../types/ops/reduce.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { validateShape } from "../shape.js";
import { requireFloat } from "../dtype.js";
import { Tensor } from "../tensor.js";
import { div, sub } from "./elementwise.js";
import { exp, log } from "./unary.js";
import { reduce, stableShift } from "./reduce.js";

/**
 * The shape of `softmax(x, axis)` / `logSoftmax(x, axis)`: the input's shape, once the axis is checked.
 * @example
 * softmaxShape([2, 3], -1); //=> [2, 3]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function softmaxShape<const S extends Dim[]>(shape: CheckedArg<S, SoftmaxShape<S, -1, "softmaxShape">>): SoftmaxShape<S, -1, "softmaxShape">;
/**
 * The shape of `softmax(x, axis)` / `logSoftmax(x, axis)`: the input's shape, once the axis is checked.
 * @example
 * softmaxShape([2, 3], -1); //=> [2, 3]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function softmaxShape<const S extends Dim[], const Axis extends number>(
  shape: S,
  axis: CheckedArg<Axis, SoftmaxShape<S, Axis, "softmaxShape">>,
): SoftmaxShape<S, Axis, "softmaxShape">;
// Two signatures: with the axis omitted the check is on the shape (a scalar has no axis -1); a
// conditional check on the shape would stop `S` inferring when the axis is given.
export function softmaxShape(shape: Dim[], axis?: number): Dim[] {
  validateShape("softmaxShape", shape);
  normalizeAxis("softmaxShape", shape, axis ?? -1);
  return [...shape] as never;
}

/**
 * `exp(x) / sum(exp(x))` along `axis` (default `-1`): each slice along the axis becomes a probability
 * distribution. Stable for large inputs. Gradient (by composition): `y·(g − sum(g·y))`.
 * @example
 * softmax(tensor([[0, 0], [0, 0]])).toArray(); //=> [[0.5, 0.5], [0.5, 0.5]]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function softmax<S extends Shape, const Axis extends number | undefined = undefined>(
  x: CheckedArg<Tensor<S>, CheckOmittedAxis<Axis, SoftmaxShape<S, Axis, "softmax">>>,
  axis?: CheckedGivenAxis<Axis, SoftmaxShape<S, Axis, "softmax">, "softmax">,
): Tensor<S> {
  const t = checkTensor("softmax", x);
  requireFloat("softmax", t.dtype);
  const index = normalizeAxis("softmax", t.dims, (axis as number | undefined) ?? -1);
  const e = exp(sub(t, stableShift(t, [index])));
  return div(e, reduce("sum", e, [index], true)) as never;
}

/**
 * `x − logsumexp(x)` along `axis` (default `-1`): the log of `softmax`, computed without taking the
 * log of a rounded-to-zero probability. Gradient (by composition): `g − softmax(x)·sum(g)`.
 * @example
 * logSoftmax(tensor([[0, 0]], { dtype: "float64" })).toArray(); //=> [[-0.6931471805599453, -0.6931471805599453]]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function logSoftmax<S extends Shape, const Axis extends number | undefined = undefined>(
  x: CheckedArg<Tensor<S>, CheckOmittedAxis<Axis, SoftmaxShape<S, Axis, "logSoftmax">>>,
  axis?: CheckedGivenAxis<Axis, SoftmaxShape<S, Axis, "logSoftmax">, "logSoftmax">,
): Tensor<S> {
  const t = checkTensor("logSoftmax", x);
  requireFloat("logSoftmax", t.dtype);
  const index = normalizeAxis("logSoftmax", t.dims, (axis as number | undefined) ?? -1);
  const shifted = sub(t, stableShift(t, [index]));
  return sub(shifted, log(reduce("sum", exp(shifted), [index], true))) as never;
}

/** The type of `Tensor#softmax`/`logSoftmax`: a top-level function type (no per-shape instantiation). */
type SoftmaxMethod<Op extends string> = <Self extends Shape, const Axis extends number | undefined = undefined>(
  this: CheckedArg<Tensor<Self>, CheckOmittedAxis<Axis, SoftmaxShape<Self, Axis, Op>>>,
  axis?: CheckedGivenAxis<Axis, SoftmaxShape<Self, Axis, Op>, Op>,
) => Tensor<Self>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * Softmax along `axis` (default `-1`).
     * @example
     * tensor([[0, 0]]).softmax().toArray(); //=> [[0.5, 0.5]]
     * @throws ShapeError `SHAPE_AXIS`
     */
    softmax: SoftmaxMethod<"softmax">;
    /**
     * Log-softmax along `axis` (default `-1`).
     * @example
     * tensor([[0, 0]], { dtype: "float64" }).logSoftmax().toArray(); //=> [[-0.6931471805599453, -0.6931471805599453]]
     * @throws ShapeError `SHAPE_AXIS`
     */
    logSoftmax: SoftmaxMethod<"logSoftmax">;
  }
}

Tensor.prototype.softmax = function (this: Tensor, axis?: number) {
  return softmax(this, axis as never);
} as never;
Tensor.prototype.logSoftmax = function (this: Tensor, axis?: number) {
  return logSoftmax(this, axis as never);
} as never;

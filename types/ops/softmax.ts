/**
 * `softmax` and `logSoftmax` at the type level: the result has the input's shape; the axis (default
 * `-1`, negative counts from the end) must exist, else `SHAPE_AXIS` (a scalar has no axes).
 * Mirrors src/ops/softmax.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { NormalizeAxis } from "../internal/axes.js";

/**
 * The shape of `softmax(x, Axis)` for `x` of shape `S`: `S` itself, or the `SHAPE_AXIS` error.
 * @example
 * type Out = SoftmaxShape<[2, 3], -1>; //=> [2, 3]
 */
export type SoftmaxShape<S extends Shape, Axis extends number | undefined = -1, Op extends string = "softmaxShape"> =
  NormalizeAxis<Op, S, [Axis] extends [number] ? Axis : -1> extends infer Index ? ([Index] extends [ShapeError<string>] ? Index : S) : never;

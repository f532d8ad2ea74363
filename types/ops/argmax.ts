/**
 * `argmax` and `argmin` at the type level: the shape of a one-axis reduction (`ReduceShape` with a
 * single axis — the axis is removed, or kept as size 1 with `KeepDims`), and, like `max`/`min`, an
 * axis of size 0 is a `SHAPE_AXIS` error (there is no index to return). Mirrors src/ops/argmax.ts.
 */
import type { Shape } from "../shape.js";
import type { ReduceShape } from "./reduce.js";

/**
 * The shape of `argmax(x, Axis, KeepDims)` for `x` of shape `S`, or the `SHAPE_AXIS` error.
 * @example
 * type Out = ArgmaxShape<[2, 3, 4], 1>; //=> [2, 4]
 * type Kept = ArgmaxShape<[2, 3, 4], -1, true>; //=> [2, 3, 1]
 */
export type ArgmaxShape<S extends Shape, Axis extends number, KeepDims extends boolean = false, Op extends string = "argmaxShape"> =
  ReduceShape<S, Axis, KeepDims, Op>;

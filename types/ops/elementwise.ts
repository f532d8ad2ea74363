/**
 * Elementwise binary ops (`add sub mul div pow maximum minimum`) at the type level: the result shape
 * is the NumPy broadcast of the two operands (a plain number is a scalar, shape `[]`), and a clash is
 * a `SHAPE_BROADCAST` error naming the op. Mirrors src/ops/elementwise.ts, which checks with the
 * same rule (`broadcastPair(op, …)`) and throws the same message.
 */
import type { Shape } from "../shape.js";
import type { ResultShape } from "../errors.js";
import type { BroadcastShapes } from "./broadcast.js";

/**
 * The shape of `Op(left, right)` for an elementwise binary op, or the `SHAPE_BROADCAST` error.
 * @example
 * type Out = ElementwiseShape<[8, 1, 6, 1], [7, 1, 5], "add">; //=> [8, 7, 6, 5]
 */
export type ElementwiseShape<Left extends Shape, Right extends Shape, Op extends string = "elementwiseShape"> = BroadcastShapes<[Left, Right], Op>;

/** `ElementwiseShape` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type ElementwiseResult<Left extends Shape, Right extends Shape, Op extends string> =
  ResultShape<ElementwiseShape<Left, Right, Op>>;

/**
 * Elementwise binary ops (`add sub mul div pow maximum minimum`) at the type level: the result shape
 * is the NumPy broadcast of the two operands (a plain number is a scalar, shape `[]`), and a clash is
 * a `SHAPE_BROADCAST` error naming the op. Mirrors src/ops/elementwise.ts, which checks with the
 * same rule (`broadcastPair(op, …)`) and throws the same message.
 */
import type { Shape } from "../shape.js";
import type { Exact } from "../internal/dims.js";
import type { BroadcastOperands, BroadcastShapes } from "./broadcast.js";

/**
 * `unknown` when `Right` is exactly `Left` — the same type, type parameters included — else `never`.
 * A same-shape operation needs no axis lined up, so it type-checks for a whole-shape parameter too
 * (`mse<S extends Shape>(a: Tensor<S>, b: Tensor<S>)`).
 */
export type SameShapeCheck<Left extends Shape, Right extends Shape> = Exact<Left> extends Exact<Right> ? unknown : never;

/**
 * The argument list of the binary ops' first overload, the operands that keep the left's shape with
 * no axis to line up: `[other]` when `Right` is exactly `Left` (see `SameShapeCheck`); `[other: number]`
 * when nothing was inferred for `Right` — `Right` is then its constraint, `Shape`, and the operand a
 * plain number (a scalar keeps the left's shape; no broadcast rule is instantiated for it); else no
 * argument at all. For any other operand that overload does not apply by its arity, and TypeScript
 * passes over it instead of listing it in the error — the error a wrong operand gets is the
 * broadcasting overload's message, alone, in TypeScript 6 as in 7. The scalar test comes second so
 * that a whole-shape parameter (`Tensor<S>` with `Tensor<S>`) is decided by the first.
 */
export type SameShapeOperand<Left extends Shape, Right extends Shape, Operand> = Exact<Left> extends Exact<Right>
  ? [other: Operand]
  : Exact<Right> extends Exact<Shape>
    ? [other: number]
    : [];

/**
 * The shape of `Op(left, right)` for an elementwise binary op, or the `SHAPE_BROADCAST` error.
 * @example
 * type Out = ElementwiseShape<[8, 1, 6, 1], [7, 1, 5], "add">; //=> [8, 7, 6, 5]
 */
export type ElementwiseShape<Left extends Shape, Right extends Shape, Op extends string = "elementwiseShape"> = BroadcastShapes<[Left, Right], Op>;

/**
 * The result shape of a tensor op's broadcast, for return types: the broadcast of two tensor shapes
 * (no validation: a tensor's shape is valid). It resolves structurally around type parameters
 * (`[B, 128]` with `[128]` is `[B, 128]`); an axis that clashes is `number` (the check reports it).
 */
export type ElementwiseResult<Left extends Shape, Right extends Shape, Op extends string> = BroadcastOperands<Left, Right, Op>[0];

/**
 * The check on a tensor op's second operand: `unknown`, the `SHAPE_BROADCAST` error, or — in generic
 * code — axis checks that hold only where a type parameter meets itself, 1 or `number`. Where the
 * operands' axes cannot be lined up at all (a whole-shape parameter against another shape, a result
 * an op could not compute structurally), the rule stays unresolved and so does this indexed access,
 * which TypeScript relates through its constraint (`unknown`): no compile-time check, the runtime
 * checks it — the `number[]` policy for shapes of unknown structure. test/generic.test.ts holds both
 * behaviours.
 */
export type ElementwiseCheck<Left extends Shape, Right extends Shape, Op extends string> = BroadcastOperands<Left, Right, Op>[1];

/**
 * The compile-time side of errors. A type rule that fails yields `ShapeError<Message>` — the runtime
 * `ShapeError` class itself with its message as a string literal type — so the text a diagnostic shows
 * is the text the runtime throws. Message writers live beside their op, mirrored by name
 * (`WriteBroadcastMessage` here ↔ `writeBroadcastMessage` in src/).
 */
import type { ShapeError } from "../src/errors.js";
import type { Shape } from "./shape.js";

export type { ShapeError, ShapeErrorCode } from "../src/errors.js";

/** `true` when `T` is a shape error (the failed result of a type rule), else `false`. */
export type IsShapeError<T> = [T] extends [never] ? false : [T] extends [ShapeError<string>] ? true : false;

/**
 * The parameter-side check: `unknown` when `Result` is fine, the error itself when it is a shape error.
 * Intersected with an argument's own type (`Tensor<Right> & CheckArg<…>`), it makes a wrong argument
 * fail to type-check at that argument, with the message in the diagnostic.
 */
export type CheckArg<Result> = [Result] extends [ShapeError<string>] ? Result : unknown;

/**
 * The shape of an op's result: the rule's shape, or — when the rule failed, which the argument check
 * reports — `number[]`. A failed op's result has unknown rank, so the code after one mistake is
 * checked at run time instead of failing again on a `never` (error recovery, as compilers do).
 */
export type ResultShape<Out> = [Out] extends [never] ? number[] : Out extends Shape ? Out : number[];

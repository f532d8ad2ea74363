/**
 * Narrowing one axis at the type level: `NarrowShape<S, Axis, Start, Length>`, PyTorch's
 * `narrow(dim, start, length)` — the axis becomes exactly `Length` long, taken from `Start`. Mirrors
 * src/ops/narrow.ts rule for rule and message for message.
 *
 * - `Axis` must be in range (`SHAPE_AXIS`, types/internal/axes.ts).
 * - `Start` must be an integer (`SHAPE_SLICE`); negative counts from the end; on a known size `D` it
 *   must lie in `-D … D` (`SHAPE_SLICE`).
 * - `Length` must be a non-negative integer (`SHAPE_SLICE`; a name has no size at run time, so it is
 *   an error too, as in a creation shape), and on a known size `start + length` must not exceed `D`
 *   (`SHAPE_SLICE`): unlike `slice`, nothing is clamped, so the result's length is `Length` as written.
 * - The result is `S` with the axis replaced by `Length`, without a test of `Length`: a type parameter
 *   stays itself (`wpe.narrow(0, 0, x.shape[1])` on `[1024, 64]` inside `<B, T>` is `[T, 64]`), and
 *   `number` stays `number`.
 * - Where the axis dim is a name or `number`, or `Length` a type parameter, the range checks are the
 *   runtime's (`RuntimeDecidesArg` on the tensor op's `length`, types/errors.ts): a type parameter is a
 *   size the caller has, as in a creation shape, and the runtime throws if it does not fit.
 * - An axis that is not a literal gives `number` dims; `S` of unknown rank gives `number[]`.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { InvalidShapeMessage } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { NormalizeAxis } from "../internal/axes.js";
import type { AddDigits, CompareDigits, IsNatural, SubDigits, ToDigits } from "../internal/digits.js";
import type { Classify, Replace } from "./slice.js";

/**
 * `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] with length 1.5: start and length must be
 * integers`. Mirrors `writeNarrowPartMessage`.
 */
export type WriteNarrowPartMessage<Op extends string, S extends Shape, Axis extends number, Name extends "start" | "length", Value extends Dim> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} with ${Name} ${PrintDim<Value>}: start and length must be integers`;

/** `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] with length -1: the length must be non-negative`. Mirrors `writeNarrowNegativeMessage`. */
export type WriteNarrowNegativeMessage<Op extends string, S extends Shape, Axis extends number, Length extends number> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} with length ${Length}: the length must be non-negative`;

/** `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] with start 11: it must be within -10 … 10`. Mirrors `writeNarrowStartMessage`. */
export type WriteNarrowStartMessage<Op extends string, S extends Shape, Axis extends number, Start extends number, D extends number> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} with start ${Start}: it must be within -${D} … ${D}`;

/**
 * `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] to length 8 from start 3: the axis has 10
 * elements, and start + length must not exceed them`. Mirrors `writeNarrowLengthMessage`.
 */
export type WriteNarrowLengthMessage<Op extends string, S extends Shape, Axis extends number, Start extends number, Length extends number, D extends number> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} to length ${Length} from start ${Start}: the axis has ${D} elements, and start + length must not exceed them`;

/** A length, classified as `Classify` does a bound, and `"name"` for a string: it has no size at run time. */
type LengthKind<Length extends Dim> = [Length] extends [string] ? "name" : Classify<Length & number>;

/**
 * The start's error on axis `Index` (size `D`), else `unknown`: an integer (step 1), then, on a known
 * size, within `-D … D` (step 2). A start too large for plain notation (1e21) is out of every range.
 */
type StartError<S extends Shape, Index extends number, D extends Dim, Start extends number, Op extends string> =
  Classify<Start> extends infer Kind
    ? Kind extends "fraction"
      ? ShapeError<WriteNarrowPartMessage<Op, S, Index, "start", Start>>
      : Kind extends [boolean, infer Magnitude extends string]
        ? IsNatural<D> extends true
          ? Magnitude extends "huge"
            ? ShapeError<WriteNarrowStartMessage<Op, S, Index, Start, D & number>>
            : CompareDigits<Magnitude, ToDigits<D & number>> extends "gt"
              ? ShapeError<WriteNarrowStartMessage<Op, S, Index, Start, D & number>>
              : unknown
          : unknown
        : unknown
    : never;

/** The start's position on a known size (digits), for a start that passed `StartError`; `"none"` where the size or the start is not known. */
type StartPosition<D extends Dim, Start extends number> = IsNatural<D> extends true
  ? Classify<Start> extends [infer Negative extends boolean, infer Magnitude extends `${bigint}`]
    ? Negative extends true
      ? SubDigits<ToDigits<D & number>, Magnitude>
      : Magnitude
    : "none"
  : "none";

/**
 * The length's error, for a start that passed: an integer (not a name), non-negative, and — on a
 * known size and start — `start + length ≤ D`. Every test is of `Length`: where it is a type
 * parameter this stays undecided, and the tensor op's argument (`RuntimeDecidesArg`) leaves it to the
 * runtime.
 */
type LengthError<S extends Shape, Index extends number, D extends Dim, Start extends number, Length extends Dim, Op extends string> =
  LengthKind<Length> extends infer Kind
    ? Kind extends "name" | "fraction"
      ? ShapeError<WriteNarrowPartMessage<Op, S, Index, "length", Length>>
      : Kind extends [true, string]
        ? ShapeError<WriteNarrowNegativeMessage<Op, S, Index, Length & number>>
        : Kind extends [false, infer Magnitude extends string]
          ? StartPosition<D, Start> extends infer From extends string
            ? From extends "none"
              ? unknown
              : Magnitude extends "huge"
                ? ShapeError<WriteNarrowLengthMessage<Op, S, Index, Start, Length & number, D & number>>
                : CompareDigits<AddDigits<From, Magnitude>, ToDigits<D & number>> extends "gt"
                  ? ShapeError<WriteNarrowLengthMessage<Op, S, Index, Start, Length & number, D & number>>
                  : unknown
            : unknown
          : unknown
    : never;

/** The axis `Axis` of `S` normalized, or its `SHAPE_AXIS` error; `number` for an axis that is not a literal. */
type NarrowAxis<S extends Shape, Axis extends number, Op extends string> = number extends S["length"] ? number : NormalizeAxis<Op, S, Axis>;

/** Where a narrow of a valid `S` fails: `["axis" | "start" | "length", error]`, or `never`. */
type NarrowFailure<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string> =
  NarrowAxis<S, Axis, Op> extends infer Index
    ? Index extends ShapeError<string>
      ? ["axis", Index]
      : number extends Index
        ? never
        : StartError<S, Index & number, S[Index & number], Start, Op> extends infer Failed
          ? Failed extends ShapeError<string>
            ? ["start", Failed]
            : LengthError<S, Index & number, S[Index & number], Start, Length, Op> extends infer Short
              ? Short extends ShapeError<string>
                ? ["length", Short]
                : never
              : never
          : never
    : never;

/** The narrowed shape of a valid `S`, without a test of `Length` (see above); `number[]` for an axis out of range. */
export type NarrowResult<S extends Shape, Axis extends number, Length extends Dim, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? number[]
      : number extends Index
        ? { -readonly [K in keyof S]: number }
        : Replace<S, Index & number, Length>
    : never;

/**
 * The check of the tensor op's argument `Part`: that argument's error when the rule fails there,
 * else `unknown` (a tensor's shape is valid by construction, so it is not validated again).
 */
export type NarrowCheck<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string, Part extends "axis" | "start" | "length"> =
  Part extends "axis"
    ? NarrowAxis<S, Axis, Op>
    : NarrowFailure<S, Axis, Start, Length, Op> extends [Part, infer Error]
      ? Error
      : unknown;

/** `NarrowCheck` for the pure rule, whose shape is validated first (an invalid shape is the shape argument's error). */
export type NarrowShapeCheck<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Part extends "axis" | "start" | "length"> =
  [InvalidShapeMessage<"narrowShape", S>] extends [never] ? NarrowCheck<S, Axis, Start, Length, "narrowShape", Part> : unknown;

/**
 * `S` with axis `Axis` narrowed to `Length` elements from `Start` (negative counts from the end), or a
 * `ShapeError` whose message is the runtime's.
 * @example
 * type Out = NarrowShape<[10, 4], 0, 2, 5>; //=> [5, 4]
 * type Named = NarrowShape<["seq", 64], 0, 0, 3>; //=> [3, 64]
 */
export type NarrowShape<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string = "narrowShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? NarrowFailure<S, Axis, Start, Length, Op> extends infer Failure
        ? [Failure] extends [never]
          ? NarrowResult<S, Axis, Length, Op>
          : Failure extends [string, infer Error]
            ? Error
            : never
        : never
      : ShapeError<Invalid>
    : never;

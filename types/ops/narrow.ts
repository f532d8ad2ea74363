/**
 * Narrowing one axis at the type level: `NarrowShape<S, Axis, Start, Length>`, PyTorch's
 * `narrow(dim, start, length)` — the axis becomes exactly `Length` long, taken from `Start`. Mirrors
 * src/ops/narrow.ts rule for rule and message for message.
 *
 * - `Axis` must be in range (`SHAPE_AXIS`, types/internal/axes.ts).
 * - `Start` must be an integer (`SHAPE_SLICE`); negative counts from the end; on a known size `D` it
 *   must lie in `-D … D` (`SHAPE_SLICE`).
 * - `Length` must be an integer from 0 to 2^53 − 1 (`SHAPE_SLICE`; a name has no size at run time, so it is
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
import type { FixedRank, InvalidShapeMessage, IsKnownSize } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AfterGroup, NormalizeAxis, RestateForGroup, SplitForAxes } from "../internal/axes.js";
import type { AboveMaxSafe, AddDigits, CompareDigits, FromDigits, SubDigits } from "../internal/digits.js";
import type { Classify, Replace } from "./slice.js";

/**
 * `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] with length 1.5: start and length must be
 * integers`. Mirrors `writeNarrowPartMessage`.
 */
export type WriteNarrowPartMessage<Op extends string, S extends Shape, Axis extends number, Name extends "start" | "length", Value extends Dim> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} with ${Name} ${PrintDim<Value>}: start and length must be integers`;

/**
 * `SHAPE_SLICE: narrow: cannot narrow axis 0 of [10, 4] with length -1: the length must be a size,
 * from 0 to 9007199254740991`. Mirrors `writeNarrowSizeMessage`.
 */
export type WriteNarrowSizeMessage<Op extends string, S extends Shape, Axis extends number, Length extends number> =
  `SHAPE_SLICE: ${Op}: cannot narrow axis ${Axis} of ${PrintShape<S>} with length ${Length}: the length must be a size, from 0 to 9007199254740991`;

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
 * The digits of a known size (a tensor's dim, valid by construction: a natural literal prints as its
 * digits), or `"none"` for a name, `number` or a union — whose range the runtime checks. Undecided
 * where the dim is a type parameter, which the arguments' checks leave to the runtime too.
 */
type SizeDigits<D extends Dim> = IsKnownSize<D> extends true ? `${D & number}` : "none";

/**
 * The start's error on an axis of size `Size` (digits, or `"none"`), else `unknown`: an integer, then,
 * on a known size, within `-size … size`. A start too large for plain notation (1e21) is out of every
 * range; a start of 0 (the common call) is in every range.
 */
type StartError<S extends Shape, Index extends number, Size extends string, Start extends number, Op extends string> =
  Classify<Start> extends infer Kind
    ? Kind extends "fraction"
      ? ShapeError<WriteNarrowPartMessage<Op, S, Index, "start", Start>>
      : Kind extends [boolean, infer Magnitude extends string]
        ? Size extends "none"
          ? unknown
          : Magnitude extends "0"
            ? unknown
            : Magnitude extends "huge"
              ? ShapeError<WriteNarrowStartMessage<Op, S, Index, Start, FromDigits<Size>>>
              : CompareDigits<Magnitude, Size> extends "gt"
                ? ShapeError<WriteNarrowStartMessage<Op, S, Index, Start, FromDigits<Size>>>
                : unknown
        : unknown
    : never;

/** The length's own error, whatever the axis: an integer (not a name) from 0 to 2^53 − 1. */
type LengthInvalid<S extends Shape, Index extends number, Length extends Dim, Op extends string> =
  LengthKind<Length> extends infer Kind
    ? Kind extends "name" | "fraction"
      ? ShapeError<WriteNarrowPartMessage<Op, S, Index, "length", Length>>
      : Kind extends [true, string] | [false, "huge"]
        ? ShapeError<WriteNarrowSizeMessage<Op, S, Index, Length & number>>
        : Kind extends [false, infer Magnitude extends `${bigint}`]
          ? AboveMaxSafe<Magnitude> extends true
            ? ShapeError<WriteNarrowSizeMessage<Op, S, Index, Length & number>>
            : unknown
          : unknown
    : never;

/**
 * The window's fit, for a valid start and length: on a known size, `start + length ≤ size`. A length
 * that is a type parameter leaves it undecided, and the tensor op's argument (`RuntimeDecidesArg`)
 * leaves it to the runtime.
 */
type LengthFit<S extends Shape, Index extends number, Size extends string, Start extends number, Length extends Dim, Op extends string> = Size extends "none"
  ? unknown
  : LengthKind<Length> extends [false, infer Magnitude extends `${bigint}`]
    ? CompareDigits<EndOf<Size, Classify<Start>, Magnitude>, Size> extends "gt"
      ? ShapeError<WriteNarrowLengthMessage<Op, S, Index, Start, Length & number, FromDigits<Size>>>
      : unknown
    : unknown;

/** Where the window ends, `start + length` on digits, for a start classified in range (a dynamic start: `"0"`, the runtime checks). */
type EndOf<Size extends string, StartKind, Length extends string> = StartKind extends [infer Negative extends boolean, infer Magnitude extends `${bigint}`]
  ? Negative extends true
    ? AddDigits<SubDigits<Size, Magnitude>, Length>
    : Magnitude extends "0"
      ? Length
      : AddDigits<Magnitude, Length>
  : "0";

/** The axis `Axis` of `S` normalized, or its `SHAPE_AXIS` error; `number` for an axis that is not a literal. */
type NarrowAxis<S extends Shape, Axis extends number, Op extends string> = number extends S["length"] ? number : NormalizeAxis<Op, S, Axis>;

/**
 * Where a narrow of a valid `S` fails: `["axis" | "start" | "length", error]`, or `never` — the
 * arguments' own checks (`NarrowCheck`) in the runtime's order, the length's only for a valid start.
 */
type NarrowFailure<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string> =
  NarrowCheck<S, Axis, Start, Length, Op, "axis"> extends infer AxisError extends ShapeError<string>
    ? ["axis", AxisError]
    : NarrowCheck<S, Axis, Start, Length, Op, "start"> extends infer StartError extends ShapeError<string>
      ? ["start", StartError]
      : NarrowCheck<S, Axis, Start, Length, Op, "length"> extends infer LengthError extends ShapeError<string>
        ? ["length", LengthError]
        : never;

/** The narrowed shape of a valid `S`, without a test of `Length` (see above); `number[]` for an axis out of range. */
type NarrowResultFixed<S extends Shape, Axis extends number, Length extends Dim, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? number[]
      : number extends Index
        ? { -readonly [K in keyof S]: number }
        : Replace<S, Index & number, Length>
    : never;

/**
 * The checks of the tensor op's three arguments at once, `{ axis, start, length }` (a tensor's shape is
 * valid by construction, so it is not validated again): the axis's range; the start's own error; the
 * length's own error, then — for a valid start — its fit. Each argument is judged on what it is given,
 * so a dim that is a type parameter, which leaves the range tests undecided, does not hide a start or
 * length that is wrong whatever the size (`narrow(0, 1.5, 3)`, `narrow(0, 0, -1)`). One object for the
 * three, so that the axis is normalised once per call (and, above, the shape dispatched once).
 */
type NarrowChecksFixed<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string> =
  NarrowAxis<S, Axis, Op> extends infer Index
    ? Index extends ShapeError<string>
      ? { axis: Index; start: unknown; length: unknown } // the axis's error
      : number extends Index
        ? { axis: Index; start: unknown; length: unknown }
        : {
            axis: Index;
            // the size passed as is, not bound by `infer`: around a type parameter it stays undecided, and only the tests that need it wait for it
            start: StartError<S, Index & number, SizeDigits<S[Index & number]>, Start, Op>;
            length: LengthInvalid<S, Index & number, Length, Op> extends infer Invalid
              ? Invalid extends ShapeError<string>
                ? Invalid
                : StartError<S, Index & number, SizeDigits<S[Index & number]>, Start, Op> extends ShapeError<string>
                  ? unknown // the start's error
                  : LengthFit<S, Index & number, SizeDigits<S[Index & number]>, Start, Length, Op>
              : never;
          }
    : never;

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

/**
 * The checks of `narrow`'s arguments, `{ axis, start, length }` (each argument's own error). A
 * negative axis of a variadic shape (`[...Batch, 3 * D]` at `-1`) is checked within the fixed
 * trailing dims it counts from, an error restated for the whole shape (`… axis -1 of [..., 512] …`).
 */
type NarrowChecks<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string> =
  [S] extends readonly [FixedRank]
    ? NarrowChecksFixed<S, Axis, Start, Length, Op>
    : SplitForAxes<S, [Axis]> extends readonly [unknown, infer Tail extends Shape]
      ? RestatedChecks<NarrowChecksFixed<Tail, Axis, Start, Length, Op>, Tail>
      : NarrowChecksFixed<number[], Axis, Start, Length, Op>; // unknown rank, or an axis the runtime checks

/** `narrow`'s checks on a variadic shape's trailing dims `Tail`, each error restated for the whole shape. */
type RestatedChecks<Checks extends { axis: unknown; start: unknown; length: unknown }, Tail extends Shape> = {
  axis: RestateForGroup<Checks["axis"], Tail>;
  start: RestateForGroup<Checks["start"], Tail>;
  length: RestateForGroup<Checks["length"], Tail>;
};

/** One part of `narrow`'s check: the axis (normalised, or its error), the start or the length. */
export type NarrowCheck<S extends Shape, Axis extends number, Start extends number, Length extends Dim, Op extends string, Part extends "axis" | "start" | "length"> =
  NarrowChecks<S, Axis, Start, Length, Op>[Part];

/**
 * `narrow`'s result for result types: the axis becomes `Length`; a variadic shape's trailing dims are
 * narrowed after its group (`[...Batch, T, 64]` at `-1` to 16 is `[...Batch, T, 16]`).
 */
export type NarrowResult<S extends Shape, Axis extends number, Length extends Dim, Op extends string> = [S] extends readonly [FixedRank]
  ? NarrowResultFixed<S, Axis, Length, Op>
  : SplitForAxes<S, [Axis]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, NarrowResultFixed<Tail, Axis, Length, Op>>
    : number[];

/**
 * Slicing along one axis at the type level: `SliceShape<S, Axis, Start, End?, Step?>`, Python's
 * `x[start:end:step]` on axis `Axis`. Mirrors src/ops/slice.ts rule for rule and message for message.
 *
 * - `Axis` must be in range (`SHAPE_AXIS`, types/internal/axes.ts).
 * - `Start`, `End` and `Step` must be integers and `Step` non-zero (`SHAPE_SLICE`); `undefined`
 *   means Python's `None` (from the start / to the end / step 1). Negative bounds count from the end
 *   and bounds are clamped to the axis exactly as `slice(start, end, step).indices(n)` does, so the
 *   new length is `len(range(*slice(start, end, step).indices(n)))`. A negative step walks backwards.
 * - A known size at the axis gives the exact new length, by decimal digit arithmetic
 *   (types/internal/digits.ts), exact up to 2^53 − 1.
 * - A symbolic or `number` dim at the axis gives `number` (the runtime computes it) — except for a
 *   slice that keeps the whole axis (`0:`, `::1`, `::-1`, `-1::-1`), which keeps the dim.
 * - A bound or step that is `number` (not a literal) gives `number` for the new length; an axis that
 *   is not a literal gives `number` for every dim; `S` of unknown rank gives `number[]`.
 * - A scalar `[]` has no axis to slice (`SHAPE_AXIS`); an axis of size 0 slices to 0.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, ResultShape, CheckArg } from "../errors.js";
import type { InvalidShapeMessage, IsSingle } from "../internal/dims.js";
import type { PrintShape } from "../internal/print.js";
import type { NormalizeAxis } from "../internal/axes.js";
import type { AddDigits, CompareDigits, DivModDigits, FromDigits, IsNatural, SubDigits, ToDigits } from "../internal/digits.js";

/** What a slice bound may be: an integer, or `undefined` for Python's `None`. */
export type SliceBound = number | undefined;

/**
 * `SHAPE_SLICE: slice: cannot slice axis 1 of [2, 3] with step 0: the step must be a non-zero
 * integer (a negative step walks backwards)`. Mirrors `writeSliceMessage`.
 */
export type WriteSliceMessage<Op extends string, S extends Shape, Axis extends number, Name extends "start" | "end" | "step", Value extends number> =
  `SHAPE_SLICE: ${Op}: cannot slice axis ${Axis} of ${PrintShape<S>} with ${Name} ${Value}: ${[Value] extends [0]
    ? "the step must be a non-zero integer (a negative step walks backwards)"
    : "start, end and step must be integers"}`;

/**
 * A bound or step, classified: `[negative, digits of the magnitude]` for an integer literal in plain
 * notation, `[negative, "huge"]` for one too large for it (1e21 and up: beyond every size, so it
 * clamps to an end), `"fraction"` for a literal that is not an integer, `"dynamic"` for `number` or
 * a union, `undefined` for `undefined`.
 */
export type Classify<N extends SliceBound> = [N] extends [undefined]
  ? undefined
  : [N] extends [number]
    ? number extends N
      ? "dynamic"
      : IsSingle<N> extends true
        ? `${N}` extends `-${infer Magnitude}`
          ? ClassifyText<Magnitude, true>
          : ClassifyText<`${N}`, false>
        : "dynamic"
    : "dynamic"; // `number | undefined`

type ClassifyText<Text extends string, Negative extends boolean> = Text extends `${bigint}`
  ? [Negative, Text]
  : Text extends `${string}e+${string}`
    ? [Negative, "huge"]
    : "fraction";

/** The first of step, start, end (in that order, as the runtime checks) that is invalid, else `never`. */
type BadPart<Start extends SliceBound, End extends SliceBound, Step extends SliceBound> = [Step] extends [0]
  ? ["step", 0]
  : Classify<Step> extends "fraction"
    ? ["step", Step & number]
    : Classify<Start> extends "fraction"
      ? ["start", Start & number]
      : Classify<End> extends "fraction"
        ? ["end", End & number]
        : never;

/**
 * A bound clamped onto 0 … D as `slice.indices` does, shifted up by one for a negative step (so that
 * Python's −1 is 0): digit strings in and out. A non-negative bound costs one comparison; additions
 * are made only where the shift needs them.
 */
type Clamp<D extends string, Negative extends boolean, Magnitude extends string, Shift extends "0" | "1"> = Magnitude extends "huge"
  ? Negative extends true
    ? "0"
    : D
  : Negative extends true
    ? CompareDigits<Magnitude, D> extends "gt"
      ? "0"
      : Shift extends "0"
        ? SubDigits<D, Magnitude>
        : AddDigits<SubDigits<D, Magnitude>, "1">
    : CompareDigits<Magnitude, D> extends "lt"
      ? Shift extends "0"
        ? Magnitude
        : AddDigits<Magnitude, "1">
      : D;

/** A bound's clamped position, or `Default` for `undefined`. */
type Position<D extends string, Bound, Shift extends "0" | "1", Default extends string> = Bound extends [infer Negative extends boolean, infer Magnitude extends string]
  ? Clamp<D, Negative, Magnitude, Shift>
  : Default;

/**
 * The number of steps of size `Step` from `Low` (inclusive) up to `High` (exclusive): ⌈(High − Low) / Step⌉,
 * or 0. One subtraction; a division only for a step other than 1.
 */
type Steps<High extends string, Low extends string, Step extends string> = CompareDigits<High, Low> extends "gt"
  ? Step extends "1"
    ? SubDigits<High, Low>
    : Step extends "huge"
      ? "1"
      : DivModDigits<SubDigits<High, Low>, Step> extends [infer Quotient extends string, infer Remainder extends string]
        ? Remainder extends "0"
          ? Quotient
          : AddDigits<Quotient, "1">
        : never
  : "0";

/** The new length for a known size `D` (digits) and classified literal bounds. */
type KnownLength<D extends string, Start, End, Step> = Step extends [true, infer Magnitude extends string]
  ? Steps<Position<D, Start, "1", D>, Position<D, End, "1", "0">, Magnitude>
  : Steps<Position<D, End, "0", D>, Position<D, Start, "0", "0">, Step extends [false, infer Magnitude extends string] ? Magnitude : "1">;

/** `true` for the bounds of a slice that keeps the whole axis in some order: `0:`, `::1`, `::-1`, `-1::-1`. */
type IsWhole<Start extends SliceBound, End extends SliceBound, Step extends SliceBound> = [End] extends [undefined]
  ? [Step] extends [undefined | 1]
    ? [Start] extends [undefined | 0]
      ? true
      : false
    : [Step] extends [-1]
      ? [Start] extends [undefined | -1]
        ? true
        : false
      : false
  : false;

/** The new length of the axis of size `D`. */
type SliceDim<D extends Dim, Start extends SliceBound, End extends SliceBound, Step extends SliceBound> =
  IsWhole<Start, End, Step> extends true
    ? D
    : SliceSize<D, Start, End, Step>;

/**
 * The length of a slice of a dim `D` that is not taken whole: Python's slice length on a known size,
 * `number` for a name or a `number` dim. Around a type parameter it stays as written,
 * `SliceSize<T, 0, 2, undefined>`: a dim equal only to itself.
 */
export type SliceSize<D extends Dim, Start extends SliceBound, End extends SliceBound, Step extends SliceBound> = IsNatural<D> extends true
  ? [FromFront<Start>, UnitStep<Step>, Classify<End>] extends [true, true, [false, infer EndText extends `${bigint}`]] // `[:end]`: min(end, D)
    ? CompareDigits<EndText, ToDigits<D & number>> extends "lt"
      ? End & number
      : D
    : [Classify<Start>, Classify<End>, Classify<Step>] extends infer Parts extends unknown[]
      ? "dynamic" extends Parts[number]
        ? number
        : FromDigits<KnownLength<ToDigits<D & number>, Parts[0], Parts[1], Parts[2]>>
      : never
  : number;

/** `true` when a slice starts at the front: `start` omitted or 0 (one of them, not a union). */
type FromFront<Start extends SliceBound> = [Start] extends [undefined] ? true : [Start] extends [0] ? true : false;

/** `true` when a slice steps by one: `step` omitted or 1 (one of them, not a union). */
type UnitStep<Step extends SliceBound> = [Step] extends [undefined] ? true : [Step] extends [1] ? true : false;

/** `S` with the dim at `Index` replaced by `D`. */
export type Replace<S extends Shape, Index extends number, D extends Dim> = S extends readonly [infer D0 extends Dim, infer D1 extends Dim] // a matrix (most calls): one pattern
  ? [Index] extends [0]
    ? [D, D1]
    : [Index] extends [1]
      ? [D0, D]
      : ReplaceWalk<S, Index, D>
  : ReplaceWalk<S, Index, D>;

type ReplaceWalk<S extends Shape, Index extends number, D extends Dim, Acc extends Dim[] = []> = S extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? ReplaceWalk<Rest, Index, D, [...Acc, Acc["length"] extends Index ? D : Head]>
  : Acc;

/** The slice of a shape with valid dims. */
export type SliceChecked<
  S extends Shape,
  Axis extends number,
  Start extends SliceBound,
  End extends SliceBound,
  Step extends SliceBound,
  Op extends string,
> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? Index
      : number extends Index
        ? { -readonly [K in keyof S]: number }
        : BadPart<Start, End, Step> extends infer Bad
          ? [Bad] extends [never]
            ? Replace<S, Index & number, SliceDim<S[Index & number], Start, End, Step>>
            : Bad extends [infer Name extends "start" | "end" | "step", infer Value extends number]
              ? ShapeError<WriteSliceMessage<Op, S, Index & number, Name, Value>>
              : never
          : never
    : never;

/**
 * `S` with axis `Axis` sliced as Python's `[Start:End:Step]` (`undefined` = `None`; negative bounds
 * count from the end; out-of-range bounds are clamped; a negative step walks backwards), or a
 * `ShapeError` whose message is the runtime's.
 * @example
 * type Out = SliceShape<[10, 4], 0, 2, -1, 3>; //=> [3, 4]
 * type Back = SliceShape<[10, 4], 0, 7, 1, -2>; //=> [3, 4]
 * type Named = SliceShape<["batch", 10], 0, 1>; //=> [number, 10]
 */
export type SliceShape<
  S extends Shape,
  Axis extends number,
  Start extends SliceBound,
  End extends SliceBound = undefined,
  Step extends SliceBound = undefined,
  Op extends string = "sliceShape",
> = InvalidShapeMessage<Op, S> extends infer Invalid extends string
  ? [Invalid] extends [never]
    ? SliceChecked<S, Axis, Start, End, Step, Op>
    : ShapeError<Invalid>
  : never;

/** Which argument of a slice call is wrong, for an error `SliceChecked` gave. */
type FailingPart<Message extends string, Start extends SliceBound, End extends SliceBound, Step extends SliceBound> =
  Message extends `SHAPE_SLICE: ${string}` ? BadPart<Start, End, Step>[0] : "axis";

/**
 * The argument-side check of a slice call for the argument `Part`, given the rule's `Result`: the
 * error when that argument is the wrong one (`"axis"` also carries an invalid shape), else `unknown`.
 */
export type SliceCheck<
  Result,
  Start extends SliceBound,
  End extends SliceBound,
  Step extends SliceBound,
  Part extends "axis" | "start" | "end" | "step",
> = CheckArg<Result extends ShapeError<infer Message> ? (FailingPart<Message, Start, End, Step> extends Part ? Result : unknown) : unknown>;

/** `SliceChecked` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type SliceResult<S extends Shape, Axis extends number, Start extends SliceBound, End extends SliceBound, Step extends SliceBound, Op extends string> =
  ResultShape<SliceChecked<S, Axis, Start, End, Step, Op>>;

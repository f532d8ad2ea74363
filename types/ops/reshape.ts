/**
 * Reshaping at the type level: `ReshapeShape<From, To>` and `FlattenShape<S>`. Mirrors
 * src/ops/reshape.ts rule for rule and message for message.
 *
 * - The element counts of `From` and `To` must be equal. Counts are products of dims computed
 *   exactly on decimal digit strings (types/internal/digits.ts), so `[2^52, 4]` → `[2^53, 2]` is
 *   decided correctly; with symbolic dims they are polynomials in normal form
 *   (types/internal/symbolic.ts), so `["batch", 28, 28]` → `["batch", 784]` and
 *   `["batch", "seq", 768]` → `["batch", "seq", 12, 64]` are accepted and `["batch", 784]` →
 *   `["batch", 780]` is an error (`batch*784` vs `batch*780`: a name is a size fixed for the
 *   program, so equal counts must be equal as polynomials).
 * - One dim of `To` may be `-1`: it becomes the count of `From` divided by the count of the other
 *   dims of `To`, when that division is exact — also symbolically: `["b", "s", 768]` → `["b", -1]`
 *   gives `["b", "s*768"]`. Errors: two `-1`s; a division that is not exact (`n*3` by 2 included:
 *   no polynomial quotient); other dims holding 0 elements (any size would fit, as NumPy says); a
 *   quotient above 2^53 − 1. A negative dim other than `-1` is an error; a fractional one is
 *   `SHAPE_INVALID_SHAPE`, as are `From`'s invalid dims and strings that are not size expressions.
 * - When the divisor is a sum (`["n+m", 4]` → `["n+m", -1]`), dims equal in normal form are first
 *   cancelled between `From` and `To`; if the divisor left is one term the division is exact as
 *   above, otherwise the compiler cannot decide and the inferred dim is `number`.
 * - Dynamic input degrades to a run-time check, never a compile error: a `number`, `string` or union
 *   dim on either side, or `From` of unknown rank, skips the count check and makes an inferred dim
 *   `number`; the target's own errors (two `-1`s, negative dims) are still reported. `To` of
 *   unknown rank gives `number[]`.
 * - `[]` has one element: `[]` → `[1, 1]` and `[1]` → `[]` are fine; `[0, 3]` → `[0]` too.
 * The result is `To` as written, with `-1` replaced by the inferred dim.
 */
import type { Dim, Shape } from "../shape.js";
import type { ResultShape, ShapeError } from "../errors.js";
import type { Exact, FixedRank, IsSingle, NaturalText, NoTypeParameters, SameDimCheck, WriteInvalidShapeMessage } from "../internal/dims.js";
import type { AboveMaxSafe, Digit, DivModDigits, FromDigits, MulDigits } from "../internal/digits.js";
import type { AfterGroup, NormalizeAxis, RestateForGroup, SplitAt, SplitForAxes } from "../internal/axes.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type {
  CompareSizes,
  DimPoly,
  DivPolyByTerm,
  IsDynamicDim,
  IsExpression,
  InvalidSizesMessage,
  IsTooLarge,
  Malformed,
  NoQuotient,
  NormalizeShape,
  ParseSize,
  Poly,
  PolyDim,
  PrintPoly,
  ShapeSize,
  SplitProduct,
  Term,
  WriteSizeExpressionMessage,
} from "../internal/symbolic.js";

/**
 * `SHAPE_RESHAPE: reshape: cannot reshape [2, 3] (6 elements) to [4] (4 elements): element counts
 * differ`. Mirrors `writeReshapeMessage`.
 */
export type WriteReshapeMessage<Op extends string, From extends Shape, To extends Shape, FromCount extends string, ToCount extends string> =
  `SHAPE_RESHAPE: ${Op}: cannot reshape ${PrintShape<From>} (${FromCount} elements) to ${PrintShape<To>} (${ToCount} elements): element counts differ`;

/** Why a `-1` cannot be inferred; `Value` is the other dims' count, or the quotient for `"large"`. */
type InferReason<Kind, FromCount extends string, Value extends string> = Kind extends "multiple"
  ? `-1 cannot be inferred: the other dims hold ${Value} elements, and ${FromCount} is not a multiple of ${Value}`
  : Kind extends "zero"
    ? "-1 cannot be inferred: the other dims hold 0 elements, so any size would fit"
    : Kind extends "large"
      ? `-1 would be ${Value}, above the largest safe integer 9007199254740991`
      : `-1 cannot be inferred from symbolic sizes: ${FromCount} over ${Value} has no simple quotient; write that dim out`;

/**
 * `SHAPE_RESHAPE: reshape: cannot reshape [2, 3] (6 elements) to [4, -1]: -1 cannot be inferred: the
 * other dims hold 4 elements, and 6 is not a multiple of 4`. Mirrors `writeReshapeInferMessage`.
 */
export type WriteReshapeInferMessage<
  Op extends string,
  From extends Shape,
  To extends Shape,
  FromCount extends string,
  Kind extends "multiple" | "zero" | "large" | "symbolic",
  Value extends string,
> = `SHAPE_RESHAPE: ${Op}: cannot reshape ${PrintShape<From>} (${FromCount} elements) to ${PrintShape<To>}: ${InferReason<Kind, FromCount, Value>}`;

/**
 * `SHAPE_RESHAPE: reshape: cannot reshape [6] to [-1, -1]: only one dim can be -1 (inferred)`, and
 * the message for a negative dim. Mirrors `writeReshapeTargetMessage`.
 */
export type WriteReshapeTargetMessage<Op extends string, From extends Shape, To extends Shape, Kind extends "minus" | "negative", D extends number> =
  `SHAPE_RESHAPE: ${Op}: cannot reshape ${PrintShape<From>} to ${PrintShape<To>}: ${Kind extends "minus" ? "only one dim can be -1 (inferred)" : `dim ${D} is negative; sizes are non-negative, and -1 stands for the one inferred size`}`;

/**
 * `SHAPE_RESHAPE_ORDER: reshape: cannot reshape ["b", "t", "d*h"] to ["b", "h", "t", "d"]: "h" comes
 * after "t" in the source but before it in the target; …`. Mirrors `writeReshapeOrderMessage`.
 */
export type WriteReshapeOrderMessage<Op extends string, From extends Shape, To extends Shape, Early extends string, Late extends string> =
  `SHAPE_RESHAPE_ORDER: ${Op}: cannot reshape ${PrintShape<From>} to ${PrintShape<To>}: '${Late}' comes after '${Early}' in the source but before it in the target; a reshape keeps the elements in order, so moving an axis scrambles the data: split or merge axes with reshape, then move them with permute or transpose (or do both with rearrange)`;

/** The named factors of one dim: a product's names, a sum as one factor, nothing for a number. Mirrors `factorGroups`. */
type Factors<D> = D extends string
  ? ParseSize<D> extends infer P
    ? P extends readonly [readonly [infer Names extends string, string]]
      ? Names extends ""
        ? []
        : SplitProduct<Names>
      : P extends readonly [Term, Term, ...Term[]]
        ? [PrintPoly<P>]
        : []
    : never
  : [];

/** Each named factor of a shape with its dim's position (a counter tuple): `[name, position]` pairs in order. */
type Placed<S extends Shape, Position extends 0[] = [], Acc extends [string, 0[]][] = []> = S extends readonly [infer D, ...infer Rest extends Shape]
  ? Placed<Rest, [...Position, 0], [...Acc, ...PlaceAll<Factors<D>, Position>]>
  : Acc;
type PlaceAll<Names extends string[], Position extends 0[]> = { [K in keyof Names]: [Names[K], Position] };

/** `true` when `Name` occurs exactly once among `Entries`' names. */
type Once<Entries extends [string, 0[]][], Name extends string, Seen extends boolean = false> = Entries extends [
  [infer Head, 0[]],
  ...infer Rest extends [string, 0[]][],
]
  ? Head extends Name
    ? Seen extends true
      ? false
      : Once<Rest, Name, true>
    : Once<Rest, Name, Seen>
  : Seen;

/** The position of `Name` among the source's entries. */
type PositionOf<Entries extends [string, 0[]][], Name extends string> = Extract<Entries[number], [Name, 0[]]>[1];

/**
 * The target's named factors (each used once on each side), walked in order, must not go back in
 * the source: a factor placed before one it followed is the error. `Latest` is the furthest source
 * position of the previous target dims, `Group` that of the current one. Mirrors `checkOrder`.
 */
type OrderWalk<
  Source extends [string, 0[]][],
  Target extends [string, 0[]][],
  Rest extends [string, 0[]][],
  Dim extends 0[] = [],
  Latest extends 0[] | false = false,
  LatestName extends string = "",
  Group extends 0[] | false = false,
  GroupName extends string = "",
> = Rest extends [[infer Name extends string, infer At extends 0[]], ...infer Tail extends [string, 0[]][]]
  ? At extends Dim
    ? Once<Source, Name> extends true
      ? Once<Target, Name> extends true
        ? PositionOf<Source, Name> extends infer P extends 0[]
          ? Latest extends [...P, 0, ...0[]]
            ? [Name, LatestName]
            : Group extends [...P, ...0[]]
              ? OrderWalk<Source, Target, Tail, Dim, Latest, LatestName, Group, GroupName>
              : OrderWalk<Source, Target, Tail, Dim, Latest, LatestName, P, Name>
          : never
        : OrderWalk<Source, Target, Tail, Dim, Latest, LatestName, Group, GroupName>
      : OrderWalk<Source, Target, Tail, Dim, Latest, LatestName, Group, GroupName>
    : OrderWalk<Source, Target, Rest, At, Group, GroupName, Group, GroupName>
  : false;

/**
 * `Out` (the reshape's result), or `SHAPE_RESHAPE_ORDER` when it reorders named factors of `From`.
 * At most one distinct name, and that a plain one (or no name at all), has no order to keep.
 */
type CheckOrder<From extends Shape, To extends Shape, Op extends string, Out extends Shape> =
  OneNameAtMost<Extract<Out[number], string>> extends true ? Out : CheckNamedOrder<From, To, Op, Out>;

/** `true` when `Names` (a shape's string dims) is `never`, or one name that is not an expression. */
type OneNameAtMost<Names> = [Names] extends [never]
  ? true
  : IsSingle<Names> extends true
    ? Names extends `${string}${"+" | "*"}${string}` | `${Digit}${string}`
      ? false
      : true
    : false;

type CheckNamedOrder<From extends Shape, To extends Shape, Op extends string, Out extends Shape> =
  Placed<Out> extends infer Target extends [string, 0[]][]
    ? Target extends readonly [unknown, unknown, ...unknown[]]
      ? OrderWalk<Placed<From>, Target, Target> extends [infer Early extends string, infer Late extends string]
        ? ShapeError<WriteReshapeOrderMessage<Op, From, To, Early, Late>>
        : Out
      : Out
    : never;

/** `To` with its `-1` replaced by `Inferred`. */
type FillMinus<To extends Shape, Inferred extends Dim> = { [K in keyof To]: To[K] extends -1 ? Inferred : To[K] };

/**
 * What a target dim is: `"size"` (a size, or a valid size expression), `"dynamic"` (`number`,
 * `string`, a union), `"minus"` (`-1`), or the error it is — `"negative"`, `"invalid"` (a fractional,
 * exponent or too large number, or `""`), `"expression"` (a string that is not a size expression).
 * A function of the dim alone, so each dim is classified once for the whole program.
 */
type TargetDim<D extends Dim> = IsDynamicDim<D> extends true
  ? "dynamic"
  : [D] extends [number]
    ? `${D}` extends "-1"
      ? "minus"
      : `${D}` extends `-${infer Magnitude}`
        ? Magnitude extends `${string}${"." | "e-"}${string}`
          ? "invalid"
          : "negative"
        : `${D}` extends `${string}${"." | "e"}${string}`
          ? "invalid"
          : IsTooLarge<[["", `${D}`]]> extends true
            ? "invalid"
            : "size"
    : D extends `${string}${"+" | "*"}${string}` | ""
      ? ParseSize<D & string> extends Malformed
        ? D extends ""
          ? "invalid"
          : "expression"
        : "size"
      : "size";

/** A target dim's error, as `ScanTarget` finds it: its kind (`TargetDim`, or `"minus"` for a second `-1`) and the dim. */
interface TargetError<Kind extends string = string, D extends Dim = Dim> {
  readonly kind: Kind;
  readonly dim: D;
}

/**
 * One pass over the target, left to right: the first target error (`TargetError`), or whether it
 * has a `-1`, whether a dim is dynamic, and its other dims (`Known`). A function of the target alone
 * (the messages are written by `ReshapeChecked`), so a target is scanned once for every source.
 */
type ScanTarget<Rest extends Shape, Minus extends boolean = false, Dynamic extends boolean = false, Known extends Dim[] = []> =
  Rest extends readonly [infer D extends Dim, ...infer Tail extends Shape]
    ? TargetDim<D> extends infer Kind
      ? Kind extends "size"
        ? ScanTarget<Tail, Minus, Dynamic, [...Known, D]>
        : Kind extends "dynamic"
          ? ScanTarget<Tail, Minus, true, Known>
          : Kind extends "minus"
            ? Minus extends true
              ? TargetError<"minus", D>
              : ScanTarget<Tail, true, Dynamic, Known>
            : TargetError<Kind & string, D>
      : never
    : { minus: Minus; dynamic: Dynamic; known: Known };

/** The message of a target error found by `ScanTarget`. */
type TargetErrorMessage<Op extends string, From extends Shape, To extends Shape, Kind, D extends Dim> = Kind extends "minus"
  ? WriteReshapeTargetMessage<Op, From, To, "minus", -1>
  : Kind extends "negative"
    ? WriteReshapeTargetMessage<Op, From, To, "negative", D & number>
    : Kind extends "expression"
      ? WriteSizeExpressionMessage<Op, PrintShape<To>, D & string>
      : WriteInvalidShapeMessage<Op, To, D>;

/** `true` when a dim of `S` is dynamic or its rank is unknown. */
type HasDynamic<S extends Shape> = number extends S["length"] ? true : true extends IsDynamicDimOf<S[number]> ? true : false;
type IsDynamicDimOf<D> = D extends Dim ? IsDynamicDim<D> : never;

/** `true` for a dim whose size is zero: `0`, or an expression that normalises to 0 (`"0*n"`). */
type IsZero<D extends Dim> = [D] extends [0] ? true : [D] extends [string] ? (IsExpression<D & string> extends true ? (DimPoly<D> extends readonly [] ? true : false) : false) : false;

/** `Source` without the first dim identical to `D`, or `false` when it has none. */
type RemoveSame<Source extends Shape, D extends Dim, Before extends Dim[] = []> = Source extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? [Head] extends [D]
    ? [...Before, ...Rest]
    : RemoveSame<Rest, D, [...Before, Head]>
  : false;

/**
 * Cancels identical dims between `Source` and `Target` (each target dim in order against the first
 * identical source dim), so that the counts left are cheap to compare: `[source left, target left,
 * whether a cancelled dim was zero]`. Equal counts stay equal and a quotient stays the same when
 * the cancelled factor is not zero.
 */
type CancelSame<Source extends Shape, Target extends Shape, Kept extends Dim[] = [], Zero extends boolean = false> = Target extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? RemoveSame<Source, Head> extends infer Left
    ? Left extends Shape
      ? CancelSame<Left, Rest, Kept, Zero extends true ? true : IsZero<Head>>
      : CancelSame<Source, Rest, [...Kept, Head], Zero>
    : never
  : [Source, Kept, Zero];

/** `Source` without the first dim equal in normal form to `D`, or `false` when it has none. */
type RemoveEqual<Source extends Shape, D extends Dim, Before extends Dim[] = []> = Source extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? CompareSizes<Head, D> extends "equal"
    ? [...Before, ...Rest]
    : RemoveEqual<Rest, D, [...Before, Head]>
  : false;

/** Cancels the string dims of `Target` (in order) against equal dims of `Source`: `[source, target]` left. */
type Cancel<Source extends Shape, Target extends Shape, Kept extends Dim[] = []> = Target extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? [Head] extends [string]
    ? RemoveEqual<Source, Head> extends infer Left
      ? Left extends Shape
        ? Cancel<Left, Rest, Kept>
        : Cancel<Source, Rest, [...Kept, Head]>
      : never
    : Cancel<Source, Rest, [...Kept, Head]>
  : [Source, Kept];

/**
 * The count of `Source` over the count of `Target` (after identical dims were cancelled; the divisor
 * is not zero): exact division by one term; for a sum, after cancelling dims equal in normal form;
 * `unknown` when the compiler cannot decide.
 */
type Quotient<Source extends Shape, Target extends Shape, SourceCount extends Poly, TargetCount extends Poly> = TargetCount extends readonly [infer Divisor extends Term]
  ? DivPolyByTerm<SourceCount, Divisor>
  : Cancel<Source, Target> extends [infer Left extends Shape, infer Kept extends Shape]
    ? ShapeSize<Left> extends infer LeftCount extends Poly
      ? ShapeSize<Kept> extends readonly [infer Divisor extends Term]
        ? DivPolyByTerm<LeftCount, Divisor>
        : unknown
      : unknown
    : never;

/** The count of a shape as text (`Poly` expected; anything else prints as "?"). */
type CountText<S extends Shape> = ShapeSize<S> extends infer P extends Poly ? PrintPoly<P> : "?";

/** Without a `-1`: the counts must be equal. */
type CheckCounts<From extends Shape, To extends Shape, Op extends string, Known extends Shape, Left extends Shape, Kept extends Shape, Zero extends boolean> =
  ShapeSize<Left> extends infer SourceCount
    ? ShapeSize<Kept> extends infer TargetCount
      ? SourceCount extends Poly
        ? TargetCount extends Poly
          ? [SourceCount] extends [TargetCount]
            ? CheckOrder<From, To, Op, To>
            : Zero extends true
              ? To // both counts are zero
              : ShapeError<WriteReshapeMessage<Op, From, To, CountText<From>, CountText<Known>>>
          : To
        : To
      : never
    : never;

/** With a `-1`: it is inferred from the counts, or the error. */
type InferMinus<From extends Shape, To extends Shape, Op extends string, Known extends Shape, Left extends Shape, Kept extends Shape, Zero extends boolean> =
  Zero extends true
    ? ShapeError<WriteReshapeInferMessage<Op, From, To, CountText<From>, "zero", "0">>
    : ShapeSize<Kept> extends infer TargetCount
      ? TargetCount extends readonly []
        ? ShapeError<WriteReshapeInferMessage<Op, From, To, CountText<From>, "zero", "0">>
        : TargetCount extends Poly
          ? ShapeSize<Left> extends infer SourceCount extends Poly
            ? Quotient<Left, Kept, SourceCount, TargetCount> extends infer Q
              ? Q extends Poly
                ? IsTooLarge<Q> extends true
                  ? ShapeError<WriteReshapeInferMessage<Op, From, To, CountText<From>, "large", PrintPoly<Q>>>
                  : CheckOrder<From, To, Op, FillMinus<To, PolyDim<Q>>>
                : Q extends NoQuotient
                  ? ShapeError<WriteReshapeInferMessage<Op, From, To, CountText<From>, "multiple", CountText<Known>>>
                  : FillMinus<To, number>
              : never
            : FillMinus<To, number>
          : FillMinus<To, number>
      : never;

/**
 * The reshape of a valid `From` to a fixed-rank `To`. Shapes of plain sizes on both sides (no name,
 * no `number`; at most one `-1` in `To`) go straight to their digit products; the target's sizes are
 * tested as one union, so a size above 2^53 − 1, a union dim or a second `-1` takes the dim-by-dim
 * scan (`ReshapeScanned`), which reports it.
 */
export type ReshapeChecked<From extends Shape, To extends Shape, Op extends string> = [`${From[number]}`] extends [NaturalText]
  ? [`${To[number]}`] extends [NaturalText]
    ? true extends AboveMaxSafe<`${To[number]}`>
      ? ReshapeScanned<From, To, Op>
      : NumericCounts<From, To, Op, DigitProduct<From>, DigitProduct<To>, false>
    : [`${Exclude<To[number], -1>}`] extends [NaturalText]
      ? true extends AboveMaxSafe<`${Exclude<To[number], -1>}`>
        ? ReshapeScanned<From, To, Op>
        : PlainKnown<To> extends infer Known extends Shape
          ? NumericCounts<From, To, Op, DigitProduct<From>, DigitProduct<Known>, true>
          : ReshapeScanned<From, To, Op>
      : ReshapeScanned<From, To, Op>
  : ReshapeScanned<From, To, Op>;

/** The dims of a plain target other than its one `-1`, or `false` for a second `-1` or a union holding `-1`. */
type PlainKnown<To extends Shape, Known extends Dim[] = [], Minus extends boolean = false> = To extends readonly [infer D extends Dim, ...infer Rest extends Shape]
  ? [D] extends [-1]
    ? Minus extends true
      ? false
      : PlainKnown<Rest, Known, true>
    : -1 extends D
      ? false
      : PlainKnown<Rest, [...Known, D], Minus>
  : Known;

/** `ReshapeChecked` dim by dim: the target scanned (`ScanTarget`), then the counts. */
type ReshapeScanned<From extends Shape, To extends Shape, Op extends string> =
  ScanTarget<To> extends infer Scan
    ? Scan extends { minus: infer Minus extends boolean; dynamic: infer Dynamic extends boolean; known: infer Known extends Shape }
      ? (Dynamic extends true ? true : HasDynamic<From>) extends true
        ? Minus extends true
          ? FillMinus<To, number>
          : To
        : [Extract<From[number] | Known[number], string>] extends [never]
          ? NumericCounts<From, To, Op, DigitProduct<From>, DigitProduct<Known>, Minus>
          : CancelSame<From, Known> extends [infer Left extends Shape, infer Kept extends Shape, infer Zero extends boolean]
            ? Minus extends true
              ? InferMinus<From, To, Op, Known, Left, Kept, Zero>
              : CheckCounts<From, To, Op, Known, Left, Kept, Zero>
            : never
      : Scan extends TargetError<infer Kind, infer D>
        ? ShapeError<TargetErrorMessage<Op, From, To, Kind, D>>
        : never
    : never;

/**
 * The product of natural number literals as a digit string — one digit product per dim, no
 * polynomial: the element count of a shape of known sizes (reshape's counts) and `Product`'s value.
 * The dims must be sizes (a tensor's shape, a target `ScanTarget` checked, or tested as `Product`
 * does); a union dim (`2 | 3`) makes the product a union.
 */
type DigitProduct<Dims extends Shape> = Dims extends readonly [infer A extends number, infer B extends number]
  ? TimesDigits<`${A}`, `${B}`> // two dims (the most common count): one match, no walk
  : Dims extends readonly [infer A extends number]
    ? `${A}`
    : DigitFold<Dims>;

/** `DigitProduct` of any rank, dim by dim. */
type DigitFold<Dims extends Shape, Acc extends string = "1"> = Dims extends readonly [infer D extends number, ...infer Rest extends Shape]
  ? DigitFold<Rest, TimesDigits<Acc, `${D}`>>
  : Acc;

/** `Acc` × `D` on digit strings, for each member of a union `Acc`; a product so far of `"1"` is `D` itself. */
type TimesDigits<Acc extends string, D extends string> = Acc extends "1" ? D : MulDigits<Acc, D>;

/**
 * `CheckCounts`/`InferMinus` for shapes of known sizes, on their counts as digit strings (`FromCount`,
 * and `KnownCount` of the target's dims other than `-1`): the same results and messages. A union
 * dim (`2 | 3`) makes its count a union: dynamic, left to the run time like `number`.
 */
type NumericCounts<From extends Shape, To extends Shape, Op extends string, FromCount extends string, KnownCount extends string, Minus extends boolean> =
  [IsSingle<FromCount>, IsSingle<KnownCount>] extends [true, true] ? NumericCountsOf<From, To, Op, FromCount, KnownCount, Minus> : Minus extends true ? FillMinus<To, number> : To;

type NumericCountsOf<From extends Shape, To extends Shape, Op extends string, FromCount extends string, KnownCount extends string, Minus extends boolean> = Minus extends true
  ? KnownCount extends "0"
    ? ShapeError<WriteReshapeInferMessage<Op, From, To, FromCount, "zero", "0">>
    : DivModDigits<FromCount, KnownCount> extends [infer Quotient extends string, infer Remainder extends string]
      ? Remainder extends "0"
        ? AboveMaxSafe<Quotient> extends true
          ? ShapeError<WriteReshapeInferMessage<Op, From, To, FromCount, "large", Quotient>>
          : FillMinus<To, FromDigits<Quotient>>
        : ShapeError<WriteReshapeInferMessage<Op, From, To, FromCount, "multiple", KnownCount>>
      : never
  : FromCount extends KnownCount
    ? To
    : ShapeError<WriteReshapeMessage<Op, From, To, FromCount, KnownCount>>;

/**
 * The dims a reshape keeps in place, for generic code: `[prefix, from, to, suffix]` where `prefix`
 * and `suffix` are the leading and trailing dims `From` and `To` share position by position
 * (identical types, `Exact`), and `from`/`to` what is left between them. Only identity is asked of
 * a pair, so the walk resolves when a dim is a type parameter (`[B, T, 512]` → `[B, T, 8, 64]` keeps
 * `B` and `T` and leaves `[512]` → `[8, 64]`); it stops at the first pair that differs — decided for
 * two known dims, undecided (so the rule is) where a type parameter meets anything but itself.
 */
export type KeptEnds<From extends Shape, To extends Shape, Prefix extends Dim[] = []> = Exact<From[0]> extends Exact<To[0]> // first dims by index: no slicing where they differ
  ? From extends readonly [infer F extends Dim, ...infer FromRest extends Shape]
    ? To extends readonly [unknown, ...infer ToRest extends Shape]
      ? KeptEnds<FromRest, ToRest, [...Prefix, F]>
      : KeptSuffix<From, To, Prefix>
    : KeptSuffix<From, To, Prefix>
  : KeptSuffix<From, To, Prefix>;

/** `Before[N]` is `N − 1`: the index of the last dim of a shape of rank `N` (up to 32; `-1` for a scalar). */
type Before = [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];

export type KeptSuffix<From extends Shape, To extends Shape, Prefix extends Dim[], Suffix extends Dim[] = []> = Exact<From[Before[From["length"]]]> extends Exact<To[Before[To["length"]]]> // last dims by index
  ? From extends readonly [...infer FromRest extends Shape, infer F extends Dim]
    ? To extends readonly [...infer ToRest extends Shape, unknown]
      ? KeptSuffix<FromRest, ToRest, Prefix, [F, ...Suffix]>
      : [Prefix, From, To, Suffix]
    : [Prefix, From, To, Suffix]
  : [Prefix, From, To, Suffix];

/** `S` in normal form when `Normal` is `true` (the tensor ops), as written otherwise (the pure rule). */
export type MaybeNormal<S, Normal extends boolean> = Normal extends true ? (S extends Shape ? NormalizeShape<S> : S) : S;

/**
 * The reshape of a valid `From`, deciding on the dims between the ends kept in place. When the
 * target has no `-1` and the middles reshape on their own, the whole shapes do too whatever the
 * kept dims are — equal counts stay equal when both sides gain the same factors, and the result is
 * the target as written — so the result is the kept prefix, the middle's result, the kept suffix,
 * and hover shows `[B, T, 8, 64]`, not a rule. Everything else is decided on the whole shapes, with
 * the whole shapes in the message, exactly as before: a middle that does not reshape (`[0, 3]` →
 * `[0, 4]` holds no elements and is fine; `[number, 3]` → `[number, 4]` is left to the run time),
 * and any `-1` — its value depends on the kept dims (a kept `0` leaves it undefined; two `number`
 * dims at the same place may differ at run time), which TypeScript cannot tell from a type
 * parameter. Where a type parameter is involved there, the rule stays undecided, and the argument
 * check rejects it (see `CheckArg`): the diagnostic prints this type, whose first argument, `Names`,
 * is the message (`WriteReshapeNamesMessage`: keep the axis in place, or use `flatten(start, end)`).
 */
export type ReshapeAligned<Names extends string, From extends Shape, To extends Shape, Op extends string, Normal extends boolean> =
  KeptEnds<From, To> extends [infer Prefix extends Dim[], infer FromMiddle extends Shape, infer ToMiddle extends Shape, infer Suffix extends Dim[]]
    ? [...Prefix, ...Suffix] extends []
      ? ReshapeWhole<Names, From, To, Op, Normal>
      : [Extract<ToMiddle[number], -1>] extends [never]
        ? ReshapeChecked<FromMiddle, ToMiddle, Op> extends infer Middle
          ? Middle extends Shape
            ? [...Prefix, ...MaybeNormal<Middle, Normal>, ...Suffix]
            : ReshapeWhole<WriteReshapeKeptMessage<Middle, Op, From, To>, From, To, Op, Normal>
          : never
        : ReshapeWhole<Names, From, To, Op, Normal>
    : never;

/**
 * The reshape decided on the whole shapes (`ReshapeChecked`), in normal form when `Normal`. Exported
 * so that where a type parameter leaves it undecided, the compiler prints this name, not its body —
 * with the message as its first argument, `Names` (unused by the rule itself).
 */
export type ReshapeWhole<Names extends string, From extends Shape, To extends Shape, Op extends string, Normal extends boolean> = ReshapeChecked<From, To, Op> extends infer Out
  ? MaybeNormal<Out, Normal>
  : never;

/**
 * `SHAPE_RESHAPE: reshape: cannot reshape [${B}, T, 64] to [-1, 64]: …` — the message of a reshape
 * that a type parameter keeps undecided: it merges, splits or moves a type parameter's axis, or has
 * a `-1` beside it (the `-1` is the element count over the other dims, the type parameter among
 * them, and a kept axis of 0 would leave it undefined), whose size the compiler cannot name.
 * `unflatten` counts its `-1` within the one axis it splits (`[B, T, 512]` → `[B, T, 8, 64]`).
 * Compile time only (at run time every dim is a number).
 */
export type WriteReshapeNamesMessage<Op extends string, From extends Shape, To extends Shape> =
  `SHAPE_RESHAPE: ${Op}: cannot reshape ${ShapeText<From>} to ${ShapeText<To>}: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze`;

/**
 * `PrintShape<S>`, for ranks 2 and 3 by index (no pattern match per rank): the same text.
 */
type ShapeText<S extends Shape> = S["length"] extends 2
  ? `[${PrintDim<S[0]>}, ${PrintDim<S[1]>}]`
  : S["length"] extends 3
    ? `[${PrintDim<S[0]>}, ${PrintDim<S[1]>}, ${PrintDim<S[2]>}]`
    : PrintShape<S>;

/**
 * The message of a reshape whose dims between those kept in place do not reshape (`Middle`, the
 * middle's error), where a type parameter is kept: `SHAPE_RESHAPE: reshape: cannot reshape [${B},
 * 28, 28] to [${B}, 785]: with the type parameters' axes kept in place, cannot reshape [28, 28] …`.
 */
export type WriteReshapeKeptMessage<Middle, Op extends string, From extends Shape, To extends Shape> = Middle extends ShapeError<`${infer Code}: ${Op}: ${infer Detail}`>
  ? `${Code}: ${Op}: cannot reshape ${PrintShape<From>} to ${PrintShape<To>}: with the type parameters' axes kept in place, ${Detail}`
  : never;

/**
 * A reshape's identity check around type parameters: from the front, dims kept in place (the same dim)
 * are passed over; at the first pair that differs, two known or named dims end the check (the rule
 * sizes what follows), and a type parameter against anything else is the names message — the
 * reshape moves, merges or splits that type parameter's axis (`[B, T, 64]` → `[T, B, 64]`), which
 * TypeScript cannot decide and so holds the argument to `SameDimCheck`'s message. Asked apart from the
 * rule (`IdentityFirst`): the rule's own check accepts some outcomes a type parameter leaves undecided.
 */
export type ReshapeIdentityCheck<From extends Shape, To extends Shape, Op extends string> = unknown & ([[From, To]] extends [NoTypeParameters] ? unknown : ReshapeIdentityWalk<From, To, Op>);

/** `ReshapeIdentityCheck`'s walk from the front, once a type parameter may be among the dims. */
type ReshapeIdentityWalk<From extends Shape, To extends Shape, Op extends string, At extends 0[] = []> = number extends From["length"] | To["length"]
  ? unknown
  : At["length"] extends From["length"] | To["length"] | 32
    ? unknown
    : Exact<From[At["length"]]> extends Exact<To[At["length"]]>
      ? ReshapeIdentityWalk<From, To, Op, [...At, 0]>
      : [From[At["length"]], To[At["length"]]] extends [number | string, number | string]
        ? unknown
        : SameDimCheck<WriteReshapeNamesMessage<Op, From, To>, From[At["length"]], To[At["length"]]>;

/**
 * The reshape of a tensor's shape (valid by construction, so not validated again) to `To`, in
 * normal form — the rule behind `reshape()`, `flatten()` and `Tensor#reshape`. The names message
 * (`ReshapeAligned`'s first argument, printed only where a type parameter leaves the rule undecided)
 * is written only where a shape holds a type parameter (`NoTypeParameters`), inline so that the
 * diagnostic prints it.
 */
export type ReshapeOf<From extends Shape, To extends Shape, Op extends string> = number extends To["length"]
  ? number[]
  : number extends From["length"]
    ? ReshapeWhole<[[From, To]] extends [NoTypeParameters] ? "" : WriteReshapeNamesMessage<Op, From, To>, From, To, Op, true>
    : ReshapeAligned<[[From, To]] extends [NoTypeParameters] ? "" : WriteReshapeNamesMessage<Op, From, To>, From, To, Op, true>;

/**
 * The shape `From` takes when reshaped to `To` — `To`, with its one `-1` inferred — or a
 * `ShapeError` whose message is the runtime's.
 * @example
 * type Out = ReshapeShape<["b", "s", 768], ["b", -1]>; //=> ["b", "s*768"]
 */
export type ReshapeShape<From extends Shape, To extends Shape, Op extends string = "reshapeShape"> =
  InvalidSizesMessage<Op, From> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? number extends To["length"]
        ? number[]
        : number extends From["length"]
          ? ReshapeChecked<From, To, Op>
          : ReshapeAligned<[[From, To]] extends [NoTypeParameters] ? "" : WriteReshapeNamesMessage<Op, From, To>, From, To, Op, false>
      : ShapeError<Invalid>
    : never;

/**
 * The shape of `S` flattened: `[size]` — `ReshapeShape<S, [-1]>`.
 * @example
 * type Out = FlattenShape<["batch", 28, 28]>; //=> ["batch*784"]
 */
export type FlattenShape<S extends Shape, Op extends string = "flattenShape"> = ReshapeShape<S, [-1], Op>;

/**
 * The product of `Dims` (two or more) — the size of the axis they merge into: exact on digits for
 * known dims, in normal form for names, `number` with a `number` dim (or above 2^53 − 1, which no
 * tensor holds), and — where a dim is a type parameter — this type itself (`Product<[B, T]>`), a dim
 * equal only to itself.
 */
export type Product<Dims extends Shape> = [Dims[number]] extends [number]
  ? number extends Dims[number]
    ? number
    : [`${Dims[number]}`] extends [`${bigint}`] // every dim an integer literal …
      ? [Extract<`${Dims[number]}`, `-${string}`>] extends [never] // … and none negative (`-1`): a size
        ? DigitProduct<Dims> extends infer Digits extends string
          ? IsSingle<Digits> extends true // a union dim makes a union: `number`
            ? AboveMaxSafe<Digits> extends true
              ? number
              : FromDigits<Digits>
            : number
          : never
        : number
      : number
  : ShapeSize<Dims> extends infer P
    ? P extends Poly
      ? IsTooLarge<P> extends true
        ? number
        : PolyDim<P>
      : number
    : never;


/** The dim that `Dims` merge into: a single dim is itself (a type parameter included), more are their `Product`. */
export type MergedDim<Dims extends Shape> = Dims extends readonly [infer Only extends Dim] ? Only : Product<Dims>;

/**
 * `SHAPE_AXIS: flatten: cannot flatten [2, 3, 4] from axis 2 to axis 1: the start axis comes after
 * the end axis`. Mirrors `writeFlattenOrderMessage`.
 */
export type WriteFlattenOrderMessage<Op extends string, S extends Shape, Start extends number, End extends number> =
  `SHAPE_AXIS: ${Op}: cannot flatten ${PrintShape<S>} from axis ${Start} to axis ${End}: the start axis comes after the end axis`;

/** The start and end axes of a flatten, normalised: `[start, end]`, or the error. A scalar flattens as `[1]`. */
export type FlattenAxes<S extends Shape, Start extends number, End extends number, Op extends string> = NormalizeAxis<Op, S, Start, S extends readonly [] ? [unknown] : S> extends infer First
  ? First extends ShapeError<string>
    ? First
    : NormalizeAxis<Op, S, End, S extends readonly [] ? [unknown] : S> extends infer Last
      ? Last extends ShapeError<string>
        ? Last
        : [First, Last] extends [infer F extends number, infer L extends number]
          ? number extends F | L // a union of axes: one of them, known at run time
            ? [F, L]
            : SplitAt<S, L> extends [infer Before extends Shape, unknown]
              ? SplitAt<Before, F> extends [unknown, readonly []] // the start comes after the end
                ? F extends L
                  ? [F, L]
                  : ShapeError<WriteFlattenOrderMessage<Op, S, Start, End>>
                : [F, L]
              : never
          : [number, number]
      : never
    : never;

/**
 * The shape of a tensor of shape `S` with axes `Start` … `End` (inclusive; negative from the end)
 * merged into one, PyTorch's `flatten(start_dim, end_dim)`: `[2, 3, 4, 5]` from 1 to 2 is
 * `[2, 12, 5]`; a scalar is `[1]`; or the axis error. Resolves around type parameters: the axes
 * outside the range are kept as they are, the merged one is their `Product` (`[B, 16, 7, 7]` from
 * 1 is `[B, 784]`, from 0 to 1 is `[Product<[B, 16]>, 7, 7]`).
 */
type FlattenRangeFixed<S extends Shape, Start extends number, End extends number, Op extends string> = number extends S["length"] | Start | End
  ? number[]
  : S extends readonly []
    ? FlattenAxes<S, Start, End, Op> extends ShapeError<string>
      ? FlattenAxes<S, Start, End, Op>
      : [1]
    : [Start, End, S] extends [0, -1, unknown[]] // all axes (the default) of a mutable tuple: no axis to normalise, no split
      ? [MergedDim<S>]
      : FlattenAxes<S, Start, End, Op> extends infer Axes
        ? Axes extends [infer F extends number, infer L extends number]
          ? number extends F | L // a union of axes: one of them, known at run time
            ? number[]
            : SplitAt<S, L> extends [infer UpToLast extends Shape, readonly [infer Last extends Dim, ...infer After extends Shape]]
              ? SplitAt<UpToLast, F> extends [infer Before extends Shape, infer Merged extends Shape]
                ? [...Before, MergedDim<[...Merged, Last]>, ...After]
                : never
              : never
            : Axes
        : never;

/**
 * `flatten(start, end)`'s shape (see `FlattenRangeFixed`, above). Two negative axes of a variadic
 * shape merge within the fixed trailing dims they count from, after the group: `[...Batch, H, 64]`
 * flattened from -2 is `[...Batch, Product<[H, 64]>]` (`[...Batch, 512]` for `[...Batch, 8, 64]`).
 */
export type FlattenRangeShape<S extends Shape, Start extends number = 0, End extends number = -1, Op extends string = "flatten"> = [S] extends readonly [FixedRank]
  ? FlattenRangeFixed<S, Start, End, Op>
  : FlattenRangeCheck<S, Start, End, Op> extends ShapeError<string>
    ? FlattenRangeCheck<S, Start, End, Op>
    : FlattenRangeResult<S, Start, End, Op>;

/** The check of flatten's axis arguments: the rule on a shape of fixed rank, or on a variadic shape's trailing dims (its error restated for the whole shape). */
export type FlattenRangeCheck<S extends Shape, Start extends number, End extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? FlattenRangeFixed<S, Start, End, Op>
  : SplitForAxes<S, [Start, End]> extends readonly [unknown, infer Tail extends Shape]
    ? RestateForGroup<FlattenRangeFixed<Tail, Start, End, Op>, Tail>
    : number[];

/** flatten's result for result types (`number[]` after an error; a variadic shape's merged tail after its group). */
export type FlattenRangeResult<S extends Shape, Start extends number, End extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? ResultShape<FlattenRangeCheck<S, Start, End, Op>> // the arguments' own check (one evaluation for both)
  : SplitForAxes<S, [Start, End]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, FlattenRangeFixed<Tail, Start, End, Op>>
    : number[];

/**
 * The shape of a tensor of shape `S` with axis `Axis` split into `Sizes` (one `-1` inferred) —
 * PyTorch's `unflatten(dim, sizes)`: `[2, 12, 5]` with axis 1 into `[3, 4]` is `[2, 3, 4, 5]`; or the
 * error (`SHAPE_AXIS`, or the reshape of that axis's dim to `Sizes`, `SHAPE_RESHAPE`). Sizes whose
 * merged dim is the axis's own dim split it whatever they are, so a `flatten(0, 1)` of `[B, T, 64]`
 * (`[Product<[B, T]>, 64]`) unflattens with `[x.shape[0], x.shape[1]]` back to `[B, T, 64]`.
 */
export type UnflattenShape<S extends Shape, Axis extends number, Sizes extends Shape, Op extends string = "unflattenShape"> = number extends S["length"] | Axis | Sizes["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends number
      ? number extends Index // a union of axes: one of them, known at run time
        ? number[]
        : SplitAt<S, Index> extends [infer Before extends Shape, readonly [infer D extends Dim, ...infer After extends Shape]]
          ? Exact<D> extends Exact<MergedDim<Sizes>>
            ? [...Before, ...Sizes, ...After]
            : ReshapeOf<[D], Sizes, Op> extends infer Split
              ? [Split] extends [infer Dims extends readonly Dim[]]
                ? [...Before, ...Dims, ...After]
                : Split
              : never
          : never
      : Index
    : never;
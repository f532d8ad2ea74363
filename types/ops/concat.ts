/**
 * Concatenation at the type level: `ConcatShape<[A, B, …], Axis>`. Mirrors src/ops/concat.ts rule
 * for rule and message for message.
 *
 * - At least one shape (`SHAPE_CONCAT`); every shape valid (`SHAPE_INVALID_SHAPE`, string dims must
 *   be size expressions, types/internal/symbolic.ts).
 * - `Axis` (negative counts from the end) is normalised against the first shape (`SHAPE_AXIS`; a
 *   scalar has no axis to concatenate along).
 * - Every shape has the first one's rank (`SHAPE_RANK`), and every dim off the axis equals the
 *   first shape's (`SHAPE_CONCAT`, naming the axis, both dims and both tensors). Dims compare as
 *   sizes: `"n+m"` equals `"m+n"`; two different names, or a name and a number, are an error (state
 *   the relation with `.as()`), as in broadcasting.
 * - The result is the first shape with the axis replaced by the sum of the shapes' dims on it:
 *   exact digit arithmetic for numbers (`3 + 4` → `7`), the normal form with names (`"n"` and `"m"`
 *   → `"n+m"`, `"n"` and `3` → `"n+3"`, `"n"` and `"n"` → `"n*2"`); a sum above 2^53 − 1 is an error.
 * - Dynamic input degrades to run-time checks: a `number` (or union) dim matches anything and the
 *   result keeps the known side; a `number` on the axis makes the sum `number`. A shape of unknown
 *   rank is checked at run time only and makes the sum `number`; the first fixed-rank shape then
 *   stands for "the first shape". A list of unknown length (`Shape[]`) gives its element shape with
 *   the axis `number`; an `Axis` that is not a literal gives `number` dims (after the rank checks).
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, CheckArg, IdentityFirst, ResultShape } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { Exact, FixedRank, IsSingle, NoTypeParameters, SameDimCheck } from "../internal/dims.js";
import type { AboveMaxSafe, Add, AddDigits, FromDigits } from "../internal/digits.js";
import type { AfterGroup, NegativeCount, NormalizeAxis, SplitTail } from "../internal/axes.js";
import type {
  AddPoly,
  CompareDims,
  DimPoly,
  Dynamic,
  InvalidSizesMessage,
  IsDynamicDim,
  IsTooLarge,
  Poly,
  PolyDim,
  PrintPoly,
  SizeClashHint,
} from "../internal/symbolic.js";

/** `SHAPE_CONCAT: concat: cannot concatenate an empty list: needs at least one tensor`. Mirrors `writeConcatEmptyMessage`. */
export type WriteConcatEmptyMessage<Op extends string> = `SHAPE_CONCAT: ${Op}: cannot concatenate an empty list: needs at least one tensor`;

/**
 * `SHAPE_RANK: concat: cannot concatenate [2, 3] with [2]: tensor 0 has rank 2 but tensor 1 has rank
 * 1; all tensors must have the same rank`. Mirrors `writeConcatRankMessage`.
 */
export type WriteConcatRankMessage<Op extends string, First extends Shape, S extends Shape, FirstIndex extends number, Index extends number> =
  `SHAPE_RANK: ${Op}: cannot concatenate ${PrintShape<First>} with ${PrintShape<S>}: tensor ${FirstIndex} has rank ${First["length"]} but tensor ${Index} has rank ${S["length"]}; all tensors must have the same rank`;

/**
 * `SHAPE_CONCAT: concat: cannot concatenate [2, 3] with [4, 5] along axis 1: axis 0 is 2 in tensor 0
 * but 4 in tensor 1; only axis 1 may differ`. Mirrors `writeConcatMessage`.
 */
export type WriteConcatMessage<
  Op extends string,
  First extends Shape,
  S extends Shape,
  FirstIndex extends number,
  Index extends number,
  Axis extends number,
  At extends number,
  FirstDim extends Dim,
  D extends Dim,
  Kind,
> = `SHAPE_CONCAT: ${Op}: cannot concatenate ${PrintShape<First>} with ${PrintShape<S>} along axis ${Axis}: axis ${At} is ${PrintDim<FirstDim>} in tensor ${FirstIndex} but ${PrintDim<D>} in tensor ${Index}; ${SizeClashHint<Kind, FirstDim, D, `only axis ${Axis} may differ`>}`;

/** The shapes printed as a list: `[2], [3]`. */
type PrintShapes<Shapes extends readonly Shape[], Acc extends string = ""> = Shapes extends readonly [
  infer Head extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? PrintShapes<Rest, Acc extends "" ? PrintShape<Head> : `${Acc}, ${PrintShape<Head>}`>
  : Acc;

/**
 * `SHAPE_CONCAT: concat: cannot concatenate [9007199254740991], [1] along axis 0: it would have size
 * 9007199254740992, above the largest safe integer 9007199254740991`. Mirrors `writeConcatSizeMessage`.
 */
export type WriteConcatSizeMessage<Op extends string, Shapes extends readonly Shape[], Axis extends number, Size extends string> =
  `SHAPE_CONCAT: ${Op}: cannot concatenate ${PrintShapes<Shapes>} along axis ${Axis}: it would have size ${Size}, above the largest safe integer 9007199254740991`;

/** Where an error belongs: a shape of the list (its index), the axis argument, or the list itself. */
export interface Failure<Where extends number | "axis" | "list" = number | "axis" | "list", Error = unknown> {
  readonly where: Where;
  readonly error: Error;
}

/** The first shape (in order) with an invalid dim, as a `Failure`; else `never`. */
export type FirstInvalid<Shapes extends readonly Shape[], Op extends string, Index extends 0[] = []> = Shapes extends readonly [
  infer Head extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? InvalidSizesMessage<Op, Head> extends infer Message extends string
    ? [Message] extends [never]
      ? FirstInvalid<Rest, Op, [...Index, 0]>
      : Failure<Index["length"], ShapeError<Message>>
    : never
  : never;

/** `[index, shape, the shapes after it, a counter at the next index]` of the first shape of fixed rank, or `never`. */
export type FirstFixed<Shapes extends readonly Shape[], Index extends 0[] = []> = Shapes extends readonly [
  infer Head extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? number extends Head["length"]
    ? FirstFixed<Rest, [...Index, 0]>
    : [Index["length"], Head, Rest, [...Index, 0]]
  : never;

/** A tuple with `Items[At]` replaced by `Value`. */
export type SetAt<Items extends readonly unknown[], At extends number, Value> = { [K in keyof Items]: K extends `${At}` ? Value : Items[K] };

/** A clash of the dims merged so far with shape `S`: axis `At`, the merged dim `M`, `S`'s dim `D`, and how they differ. */
export interface Clash<At extends number = number, M extends Dim = Dim, D extends Dim = Dim, Kind = unknown> {
  readonly at: At;
  readonly merged: M;
  readonly dim: D;
  readonly kind: Kind;
}

/**
 * Merges shape `S` into the dims so far, axis by axis, skipping `Skip` (the concatenation axis; `-1`
 * for none): `[merged dims]` (a dynamic dim gives way to the other side), or the `Clash`. Which
 * tensor a merged dim came from is asked only for a message (`SourceOf`), not threaded through.
 */
export type MergeDims<Merged extends readonly Dim[], S extends Shape, Skip extends number, At extends 0[] = [], Acc extends Dim[] = []> = Merged extends readonly [
  infer M extends Dim,
  ...infer MergedRest extends readonly Dim[],
]
  ? S extends readonly [infer D extends Dim, ...infer SRest extends Shape]
    ? At["length"] extends Skip
      ? MergeDims<MergedRest, SRest, Skip, [...At, 0], [...Acc, M]>
      : Exact<M> extends Exact<D> // the same dim (a type parameter included): `CompareDims`'s first test, with no outcome to read
        ? MergeDims<MergedRest, SRest, Skip, [...At, 0], [...Acc, M]>
        : CompareDims<M, D> extends infer Kind
        ? Kind extends "equal" | "dynamic"
          ? Kind extends "dynamic"
            ? IsDynamicDim<M> extends true
              ? MergeDims<MergedRest, SRest, Skip, [...At, 0], [...Acc, D]>
              : MergeDims<MergedRest, SRest, Skip, [...At, 0], [...Acc, M]>
            : MergeDims<MergedRest, SRest, Skip, [...At, 0], [...Acc, M]>
          : Clash<At["length"], M, D, Kind>
        : never
    : never
  : [Acc];

/**
 * The tensor the merged dim on axis `At` came from, when shape `Stop` clashed there: the fold's
 * merge of that axis replayed (the same `CompareDims` tests, already computed) over the shapes of
 * fixed rank before it — the first one, and then each one whose dim replaced a dynamic dim.
 */
export type SourceOf<Shapes extends readonly Shape[], At extends number, Stop extends number, M = never, Source extends number = never, Index extends 0[] = []> = Index["length"] extends Stop
  ? Source
  : Shapes extends readonly [infer S extends Shape, ...infer Rest extends readonly Shape[]]
    ? number extends S["length"]
      ? SourceOf<Rest, At, Stop, M, Source, [...Index, 0]>
      : [Source] extends [never]
        ? SourceOf<Rest, At, Stop, S[At], Index["length"], [...Index, 0]>
        : [M, S[At]] extends [infer Merged extends Dim, infer D extends Dim]
          ? CompareDims<Merged, D> extends "dynamic"
            ? IsDynamicDim<Merged> extends true
              ? SourceOf<Rest, At, Stop, D, Index["length"], [...Index, 0]>
              : SourceOf<Rest, At, Stop, M, Source, [...Index, 0]>
            : SourceOf<Rest, At, Stop, M, Source, [...Index, 0]>
          : never
    : Source;

/**
 * Folds the shapes: rank checks, merged off-axis dims, and the sum along the axis — `Sum` so far, or
 * `"tensors"` for tensors' shapes, whose axis size is computed apart (`AxisSum`) so that a type
 * parameter on the axis cannot leave the checks undecided.
 */
type ConcatFold<
  All extends readonly Shape[],
  Op extends string,
  Axis extends number,
  First extends Shape,
  FirstIndex extends number,
  Merged extends readonly Dim[],
  Sum,
  Rest extends readonly Shape[] = All,
  Index extends 0[] = [],
> = Rest extends readonly [infer S extends Shape, ...infer Tail extends readonly Shape[]]
  ? number extends S["length"]
    ? ConcatFold<All, Op, Axis, First, FirstIndex, Merged, Dynamic, Tail, [...Index, 0]>
    : S["length"] extends First["length"]
      ? MergeDims<Merged, S, Axis> extends infer Step
        ? Step extends [infer Next extends readonly Dim[]]
          ? ConcatFold<All, Op, Axis, First, FirstIndex, Next, Sum extends "tensors" ? Sum : AddDim<Sum, S[Axis]>, Tail, [...Index, 0]>
          : Step extends Clash<infer At, infer M, infer D, infer Kind>
            ? SourceOf<All, At, Index["length"]> extends infer Source extends number
              ? Failure<Index["length"], ShapeError<WriteConcatMessage<Op, All[Source], S, Source, Index["length"], Axis, At, M, D, Kind>>>
              : never
            : never
        : never
      : Failure<Index["length"], ShapeError<WriteConcatRankMessage<Op, First, S, FirstIndex, Index["length"]>>>
  : Sum extends "tensors"
    ? SetAt<Merged, Axis, AxisSum<AxisDims<All, Axis>>>
    : Sum extends Poly
      ? IsTooLarge<Sum> extends true
        ? Failure<"list", ShapeError<WriteConcatSizeMessage<Op, All, Axis, PrintPoly<Sum>>>>
        : SetAt<Merged, Axis, PolyDim<Sum>>
      : SetAt<Merged, Axis, number>;

/**
 * `ConcatFold` for two tensors' shapes of the same rank, the common case (`[x, y]`): their dims
 * merged and the axis summed, with no fold state; anything else (a rank or a dim that differs, a
 * shape of unknown rank) goes to the fold, which writes the message.
 */
type ConcatTwo<Shapes extends readonly Shape[], Op extends string, Index extends number, First extends Shape, Second extends Shape> =
  Exact<SetAt<First, Index, 0>> extends Exact<SetAt<Second, Index, 0>> // the same dims off the axis (type parameters included)
    ? Joined<First, Index, AxisSum<readonly [First[Index], Second[Index]]>>
    : Second["length"] extends First["length"]
    ? MergeDims<First, Second, Index> extends [infer Merged extends readonly Dim[]]
      ? SetAt<Merged, Index, AxisSum<readonly [First[Index], Second[Index]]>>
      : ConcatFold<Shapes, Op, Index, First, 0, First, "tensors", [Second], [0]>
    : ConcatFold<Shapes, Op, Index, First, 0, First, "tensors", [Second], [0]>;

/** `First` (mutable, as a merge builds it) with its dim on `Index` replaced by `Sum`. */
type Joined<First extends Shape, Index extends number, Sum> = { -readonly [K in keyof First]: K extends `${Index}` ? Sum : First[K] };

/** Each shape's dim on `Axis` (`number` for a shape of unknown rank). */
type AxisDims<Shapes extends readonly Shape[], Axis extends number> = { [K in keyof Shapes]: number extends Shapes[K]["length"] ? number : Shapes[K][Axis] };

/**
 * The size of a concatenation's axis for tensors: the sum of `Dims` — exact on digits, in normal
 * form with names, `number` with a `number` dim (or above 2^53 − 1, which no two tensors hold) — and,
 * where a dim is a type parameter, this type itself (`AxisSum<[T, T]>`), a dim equal only to itself.
 * Computed apart from the checks, so that it cannot leave them undecided.
 */
export type AxisSum<Dims extends readonly unknown[]> = [Dims[number]] extends [number]
  ? NumericSum<Dims>
  : SumOf<Dims> extends infer Sum
    ? Sum extends Poly
      ? IsTooLarge<Sum> extends true
        ? number
        : PolyDim<Sum>
      : number
    : never;

/**
 * `AxisSum` of known sizes (a tensor's dims: natural literals, or `number`), on digit strings with no
 * polynomial — the common case. A union dim (`2 | 3`) makes the sum a union: `number`, as above.
 */
type NumericSum<Dims extends readonly unknown[], Acc extends string = "0"> = Dims extends readonly [infer D extends number, ...infer Rest]
  ? number extends D
    ? number
    : NumericSum<Rest, Acc extends "0" ? `${D}` : AddDigits<Acc, `${D}`>>
  : IsSingle<Acc> extends true
    ? AboveMaxSafe<Acc> extends true
      ? number
      : FromDigits<Acc>
    : number;

type SumOf<Dims extends readonly unknown[], Sum = []> = Dims extends readonly [infer D, ...infer Rest] ? SumOf<Rest, AddDim<Sum, D>> : Sum;

/** `Sum` plus dim `D` (`Dynamic` stays). */
type AddDim<Sum, D> = Sum extends Poly
  ? D extends Dim
    ? DimPoly<D> extends infer P
      ? P extends Poly
        ? AddPoly<Sum, P> extends infer Next
          ? Next extends Poly
            ? Next
            : Dynamic
          : never
        : Dynamic
      : never
    : Dynamic
  : Sum;

/** Rank checks only (an axis that is not a literal): every dim becomes `number`. */
type RanksOnly<All extends readonly Shape[], Op extends string, First extends Shape, FirstIndex extends number, Rest extends readonly Shape[] = All, Index extends 0[] = []> =
  Rest extends readonly [infer S extends Shape, ...infer Tail extends readonly Shape[]]
    ? number extends S["length"]
      ? RanksOnly<All, Op, First, FirstIndex, Tail, [...Index, 0]>
      : S["length"] extends First["length"]
        ? RanksOnly<All, Op, First, FirstIndex, Tail, [...Index, 0]>
        : Failure<Index["length"], ShapeError<WriteConcatRankMessage<Op, First, S, FirstIndex, Index["length"]>>>
    : { [K in keyof First]: number };

/**
 * The concatenation of a tuple of shapes: the result shape, or a `Failure`. `Validate` is `false`
 * for tensors' shapes, valid by construction: their dims are not validated again, which also keeps
 * the rule decidable where a dim is a type parameter (a dim is compared with its counterpart by
 * identity first, `MergeDims`).
 */
export type ConcatResult<Shapes extends readonly Shape[], Axis extends number, Op extends string, Validate extends boolean = true> = number extends Shapes["length"]
  ? ConcatUnknownLength<Shapes[number], Axis, Op, Validate>
  : Shapes extends readonly []
    ? Failure<"list", ShapeError<WriteConcatEmptyMessage<Op>>>
    : (Validate extends true ? FirstInvalid<Shapes, Op> : never) extends infer Invalid
      ? [Invalid] extends [never]
        ? ([FirstFixed<Shapes>] extends [never] ? false : FirstFixed<Shapes>) extends [infer FirstIndex extends number, infer First extends Shape, infer After extends readonly Shape[], infer Next extends 0[]]
          ? number extends Axis
            ? RanksOnly<Shapes, Op, First, FirstIndex>
            : NormalizeAxis<Op, First, Axis> extends infer Index
              ? Index extends ShapeError<string>
                ? Failure<Axis extends 0 ? FirstIndex : "axis", Index>
                : Index extends number
                  ? number extends Index // a union of axes: one of them, known at run time
                    ? RanksOnly<Shapes, Op, First, FirstIndex>
                    : [Validate, Shapes["length"], FirstIndex] extends [false, 2, 0]
                      ? ConcatTwo<Shapes, Op, Index, First, Shapes[1]>
                      : ConcatFold<Shapes, Op, Index, First, FirstIndex, First, Validate extends true ? (FirstIndex extends 0 ? AddDim<[], First[Index]> : Dynamic) : "tensors", After, Next>
                  : never
              : never
          : number[]
        : Invalid
      : never;

/** A list of unknown length of shapes `S`: `S` with the axis `number` (`S` validated when `Validate`: not a tensor's). */
type ConcatUnknownLength<S extends Shape, Axis extends number, Op extends string, Validate extends boolean> = number extends S["length"]
  ? number[]
  : (Validate extends true ? InvalidSizesMessage<Op, S> : never) extends infer Message extends string
    ? [Message] extends [never]
      ? NormalizeAxis<Op, S, Axis> extends infer Index
        ? Index extends ShapeError<string>
          ? Failure<Axis extends 0 ? 0 : "axis", Index>
          : Index extends number
            ? number extends Index
              ? { [K in keyof S]: number }
              : SetAt<S, Index, number>
            : never
        : never
      : Failure<0, ShapeError<Message>>
    : never;

/**
 * The shape of the concatenation of `Shapes` along `Axis` (default 0): the first shape with the
 * axis replaced by the sum of the shapes' dims on it — symbolic sums in normal form — or a
 * `ShapeError` whose message is the runtime's.
 * @example
 * type Out = ConcatShape<[["n", 3], ["m", 3]]>; //=> ["n+m", 3]
 */
export type ConcatShape<Shapes extends readonly Shape[], Axis extends number = 0, Op extends string = "concatShape"> =
  ErrorOf<ConcatResult<Shapes, Axis, Op>>;

/**
 * The list argument of a concatenation: each shape intersected with its error when it is the one
 * that fails (the first for a sum too large; the whole list when it is empty), so the compiler
 * reports the error there.
 */
export type ConcatArgs<Shapes extends readonly Shape[], Axis extends number, Op extends string> = ListArgs<Shapes, ConcatResult<Shapes, Axis, Op>>;

/**
 * A list argument checked against a list rule's result (concat, stack; of shapes or of tensors): the
 * failing item intersected with its error, so the compiler reports it there; the list as given
 * otherwise. A failure of the list as a whole goes to its first item (a sum too large), or to the
 * whole list when it is empty, a test decided at the list's top. Nothing undecided sits beside the
 * items: an undecided conditional there (in generic code, the list's own check was one) keeps
 * TypeScript from taking an array literal apart, and it then reported a generic list's error at the
 * whole list with every item's check printed, the message on the fourth line (3,500 characters for
 * `stack([a, b])` of `[B, 10]` and `[N, 10]`; 1,200 at the item now).
 */
export type ListArgs<Items extends readonly unknown[], Result, Names extends readonly unknown[] = []> = {
  [K in keyof Items]: IdentityFirst<K extends keyof Names ? Names[K] : unknown, Items[K] & CheckArg<ItemError<Result, K>>>; // an item's name checks before the rule's
} & (Items extends readonly [] ? CheckArg<ListError<Result>> : unknown);

/**
 * The name checks of a list of tensors' shapes (concat, stack): for each shape after the first, each
 * axis but `Skip` (the concatenation axis; `-1` for none) against the first shape's, by
 * `SameDimCheck`, with the message `WriteListNamesMessage` writes for that tensor, axis and dims.
 */
export type ListNameChecks<Shapes extends readonly Shape[], Skip extends number, Kind extends "concat" | "stack", Op extends string, Axis extends number = Skip> = Shapes extends readonly [
  infer First extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? [unknown, ...{ [K in keyof Rest]: ItemNameCheck<First, Rest[K], Skip, Kind, Op, Axis, K> }]
  : unknown[];

/**
 * One shape's name checks against the first (a shape of another rank is the rule's own error); none
 * where neither holds a type parameter (`NoTypeParameters`). `K` is its key in the list after the first.
 */
type ItemNameCheck<First extends Shape, S extends Shape, Skip extends number, Kind extends "concat" | "stack", Op extends string, Axis extends number, K> = unknown &
  ([[First, S]] extends [NoTypeParameters]
    ? unknown
    : S["length"] extends First["length"]
      ? AxisNameChecks<First, S, Skip, Kind, Op, Axis, K extends `${infer I extends number}` ? Add<I, 1> & number : number>
      : unknown);

/**
 * Every axis of `S` but `Skip`, by `SameDimCheck`. Walked by index, with no `infer`, so that for a
 * whole-shape parameter (`[S, S]`) TypeScript relates both branches at each step (bounded at rank
 * 32) and finds each axis the same dim. `Labels` names the axes in messages when they are not their
 * indices: a variadic shape's trailing dims, counted from the end (`TailLabels`).
 */
type AxisNameChecks<
  First extends Shape,
  S extends Shape,
  Skip extends number,
  Kind extends "concat" | "stack",
  Op extends string,
  Axis extends number,
  Index extends number,
  Labels extends readonly number[] | undefined = undefined,
  At extends 0[] = [],
  Check = unknown,
> = At["length"] extends First["length"] | 32
  ? Check
  : AxisNameChecks<
      First,
      S,
      Skip,
      Kind,
      Op,
      Axis,
      Index,
      Labels,
      [...At, 0],
      At["length"] extends Skip
        ? Check
        : Exact<First[At["length"]]> extends Exact<S[At["length"]]> // the same dim: no check, no message to write
          ? Check
          : Check &
              SameDimCheck<
                WriteListNamesMessage<Kind, Op, Axis, Labels extends readonly number[] ? Labels[At["length"]] : At["length"], First[At["length"]], S[At["length"]], Index>,
                First[At["length"]],
                S[At["length"]]
              >
    >;

/**
 * `SHAPE_CONCAT: concat: axis 0 is ${B} in tensor 0 but ${T} in tensor 1; only axis 1 may differ,
 * and a type parameter is equal only to itself` — the message of an axis that a type parameter keeps
 * TypeScript from deciding. Compile time only: at run time every dim is a number.
 */
export type WriteListNamesMessage<Kind extends "concat" | "stack", Op extends string, Axis extends number, At extends number, F extends Dim, D extends Dim, Index extends number> =
  `${Kind extends "concat" ? "SHAPE_CONCAT" : "SHAPE_STACK"}: ${Op}: axis ${At} is ${F} in tensor 0 but ${D} in tensor ${Index}; ${Kind extends "concat" ? `only axis ${Axis} may differ` : "stacked tensors must have the same shape"}, and a type parameter is equal only to itself`;

/** The error of list item `K`, if the rule failed there. */
type ItemError<Result, K> = K extends FailedItem<Result> ? ErrorOf<Result> : unknown;

/** The index (as a key) of the list item the rule failed at (the first for a failure of the whole list), or `never`: computed once per result, not per item. */
type FailedItem<Result> = Result extends Failure<infer Where extends number | "list"> ? (Where extends number ? `${Where}` : "0") : never;

/** The error of the list as a whole (an empty list, a sum too large), if the rule failed so. */
type ListError<Result> = Result extends Failure<"list", infer Error> ? Error : unknown;

/** The name checks of a concatenation's tensors (`ListNameChecks`), off the concatenation axis. */
export type ConcatNameChecks<Shapes extends readonly Shape[], Axis extends number, Op extends string> = Shapes extends readonly [infer First extends Shape, ...infer Rest extends readonly Shape[]]
  ? [[NegativeCount<Axis>] extends [never] ? true : [First] extends readonly [FixedRank] ? true : false] extends [false]
    ? GroupChecks<First, Rest, NegativeCount<Axis>, Axis, "concat", Op> // variadic shapes along a negative axis
    : number extends Axis
      ? unknown[]
      : NormalizeAxis<Op, First, Axis> extends infer Index extends number
        ? ListNameChecks<Shapes, Index, "concat", Op>
        : unknown[]
  : unknown[];

/**
 * A variadic shape joined along a negative axis: its dims before the trailing dims that axis counts
 * within must be the first shape's, by identity (`[...Batch, T]` with `[...Batch, T]`); where a type
 * parameter keeps that undecided (`[...Batch, S]` against `[...Batch, T]`), the argument is held to
 * the message — a type parameter is equal only to itself. The trailing dims are then checked axis by
 * axis (`AxisNameChecks`, the axes counted from the end in the messages): the rule on the tails
 * accepts what a type parameter leaves undecided, so
 * `[...Batch, A, B, B]` joined with `[...Batch, A, B, A]` along -2 compiled. `K` is its key in the
 * list after the first.
 */
export type GroupCheck<First extends Shape, S extends Shape, Count extends number, Axis extends number, Kind extends "concat" | "stack", Op extends string, K> = unknown &
  (SplitTail<First, Count> extends readonly [infer FirstGroup extends Shape, infer FirstTail extends Shape]
    ? SplitTail<S, Count> extends readonly [infer Group extends Shape, infer Tail extends Shape]
      ? Exact<Group> extends Exact<FirstGroup>
        ? AxisNameChecks<FirstTail, Tail, Kind extends "concat" ? 0 : -1, Kind, Op, Axis, K extends `${infer I extends number}` ? Add<I, 1> & number : number, Count extends 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 ? TailLabels[Count] : undefined>
        : ShapeError<WriteGroupNamesMessage<Kind, Op, Axis, K extends `${infer I extends number}` ? Add<I, 1> & number : number>>
      : unknown
    : unknown);

/** `TailLabels[N]`: the last `N` axes of a shape, counted from the end (`[-2, -1]` for 2). */
type TailLabels = [[], [-1], [-2, -1], [-3, -2, -1], [-4, -3, -2, -1], [-5, -4, -3, -2, -1], [-6, -5, -4, -3, -2, -1], [-7, -6, -5, -4, -3, -2, -1], [-8, -7, -6, -5, -4, -3, -2, -1]];

/** `SHAPE_CONCAT: concat: the dims before axis -1 differ between tensor 0 and tensor 1; …` (`SHAPE_STACK` for a stack) — compile time only. */
export type WriteGroupNamesMessage<Kind extends "concat" | "stack", Op extends string, Axis extends number, Index extends number> =
  `SHAPE_${Uppercase<Kind>}: ${Op}: the dims before axis ${Axis} differ between tensor 0 and tensor ${Index}; they must be the same, and a type parameter is equal only to itself`;

/** A list rule's result with a `Failure` replaced by its error. */
export type ErrorOf<Out> = Out extends Failure<infer _, infer Error> ? Error : Out;

/**
 * The list argument of a concatenation of tensors (`Items`, whose shapes are `Shapes`): the rule on
 * shapes valid by construction, and the name checks. Shared by `concat` and shapecheck/tfjs.
 */
export type ConcatTensorsArgs<Items extends readonly unknown[], Shapes extends readonly Shape[], Axis extends number, Op extends string> = ListArgs<
  Items,
  ConcatOfShapes<Shapes, Axis, Op>,
  ConcatNameChecks<Shapes, Axis, Op>
>;

/** The shape of a concatenation of tensors whose shapes are `Shapes` (`number[]` when it failed; the argument check reports that). */
export type ConcatOfTensors<Shapes extends readonly Shape[], Axis extends number, Op extends string> = GroupedResult<Shapes, NegativeCount<Axis>, ConcatOfShapes<Shapes, Axis, Op>>;

/**
 * The rule on tensors' shapes: `ConcatResult`, or — for shapes with the same variadic group
 * (`[...Batch, T, 64]` and `[...Batch, T, 16]`) joined along a negative axis — the rule on their
 * trailing dims (the result has the group in front: `[...Batch, T, 80]`; an error is the tails', and
 * prints them).
 */
export type ConcatOfShapes<Shapes extends readonly Shape[], Axis extends number, Op extends string> = ConcatResult<GroupedOperands<Shapes, NegativeCount<Axis>>, Axis, Op, false>;

/**
 * The shapes a list rule (concat, stack) works on: for variadic shapes with the same group and an
 * axis that counts within their last `Count` dims, those trailing dims; else the shapes themselves
 * (`Count` is `never` for an axis that is not negative), a variadic one counted from the front as a
 * shape of unknown rank (`FrontAxisOperands`).
 */
export type GroupedOperands<Shapes extends readonly Shape[], Count extends number> = [Count] extends [never]
  ? FrontAxisOperands<Shapes>
  : GroupedTails<Shapes, Count> extends readonly [unknown, infer Tails extends readonly Shape[]]
    ? Tails
    : Shapes;

/**
 * The shapes of a list rule whose axis counts from the front: a variadic shape (`[...Batch, T, 64]`)
 * as `number[]` — which of its dims axis 0 is depends on the group's length, which only the runtime
 * knows — so that the rule gives the other shapes' structure or `number[]` (was an unevaluated rule
 * the size of a page in hover). One test when every shape has a fixed rank, the common case; where a
 * whole-shape parameter (`Tensor<S>`) leaves it undecided, the rule stays unevaluated and prints as
 * `ConcatResult<FrontAxisOperands<[S, S]>, …>`.
 */
type FrontAxisOperands<Shapes extends readonly Shape[]> = [Shapes[number]] extends readonly [FixedRank]
  ? Shapes
  : { [K in keyof Shapes]: [Shapes[K]] extends readonly [FixedRank] ? Shapes[K] : number[] };

/**
 * A list rule's result for result types, from `Rule` (the list argument's own outcome, so that it is
 * evaluated once): the rule's shape, with a variadic group put back in front; `number[]` after an error.
 */
export type GroupedResult<Shapes extends readonly Shape[], Count extends number, Rule> = [Count] extends [never]
  ? ResultShape<ErrorOf<Rule>>
  : GroupedTails<Shapes, Count> extends readonly [infer Prefix extends Shape, unknown]
    ? AfterGroup<Prefix, Rule>
    : ResultShape<ErrorOf<Rule>>;

/** The group checks of variadic shapes joined along a negative axis: one `GroupCheck` per shape after the first. */
export type GroupChecks<First extends Shape, Rest extends readonly Shape[], Count extends number, Axis extends number, Kind extends "concat" | "stack", Op extends string> = [
  unknown,
  ...{ [K in keyof Rest]: GroupCheck<First, Rest[K], Count, Axis, Kind, Op, K> },
];

/**
 * `[group, the shapes' last Count dims]` when every shape is variadic with the same group (the same
 * type, by identity) and at least `Count` trailing dims; else a string (a shape of fixed or unknown
 * rank: the plain rule applies).
 */
export type GroupedTails<Shapes extends readonly Shape[], Count extends number, Started extends boolean = false, Prefix extends Shape = [], Tails extends Shape[] = []> =
  Shapes extends readonly [infer Head extends Shape, ...infer Rest extends readonly Shape[]]
    ? [Head] extends readonly [FixedRank]
      ? "fixed rank"
      : SplitTail<Head, Count> extends readonly [infer P extends Shape, infer T extends Shape]
        ? Started extends false
          ? GroupedTails<Rest, Count, true, P, [...Tails, T]>
          : Exact<P> extends Exact<Prefix>
            ? GroupedTails<Rest, Count, true, Prefix, [...Tails, T]>
            : "another group"
        : "too short"
    : Started extends true
      ? [Prefix, Tails]
      : "empty";

/** The axis argument's check: the `SHAPE_AXIS` error when the axis is out of range, else `unknown`. */
export type ConcatAxisArg<Shapes extends readonly Shape[], Axis extends number, Op extends string, Validate extends boolean = true> = number extends Shapes["length"]
  ? ConcatResult<Shapes, Axis, Op, Validate> extends Failure<"axis", infer Error> ? Error : unknown
  : (Validate extends true ? FirstInvalid<Shapes, Op> : never) extends infer Invalid
    ? [Invalid] extends [never]
      ? AxisFailure<Shapes, Axis, Op>
      : unknown
    : never;

/**
 * The axis's own error, as `ConcatResult` finds it (against the first shape of fixed rank, before the
 * dims are compared — so it resolves when they cannot be, around type parameters): `SHAPE_AXIS`, or
 * `unknown` (an axis 0 of a scalar is reported at the list).
 */
type AxisFailure<Shapes extends readonly Shape[], Axis extends number, Op extends string> = number extends Axis
  ? unknown
  : ([FirstFixed<Shapes>] extends [never] ? false : FirstFixed<Shapes>) extends [number, infer First extends Shape, ...unknown[]]
    ? NormalizeAxis<Op, First, Axis> extends infer Index
      ? Index extends ShapeError<string>
        ? Axis extends 0
          ? unknown
          : Index
        : unknown
      : never
    : unknown;

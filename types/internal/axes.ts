/**
 * Axis arithmetic at the type level: normalising negative axes, range and duplicate checks, with the
 * `SHAPE_AXIS` messages mirrored by src/axes.ts. Recursion is over rank only (ranks are small), so
 * tuple counters are fine here; dim sizes never go through tuples.
 */
import type { NamedCheckedArg } from "../errors.js";
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintShape } from "./print.js";

/** `[a, b, c]` printed as the runtime prints an axis list. Mirrors `formatAxes`. */
export type PrintAxes<Axes extends readonly number[], Acc extends string = ""> = Axes extends readonly [
  infer Head extends number,
  ...infer Rest extends readonly number[],
]
  ? PrintAxes<Rest, Acc extends "" ? `${Head}` : `${Acc}, ${Head}`>
  : `[${Acc}]`;

/**
 * `SHAPE_AXIS: sum: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1`
 * (`Positions` is the count of valid axis positions: the rank, or rank + 1 for `unsqueeze`).
 * Mirrors `writeAxisRangeMessage`.
 */
export type WriteAxisRangeMessage<Op extends string, S extends Shape, Axis extends number, Positions extends readonly unknown[]> =
  Positions extends readonly [...infer Last, unknown]
    ? `SHAPE_AXIS: ${Op}: axis ${Axis} is out of range for ${PrintShape<S>}: valid axes are integers from -${Positions["length"]} to ${Last["length"]}`
    : `SHAPE_AXIS: ${Op}: axis ${Axis} is out of range for ${PrintShape<S>}: a scalar has no axes`;

/** `SHAPE_AXIS: sum: axes [1, -1] name axis 1 twice for [2, 3]; each axis may appear once`. Mirrors `writeDuplicateAxisMessage`. */
export type WriteDuplicateAxisMessage<Op extends string, S extends Shape, Axes extends readonly number[], Axis extends number> =
  `SHAPE_AXIS: ${Op}: axes ${PrintAxes<Axes>} name axis ${Axis} twice for ${PrintShape<S>}; each axis may appear once`;

/** `Items` without its last `Count` items, or `never` when it has fewer; the last one or two at once (axes -1 and -2, the common ones). */
type DropLast<Items extends readonly unknown[], Count extends number> = Count extends 1
  ? Items extends readonly [...infer Rest, unknown] ? Rest : never
  : Count extends 2
    ? Items extends readonly [...infer Rest, unknown, unknown] ? Rest : never
    : DropLastEach<Items, Count>;

type DropLastEach<Items extends readonly unknown[], Count extends number, Dropped extends unknown[] = []> =
  Dropped["length"] extends Count
    ? Items
    : Items extends readonly [...infer Rest, unknown]
      ? DropLastEach<Rest, Count, [...Dropped, unknown]>
      : never;

/** `R − C` for an axis `-C` of a shape of rank `R` (up to 8), the common negative axes: one lookup. */
type NegativeAxisTable = {
  "1,1": 0;
  "2,1": 1;
  "2,2": 0;
  "3,1": 2;
  "3,2": 1;
  "3,3": 0;
  "4,1": 3;
  "4,2": 2;
  "4,3": 1;
  "4,4": 0;
  "5,1": 4;
  "5,2": 3;
  "5,3": 2;
  "5,4": 1;
  "5,5": 0;
  "6,1": 5;
  "6,2": 4;
  "6,3": 3;
  "6,4": 2;
  "6,5": 1;
  "6,6": 0;
  "7,1": 6;
  "7,2": 5;
  "7,3": 4;
  "7,4": 3;
  "7,5": 2;
  "7,6": 1;
  "7,7": 0;
  "8,1": 7;
  "8,2": 6;
  "8,3": 5;
  "8,4": 4;
  "8,5": 3;
  "8,6": 2;
  "8,7": 1;
  "8,8": 0;
};

/** Distributes over a union: `true` for a member that is the whole union (so `false` is among the results of a union of several). */
type EachIsAll<Member, All = Member> = Member extends unknown ? ([All] extends [Member] ? true : false) : never;

/**
 * The axis `Axis` of a shape with `Positions` valid positions, as a non-negative index; `number` when
 * `Axis` is not a literal or is a union of them (one of them, known only at run time); a `ShapeError`
 * when out of range or not an integer.
 */
export type NormalizeAxis<Op extends string, S extends Shape, Axis extends number, Positions extends readonly unknown[] = S> =
  number extends Axis
    ? number
    : number extends Positions["length"]
      ? number
      : false extends EachIsAll<Axis> // a union of axes (`0 | 1`): one of them, unknown until run time, as `number`
        ? number
        : `${Axis}` extends keyof Positions // an index key ("0", "1", …): `${Axis}` is never "length" or a method name, nor "-1"
          ? Axis
          : `${Axis}` extends `-${infer Count extends number}`
            ? `${Positions["length"]},${Count}` extends keyof NegativeAxisTable // rank ≤ 8 and -rank ≤ axis ≤ -1
              ? NegativeAxisTable[`${Positions["length"]},${Count}`]
              : DropLast<Positions, Count> extends infer Kept extends readonly unknown[]
                ? [Kept] extends [never]
                  ? ShapeError<WriteAxisRangeMessage<Op, S, Axis, Positions>>
                  : Count extends 0
                    ? 0
                    : Kept["length"]
                : never
            : ShapeError<WriteAxisRangeMessage<Op, S, Axis, Positions>>;

/**
 * Normalises a list of axes (in the order given) and rejects duplicates: the indices, or a
 * `ShapeError`. `number[]` when any axis is not a literal or the rank is unknown.
 */
export type NormalizeAxes<Op extends string, S extends Shape, Axes extends readonly number[]> =
  number extends Axes["length"] | S["length"]
    ? number[]
    : Axes extends readonly [infer Only extends number] // one axis (the common call): nothing can repeat
      ? NormalizeAxis<Op, S, Only> extends infer Index
        ? Index extends ShapeError<string>
          ? Index
          : number extends Index
            ? number[]
            : [Index & number]
        : never
      : NormalizeAxesFrom<Op, S, Axes>;

type NormalizeAxesFrom<Op extends string, S extends Shape, Axes extends readonly number[], Rest extends readonly number[] = Axes, Acc extends number[] = []> =
  Rest extends readonly [infer Head extends number, ...infer Tail extends readonly number[]]
    ? NormalizeAxis<Op, S, Head> extends infer Index
      ? Index extends ShapeError<string>
        ? Index
        : number extends Index
          ? number[]
          : Index extends Acc[number]
            ? ShapeError<WriteDuplicateAxisMessage<Op, S, Axes, Index & number>>
            : NormalizeAxesFrom<Op, S, Axes, Tail, [...Acc, Index & number]>
      : never
    : Acc;

/**
 * `SHAPE_AXIS: softmax: axis -1 of a shape whose rank depends on a type parameter; …` — the message
 * of an axis a whole-shape type parameter (`Tensor<S>`) keeps TypeScript from placing. Compile time
 * only: at run time every shape has a rank.
 */
export type WriteUnknownRankAxisMessage<Op extends string, Axes> =
  `SHAPE_AXIS: ${Op}: axis ${Axes extends number ? Axes : Axes extends readonly number[] ? "list" : "?"} of a shape whose rank depends on a type parameter; spell out the dims it counts from (Tensor<[...Batch, D]> for the last axes)`;

/**
 * The parameter type of an axis argument (`CheckedArg`) whose message, where a type parameter keeps
 * TypeScript from placing the axis (a whole-shape `Tensor<S>`), is `WriteUnknownRankAxisMessage`.
 */
export type CheckedAxis<Axis, Result, Op extends string> = NamedCheckedArg<WriteUnknownRankAxisMessage<Op, Axis>, Axis, Result>;

/**
 * `S` split at `At`: `[S[:At], S[At:]]` (`[S, []]` when `S` is shorter), by position — it resolves
 * when dims are type parameters. The one splitting step of the rules that cut a shape at an axis
 * (flatten, unflatten, indexSelect, stack's new axis, tfjs gather).
 */
export type SplitAt<S extends Shape, At extends number, Front extends Dim[] = []> = Front["length"] extends At
  ? [Front, S]
  : S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
    ? SplitAt<Rest, At, [...Front, Head]>
    : [Front, S];

/**
 * `S` without the axes in `Indices` (each dim rebuilt, so a labelled tuple's labels are not kept).
 * Reductions and squeeze. One axis of a matrix or of a rank-3 shape — most calls — is one pattern;
 * anything else is a walk.
 */
export type WithoutAxes<S extends Shape, Indices extends readonly number[]> = Indices extends readonly [infer Only extends number]
  ? S extends readonly [infer D0, infer D1]
    ? [Only] extends [0] ? [D1] : [Only] extends [1] ? [D0] : WithoutAxesWalk<S, Indices>
    : S extends readonly [infer D0, infer D1, infer D2]
      ? [Only] extends [0] ? [D1, D2] : [Only] extends [1] ? [D0, D2] : [Only] extends [2] ? [D0, D1] : WithoutAxesWalk<S, Indices>
      : WithoutAxesWalk<S, Indices>
  : WithoutAxesWalk<S, Indices>;

type WithoutAxesWalk<S extends Shape, Indices extends readonly number[], Index extends 0[] = [], Acc extends unknown[] = []> = S extends readonly [
  infer Head,
  ...infer Rest extends Shape,
]
  ? WithoutAxesWalk<Rest, Indices, [...Index, 0], Index["length"] extends Indices[number] ? Acc : [...Acc, Head]>
  : Acc;

// ---------------------------------------------------------------------------------------------
// Negative axes of a variadic shape (`[...Batch, T, D]`): the rules act on its fixed trailing dims

/** The count `N` of an axis written `-N`, else `never`. */
export type NegativeCount<Axis extends number> = `${Axis}` extends `-${infer Count extends number}` ? Count : never;

/**
 * `S` split into `[prefix, last Count dims]`, or `"too short"` when `S` has fewer fixed trailing dims (so the
 * recursion is bounded by the shape, whatever `Count` is). The wrapped test resolves for a variadic
 * `[...Batch, T, D]`, whose prefix is then `[...Batch]`.
 */
export type SplitTail<S extends Shape, Count extends number, Tail extends Dim[] = []> = Tail["length"] extends Count
  ? [S, Tail]
  : [S] extends readonly [readonly [...infer Rest extends Shape, infer Last extends Dim]]
    ? SplitTail<Rest, Count, [Last, ...Tail]>
    : "too short";

/** The largest count `N` among axes written `-N` (as a tuple of that length), or `"non-negative"`. */
export type TailNeeded<Axes extends readonly number[], Max extends 0[] = []> = Axes extends readonly [infer Head extends number, ...infer Rest extends readonly number[]]
  ? `${Head}` extends `-${infer Count extends number}`
    ? TailNeeded<Rest, CountAtLeast<Max, Count>>
    : "non-negative"
  : Max;

/** The longer of `Max` and a tuple of length `Count` (counted up from 0, so a `Count` below `Max`'s length ends too). */
type CountAtLeast<Max extends 0[], Count extends number, Grow extends 0[] = []> = Grow["length"] extends Count
  ? Max extends readonly [...Grow, ...0[]]
    ? Max
    : Grow
  : CountAtLeast<Max, Count, [...Grow, 0]>;

/** `N − 1` for a count of axes from 1 to 32 (an index of this table). */
export type Predecessor = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];

/**
 * A variadic shape split at the fixed trailing dims its negative axes count within: `[group, tail]`
 * (`[...Batch, T, D]` with `[-1]` is `[[...Batch, T], [D]]`), or a string where an axis is not negative
 * or reaches into the group (the runtime checks those). A rule then runs on the tail, a tuple of fixed
 * rank, and its result is put back after the group — never tested as a whole: a test on a variadic
 * tuple itself stays undecided.
 */
export type SplitForAxes<S extends Shape, Axes extends readonly number[]> = TailNeeded<Axes> extends infer Count extends 0[]
  ? SplitTail<S, Count["length"]>
  : "non-negative";

/**
 * A rule's error found in the trailing dims `Tail` of a variadic shape, restated for the whole shape:
 * `… axis 0 of [4] …` becomes `… axis -1 of [..., 4] …` (the axis counted from the end, the group as
 * `...`), and a message with the shape alone prints it the same way. Compile time only: at run time the shape is known and the message has it all.
 */
export type RestateForGroup<Error, Tail extends Shape> = Error extends ShapeError<infer Message>
  ? Message extends `${infer Head} axis ${infer Index extends number} of ${infer Rest}`
    ? Rest extends `${PrintShape<Tail>}${infer After}`
      ? ShapeError<`${Head} axis -${SplitAt<Tail, Index>[1]["length"]} of [..., ${PrintShape<Tail> extends `[${infer Dims}]` ? Dims : never}]${After}`>
      : Error
    : Message extends `${infer Head}${PrintShape<Tail>}${infer After}` // no axis index: the shape alone
      ? ShapeError<`${Head}[..., ${PrintShape<Tail> extends `[${infer Dims}]` ? Dims : never}]${After}`>
      : Error
  : Error;

/**
 * A rule's answer on a variadic shape's trailing dims put back after its group: `[...Prefix, ...Out]`
 * when `Out` is a shape (a fixed-rank tuple, which TypeScript tests decidedly), `number[]` after an error.
 */
export type AfterGroup<Prefix extends Shape, Out> = Out extends readonly [...infer Dims extends Shape] ? [...Prefix, ...Dims] : number[];

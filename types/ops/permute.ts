/**
 * Axis permutation at the type level: `PermuteShape<S, Axes>` and `TransposeShape<S, Axes?>`.
 * Mirrors src/ops/permute.ts rule for rule and message for message.
 *
 * - `Axes` must name every axis of `S` exactly once; negative axes count from the end. An axis out of
 *   range or named twice is a `SHAPE_AXIS` error (types/internal/axes.ts); a list that leaves an axis
 *   out is a `SHAPE_PERMUTE` error naming the first missing axis.
 * - The result's axis `i` is `S[Axes[i]]`; dims of every kind (known, symbolic, `number`) move as
 *   they are. Omitting the axes of `transpose` reverses them all (NumPy's `transpose()`).
 * - `S` of unknown rank: a result of `Axes["length"]` `number` dims (the runtime checks the rank), or
 *   `number[]` for a reversal. Axes that are not literals: `number` for every dim.
 * - A scalar `[]` permutes only with `[]` (any axis is out of range); size-0 dims move like any other.
 */
import type { Dim, Shape } from "../shape.js";
import type { CheckArg, ShapeError, ResultShape } from "../errors.js";
import type { FixedRank, InvalidShapeMessage } from "../internal/dims.js";
import type { PrintShape } from "../internal/print.js";
import type { NegativeCount, NormalizeAxes, NormalizeAxis, PrintAxes, SplitTail } from "../internal/axes.js";

/**
 * `SHAPE_PERMUTE: permute: axes [0, 2] do not permute [2, 3, 4]: axis 1 is missing; name each of
 * the 3 axes once`. Mirrors `writePermuteMessage`.
 */
export type WritePermuteMessage<Op extends string, S extends Shape, Axes extends readonly number[], Missing extends number> =
  `SHAPE_PERMUTE: ${Op}: axes ${PrintAxes<Axes>} do not permute ${PrintShape<S>}: axis ${Missing} is missing; name each of the ${S["length"]} axes once`;

/** The first index of `S` not among `Indices`. */
type FirstMissing<S extends Shape, Indices extends readonly number[], Index extends 0[] = []> = Index["length"] extends S["length"]
  ? never
  : Index["length"] extends Indices[number]
    ? FirstMissing<S, Indices, [...Index, 0]>
    : Index["length"];

/** `S[Indices[0]], S[Indices[1]], …`: one mapped type over the indices, no walk. */
type PickDims<S extends Shape, Indices extends readonly number[]> = { -readonly [K in keyof Indices]: S[Indices[K]] };

/** `S` reversed: a matrix (the common case, `transpose()`) in one step, any other rank by a walk. */
type Reverse<S extends Shape> = S extends readonly [infer Rows extends Dim, infer Columns extends Dim] ? [Columns, Rows] : ReverseWalk<S>;

type ReverseWalk<S extends Shape, Acc extends Dim[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? ReverseWalk<Rest, [Head, ...Acc]>
  : Acc;

/** One `number` per element of `Items`. */
type Dynamic<Items extends readonly unknown[]> = { -readonly [K in keyof Items]: number };

/** The permutation for valid dims. */
type PermuteChecked<S extends Shape, Axes extends readonly number[], Op extends string> = number extends S["length"]
  ? number extends Axes["length"]
    ? number[]
    : Dynamic<Axes>
  : PermutationKey<Axes> extends Permutations // non-negative axes that permute a shape of rank 2 to 4: the dims, at once
    ? Axes["length"] extends S["length"]
      ? PickDims<S, Axes>
      : PermuteWalk<S, Axes, Op>
    : PermuteWalk<S, Axes, Op>;

/**
 * The permutations of ranks 2 to 4 written with non-negative axes, as `"2,0,1"`: the common calls,
 * recognised by one lookup instead of normalising and collecting each axis.
 */
type Permutations =
  | "0,1" | "1,0"
  | "0,1,2" | "0,2,1" | "1,0,2" | "1,2,0" | "2,0,1" | "2,1,0"
  | "0,1,2,3" | "0,1,3,2" | "0,2,1,3" | "0,2,3,1" | "0,3,1,2" | "0,3,2,1"
  | "1,0,2,3" | "1,0,3,2" | "1,2,0,3" | "1,2,3,0" | "1,3,0,2" | "1,3,2,0"
  | "2,0,1,3" | "2,0,3,1" | "2,1,0,3" | "2,1,3,0" | "2,3,0,1" | "2,3,1,0"
  | "3,0,1,2" | "3,0,2,1" | "3,1,0,2" | "3,1,2,0" | "3,2,0,1" | "3,2,1,0";

/** `Axes` of length 2 to 4 as a lookup key for `Permutations` (`"other"` for other lengths: not `never`, which would pass the lookup). */
type PermutationKey<Axes extends readonly number[]> = Axes extends readonly [infer A extends number, infer B extends number, ...infer Rest extends readonly number[]]
  ? Rest extends readonly []
    ? `${A},${B}`
    : Rest extends readonly [infer C extends number]
      ? `${A},${B},${C}`
      : Rest extends readonly [infer C extends number, infer D extends number]
        ? `${A},${B},${C},${D}`
        : "other"
  : "other";

/** `PermuteChecked` for any axes: each normalised (negative ones counted from the end), then checked to name every axis once. */
type PermuteWalk<S extends Shape, Axes extends readonly number[], Op extends string> = NormalizeAxes<Op, S, Axes> extends infer Indices
    ? Indices extends ShapeError<string>
      ? Indices
      : Indices extends readonly number[]
        ? number extends Indices["length"]
          ? Dynamic<S>
          : Indices["length"] extends S["length"]
            ? PickDims<S, Indices>
            : ShapeError<WritePermuteMessage<Op, S, Axes, FirstMissing<S, Indices>>>
        : never
    : never;

/**
 * `S` with its axes in the order `Axes` (a permutation of its axes; negative axes count from the
 * end), or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = PermuteShape<[2, 3, 4], [2, 0, -2]>; //=> [4, 2, 3]
 */
export type PermuteShape<S extends Shape, Axes extends readonly number[], Op extends string = "permuteShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? PermuteChecked<S, Axes, Op>
      : ShapeError<Invalid>
    : never;

/**
 * `transpose`: `S` with its axes reversed when `Axes` is omitted, else `PermuteShape<S, Axes>`.
 * @example
 * type Out = TransposeShape<["batch", 3, 4]>; //=> [4, 3, "batch"]
 * type Some = TransposeShape<[2, 3, 4], [0, 2, 1]>; //=> [2, 4, 3]
 */
export type TransposeShape<S extends Shape, Axes extends readonly number[] | undefined = undefined, Op extends string = "transposeShape"> =
  Axes extends readonly number[]
    ? PermuteShape<S, Axes, Op>
    : InvalidShapeMessage<Op, S> extends infer Invalid extends string
      ? [Invalid] extends [never]
        ? number extends S["length"]
          ? number[]
          : Reverse<S>
        : ShapeError<Invalid>
      : never;

/**
 * The result type of `Tensor#permute` / `Tensor#transpose` for a tensor's (valid) shape: the
 * permuted shape, or `number[]` for an error (which the argument check reports; see `ResultShape`).
 */
export type PermuteResult<S extends Shape, Axes extends readonly number[] | undefined, Op extends string> = Axes extends readonly number[]
  ? ResultShape<PermuteChecked<S, Axes, Op>>
  : number extends S["length"]
    ? number[]
    : Reverse<S>;

/** The argument-side check of `Tensor#permute` / `Tensor#transpose` (no invalid-dim check: a tensor's dims are valid). */
export type PermuteCheck<S extends Shape, Axes extends readonly number[] | undefined, Op extends string> = Axes extends readonly number[]
  ? PermuteChecked<S, Axes, Op>
  : unknown;

// ---------------------------------------------------------------------------------------------
// Swapping two axes: swapaxes, transpose(dim0, dim1), mT


/** `S` (of fixed rank) with the axes at (normalised) indices `First` and `Second` exchanged. */
type SwapKnown<S extends Shape, First extends number, Second extends number> = {
  -readonly [K in keyof S]: K extends `${First}` ? S[Second] : K extends `${Second}` ? S[First] : S[K];
};

/**
 * The swap for a shape of unknown rank: two negative axes act on the fixed trailing dims of a variadic
 * shape (`[...Batch, T, D]` with `-1, -2` is `[...Batch, D, T]`): the swap within the tail the first
 * axis reaches, else within the tail the second reaches. Anything else is `number[]` (the runtime
 * checks it). The attempts are `[result, found]` pairs read by indexing, which resolves around a
 * variadic group where a test on the result itself would stay undecided.
 */
type SwapVariadic<S extends Shape, First extends number, Second extends number, Op extends string> = [NegativeCount<First>] extends [never]
  ? number[]
  : [NegativeCount<Second>] extends [never]
    ? number[]
    : SwapInTail<S, NegativeCount<First>, First, Second, Op>[1] extends true
      ? SwapInTail<S, NegativeCount<First>, First, Second, Op>[0]
      : SwapInTail<S, NegativeCount<Second>, First, Second, Op>[0];

/** `[[...prefix, ...tail swapped], true]` for the last `Count` dims of `S`, or `[number[], false]`. */
type SwapInTail<S extends Shape, Count extends number, First extends number, Second extends number, Op extends string> =
  SplitTail<S, Count> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? SwapFixed<Tail, First, Second, Op> extends infer Swapped extends Shape
      ? [[...Prefix, ...Swapped], true]
      : [number[], false]
    : [number[], false];

/** The swap for a shape of fixed rank: the swapped shape, or the `SHAPE_AXIS` error of either axis. */
type SwapFixed<S extends Shape, First extends number, Second extends number, Op extends string> =
  NormalizeAxis<Op, S, First> extends infer FirstIndex extends number
    ? NormalizeAxis<Op, S, Second> extends infer SecondIndex extends number
      ? number extends FirstIndex | SecondIndex
        ? Dynamic<S> // an axis that is not a literal: the runtime checks it
        : SwapKnown<S, FirstIndex, SecondIndex>
      : NormalizeAxis<Op, S, Second> // its error
    : NormalizeAxis<Op, S, First>; // its error

/** `SwapFixed` or `SwapVariadic` by rank (no invalid-dim check: see `SwapaxesShape`). */
type SwapChecked<S extends Shape, First extends number, Second extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? SwapFixed<S, First, Second, Op>
  : SwapVariadic<S, First, Second, Op>;

/**
 * `S` with axes `First` and `Second` exchanged (negative axes count from the end; naming one axis twice
 * is the identity), or the `SHAPE_AXIS` error of an axis out of range — PyTorch's `swapaxes` /
 * `transpose(dim0, dim1)`. Dims of every kind move as they are.
 * @example
 * type Out = SwapaxesShape<["batch", 3, 4], 0, -1>; //=> [4, 3, "batch"]
 */
export type SwapaxesShape<S extends Shape, First extends number, Second extends number, Op extends string = "swapaxesShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? SwapChecked<S, First, Second, Op>
      : ShapeError<Invalid>
    : never;

/**
 * The argument-side check of one axis of `swapaxes` / `transpose(dim0, dim1)` on a tensor (its dims
 * are valid): the axis in range, or its `SHAPE_AXIS` error. Each axis is checked on its own argument;
 * the swap itself cannot fail. (`number` for a shape of unknown rank: the runtime checks it.)
 */
export type SwapAxisCheck<S extends Shape, Axis extends number, Op extends string> = NormalizeAxis<Op, S, Axis>;

/** The result shape of `swapaxes` / `transpose(dim0, dim1)`: the swapped shape, or `number[]` after an error. */
export type SwapAxesResult<S extends Shape, First extends number, Second extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? ResultShape<SwapFixed<S, First, Second, Op>>
  : SwapVariadic<S, First, Second, Op>; // never an error, and not through `ResultShape`, which stays undecided for `[...Batch, D, T]`

/**
 * `SHAPE_RANK: mT: needs at least 2 axes, got [3]; the matrix transpose swaps the last two (add one
 * with unsqueeze)`. Mirrors `writeMatrixTransposeMessage`.
 */
export type WriteMatrixTransposeMessage<Op extends string, S extends Shape> =
  `SHAPE_RANK: ${Op}: needs at least 2 axes, got ${PrintShape<S>}; the matrix transpose swaps the last two (add one with unsqueeze)`;

/**
 * The matrix transpose of a valid shape as `[result, check]` (the result `number[]` after an error),
 * read by indexing so that it resolves for variadic shapes (`[...Batch, T, D]`).
 */
export type MatrixTransposeOutcome<S extends Shape, Op extends string> = [S] extends readonly [readonly [...infer Rest extends Shape, infer Rows extends Dim, infer Cols extends Dim]] // resolves for `[...Batch, T, D]`
  ? [[...Rest, Cols, Rows], unknown]
  : number extends S["length"]
    ? [number[], unknown]
    : [number[], ShapeError<WriteMatrixTransposeMessage<Op, S>>];

/** The matrix transpose of a valid shape, or its error (see `MatrixTransposeShape`). */
export type MatrixTransposeChecked<S extends Shape, Op extends string> = MatrixTransposeOutcome<S, Op> extends infer Outcome extends readonly [Shape, unknown]
  ? [Outcome[1]] extends [ShapeError<string>]
    ? Outcome[1]
    : Outcome[0]
  : never;

/**
 * The shape of `x.mT` (PyTorch's matrix transpose: the last two axes swapped, leading axes kept), for
 * any shape with two fixed trailing dims (`[...Batch, T, D]` gives `[...Batch, D, T]`); `number[]`
 * for unknown rank; a `SHAPE_RANK` error for rank < 2.
 * @example
 * type Out = MatrixTransposeShape<["batch", 3, 4]>; //=> ["batch", 4, 3]
 */
export type MatrixTransposeShape<S extends Shape, Op extends string = "matrixTransposeShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? MatrixTransposeChecked<S, Op>
      : ShapeError<Invalid>
    : never;

/**
 * `SHAPE_AXIS: transpose: cannot transpose [2, 3] by the single axis 1: give two axes to swap, or a
 * list of all the axes`. Mirrors `writeTransposeOneAxisMessage`.
 */
export type WriteTransposeOneAxisMessage<Op extends string, S extends Shape, Axis extends number> =
  `SHAPE_AXIS: ${Op}: cannot transpose ${PrintShape<S>} by the single axis ${Axis}: give two axes to swap, or a list of all the axes`;

/**
 * The check on `transpose`'s first argument: a list is checked as `permute`'s axes; a number is the
 * first of two axes to swap (checked for range; alone, it is an error).
 */
export type TransposeFirstCheck<S extends Shape, First, Second, Op extends string> = [First] extends [number]
  ? NormalizeAxis<Op, S, First> extends infer Checked
    ? Checked extends ShapeError<string>
      ? Checked
      : [Second] extends [undefined]
        ? number extends S["length"] // unknown rank: the runtime reports it, with the shape it has then
          ? unknown
          : ShapeError<WriteTransposeOneAxisMessage<Op, S, First>>
        : unknown
    : never
  : First extends readonly number[]
    ? PermuteChecked<S, First, Op>
    : unknown;

/** The check on `transpose`'s second argument: the swap with the first; after a list, nothing may follow. */
export type TransposeSecondCheck<S extends Shape, First, Second, Op extends string> = [First] extends [number]
  ? [Second] extends [number]
    ? CheckArg<NormalizeAxis<Op, S, Second>>
    : unknown
  : undefined;

/** The result shape of `transpose(first?, second?)`: reversed, permuted, or two axes swapped. */
export type TransposeResult<S extends Shape, First, Second, Op extends string> = [First] extends [number]
  ? [Second] extends [number]
    ? SwapAxesResult<S, First, Second, Op>
    : number[]
  : PermuteResult<S, First extends readonly number[] ? First : undefined, Op>;

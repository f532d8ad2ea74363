/**
 * Splitting one axis into pieces at the type level: `chunk` (equal pieces, NumPy's `np.split(x, n,
 * axis)`), `split` (pieces of the sizes given, PyTorch's `split(x, [sizes], dim)`) and `unbind` (one
 * piece per index, the axis removed: PyTorch's `unbind`, TensorFlow's `unstack`). Mirrors
 * src/ops/split.ts rule for rule and message for message.
 *
 * - The axis must be in range (`SHAPE_AXIS`, types/internal/axes.ts); omitted, it is 0.
 * - `chunk`: the number of chunks must be an integer from 1 to 2^53 − 1, and the axis a multiple of it
 *   (`SHAPE_SPLIT`; PyTorch's `chunk` would give a shorter last piece, NumPy's `split` refuses — NumPy
 *   wins). The piece is `ChunkSize<D, N>`: the quotient on digits for a known size, the polynomial
 *   quotient for a size expression (`"3*d"` in 3 is `"d"`; `"d"` in 3 is an error, a name being any
 *   size), `number` for `number`, and — where `D` is a type parameter — `ChunkSize<D, N>` itself, a
 *   dim equal only to itself, the division left to the runtime (as conv's `ConvSize`).
 * - `split`: each size must be an integer from 0 to 2^53 − 1; on a known size they must add up to it.
 *   Where the axis is a name, `number` or a type parameter, the sum is the runtime's to check, as
 *   `narrow`'s range is: the pieces are the sizes as written.
 * - The result is one shape per piece; for tensors, a tuple of tensors (`Tensor<…>[]` when the number
 *   of pieces is not a literal, or above 64).
 * - A negative axis of a variadic shape (`[...Batch, T, 1536]` at `-1`) is split within the fixed
 *   trailing dims it counts from, an error restated for the whole shape; `S` of unknown rank gives
 *   `number[]` pieces.
 */
import type { Dim, Shape } from "../shape.js";
import type { ResultShape, ShapeError } from "../errors.js";
import type { FixedRank, InvalidShapeMessage, IsKnownSize, IsSingle } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AfterGroup, NormalizeAxis, RestateForGroup, SplitForAxes, WithoutAxes } from "../internal/axes.js";
import type { AboveMaxSafe, AddDigits, DivModDigits, FromDigits } from "../internal/digits.js";
import type { DimPoly, DivPolyByTerm, NoQuotient, Poly, PolyDim } from "../internal/symbolic.js";
import type { Classify, Replace } from "./slice.js";

/**
 * `SHAPE_SPLIT: chunk: cannot split axis 0 of [6, 4] into 0 chunks: the number of chunks must be an
 * integer from 1 to 9007199254740991`. Mirrors `writeChunkCountMessage`.
 */
export type WriteChunkCountMessage<Op extends string, S extends Shape, Axis extends number, Chunks extends Dim> =
  `SHAPE_SPLIT: ${Op}: cannot split axis ${Axis} of ${PrintShape<S>} into ${PrintDim<Chunks>} chunks: the number of chunks must be an integer from 1 to 9007199254740991`;

/**
 * `SHAPE_SPLIT: chunk: cannot split axis 1 of [2, 10] into 3 equal chunks: 10 is not a multiple of 3;
 * split(x, sizes, axis) takes pieces of different sizes`. Mirrors `writeChunkMessage`.
 */
export type WriteChunkMessage<Op extends string, S extends Shape, Axis extends number, Chunks extends number> =
  `SHAPE_SPLIT: ${Op}: cannot split axis ${Axis} of ${PrintShape<S>} into ${Chunks} equal chunks: ${PrintDim<S[Axis]>} is not a multiple of ${Chunks}; split(x, sizes, axis) takes pieces of different sizes`;

/**
 * `SHAPE_SPLIT: split: cannot split axis 1 of [2, 10] with size -1: each size must be an integer from 0
 * to 9007199254740991`. Mirrors `writeSplitSizeMessage`.
 */
export type WriteSplitSizeMessage<Op extends string, S extends Shape, Axis extends number, Size extends Dim> =
  `SHAPE_SPLIT: ${Op}: cannot split axis ${Axis} of ${PrintShape<S>} with size ${PrintDim<Size>}: each size must be an integer from 0 to 9007199254740991`;

/**
 * `SHAPE_SPLIT: split: cannot split axis 1 of [2, 10] into sizes [4, 4]: they add up to 8, not 10`.
 * Mirrors `writeSplitSumMessage`.
 */
export type WriteSplitSumMessage<Op extends string, S extends Shape, Axis extends number, Sizes extends Shape, Sum extends string> =
  `SHAPE_SPLIT: ${Op}: cannot split axis ${Axis} of ${PrintShape<S>} into sizes ${PrintShape<Sizes>}: they add up to ${Sum}, not ${PrintDim<S[Axis]>}`;

/** An axis argument: `undefined` (omitted) is axis 0. */
export type AxisOf<Axis extends number | undefined> = Axis extends number ? Axis : 0;

/** The digits of a valid number of chunks (an integer from 1 to 2^53 − 1), `"dynamic"` for `number`, else `"invalid"`. */
export type ChunkCount<Chunks extends number> = Classify<Chunks> extends infer Kind
  ? Kind extends "dynamic"
    ? "dynamic"
    : Kind extends [false, infer Digits extends `${bigint}`]
      ? Digits extends "0"
        ? "invalid"
        : AboveMaxSafe<Digits> extends true
          ? "invalid"
          : Digits
      : "invalid"
  : never;

/** What `ChunkQuotient` gives for a dim that does not divide (an object type: no dim can be it). */
interface Indivisible {
  readonly indivisible: true;
}

/**
 * One of `Chunks` equal pieces of a dim `D`: the exact quotient — on digits for a known size, of the
 * polynomial for a size expression (`"3*d"` in 3 is `"d"`) — `Indivisible`, or `number` where only the
 * runtime knows (`number`, a union of sizes).
 */
type ChunkQuotient<D extends Dim, Chunks extends number> = [D] extends [number]
  ? IsKnownSize<D> extends true
    ? DivModDigits<`${D & number}`, `${Chunks}`> extends [infer Quotient extends string, "0"]
      ? FromDigits<Quotient>
      : Indivisible
    : number
  : IsSingle<D> extends true
    ? DimPoly<D> extends infer Whole
      ? Whole extends Poly
        ? DivPolyByTerm<Whole, ["", `${Chunks}`]> extends infer Quotient
          ? Quotient extends Poly
            ? PolyDim<Quotient>
            : Quotient extends NoQuotient
              ? Indivisible
              : number
          : never
        : number
      : never
    : number;

/**
 * The size of one of `Chunks` equal pieces of a dim `D`: `ChunkQuotient`'s, or `number` for a dim that
 * does not divide (the check reports it). Where `D` is a type parameter this type stays as it is,
 * `ChunkSize<D, 3>`: a dim equal only to itself, the division left to the runtime.
 */
export type ChunkSize<D extends Dim, Chunks extends number> = ChunkQuotient<D, Chunks> extends infer Quotient
  ? Quotient extends Indivisible
    ? number
    : Quotient & Dim
  : never;

/** `chunk`'s check of its count on axis `Index` of `S`: the count itself, then whether the axis divides. */
type ChunksArgCheck<S extends Shape, Index extends number, Chunks extends number, Op extends string> = ChunkCount<Chunks> extends infer Count extends string
  ? Count extends "invalid"
    ? ShapeError<WriteChunkCountMessage<Op, S, Index, Chunks>>
    : Count extends "dynamic"
      ? unknown
      : ChunkQuotient<S[Index], Chunks> extends Indivisible
        ? ShapeError<WriteChunkMessage<Op, S, Index, Chunks>>
        : unknown
  : never;

/**
 * The checks of `chunk` or `split` on a shape of fixed rank (or unknown rank), `{ axis, pieces }`:
 * the axis's range (the normalised index, or its error), then the second argument's — a number of
 * chunks (`Arg` a number) or the sizes (`Arg` a tuple). Where the axis is not known (unknown
 * rank, an axis that is not a literal) the runtime checks it all.
 */
type PiecesChecksFixed<S extends Shape, Axis extends number, Arg extends number | Shape, Op extends string> =
  NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? { axis: Index; pieces: unknown }
      : number extends Index
        ? { axis: Index; pieces: unknown }
        : {
            axis: Index;
            pieces: Arg extends number ? ChunksArgCheck<S, Index & number, Arg, Op> : Arg extends Shape ? SizesArgCheck<S, Index & number, Arg, Op> : never;
          }
    : never;

/**
 * The checks of `chunk` or `split`, `{ axis, pieces }`; a negative axis of a variadic shape is checked
 * within its fixed trailing dims, an error restated for the whole shape (`… axis -1 of [..., 1536] …`).
 */
type PiecesChecks<S extends Shape, Axis extends number, Arg extends number | Shape, Op extends string> = [S] extends readonly [FixedRank]
  ? PiecesChecksFixed<S, Axis, Arg, Op>
  : SplitForAxes<S, [Axis]> extends readonly [unknown, infer Tail extends Shape]
    ? PiecesChecksFixed<Tail, Axis, Arg, Op> extends infer Checks extends { axis: unknown; pieces: unknown }
      ? { axis: RestateForGroup<Checks["axis"], Tail>; pieces: RestateForGroup<Checks["pieces"], Tail> }
      : never
    : PiecesChecksFixed<number[], Axis, Arg, Op>;

/**
 * One part of `chunk`'s or `split`'s check: `"axis"` (the normalised axis or its error, for a given
 * axis) or `"pieces"` (the number of chunks' or the sizes' error — and the axis's when the axis is
 * omitted, so that a scalar's error has an argument to land on).
 */
type PiecesCheck<S extends Shape, Axis extends number | undefined, Arg extends number | Shape, Op extends string, Part extends "axis" | "pieces"> =
  PiecesChecks<S, AxisOf<Axis>, Arg, Op> extends infer Checks extends { axis: unknown; pieces: unknown }
    ? Part extends "axis"
      ? Checks["axis"]
      : [Axis] extends [undefined]
        ? Checks["axis"] extends ShapeError<string>
          ? Checks["axis"]
          : Checks["pieces"]
        : Checks["pieces"]
    : never;

/** `chunk`'s check: `"axis"`, or `"chunks"` (the count, the division — and an omitted axis's error). */
export type ChunkCheck<S extends Shape, Axis extends number | undefined, Chunks extends number, Op extends string, Part extends "axis" | "chunks"> =
  PiecesCheck<S, Axis, Chunks, Op, Part extends "axis" ? "axis" : "pieces">;

/** `split`'s check: `"axis"`, or `"sizes"` (each size, their sum — and an omitted axis's error). */
export type SplitCheck<S extends Shape, Axis extends number | undefined, Sizes extends Shape, Op extends string, Part extends "axis" | "sizes"> =
  PiecesCheck<S, Axis, Sizes, Op, Part extends "axis" ? "axis" : "pieces">;

/**
 * `ChunkCheck`/`SplitCheck` for the pure rules (`chunkShape`, `splitShape`), whose shape is validated
 * first: an invalid shape is the shape argument's error, so the other parts are then `unknown`.
 */
export type PiecesShapeCheck<S extends Shape, Axis extends number | undefined, Arg extends number | Shape, Op extends string, Part extends "axis" | "pieces"> =
  [InvalidShapeMessage<Op, S>] extends [never] ? PiecesCheck<S, Axis, Arg, Op, Part> : unknown;

/** The error of a pure rule (`chunkShape`, `splitShape`) in the runtime's order, else `never`. */
type PiecesError<S extends Shape, Axis extends number, Arg extends number | Shape, Op extends string> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? PiecesChecks<S, Axis, Arg, Op> extends { axis: infer AxisCheck; pieces: infer ArgCheck }
        ? AxisCheck extends ShapeError<string>
          ? AxisCheck
          : ArgCheck extends ShapeError<string>
            ? ArgCheck
            : never
        : never
      : ShapeError<Invalid>
    : never;

/**
 * A piece's dim on an axis of size `D`: one of `Chunks` equal pieces (`ChunkSize`; `number` for an
 * invalid count, which the check reports), or — `Chunks` `undefined` — the size given (`split`).
 */
type PieceDim<D extends Dim, Size extends Dim, Chunks extends number | undefined> = [Chunks] extends [number]
  ? ChunkCount<Chunks> extends `${bigint}`
    ? ChunkSize<D, Chunks>
    : number
  : Size;

/** `PieceOf` for a shape of fixed rank (or of unknown rank). */
type PieceOfFixed<S extends Shape, Axis extends number, Size extends Dim, Chunks extends number | undefined, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? number[]
      : number extends Index
        ? { -readonly [K in keyof S]: number }
        : Replace<S, Index & number, PieceDim<S[Index & number], Size, Chunks>>
    : never;

/**
 * The shape of one piece of `S` cut along `Axis`: the axis replaced by `Size` — or by one of `Chunks`
 * equal pieces — with a variadic group put back in front (`number[]` after an axis error, which the
 * check reports). `chunk`'s and `split`'s result (`narrow`'s is the same replacement, kept in
 * types/ops/narrow.ts: through this alias it cost narrow 13 more instantiations per call).
 */
export type PieceOf<S extends Shape, Axis extends number | undefined, Size extends Dim, Chunks extends number | undefined, Op extends string> = [S] extends readonly [FixedRank]
  ? PieceOfFixed<S, AxisOf<Axis>, Size, Chunks, Op>
  : SplitForAxes<S, [AxisOf<Axis>]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, PieceOfFixed<Tail, AxisOf<Axis>, Size, Chunks, Op>>
    : number[];

/** A tuple of `Count` (digits) zeros to map the pieces over, for a count up to 64; `0[]` for more, or for `"dynamic"` and `"invalid"` (`ChunkCount`). */
export type Counted<Count extends string, Acc extends 0[] = []> = Count extends `${bigint}`
  ? `${Acc["length"]}` extends Count
    ? Acc
    : Acc["length"] extends 64
      ? 0[]
      : Counted<Count, [...Acc, 0]>
  : 0[];

/**
 * The shape of each of `Chunks` equal pieces of `S` along `Axis`, or a `ShapeError` whose message is
 * the runtime's.
 * @example
 * type Out = ChunkShape<[2, 12], 3, 1>; //=> [2, 4]
 * type Named = ChunkShape<["b", "3*d"], 3, -1>; //=> ["b", "d"]
 */
export type ChunkShape<S extends Shape, Chunks extends number, Axis extends number = 0, Op extends string = "chunkShape"> =
  [PiecesError<S, Axis, Chunks, Op>] extends [never] ? PieceOf<S, Axis, number, Chunks, Op> : PiecesError<S, Axis, Chunks, Op>;

// ---------------------------------------------------------------------------------------------
// split: pieces of the sizes given

/** The first size that is not an integer from 0 to 2^53 − 1, else `never`. */
type BadSize<Sizes extends Shape> = Sizes extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? [Head] extends [number]
    ? Classify<Head> extends infer Kind
      ? Kind extends "dynamic"
        ? BadSize<Rest>
        : Kind extends [false, infer Digits extends `${bigint}`]
          ? AboveMaxSafe<Digits> extends true
            ? Head
            : BadSize<Rest>
          : Head
      : never
    : Head // a name: no size at run time
  : never;

/** The sum of valid sizes on digits, or `"dynamic"` when one of them is `number` (or a union), or the list's length is not known (`number[]`). */
type SizesSum<Sizes extends Shape, Acc extends string = "0"> = Sizes extends readonly [infer Head extends number, ...infer Rest extends Shape]
  ? IsKnownSize<Head> extends true
    ? SizesSum<Rest, Acc extends "0" ? `${Head}` : AddDigits<Acc, `${Head}`>>
    : "dynamic"
  : Sizes extends readonly []
    ? Acc
    : "dynamic";

/** `split`'s check of its sizes on axis `Index` of `S`: each size, then their sum against a known size. */
type SizesArgCheck<S extends Shape, Index extends number, Sizes extends Shape, Op extends string> = [BadSize<Sizes>] extends [never]
  ? IsKnownSize<S[Index]> extends true
    ? SizesSum<Sizes> extends infer Sum extends `${bigint}`
      ? Sum extends `${S[Index] & number}`
        ? unknown
        : ShapeError<WriteSplitSumMessage<Op, S, Index, Sizes, Sum>>
      : unknown
    : unknown
  : ShapeError<WriteSplitSizeMessage<Op, S, Index, BadSize<Sizes>>>;

/** The shapes of the pieces of `S` split along `Axis` into `Sizes`, one per size. */
type SplitPieces<S extends Shape, Axis extends number | undefined, Sizes extends Shape, Op extends string> = {
  -readonly [K in keyof Sizes]: PieceOf<S, Axis, Sizes[K] & Dim, undefined, Op>;
};

/**
 * The shapes of the pieces of `S` split along `Axis` into pieces of `Sizes` (which must add up to a
 * known axis), or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = SplitShape<[2, 10], [3, 7], 1>; //=> [[2, 3], [2, 7]]
 */
export type SplitShape<S extends Shape, Sizes extends Shape, Axis extends number = 0, Op extends string = "splitShape"> =
  [PiecesError<S, Axis, Sizes, Op>] extends [never] ? SplitPieces<S, Axis, Sizes, Op> : PiecesError<S, Axis, Sizes, Op>;

// ---------------------------------------------------------------------------------------------
// unbind: one piece per index of the axis, the axis removed

/** `S` without the axis `Axis` for a shape of fixed rank (or of unknown rank), or the `SHAPE_AXIS` error. */
type UnbindFixed<S extends Shape, Axis extends number, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? Index extends ShapeError<string>
      ? Index
      : number extends Index
        ? number[]
        : WithoutAxes<S, [Index & number]>
    : never;

/**
 * The shape of each piece of `S` unbound along `Axis` (PyTorch's `unbind`, TensorFlow's `unstack`):
 * `S` without the axis, or the `SHAPE_AXIS` error; a negative axis of a variadic shape is taken within
 * its fixed trailing dims (the group put back in front, an error restated for the whole shape).
 * @example
 * type Out = UnbindShape<[2, 3, 4], 1>; //=> [2, 4]
 */
export type UnbindShape<S extends Shape, Axis extends number = 0, Op extends string = "unbindShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? UnbindChecked<S, Axis, Op>
      : ShapeError<Invalid>
    : never;

/** `UnbindShape` of a valid shape (a tensor's): the piece's shape, or the axis's error. */
export type UnbindChecked<S extends Shape, Axis extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? UnbindFixed<S, Axis, Op>
  : SplitForAxes<S, [Axis]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? UnbindFixed<Tail, Axis, Op> extends infer Piece
      ? Piece extends ShapeError<string>
        ? RestateForGroup<Piece, Tail>
        : AfterGroup<Prefix, Piece>
      : never
    : number[];

/**
 * The shape of each piece of a tensor of shape `S` unbound along `Axis`, for result types: the piece's
 * shape, or `number[]` after an axis error (the check reports it). A variadic group is put back without
 * `ResultShape`, which stays undecided for `[...Batch, T]`.
 */
export type UnbindResult<S extends Shape, Axis extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? ResultShape<UnbindChecked<S, Axis, Op>> // the argument's own check: one evaluation for both
  : SplitForAxes<S, [Axis]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, UnbindFixed<Tail, Axis, Op>>
    : number[];

/**
 * Indexing at the type level: `indexSelect` (NumPy's `take` along an axis), `gather` (PyTorch's
 * `gather`) and `embedding` (a lookup of rows). Mirrors src/ops/indexing.ts rule for rule and message
 * for message.
 *
 * - `IndexSelectShape<S, Axis, I>`: `S[:axis] ++ I ++ S[axis+1:]`; the axis must exist (`SHAPE_AXIS`).
 * - `GatherShape<S, Axis, I>`: the index's shape `I`, once the axis exists, `I` has `S`'s rank
 *   (`SHAPE_RANK`) and, off the axis, each index dim is at most `S`'s (`SHAPE_GATHER`; a name against a
 *   different name or a number is an error too, as in broadcasting: they may differ).
 * - `EmbeddingShape<W, I>`: `[...I, D]` for a weight `[V, D]` (`SHAPE_RANK` for another rank).
 * - Shapes of unknown rank (and axes that are not literals) give `number[]` or skip the check; `number`
 *   dims are never a compile error (the runtime checks); type parameters are carried through.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, Uninferred } from "../errors.js";
import type { NormalizeAxis, SplitAt } from "../internal/axes.js";
import type { Compare } from "../internal/digits.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { CompareDims } from "../internal/symbolic.js";
import type { FixedRank, NoTypeParameters } from "../internal/dims.js";
import type { AxisPairsCheck } from "./same-shape.js";
import type { SameGroupTails } from "./broadcast.js";

/** `S` with axis `Index` replaced by the dims `I` (`number[]` past the end). */
type Splice<S extends Shape, Index extends number, I extends Shape> = SplitAt<S, Index> extends [infer Before extends Shape, readonly [unknown, ...infer Rest extends Shape]]
  ? [...Before, ...I, ...Rest]
  : number[];

/**
 * The shape of `indexSelect(x, Axis, indices)` for `x` of shape `S` and indices of shape `I`, or the
 * `SHAPE_AXIS` error.
 * @example
 * type Out = IndexSelectShape<[5, 3, 4], 1, [2, 7]>; //=> [5, 2, 7, 4]
 */
export type IndexSelectShape<S extends Shape, Axis extends number, I extends Shape, Op extends string = "indexSelectShape"> =
  NormalizeAxis<Op, S, Axis> extends infer Index
    ? [Index] extends [ShapeError<string>]
      ? Index
      : Index extends number
        ? number extends Index | I["length"] // indices of unknown rank: the result's rank is unknown too
          ? number[]
          : Splice<S, Index, I>
        : never
    : never;

/** The result shape of `indexSelect`, for return types: the rule's shape, `number[]` after an error. */
export type IndexSelectResult<S extends Shape, Axis extends number, I extends Shape> =
  IndexSelectShape<S, Axis, I, "indexSelect"> extends infer Out
    ? [Out] extends [ShapeError<string>]
      ? number[]
      : Out extends infer R extends Shape ? R : number[]
    : never;

/**
 * `SHAPE_RANK: gather: index [2] and x [2, 3] differ in rank: 1 vs 2; index must have x's rank`.
 * Mirrors `writeGatherRankMessage`.
 */
export type WriteGatherRankMessage<Op extends string, S extends Shape, I extends Shape> =
  `SHAPE_RANK: ${Op}: index ${PrintShape<I>} and x ${PrintShape<S>} differ in rank: ${I["length"]} vs ${S["length"]}; index must have x's rank`;

/**
 * `SHAPE_GATHER: gather: index [3, 1] does not fit x [2, 5]: axis 0 is 3 vs 2; off the gather axis 1,
 * index may be at most x's size`. Mirrors `writeGatherMessage`.
 */
export type WriteGatherMessage<Op extends string, S extends Shape, I extends Shape, Axis extends number, At extends number> =
  `SHAPE_GATHER: ${Op}: index ${PrintShape<I>} does not fit x ${PrintShape<S>}: axis ${At} is ${PrintDim<I[At]>} vs ${PrintDim<S[At]>}; off the gather axis ${Axis}, index may be at most x's size`;

/** Whether an index dim fits an x dim off the gather axis: equal, unknown, or a smaller known size. */
type Fits<IndexDim extends Dim, XDim extends Dim> = CompareDims<IndexDim, XDim> extends infer Kind
  ? Kind extends "equal" | "dynamic"
    ? true
    : Kind extends "known"
      ? Compare<IndexDim & number, XDim & number> extends "gt" ? false : true
      : false
  : never;

/** The first axis other than `Axis` where the index does not fit, else `never`. */
type FirstMisfit<S extends Shape, I extends Shape, Axis extends number, At extends 0[] = []> = At["length"] extends S["length"]
  ? never
  : At["length"] extends Axis
    ? FirstMisfit<S, I, Axis, [...At, 0]>
    : Fits<I[At["length"]], S[At["length"]]> extends true
      ? FirstMisfit<S, I, Axis, [...At, 0]>
      : At["length"];

/**
 * The shape of `gather(x, Axis, index)`: the index's shape `I`, or the `SHAPE_AXIS`, `SHAPE_RANK` or
 * `SHAPE_GATHER` error.
 * @example
 * type Out = GatherShape<[4, 10], 1, [4, 1]>; //=> [4, 1]
 */
export type GatherShape<S extends Shape, Axis extends number, I extends Shape, Op extends string = "gatherShape"> = Uninferred<I> extends true
  ? I
  : NormalizeAxis<Op, S, Axis> extends infer Index
    ? [Index] extends [ShapeError<string>]
      ? Index
      : number extends S["length"] | I["length"]
        ? I
        : S["length"] extends I["length"]
          ? Index extends number
            ? number extends Index
              ? I
              : [FirstMisfit<S, I, Index>] extends [never]
                ? I
                : ShapeError<WriteGatherMessage<Op, S, I, Index, FirstMisfit<S, I, Index>>>
            : never
          : ShapeError<WriteGatherRankMessage<Op, S, I>>
    : never;

/**
 * The index's dims against x's, off the gather axis, around type parameters (`AxisPairsCheck`, by `SameDimCheck`):
 * `unknown` for the same dim, for known or named dims (`GatherShape` compares those) and for
 * `number`; where a type parameter meets another dim — `C` against 1, or `B` against `A` — the
 * names message: a type parameter is a name, which may be larger. Asked apart from the rule, whose
 * own check accepts what a type parameter leaves undecided. Another rank, or an axis out of range,
 * is the rule's error.
 */
export type GatherIdentityCheck<S extends Shape, Axis extends number, I extends Shape, Op extends string> = unknown &
  ([[S, I]] extends [NoTypeParameters]
    ? unknown
    : [S, I] extends readonly [FixedRank, FixedRank] // decided for a variadic shape (`[...Batch, D]`), whose length is not
      ? S["length"] extends I["length"]
        ? NormalizeAxis<Op, S, Axis> extends infer Index
          ? Index extends number
            ? number extends Index
              ? unknown
              : AxisPairsCheck<I, S, ["gather", Op, `${Index}`], Index>
            : unknown
          : never
        : unknown
      : GatherTailsCheck<S, Axis, I, Op>);

/**
 * `GatherIdentityCheck` for shapes with the same variadic group (`[...Batch, C]` and `[...Batch, 2]`)
 * gathered along a negative axis within their fixed tails: the index's tail against x's, off the
 * axis, as `GatherShape` compares fixed-rank shapes (`FirstMisfit`: the same dim, or a known size at
 * most x's). Where a type parameter leaves a pair undecided, the argument is rejected (a type parameter
 * is a name: `A` against 1 is an error, as `"a"` against 1 is). Other variadic shapes, and an axis in
 * the group, are the runtime's.
 */
type GatherTailsCheck<S extends Shape, Axis extends number, I extends Shape, Op extends string> =
  SameGroupTails<I, S> extends readonly [unknown, infer ITail extends Shape, infer STail extends Shape]
    ? `${Axis}` extends `-${number}`
      ? NormalizeAxis<Op, STail, Axis> extends infer Index extends number
        ? [FirstMisfit<STail, ITail, Index>] extends [never]
          ? unknown
          : ShapeError<WriteGatherTailMessage<Op, ITail, STail, Axis>>
        : unknown
      : unknown
    : unknown;

/**
 * `SHAPE_GATHER: gather: the index ends in [3, 2] but x in [1, 5], after the same batch group; off the
 * gather axis -1, index may be at most x's size` — shapes with the same variadic group. Compile time
 * only: at run time every shape has a rank, and the message prints the shapes.
 */
export type WriteGatherTailMessage<Op extends string, ITail extends Shape, STail extends Shape, Axis extends number> =
  `SHAPE_GATHER: ${Op}: the index ends in ${PrintShape<ITail>} but x in ${PrintShape<STail>}, after the same batch group; off the gather axis ${Axis}, index may be at most x's size`;

/**
 * `SHAPE_GATHER: gather: axis 2 of the index is ${C} but 1 in x; off the gather axis 0, index may be
 * at most x's size, and a type parameter is equal only to itself`. Compile time only.
 */
export type WriteGatherNamesMessage<Op extends string, At extends number, IndexDim extends Dim, XDim extends Dim, Axis extends number> =
  `SHAPE_GATHER: ${Op}: axis ${At} of the index is ${PrintDim<IndexDim>} but ${PrintDim<XDim>} in x; off the gather axis ${Axis}, index may be at most x's size, and a type parameter is equal only to itself`;

/**
 * `SHAPE_RANK: embedding: the weight must be a matrix [V, D], got [2, 3, 4]`. Mirrors
 * `writeEmbeddingMessage`.
 */
export type WriteEmbeddingMessage<Op extends string, W extends Shape> =
  `SHAPE_RANK: ${Op}: the weight must be a matrix [V, D], got ${PrintShape<W>}`;

/**
 * The shape of `embedding(weight, ids)` for a weight of shape `W` (`[V, D]`) and ids of shape `I`:
 * `[...I, D]`, or the `SHAPE_RANK` error.
 * @example
 * type Out = EmbeddingShape<[1000, 64], [8, 12]>; //=> [8, 12, 64]
 */
export type EmbeddingShape<W extends Shape, I extends Shape, Op extends string = "embeddingShape"> =
  W extends readonly [unknown, infer D extends Dim]
    ? [...I, D]
    : number extends W["length"]
      ? [...I, number]
      : ShapeError<WriteEmbeddingMessage<Op, W>>;

/**
 * The result shape of `embedding`, for return types: `[...I, D]`, `number[]` after an error. Read by
 * indexing (`W[1]`), not by matching `[V, D]`: that way it resolves around type parameters.
 */
export type EmbeddingResult<W extends Shape, I extends Shape> = number extends W["length"]
  ? [...I, number]
  : W["length"] extends 2
    ? [...I, W[1]]
    : number[];

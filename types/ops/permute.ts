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
import type { ShapeError, ResultShape } from "../errors.js";
import type { InvalidShapeMessage } from "../internal/dims.js";
import type { PrintShape } from "../internal/print.js";
import type { NormalizeAxes, PrintAxes } from "../internal/axes.js";

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

/** `S[Indices[0]], S[Indices[1]], …`. */
type PickDims<S extends Shape, Indices extends readonly number[], Acc extends Dim[] = []> = Indices extends readonly [
  infer Head extends number,
  ...infer Rest extends readonly number[],
]
  ? PickDims<S, Rest, [...Acc, S[Head]]>
  : Acc;

/** `S` reversed. */
type Reverse<S extends Shape, Acc extends Dim[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? Reverse<Rest, [Head, ...Acc]>
  : Acc;

/** One `number` per element of `Items`. */
type Dynamic<Items extends readonly unknown[]> = { -readonly [K in keyof Items]: number };

/** The permutation for valid dims. */
type PermuteChecked<S extends Shape, Axes extends readonly number[], Op extends string> = number extends S["length"]
  ? number extends Axes["length"]
    ? number[]
    : Dynamic<Axes>
  : NormalizeAxes<Op, S, Axes> extends infer Indices
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

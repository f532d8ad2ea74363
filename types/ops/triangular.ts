/**
 * `tril` and `triu` at the type level: the result has the input's shape, which needs at least two
 * axes (a matrix, or a batch of them): `SHAPE_RANK` for a scalar or a vector. Mirrors
 * src/ops/triangular.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintShape } from "../internal/print.js";

/**
 * `SHAPE_RANK: tril: cannot take a triangle of [5]: it needs at least 2 axes (a matrix, or a batch of
 * them)`. Mirrors `writeTriangleRankMessage`.
 */
export type WriteTriangleRankMessage<Op extends string, S extends Shape> =
  `SHAPE_RANK: ${Op}: cannot take a triangle of ${PrintShape<S>}: it needs at least 2 axes (a matrix, or a batch of them)`;

/**
 * The shape of `tril(x)`/`triu(x)` for `x` of shape `S`: `S`, or the `SHAPE_RANK` error for fewer than
 * two axes. A shape of unknown rank (`number[]`, `[...Batch, D]`) passes: the runtime counts its axes.
 * A whole-shape type parameter (`Tensor<S>`) leaves the rank test undecided, which the tensor ops'
 * argument rejects, as for every op that needs axes of it.
 * @example
 * type Out = TriangularShape<[4, 4]>; //=> [4, 4]
 * type Bad = TriangularShape<[4]>; //=> ShapeError<"SHAPE_RANK: triangularShape: cannot take a triangle of [4]: it needs at least 2 axes (a matrix, or a batch of them)">
 */
export type TriangularShape<S extends Shape, Op extends string = "triangularShape"> = number extends S["length"]
  ? S
  : S["length"] extends 0 | 1
    ? ShapeError<WriteTriangleRankMessage<Op, S>>
    : S;

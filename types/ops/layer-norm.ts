/**
 * `layerNorm` at the type level: the normalized shape must be valid and equal the input's trailing
 * dims (`SHAPE_MISMATCH`, types/ops/same-shape.ts); the weight and bias have the normalized shape; the
 * result has the input's shape. Mirrors src/ops/layer-norm.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { InvalidShapeMessage } from "../internal/dims.js";
import type { TrailingDimsCheck } from "./same-shape.js";

/**
 * The shape of `layerNorm(x, Normalized)` for `x` of shape `S`: `S`, once the normalized shape is
 * valid and equal to `S`'s trailing dims; else the `SHAPE_INVALID_SHAPE` / `SHAPE_MISMATCH` error.
 * @example
 * type Out = LayerNormShape<["batch", 16, 768], [768]>; //=> ["batch", 16, 768]
 */
export type LayerNormShape<S extends Shape, Normalized extends Shape, Op extends string = "layerNormShape"> = S extends readonly [...unknown[], ...Normalized]
  ? S // the input's own trailing dims (type parameters included): valid, and equal
  : InvalidShapeMessage<Op, Normalized> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? TrailingDimsCheck<Op, S, Normalized> extends infer Check
        ? Check extends ShapeError<string>
          ? Check
          : S
        : never
      : ShapeError<Invalid>
    : never;

/**
 * `layerNorm` at the type level: the normalized shape must be valid and equal the input's trailing
 * dims (`SHAPE_MISMATCH`, types/ops/same-shape.ts); the weight and bias have the normalized shape; the
 * result has the input's shape. Mirrors src/ops/layer-norm.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { InvalidShapeMessage } from "../internal/dims.js";
import type { TrailingShape } from "./same-shape.js";

/**
 * The check of `layerNorm`'s normalized shape against an input of shape `S`: `unknown`, or the
 * `SHAPE_INVALID_SHAPE` / `SHAPE_MISMATCH` error.
 * @example
 * type Ok = LayerNormCheck<["batch", 16, 768], [768]>; //=> unknown
 */
export type LayerNormCheck<S extends Shape, Normalized extends Shape> =
  InvalidShapeMessage<"layerNorm", Normalized> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? TrailingShape<"layerNorm", S, Normalized>
      : ShapeError<Invalid>
    : never;

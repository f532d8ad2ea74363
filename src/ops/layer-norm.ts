/**
 * `layerNorm`: PyTorch's `F.layer_norm` — each slice over the trailing dims given by the normalized
 * shape is shifted to mean 0 and scaled to variance 1 (the biased variance, plus `eps`), then
 * multiplied by `weight` and shifted by `bias` (both of the normalized shape). A composition of
 * primitives, so its gradient is theirs. Mirrors types/ops/layer-norm.ts.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { LayerNormShape } from "../../types/ops/layer-norm.js";
import type { SameShapeArg, TrailingAxesCheck } from "../../types/ops/same-shape.js";
import { InputError } from "../errors.js";
import { checkTensor } from "../axes.js";
import { describeValue, validateShape } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { checkShapesEqual, checkTrailingDims } from "./same-shape.js";
import { add, div, mul, sub } from "./elementwise.js";
import { reduce } from "./reduce.js";
import { sqrt } from "./unary.js";

/**
 * `layerNorm`'s shape rule: the input's shape, once `normalizedShape` is checked against its trailing dims.
 * @example
 * layerNormShape([8, 16, 768], [768]); //=> [8, 16, 768]
 * layerNormShape([8, 16, 768], [16]); //=> throws SHAPE_MISMATCH
 * @throws ShapeError `SHAPE_MISMATCH`, `SHAPE_INVALID_SHAPE`
 */
export function layerNormShape<const S extends Dim[], const Normalized extends number[]>(
  shape: S,
  normalizedShape: CheckedArg<Normalized, LayerNormShape<S, Normalized>>,
): LayerNormShape<S, Normalized> {
  validateShape("layerNormShape", shape);
  checkTrailingDims("layerNormShape", shape, validateShape("layerNormShape", normalizedShape));
  return [...shape] as never;
}

/**
 * The normalized shape's sizes: a named dim (`layerNorm(x, ["d"])`, checked against the input's own
 * trailing dim at compile time) takes the size of the input's aligned trailing axis, as a named
 * `broadcastTo` target does; without one it stays, and the trailing-dims check reports it.
 */
function alignedSizes(dims: readonly number[], normalized: Shape): readonly number[] {
  return normalized.map((dim, k) => (typeof dim === "string" ? (dims[dims.length - normalized.length + k] ?? dim) : dim)) as number[];
}

/**
 * `x` normalized over its last `normalizedShape.length` axes: `(x − mean) / sqrt(var + eps)`, with the
 * mean and the biased variance (divided by the element count) of each slice, then `· weight + bias`
 * when given. `normalizedShape` must equal `x`'s trailing dims, and `weight` and `bias` must have
 * exactly that shape (`SHAPE_MISMATCH`, at compile time on the argument that is wrong).
 * Gradient (by composition): PyTorch's layer-norm gradient, to `x`, `weight` and `bias`.
 * @example
 * layerNorm(tensor([[1, 3], [2, 6]], { dtype: "float64" }), [2], undefined, undefined, 0).toArray(); //=> [[-1, 1], [-1, 1]]
 * @throws ShapeError `SHAPE_MISMATCH`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_OPTION` (eps), `INPUT_DTYPE_MISMATCH`, `INPUT_OPERAND`
 */
export function layerNorm<S extends Shape, const Normalized extends Dim[], Weight extends Shape = Normalized, Bias extends Shape = Normalized>(
  x: Tensor<S>,
  normalizedShape: NoInfer<TrailingAxesCheck<"layerNorm", S, Normalized>> & CheckedArg<Normalized, LayerNormShape<S, Normalized, "layerNorm">>,
  weight?: SameShapeArg<Tensor<Weight>, "layerNorm", "weight", Weight, "normalized shape", Normalized>,
  bias?: SameShapeArg<Tensor<Bias>, "layerNorm", "bias", Bias, "normalized shape", Normalized>,
  eps = 1e-5,
): Tensor<S> {
  const input = checkTensor("layerNorm", x);
  const normalized = alignedSizes(input.dims, validateShape("layerNorm", normalizedShape));
  checkTrailingDims("layerNorm", input.dims, normalized);
  const scale = weight === undefined ? undefined : checkTensor("layerNorm", weight, "weight");
  if (scale !== undefined) checkShapesEqual("layerNorm", "weight", scale.dims, "normalized shape", normalized);
  const shift = bias === undefined ? undefined : checkTensor("layerNorm", bias, "bias");
  if (shift !== undefined) checkShapesEqual("layerNorm", "bias", shift.dims, "normalized shape", normalized);
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps < 0) {
    throw new InputError("INPUT_OPTION", `layerNorm: eps must be a finite number ≥ 0, got ${describeValue(eps)}`);
  }
  const rank = input.dims.length;
  const axes = normalized.map((_, k) => rank - normalized.length + k);
  const count = normalized.reduce((n, dim) => n * dim, 1);
  const centered = sub(input, div(reduce("sum", input, axes, true), count) as Tensor) as Tensor;
  const biasedVariance = div(reduce("sum", mul(centered, centered) as Tensor, axes, true), count) as Tensor;
  let y = div(centered, sqrt(add(biasedVariance, eps) as Tensor)) as Tensor;
  if (scale !== undefined) y = mul(y, scale) as Tensor;
  if (shift !== undefined) y = add(y, shift) as Tensor;
  return y as never;
}

/**
 * `mseLoss` at the type level: input and target must have the same shape (no broadcasting:
 * `SHAPE_MISMATCH`, types/ops/same-shape.ts); the result is a scalar, or the input's shape with
 * `reduction: "none"`. Mirrors src/ops/mse-loss.ts.
 */
import type { Shape } from "../shape.js";

/** How a loss reduces its elementwise values: their mean (the default), their sum, or not at all. */
export type LossReduction = "mean" | "sum" | "none";

/** The options of a loss. */
export interface LossOptions {
  /** `"mean"` (default), `"sum"` or `"none"` (the elementwise losses, with the input's shape). */
  readonly reduction?: LossReduction;
}

/**
 * The shape of a loss of an input of shape `S`: `[]` for `"mean"`/`"sum"` (and by default), `S` for
 * `"none"`, `number[]` when the reduction is not a literal.
 * @example
 * type Out = LossShape<[8, 3], { reduction: "none" }>; //=> [8, 3]
 */
export type LossShape<S extends Shape, Options> = Options extends { readonly reduction: infer Reduction }
  ? [Reduction] extends ["none"]
    ? S
    : "none" extends Reduction
      ? number[]
      : []
  : [];

/**
 * `mseLoss` at the type level: input and target must have the same shape (no broadcasting:
 * `SHAPE_MISMATCH`, types/ops/same-shape.ts); the result is a scalar, or the input's shape with
 * `reduction: "none"`. Mirrors src/ops/mse-loss.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { InvalidShapesMessage } from "../internal/dims.js";
import type { EqualShapesCheck } from "./same-shape.js";

import type { LossReduction } from "./loss.js";
export type { LossReduction };

/** The options of a loss. */
export interface LossOptions {
  /** `"mean"` (default), `"sum"` or `"none"` (the elementwise losses, with the input's shape). */
  readonly reduction?: LossReduction;
}

/**
 * The shape of a loss of an input of shape `S`, per its options: `[]` for `"mean"`/`"sum"` (and by
 * default), `S` for `"none"`, `number[]` when the reduction is not a literal.
 * @example
 * type Out = LossOutput<[8, 3], { reduction: "none" }>; //=> [8, 3]
 */
export type LossOutput<S extends Shape, Options> = Options extends { readonly reduction: infer Reduction extends LossReduction }
  ? ReducedLoss<S, Reduction>
  : [];

/** The shape of a loss of an input of shape `S` reduced by `Reduction`. */
type ReducedLoss<S extends Shape, Reduction extends LossReduction> = [Reduction] extends ["none"] ? S : "none" extends Reduction ? number[] : [];

/**
 * `mseLoss`'s shape rule: the loss's shape (`[]`, or `Input` for `"none"`) when `Input` and `Target`
 * are the same shape, else the `SHAPE_MISMATCH` error.
 * @example
 * type Out = MseLossShape<[8, 1], [8, 1]>; //=> []
 * type Each = MseLossShape<[8, 1], [8, 1], "none">; //=> [8, 1]
 */
export type MseLossShape<Input extends Shape, Target extends Shape, Reduction extends LossReduction = "mean"> =
  InvalidShapesMessage<"mseLossShape", [Input, Target]> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? EqualShapesCheck<"mseLossShape", "input", Input, "target", Target> extends infer Check
        ? Check extends ShapeError<string>
          ? Check
          : ReducedLoss<Input, Reduction>
        : never
      : ShapeError<Invalid>
    : never;

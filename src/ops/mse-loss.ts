/**
 * `mseLoss`: the mean squared error of an input against a target of the same shape — PyTorch's
 * `F.mse_loss`, but strict: the shapes must be equal (`SHAPE_MISMATCH`), because a broadcast here
 * (`[8]` against `[8, 1]`) silently computes an [8, 8] loss. A composition (`(input − target)²`, then
 * the reduction), so its gradient is the primitives': `2·(input − target)/n` for the mean.
 * Mirrors types/ops/mse-loss.ts.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { SameShapeArg } from "../../types/ops/same-shape.js";
import type { LossOptions, LossOutput, LossReduction, MseLossShape } from "../../types/ops/mse-loss.js";
import { InputError } from "../errors.js";
import { checkTensor } from "../axes.js";
import { describeValue, validateShape } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { checkShapesEqual } from "./same-shape.js";
import { mul, sub } from "./elementwise.js";
import { mean, sum } from "./reduce.js";

/** The reduction named in `options` (default `"mean"`); throws `INPUT_OPTION` for anything else. */
export function lossReduction(op: string, options: LossOptions | undefined): LossReduction {
  const reduction: unknown = options?.reduction ?? "mean";
  if (reduction === "mean" || reduction === "sum" || reduction === "none") return reduction;
  throw new InputError("INPUT_OPTION", `${op}: reduction must be "mean", "sum" or "none", got ${describeValue(reduction)}`);
}

/** Applies a loss reduction to elementwise losses. */
export function reduceLoss(losses: Tensor, reduction: LossReduction): Tensor {
  return reduction === "none" ? losses : reduction === "sum" ? (sum(losses) as Tensor) : (mean(losses) as Tensor);
}

/**
 * `mseLoss`'s shape rule: the shape of the loss (`[]`, or the input's shape for `"none"`) of `input`
 * against `target`, which must be the same shape.
 * @example
 * mseLossShape([8, 1], [8, 1]); //=> []
 * mseLossShape([8, 1], [8], "none"); //=> throws SHAPE_MISMATCH
 * @throws ShapeError `SHAPE_MISMATCH`, `SHAPE_INVALID_SHAPE`
 */
export function mseLossShape<const Input extends Dim[], const Target extends Dim[], const Reduction extends LossReduction = "mean">(
  input: Input,
  target: CheckedArg<Target, MseLossShape<Input, Target, Reduction>>,
  reduction?: Reduction,
): MseLossShape<Input, Target, Reduction> {
  validateShape("mseLossShape", input);
  validateShape("mseLossShape", target);
  const mode = lossReduction("mseLossShape", { reduction: reduction ?? "mean" });
  checkShapesEqual("mseLossShape", "input", input as Shape, "target", target as Shape);
  return (mode === "none" ? [...input] : []) as never;
}

/**
 * The mean squared error `mean((input − target)²)` (or the sum, or the elementwise squares, per
 * `reduction`). `input` and `target` must have the same shape: no broadcasting (`SHAPE_MISMATCH`, at
 * compile time on `target`). Gradient: `2·(input − target)·g` (divided by the element count for the
 * mean), to both sides (negated for the target).
 * @example
 * mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5])).item(); //=> 1.3333333730697632
 * mseLoss(tensor([1, 2]), tensor([0, 0]), { reduction: "none" }).toArray(); //=> [1, 4]
 * @throws ShapeError `SHAPE_MISMATCH`; InputError `INPUT_OPTION`, `INPUT_DTYPE_MISMATCH`, `INPUT_OPERAND`
 */
export function mseLoss<S extends Shape, Target extends Shape = never, const Options extends LossOptions = {}>(
  input: Tensor<S>,
  target: SameShapeArg<Tensor<Target>, "mseLoss", "input", S, "target", Target>,
  options?: Options,
): Tensor<LossOutput<S, Options>> {
  const x = checkTensor("mseLoss", input, "input");
  const y = checkTensor("mseLoss", target, "target");
  const reduction = lossReduction("mseLoss", options);
  checkShapesEqual("mseLoss", "input", x.dims, "target", y.dims);
  const difference = sub(x, y as Tensor) as Tensor;
  return reduceLoss(mul(difference, difference) as Tensor, reduction) as never;
}

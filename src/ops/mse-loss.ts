/**
 * `mseLoss`: the mean squared error of an input against a target of the same shape — PyTorch's
 * `F.mse_loss`, but strict: the shapes must be equal (`SHAPE_MISMATCH`), because a broadcast here
 * (`[8]` against `[8, 1]`) silently computes an [8, 8] loss. A composition (`(input − target)²`, then
 * the reduction), so its gradient is the primitives': `2·(input − target)/n` for the mean.
 * Mirrors types/ops/mse-loss.ts.
 */
import type { Shape } from "../../types/shape.js";
import type { CheckArg } from "../../types/errors.js";
import type { SameShape } from "../../types/ops/same-shape.js";
import type { LossOptions, LossReduction, LossShape } from "../../types/ops/mse-loss.js";
import { InputError } from "../errors.js";
import { checkTensor } from "../axes.js";
import { describeValue } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { checkSameShape } from "./same-shape.js";
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
 * The mean squared error `mean((input − target)²)` (or the sum, or the elementwise squares, per
 * `reduction`). `input` and `target` must have the same shape: no broadcasting (`SHAPE_MISMATCH`, at
 * compile time on `target`). Gradient: `2·(input − target)·g` (divided by the element count for the
 * mean), to both sides (negated for the target).
 * @example
 * mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5])).item(); //=> 1.3333333730697632
 * mseLoss(tensor([1, 2]), tensor([0, 0]), { reduction: "none" }).toArray(); //=> [1, 4]
 * @throws ShapeError `SHAPE_MISMATCH`; InputError `INPUT_OPTION`, `INPUT_DTYPE_MISMATCH`, `INPUT_OPERAND`
 */
export function mseLoss<S extends Shape, Target extends Shape, const Options extends LossOptions = {}>(
  input: Tensor<S>,
  target: Tensor<Target> & CheckArg<SameShape<"mseLoss", "input", S, "target", Target>>,
  options?: Options,
): Tensor<LossShape<S, Options>> {
  const x = checkTensor("mseLoss", input, "input");
  const y = checkTensor("mseLoss", target, "target");
  const reduction = lossReduction("mseLoss", options);
  checkSameShape("mseLoss", "input", x.dims, "target", y.dims);
  const difference = sub(x, y as Tensor) as Tensor;
  return reduceLoss(mul(difference, difference) as Tensor, reduction) as never;
}

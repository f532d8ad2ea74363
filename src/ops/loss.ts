/**
 * Classification losses, PyTorch semantics: `crossEntropy(logits [N, C], labels [N])` is
 * `nllLoss(logSoftmax(logits), labels)` (numerically stable through `logSoftmax`), and
 * `nllLoss(logProbs [N, C], labels [N])` is `−logProbs[n, labels[n]]` per row, then reduced: `"mean"`
 * (default; NaN for N = 0, as PyTorch), `"sum"`, or `"none"` (`[N]`). Labels are int32 class indices
 * in `[0, C)` (no `ignore_index`, no class weights, no label smoothing); anything else is
 * `INPUT_INDEX`/`INPUT_DTYPE`. Compositions of differentiable ops (logSoftmax, gather, mean), so the
 * gradient of the mean cross entropy w.r.t. the logits is `(softmax − onehot) / N`. Mirrors
 * types/ops/loss.ts.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg, IdentityFirst } from "../../types/errors.js";
import type { LabelsCheck, LabelsIdentityCheck, LossReduction, LossResult, LossShape, ScoresCheck } from "../../types/ops/loss.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { checkTensor } from "../axes.js";
import { validateShape } from "../shape.js";
import { compareSizes } from "../symbolic.js";
import { requireFloat } from "../dtype.js";
import { Tensor, contiguousData } from "../tensor.js";
import { neg } from "./unary.js";
import { logSoftmax } from "./softmax.js";
import { gather } from "./indexing.js";
import { mean, sum } from "./reduce.js";

/** Mirrors `WriteLossRankMessage`. */
export function writeLossRankMessage(op: string, scores: Shape): string {
  return `SHAPE_RANK: ${op}: the scores must be [N, C], got ${formatShape(scores)}`;
}

/** Mirrors `WriteLabelsRankMessage`. */
export function writeLabelsRankMessage(op: string, scores: Shape, labels: Shape): string {
  return `SHAPE_RANK: ${op}: the labels must be [N] for scores ${formatShape(scores)}, got ${formatShape(labels)}`;
}

/** Mirrors `WriteLabelsMessage`. */
export function writeLabelsMessage(op: string, scores: Shape, labels: Shape): string {
  return `SHAPE_LABELS: ${op}: labels ${formatShape(labels)} do not match scores ${formatShape(scores)}: N is ${formatDim(labels[0]!)} vs ${formatDim(scores[0]!)}; one label per row`;
}

/** The checks of the shapes, in the type rule's order (N compared by normal form, as `CompareSizes`). */
function checkLossShapes(op: string, scores: Shape, labels: Shape): void {
  if (scores.length !== 2) throw new ShapeError("SHAPE_RANK", op, [scores], writeLossRankMessage(op, scores));
  if (labels.length !== 1) throw new ShapeError("SHAPE_RANK", op, [scores, labels], writeLabelsRankMessage(op, scores, labels));
  if (compareSizes(labels[0]!, scores[0]!) !== "equal") throw new ShapeError("SHAPE_LABELS", op, [scores, labels], writeLabelsMessage(op, scores, labels));
}

function checkReduction(op: string, reduction: unknown): LossReduction {
  if (reduction === undefined) return "mean";
  if (reduction === "mean" || reduction === "sum" || reduction === "none") return reduction;
  throw new InputError("INPUT_OPTION", `${op}: reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction) ?? String(reduction)}`);
}

/**
 * The shape of a loss (`crossEntropy`, `nllLoss`) of scores `[N, C]` and labels `[N]`: `[]`, or `[N]`
 * for `"none"`.
 * @example
 * lossShape([4, 10], [4]); //=> []
 * lossShape([4, 10], [4], "none"); //=> [4]
 * @throws ShapeError `SHAPE_RANK`, `SHAPE_LABELS`, `SHAPE_INVALID_SHAPE`
 */
export function lossShape<const Scores extends Dim[], const Labels extends Dim[], const Reduction extends LossReduction = "mean">(
  scores: CheckedArg<Scores, ScoresCheck<Scores, "lossShape">>,
  labels: CheckedArg<Labels, LabelsCheck<Scores, Labels, "lossShape">>,
  reduction?: Reduction,
): LossShape<Scores, Labels, Reduction> {
  validateShape("lossShape", scores);
  validateShape("lossShape", labels);
  checkLossShapes("lossShape", scores as Shape, labels as Shape);
  return (checkReduction("lossShape", reduction) === "none" ? [scores[0]] : []) as never;
}

/** Options of the losses. */
export interface LossOptions<Reduction extends LossReduction = LossReduction> {
  /** `"mean"` (default), `"sum"`, or `"none"` (one loss per row). */
  readonly reduction?: Reduction;
}

/** `nllLoss` under the name `op`: checks, then `−scores[n, labels[n]]`, reduced. */
function negativeLogLikelihood(op: string, scores: Tensor, labels: Tensor, options: LossOptions | undefined, logSoftmaxFirst: boolean): Tensor {
  checkTensor(op, scores, "the scores");
  checkTensor(op, labels, "labels");
  checkLossShapes(op, scores.dims, labels.dims);
  const reduction = checkReduction(op, options?.reduction);
  requireFloat(op, scores.dtype, "the scores tensor");
  if (labels.dtype !== "int32") {
    throw new InputError("INPUT_DTYPE", `${op}: labels must be int32 class indices, got ${labels.dtype}; convert them first with .astype('int32')`);
  }
  const classes = scores.dims[1]!;
  const values = contiguousData(labels);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= classes) {
      throw new InputError("INPUT_INDEX", `${op}: label ${v} (element ${i} of labels) is out of range for ${classes} classes: valid labels are 0 to ${classes - 1}`);
    }
  }
  const logProbs = logSoftmaxFirst ? (logSoftmax(scores as Tensor<[number, number]>, -1) as Tensor) : scores;
  const column = labels.reshape([labels.dims[0]!, 1] as never) as Tensor;
  const losses = neg(gather(logProbs, 1, column as never) as Tensor).reshape([labels.dims[0]!] as never) as Tensor;
  if (reduction === "none") return losses;
  return (reduction === "sum" ? sum(losses) : mean(losses)) as Tensor;
}

/**
 * The cross entropy of `logits` (`[N, C]`, unnormalised scores) against int32 class `labels` (`[N]`),
 * as PyTorch's `cross_entropy`: `−log softmax(logits)[n, labels[n]]`, reduced by `reduction`
 * (`"mean"` default → `[]`, `"sum"` → `[]`, `"none"` → `[N]`). Stable for large logits. Gradient
 * (mean): `(softmax(logits) − onehot(labels)) / N`.
 * @example
 * crossEntropy(tensor([[0, 0]], { dtype: "float64" }), tensor([1], { dtype: "int32" })).item(); //=> 0.6931471805599453
 * @throws ShapeError `SHAPE_RANK`, `SHAPE_LABELS`; InputError `INPUT_INDEX` (a label outside `[0, C)`), `INPUT_DTYPE`, `INPUT_OPTION`
 */
export function crossEntropy<L extends Shape, Labels extends Shape, const Reduction extends LossReduction = "mean">(
  logits: CheckedArg<Tensor<L>, ScoresCheck<L, "crossEntropy">>,
  labels: IdentityFirst<LabelsIdentityCheck<L, Labels, "crossEntropy">, CheckedArg<Tensor<Labels>, LabelsCheck<L, Labels, "crossEntropy">>>,
  options?: LossOptions<Reduction>,
): Tensor<LossResult<L, Reduction>> {
  return negativeLogLikelihood("crossEntropy", logits as Tensor<L>, labels as unknown as Tensor, options, true) as never;
}

/**
 * The negative log likelihood of log-probabilities `logProbs` (`[N, C]`, e.g. from `logSoftmax`)
 * against int32 class `labels` (`[N]`), as PyTorch's `nll_loss`: `−logProbs[n, labels[n]]`, reduced
 * by `reduction` (`"mean"` default, `"sum"`, `"none"` → `[N]`). Gradient: `−1/N` (mean) at each
 * row's label, 0 elsewhere.
 * @example
 * nllLoss(tensor([[-1, -2], [-3, -4]]), tensor([1, 0], { dtype: "int32" }), { reduction: "none" }).toArray(); //=> [2, 3]
 * @throws ShapeError `SHAPE_RANK`, `SHAPE_LABELS`; InputError `INPUT_INDEX`, `INPUT_DTYPE`, `INPUT_OPTION`
 */
export function nllLoss<L extends Shape, Labels extends Shape, const Reduction extends LossReduction = "mean">(
  logProbs: CheckedArg<Tensor<L>, ScoresCheck<L, "nllLoss">>,
  labels: IdentityFirst<LabelsIdentityCheck<L, Labels, "nllLoss">, CheckedArg<Tensor<Labels>, LabelsCheck<L, Labels, "nllLoss">>>,
  options?: LossOptions<Reduction>,
): Tensor<LossResult<L, Reduction>> {
  return negativeLogLikelihood("nllLoss", logProbs as Tensor<L>, labels as unknown as Tensor, options, false) as never;
}

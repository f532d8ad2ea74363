/**
 * The classification losses at the type level: `crossEntropy(logits, labels)` and
 * `nllLoss(logProbs, labels)` take scores `[N, C]` and one label per row, `[N]`, and give `[]` (the
 * `"mean"` or `"sum"` reduction) or `[N]` (`"none"`). Scores of another rank are `SHAPE_RANK` (on the
 * scores), labels of another rank `SHAPE_RANK` and labels whose N is not the scores' N `SHAPE_LABELS`
 * (on the labels; two different names, or a name and a number, may differ, so they are an error too).
 * `number` dims and shapes of unknown rank are left to the runtime. Mirrors src/ops/loss.ts.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { CompareDims } from "../internal/symbolic.js";
import type { NoTypeParameters, SameDimCheck } from "../internal/dims.js";

/** How a loss reduces the per-row losses: their mean (default), their sum, or none (`[N]`). */
export type LossReduction = "mean" | "sum" | "none";

/** `SHAPE_RANK: crossEntropy: the scores must be [N, C], got [2, 3, 4]`. Mirrors `writeLossRankMessage`. */
export type WriteLossRankMessage<Op extends string, Scores extends Shape> =
  `SHAPE_RANK: ${Op}: the scores must be [N, C], got ${PrintShape<Scores>}`;

/**
 * `SHAPE_RANK: crossEntropy: the labels must be [N] for scores [4, 10], got [4, 1]`. Mirrors
 * `writeLabelsRankMessage`.
 */
export type WriteLabelsRankMessage<Op extends string, Scores extends Shape, Labels extends Shape> =
  `SHAPE_RANK: ${Op}: the labels must be [N] for scores ${PrintShape<Scores>}, got ${PrintShape<Labels>}`;

/**
 * `SHAPE_LABELS: crossEntropy: labels [5] do not match scores [4, 10]: N is 5 vs 4; one label per row`.
 * Mirrors `writeLabelsMessage`.
 */
export type WriteLabelsMessage<Op extends string, Scores extends Shape, Labels extends Shape> =
  `SHAPE_LABELS: ${Op}: labels ${PrintShape<Labels>} do not match scores ${PrintShape<Scores>}: N is ${PrintDim<Labels[0]>} vs ${PrintDim<Scores[0]>}; one label per row`;

/** The check on the scores: `unknown`, or the `SHAPE_RANK` error. */
export type ScoresCheck<Scores extends Shape, Op extends string> = number extends Scores["length"]
  ? unknown
  : Scores extends readonly [unknown, unknown]
    ? unknown
    : ShapeError<WriteLossRankMessage<Op, Scores>>;

/** The check on the labels (once the scores are `[N, C]`): `unknown`, or the error. */
export type LabelsCheck<Scores extends Shape, Labels extends Shape, Op extends string> =
  Scores extends readonly [infer N extends Dim, unknown]
    ? number extends Labels["length"]
      ? unknown
      : Labels extends readonly [infer M extends Dim]
        ? CompareDims<M, N> extends "equal" | "dynamic"
          ? unknown
          : ShapeError<WriteLabelsMessage<Op, Scores, Labels>>
        : ShapeError<WriteLabelsRankMessage<Op, Scores, Labels>>
    : unknown;

/** The result shape for a reduction: `[N]` for `"none"`, `[]` for `"mean"`/`"sum"`, else `number[]`. */
export type LossResult<Scores extends Shape, Reduction extends LossReduction> = [Reduction] extends ["none"]
  ? Scores extends readonly [infer N extends Dim, unknown]
    ? [N]
    : number[]
  : [Reduction] extends ["mean" | "sum"]
    ? []
    : number[];

/**
 * The shape of a loss of scores `Scores` and labels `Labels` with `Reduction`, or its error.
 * @example
 * type Out = LossShape<[4, 10], [4], "none">; //=> [4]
 * type Mean = LossShape<[4, 10], [4]>; //=> []
 */
export type LossShape<Scores extends Shape, Labels extends Shape, Reduction extends LossReduction = "mean", Op extends string = "lossShape"> =
  ScoresCheck<Scores, Op> extends infer First
    ? [First] extends [ShapeError<string>]
      ? First
      : LabelsCheck<Scores, Labels, Op> extends infer Second
        ? [Second] extends [ShapeError<string>]
          ? Second
          : LossResult<Scores, Reduction>
        : never
    : never;

/**
 * The labels' N against the scores' N around type parameters, by `SameDimCheck`: `unknown` for the same
 * dim, known or named dims (`LabelsCheck` compares those); where a type parameter meets another dim,
 * its message, `WriteLabelsNamesMessage`. Labels of another rank are `LabelsCheck`'s.
 */
export type LabelsIdentityCheck<Scores extends Shape, Labels extends Shape, Op extends string> = unknown &
  ([[Scores, Labels]] extends [NoTypeParameters]
    ? unknown
    : [Scores["length"], Labels["length"]] extends [2, 1]
      ? SameDimCheck<WriteLabelsNamesMessage<Op, Labels[0], Scores[0]>, Labels[0], Scores[0]>
      : unknown);

/**
 * `SHAPE_LABELS: crossEntropy: labels' N is ${T} but the scores' is ${B}; one label per row, and a type
 * parameter is equal only to itself`. Compile time only: at run time every dim is a number.
 */
export type WriteLabelsNamesMessage<Op extends string, LabelsN extends Dim, ScoresN extends Dim> =
  `SHAPE_LABELS: ${Op}: the labels' N is ${PrintDim<LabelsN>} but the scores' is ${PrintDim<ScoresN>}; one label per row, and a type parameter is equal only to itself`;

// crossEntropy and nllLoss: values against the formulas written out here (−x[label] + log Σ exp x,
// computed in plain doubles; hand-computed cases), reductions, stability for huge logits, PyTorch's
// empty-batch NaN, and the errors.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, crossEntropy, nllLoss, randn, tensor, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

/** Per-row cross entropy by the textbook formula, in doubles, with the max shift done here. */
function rowLosses(logits: number[][], labels: number[]): number[] {
  return logits.map((row, n) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    return lse - row[labels[n]!]!;
  });
}

describe("crossEntropy and nllLoss", () => {
  const logits = randn([6, 4], { seed: 11, dtype: "float64" }) as Tensor;
  const rows = logits.toArray() as number[][];
  const labelValues = [0, 3, 3, 1, 2, 0];
  const labels = tensor(labelValues, { dtype: "int32" });

  it("match the formula for each reduction", () => {
    const expected = rowLosses(rows, labelValues);
    const none = crossEntropy(logits as Tensor<[6, 4]>, labels, { reduction: "none" });
    expect(none.dims).toEqual([6]);
    none.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(crossEntropy(logits as Tensor<[6, 4]>, labels).item()).toBeCloseTo(expected.reduce((a, b) => a + b) / 6, 12);
    expect(crossEntropy(logits as Tensor<[6, 4]>, labels, { reduction: "sum" }).item()).toBeCloseTo(expected.reduce((a, b) => a + b), 12);
  });

  it("hand-computed values: uniform logits give log C; nllLoss picks −logProbs[n, label]", () => {
    expect(crossEntropy(zeros([3, 5], { dtype: "float64" }), tensor([0, 4, 2], { dtype: "int32" })).item()).toBeCloseTo(Math.log(5), 14);
    const lp = tensor([[-0.5, -1.5], [-2, -0.25]], { dtype: "float64" });
    expect(nllLoss(lp, tensor([1, 1], { dtype: "int32" }), { reduction: "none" }).toArray()).toEqual([1.5, 0.25]);
    expect(nllLoss(lp, tensor([0, 1], { dtype: "int32" })).item()).toBe(0.375);
  });

  it("stable for huge logits (through logSoftmax)", () => {
    const big = tensor([[1000, 0], [-1000, 1000]], { dtype: "float64" });
    expect(crossEntropy(big, tensor([0, 0], { dtype: "int32" }), { reduction: "none" }).toFlatArray().map((v) => v + 0)).toEqual([0, 2000]);
  });

  it("an empty batch: mean is NaN, sum 0 (PyTorch)", () => {
    const none = zeros([0, 3]);
    const noLabels = zeros([0], { dtype: "int32" });
    expect(Number.isNaN(crossEntropy(none, noLabels).item())).toBe(true);
    expect(crossEntropy(none, noLabels, { reduction: "sum" }).item()).toBe(0);
  });

  it("errors: labels out of range, wrong dtypes, bad reduction, shapes", () => {
    const l = zeros([2, 3]);
    expect(thrown(() => crossEntropy(l, tensor([0, 3], { dtype: "int32" }))).message).toBe(
      "INPUT_INDEX: crossEntropy: label 3 (element 1 of labels) is out of range for 3 classes: valid labels are 0 to 2",
    );
    expect(thrown(() => crossEntropy(l, tensor([0, 1]))).message).toBe("INPUT_DTYPE: crossEntropy: labels must be int32 class indices, got float32; convert them first with .astype('int32')");
    expect(thrown(() => crossEntropy(zeros([2, 3], { dtype: "int32" }), tensor([0, 1], { dtype: "int32" }))).message).toBe(
      "INPUT_DTYPE: crossEntropy: the scores tensor is int32, but crossEntropy needs float32 or float64; convert it first with .astype('float32')",
    );
    expect(thrown(() => crossEntropy(l, tensor([0, 1], { dtype: "int32" }), { reduction: "avg" as "mean" })).message).toBe(
      'INPUT_OPTION: crossEntropy: reduction must be "mean", "sum" or "none", got "avg"',
    );
    const shape = thrown(() => crossEntropy(l as Tensor, tensor([0, 1, 2], { dtype: "int32" }) as never));
    expect(shape).toBeInstanceOf(ShapeError);
    expect(shape.message).toBe("SHAPE_LABELS: crossEntropy: labels [3] do not match scores [2, 3]: N is 3 vs 2; one label per row");
    expect(thrown(() => nllLoss(zeros([2, 3, 4]) as Tensor, zeros([2], { dtype: "int32" }) as never))).toBeInstanceOf(ShapeError);
    expect(thrown(() => crossEntropy(l, null as never))).toBeInstanceOf(InputError);
  });
});

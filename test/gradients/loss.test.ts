// Finite-difference checks (float64) of crossEntropy and nllLoss for every reduction, and the
// gradient of the mean cross entropy against the closed form (softmax − onehot) / N computed here.
import { describe, expect, it } from "vitest";
import { Tensor, crossEntropy, nllLoss, tensor } from "../../src/index.js";
import { expectGradientsMatch, uniform } from "./check.js";

const labels = tensor([2, 0, 2, 1, 3], { dtype: "int32" });

describe("gradients of the losses", () => {
  for (const reduction of ["mean", "sum", "none"] as const) {
    it(`crossEntropy, reduction ${reduction}`, () => {
      expectGradientsMatch((x) => crossEntropy(x as Tensor<[5, 4]>, labels, { reduction }) as Tensor, [uniform([5, 4], 31, -3, 3)]);
    });
    it(`nllLoss of a logSoftmax, reduction ${reduction}`, () => {
      expectGradientsMatch((x) => nllLoss((x as Tensor<[5, 4]>).logSoftmax(), labels, { reduction }) as Tensor, [uniform([5, 4], 32, -3, 3)]);
    });
  }

  it("mean cross entropy: d/dlogits = (softmax − onehot) / N", () => {
    const x = uniform([5, 4], 33, -3, 3) as Tensor<[5, 4]>;
    crossEntropy(x, labels).backward();
    const rows = x.toArray() as number[][];
    const expected = rows.map((row, n) => {
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v, c) => (v / z - (c === [2, 0, 2, 1, 3][n] ? 1 : 0)) / 5);
    });
    const got = x.grad!.toArray() as number[][];
    got.forEach((row, n) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[n]![c]!, 14)));
  });
});

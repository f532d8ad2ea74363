// Gradients of the ops real models need (issue 11) against central finite differences (float64,
// test/gradients/check.ts): swapaxes / transpose(dim0, dim1) / mT (the inverse swap), mseLoss,
// layerNorm, variance/std, clamp (0 where clamped), dropout (the same mask, by seed) and tril/triu
// (the same triangle of the upstream gradient).
import { describe, expect, it } from "vitest";
import { Tensor, clamp, dropout, layerNorm, mseLoss, std, swapaxes, tensor, tril, triu, variance } from "../../src/index.js";
import { awayFromZero, expectGradientsMatch, uniform } from "./check.js";

describe("swapaxes, transpose(dim0, dim1), mT: the inverse swap", () => {
  it("swapaxes, transpose(dim0, dim1), mT, followed by an op that reads them strided", () => {
    expectGradientsMatch((t) => swapaxes(t!, 0, 2) as Tensor, [uniform([2, 3, 4], 1)]);
    expectGradientsMatch((t, w) => t!.transpose(-1, 0).mul(w as never).exp() as Tensor, [uniform([2, 3, 4], 2), uniform([4, 3, 2], 3)]);
    expectGradientsMatch((t, w) => (t as Tensor<[2, 3, 4]>).mT.matmul(w as Tensor<[3, 2]>) as Tensor, [uniform([2, 3, 4], 4), uniform([3, 2], 5)]);
  });
});

describe("losses and normalization", () => {
  it("mseLoss: to input and target, for every reduction", () => {
    for (const reduction of ["mean", "sum", "none"] as const) {
      expectGradientsMatch((a, b) => mseLoss(a!, b!, { reduction }) as Tensor, [uniform([3, 4], 3), uniform([3, 4], 4)]);
    }
  });

  it("layerNorm: to x, weight and bias; over two axes without them", () => {
    expectGradientsMatch((a, w, b) => layerNorm(a!, [4], w!, b!) as Tensor, [uniform([2, 3, 4], 8), uniform([4], 9), uniform([4], 10)]);
    expectGradientsMatch((a) => layerNorm(a!, [3, 4], undefined, undefined, 1e-3) as Tensor, [uniform([2, 3, 4], 11)]);
  });

  it("variance and std, with and without keepdims and correction", () => {
    expectGradientsMatch((a) => variance(a!, 0) as Tensor, [uniform([3, 4], 13)]);
    expectGradientsMatch((a) => std(a!, [0, 1], { correction: 0, keepdims: true }) as Tensor, [uniform([3, 4], 14)]);
  });

  it("clamp: 1 where min ≤ x ≤ max (bounds included, as PyTorch), 0 where clamped", () => {
    const x = tensor([-2, -1, 0, 1, 2], { dtype: "float64", requiresGrad: true });
    clamp(x, -1, 1).sum().backward();
    expect(x.grad?.toArray()).toEqual([0, 1, 1, 1, 0]);
    expectGradientsMatch((a) => clamp(a!, -0.5, 0.5) as Tensor, [awayFromZero([3, 4], 15, 0.1, 1.5)]);
  });

  it("dropout: the same mask (a fixed seed)", () => {
    expectGradientsMatch((a) => dropout(a!, 0.4, { seed: 3 }) as Tensor, [uniform([4, 5], 16)]);
  });
});

describe("tril and triu: the same triangle of the upstream gradient", () => {
  it("a batch of wide matrices, diagonals on both sides, then an op that mixes the elements", () => {
    expectGradientsMatch((a) => tril(a!) as Tensor, [uniform([2, 3, 4], 21)]);
    expectGradientsMatch((a) => triu(a!, -1) as Tensor, [uniform([4, 3], 22)]);
    expectGradientsMatch((a, w) => (a as Tensor<[3, 4]>).tril(1).matmul(w as Tensor<[4, 2]>).exp() as Tensor, [uniform([3, 4], 23), uniform([4, 2], 24)]);
    expectGradientsMatch((a) => (a as Tensor<[4, 3]>).transpose().triu(2) as Tensor, [uniform([4, 3], 25)]);
  });
});

// matmul's gradient against central finite differences (float64): every shape pattern — matrices,
// 1-D promotion on either side, batch dims broadcast on either side (the shared unbroadcast rule
// sums them), strided operands, the same tensor on both sides, size-0 dims.
import { describe, expect, it } from "vitest";
import { Tensor, fromArray, matmul } from "../../src/index.js";
import { gradientErrors, uniform } from "./check.js";

const TOLERANCE = 1e-6;
let seed = 31_337;

/** The worst relative gradient error (test/gradients/check.ts) over fresh float64 leaves of `shapes`, entries in [−2, 2). */
const gradientError = (f: (...inputs: Tensor[]) => Tensor, shapes: number[][]): number =>
  Math.max(0, ...gradientErrors(f, shapes.map((shape) => uniform(shape, seed++, -2, 2))));

describe("matmul: gradients match central differences (relative error ≤ 1e-6)", () => {
  it.each([
    ["[3, 4] @ [4, 5]", [[3, 4], [4, 5]]],
    ["[1, 1] @ [1, 1]", [[1, 1], [1, 1]]],
    ["batch: [2, 3, 4] @ [2, 4, 5]", [[2, 3, 4], [2, 4, 5]]],
    ["left batch broadcast: [2, 1, 3, 4] @ [3, 4, 2]", [[2, 1, 3, 4], [3, 4, 2]]],
    ["right batch broadcast: [3, 4] @ [2, 4, 5]", [[3, 4], [2, 4, 5]]],
    ["both broadcast: [2, 1, 3, 2] @ [1, 4, 2, 3]", [[2, 1, 3, 2], [1, 4, 2, 3]]],
    ["vector @ matrix: [4] @ [4, 3]", [[4], [4, 3]]],
    ["vector @ batched: [4] @ [2, 4, 3]", [[4], [2, 4, 3]]],
    ["matrix @ vector: [3, 4] @ [4]", [[3, 4], [4]]],
    ["batched @ vector: [2, 3, 4] @ [4]", [[2, 3, 4], [4]]],
    ["vector @ vector: [5] @ [5]", [[5], [5]]],
    ["size-0 inner dim: [2, 0] @ [0, 3]", [[2, 0], [0, 3]]],
  ] as const)("%s", (_name, shapes) => {
    expect(gradientError((a, b) => matmul(a!, b! as never) as Tensor, shapes.map((s) => [...s]))).toBeLessThanOrEqual(TOLERANCE);
  });

  it("a transposed (strided) operand: xᵀ @ w", () => {
    expect(gradientError((x, w) => x!.transpose().matmul(w! as never) as Tensor, [[4, 3], [4, 2]])).toBeLessThanOrEqual(TOLERANCE);
  });

  it("the same tensor on both sides: x @ x and xᵀ @ x", () => {
    expect(gradientError((x) => x!.matmul(x! as never) as Tensor, [[3, 3]])).toBeLessThanOrEqual(TOLERANCE);
    expect(gradientError((x) => x!.transpose().matmul(x! as never) as Tensor, [[4, 3]])).toBeLessThanOrEqual(TOLERANCE);
  });

  it("a layer: x @ W + b over a mini-batch, then through a second matmul", () => {
    expect(
      gradientError((x, w, b, v) => (x!.matmul(w! as never) as Tensor).add(b! as never).tanh().matmul(v! as never) as Tensor, [[8, 3], [3, 4], [4], [4, 2]]),
    ).toBeLessThanOrEqual(TOLERANCE);
  });

  it("gradients of broadcast operands are summed over the batch (hand-checked)", () => {
    // d/dB Σ (A @ B) with A [2, 1, 2] of ones: each B[p, j] meets every row of both A batches.
    const a = fromArray([1, 1, 1, 1], [2, 1, 2], { dtype: "float64", requiresGrad: true });
    const b = fromArray([1, 2, 3, 4], [2, 2], { dtype: "float64", requiresGrad: true });
    (a.matmul(b).sum() as Tensor<[]>).backward();
    expect(b.grad?.toArray()).toEqual([
      [2, 2],
      [2, 2],
    ]);
    // dA[β, 0, p] = Σ_j B[p, j]: rows of B summed, the same in both batches.
    expect(a.grad?.toArray()).toEqual([[[3, 7]], [[3, 7]]]);
  });
});

// Gradients of the movement ops against central finite differences (float64): permute/transpose
// (the inverse permutation), squeeze/unsqueeze (reshapes), slice (scatter into zeros) with positive
// and negative steps, clamped and empty slices, and chains of views over views.
import { describe, expect, it } from "vitest";
import { Tensor, fromArray, noGrad, permute, slice, squeeze, transpose, unsqueeze } from "../../src/index.js";
import { seeded } from "../harness/random.js";

const random = seeded(31_337);
const STEP = 1e-6;
const TOLERANCE = 1e-6;

/** A float64 leaf of `shape` with values in [−2, 2] that requires grad. */
const leaf = (shape: number[]) =>
  fromArray(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.next() * 4 - 2),
    shape,
    { dtype: "float64", requiresGrad: true },
  ) as Tensor;

/**
 * Checks the gradients `backward()` gives every input of `f` against central differences of the
 * loss `Σ f(inputs) · weights` (fixed random weights make every output element count differently).
 * Returns the worst relative error over the inputs: ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖).
 */
function gradientError(f: (...inputs: Tensor[]) => Tensor, shapes: number[][]): number {
  const inputs = shapes.map(leaf);
  const probe = noGrad(() => f(...inputs));
  const weights = fromArray(Array.from({ length: probe.size }, () => random.next() * 2 - 1), probe.dims as number[], { dtype: "float64" });
  const loss = () => (f(...inputs).mul(weights as never) as Tensor).sum() as Tensor<[]>;
  loss().backward();
  let worst = 0;
  for (const input of inputs) {
    const analytic = input.grad === null ? new Array(input.size).fill(0) : input.grad.toFlatArray();
    expect(input.grad?.dims ?? input.dims).toEqual(input.dims);
    const numeric: number[] = [];
    for (let e = 0; e < input.size; e++) {
      const saved = input.data[e]!;
      input.data[e] = saved + STEP;
      const plus = noGrad(() => loss().item());
      input.data[e] = saved - STEP;
      const minus = noGrad(() => loss().item());
      input.data[e] = saved;
      numeric.push((plus - minus) / (2 * STEP));
    }
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const difference = norm(analytic.map((a, e) => a - numeric[e]!));
    const scale = Math.max(norm(analytic), norm(numeric));
    worst = Math.max(worst, scale === 0 ? difference : difference / scale);
  }
  return worst;
}

const ok = (f: (...inputs: Tensor[]) => Tensor, shapes: number[][]) => expect(gradientError(f, shapes)).toBeLessThanOrEqual(TOLERANCE);

describe("permute and transpose: gradients match central differences", () => {
  it("permute [2, 3, 4] by [2, 0, 1] and by negative axes", () => {
    ok((x) => permute(x!, [2, 0, 1] as never) as Tensor, [[2, 3, 4]]);
    ok((x) => x!.permute([-1, -3, -2] as never) as Tensor, [[2, 3, 4]]);
  });

  it("transpose (all axes reversed), then an op that reads it strided", () => {
    ok((x) => transpose(x!) as Tensor, [[3, 4]]);
    ok((x, w) => x!.transpose().mul(w! as never).exp() as Tensor, [[2, 3, 4], [4, 3, 2]]);
  });

  it("the inverse permutation comes back exactly (hand-checked)", () => {
    const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3], { dtype: "float64", requiresGrad: true });
    const w = fromArray([10, 20, 30, 40, 50, 60], [3, 2], { dtype: "float64" });
    (x.transpose().mul(w).sum() as Tensor<[]>).backward();
    expect(x.grad?.toArray()).toEqual([
      [10, 30, 50],
      [20, 40, 60],
    ]);
  });
});

describe("squeeze and unsqueeze: gradients match central differences", () => {
  it("squeeze all, squeeze one axis, unsqueeze at each end", () => {
    ok((x) => squeeze(x!) as Tensor, [[1, 3, 1, 2]]);
    ok((x) => x!.squeeze(-2) as Tensor, [[3, 1, 2]]);
    ok((x) => unsqueeze(x!, 0) as Tensor, [[3, 2]]);
    ok((x) => x!.unsqueeze(-1) as Tensor, [[3, 2]]);
  });

  it("unsqueeze then broadcast: the gradient sums over the stretched axis", () => {
    ok((x, y) => x!.unsqueeze(1).mul(y! as never) as Tensor, [[3, 2], [3, 4, 2]]);
  });
});

describe("slice: gradients match central differences (scatter into zeros)", () => {
  it.each([
    ["[1:]", 0, 1, undefined, undefined],
    ["[1:-1:2]", 1, 1, -1, 2],
    ["[::-1]", 0, undefined, undefined, -1],
    ["[-1:0:-2]", 1, -1, 0, -2],
    ["clamped [-100:100]", 0, -100, 100, undefined],
    ["empty [3:1]", 1, 3, 1, undefined],
  ] as const)("%s", (_name, axis, start, end, step) => {
    ok((x) => slice(x!, axis as never, start as never, end as never, step as never) as Tensor, [[4, 5]]);
  });

  it("chains of views: a slice of a transposed slice, then squeeze", () => {
    ok((x) => x!.slice(0, 1, 3).transpose().slice(1, -1, undefined, -1).slice(0, 2, 3).squeeze(0) as Tensor, [[4, 5]]);
  });

  it("overlapping uses of one tensor add up", () => {
    ok((x) => x!.slice(0, 0, 2).add(x!.slice(0, 1, 3) as never).mul(x!.slice(0, 2) as never) as Tensor, [[4, 3]]);
  });

  it("the gradient is zero outside the slice and the upstream gradient inside (hand-checked)", () => {
    const x = fromArray([1, 2, 3, 4, 5], [5], { dtype: "float64", requiresGrad: true });
    (x.slice(0, 3, 0, -2).mul(fromArray([10, 100], [2], { dtype: "float64" })).sum() as Tensor<[]>).backward();
    expect(x.grad?.toArray()).toEqual([0, 100, 0, 10, 0]);
  });
});

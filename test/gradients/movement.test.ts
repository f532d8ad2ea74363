// Gradients of the movement ops against central finite differences (float64): permute/transpose
// (the inverse permutation), squeeze/unsqueeze (reshapes), slice (scatter into zeros) with positive
// and negative steps, clamped and empty slices, narrow (slice's view, from a start that may count
// from the end), and chains of views over views.
import { describe, expect, it } from "vitest";
import { Tensor, chunk, fromArray, narrow, permute, slice, split, squeeze, transpose, unbind, unsqueeze } from "../../src/index.js";
import { gradientErrors, uniform } from "./check.js";

const TOLERANCE = 1e-6;
let seed = 31_337;

/** The worst relative gradient error (test/gradients/check.ts) over fresh float64 leaves of `shapes`, entries in [−2, 2). */
const gradientError = (f: (...inputs: Tensor[]) => Tensor, shapes: number[][]): number =>
  Math.max(0, ...gradientErrors(f, shapes.map((shape) => uniform(shape, seed++, -2, 2))));

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

describe("narrow: gradients match central differences (scatter into zeros)", () => {
  it("each axis, a start from the end, an empty window, and a narrow of a transposed narrow", () => {
    ok((x) => narrow(x!, 0 as never, 1 as never, 2 as never) as Tensor, [[4, 5]]);
    ok((x) => x!.narrow(-1, -3, 3) as Tensor, [[4, 5]]);
    ok((x) => x!.narrow(1, 2, 0).sum().add(x!.narrow(0, 0, 1).sum()) as Tensor, [[3, 4]]);
    ok((x) => x!.narrow(1, 1, 3).transpose().narrow(0, 1, 2).mul(x!.narrow(0, 0, 2).narrow(1, 2, 3) as never) as Tensor, [[3, 5]]);
  });

  it("the gradient is the upstream gradient inside the window and zero outside (hand-checked)", () => {
    const x = fromArray([1, 2, 3, 4, 5], [5], { dtype: "float64", requiresGrad: true });
    (x.narrow(0, -3, 2).mul(fromArray([10, 100], [2], { dtype: "float64" })).sum() as Tensor<[]>).backward();
    expect(x.grad?.toArray()).toEqual([0, 0, 10, 100, 0]);
  });
});

describe("chunk and split: gradients match central differences (each piece scattered back, summed)", () => {
  it("pieces combined elementwise (an LSTM's gates), pieces of a transposed tensor, unequal sizes", () => {
    ok((z) => {
      const [i, f, g, o] = chunk(z!, 4 as never, -1 as never) as unknown as Tensor[];
      return i!.sigmoid().mul(g!.tanh() as never).add(f!.sigmoid().mul(o! as never) as never) as Tensor;
    }, [[3, 8]]);
    ok((x) => {
      const [a, b] = x!.transpose().chunk(2, 0) as unknown as Tensor[];
      return a!.mul(b!.exp() as never) as Tensor;
    }, [[3, 4]]);
    ok((x) => {
      const [a, b, c] = split(x!, [1, 0, 3] as never, 1 as never) as unknown as Tensor[];
      return a!.sum().add(b!.sum()).add(c!.mul(c!).sum()) as Tensor;
    }, [[2, 4]]);
  });

  it("a piece left unused gets zeros; the pieces' gradients together are the whole's (hand-checked)", () => {
    const x = fromArray([1, 2, 3, 4, 5, 6], [6], { dtype: "float64", requiresGrad: true });
    const [, middle, last] = x.split([1, 2, 3]);
    (middle.mul(10).sum().add(last.mul(fromArray([1, 2, 3], [3], { dtype: "float64" })).sum()) as Tensor<[]>).backward();
    expect(x.grad?.toArray()).toEqual([0, 10, 10, 1, 2, 3]);
  });
});

describe("unbind: gradients match central differences (each slice scattered back)", () => {
  it("slices combined (a recurrent state's h and c), along the last axis, of a transposed tensor", () => {
    ok((s) => {
      const [h, c] = unbind(s! as never, 0 as never) as unknown as Tensor[];
      return h!.tanh().mul(c! as never) as Tensor;
    }, [[2, 3, 4]]);
    ok((x) => {
      const [a, b, c] = x!.unbind(-1) as unknown as Tensor[];
      return a!.mul(b! as never).add(c!.exp() as never) as Tensor;
    }, [[4, 3]]);
    ok((x) => {
      const rows = x!.transpose().unbind(0) as unknown as Tensor[];
      return rows[1]!.mul(rows[2]! as never) as Tensor;
    }, [[3, 4]]);
  });
});

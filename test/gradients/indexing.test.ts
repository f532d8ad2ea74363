// Finite-difference checks (float64) of indexSelect, gather and embedding — with repeated indices,
// where the scatter-add must sum — plus the scatter-add written out by hand on a small case.
import { describe, expect, it } from "vitest";
import { Tensor, embedding, gather, indexSelect, tensor } from "../../src/index.js";
import { expectGradientsMatch, uniform } from "./check.js";

const ints = (values: number[][] | number[]) => tensor(values as never, { dtype: "int32" }) as Tensor;

describe("gradients of indexing", () => {
  it("indexSelect on each axis, with repeats", () => {
    expectGradientsMatch((x) => indexSelect(x!, 0, ints([2, 0, 2, 2]) as never) as Tensor, [uniform([3, 4], 1)]);
    expectGradientsMatch((x) => indexSelect(x!, 1, ints([[3, 1], [1, 1]]) as never) as Tensor, [uniform([2, 4, 3], 2)]);
    expectGradientsMatch((x) => indexSelect(x!, -1, ints([0]) as never) as Tensor, [uniform([2, 3], 3)]);
  });

  it("gather on each axis, with repeats", () => {
    expectGradientsMatch((x) => gather(x!, 1, ints([[2, 2, 0], [1, 1, 1]]) as never) as Tensor, [uniform([2, 3], 4)]);
    expectGradientsMatch((x) => gather(x!, 0, ints([[1, 0, 1]]) as never) as Tensor, [uniform([2, 3], 5)]);
  });

  it("embedding, composed with more ops", () => {
    expectGradientsMatch((w) => embedding(w!, ints([[4, 0], [4, 4]]) as never).tanh() as Tensor, [uniform([5, 3], 6)]);
  });

  it("the scatter-add by hand: a row picked k times gets k times the upstream gradient", () => {
    const w = tensor([[1, 2], [3, 4], [5, 6]], { dtype: "float64", requiresGrad: true });
    embedding(w, ints([2, 0, 2, 2])).sum().backward();
    expect(w.grad?.toArray()).toEqual([[1, 1], [0, 0], [3, 3]]);
    const x = tensor([[1, 2, 3]], { dtype: "float64", requiresGrad: true });
    gather(x, 1, ints([[2, 2, 0]])).mul(tensor([[10, 20, 30]], { dtype: "float64" })).sum().backward();
    expect(x.grad?.toArray()).toEqual([[30, 0, 30]]);
  });
});

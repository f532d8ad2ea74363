// Finite-difference checks (float64, central differences, relative error ≤ 1e-6) of reshape,
// flatten (whole, and from start to end) and unflatten: views of contiguous tensors, copies of
// strided ones, chains of reshapes around other ops.
import { describe, it } from "vitest";
import { Tensor, flatten, reshape, unflatten } from "../../src/index.js";
import { expectGradientsMatch, uniform } from "./check.js";

const r = (x: Tensor, shape: (number | string)[]) => reshape(x as Tensor<number[]>, shape as never) as Tensor;

describe("gradients of reshape", () => {
  it("a view: the upstream gradient reshaped back", () => {
    expectGradientsMatch((x) => r(x, [3, 4]), [uniform([2, 6], 1)]);
    expectGradientsMatch((x) => r(x, [2, -1, 2]), [uniform([12], 2)]);
    expectGradientsMatch((x) => r(x, []), [uniform([1, 1], 3)]);
  });

  it("a copy (a transposed input cannot be viewed)", () => {
    expectGradientsMatch((x) => r(x.transpose() as Tensor, [-1]), [uniform([3, 4], 4)]);
    expectGradientsMatch((x) => r(x.permute([2, 0, 1] as never) as Tensor, [6, 4]), [uniform([2, 3, 4], 5)]);
  });

  it("flatten, and reshapes around other ops, an input used twice", () => {
    expectGradientsMatch((x) => flatten(x.mul(x) as Tensor) as Tensor, [uniform([2, 3], 6)]);
    expectGradientsMatch((x) => r(r(x, [2, 6]).mul(r(x, [6, 2]).transpose() as Tensor) as Tensor, [12]), [uniform([3, 4], 7)]);
    expectGradientsMatch((x, w) => r(r(x, [4, 3]).matmul(w as never) as Tensor, [-1]), [uniform([2, 6], 8), uniform([3, 2], 9)]);
  });

  it("flatten(start, end) and unflatten, on views and on a transposed copy", () => {
    const f = (x: Tensor, start: number, end: number) => flatten(x as Tensor<number[]>, start as never, end as never) as Tensor;
    const u = (x: Tensor, axis: number, sizes: number[]) => unflatten(x as Tensor<number[]>, axis as never, sizes as never) as Tensor;
    expectGradientsMatch((x) => f(x, 1, 2).mul(f(x, 1, 2)) as Tensor, [uniform([2, 3, 4, 2], 10)]);
    expectGradientsMatch((x) => f(x.transpose() as Tensor, 0, 1), [uniform([3, 4, 2], 11)]);
    expectGradientsMatch((x) => u(x, 1, [3, -1]).mul(u(x, -1, [3, 4])) as Tensor, [uniform([2, 12], 12)]);
    expectGradientsMatch((x) => u(f(x, 0, 1).exp() as Tensor, 0, [2, 3]), [uniform([2, 3, 4], 13)]);
  });
});

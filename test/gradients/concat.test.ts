// Finite-difference checks (float64, central differences, relative error ≤ 1e-6) of concat (the
// upstream gradient split back) and stack (by composition: unsqueeze, then concat), along every
// axis, with strided and reused inputs and an empty piece.
import { describe, it } from "vitest";
import { Tensor, concat, stack } from "../../src/index.js";
import { expectGradientsMatch, uniform } from "./check.js";

const cat = (tensors: Tensor[], axis: number) => concat(tensors as never, axis as never) as Tensor;
const st = (tensors: Tensor[], axis: number) => stack(tensors as never, axis as never) as Tensor;

describe("gradients of concat", () => {
  it("along each axis", () => {
    expectGradientsMatch((a, b) => cat([a!, b!], 0), [uniform([2, 3], 1), uniform([4, 3], 2)]);
    expectGradientsMatch((a, b, c) => cat([a!, b!, c!], 1), [uniform([2, 1], 3), uniform([2, 3], 4), uniform([2, 2], 5)]);
    expectGradientsMatch((a, b) => cat([a!, b!], -1), [uniform([2, 2, 3], 6), uniform([2, 2, 1], 7)]);
    expectGradientsMatch((a, b) => cat([a!, b!], 1), [uniform([2, 2, 3], 8), uniform([2, 1, 3], 9)]);
  });

  it("strided, reused and empty inputs", () => {
    expectGradientsMatch((a, b) => cat([a!.transpose() as Tensor, b!], 0), [uniform([3, 2], 10), uniform([1, 3], 11)]);
    expectGradientsMatch((a) => cat([a!, a!.mul(a!) as Tensor, a!], 1), [uniform([2, 2], 12)]);
    expectGradientsMatch((a, b) => cat([a!, b!], 0), [uniform([0, 3], 13), uniform([2, 3], 14)]);
  });
});

describe("gradients of stack", () => {
  it("along a new axis at each position", () => {
    for (const axis of [0, 1, 2, -1, -3]) expectGradientsMatch((a, b) => st([a!, b!], axis), [uniform([2, 3], 20 + axis), uniform([2, 3], 30 + axis)]);
    expectGradientsMatch((a) => st([a!, a!.exp() as Tensor, a!], 1), [uniform([3], 40)]);
    expectGradientsMatch((a) => st([a!], 0), [uniform([], 41)]);
  });
});

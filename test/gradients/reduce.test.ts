// Finite-difference checks (float64, central differences, relative error ≤ 1e-6) of reductions,
// softmax, logSoftmax, where and broadcastTo, including reductions of broadcast results (where the
// gradient goes through expand's rule) and a reused operand.
import { describe, expect, it } from "vitest";
import { Tensor, tensor, where } from "../../src/index.js";
import { expectGradientsMatch, uniform } from "./check.js";

type Reduce = (x: Tensor, axis?: number | number[], keepdims?: boolean) => Tensor;
const reductions: Record<string, Reduce> = {
  sum: (x, axis, keepdims) => x.sum(axis as never, keepdims),
  mean: (x, axis, keepdims) => x.mean(axis as never, keepdims),
  max: (x, axis, keepdims) => x.max(axis as never, keepdims),
  min: (x, axis, keepdims) => x.min(axis as never, keepdims),
  logsumexp: (x, axis, keepdims) => x.logsumexp(axis as never, keepdims),
};

const axesCases: [string, number | number[] | undefined, boolean][] = [
  ["every axis", undefined, false],
  ["every axis, keepdims", undefined, true],
  ["the leading axis", 0, false],
  ["the last axis (-1), keepdims", -1, true],
  ["the middle axis", 1, false],
  ["axes [0, 2]", [0, 2], false],
  ["axes [2, 0], keepdims", [2, 0], true],
];

describe.each(Object.keys(reductions))("%s", (name) => {
  const reduce = reductions[name]!;
  it.each(axesCases)("over %s of a [2, 3, 4] tensor", (_label, axis, keepdims) => {
    expectGradientsMatch((x) => reduce(x!, axis, keepdims), [uniform([2, 3, 4], 21, -2, 2)]);
  });
  it("of a broadcast result: reduce(x + b) over the batch, b a row", () => {
    expectGradientsMatch((x, b) => reduce(x!.add(b! as never), 0), [uniform([5, 3], 22, -2, 2), uniform([3], 23, -2, 2)]);
  });
  it("of a reused operand: reduce(x · x, 1) · x", () => {
    expectGradientsMatch((x) => reduce(x!.mul(x! as never), 1, true).mul(x! as never), [uniform([3, 4], 24, -2, 2)]);
  });
});

describe("max and min at ties", () => {
  it("split the gradient evenly among the elements that attain the extremum", () => {
    const x = tensor([[3, 1, 3], [0, 2, 1]], { dtype: "float64", requiresGrad: true });
    x.max(1).sum().backward();
    expect(x.grad?.toArray()).toEqual([[0.5, 0, 0.5], [0, 1, 0]]);
    x.zeroGrad();
    x.min().backward();
    expect(x.grad?.toArray()).toEqual([[0, 0, 0], [1, 0, 0]]);
  });
});

describe("softmax and logSoftmax", () => {
  it.each([
    ["softmax, last axis", (x: Tensor) => x.softmax()],
    ["softmax, axis 0", (x: Tensor) => x.softmax(0)],
    ["softmax, middle axis", (x: Tensor) => x.softmax(1)],
    ["logSoftmax, last axis", (x: Tensor) => x.logSoftmax()],
    ["logSoftmax, axis 0", (x: Tensor) => x.logSoftmax(0)],
    ["logSoftmax, middle axis", (x: Tensor) => x.logSoftmax(1)],
  ])("%s of a [2, 3, 4] tensor", (_name, f) => {
    expectGradientsMatch((x) => f(x!), [uniform([2, 3, 4], 31, -3, 3)]);
  });
  it("cross-entropy written out: −mean(sum(onehot · logSoftmax(x + b)))", () => {
    const onehot = tensor([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]], { dtype: "float64" });
    expectGradientsMatch(
      (x, b) => onehot.mul(x!.add(b! as never).logSoftmax() as never).sum(1).mean().neg(),
      [uniform([4, 3], 32, -2, 2), uniform([3], 33, -1, 1)],
    );
  });
});

describe("where", () => {
  const cond = tensor([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]], { dtype: "float64" });
  it("same shapes", () => {
    expectGradientsMatch((a, b) => where(cond, a!, b!), [uniform([3, 4], 41), uniform([3, 4], 42)]);
  });
  it("a row and a column: [3, 4] condition, [4] and [3, 1] branches", () => {
    expectGradientsMatch((a, b) => where(cond, a!, b!), [uniform([4], 43), uniform([3, 1], 44)]);
  });
  it("a scalar branch and a plain number", () => {
    expectGradientsMatch((a) => where(cond, a!, 0.5), [uniform([], 45)]);
  });
  it("both stretched and a 3-D condition: [2, 1, 4] condition, [1, 3, 1] and [1, 1, 4] branches", () => {
    const cond3 = tensor([[[1, 0, 1, 0]], [[0, 0, 1, 1]]], { dtype: "float64" });
    expectGradientsMatch((a, b) => where(cond3, a!, b!), [uniform([1, 3, 1], 46), uniform([1, 1, 4], 47)]);
  });
  it("a reused operand: where(cond, x, −x) · x", () => {
    expectGradientsMatch((x) => where(cond, x!, x!.neg()).mul(x! as never), [uniform([3, 4], 48)]);
  });
});

describe("broadcastTo", () => {
  it.each([
    ["[3, 1] to [2, 3, 4]", [3, 1], [2, 3, 4]],
    ["[] to [2, 3]", [], [2, 3]],
    ["[4] to [3, 4]", [4], [3, 4]],
    ["[2, 1, 1] to [2, 3, 4]", [2, 1, 1], [2, 3, 4]],
  ] as [string, number[], number[]][])("%s", (_label, from, to) => {
    expectGradientsMatch((x) => x!.broadcastTo(to as never), [uniform(from, 51)]);
  });
});

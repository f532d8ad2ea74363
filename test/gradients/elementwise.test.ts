// Finite-difference checks (float64, central differences, relative error ≤ 1e-6) of every binary op
// under each broadcast pattern — row, column, scalar (tensor and plain number), 4-D, both operands
// stretched, a reused operand — and of every unary op.
import { describe, expect, it, onTestFinished } from "vitest";
import { Tensor, add, configure, div, maximum, minimum, mul, pow, sub, tensor, where, zeroGrad } from "../../src/index.js";
import { awayFromZero, expectGradientsMatch, gradientErrors, uniform } from "./check.js";

type Binary = (a: Tensor, b: Tensor | number) => Tensor;
const ops: Record<string, Binary> = {
  add: add as Binary,
  sub: sub as Binary,
  mul: mul as Binary,
  div: div as Binary,
  pow: pow as Binary,
  maximum: maximum as Binary,
  minimum: minimum as Binary,
};

/** Operands suited to each op: positive bases for pow, denominators away from 0 for div. */
function operands(op: string, left: number[], right: number[], seed: number): [Tensor, Tensor] {
  if (op === "pow") return [uniform(left, seed, 0.5, 2), uniform(right, seed + 1, -1.5, 2.5)];
  if (op === "div") return [uniform(left, seed, -2, 2), awayFromZero(right, seed + 1)];
  return [uniform(left, seed, -2, 2), uniform(right, seed + 1, -2, 2)];
}

const patterns: [string, number[], number[]][] = [
  ["row: [3, 4] with [4]", [3, 4], [4]],
  ["column: [3, 4] with [3, 1]", [3, 4], [3, 1]],
  ["scalar tensor: [3, 4] with []", [3, 4], []],
  ["scalar tensor on the left: [] with [3, 4]", [], [3, 4]],
  ["4-D: [2, 3, 4, 5] with [3, 1, 1]", [2, 3, 4, 5], [3, 1, 1]],
  ["4-D, both stretched: [2, 1, 4, 1] with [3, 1, 5]", [2, 1, 4, 1], [3, 1, 5]],
  ["both stretched: [3, 1] with [1, 4]", [3, 1], [1, 4]],
  ["both stretched, ranks differ: [2, 1, 4] with [3, 1]", [2, 1, 4], [3, 1]],
  ["same shape: [3, 4] with [3, 4]", [3, 4], [3, 4]],
];

describe.each(Object.keys(ops))("%s", (name) => {
  const op = ops[name]!;
  it.each(patterns)("%s", (_pattern, left, right) => {
    // NumPy's rules, so the patterns include implicit outer broadcasts (strict mode rejects those; the
    // gradient rule is the same either way).
    const previous = configure({ broadcasting: "numpy" });
    onTestFinished(() => void configure(previous));
    const [a, b] = operands(name, left, right, left.length * 10 + right.length);
    expectGradientsMatch((x, y) => op(x!, y!), [a, b]);
  });

  it("a plain number on the right", () => {
    const [a] = operands(name, [3, 4], [], 5);
    expectGradientsMatch((x) => op(x!, name === "pow" ? 2.5 : 0.75), [a]);
  });

  it("one operand without grad: only the other side's gradient is computed, and it is right", () => {
    const [a, b] = operands(name, [3, 4], [4], 17);
    const constantA = a.detach();
    const constantB = b.detach();
    expectGradientsMatch((x) => op(x!, constantB), [a]);
    expectGradientsMatch((y) => op(constantA, y!), [b]);
    // the constant side gets no gradient
    zeroGrad(a);
    (op(a, constantB).sum() as Tensor<[]>).backward();
    expect(constantB.grad).toBeNull();
  });

  it("a reused operand: op(x, x) and op(x, x) · x", () => {
    const x = name === "pow" ? uniform([3, 4], 6, 0.5, 2) : awayFromZero([3, 4], 6);
    if (name !== "maximum" && name !== "minimum") expectGradientsMatch((v) => op(v!, v!), [x]); // ties everywhere for max/min
    expectGradientsMatch((v) => op(v!, v!.sum(0, true)).mul(v! as never), [x]);
  });
});

describe("maximum and minimum at ties", () => {
  it("split the gradient evenly between the two sides", () => {
    const a = tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    const b = tensor([1, 5, 0], { dtype: "float64", requiresGrad: true });
    maximum(a, b).sum().backward();
    expect(a.grad?.toArray()).toEqual([0.5, 0, 1]);
    expect(b.grad?.toArray()).toEqual([0.5, 1, 0]);
    a.zeroGrad();
    b.zeroGrad();
    minimum(a, b).sum().backward();
    expect(a.grad?.toArray()).toEqual([0.5, 1, 0]);
    expect(b.grad?.toArray()).toEqual([0.5, 0, 1]);
  });
});

describe("pow's exponent gradient at a zero base", () => {
  it("is 0 (not NaN) where the base is 0", () => {
    const base = tensor([0, 2], { dtype: "float64" });
    const exponent = tensor([2, 3], { dtype: "float64", requiresGrad: true });
    base.pow(exponent).sum().backward();
    // d/db 2^b = 2^b · ln 2 at b = 3: 8 ln 2
    expect(exponent.grad?.toArray()).toEqual([0, 8 * Math.LN2]);
  });
});

describe("unary ops", () => {
  const unary: [string, (x: Tensor) => Tensor, Tensor][] = [
    ["neg", (x) => x.neg(), uniform([3, 4], 11, -2, 2)],
    ["exp", (x) => x.exp(), uniform([3, 4], 12, -2, 2)],
    ["log", (x) => x.log(), uniform([3, 4], 13, 0.2, 3)],
    ["sqrt", (x) => x.sqrt(), uniform([3, 4], 14, 0.2, 3)],
    ["abs", (x) => x.abs(), awayFromZero([3, 4], 15)],
    ["tanh", (x) => x.tanh(), uniform([3, 4], 16, -2, 2)],
    ["sigmoid", (x) => x.sigmoid(), uniform([3, 4], 17, -4, 4)],
    ["relu", (x) => x.relu(), awayFromZero([3, 4], 18)],
  ];
  it.each(unary)("%s", (_name, f, x) => {
    expectGradientsMatch((v) => f(v!), [x]);
  });
  it.each(unary)("%s of a broadcast operand ([4] stretched to [3, 4])", (_name, f, x) => {
    const row = new Tensor(x.data.slice(0, 4), [4], undefined, 0, true);
    expectGradientsMatch((v) => f(v!.broadcastTo([3, 4])), [row]);
  });
  it("chained: sigmoid(tanh(x) · exp(−x)) + log(x²)", () => {
    expectGradientsMatch((v) => v!.tanh().mul(v!.neg().exp()).sigmoid().add(v!.mul(v!).log()), [awayFromZero([2, 5], 19)]);
  });
});

describe("the check itself", () => {
  it("catches a wrong gradient", () => {
    // relu's gradient at a kink taken at a point where finite differences straddle it: not a match
    const x = tensor([1e-7, 1, -1], { dtype: "float64", requiresGrad: true });
    const [error] = gradientErrors((v) => v!.relu(), [x], 1e-6);
    expect(error).toBeGreaterThan(1e-6);
  });
});

describe("where", () => {
  it("matches finite differences with both branches, and with one branch constant", () => {
    const cond = tensor([[1, 0, 1], [0, 0, 1]], { dtype: "float64" });
    const [a, b] = [uniform([2, 3], 41), uniform([3], 42)];
    expectGradientsMatch((x, y) => where(cond, x!, y! as never) as Tensor, [a, b]);
    expectGradientsMatch((x) => where(cond, x!, b.detach() as never) as Tensor, [a]);
    expectGradientsMatch((y) => where(cond, a.detach(), y! as never) as Tensor, [b]);
  });
});

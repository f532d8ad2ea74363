// Elementwise ops: forward values under every broadcast pattern, against tables written by hand (or
// taken from NumPy 2.4 where a transcendental function is involved), plus the run-time errors.
import { describe, expect, it } from "vitest";
import {
  InputError,
  ShapeError,
  configure,
  einsum,
  Tensor,
  abs,
  add,
  astype,
  div,
  elementwiseShape,
  exp,
  fromArray,
  log,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sqrt,
  sub,
  tanh,
  tensor,
  zeros,
} from "../../src/index.js";
import { expectClose } from "./close.js";
import { thrown } from "../harness/runtime.js";

const f64 = { dtype: "float64" } as const;
const a = tensor(
  [
    [1, 2, 3],
    [4, 5, 6],
  ],
  f64,
);

describe("binary ops: values under each broadcast pattern", () => {
  const row = tensor([10, 20, 30], f64); // [3] against [2, 3]
  const column = tensor([[10], [100]], f64); // [2, 1] against [2, 3]

  it.each([
    ["add", add, [[11, 22, 33], [14, 25, 36]]],
    ["sub", sub, [[-9, -18, -27], [-6, -15, -24]]],
    ["mul", mul, [[10, 40, 90], [40, 100, 180]]],
    ["div", div, [[0.1, 0.1, 0.1], [0.4, 0.25, 0.2]]],
  ] as const)("%s with a row", (_name, op, expected) => {
    expectClose((op as typeof add)(a, row).toArray(), expected);
  });

  it.each([
    ["add", add, [[11, 12, 13], [104, 105, 106]]],
    ["sub", sub, [[-9, -8, -7], [-96, -95, -94]]],
    ["mul", mul, [[10, 20, 30], [400, 500, 600]]],
    ["div", div, [[0.1, 0.2, 0.3], [0.04, 0.05, 0.06]]],
  ] as const)("%s with a column", (_name, op, expected) => {
    expectClose((op as typeof add)(a, column).toArray(), expected);
  });

  it.each([
    ["add", add, 2, [[3, 4, 5], [6, 7, 8]]],
    ["sub", sub, 1, [[0, 1, 2], [3, 4, 5]]],
    ["mul", mul, -2, [[-2, -4, -6], [-8, -10, -12]]],
    ["div", div, 4, [[0.25, 0.5, 0.75], [1, 1.25, 1.5]]],
    ["pow", pow, 2, [[1, 4, 9], [16, 25, 36]]],
    ["maximum", maximum, 3.5, [[3.5, 3.5, 3.5], [4, 5, 6]]],
    ["minimum", minimum, 3.5, [[1, 2, 3], [3.5, 3.5, 3.5]]],
  ] as const)("%s with a plain number", (_name, op, scalar, expected) => {
    expectClose((op as typeof add)(a, scalar).toArray(), expected);
    // and with a scalar tensor: the same
    expectClose((op as typeof add)(a, tensor(scalar, f64)).toArray(), expected);
  });

  it("a scalar tensor on the left stretches to the right's shape", () => {
    expectClose(tensor(10, f64).sub(a).toArray(), [[9, 8, 7], [6, 5, 4]]);
    expect(tensor(10, f64).sub(a).shape).toEqual([2, 3]);
  });

  it("both operands stretched, the lower-rank one unsqueezed first: [2, 1] with [1, 3]", () => {
    const left = tensor([[1], [2]], f64);
    const right = tensor([10, 20, 30], f64).unsqueeze(0);
    expect(left.add(right).shape).toEqual([2, 3]);
    expectClose(left.add(right).toArray(), [[11, 21, 31], [12, 22, 32]]);
    expectClose(left.mul(right).toArray(), [[10, 20, 30], [20, 40, 60]]);
    expectClose(right.sub(left).toArray(), [[9, 19, 29], [8, 18, 28]]);
  });

  it("4-D: [2, 1, 2, 1] with [1, 3, 1, 2] gives [2, 3, 2, 2]", () => {
    // x[i, 0, j, 0] = 10·i + j and y[0, k, 0, l] = 100·k + l, so (x + y)[i, k, j, l] = 10·i + j + 100·k + l
    const x = fromArray([0, 1, 10, 11], [2, 1, 2, 1], f64);
    const y = fromArray([0, 1, 100, 101, 200, 201], [1, 3, 1, 2], f64);
    const out = x.add(y);
    expect(out.shape).toEqual([2, 3, 2, 2]);
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) for (let k = 0; k < 3; k++) for (let j = 0; j < 2; j++) for (let l = 0; l < 2; l++) expected.push(10 * i + j + 100 * k + l);
    expect(out.toFlatArray()).toEqual(expected);
  });

  it("[8, 1, 6, 1] + [1, 7, 1, 5] is [8, 7, 6, 5] (the NumPy docs' example, made explicit)", () => {
    expect(zeros([8, 1, 6, 1]).add(zeros([1, 7, 1, 5])).shape).toEqual([8, 7, 6, 5]);
  });

  it("strict by default: an implicit outer broadcast throws SHAPE_IMPLICIT_OUTER, with the result it would have had", () => {
    const error = thrown(() => zeros([3]).sub(zeros([4, 1]) as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).code).toBe("SHAPE_IMPLICIT_OUTER");
    expect(error.message).toBe(
      "SHAPE_IMPLICIT_OUTER: sub: [3] with [4, 1] stretches both operands across ranks into the outer [4, 3]; if that is meant, unsqueeze the lower-rank operand to [1, 3] first",
    );
    // Only one operand stretched, equal ranks, or a scalar: NumPy's rules.
    expect(zeros([4, 3]).add(zeros([3])).shape).toEqual([4, 3]);
    expect(zeros([4, 1]).add(zeros([1, 3])).shape).toEqual([4, 3]);
    expect(zeros([2, 5, 6, 7]).add(zeros([5, 1, 7])).shape).toEqual([2, 5, 6, 7]);
    expect(zeros([4, 1]).add(2).shape).toEqual([4, 1]);
  });

  it("configure({ broadcasting: \"numpy\" }) allows it at run time (the types opt out through ShapecheckConfig)", () => {
    const previous = configure({ broadcasting: "numpy" });
    try {
      expect(previous).toEqual({ broadcasting: "strict" });
      expect(zeros([3]).sub(zeros([4, 1]) as never).shape).toEqual([4, 3]);
      expect(zeros([8, 1, 6, 1]).add(zeros([7, 1, 5]) as never).shape).toEqual([8, 7, 6, 5]);
      expect(einsum("...ij,...jk->...ik" as never, zeros([5, 1, 2, 3]), zeros([7, 3, 4]) as never).shape).toEqual([5, 7, 2, 4]);
    } finally {
      configure(previous);
    }
    expect(() => zeros([3]).sub(zeros([4, 1]) as never)).toThrow(/SHAPE_IMPLICIT_OUTER/);
    expect(() => einsum("...ij,...jk->...ik" as never, zeros([5, 1, 2, 3]), zeros([7, 3, 4]) as never)).toThrow(/SHAPE_IMPLICIT_OUTER: einsum/);
    expect(() => configure({ broadcasting: "loose" as never })).toThrow(/broadcasting must be "strict" or "numpy"/);
  });

  it("pow with a broadcast exponent (NumPy: [[1, 2], [3, 4]] ** [0.5, 3])", () => {
    const base = tensor([[1, 2], [3, 4]], f64);
    expectClose(base.pow(tensor([0.5, 3], f64)).toArray(), [[1, 8], [1.7320508075688772, 64]]);
  });

  it("maximum and minimum with a row; NaN propagates like np.maximum", () => {
    const other = tensor([3, 1, 7], f64);
    expect(a.maximum(other).toArray()).toEqual([[3, 2, 7], [4, 5, 7]]);
    expect(a.minimum(other).toArray()).toEqual([[1, 1, 3], [3, 1, 6]]);
    const withNaN = tensor([Number.NaN, 1, 2], f64);
    const otherNaN = tensor([0, Number.NaN, 2], f64);
    expectClose(maximum(withNaN, otherNaN).toArray(), [Number.NaN, Number.NaN, 2]);
    expectClose(minimum(withNaN, otherNaN).toArray(), [Number.NaN, Number.NaN, 2]);
  });

  it("IEEE division: 1/0 = ∞, −1/0 = −∞, 0/0 = NaN", () => {
    expectClose(tensor([1, -1, 0], f64).div(0).toArray(), [Infinity, -Infinity, Number.NaN]);
  });

  it("float32 results are rounded to float32", () => {
    expect(tensor([0.1]).add(tensor([0.2])).toFlatArray()).toEqual([Math.fround(Math.fround(0.1) + Math.fround(0.2))]);
  });

  it("inputs that are strided views (a transpose, an offset) read correctly", () => {
    const storage = tensor([1, 2, 3, 4, 5, 6], f64);
    const transposed = new Tensor(storage.data, [3, 2], [1, 3], 0); // [[1, 4], [2, 5], [3, 6]]
    expect(transposed.add(tensor([10, 20], f64)).toArray()).toEqual([[11, 24], [12, 25], [13, 26]]);
    expect(transposed.mul(transposed).toArray()).toEqual([[1, 16], [4, 25], [9, 36]]);
    const tail = new Tensor(storage.data, [2, 2], [3, 1], 1); // [[2, 3], [5, 6]]
    expect(tail.sub(tensor([[1], [2]], f64)).toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it("size-0 operands broadcast like any size", () => {
    expect(zeros([0, 3]).add(zeros([3])).shape).toEqual([0, 3]);
    expect(zeros([1, 3]).add(zeros([0, 1])).shape).toEqual([0, 3]);
    expect(zeros([0]).mul(2).toArray()).toEqual([]);
  });
});

describe("binary ops: errors", () => {
  it.each(["add", "sub", "mul", "div", "pow", "maximum", "minimum"] as const)("%s throws the compiler's SHAPE_BROADCAST message", (name) => {
    const left: Tensor = zeros([2, 3]);
    const right: Tensor = zeros([4]);
    const error = thrown(() => (left as unknown as Record<string, (other: Tensor) => Tensor>)[name]!(right));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).code).toBe("SHAPE_BROADCAST");
    expect((error as ShapeError).op).toBe(name);
    expect(error.message).toBe(
      `SHAPE_BROADCAST: ${name}: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)`,
    );
  });

  it("a clash on an inner axis names that axis", () => {
    const left: Tensor = zeros([5, 2, 4, 1]);
    expect(thrown(() => left.mul(zeros([3, 1, 1]))).message).toBe(
      "SHAPE_BROADCAST: mul: cannot broadcast [5, 2, 4, 1] with [3, 1, 1]: axis -3 is 2 vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
  });

  it("dynamic dims are checked at run time", () => {
    const n: number = 3;
    const left = zeros([n, 2]); // Tensor<[number, 2]>
    expect(thrown(() => left.add(zeros([4, 2]))).message).toBe(
      "SHAPE_BROADCAST: add: cannot broadcast [3, 2] with [4, 2]: axis -2 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
  });

  it("mixing float32 and float64 without converting throws INPUT_DTYPE_MISMATCH; astype converts", () => {
    const single = tensor([1, 2]);
    const double = tensor([1, 2], f64);
    const error = thrown(() => single.add(double));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("INPUT_DTYPE_MISMATCH: add: cannot mix float32 and float64; convert one operand first, e.g. x.astype('float64')");
    expect(single.astype("float64").add(double).toArray()).toEqual([2, 4]);
    expect(astype(double, "float32").dtype).toBe("float32");
    // a shape clash is reported first, as the compiler reports it
    const mismatched: Tensor = tensor([1, 2, 3], f64);
    expect(thrown(() => single.add(mismatched)).message).toMatch(/^SHAPE_BROADCAST: add: cannot broadcast \[2\] with \[3\]/);
    // a plain number takes the tensor's dtype
    expect(single.add(0.1).dtype).toBe("float32");
    expect(double.add(0.1).toFlatArray()).toEqual([1.1, 2.1]);
  });

  it("an operand that is neither a tensor nor a number throws INPUT_OPERAND", () => {
    const error = thrown(() => add(tensor([1]), "2" as unknown as number));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("INPUT_OPERAND: add: expected a tensor or a number, got string");
  });

  it("elementwiseShape is the broadcast rule", () => {
    expect(elementwiseShape([8, 1, 6, 1], [7, 1, 5])).toEqual([8, 7, 6, 5]);
    // @ts-expect-error the same clash at compile time
    expect(thrown(() => elementwiseShape([2, 3], [4])).message).toBe(
      "SHAPE_BROADCAST: elementwiseShape: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
  });
});

describe("unary ops (values from NumPy 2.4, float64)", () => {
  const x = tensor([-2, -0.5, 0, 0.5, 3], f64);
  const positive = tensor([0.25, 1, 2, 10], f64);

  it("neg, abs, relu", () => {
    expect(neg(x).toArray()).toEqual([2, 0.5, -0, -0.5, -3]);
    expect(abs(x).toArray()).toEqual([2, 0.5, 0, 0.5, 3]);
    expect(relu(x).toArray()).toEqual([0, 0, 0, 0.5, 3]);
  });

  it("exp", () => {
    expectClose(exp(x).toArray(), [0.1353352832366127, 0.6065306597126334, 1.0, 1.6487212707001282, 20.085536923187668], 1e-15);
  });

  it("tanh", () => {
    expectClose(tanh(x).toArray(), [-0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9950547536867305], 1e-15);
  });

  it("sigmoid, including far out where a naive 1/(1+e^−x) overflows", () => {
    expectClose(sigmoid(x).toArray(), [0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.9525741268224334], 1e-15);
    expect(sigmoid(tensor([-1000, 1000], f64)).toArray()).toEqual([0, 1]);
  });

  it("log and sqrt", () => {
    expectClose(log(positive).toArray(), [-1.3862943611198906, 0.0, 0.6931471805599453, 2.302585092994046], 1e-15);
    expectClose(sqrt(positive).toArray(), [0.5, 1.0, 1.4142135623730951, 3.1622776601683795], 1e-15);
    expectClose(log(tensor([0, -1], f64)).toArray(), [-Infinity, Number.NaN]);
  });

  it("NaN passes through relu and abs", () => {
    expectClose(relu(tensor([Number.NaN], f64)).toArray(), [Number.NaN]);
    expectClose(abs(tensor([Number.NaN], f64)).toArray(), [Number.NaN]);
  });

  it("methods and free functions agree, and keep the shape", () => {
    const m = tensor([[1, 4], [9, 16]], f64);
    expect(m.sqrt().toArray()).toEqual([[1, 2], [3, 4]]);
    expect(sqrt(m).shape).toEqual([2, 2]);
    expect(m.neg().exp().shape).toEqual([2, 2]);
  });

  it("a unary op reads a strided view", () => {
    const storage = tensor([1, -2, 3, -4, 5, -6], f64);
    const transposed = new Tensor(storage.data, [3, 2], [1, 3], 0); // [[1, -4], [-2, 5], [3, -6]]
    expect(transposed.abs().toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
});

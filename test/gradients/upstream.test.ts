// backward(grad): an upstream gradient of the tensor's own shape. Checked three ways: against the
// same graph differentiated as (y · g).sum().backward() (the definition of a vector-Jacobian
// product), against finite differences, and for the buffers it hands out — a leaf's .grad never
// shares storage with the gradient passed in, with another leaf's .grad, or with an earlier .grad.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, add, fromArray, matmul, tensor, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";
import { expectGradientsMatch, uniform } from "./check.js";

type Graph = (...inputs: Tensor[]) => Tensor;

/** Fresh float64 leaves of the given shapes (same values for the same seed). */
const leaves = (shapes: number[][], seed: number) => shapes.map((shape, i) => uniform(shape, seed + i));

const graphs: [string, number[][], Graph][] = [
  ["broadcast add [5, 7] + [7]", [[5, 7], [7]], (a, b) => add(a!, b! as never)],
  ["MLP layer relu(x @ w + b)", [[6, 5], [5, 4], [4]], (x, w, b) => (matmul(x!, w! as never) as Tensor).add(b! as never).relu()],
  ["a tensor used three times: x · x + x", [[4, 3]], (x) => x!.mul(x! as never).add(x! as never)],
  ["a row reduction and a broadcast back: x − mean(x, -1, keepdims)", [[3, 6]], (x) => x!.sub(x!.mean(-1, true) as never)],
  ["tanh then sum over axis 0", [[4, 5]], (x) => x!.tanh().sum(0)],
  ["batched matmul with a broadcast right side", [[2, 3, 4], [4, 5]], (a, b) => matmul(a!, b! as never) as Tensor],
];

describe("backward(g) is the vector-Jacobian product", () => {
  it.each(graphs)("%s: equals (y · g).sum().backward()", (_name, shapes, f) => {
    const inputs = leaves(shapes, 11);
    const twins = leaves(shapes, 11);
    const probe = f(...inputs);
    const g = uniform(probe.dims as number[], 500).detach();
    probe.backward(g as never);
    (f(...twins).mul(g as never).sum() as Tensor<[]>).backward();
    inputs.forEach((input, i) => {
      const expected = twins[i]!.grad!.toFlatArray();
      const actual = input.grad!.toFlatArray();
      expect(actual.length).toBe(expected.length);
      actual.forEach((value, j) => expect(Math.abs(value - expected[j]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[j]!))));
    });
  });

  it.each(graphs)("%s: matches finite differences", (_name, shapes, f) => {
    expectGradientsMatch(f, leaves(shapes, 23), 1e-6, true);
  });

  it("on a scalar, backward(g) scales the seed: backward(tensor(3)) gives 3 × backward()", () => {
    const w = tensor([1, 2, 3], { requiresGrad: true, dtype: "float64" });
    w.mul(w).sum().backward(tensor(3, { dtype: "float64" }));
    expect(w.grad!.toArray()).toEqual([6, 12, 18]);
  });

  it("on a leaf, the gradient is a copy of g", () => {
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const g = tensor([[5, 6], [7, 8]]);
    w.backward(g);
    expect(w.grad!.toArray()).toEqual([[5, 6], [7, 8]]);
    expect(w.grad!.data).not.toBe(g.data);
  });
});

describe("backward(g): errors", () => {
  it("a gradient of another shape throws SHAPE_GRAD (also where the compiler cannot see the shapes)", () => {
    const y = zeros([2, 3], { requiresGrad: true }).mul(2) as Tensor;
    const error = thrown(() => y.backward(zeros([3, 2]) as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_GRAD: backward: the upstream gradient has shape [3, 2], the tensor [2, 3]; give a gradient of the tensor's own shape");
    expect(thrown(() => y.backward(zeros([6]) as never)).message).toBe(
      "SHAPE_GRAD: backward: the upstream gradient has shape [6], the tensor [2, 3]; give a gradient of the tensor's own shape",
    );
  });

  it("without a gradient a non-scalar still throws SHAPE_NOT_SCALAR; undefined counts as none", () => {
    const y = zeros([2, 3], { requiresGrad: true }).mul(2) as Tensor;
    expect(thrown(() => (y.backward as (g?: Tensor) => void)(undefined)).message).toBe(
      "SHAPE_NOT_SCALAR: backward: needs a scalar, got [2, 3]; reduce it first (sum() or mean())",
    );
  });

  it("a gradient that is not a tensor, or of the other dtype, is an InputError", () => {
    const y = zeros([2], { requiresGrad: true }).mul(2) as Tensor;
    const notTensor = thrown(() => y.backward([1, 1] as never));
    expect(notTensor).toBeInstanceOf(InputError);
    expect((notTensor as InputError).code).toBe("INPUT_OPERAND");
    const mixed = thrown(() => y.backward(zeros([2], { dtype: "float64" }) as never));
    expect((mixed as InputError).code).toBe("INPUT_DTYPE_MISMATCH");
  });
});

describe("backward: buffers handed to .grad are never shared", () => {
  it("changing g after backward(g) changes no .grad", () => {
    const a = zeros([3, 4], { requiresGrad: true });
    const b = zeros([4], { requiresGrad: true });
    const g = fromArray(Float32Array.from({ length: 12 }, (_, i) => i), [3, 4]);
    a.add(b).backward(g);
    g.data.fill(100);
    expect(a.grad!.toFlatArray()).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(b.grad!.toArray()).toEqual([12, 15, 18, 21]);
  });

  it("two leaves that receive the same gradient tensor get separate buffers", () => {
    // add's rule gives both operands the very same upstream tensor (here a fresh one, from mul's rule)
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6], { requiresGrad: true });
    a.add(b).mul(tensor([2, 2, 2])).sum().backward();
    expect(a.grad!.toArray()).toEqual([2, 2, 2]);
    expect(b.grad!.toArray()).toEqual([2, 2, 2]);
    expect(a.grad!.data).not.toBe(b.grad!.data);
    a.grad!.data[0] = 9;
    expect(b.grad!.toArray()).toEqual([2, 2, 2]);
  });

  it("a second backward() leaves the .grad a caller kept from the first unchanged", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(3).sum().backward();
    const first = w.grad!;
    w.mul(3).sum().backward();
    expect(first.toArray()).toEqual([3, 3]);
    expect(w.grad!.toArray()).toEqual([6, 6]);
    expect(w.grad).not.toBe(first);
  });

  it("gradients summed in place for a tensor used twice do not leak into the forward values", () => {
    // h is used by two consumers; its two gradients are summed (in place, in a buffer backward owns)
    const x = tensor([1, 2, 3], { requiresGrad: true, dtype: "float64" });
    const h = x.mul(2);
    const y = h.mul(h).add(h.mul(5));
    const hBefore = h.toFlatArray();
    const yBefore = y.toFlatArray();
    y.sum().backward();
    // d/dx (4x² + 10x) = 8x + 10
    expect(x.grad!.toArray()).toEqual([18, 26, 34]);
    expect(h.toFlatArray()).toEqual(hBefore);
    expect(y.toFlatArray()).toEqual(yBefore);
  });

  it("a gradient two tensors share is not summed into in place when one of them gets a second gradient", () => {
    // add's rule hands the same fresh gradient to p and q; p later gets a second one (from p · d)
    // while q's is still pending. Summing into the shared buffer would corrupt q's, hence b's.
    const a = tensor([1, 2], { requiresGrad: true, dtype: "float64" });
    const b = tensor([3, 4], { requiresGrad: true, dtype: "float64" });
    const [c, d, e] = [tensor([5, 6], { dtype: "float64" }), tensor([7, 8], { dtype: "float64" }), tensor([9, 10], { dtype: "float64" })];
    const p = a.mul(2);
    const q = b.mul(3);
    const s = p.add(q);
    q.mul(e).add(p.mul(d)).add(s.mul(c)).sum().backward();
    // d/da = 2 (d + c), d/db = 3 (e + c)
    expect(a.grad!.toArray()).toEqual([24, 28]);
    expect(b.grad!.toArray()).toEqual([42, 48]);
  });
});

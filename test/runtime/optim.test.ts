// SGD: updates against hand-computed values (PyTorch's torch.optim.SGD formulas: v ← μ·v + g,
// p ← p − lr·v) and a naive reference loop; in place, outside the tape; bad parameters and options.
import { describe, expect, it } from "vitest";
import { InputError, SGD, Tensor, noGrad, randn, tensor, zeros } from "../../src/index.js";

const f64 = { dtype: "float64", requiresGrad: true } as const;

describe("SGD without momentum", () => {
  it("p ← p − lr·g (by hand: w = [1, 2], loss Σw², g = 2w, lr ¼)", () => {
    const w = tensor([1, 2], f64);
    const optimizer = new SGD([w], { lr: 0.25 });
    w.mul(w).sum().backward();
    optimizer.step();
    expect(w.toArray()).toEqual([0.5, 1]);
    optimizer.zeroGrad();
    w.mul(w).sum().backward(); // g = [1, 2]
    optimizer.step();
    expect(w.toArray()).toEqual([0.25, 0.5]);
  });

  it("uses the gradient as accumulated: without zeroGrad, two backward() passes step twice as far", () => {
    const w = tensor([1], f64);
    const optimizer = new SGD([w], { lr: 0.125 });
    w.mul(3).sum().backward();
    w.mul(3).sum().backward(); // g = 3 + 3
    optimizer.step();
    expect(w.toArray()).toEqual([1 - 0.125 * 6]);
  });

  it("leaves a parameter without a gradient alone", () => {
    const used = tensor([1], f64);
    const unused = tensor([5], f64);
    const optimizer = new SGD([used, unused], { lr: 1 });
    used.sum().backward();
    optimizer.step();
    expect(used.toArray()).toEqual([0]);
    expect(unused.toArray()).toEqual([5]);
  });

  it("float32 parameters are updated in float32 (each result rounded once)", () => {
    const w = tensor([0.1, 0.7], { requiresGrad: true });
    const before = w.toFlatArray();
    const optimizer = new SGD([w], { lr: 0.3 });
    w.mul(w).sum().backward();
    const g = w.grad!.toFlatArray();
    optimizer.step();
    expect(w.dtype).toBe("float32");
    expect(w.toFlatArray()).toEqual(before.map((p, i) => Math.fround(p - 0.3 * g[i]!)));
  });

  it("the learning rate can change between steps", () => {
    const w = tensor([1], f64);
    const optimizer = new SGD([w], { lr: 1 });
    w.sum().backward();
    optimizer.step();
    optimizer.lr = 0.5;
    optimizer.step();
    expect(w.toArray()).toEqual([1 - 1 - 0.5]);
  });
});

describe("SGD with momentum", () => {
  it("v ← μ·v + g, p ← p − lr·v (by hand: w = 3, loss w², lr 0.1, μ 0.9)", () => {
    const w = tensor([3], f64);
    const optimizer = new SGD([w], { lr: 0.1, momentum: 0.9 });
    // step 1: g = 6, v = 6, w = 2.4; step 2: g = 4.8, v = 10.2, w = 1.38; step 3: g = 2.76, v = 11.94, w = 0.186
    const expected = [2.4, 1.38, 0.186];
    for (const value of expected) {
      w.mul(w).sum().backward();
      optimizer.step();
      optimizer.zeroGrad();
      expect(w.toFlatArray()[0]).toBeCloseTo(value, 12);
    }
  });

  it("matches a naive reference loop over 20 steps, per parameter (two parameters, own velocities)", () => {
    const a = randn([3, 2], { seed: 1, ...f64 });
    const b = randn([2], { seed: 2, ...f64 });
    const x = randn([5, 3], { seed: 3, dtype: "float64" });
    const target = randn([5, 2], { seed: 4, dtype: "float64" });
    const reference = { a: a.toFlatArray(), b: b.toFlatArray() };
    const velocity = { a: [0, 0, 0, 0, 0, 0], b: [0, 0] };
    const optimizer = new SGD([a, b], { lr: 0.05, momentum: 0.8 });
    for (let step = 0; step < 20; step++) {
      // the reference gradient of mean((x·a + b − target)²), by a loop
      const ga = [0, 0, 0, 0, 0, 0];
      const gb = [0, 0];
      const xs = x.toFlatArray();
      const ts = target.toFlatArray();
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 2; j++) {
          let y = reference.b[j]!;
          for (let k = 0; k < 3; k++) y += xs[i * 3 + k]! * reference.a[k * 2 + j]!;
          const d = (2 * (y - ts[i * 2 + j]!)) / 10;
          gb[j] += d;
          for (let k = 0; k < 3; k++) ga[k * 2 + j] += d * xs[i * 3 + k]!;
        }
      }
      for (const [name, g] of [["a", ga], ["b", gb]] as const) {
        for (let i = 0; i < g.length; i++) {
          velocity[name][i] = 0.8 * velocity[name][i]! + g[i]!;
          reference[name][i] -= 0.05 * velocity[name][i]!;
        }
      }
      x.matmul(a).add(b).sub(target).pow(2).mean().backward();
      optimizer.step();
      optimizer.zeroGrad();
    }
    a.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(reference.a[i]!, 12));
    b.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(reference.b[i]!, 12));
  });
});

describe("SGD updates in place, outside the tape", () => {
  it("the parameter keeps its identity, stays a leaf that requires grad, and its views see the update", () => {
    const w = zeros([2, 2], f64);
    const named = w.as(["rows", 2]);
    const optimizer = new SGD([w], { lr: 1 });
    w.sum().backward();
    const grad = w.grad;
    optimizer.step();
    expect(optimizer.params[0]).toBe(w);
    expect([w.node, w.requiresGrad, w.grad]).toEqual([null, true, grad]);
    expect(named.toArray()).toEqual([[-1, -1], [-1, -1]]);
  });

  it("zeroGrad clears every parameter's gradient", () => {
    const a = tensor([1], f64);
    const b = tensor([2], f64);
    const optimizer = new SGD([a, b], { lr: 1 });
    a.mul(b).sum().backward();
    expect([a.grad?.toArray(), b.grad?.toArray()]).toEqual([[2], [1]]);
    optimizer.zeroGrad();
    expect([a.grad, b.grad]).toEqual([null, null]);
  });
});

describe("SGD rejects what it cannot update", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).code;
    }
    return "(nothing thrown)";
  };

  it("an op's result, a tensor that does not require grad, a strided view, a non-tensor: INPUT_PARAMETER", () => {
    const w = tensor([1, 2], f64);
    expect(code(() => new SGD([w.mul(2)], { lr: 1 }))).toBe("INPUT_PARAMETER");
    expect(code(() => new SGD([tensor([1])], { lr: 1 }))).toBe("INPUT_PARAMETER");
    const strided = noGrad(() => randn([2, 3]).transpose()) as Tensor;
    strided.requiresGrad = true;
    expect(code(() => new SGD([strided], { lr: 1 }))).toBe("INPUT_PARAMETER");
    expect(code(() => new SGD([[1, 2]] as never, { lr: 1 }))).toBe("INPUT_PARAMETER");
    expect(code(() => new SGD(w as never, { lr: 1 }))).toBe("INPUT_PARAMETER");
  });

  it("the message says what to do", () => {
    const w = tensor([1, 2], f64);
    expect(() => new SGD([w, w.mul(2)], { lr: 1 })).toThrow(
      "INPUT_PARAMETER: SGD: parameter 1 must be a leaf tensor that requires grad; create it with { requiresGrad: true } (an op's result is not a leaf)",
    );
  });

  it("a missing, negative or non-finite learning rate or momentum: INPUT_OPTION, also when set later", () => {
    const w = tensor([1], f64);
    expect(code(() => new SGD([w], {} as never))).toBe("INPUT_OPTION");
    expect(code(() => new SGD([w], { lr: -0.1 }))).toBe("INPUT_OPTION");
    expect(code(() => new SGD([w], { lr: Number.NaN }))).toBe("INPUT_OPTION");
    expect(code(() => new SGD([w], { lr: 0.1, momentum: -1 }))).toBe("INPUT_OPTION");
    expect(code(() => new SGD([w], { lr: 0.1, momentum: Infinity }))).toBe("INPUT_OPTION");
    expect(() => new SGD([w], { lr: -1 })).toThrow("INPUT_OPTION: SGD: lr must be a finite number ≥ 0, got -1");
    const optimizer = new SGD([w], { lr: 0.1 });
    optimizer.lr = Number.POSITIVE_INFINITY;
    expect(code(() => optimizer.step())).toBe("INPUT_OPTION");
  });

  it("an empty list is fine (nothing to do)", () => {
    const optimizer = new SGD([], { lr: 1 });
    optimizer.step();
    optimizer.zeroGrad();
    expect(optimizer.params).toEqual([]);
  });
});

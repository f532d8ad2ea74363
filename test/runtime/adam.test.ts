// Adam and AdamW against a reference written here from the update rules in PyTorch's documentation
// (torch.optim.Adam / AdamW, "Algorithm" boxes) in plain JS arithmetic, and against values derived by
// hand; in place, outside the tape; bad options.
import { describe, expect, it } from "vitest";
import { Adam, AdamW, InputError, Tensor, tensor, zeros } from "../../src/index.js";

const f64 = { dtype: "float64", requiresGrad: true } as const;

interface Reference {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  decay: number;
  decoupled: boolean;
  amsgrad: boolean;
}

/**
 * `steps` steps of Adam/AdamW on `p`, the gradient given by `grad(p)`, written from the documented
 * algorithm: (AdamW) θ ← θ − γλθ; (Adam) g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ) (AMSGrad: the running maximum of the raw v, bias-corrected the same way);
 * θ ← θ − γ·m̂/(√v̂ + ε). Returns the parameters after each step.
 */
function reference(start: number[], grad: (p: number[]) => number[], o: Reference, steps: number): number[][] {
  let p = [...start];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  const vMax = p.map(() => 0);
  const history: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    let g = grad(p);
    if (o.decoupled) p = p.map((x) => x - o.lr * o.decay * x);
    else g = g.map((gi, i) => gi + o.decay * p[i]!);
    p = p.map((x, i) => {
      m[i] = o.beta1 * m[i]! + (1 - o.beta1) * g[i]!;
      v[i] = o.beta2 * v[i]! + (1 - o.beta2) * g[i]! ** 2;
      vMax[i] = Math.max(vMax[i]!, v[i]!);
      const mHat = m[i]! / (1 - o.beta1 ** t);
      const vHat = (o.amsgrad ? vMax[i]! : v[i]!) / (1 - o.beta2 ** t);
      return x - (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
    });
    history.push(p);
  }
  return history;
}

// The tiny problem: loss = Σ (aᵢ·wᵢ − bᵢ)², gradient 2aᵢ(aᵢwᵢ − bᵢ).
const a = [3, -0.5, 2];
const b = [1, 2, -4];
const start = [0.5, -1, 2];
const gradient = (w: number[]) => w.map((wi, i) => 2 * a[i]! * (a[i]! * wi - b[i]!));

function run(optimizerOf: (w: Tensor<[3]>) => Adam, steps: number): number[][] {
  const w = tensor(start, f64) as Tensor<[3]>;
  const at = tensor(a, { dtype: "float64" });
  const bt = tensor(b, { dtype: "float64" });
  const optimizer = optimizerOf(w);
  const history: number[][] = [];
  for (let t = 0; t < steps; t++) {
    optimizer.zeroGrad();
    w.mul(at).sub(bt).pow(2).sum().backward();
    optimizer.step();
    history.push(w.toFlatArray());
  }
  return history;
}

const expectClose = (actual: number[][], expected: number[][]) =>
  actual.forEach((row, t) => row.forEach((value, i) => expect(Math.abs(value - expected[t]![i]!)).toBeLessThanOrEqual(1e-12)));

describe("Adam", () => {
  it("six steps match the reference (defaults except lr)", () => {
    const options = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: 0, decoupled: false, amsgrad: false };
    expectClose(run((w) => new Adam([w], { lr: 0.1 }), 6), reference(start, gradient, options, 6));
  });

  it("with weight decay added to the gradient, other betas and eps", () => {
    const options = { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-3, decay: 0.3, decoupled: false, amsgrad: false };
    expectClose(run((w) => new Adam([w], { lr: 0.05, betas: [0.8, 0.99], eps: 1e-3, weightDecay: 0.3 }), 6), reference(start, gradient, options, 6));
  });

  it("with amsgrad (the second moment falls as the gradient shrinks, so the maximum matters)", () => {
    const options = { lr: 0.2, beta1: 0.9, beta2: 0.5, eps: 1e-8, decay: 0, decoupled: false, amsgrad: true };
    const expected = reference(start, gradient, options, 8);
    expectClose(run((w) => new Adam([w], { lr: 0.2, betas: [0.9, 0.5], amsgrad: true }), 8), expected);
    // and it differs from plain Adam on this problem, so the test can tell them apart
    const plain = reference(start, gradient, { ...options, amsgrad: false }, 8);
    expect(Math.abs(plain[7]![0]! - expected[7]![0]!)).toBeGreaterThan(1e-6);
  });

  it("by hand: the first step moves each weight by lr·g/(|g| + ε), about lr against the gradient's sign", () => {
    const w = tensor([1, -3], f64);
    const optimizer = new Adam([w], { lr: 0.01, eps: 0 });
    w.mul(w).sum().backward(); // g = [2, −6]; m̂ = g, v̂ = g², step = lr·g/|g|
    optimizer.step();
    expect(w.toArray()).toEqual([0.99, -2.99]);
  });

  it("by hand: weight decay alone (zero loss gradient) still moves the weight by about lr", () => {
    const w = tensor([2], f64);
    const optimizer = new Adam([w], { lr: 0.1, weightDecay: 0.5, eps: 0 });
    w.mul(0).sum().backward(); // g = 0 + λ·2 = 1 → step lr·1/1
    optimizer.step();
    expect(w.toArray()[0]).toBeCloseTo(1.9, 15);
  });

  it("leaves parameters without a gradient alone, and counts steps per parameter", () => {
    const used = tensor([1], f64);
    const unused = tensor([5], f64);
    const optimizer = new Adam([used, unused], { lr: 0.1 });
    used.sum().backward();
    optimizer.step();
    expect(unused.toArray()).toEqual([5]);
    expect(used.toArray()[0]).toBeCloseTo(0.9, 7);
  });

  it("float32 parameters stay float32 and track the float64 reference closely", () => {
    const w = tensor(start, { requiresGrad: true }) as Tensor<[3]>;
    const optimizer = new Adam([w], { lr: 0.1 });
    for (let t = 0; t < 6; t++) {
      optimizer.zeroGrad();
      w.mul(tensor(a)).sub(tensor(b)).pow(2).sum().backward();
      optimizer.step();
    }
    expect(w.dtype).toBe("float32");
    const expected = reference(start, gradient, { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: 0, decoupled: false, amsgrad: false }, 6)[5]!;
    w.toFlatArray().forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-5));
  });
});

describe("AdamW", () => {
  it("six steps match the reference: decoupled decay θ ← θ − lr·λ·θ, then Adam's step", () => {
    const options = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: 0.2, decoupled: true, amsgrad: false };
    expectClose(run((w) => new AdamW([w], { lr: 0.1, weightDecay: 0.2 }), 6), reference(start, gradient, options, 6));
  });

  it("the default weight decay is 0.01 (PyTorch's), and differs from Adam's L2 decay", () => {
    const options = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, decay: 0.01, decoupled: true, amsgrad: false };
    const decoupled = run((w) => new AdamW([w], { lr: 0.1 }), 6);
    expectClose(decoupled, reference(start, gradient, options, 6));
    const coupled = run((w) => new Adam([w], { lr: 0.1, weightDecay: 0.01 }), 6);
    expect(Math.abs(coupled[5]![0]! - decoupled[5]![0]!)).toBeGreaterThan(1e-9);
  });

  it("by hand: with a zero loss gradient only the decay moves the weight: 2·(1 − 0.1·0.5) = 1.9", () => {
    const w = tensor([2], f64);
    const optimizer = new AdamW([w], { lr: 0.1, weightDecay: 0.5 });
    w.mul(0).sum().backward();
    optimizer.step();
    expect(w.toArray()).toEqual([1.9]);
  });

  it("with amsgrad", () => {
    const options = { lr: 0.2, beta1: 0.9, beta2: 0.5, eps: 1e-8, decay: 0.1, decoupled: true, amsgrad: true };
    expectClose(run((w) => new AdamW([w], { lr: 0.2, betas: [0.9, 0.5], weightDecay: 0.1, amsgrad: true }), 8), reference(start, gradient, options, 8));
  });
});

describe("bad parameters and options", () => {
  const w = () => zeros([2], { requiresGrad: true });

  it("options out of range are INPUT_OPTION naming the optimizer", () => {
    for (const options of [{ lr: -1 }, { betas: [1, 0.999] as [number, number] }, { betas: [0.9] as never }, { eps: Number.NaN }, { weightDecay: -0.1 }, { amsgrad: 1 as never }]) {
      expect(() => new Adam([w()], options)).toThrow(InputError);
    }
    expect(() => new AdamW([w()], { lr: Infinity })).toThrow(/^INPUT_OPTION: AdamW: lr/);
  });

  it("parameters must be leaves that require grad; a grad of the wrong shape is INPUT_GRAD", () => {
    expect(() => new Adam([zeros([2])])).toThrow(/^INPUT_PARAMETER: Adam: parameter 0/);
    const p = w();
    const optimizer = new AdamW([p]);
    p.grad = zeros([3]) as never;
    expect(() => optimizer.step()).toThrow(/^INPUT_GRAD: AdamW\.step: the grad of parameter 0 has shape \[3\]/);
  });
});

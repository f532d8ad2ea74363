// The tape: what backward() computes and accumulates, noGrad, zeroGrad, detach, and its errors.
import { describe, expect, it } from "vitest";
import {
  InputError,
  InternalError,
  ShapeError,
  Tensor,
  noGrad,
  ones,
  tensor,
  zeroGrad,
  zeros,
} from "../../src/index.js";
import { record } from "../../src/autograd.js";
import { thrown } from "../harness/runtime.js";

const f64 = { dtype: "float64", requiresGrad: true } as const;

describe("the bias gradient of a broadcast add is the upstream gradient summed over the batch", () => {
  it("z = x·w + b with b a row over a batch of 4: dl/db = Σ_batch dl/dz", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]], { dtype: "float64" }); // [batch 4, 3]
    const w = tensor([0.5, -1, 2], f64); // [3]
    const b = tensor([0.1, 0.2, 0.3], f64); // [3], broadcast over the batch
    const upstream = tensor([[1, 0, 2], [3, 1, 0], [0, 2, 1], [1, 1, 1]], { dtype: "float64" }); // dl/dz
    const z = x.mul(w).add(b);
    z.mul(upstream).sum().backward(); // l = Σ z·upstream, so dl/dz = upstream
    // column sums of the upstream gradient: [1+3+0+1, 0+1+2+1, 2+0+1+1]
    expect(b.grad?.toArray()).toEqual([5, 4, 4]);
    // dl/dw = Σ_batch x·upstream: [1+12+0+10, 0+5+16+11, 6+0+9+12]
    expect(w.grad?.toArray()).toEqual([23, 32, 27]);
    expect(b.grad?.shape).toEqual([3]);
  });

  it("a column bias ([out, 1]) sums over the batch axis 1", () => {
    const b = tensor([[1], [2]], f64); // [2, 1]
    const z = zeros([2, 5], { dtype: "float64" }).add(b);
    z.sum().backward();
    expect(b.grad?.toArray()).toEqual([[5], [5]]);
  });
});

describe("accumulation", () => {
  it("a tensor used twice gets the sum of both paths: d(x·x)/dx = 2x", () => {
    const x = tensor([1, -2, 3], f64);
    x.mul(x).sum().backward();
    expect(x.grad?.toArray()).toEqual([2, -4, 6]);
  });

  it("a diamond: y = 2x, z = y + y·x, d(Σz)/dx = 2 + 4x", () => {
    const x = tensor([1, 2], f64);
    const y = x.mul(2);
    y.add(y.mul(x)).sum().backward();
    expect(x.grad?.toArray()).toEqual([6, 10]);
  });

  it(".grad accumulates across backward() calls until zeroGrad", () => {
    const x = tensor([1, 2], f64);
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(x.grad?.toArray()).toEqual([6, 6]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    const y = tensor([1], f64);
    x.sum().add(y.sum()).backward();
    zeroGrad(x, y);
    expect([x.grad, y.grad]).toEqual([null, null]);
  });

  it("leaf gradients own their storage (no aliasing between tensors that got the same upstream)", () => {
    const a = tensor([1, 2], f64);
    const b = tensor([3, 4], f64);
    a.add(b).sum().backward();
    expect(a.grad!.data).not.toBe(b.grad!.data);
    a.grad!.data[0] = 100;
    expect(b.grad!.toArray()).toEqual([1, 1]);
  });

  it("a gradient reached through a broadcast view is a plain contiguous tensor", () => {
    const s = tensor(2, f64);
    s.broadcastTo([2, 3]).sum().backward();
    expect(s.grad?.toArray()).toBe(6);
    const row = tensor([1, 2, 3], f64);
    row.mul(2).broadcastTo([4, 3]).sum().backward();
    expect(row.grad?.toArray()).toEqual([8, 8, 8]);
    expect(row.grad?.strides).toEqual([1]);
  });

  it("float32 tensors get float32 gradients", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad?.dtype).toBe("float32");
    expect(x.grad?.toArray()).toEqual([2, 4]);
    const y = tensor([1, 2], { requiresGrad: true });
    y.astype("float64").mul(3).sum().backward();
    expect(y.grad?.dtype).toBe("float32");
    expect(y.grad?.toArray()).toEqual([3, 3]);
  });

  it("a long chain does not overflow the stack", () => {
    const x = tensor([1], f64);
    let y: Tensor = x;
    for (let i = 0; i < 20_000; i++) y = y.add(1);
    y.sum().backward();
    expect(x.grad?.toArray()).toEqual([1]);
  });
});

describe("what takes part in the tape", () => {
  it("results require grad only when an input does", () => {
    const plain = tensor([1, 2]);
    expect(plain.mul(2).requiresGrad).toBe(false);
    expect(plain.mul(2).node).toBeNull();
    const leaf = tensor([1, 2], { requiresGrad: true });
    expect(plain.mul(leaf).requiresGrad).toBe(true);
    expect(plain.mul(leaf).node?.op).toBe("mul");
  });

  it("noGrad builds no tape and restores recording after a throw", () => {
    const x = tensor([1, 2], f64);
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(() =>
      noGrad(() => {
        throw new Error("inside");
      }),
    ).toThrow("inside");
    expect(x.mul(2).requiresGrad).toBe(true);
  });

  it("detach shares storage and cuts the tape", () => {
    const x = tensor([1, 2], f64);
    const d = x.mul(3).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.toArray()).toEqual([3, 6]);
    x.mul(d).sum().backward();
    expect(x.grad?.toArray()).toEqual([3, 6]);
  });

  it("only the tensors that require grad get a gradient", () => {
    const x = tensor([1, 2], f64);
    const c = tensor([5, 7], { dtype: "float64" });
    x.mul(c).sum().backward();
    expect(x.grad?.toArray()).toEqual([5, 7]);
    expect(c.grad).toBeNull();
  });
});

describe("errors", () => {
  it("backward() on something that does not require grad throws INPUT_NO_GRAD", () => {
    const error = thrown(() => ones([2]).sum().backward());
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      "INPUT_NO_GRAD: backward: this tensor does not require grad; create the tensors to differentiate with { requiresGrad: true }",
    );
  });

  it("backward() on a non-scalar of unknown rank throws the compiler's SHAPE_NOT_SCALAR message", () => {
    const loss: Tensor = zeros([2, 3], { requiresGrad: true }).mul(2);
    const error = thrown(() => loss.backward());
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_NOT_SCALAR: backward: needs a scalar, got [2, 3]; reduce it first (sum() or mean())");
  });

  it("a gradient rule that returns the wrong shape is an InternalError, not a silent wrong gradient", () => {
    const x = tensor([1, 2, 3], f64);
    const broken = record(new Tensor(new Float64Array([6]), []), "broken", [x], (g) => [g], undefined);
    const error = thrown(() => broken.backward());
    expect(error).toBeInstanceOf(InternalError);
    expect(error.message).toBe(
      "shapecheck internal error: broken: the gradient rule gave input 0 a gradient of shape [] (float64), but the input has shape [3] (float64)",
    );
  });
});

describe("types", () => {
  it(".grad has the tensor's own shape type", () => {
    const x = zeros([2, 3], { requiresGrad: true });
    const grad: Tensor<[2, 3]> | null = x.grad;
    expect(grad).toBeNull();
    x.sum().backward();
    const after: Tensor<[2, 3]> | null = x.grad;
    expect(after?.shape).toEqual([2, 3]);
  });
});

// int32 and bool tensors: creation, conversion, printing, arithmetic, the float-only ops' errors, and
// that no gradient flows through them. Oracles: hand-written values and NumPy/PyTorch semantics
// (truncation toward zero, true division, int32 wrap-around, bool sums counting).
import { describe, expect, it } from "vitest";
import {
  DTYPES,
  InputError,
  add,
  arange,
  astype,
  div,
  exp,
  fromArray,
  full,
  gt,
  log,
  logSoftmax,
  matmul,
  max,
  maximum,
  mean,
  minimum,
  mul,
  neg,
  ones,
  pow,
  randn,
  relu,
  softmax,
  sub,
  sum,
  tensor,
  where,
  zeros,
} from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

describe("int32 and bool tensors", () => {
  it("DTYPES lists the four dtypes", () => {
    expect(DTYPES).toEqual(["float32", "float64", "int32", "bool"]);
  });

  it("every creation function takes { dtype }, with Int32Array / Uint8Array storage", () => {
    const i = tensor([[1, -2], [3, 4]], { dtype: "int32" });
    expect(i.dtype).toBe("int32");
    expect(i.data).toBeInstanceOf(Int32Array);
    expect(i.toArray()).toEqual([[1, -2], [3, 4]]);
    const b = tensor([0, 1, 5, Number.NaN], { dtype: "bool" });
    expect(b.dtype).toBe("bool");
    expect(b.data).toBeInstanceOf(Uint8Array);
    expect(b.toArray()).toEqual([0, 1, 1, 1]); // nonzero (NaN too) is true, as np.array([...], dtype=bool)
    expect(zeros([2], { dtype: "int32" }).toArray()).toEqual([0, 0]);
    expect(ones([2], { dtype: "bool" }).toArray()).toEqual([1, 1]);
    expect(full([3], 7, { dtype: "int32" }).toArray()).toEqual([7, 7, 7]);
    expect(full([2], 256, { dtype: "bool" }).toArray()).toEqual([1, 1]); // not 256 mod 256
    expect(arange(4, { dtype: "int32" }).toArray()).toEqual([0, 1, 2, 3]);
    expect(fromArray([5, 6], [2], { dtype: "int32" }).dtype).toBe("int32");
    expect(fromArray(new Int32Array([1, 2]), [2]).dtype).toBe("int32");
  });

  it("an int32 value must be an integer in int32 range at creation (never truncated or wrapped)", () => {
    expect(thrown(() => tensor([1.5], { dtype: "int32" })).message).toBe("INPUT_VALUE: tensor: 1.5 is not an int32 (an integer from -2147483648 to 2147483647)");
    expect(thrown(() => full([1], 2 ** 31, { dtype: "int32" })).message).toBe("INPUT_VALUE: full: 2147483648 is not an int32 (an integer from -2147483648 to 2147483647)");
    expect(thrown(() => fromArray([Number.NaN], [1], { dtype: "int32" }))).toBeInstanceOf(InputError);
    expect(thrown(() => arange(3, { dtype: "bool" })).message).toBe("INPUT_DTYPE: arange: a bool tensor cannot count; use int32, float32 or float64");
    expect(tensor([-2147483648, 2147483647], { dtype: "int32" }).toArray()).toEqual([-2147483648, 2147483647]);
  });

  it("requiresGrad on an int32 or bool tensor is an InputError", () => {
    expect(thrown(() => zeros([2], { dtype: "int32", requiresGrad: true })).message).toBe(
      "INPUT_DTYPE: zeros: only float32 and float64 tensors can require grad, not int32",
    );
    expect(thrown(() => tensor([1], { dtype: "bool", requiresGrad: true })).message).toBe(
      "INPUT_DTYPE: tensor: only float32 and float64 tensors can require grad, not bool",
    );
    expect(thrown(() => randn([2], { seed: 1, dtype: "int32" })).message).toBe(
      "INPUT_DTYPE: randn: the dtype is int32, but randn needs float32 or float64; convert it first with .astype('float32')",
    );
  });

  it("astype converts between all four dtypes (NumPy: truncation toward zero, nonzero is true)", () => {
    const x = tensor([-1.7, -0.2, 0, 2.9, 3], { dtype: "float64" });
    expect(astype(x, "int32").toArray()).toEqual([-1, 0, 0, 2, 3]);
    expect(astype(x, "bool").toArray()).toEqual([1, 1, 0, 1, 1]);
    expect(astype(astype(x, "bool"), "float32").toArray()).toEqual([1, 1, 0, 1, 1]);
    expect(astype(astype(x, "int32"), "bool").toArray()).toEqual([1, 0, 0, 1, 1]);
    expect(astype(tensor([7, -3], { dtype: "int32" }), "float64").toArray()).toEqual([7, -3]);
    expect(astype(tensor([256, 512], { dtype: "int32" }), "bool").toArray()).toEqual([1, 1]);
    // a strided view converts element by element in row-major order
    const t = tensor([[1.5, 2.5], [3.5, 4.5]]).transpose();
    expect(t.astype("int32").toArray()).toEqual([[1, 3], [2, 4]]);
    for (const bad of [Number.NaN, Infinity, 3e9]) {
      expect(thrown(() => tensor([0, bad], { dtype: "float64" }).astype("int32")).message).toBe(
        `INPUT_VALUE: astype: ${bad} (element 1) has no int32 value; int32 holds integers from -2147483648 to 2147483647`,
      );
    }
  });

  it("toString prints ints as integers and bools as true/false", () => {
    expect(String(tensor([1, -2], { dtype: "int32" }))).toBe("tensor([1, -2], shape=[2], dtype=int32)");
    expect(String(tensor([[1, 0]], { dtype: "bool" }))).toBe("tensor([[true, false]], shape=[1, 2], dtype=bool)");
  });

  it("int32 arithmetic stays int32 and wraps like C int32; div is true division to float32", () => {
    const a = tensor([7, -7, 2147483647], { dtype: "int32" });
    const b = tensor([2, 2, 1], { dtype: "int32" });
    const s = add(a, b);
    expect(s.dtype).toBe("int32");
    expect(s.toArray()).toEqual([9, -5, -2147483648]); // 2^31 − 1 + 1 wraps
    expect(sub(a, b).toArray()).toEqual([5, -9, 2147483646]);
    expect(maximum(a, b).toArray()).toEqual([7, 2, 2147483647]);
    expect(minimum(a, 0).toArray()).toEqual([0, -7, 0]);
    // exact modulo 2^32 even where the double product loses bits: 65537 · 65537 = 2^32 + 2^17 + 1
    const m = mul(tensor([65537, 2147483647], { dtype: "int32" }), tensor([65537, 2147483647], { dtype: "int32" }));
    expect(m.toArray()).toEqual([131073, 1]);
    const q = div(a, b);
    expect(q.dtype).toBe("float32");
    expect(q.toArray()).toEqual([3.5, -3.5, 2147483648]); // float32 rounds 2^31 − 1
    expect(div(tensor([1, 3], { dtype: "int32" }), 2).toArray()).toEqual([0.5, 1.5]);
    expect(neg(a).toArray()).toEqual([-7, 7, -2147483647]);
    expect(relu(a).dtype).toBe("int32");
  });

  it("a plain number with an int32 tensor must be an int32 in arithmetic; mixing dtypes is INPUT_DTYPE_MISMATCH", () => {
    const a = tensor([1, 2], { dtype: "int32" });
    expect(add(a, 3).toArray()).toEqual([4, 5]);
    expect(thrown(() => add(a, 2.5)).message).toBe("INPUT_DTYPE: add: 2.5 is not an int32, and the tensor is int32; convert the tensor first with .astype('float32')");
    expect(thrown(() => add(a, tensor([1, 2]))).message).toBe("INPUT_DTYPE_MISMATCH: add: cannot mix int32 and float32; convert one operand first, e.g. x.astype('float32')");
  });

  it("bool takes no arithmetic; float-only ops refuse int32 and bool", () => {
    const b = tensor([1, 0], { dtype: "bool" });
    const i = tensor([1, 2], { dtype: "int32" });
    expect(thrown(() => add(b, b)).message).toBe("INPUT_DTYPE: add: the first operand is bool, but add needs numbers; convert it first with .astype('int32') or .astype('float32')");
    expect(thrown(() => neg(b)).message).toBe("INPUT_DTYPE: neg: x is bool, but neg needs numbers; convert it first with .astype('int32') or .astype('float32')");
    const floatOnly: [string, () => unknown][] = [
      ["exp", () => exp(i)],
      ["log", () => log(b)],
      ["softmax", () => softmax(i)],
      ["logSoftmax", () => logSoftmax(i)],
      ["mean", () => mean(i)],
      ["pow", () => pow(i, 2)],
    ];
    for (const [op, call] of floatOnly) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(new RegExp(`^INPUT_DTYPE: ${op}: .* is (int32|bool), but ${op} needs float32 or float64; convert it first with \\.astype\\('float32'\\)$`));
    }
    expect(thrown(() => matmul(tensor([[1, 2]], { dtype: "int32" }), tensor([[1], [2]], { dtype: "int32" }))).message).toBe(
      "INPUT_DTYPE: matmul: a is int32, but matmul needs float32 or float64; convert it first with .astype('float32')",
    );
  });

  it("sum of int32 is int32; sum of bool counts the trues (int32); max keeps the dtype", () => {
    const i = tensor([[1, 2, 3], [4, 5, 6]], { dtype: "int32" });
    expect(sum(i).dtype).toBe("int32");
    expect(sum(i, 0).toArray()).toEqual([5, 7, 9]);
    const b = tensor([[1, 0, 1], [1, 1, 1]], { dtype: "bool" });
    const count = sum(b, 1);
    expect(count.dtype).toBe("int32");
    expect(count.toArray()).toEqual([2, 3]);
    expect(max(i, 1).toArray()).toEqual([3, 6]);
    expect(max(b, 1).dtype).toBe("bool");
  });

  it("ops that produce int32 or bool never record a tape node; backward needs a float loss", () => {
    const x = tensor([1, -2, 3], { dtype: "float64", requiresGrad: true });
    const mask = gt(x, 0);
    expect(mask.requiresGrad).toBe(false);
    expect(mask.node).toBeNull();
    const asInt = astype(x, "int32");
    expect(asInt.requiresGrad).toBe(false);
    // a mask used as a float factor: gradient flows to x through the float path only
    where(mask, x, 0).sum().backward();
    expect(x.grad?.toArray()).toEqual([1, 0, 1]);
    const loss = sum(tensor([1, 2], { dtype: "int32" }));
    expect(thrown(() => loss.backward()).message).toBe("INPUT_DTYPE: backward: the loss is int32, but backward needs float32 or float64; convert it first with .astype('float32')");
  });

  it("movement ops keep the dtype", () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: "int32" });
    expect(i.transpose().reshape([4]).dtype).toBe("int32");
    expect(i.transpose().reshape([4]).toArray()).toEqual([1, 3, 2, 4]);
    const b = tensor([1, 0], { dtype: "bool" });
    expect(b.unsqueeze(0).broadcastTo([3, 2]).toArray()).toEqual([[1, 0], [1, 0], [1, 0]]);
    expect(b.broadcastTo([2, 2]).dtype).toBe("bool");
  });
});

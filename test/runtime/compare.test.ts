// Comparisons gt ge lt le eq ne: values against a brute-force loop over the broadcast index space
// (NumPy's rule written out in the test), NaN semantics (IEEE: every comparison false but ≠), the
// bool result, no gradient, and where() with a bool condition.
import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, eq, ge, gt, le, lt, ne, rand, tensor, where } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

const RULES = {
  gt: (a: number, b: number) => a > b,
  ge: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  le: (a: number, b: number) => a <= b,
  eq: (a: number, b: number) => a === b,
  ne: (a: number, b: number) => a !== b,
} as const;
const FNS = { gt, ge, lt, le, eq, ne } as unknown as Record<keyof typeof RULES, (a: Tensor, b: Tensor | number) => Tensor>;

/** Brute force: for every output index, read each operand at its broadcast index (size-1 axes read 0). */
function oracle(rule: (a: number, b: number) => boolean, a: Tensor, b: Tensor, out: number[]): number[] {
  const rank = out.length;
  const read = (t: Tensor, index: number[]) => {
    const dims = t.dims;
    const flat = t.toFlatArray();
    let at = 0;
    for (let k = 0; k < dims.length; k++) at = at * dims[k]! + (dims[k] === 1 ? 0 : index[rank - dims.length + k]!);
    return flat[at]!;
  };
  const result: number[] = [];
  const total = out.reduce((p, d) => p * d, 1);
  for (let flat = 0; flat < total; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let k = rank - 1; k >= 0; k--) {
      index[k] = rest % out[k]!;
      rest = Math.floor(rest / out[k]!);
    }
    result.push(rule(read(a, index), read(b, index)) ? 1 : 0);
  }
  return result;
}

/** Small integers so that ties (eq, ge, le) happen often. */
function ints(shape: number[], seed: number): Tensor {
  const r = rand(shape as never, { seed, dtype: "float64" }) as Tensor;
  return r.mul(4).astype("int32").astype("float64") as Tensor;
}

describe("comparisons", () => {
  const patterns: [number[], number[], number[]][] = [
    [[2, 3], [2, 3], [2, 3]],
    [[2, 3], [3], [2, 3]],
    [[2, 1, 4], [1, 3, 4], [2, 3, 4]],
    [[4, 1], [1, 5], [4, 5]],
    [[], [3, 2], [3, 2]],
    [[0, 3], [3], [0, 3]],
  ];
  for (const op of Object.keys(RULES) as (keyof typeof RULES)[]) {
    it(`${op} matches a brute-force broadcast loop`, () => {
      patterns.forEach(([sa, sb, out], i) => {
        const a = ints(sa, 10 + i);
        const b = ints(sb, 20 + i);
        const result = FNS[op](a, b);
        expect(result.dtype).toBe("bool");
        expect(result.dims).toEqual(out);
        expect(result.toFlatArray()).toEqual(oracle(RULES[op], a, b, out));
        // the method is the same op
        expect((a as unknown as Record<string, (b: Tensor) => Tensor>)[op]!(b).toFlatArray()).toEqual(result.toFlatArray());
      });
    });
  }

  it("NaN compares false, except ne (IEEE, as NumPy)", () => {
    const x = tensor([Number.NaN, 1]);
    expect(gt(x, 0).toArray()).toEqual([0, 1]);
    expect(le(x, 1).toArray()).toEqual([0, 1]);
    expect(eq(x, x).toArray()).toEqual([0, 1]);
    expect(ne(x, x).toArray()).toEqual([1, 0]);
  });

  it("int32 and bool operands; a number is compared as it is", () => {
    const i = tensor([1, 2, 3], { dtype: "int32" });
    expect(gt(i, 2.5).toArray()).toEqual([0, 0, 1]);
    expect(eq(i, tensor([1, 0, 3], { dtype: "int32" })).toArray()).toEqual([1, 0, 1]);
    const b = tensor([1, 0], { dtype: "bool" });
    expect(eq(b, 2).toArray()).toEqual([0, 0]);
    expect(ne(b, tensor([1, 1], { dtype: "bool" })).toArray()).toEqual([0, 1]);
    expect(thrown(() => eq(i, tensor([1, 2, 3]))).message).toBe("INPUT_DTYPE_MISMATCH: eq: cannot mix int32 and float32; convert one operand first, e.g. x.astype('float32')");
  });

  it("shape errors are add's, with the op's name", () => {
    const error = thrown(() => gt(tensor([1, 2]) as Tensor, tensor([1, 2, 3]) as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_BROADCAST: gt: cannot broadcast [2] with [3]: axis -1 is 2 vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)");
  });

  it("no gradient: the result never requires grad, even from inputs that do", () => {
    const x = tensor([1, -1], { requiresGrad: true, dtype: "float64" });
    const m = lt(x, 0);
    expect(m.requiresGrad).toBe(false);
    expect(m.node).toBeNull();
  });

  it("where takes a bool condition and selects like a float one", () => {
    const x = tensor([[-1, 2], [3, -4]]);
    const cond = gt(x, 0);
    expect(where(cond, x, 0).toArray()).toEqual([[0, 2], [3, 0]]);
    expect(where(cond, x, 0).toArray()).toEqual(where(cond.astype("float32"), x, 0).toArray());
    expect(where(cond, 1, 0).dtype).toBe("float32"); // both branches numbers: float32, not bool
    expect(where(cond, 2.5, 0).toArray()).toEqual([[0, 2.5], [2.5, 0]]);
    const ints = tensor([[1, 2], [3, 4]], { dtype: "int32" });
    const picked = where(cond, ints, -1);
    expect(picked.dtype).toBe("int32");
    expect(picked.toArray()).toEqual([[-1, 2], [3, -1]]);
    expect(thrown(() => where(cond, ints, 0.5)).message).toBe("INPUT_DTYPE: where: 0.5 is not an int32, and the tensor is int32; convert the tensor first with .astype('float32')");
  });
});

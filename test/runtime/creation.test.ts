// Creation functions, the tensor's accessors, and bad input. Expected values are written from the
// definitions (row-major order, fill values), never read back from the implementation.
import { describe, expect, it } from "vitest";
import {
  RandomGenerator,
  InputError,
  ShapeError,
  Tensor,
  arange,
  fromArray,
  full,
  manualSeed,
  ones,
  rand,
  randn,
  tensor,
  zeros,
} from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

describe("tensor(nested)", () => {
  it("takes its shape from the nesting and its values row-major", () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.toFlatArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.size).toBe(6);
    expect(t.strides).toEqual([3, 1]);
  });

  it("a number is a scalar, [] is an empty vector, [[]] has shape [1, 0]", () => {
    expect(tensor(5).shape).toEqual([]);
    expect(tensor(5).item()).toBe(5);
    expect(tensor(5).size).toBe(1);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([]).toArray()).toEqual([]);
    expect(tensor([[]]).shape).toEqual([1, 0]);
    expect(tensor([[]]).size).toBe(0);
  });

  it("three levels", () => {
    const t = tensor([[[1], [2]], [[3], [4]], [[5], [6]]]);
    expect(t.shape).toEqual([3, 2, 1]);
    expect(t.toFlatArray()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("float32 by default (values rounded to float32), float64 on request", () => {
    expect(tensor([0.1]).dtype).toBe("float32");
    expect(tensor([0.1]).toFlatArray()).toEqual([Math.fround(0.1)]);
    expect(tensor([0.1], { dtype: "float64" }).toFlatArray()).toEqual([0.1]);
    expect(tensor([0.1], { dtype: "float64" }).data).toBeInstanceOf(Float64Array);
  });

  it("a ragged literal throws INPUT_RAGGED naming where (the compiler shows the same text)", () => {
    // @ts-expect-error ragged literal: a compile error too
    const flat = thrown(() => tensor([[1, 2], [3]]));
    expect(flat).toBeInstanceOf(InputError);
    expect(flat.message).toBe("INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [1] but element [0] has shape [2]");
    // @ts-expect-error ragged literal, one level down
    const deep = thrown(() => tensor([[[1, 2], [3, 4]], [[1, 2], [3]]]));
    expect(deep.message).toBe("INPUT_RAGGED: tensor: ragged nested array: element [1][1] has shape [1] but element [1][0] has shape [2]");
    // @ts-expect-error a number where a row belongs
    const mixed = thrown(() => tensor([[1, 2], 3]));
    expect(mixed.message).toBe("INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [] but element [0] has shape [2]");
  });

  it("ragged data that the compiler cannot see is caught at run time", () => {
    const rows: number[][] = [[1, 2, 3], [4, 5]];
    expect(thrown(() => tensor(rows)).message).toBe(
      "INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [2] but element [0] has shape [3]",
    );
  });

  it("non-numbers are rejected", () => {
    const bad = [1, "2"] as unknown as number[];
    const error = thrown(() => tensor(bad));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("INPUT_VALUE: tensor: expected numbers or arrays of numbers, got string");
  });
});

describe("zeros, ones, full, arange, fromArray", () => {
  it("fill with the value", () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2, 1], -2.5).toArray()).toEqual([[-2.5], [-2.5]]);
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([]).toArray()).toBe(0);
    expect(zeros([3, 0]).size).toBe(0);
    expect(zeros([3, 0]).toArray()).toEqual([[], [], []]);
  });

  it("arange(n) counts from 0", () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(0).shape).toEqual([0]);
  });

  it("fromArray reads row-major and copies", () => {
    const source = [1, 2, 3, 4, 5, 6];
    const t = fromArray(source, [3, 2]);
    source[0] = 100;
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(fromArray(new Float64Array([0.1, 0.2]), [2]).dtype).toBe("float64");
    expect(fromArray(new Float64Array([0.1, 0.2]), [2], { dtype: "float32" }).dtype).toBe("float32");
  });

  it("fromArray with the wrong number of values throws INPUT_DATA_LENGTH", () => {
    const error = thrown(() => fromArray([1, 2, 3, 4, 5], [2, 3]));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("INPUT_DATA_LENGTH: fromArray: 5 values do not fill shape [2, 3], which holds 6");
  });

  it("bad dims throw SHAPE_INVALID_SHAPE (negative, fractional, NaN, infinite, named)", () => {
    // @ts-expect-error negative dim: a compile error too
    const negative = thrown(() => zeros([2, -1]));
    expect(negative).toBeInstanceOf(ShapeError);
    expect(negative.message).toBe("SHAPE_INVALID_SHAPE: zeros: invalid shape [2, -1]: dim -1 is not a non-negative integer");
    // @ts-expect-error fractional dim
    expect(thrown(() => ones([2.5])).message).toBe("SHAPE_INVALID_SHAPE: ones: invalid shape [2.5]: dim 2.5 is not a non-negative integer");
    expect(thrown(() => full([Number.NaN], 1)).message).toBe("SHAPE_INVALID_SHAPE: full: invalid shape [NaN]: dim NaN is not a non-negative integer");
    expect(thrown(() => randn([Infinity])).message).toBe("SHAPE_INVALID_SHAPE: randn: invalid shape [Infinity]: dim Infinity is not a non-negative integer");
    const named = ["batch", 3] as unknown as number[];
    expect(thrown(() => zeros(named)).message).toBe("SHAPE_INVALID_SHAPE: zeros: invalid shape ['batch', 3]: dim 'batch' is not a non-negative integer");
    // @ts-expect-error negative length
    expect(thrown(() => arange(-3)).message).toBe("SHAPE_INVALID_SHAPE: arange: invalid shape [-3]: dim -3 is not a non-negative integer");
    expect(thrown(() => zeros(3 as unknown as number[])).message).toBe("SHAPE_INVALID_SHAPE: zeros: invalid shape 3: a shape is an array of dims");
  });

  it("an unknown dtype throws INPUT_DTYPE", () => {
    const error = thrown(() => zeros([2], { dtype: "int64" as "float32" }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('INPUT_DTYPE: zeros: unknown dtype "int64"; use "float32", "float64", "int32" or "bool"');
    expect(thrown(() => tensor([1], { dtype: "float16" as "float32" })).message).toBe('INPUT_DTYPE: tensor: unknown dtype "float16"; use "float32", "float64", "int32" or "bool"');
  });

  it("requiresGrad must be a boolean", () => {
    expect(zeros([1], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(zeros([1]).requiresGrad).toBe(false);
    expect(thrown(() => zeros([1], { requiresGrad: "yes" as unknown as boolean })).message).toBe("INPUT_OPTION: zeros: requiresGrad must be true or false");
  });
});

describe("randn and rand", () => {
  it("the same seed gives the same tensor; different seeds differ", () => {
    expect(randn([4, 5], { seed: 7 }).toFlatArray()).toEqual(randn([4, 5], { seed: 7 }).toFlatArray());
    expect(rand([8], { seed: 7 }).toFlatArray()).toEqual(rand([8], { seed: 7 }).toFlatArray());
    expect(randn([8], { seed: 7 }).toFlatArray()).not.toEqual(randn([8], { seed: 8 }).toFlatArray());
  });

  it("manualSeed makes the module-wide generator reproducible", () => {
    manualSeed(123);
    const first = rand([5]).toFlatArray();
    const second = rand([5]).toFlatArray();
    manualSeed(123);
    expect(rand([5]).toFlatArray()).toEqual(first);
    expect(rand([5]).toFlatArray()).toEqual(second);
    expect(second).not.toEqual(first);
  });

  it("a generator advances between calls", () => {
    const generator = new RandomGenerator(3);
    const a = randn([4], { generator, dtype: "float64" }).toFlatArray();
    const b = randn([4], { generator, dtype: "float64" }).toFlatArray();
    expect(a).not.toEqual(b);
    const again = new RandomGenerator(3);
    expect(randn([4], { generator: again, dtype: "float64" }).toFlatArray()).toEqual(a);
  });

  it("rand is in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12; randn has mean ≈ 0, variance ≈ 1", () => {
    const n = 200_000;
    for (const dtype of ["float32", "float64"] as const) {
      const u = rand([n], { seed: 1, dtype }).toFlatArray();
      expect(u.reduce((m, v) => Math.min(m, v), Infinity)).toBeGreaterThanOrEqual(0);
      expect(u.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThan(1);
      const mean = u.reduce((s, v) => s + v, 0) / n;
      const variance = u.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
      // standard errors: 0.29/√n ≈ 6.5e-4 for the mean; a 5σ band
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    }
    const z = randn([n], { seed: 2, dtype: "float64" }).toFlatArray();
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    // about 68.27% of a normal sample lies within one standard deviation
    const within = z.filter((v) => Math.abs(v) < 1).length / n;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.005);
  });

  it("a seed must be a safe integer", () => {
    expect(thrown(() => randn([2], { seed: 1.5 })).message).toBe("INPUT_SEED: RandomGenerator: the seed must be a safe integer, got 1.5");
  });
});

describe("accessors", () => {
  it("item() reads a scalar; on a non-scalar of unknown rank it throws SHAPE_NOT_SCALAR", () => {
    expect(full([], 4.5).item()).toBe(4.5);
    const unknownRank: Tensor<number[]> = zeros([2, 3]);
    const error = thrown(() => unknownRank.item());
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_NOT_SCALAR: item: needs a scalar, got [2, 3]; reduce it first (sum() or mean())");
  });

  it("toString shows values, shape and dtype", () => {
    expect(String(tensor([[1, 2], [3, 4]]))).toBe("tensor([[1, 2], [3, 4]], shape=[2, 2], dtype=float32)");
    expect(String(tensor(0.5, { dtype: "float64" }))).toBe("tensor(0.5, shape=[], dtype=float64)");
    expect(String(tensor([0.1]))).toBe("tensor([0.1], shape=[1], dtype=float32)");
    expect(String(arange(2000))).toBe("tensor([0, 1, 2, ..., 1997, 1998, 1999], shape=[2000], dtype=float32)");
  });

  it("a strided view reads through its strides", () => {
    const base = tensor([1, 2, 3, 4, 5, 6], { dtype: "float64" });
    // the transpose of [[1, 2, 3], [4, 5, 6]] as a view: shape [3, 2], strides [1, 3]
    const view = new Tensor(base.data, [3, 2], [1, 3], 0);
    expect(view.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const offset = new Tensor(base.data, [2], [2], 1); // elements 1 and 3: values 2 and 4
    expect(offset.toFlatArray()).toEqual([2, 4]);
  });
});

describe("as(shape)", () => {
  it("restates the shape, the same tensor underneath", () => {
    const x = zeros([32, 784]);
    const named = x.as(["batch", 784]);
    expect(named).toBe(x);
    expect(named.shape).toEqual([32, 784]);
  });

  it("checks rank and known dims at run time with the compiler's message", () => {
    const x = zeros([2, 3]);
    // @ts-expect-error rank differs
    expect(thrown(() => x.as([2, 3, 1])).message).toBe("SHAPE_AS: as: cannot restate [2, 3] as [2, 3, 1]: it has 2 axes, the statement 3");
    // @ts-expect-error known dim differs
    expect(thrown(() => x.as([2, 4])).message).toBe("SHAPE_AS: as: cannot restate [2, 3] as [2, 4]: axis 1 is 3 vs 4");
    const dynamic: Tensor<[number, number]> = x;
    const error = thrown(() => dynamic.as([5, "n"]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_AS: as: cannot restate [2, 3] as [5, 'n']: axis 0 is 2 vs 5");
  });
});

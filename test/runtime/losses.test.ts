// mseLoss, layerNorm, variance/std, clamp and dropout at run time: values against reference loops
// written here from PyTorch's formulas, and the run-time errors. Gradients: test/gradients/model-ops.test.ts.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, clamp, dropout, fromArray, layerNorm, mseLoss, ones, std, tensor, variance, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";
import { uniform } from "../gradients/check.js";

const f64 = { dtype: "float64" } as const;
const close = (actual: readonly number[], expected: readonly number[], tolerance = 1e-12) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i]!))));
};
/** Values of a float64 leaf, row-major. */
const valuesOf = (t: Tensor) => t.toFlatArray();

describe("mseLoss: PyTorch's mean((input − target)²)", () => {
  const input = uniform([3, 4], 1);
  const target = uniform([3, 4], 2);
  const squares = valuesOf(input).map((a, i) => (a - valuesOf(target)[i]!) ** 2);

  it("mean, sum and none against a loop", () => {
    close([mseLoss(input, target).item()], [squares.reduce((s, v) => s + v, 0) / 12]);
    close([mseLoss(input, target, { reduction: "sum" }).item()], [squares.reduce((s, v) => s + v, 0)]);
    const none = mseLoss(input, target, { reduction: "none" });
    expect(none.shape).toEqual([3, 4]);
    close(none.toFlatArray(), squares);
  });

  it("hand-computed: mean of [0, 0, 4] is 4/3", () => {
    expect(mseLoss(tensor([1, 2, 3], f64), tensor([1, 2, 5], f64)).item()).toBe(4 / 3);
  });


  it("a shape mismatch is SHAPE_MISMATCH naming both shapes, never a broadcast", () => {
    const error = thrown(() => mseLoss(zeros([8, 1]) as Tensor, zeros([8]) as Tensor));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_MISMATCH: mseLoss: input [8, 1] and target [8] must have the same shape: rank 2 vs 1; mseLoss does not broadcast");
    expect(thrown(() => mseLoss(zeros([2, 3]) as Tensor, zeros([2, 4]) as Tensor)).message).toContain("axis 1 is 3 vs 4");
  });

  it("a bad reduction is INPUT_OPTION", () => {
    expect(thrown(() => mseLoss(zeros([2]), zeros([2]), { reduction: "avg" as never }))).toBeInstanceOf(InputError);
  });
});

/** layer norm over the last `m` elements of each row of a row-major array (PyTorch's formula). */
function layerNormReference(x: readonly number[], m: number, weight: readonly number[] | undefined, bias: readonly number[] | undefined, eps: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < x.length; start += m) {
    const row = x.slice(start, start + m);
    const mu = row.reduce((s, v) => s + v, 0) / m;
    const biased = row.reduce((s, v) => s + (v - mu) ** 2, 0) / m;
    row.forEach((v, j) => out.push(((v - mu) / Math.sqrt(biased + eps)) * (weight?.[j] ?? 1) + (bias?.[j] ?? 0)));
  }
  return out;
}

describe("layerNorm: PyTorch's F.layer_norm", () => {
  const x = uniform([2, 3, 4], 5, -3, 3);

  it("over the last axis, with weight and bias, against a loop", () => {
    const w = uniform([4], 6);
    const b = uniform([4], 7);
    const y = layerNorm(x, [4], w, b);
    expect(y.shape).toEqual([2, 3, 4]);
    close(y.toFlatArray(), layerNormReference(valuesOf(x), 4, valuesOf(w), valuesOf(b), 1e-5));
  });

  it("over the last two axes, without weight and bias, with another eps", () => {
    close(layerNorm(x, [3, 4], undefined, undefined, 0.1).toFlatArray(), layerNormReference(valuesOf(x), 12, undefined, undefined, 0.1));
  });

  it("a named normalized shape takes the sizes of the input's aligned trailing axes", () => {
    const named = x.as(["b", "t", "d"]);
    const y = layerNorm(named, ["t", "d"], undefined, undefined, 0.1);
    expect(y.shape).toEqual([2, 3, 4]);
    close(y.toFlatArray(), layerNormReference(valuesOf(x), 12, undefined, undefined, 0.1));
    // A name beyond the input's rank has no size: the trailing-dims check reports it.
    expect(() => layerNorm(zeros([4]), ["t", 4] as never)).toThrow("SHAPE_MISMATCH: layerNorm: normalized shape ['t', 4] does not match the trailing dims of [4]");
  });

  it("hand-computed: [1, 3] normalizes to [−1, 1] (eps 0)", () => {
    expect(layerNorm(tensor([[1, 3]], f64), [2], undefined, undefined, 0).toArray()).toEqual([[-1, 1]]);
  });


  it("mismatches are SHAPE_MISMATCH; a bad eps is INPUT_OPTION", () => {
    expect(thrown(() => layerNorm(x as Tensor, [3] as number[])).message).toBe(
      "SHAPE_MISMATCH: layerNorm: normalized shape [3] does not match the trailing dims of [2, 3, 4]: axis -1 is 4 vs 3",
    );
    expect(thrown(() => layerNorm(x as Tensor, [4] as number[], ones([3]) as Tensor)).message).toBe(
      "SHAPE_MISMATCH: layerNorm: weight [3] and normalized shape [4] must have the same shape: axis 0 is 3 vs 4; layerNorm does not broadcast",
    );
    expect(thrown(() => layerNorm(x, [4], undefined, undefined, -1))).toBeInstanceOf(InputError);
  });
});

/** Variance of each column (axis 0) or row (axis 1) of a row-major [rows, cols] array, with a correction. */
function varianceReference(x: readonly number[], rows: number, cols: number, axis: 0 | 1 | "all", correction: number): number[] {
  const groups: number[][] = axis === "all" ? [[...x]] : axis === 0 ? Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => x[i * cols + j]!)) : Array.from({ length: rows }, (_, i) => x.slice(i * cols, (i + 1) * cols));
  return groups.map((g) => {
    const mu = g.reduce((s, v) => s + v, 0) / g.length;
    return g.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(0, g.length - correction);
  });
}

describe("variance and std: PyTorch's correction", () => {
  const x = uniform([3, 5], 12, -4, 4);
  const values = valuesOf(x);

  for (const correction of [0, 1, 2]) {
    it(`correction ${correction}: each axis and all, against a loop`, () => {
      close([variance(x, undefined, { correction }).item()], varianceReference(values, 3, 5, "all", correction));
      close(variance(x, 0, { correction }).toFlatArray(), varianceReference(values, 3, 5, 0, correction));
      close(x.variance(1, { correction }).toFlatArray(), varianceReference(values, 3, 5, 1, correction));
      close(std(x, [-1], { correction }).toFlatArray(), varianceReference(values, 3, 5, 1, correction).map(Math.sqrt));
    });
  }

  it("hand-computed: var([1, 2, 3, 4]) = 5/3 (unbiased); std of the classic [2, 4, 4, 4, 5, 5, 7, 9] is 2 (biased)", () => {
    expect(variance(tensor([1, 2, 3, 4], f64)).item()).toBeCloseTo(5 / 3, 14);
    expect(std(tensor([2, 4, 4, 4, 5, 5, 7, 9], f64), 0, { correction: 0 }).item()).toBe(2);
  });

  it("keepdims keeps the reduced axes; one element with correction 1 is NaN, as PyTorch", () => {
    expect(variance(x, 1, { keepdims: true }).shape).toEqual([3, 1]);
    expect(x.std(undefined, { keepdims: true }).shape).toEqual([1, 1]);
    expect(variance(tensor([3], f64)).item()).toBeNaN();
  });


  it("errors: a bad axis is SHAPE_AXIS, a bad correction INPUT_OPTION", () => {
    expect(thrown(() => variance(x as Tensor, 2)).message).toBe("SHAPE_AXIS: variance: axis 2 is out of range for [3, 5]: valid axes are integers from -2 to 1");
    expect(thrown(() => std(x, 0, { correction: Number.NaN }))).toBeInstanceOf(InputError);
  });
});

describe("clamp", () => {
  it("values against min(max(x, min), max); NaN stays NaN; min > max gives max", () => {
    const x = tensor([-3, -1, 0, 0.5, 2, Number.NaN], f64);
    expect(clamp(x, -1, 1).toFlatArray()).toEqual([-1, -1, 0, 0.5, 1, Number.NaN]);
    expect(x.clamp(0).toFlatArray()).toEqual([0, 0, 0, 0.5, 2, Number.NaN]);
    expect(clamp(x, undefined, 0).toFlatArray()).toEqual([-3, -1, 0, 0, 0, Number.NaN]);
    expect(clamp(x, 2, 1).toFlatArray()).toEqual([1, 1, 1, 1, 1, Number.NaN]);
  });


  it("no bound, or a bound that is not a number, is INPUT_OPTION", () => {
    expect(thrown(() => clamp(zeros([2])))).toBeInstanceOf(InputError);
    expect(thrown(() => clamp(zeros([2]), Number.NaN))).toBeInstanceOf(InputError);
  });
});

describe("dropout: inverted dropout", () => {
  const x = fromArray(Array.from({ length: 10_000 }, (_, i) => 1 + (i % 7)), [100, 100], f64);

  it("each element is 0 or x/(1 − p); about p of them are dropped; the same seed drops the same ones", () => {
    const p = 0.3;
    const y = dropout(x, p, { seed: 7 });
    const values = valuesOf(x);
    let dropped = 0;
    y.toFlatArray().forEach((v, i) => {
      if (v === 0) dropped++;
      else expect(v).toBeCloseTo(values[i]! / (1 - p), 12);
    });
    expect(Math.abs(dropped / 10_000 - p)).toBeLessThan(0.02); // ±4.4 standard deviations
    expect(dropout(x, p, { seed: 7 }).toFlatArray()).toEqual(y.toFlatArray());
    expect(dropout(x, p, { seed: 8 }).toFlatArray()).not.toEqual(y.toFlatArray());
  });

  it("is the identity outside training and for p = 0", () => {
    expect(dropout(x, 0.5, { training: false })).toBe(x);
    expect(dropout(x, 0)).toBe(x);
  });


  it("p outside [0, 1) is INPUT_OPTION", () => {
    for (const p of [-0.1, 1, 1.5, Number.NaN]) expect(thrown(() => dropout(x, p))).toBeInstanceOf(InputError);
  });
});

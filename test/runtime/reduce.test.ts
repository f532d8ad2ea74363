// Reductions, softmax and where: values against hand-computed tables (NumPy 2.4 for exp/log values),
// axis handling (negative, lists, keepdims, leading axes of views), empty axes, and errors.
import { describe, expect, it } from "vitest";
import {
  ShapeError,
  Tensor,
  arange,
  fromArray,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  reduceShape,
  softmax,
  softmaxShape,
  sum,
  tensor,
  where,
  whereShape,
  zeros,
} from "../../src/index.js";
import { expectClose } from "./close.js";
import { thrown } from "../harness/runtime.js";

const f64 = { dtype: "float64" } as const;

describe("sum, mean, max, min", () => {
  const x = tensor([[1, 5, 3], [4, 2, 6]], f64);

  it("over every axis, one axis, negative axes, keepdims", () => {
    expect(x.sum().item()).toBe(21);
    expect(x.sum(0).toArray()).toEqual([5, 7, 9]);
    expect(x.sum(1).toArray()).toEqual([9, 12]);
    expect(x.sum(-1).toArray()).toEqual([9, 12]);
    expect(x.sum(1, true).toArray()).toEqual([[9], [12]]);
    expect(x.sum([0, 1]).item()).toBe(21);
    expect(x.sum([1, 0], true).toArray()).toEqual([[21]]);
    expect(x.sum(undefined, true).toArray()).toEqual([[21]]);
    expect(x.sum([]).toArray()).toEqual([[1, 5, 3], [4, 2, 6]]);
  });

  it("mean, max, min", () => {
    expect(x.mean().item()).toBe(3.5);
    expect(x.mean(0).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(x.mean(1).toArray()).toEqual([3, 4]);
    expect(x.max().item()).toBe(6);
    expect(x.max(0).toArray()).toEqual([4, 5, 6]);
    expect(x.max(1).toArray()).toEqual([5, 6]);
    expect(x.min(0).toArray()).toEqual([1, 2, 3]);
    expect(x.min(-1, true).toArray()).toEqual([[1], [2]]);
    expect(mean(x, 0).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(max(x).item()).toBe(6);
    expect(min(x).item()).toBe(1);
    expect(sum(x, 1).toArray()).toEqual([9, 12]);
  });

  describe("a [2, 3, 4] tensor with x[i, j, k] = 12i + 4j + k", () => {
    const y = fromArray(arange(24).toFlatArray(), [2, 3, 4], f64);
    it("sum over the leading axis: 12 + 8j + 2k", () => {
      const expected = [0, 1, 2].map((j) => [0, 1, 2, 3].map((k) => 12 + 8 * j + 2 * k));
      expect(y.sum(0).toArray()).toEqual(expected);
    });
    it("sum over the middle axis: 36i + 12 + 3k", () => {
      const expected = [0, 1].map((i) => [0, 1, 2, 3].map((k) => 36 * i + 12 + 3 * k));
      expect(y.sum(1).toArray()).toEqual(expected);
    });
    it("sum over the outer two axes [0, 2], keepdims: 32j + 60", () => {
      expect(y.sum([0, 2], true).shape).toEqual([1, 3, 1]);
      expect(y.sum([0, 2], true).toFlatArray()).toEqual([60, 92, 124]);
    });
    it("max over [1, 2] and min over [-1]", () => {
      expect(y.max([1, 2]).toArray()).toEqual([11, 23]);
      expect(y.min(-1).toArray()).toEqual([[0, 4, 8], [12, 16, 20]]);
    });
    it("mean over [0, 2]: (32j + 60) / 8", () => {
      expect(y.mean([0, 2]).toArray()).toEqual([7.5, 11.5, 15.5]);
    });
  });

  it("a strided view (a transpose) reduces in place, without a copy of its own", () => {
    const storage = tensor([1, 2, 3, 4, 5, 6], f64);
    const transposed = new Tensor(storage.data, [3, 2], [1, 3], 0); // [[1, 4], [2, 5], [3, 6]]
    expect(transposed.sum(0).toArray()).toEqual([6, 15]);
    expect(transposed.sum(1).toArray()).toEqual([5, 7, 9]);
    expect(transposed.max(0).toArray()).toEqual([3, 6]);
    const broadcastView = tensor([1, 2], f64).broadcastTo([3, 2]);
    expect(broadcastView.sum(0).toArray()).toEqual([3, 6]);
  });

  it("float32 sums accumulate in double precision", () => {
    // 2^24 + 1 + 1 + … is not representable step by step in float32; the double accumulator is exact
    const values = [16777216, ...new Array(64).fill(1)];
    expect(tensor(values).sum().item()).toBe(16777216 + 64);
  });

  it("empty axes: sum is 0, mean is NaN, max and min have no identity (SHAPE_AXIS)", () => {
    const empty = zeros([0, 3], f64);
    expect(empty.sum(0).toArray()).toEqual([0, 0, 0]);
    expect(empty.sum(1).toArray()).toEqual([]);
    expectClose(empty.mean(0).toArray(), [Number.NaN, Number.NaN, Number.NaN]);
    expect(empty.max(1).toArray()).toEqual([]); // nothing is reduced over an empty axis here
    const dynamic: Tensor<[number, 3]> = empty;
    const error = thrown(() => dynamic.max(0));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_AXIS: max: cannot reduce [0, 3] over axis 0: it has size 0 and max has no identity");
    expect(thrown(() => dynamic.min()).message).toBe("SHAPE_AXIS: min: cannot reduce [0, 3] over axis 0: it has size 0 and min has no identity");
  });

  it("NaN wins in max and min", () => {
    expectClose(tensor([1, Number.NaN, 3], f64).max().item(), Number.NaN);
    expectClose(tensor([Number.NaN, 1, 3], f64).min().item(), Number.NaN);
  });

  it("axis errors carry the compiler's SHAPE_AXIS messages", () => {
    const x2: Tensor = zeros([2, 3]);
    expect(thrown(() => x2.sum(2)).message).toBe("SHAPE_AXIS: sum: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    expect(thrown(() => x2.mean(-3)).message).toBe("SHAPE_AXIS: mean: axis -3 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    expect(thrown(() => x2.max([1, -1])).message).toBe("SHAPE_AXIS: max: axes [1, -1] name axis 1 twice for [2, 3]; each axis may appear once");
    expect(thrown(() => x2.logsumexp(0.5)).message).toBe("SHAPE_AXIS: logsumexp: axis 0.5 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    const scalar: Tensor = tensor(1);
    expect(thrown(() => scalar.min(0)).message).toBe("SHAPE_AXIS: min: axis 0 is out of range for []: a scalar has no axes");
  });

  it("reduceShape", () => {
    expect(reduceShape([2, 3, 4], [0, -1])).toEqual([3]);
    expect(reduceShape([2, 3, 4], 1, true)).toEqual([2, 1, 4]);
    expect(reduceShape([2, 3])).toEqual([]);
    expect(reduceShape(["batch", 3], 1)).toEqual(["batch"]);
    // @ts-expect-error axis out of range at compile time too
    expect(thrown(() => reduceShape([2, 3], 5)).message).toBe("SHAPE_AXIS: reduceShape: axis 5 is out of range for [2, 3]: valid axes are integers from -2 to 1");
  });
});

describe("logsumexp (values from NumPy 2.4)", () => {
  const s = tensor([[1, 2, 3], [-1, 0, 1000]], f64);
  it("along rows, stably", () => {
    expectClose(s.logsumexp(1).toArray(), [3.4076059644443806, 1000.0], 1e-15);
    expectClose(s.logsumexp(-1, true).toArray(), [[3.4076059644443806], [1000.0]], 1e-15);
    expectClose(logsumexp(tensor([1000, 1000, -1000], f64)).item(), 1000.6931471805599, 1e-15);
    expectClose(logsumexp(tensor([1, 2, 3], f64)).item(), 3.40760596444438, 1e-15);
  });
  it("of nothing or of −∞ only is −∞", () => {
    expect(logsumexp(zeros([0], f64)).item()).toBe(-Infinity);
    expect(logsumexp(tensor([-Infinity, -Infinity], f64)).item()).toBe(-Infinity);
  });
});

describe("softmax and logSoftmax (values from NumPy 2.4)", () => {
  const s = tensor([[1, 2, 3], [-1, 0, 1000]], f64);
  it("softmax over the last axis by default, stable for large inputs", () => {
    expectClose(s.softmax().toArray(), [[0.09003057317038046, 0.24472847105479764, 0.6652409557748218], [0, 0, 1]], 1e-15);
    expectClose(softmax(s, -1).toArray(), s.softmax(1).toArray(), 0);
  });
  it("softmax over axis 0", () => {
    expectClose(s.softmax(0).toArray(), [[0.8807970779778823, 0.8807970779778823, 0], [0.11920292202211755, 0.11920292202211755, 1]], 1e-15);
  });
  it("each slice along the axis sums to 1", () => {
    const probabilities = tensor([[0.3, -7, 12, 4], [100, 100, 100, 100]], f64).softmax();
    expectClose(probabilities.sum(1).toArray(), [1, 1], 1e-15);
    expectClose(probabilities.toArray()[1], [0.25, 0.25, 0.25, 0.25], 1e-15);
  });
  it("logSoftmax = x − logsumexp(x), without log(0)", () => {
    expectClose(s.logSoftmax().toArray(), [[-2.4076059644443806, -1.4076059644443806, -0.4076059644443806], [-1001, -1000, 0]], 1e-15);
    // column 2 holds 3 and 1000: log-softmax of 3 there is 3 − 1000
    expectClose(logSoftmax(s, 0).toArray()[0], [Math.log(0.8807970779778823), Math.log(0.8807970779778823), -997], 1e-12);
  });
  it("axis errors", () => {
    const x: Tensor = zeros([2, 3]);
    expect(thrown(() => x.softmax(2)).message).toBe("SHAPE_AXIS: softmax: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    const scalar: Tensor = tensor(1);
    expect(thrown(() => scalar.logSoftmax()).message).toBe("SHAPE_AXIS: logSoftmax: axis -1 is out of range for []: a scalar has no axes");
    expect(softmaxShape([2, 3])).toEqual([2, 3]);
    // @ts-expect-error the axis is out of range at compile time too
    expect(thrown(() => softmaxShape([2, 3], -3)).message).toBe("SHAPE_AXIS: softmaxShape: axis -3 is out of range for [2, 3]: valid axes are integers from -2 to 1");
  });
});

describe("where", () => {
  it("selects a where the condition is nonzero, b elsewhere, broadcasting all three", () => {
    const cond = tensor([[1], [0]], f64);
    expect(where(cond, tensor([[1, 2, 3]], f64), 0).toArray()).toEqual([[1, 2, 3], [0, 0, 0]]);
    expect(where(cond, -1, tensor([[7], [8]], f64)).toArray()).toEqual([[-1], [8]]);
    expect(where(tensor([1, 0, 2, Number.NaN], f64), tensor([1, 2, 3, 4], f64), tensor([-1, -2, -3, -4], f64)).toArray()).toEqual([1, -2, 3, 4]);
  });
  it("3-way: [2, 1, 1] × [1, 3, 1] × [1, 1, 4] → [2, 3, 4]", () => {
    const cond = tensor([[[1]], [[0]]], f64);
    const a = tensor([[[10], [20], [30]]], f64);
    const b = tensor([[[1, 2, 3, 4]]], f64);
    const out = where(cond, a, b);
    expect(out.shape).toEqual([2, 3, 4]);
    expect(out.toArray()).toEqual([
      [[10, 10, 10, 10], [20, 20, 20, 20], [30, 30, 30, 30]],
      [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]],
    ]);
  });
  it("the branches' dtype wins; the condition's does not matter", () => {
    expect(where(tensor([1, 0]), tensor([1, 2], f64), 0).dtype).toBe("float64");
    expect(thrown(() => where(tensor([1, 0]), tensor([1, 2], f64), tensor([1, 2]))).message).toBe(
      "INPUT_DTYPE_MISMATCH: where: cannot mix float64 and float32; convert one operand first, e.g. x.astype('float32')",
    );
  });
  it("the fold's error, with the compiler's message", () => {
    const cond: Tensor = zeros([3, 1]);
    const four: Tensor = zeros([1, 4]);
    expect(thrown(() => where(cond, four, zeros([5]))).message).toBe(
      "SHAPE_BROADCAST: where: cannot broadcast [3, 4] with [5]: axis -1 is 4 vs 5; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
    expect(thrown(() => where(cond, zeros([2, 2]), 0)).message).toBe(
      "SHAPE_BROADCAST: where: cannot broadcast [3, 1] with [2, 2]: axis -2 is 3 vs 2; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
    expect(whereShape([3, 1], [4], [])).toEqual([3, 4]);
  });
});

// matmul at run time: values against NumPy 2.4 (small tables) and against a naive reference loop
// written here from NumPy's definition (every shape pattern: 1-D promotion, batch broadcasting, size
// 0, strided and reversed operands, both dtypes), plus the run-time errors.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, fromArray, matmul, matmulShape, tensor, zeros } from "../../src/index.js";
import { seeded } from "../harness/random.js";
import { expectClose } from "./close.js";
import { thrown } from "../harness/runtime.js";

const f64 = { dtype: "float64" } as const;
const random = seeded(7_2026);

/** Row-major index of `index` in `shape`. */
const flatIndex = (shape: readonly number[], index: readonly number[]) => index.reduce((acc, i, axis) => acc * shape[axis]! + i, 0);
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * np.matmul by its definition, on flat row-major data: promote 1-D operands, broadcast the batch
 * dims (a size-1 batch axis reads index 0), sum over k in a plain triple loop, drop promoted axes.
 */
function referenceMatmul(a: readonly number[], aShape: readonly number[], b: readonly number[], bShape: readonly number[]): { data: number[]; shape: number[] } {
  const A = aShape.length === 1 ? [1, aShape[0]!] : [...aShape];
  const B = bShape.length === 1 ? [bShape[0]!, 1] : [...bShape];
  const [m, k] = A.slice(-2) as [number, number];
  const n = B[B.length - 1]!;
  const aBatch = A.slice(0, -2);
  const bBatch = B.slice(0, -2);
  const rank = Math.max(aBatch.length, bBatch.length);
  const pad = (s: number[]) => [...new Array(rank - s.length).fill(1), ...s];
  const pa = pad(aBatch);
  const pb = pad(bBatch);
  const batch = pa.map((d, i) => (d === 1 ? pb[i]! : d));
  const data: number[] = [];
  for (let flat = 0; flat < sizeOf(batch); flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let axis = batch.length - 1; axis >= 0; axis--) {
      index.unshift(rest % batch[axis]!);
      rest = Math.floor(rest / batch[axis]!);
    }
    const ai = index.map((i, axis) => (pa[axis] === 1 ? 0 : i)).slice(rank - aBatch.length);
    const bi = index.map((i, axis) => (pb[axis] === 1 ? 0 : i)).slice(rank - bBatch.length);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[flatIndex(A, [...ai, i, p])]! * b[flatIndex(B, [...bi, p, j])]!;
        data.push(sum);
      }
    }
  }
  let shape = [...batch, m, n];
  if (bShape.length === 1) shape = shape.slice(0, -1);
  if (aShape.length === 1) shape = [...shape.slice(0, shape.length - (bShape.length === 1 ? 1 : 2)), ...(bShape.length === 1 ? [] : [n])];
  return { data, shape };
}

const values = (n: number) => Array.from({ length: n }, () => random.int(-9, 9) / 4);

describe("matmul: values", () => {
  it("2-D × 2-D against NumPy", () => {
    expect(matmul(tensor([[1, 2, 3], [4, 5, 6]]), fromArray(Array.from({ length: 12 }, (_, i) => i + 1), [3, 4])).toArray()).toEqual([
      [38, 44, 50, 56],
      [83, 98, 113, 128],
    ]);
  });

  it("batch broadcasting [2, 1, 3, 4] @ [3, 4, 2] against NumPy", () => {
    const a = fromArray(Array.from({ length: 24 }, (_, i) => i - 5), [2, 1, 3, 4]);
    const b = fromArray(Array.from({ length: 24 }, (_, i) => (i % 7) - 3), [3, 4, 2]);
    const out = a.matmul(b);
    expect(out.shape).toEqual([2, 3, 3, 2]);
    expect(out.toArray()).toEqual([
      [[[10, 10], [10, -2], [10, -14]], [[10, -4], [-2, 0], [-14, 4]], [[-4, 3], [0, -5], [4, -13]]],
      [[[10, -26], [10, -38], [10, -50]], [[-26, 8], [-38, 12], [-50, 16]], [[8, -21], [12, -29], [16, -37]]],
    ]);
  });

  it("1-D promotion on either side, and vector · vector → a scalar, against NumPy", () => {
    const v = tensor([1, -2, 3]);
    const b = fromArray(Array.from({ length: 12 }, (_, i) => i + 1), [3, 4]);
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(matmul(v, b).toArray()).toEqual([18, 20, 22, 24]);
    expect(matmul(a, v).toArray()).toEqual([6, 12]);
    const dot = matmul(v, v);
    expect(dot.shape).toEqual([]);
    expect(dot.item()).toBe(14);
  });

  it("a transposed operand (a strided view) against NumPy: xᵀx", () => {
    const x = fromArray([0, 1, 2, 3, 4, 5], [3, 2]);
    expect(x.transpose().matmul(x).toArray()).toEqual([
      [20, 26],
      [26, 35],
    ]);
  });

  it("600 random shape patterns against the reference loop (float64, exact on quarter-integers)", () => {
    const problems: string[] = [];
    for (let trial = 0; trial < 600; trial++) {
      const batch = Array.from({ length: random.int(0, 3) }, () => random.int(0, 3));
      const m = random.int(0, 4);
      const k = random.int(0, 5);
      const n = random.int(0, 4);
      const batchFor = () => batch.slice(random.int(0, batch.length)).map((d) => (random.chance(0.3) ? 1 : d));
      const aShape = random.chance(0.2) ? [k] : [...batchFor(), m, k];
      const bShape = random.chance(0.2) ? [k] : [...batchFor(), k, n];
      const a = values(sizeOf(aShape));
      const b = values(sizeOf(bShape));
      const expected = referenceMatmul(a, aShape, b, bShape);
      // Lay the operands out in unusual ways: transposed or reversed views of other storage.
      const layout = random.pick(["contiguous", "transposed", "reversed"] as const);
      const left = laidOut(layout, a, aShape);
      const right = laidOut(layout, b, bShape);
      expect(left.toFlatArray()).toEqual(a);
      expect(right.toFlatArray()).toEqual(b);
      const out = matmul(left, right as never) as Tensor;
      const same = JSON.stringify(out.shape) === JSON.stringify(expected.shape) && JSON.stringify(out.toFlatArray()) === JSON.stringify(expected.data);
      if (!same) problems.push(`${JSON.stringify(aShape)} @ ${JSON.stringify(bShape)} (${layout}): ${JSON.stringify(out.shape)} ${JSON.stringify(out.toFlatArray())} vs ${JSON.stringify(expected)}`);
    }
    expect(problems).toEqual([]);
  });

  it("float32 results are float32, accumulated in float64 (then rounded once)", () => {
    const n = 1000;
    const a = fromArray(new Array(n).fill(0.1), [1, n]);
    const b = fromArray(new Array(n).fill(1), [n, 1]);
    const out = matmul(a, b);
    expect(out.dtype).toBe("float32");
    expect(out.toFlatArray()[0]).toBe(Math.fround(Math.fround(0.1) * n));
  });

  it("size-0 inner dims give zeros; size-0 outer dims give empty results", () => {
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(matmul(zeros([0, 3]), zeros([3, 2])).shape).toEqual([0, 2]);
    expect(matmul(zeros([2, 0, 3]), zeros([3, 4])).shape).toEqual([2, 0, 4]);
  });
});

/**
 * A tensor holding `data` (row-major) for `shape`, laid out as asked: contiguous; as the transpose
 * (last two axes) of a contiguous tensor; or as a view that runs backwards along the last two axes.
 */
function laidOut(layout: "contiguous" | "transposed" | "reversed", data: number[], shape: number[]): Tensor {
  const r = shape.length;
  if (layout === "contiguous" || r < 2) return fromArray(data, shape, f64);
  let view: Tensor;
  if (layout === "transposed") {
    const base = fromArray(new Array(data.length).fill(0), [...shape.slice(0, -2), shape[r - 1]!, shape[r - 2]!], f64);
    view = base.transpose([...shape.slice(0, -2).map((_, i) => i), r - 1, r - 2] as never) as Tensor;
  } else {
    const base = fromArray(new Array(data.length).fill(0), shape, f64);
    view = base.slice(r - 1, -1, undefined, -1).slice(r - 2, -1, undefined, -1) as Tensor;
  }
  // Write `data` through the view's strides, so the view reads it back row-major.
  data.forEach((value, flat) => {
    let rest = flat;
    let offset = view.offset;
    for (let axis = r - 1; axis >= 0; axis--) {
      offset += (rest % shape[axis]!) * view.strides[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
    view.data[offset] = value;
  });
  return view;
}

describe("matmul: run-time errors carry the compile-time messages", () => {
  it("inner dims", () => {
    const a = zeros([2, 3]) as Tensor;
    const b = zeros([4, 5]) as Tensor;
    const error = thrown(() => matmul(a, b as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "SHAPE_MATMUL: matmul: cannot multiply [2, 3] by [4, 5]: inner dims 3 vs 4; the left's last axis must equal the right's second-to-last (transpose one of them?)",
    );
  });

  it("a scalar operand, and batch dims that do not broadcast", () => {
    expect(thrown(() => (zeros([]) as Tensor).matmul(zeros([3]) as never)).message).toBe(
      "SHAPE_MATMUL: matmul: cannot multiply [] by [3]: the left operand is a scalar; matmul needs at least one axis on each side (mul scales by a scalar)",
    );
    expect(thrown(() => (zeros([2, 2, 1]) as Tensor).matmul(zeros([3, 1, 2]) as never)).message).toBe(
      "SHAPE_BROADCAST: matmul: cannot broadcast the batch dims of [2, 2, 1] and [3, 1, 2]: axis -3 is 2 vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    );
  });

  it("the method's message equals the shape rule's, with the op named matmul", () => {
    const rule = thrown(() => matmulShape([5, 2, 3] as number[], [7, 2, 3] as number[]));
    const method = thrown(() => (zeros([5, 2, 3]) as Tensor).matmul(zeros([7, 2, 3]) as never));
    expect(method.message).toBe(rule.message.replace("matmulShape", "matmul"));
  });

  it("mixed dtypes and non-tensor operands are input errors", () => {
    expect(thrown(() => matmul(zeros([2, 2]), zeros([2, 2], f64) as never))).toBeInstanceOf(InputError);
    expect(thrown(() => matmul(zeros([2, 2]), [[1, 2], [3, 4]] as never))).toBeInstanceOf(InputError);
  });
});

describe("matmul: no copies of operands it can read in place", () => {
  it("leaves its operands untouched", () => {
    const a = tensor([[1, 2], [3, 4]], f64);
    const b = tensor([[5, 6], [7, 8]], f64);
    expectClose(matmul(a, b).toArray(), [[19, 22], [43, 50]]);
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(b.toArray()).toEqual([[5, 6], [7, 8]]);
  });
});

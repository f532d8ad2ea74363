// The register-tiled matmul kernel (src/kernels/matmul.ts) against a naive triple loop written here
// that reads every element through its multi-index: odd sizes (remainders of the 4 × 4 tile and of
// the column block), strided operands (transposed views, every-other-element strides, offsets),
// batched and broadcast-batched operands, both dtypes. float32 results are compared with a tolerance
// for float32 rounding of the result (the kernel sums in double precision, in a different order).
import { describe, expect, it } from "vitest";
import { Tensor, fromArray, matmul, permute } from "../../src/index.js";
import { matmulKernel, type MatrixOperand } from "../../src/kernels/matmul.js";
import { seeded } from "../harness/random.js";

const random = seeded(13_2026);
type DT = "float32" | "float64";

/** Storage of `dtype` with `size` values in [-2, 2], exact in float32 (multiples of 1/64). */
function values(dtype: DT, size: number): Float32Array | Float64Array {
  const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = random.int(-128, 128) / 64;
  return data;
}

/**
 * A random strided view of `shape`: the axes laid out in a random order, sometimes with a gap
 * between elements, a random offset, and stride 0 on some size-1 axes.
 */
function randomView(dtype: DT, shape: readonly number[]): MatrixOperand & { shape: readonly number[] } {
  const order = shape.map((_, axis) => axis).sort(() => random.next() - 0.5);
  const strides: number[] = new Array(shape.length);
  let step = random.chance(0.3) ? 2 : 1;
  for (const axis of order.reverse()) {
    strides[axis] = shape[axis] === 1 && random.chance(0.5) ? 0 : step;
    step *= shape[axis]! + (random.chance(0.3) ? 1 : 0);
  }
  const offset = random.int(0, 3);
  return { data: values(dtype, offset + step + 1), offset, strides, shape };
}

/** The element of a strided view at a multi-index. */
function at(view: MatrixOperand, index: readonly number[]): number {
  let position = view.offset;
  index.forEach((i, axis) => (position += i * view.strides[axis]!));
  return view.data[position]!;
}

/** out[β, i, j] = Σ_p a[β, i, p] · b[β, p, j], the definition, in double precision. */
function naive(a: MatrixOperand, b: MatrixOperand, batch: readonly number[], m: number, k: number, n: number): number[] {
  const out: number[] = [];
  const count = batch.reduce((x, y) => x * y, 1);
  for (let flat = 0; flat < count; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let axis = batch.length - 1; axis >= 0; axis--) {
      index.unshift(rest % batch[axis]!);
      rest = Math.floor(rest / batch[axis]!);
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += at(a, [...index, i, p]) * at(b, [...index, p, j]);
        out.push(sum);
      }
    }
  }
  return out;
}

/** Asserts `actual` equals `expected` up to float32 rounding of each result (or exactly for float64 here: the values are exact). */
function expectMatches(actual: ArrayLike<number>, expected: readonly number[], dtype: DT, k: number): void {
  expect(actual.length).toBe(expected.length);
  // float64: the inputs are multiples of 1/64 and |sums| < 2^40, so every partial sum is exact in
  // any order. float32: the result is rounded once to float32 (relative 2^-24) — allow k ulps.
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const tolerance = dtype === "float64" ? 0 : Math.max(1, Math.abs(e)) * 2 ** -23 * Math.max(1, k);
    if (Math.abs(actual[i]! - e) > tolerance) expect.fail(`element ${i}: expected ${e}, got ${actual[i]}`);
  }
}

const ODD = [1, 3, 5, 17, 33];

describe("matmulKernel against the naive triple loop", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`contiguous operands, every combination of odd sizes (${dtype})`, () => {
      for (const m of ODD) {
        for (const k of ODD) {
          for (const n of ODD) {
            const a: MatrixOperand = { data: values(dtype, m * k), offset: 0, strides: [k, 1] };
            const b: MatrixOperand = { data: values(dtype, k * n), offset: 0, strides: [n, 1] };
            const out = dtype === "float64" ? new Float64Array(m * n) : new Float32Array(m * n);
            matmulKernel(out, a, b, [], m, k, n);
            expectMatches(out, naive(a, b, [], m, k, n), dtype, k);
          }
        }
      }
    });

    it(`transposed views on either or both sides (${dtype})`, () => {
      for (const [m, k, n] of [[5, 17, 33], [33, 5, 17], [17, 33, 3], [4, 8, 12], [1, 33, 5], [3, 1, 17]] as const) {
        for (const aT of [false, true]) {
          for (const bT of [false, true]) {
            // a transposed view of a [k, m] matrix has strides [1, m]; of a [n, k] matrix, [1, k].
            const a: MatrixOperand = { data: values(dtype, m * k + 2), offset: 2, strides: aT ? [1, m] : [k, 1] };
            const b: MatrixOperand = { data: values(dtype, k * n + 1), offset: 1, strides: bT ? [1, k] : [n, 1] };
            const out = dtype === "float64" ? new Float64Array(m * n) : new Float32Array(m * n);
            matmulKernel(out, a, b, [], m, k, n);
            expectMatches(out, naive(a, b, [], m, k, n), dtype, k);
          }
        }
      }
    });

    it(`random strided views, batched and broadcast-batched (${dtype})`, () => {
      for (let trial = 0; trial < 60; trial++) {
        const batch = Array.from({ length: random.int(0, 2) }, () => random.pick([1, 2, 3]));
        const [m, k, n] = [random.pick(ODD), random.pick(ODD), random.pick([...ODD, 4, 8])];
        // a size-1 batch axis of one operand broadcast against the other: stride 0
        const aView = randomView(dtype, [...batch, m, k]);
        const bView = randomView(dtype, [...batch, k, n]);
        const broadcastSide = random.int(0, 2);
        const strides = (view: MatrixOperand, side: number) =>
          view.strides.map((s, axis) => (axis < batch.length && broadcastSide === side && random.chance(0.5) ? 0 : s));
        const a: MatrixOperand = { ...aView, strides: strides(aView, 0) };
        const b: MatrixOperand = { ...bView, strides: strides(bView, 1) };
        const size = batch.reduce((x, y) => x * y, 1) * m * n;
        const out = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
        matmulKernel(out, a, b, batch, m, k, n);
        expectMatches(out, naive(a, b, batch, m, k, n), dtype, k);
      }
    });

    it(`results wider than a column block, with a packed (transposed) right side (${dtype})`, () => {
      for (const [m, k, n, bT] of [[5, 3, 1031, false], [6, 5, 1029, true], [2, 7, 600, true]] as const) {
        const a: MatrixOperand = { data: values(dtype, m * k), offset: 0, strides: [k, 1] };
        const b: MatrixOperand = { data: values(dtype, k * n), offset: 0, strides: bT ? [1, k] : [n, 1] };
        const out = dtype === "float64" ? new Float64Array(m * n) : new Float32Array(m * n);
        matmulKernel(out, a, b, [], m, k, n);
        expectMatches(out, naive(a, b, [], m, k, n), dtype, k);
      }
    });

    it(`a batch of packed right sides: each batch matrix packed, a broadcast one reused (${dtype})`, () => {
      const [m, k, n] = [6, 5, 7];
      // b: [3, k, n] as a transposed view of [3, n, k]; then the same with batch stride 0 (broadcast)
      for (const batchStride of [n * k, 0]) {
        const a: MatrixOperand = { data: values(dtype, 3 * m * k), offset: 0, strides: [m * k, k, 1] };
        const b: MatrixOperand = { data: values(dtype, 3 * n * k), offset: 0, strides: [batchStride, 1, k] };
        const out = dtype === "float64" ? new Float64Array(3 * m * n) : new Float32Array(3 * m * n);
        matmulKernel(out, a, b, [3], m, k, n);
        expectMatches(out, naive(a, b, [3], m, k, n), dtype, k);
      }
    });

    it(`k = 0 gives zeros; m = 0 or n = 0 writes nothing (${dtype})`, () => {
      const out = dtype === "float64" ? new Float64Array(6).fill(7) : new Float32Array(6).fill(7);
      matmulKernel(out, { data: values(dtype, 1), offset: 0, strides: [0, 1] }, { data: values(dtype, 1), offset: 0, strides: [3, 1] }, [], 2, 0, 3);
      expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
      const empty = dtype === "float64" ? new Float64Array(0) : new Float32Array(0);
      matmulKernel(empty, { data: values(dtype, 4), offset: 0, strides: [4, 1] }, { data: values(dtype, 4), offset: 0, strides: [0, 1] }, [], 0, 4, 0);
      expect(empty.length).toBe(0);
    });
  }
});

describe("matmul through the public API on transposed and broadcast views", () => {
  it("permuted operands and a broadcast batch give the naive loop's values (float32 and float64)", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const [batch, m, k, n] = [3, 17, 33, 5];
      const aData = values(dtype, batch * k * m);
      const bData = values(dtype, n * k);
      // a: [batch, m, k] as a permuted view of [batch, k, m]; b: [k, n] as a transposed [n, k], broadcast over the batch
      const a = permute(fromArray(aData, [batch, k, m], { dtype }), [0, 2, 1]) as Tensor;
      const b = permute(fromArray(bData, [n, k], { dtype }), [1, 0]) as Tensor;
      const result = matmul(a, b as never) as Tensor;
      expect(result.dims).toEqual([batch, m, n]);
      const expected = naive(
        { data: aData, offset: 0, strides: [k * m, 1, m] },
        { data: bData, offset: 0, strides: [0, 1, k] },
        [batch], m, k, n,
      );
      expectMatches(result.toFlatArray(), expected, dtype, k);
    }
  });
});

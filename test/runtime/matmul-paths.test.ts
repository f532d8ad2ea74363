// Each way src/kernels/matmul.ts computes a product, against a naive triple loop written here that
// reads every element through its strides:
//
// - dot products (fewer than 4 result columns; a column-major right side with at most 4 left rows),
// - the tiled loops over a float64 right side read in place (4-row blocks, the 1–3 leftover rows;
//   4-step tiles and the 1-, 2- and 3-step leftovers along k),
// - fewer than 4 left rows against a float32 right side read in place, row by row,
// - the tiled loops over a right side packed into float64 panels: a float32 right side with
//   contiguous rows (one contiguous run, rows wider or narrower than the view threshold, rows with
//   gaps), a transposed or otherwise strided one of either dtype, results wider than one column
//   block or narrowed for a very long inner dimension, batches of distinct right sides and one right
//   side broadcast over the batch (packed once, reused), and a right side broadcast along its
//   columns (stride 0).
//
// Values are multiples of 1/64 in [-2, 2]: every partial sum is exact in float64, so float64 results
// must equal the loop's exactly, and float32 results (summed in float64 by the kernel, rounded once)
// must equal its sum rounded to float32.
import { describe, expect, it } from "vitest";
import { Tensor, fromArray, matmul, permute } from "../../src/index.js";
import { matmulKernel, type MatrixOperand } from "../../src/kernels/matmul.js";
import { seeded } from "../harness/random.js";

const random = seeded(2026_12_02);
type DT = "float32" | "float64";
const DTYPES = ["float32", "float64"] as const;

function storage(dtype: DT, size: number): Float32Array | Float64Array {
  const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = random.int(-128, 128) / 64;
  return data;
}

/** How a `[...batch, rows, cols]` operand is laid out in its storage. */
interface Layout {
  /** column-major matrices (a transposed view) instead of row-major */
  readonly transposed?: boolean;
  /** elements skipped after each row (row-major) or column (column-major) */
  readonly gap?: number;
  /** stride 0 along every batch axis (one matrix broadcast over the batch) */
  readonly broadcast?: boolean;
  /** stride 0 along the columns (a `[rows, 1]` matrix expanded) */
  readonly columnsBroadcast?: boolean;
}

function operand(dtype: DT, batch: readonly number[], rows: number, cols: number, layout: Layout = {}): MatrixOperand {
  const gap = layout.gap ?? 0;
  const offset = random.int(0, 3);
  let sRow: number;
  let sCol: number;
  let matrix: number;
  if (layout.columnsBroadcast === true) {
    [sRow, sCol, matrix] = [1 + gap, 0, rows * (1 + gap)];
  } else if (layout.transposed === true) {
    [sRow, sCol, matrix] = [1, rows + gap, cols * (rows + gap)];
  } else {
    [sRow, sCol, matrix] = [cols + gap, 1, rows * (cols + gap)];
  }
  const strides: number[] = [];
  let step = matrix;
  for (let axis = batch.length - 1; axis >= 0; axis--) {
    strides.unshift(layout.broadcast === true ? 0 : step);
    if (layout.broadcast !== true) step *= batch[axis]!;
  }
  return { data: storage(dtype, offset + step + 1), offset, strides: [...strides, sRow, sCol] };
}

/** out[β, i, j] = Σ_p a[β, i, p] · b[β, p, j], by the definition, in float64. */
function naive(a: MatrixOperand, b: MatrixOperand, batch: readonly number[], m: number, k: number, n: number): number[] {
  const rank = batch.length + 2;
  const count = batch.reduce((x, y) => x * y, 1);
  const out: number[] = [];
  for (let flat = 0; flat < count; flat++) {
    let aAt = a.offset;
    let bAt = b.offset;
    for (let axis = batch.length - 1, rest = flat; axis >= 0; axis--) {
      const index = rest % batch[axis]!;
      rest = Math.floor(rest / batch[axis]!);
      aAt += index * a.strides[axis]!;
      bAt += index * b.strides[axis]!;
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          sum += a.data[aAt + i * a.strides[rank - 2]! + p * a.strides[rank - 1]!]! * b.data[bAt + p * b.strides[rank - 2]! + j * b.strides[rank - 1]!]!;
        }
        out.push(sum);
      }
    }
  }
  return out;
}

function check(dtype: DT, a: MatrixOperand, b: MatrixOperand, batch: readonly number[], m: number, k: number, n: number): void {
  const size = batch.reduce((x, y) => x * y, 1) * m * n;
  const out = dtype === "float64" ? new Float64Array(size).fill(NaN) : new Float32Array(size).fill(NaN);
  matmulKernel(out, a, b, batch, m, k, n);
  const expected = naive(a, b, batch, m, k, n);
  for (let i = 0; i < size; i++) {
    const e = dtype === "float64" ? expected[i]! : Math.fround(expected[i]!);
    if (out[i] !== e) expect.fail(`${dtype} [${batch}] ${m}×${k}×${n}: element ${i}: expected ${e}, got ${out[i]}`);
  }
}

describe("every path of the matmul kernel against the naive loop", () => {
  for (const dtype of DTYPES) {
    it(`dot products: fewer than 4 columns, or a column-major right side and at most 4 rows (${dtype})`, () => {
      for (const [m, k, n] of [[7, 9, 1], [5, 6, 3], [1, 33, 9], [4, 10, 128], [3, 5, 600]] as const) {
        check(dtype, operand(dtype, [], m, k), operand(dtype, [], k, n, { transposed: n >= 4 }), [], m, k, n);
      }
    });

    it(`tiled: every leftover of rows (m mod 4) and of k-steps (k mod 4), both operands in either layout (${dtype})`, () => {
      for (const m of [4, 5, 6, 7, 8, 13]) {
        for (const k of [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]) {
          for (const aLayout of [{}, { transposed: true }, { gap: 3 }]) {
            for (const bLayout of [{}, { transposed: true }, { gap: 2 }]) {
              check(dtype, operand(dtype, [], m, k, aLayout), operand(dtype, [], k, 9, bLayout), [], m, k, 9);
            }
          }
        }
      }
    });

    it(`fewer than 4 rows against contiguous rows, one or several column blocks (${dtype})`, () => {
      for (const m of [1, 2, 3]) {
        for (const [k, n] of [[1, 4], [3, 40], [4, 17], [9, 130], [6, 1030]] as const) {
          check(dtype, operand(dtype, [], m, k, { transposed: m === 2 }), operand(dtype, [], k, n), [], m, k, n);
          check(dtype, operand(dtype, [], m, k), operand(dtype, [], k, n, { gap: 5 }), [], m, k, n);
        }
      }
    });

    it(`right sides packed or read in place: contiguous, gapped rows narrow and wide, transposed, wider than a column block (${dtype})`, () => {
      for (const [m, k, n] of [[4, 7, 4], [9, 5, 20], [6, 12, 31], [5, 9, 32], [8, 3, 100], [5, 6, 513], [4, 5, 1100], [64, 10, 128]] as const) {
        for (const layout of [{}, { gap: 1 }, { gap: 40 }, { transposed: true }, { transposed: true, gap: 2 }]) {
          check(dtype, operand(dtype, [], m, k), operand(dtype, [], k, n, layout), [], m, k, n);
        }
      }
    });

    it(`a right side broadcast along its columns (stride 0), packed once per distinct block (${dtype})`, () => {
      for (const [m, k, n] of [[5, 7, 6], [8, 4, 1024], [6, 3, 700]] as const) {
        check(dtype, operand(dtype, [], m, k), operand(dtype, [], k, n, { columnsBroadcast: true }), [], m, k, n);
        check(dtype, operand(dtype, [3], m, k), operand(dtype, [3], k, n, { columnsBroadcast: true, broadcast: true }), [3], m, k, n);
      }
    });

    it(`batches: distinct right sides, one broadcast right side (packed once), either layout, narrow and wide (${dtype})`, () => {
      for (const batch of [[3], [2, 3]]) {
        for (const [m, k, n] of [[6, 5, 7], [2, 9, 40], [5, 6, 520], [9, 11, 33]] as const) {
          for (const bLayout of [{}, { broadcast: true }, { transposed: true }, { transposed: true, broadcast: true }, { gap: 3, broadcast: true }]) {
            for (const aLayout of [{}, { transposed: true }, { broadcast: true }]) {
              check(dtype, operand(dtype, batch, m, k, aLayout), operand(dtype, batch, k, n, bLayout), batch, m, k, n);
            }
          }
        }
      }
    });

    it(`a very long inner dimension: packed column blocks narrowed to bound the panel (${dtype})`, () => {
      // k = 9000: panels of at most 2^22 values hold 466 columns, so 600 columns take two blocks
      check(dtype, operand(dtype, [], 5, 9000), operand(dtype, [], 9000, 600, { transposed: dtype === "float64" }), [], 5, 9000, 600);
    });

    it(`random shapes, strides and batches (${dtype})`, () => {
      for (let trial = 0; trial < 150; trial++) {
        const batch = Array.from({ length: random.int(0, 2) }, () => random.int(1, 3));
        const [m, k, n] = [random.int(1, 14), random.int(1, 14), random.pick([1, 2, 3, 4, 5, 9, 31, 32, 33, 70])];
        const layout = (): Layout => ({ transposed: random.chance(0.4), gap: random.chance(0.3) ? random.int(1, 4) : 0, broadcast: random.chance(0.3) });
        check(dtype, operand(dtype, batch, m, k, layout()), operand(dtype, batch, k, n, layout()), batch, m, k, n);
      }
    });
  }

  it("a float32 and a float64 product in turn give the same values as each alone", () => {
    const run = (dtype: DT) => {
      const a = operand(dtype, [], 9, 13);
      const b = operand(dtype, [], 13, 40, { transposed: true });
      check(dtype, a, b, [], 9, 13, 40);
    };
    for (let round = 0; round < 4; round++) for (const dtype of DTYPES) run(dtype);
  });
});

describe("matmul through the public API, the MLP's backward shapes", () => {
  it("g @ wᵀ and xᵀ @ g on transposed views equal the naive loop (float32 and float64)", () => {
    for (const dtype of DTYPES) {
      const gData = storage(dtype, 64 * 10);
      const wData = storage(dtype, 128 * 10);
      const g = fromArray(gData, [64, 10], { dtype }) as Tensor;
      const wT = permute(fromArray(wData, [128, 10], { dtype }), [1, 0]) as Tensor;
      const dh = matmul(g, wT as never) as Tensor;
      const expectedDh = naive({ data: gData, offset: 0, strides: [10, 1] }, { data: wData, offset: 0, strides: [1, 10] }, [], 64, 10, 128);
      const round = dtype === "float32" ? Math.fround : (x: number) => x;
      expect(dh.dims).toEqual([64, 128]);
      expect(dh.toFlatArray()).toEqual(expectedDh.map(round));

      const xData = storage(dtype, 16 * 37);
      const xT = permute(fromArray(xData, [16, 37], { dtype }), [1, 0]) as Tensor;
      const g2Data = storage(dtype, 16 * 12);
      const dw = matmul(xT, fromArray(g2Data, [16, 12], { dtype }) as never) as Tensor;
      const expectedDw = naive({ data: xData, offset: 0, strides: [1, 37] }, { data: g2Data, offset: 0, strides: [12, 1] }, [], 37, 16, 12);
      expect(dw.dims).toEqual([37, 12]);
      expect(dw.toFlatArray()).toEqual(expectedDw.map(round));
    }
  });
});

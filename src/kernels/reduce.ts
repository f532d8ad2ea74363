/**
 * Reduction kernels: sum, max and min over any set of axes, in one pass over the input in its own
 * memory order — reducing over leading axes never makes a transposed copy. The output is addressed
 * through keepdims strides that are 0 on the reduced axes; after collapsing, a row is either reduced
 * (accumulated in a register) or kept (accumulated elementwise into a row of the output). Sums
 * accumulate in double precision.
 */
import type { Storage } from "../dtype.js";
import { Rows, collapse } from "./loop.js";

/** Reduction kernel codes. */
export const REDUCE = { sum: 0, max: 1, min: 2 } as const;
/** A reduction kernel code. */
export type ReduceCode = (typeof REDUCE)[keyof typeof REDUCE];

const IDENTITY: Record<ReduceCode, number> = { [REDUCE.sum]: 0, [REDUCE.max]: -Infinity, [REDUCE.min]: Infinity };

/** Reduces one row into a register: returns `acc` combined with `x[i], x[i+s], …` (n values). */
function reduceRow(op: ReduceCode, acc: number, x: Storage, i: number, s: number, n: number): number {
  const end = i + n * s;
  switch (op) {
    case REDUCE.sum:
      if (s === 1) for (; i < end; i++) acc += x[i];
      else for (let k = 0; k < n; k++, i += s) acc += x[i];
      return acc;
    // NaN wins, as in NumPy: once `acc` is NaN, neither test replaces it.
    case REDUCE.max:
      for (let k = 0; k < n; k++, i += s) if (x[i] > acc || x[i] !== x[i]) acc = x[i];
      return acc;
    case REDUCE.min:
      for (let k = 0; k < n; k++, i += s) if (x[i] < acc || x[i] !== x[i]) acc = x[i];
      return acc;
  }
}

/** Combines one row of `x` elementwise into a row of `acc`: `acc[o + k·so] ⊕= x[i + k·s]`. */
function combineRow(op: ReduceCode, acc: Float64Array, o: number, so: number, x: Storage, i: number, s: number, n: number): void {
  switch (op) {
    case REDUCE.sum:
      if (so === 1 && s === 1) for (let k = 0; k < n; k++) acc[o + k] += x[i + k];
      else for (let k = 0; k < n; k++, o += so, i += s) acc[o] += x[i];
      return;
    case REDUCE.max:
      for (let k = 0; k < n; k++, o += so, i += s) if (x[i] > acc[o] || x[i] !== x[i]) acc[o] = x[i];
      return;
    case REDUCE.min:
      for (let k = 0; k < n; k++, o += so, i += s) if (x[i] < acc[o] || x[i] !== x[i]) acc[o] = x[i];
      return;
  }
}

/**
 * The float64 accumulator of a float32 reduction, reused across calls up to `ACC_KEEP` elements
 * (larger ones are allocated per call). Internal to the kernel, which does not re-enter.
 */
const ACC_KEEP = 1 << 16;
let accSpace = new Float64Array(1024);

function accumulator(size: number): Float64Array {
  if (size > ACC_KEEP) return new Float64Array(size);
  if (size > accSpace.length) accSpace = new Float64Array(size);
  return accSpace.subarray(0, size);
}

/**
 * Reduces the strided view `x` of `shape` into `out` (contiguous, `outSize` elements). `outStrides`
 * are the keepdims strides of the output: row-major over the kept axes, 0 on the reduced ones.
 * `out` may be float64 (accumulated in place) or float32, int32 or bool (a double accumulator is
 * used, then stored: an int32 sum wraps modulo 2^32 only at the store).
 */
export function reduceKernel(
  op: ReduceCode,
  out: Storage,
  x: Storage, offset: number, strides: readonly number[],
  shape: readonly number[],
  outStrides: readonly number[],
): void {
  const acc = out instanceof Float64Array ? out : accumulator(out.length);
  acc.fill(IDENTITY[op]);
  let size = 1;
  for (const dim of shape) size *= dim;
  if (size > 0 && op === REDUCE.sum && sumRowBlocks(acc, x, offset, strides, shape, outStrides)) {
    // done: whole rows summed into output rows, several per pass
  } else if (size > 0) {
    const rows = new Rows(shape, [strides, outStrides], [offset, 0]);
    const [sx, so] = rows.step as [number, number];
    for (let r = 0; r < rows.count; r++) {
      const i = rows.offsets[0];
      const o = rows.offsets[1];
      if (so === 0) acc[o] = reduceRow(op, acc[o], x, i, sx, rows.length);
      else combineRow(op, acc, o, so, x, i, sx, rows.length);
      rows.next();
    }
  }
  if (acc !== out) out.set(acc);
}

/**
 * A sum whose innermost (collapsed) axis is kept and the one before it reduced — `sum(x, 0)` of a
 * matrix, the bias gradient of a `[batch, features]` layer: every input row along the reduced axis
 * adds into the same output row. Four input rows are added per pass over the output row, so the
 * accumulator row is read and written once per four. Returns `false` (doing nothing) for any other
 * layout.
 */
function sumRowBlocks(acc: Float64Array, x: Storage, offset: number, strides: readonly number[], shape: readonly number[], outStrides: readonly number[]): boolean {
  const { shape: dims, strides: [xs, os] } = collapse(shape, [strides, outStrides]) as { shape: number[]; strides: [number[], number[]] };
  const last = dims.length - 1;
  if (last < 1 || os[last] === 0 || os[last - 1] !== 0) return false;
  const n = dims[last]!;
  const sx = xs[last]!;
  const so = os[last]!;
  // The outer loop walks every axis but the last; its rows are the reduced axis (step sRow in x, 0 in out).
  const rows = new Rows(dims.slice(0, last), [xs.slice(0, last), os.slice(0, last)], [offset, 0]);
  const count = rows.length;
  const sRow = rows.step[0]!;
  const count4 = count - (count % 4);
  for (let r = 0; r < rows.count; r++) {
    const o = rows.offsets[1]!;
    const i = rows.offsets[0]!;
    if (count4 > 0) addFourRows(acc, o, so, x, i, sRow, sx, n, count4);
    for (let p = count4; p < count; p++) addOneRow(acc, o, so, x, i + p * sRow, sx, n);
    rows.next();
  }
  return true;
}

/** `acc[o + k·so] += Σ x[i + p·sRow + k·sx]` over `count4` rows p (a multiple of 4), four per pass. */
function addFourRows(acc: Float64Array, o: number, so: number, x: Storage, i: number, sRow: number, sx: number, n: number, count4: number): void {
  for (let p = 0; p < count4; p += 4, i += 4 * sRow) {
    const i1 = i + sRow;
    const i2 = i1 + sRow;
    const i3 = i2 + sRow;
    if (sx === 1 && so === 1) {
      for (let k = 0; k < n; k++) acc[o + k] += x[i + k]! + x[i1 + k]! + x[i2 + k]! + x[i3 + k]!;
    } else {
      for (let k = 0, ok = o, d = 0; k < n; k++, ok += so, d += sx) acc[ok] += x[i + d]! + x[i1 + d]! + x[i2 + d]! + x[i3 + d]!;
    }
  }
}

/** `acc[o + k·so] += x[i + k·sx]` for one row. */
function addOneRow(acc: Float64Array, o: number, so: number, x: Storage, i: number, sx: number, n: number): void {
  if (sx === 1 && so === 1) for (let k = 0; k < n; k++) acc[o + k] += x[i + k]!;
  else for (let k = 0, ok = o, d = 0; k < n; k++, ok += so, d += sx) acc[ok] += x[i + d]!;
}

/**
 * Elementwise kernels: unary maps, equal-shape binary maps (operands may be broadcast views with
 * stride 0), the three-way select of `where`, and strided copy. Each op is its own tight loop; the
 * `switch` picks the loop once per row, never per element. Values are computed in double precision
 * and stored in the output's element type.
 */
import type { Storage } from "../dtype.js";
import { Rows, isRowMajor } from "./loop.js";

/** Unary kernel codes. `sign` and `copy` serve gradient rules and conversions. */
export const UNARY = { neg: 0, exp: 1, log: 2, sqrt: 3, abs: 4, tanh: 5, sigmoid: 6, relu: 7, sign: 8, copy: 9 } as const;
/** A unary kernel code. */
export type UnaryCode = (typeof UNARY)[keyof typeof UNARY];

/**
 * Binary kernel codes. The comparisons give 1 or 0 (the public comparison ops and gradient masks);
 * `imul` is int32 multiplication, exact modulo 2^32 (`Math.imul`), where a product in double precision
 * could lose the low bits before the int32 store wraps it.
 */
export const BINARY = {
  add: 0, mul: 1, div: 2, pow: 3, maximum: 4, minimum: 5, greater: 6, less: 7, equal: 8,
  greaterEqual: 9, lessEqual: 10, notEqual: 11, imul: 12,
} as const;
/** A binary kernel code. */
export type BinaryCode = (typeof BINARY)[keyof typeof BINARY];

/** One run of a unary map: `out[o..o+n) = f(x[i], x[i+s], …)`. */
function unaryRun(op: UnaryCode, out: Storage, o: number, x: Storage, i: number, s: number, n: number): void {
  const end = o + n;
  switch (op) {
    case UNARY.neg: for (; o < end; o++, i += s) out[o] = -x[i]; return;
    case UNARY.exp: for (; o < end; o++, i += s) out[o] = Math.exp(x[i]); return;
    case UNARY.log: for (; o < end; o++, i += s) out[o] = Math.log(x[i]); return;
    case UNARY.sqrt: for (; o < end; o++, i += s) out[o] = Math.sqrt(x[i]); return;
    case UNARY.abs: for (; o < end; o++, i += s) out[o] = Math.abs(x[i]); return;
    case UNARY.tanh: for (; o < end; o++, i += s) out[o] = Math.tanh(x[i]); return;
    case UNARY.sigmoid:
      for (; o < end; o++, i += s) {
        const v = x[i];
        // Two forms so that exp never overflows: 1/(1+e^-v) for v ≥ 0, e^v/(1+e^v) below.
        if (v >= 0) out[o] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[o] = e / (1 + e);
        }
      }
      return;
    case UNARY.relu: for (; o < end; o++, i += s) out[o] = x[i] > 0 ? x[i] : x[i] !== x[i] ? x[i] : 0; return;
    case UNARY.sign: for (; o < end; o++, i += s) out[o] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : x[i]; return;
    case UNARY.copy: for (; o < end; o++, i += s) out[o] = x[i]; return;
  }
}

/** `out = f(x)` elementwise; `out` is contiguous with `shape`, `x` any strided view of that shape. */
export function unaryKernel(op: UnaryCode, out: Storage, x: Storage, offset: number, strides: readonly number[], shape: readonly number[]): void {
  if (out.length === 0) return;
  if (isRowMajor(shape, strides)) {
    unaryRun(op, out, 0, x, offset, 1, out.length);
    return;
  }
  const rows = new Rows(shape, [strides], [offset]);
  for (let r = 0, o = 0; r < rows.count; r++, o += rows.length) {
    unaryRun(op, out, o, x, rows.offsets[0], rows.step[0], rows.length);
    rows.next();
  }
}

/** Copies a strided view into contiguous `out` (of either element type). */
export function copyStrided(out: Storage, x: Storage, offset: number, strides: readonly number[], shape: readonly number[]): void {
  unaryKernel(UNARY.copy, out, x, offset, strides, shape);
}

/**
 * One run of a binary map: `out[o + k] = f(a[i + k·sa], b[j + k·sb])` for k < n. Each op has four
 * loops — both operands running contiguously (same shape, row broadcast), the right or the left one
 * fixed (scalar, column broadcast: its value is hoisted), and any strides.
 */
type BinaryRun = (out: Storage, o: number, a: Storage, i: number, sa: number, b: Storage, j: number, sb: number, n: number) => void;

/** The run of each binary op, indexed by its code. `maximum`/`minimum` propagate NaN, as NumPy does. */
const BINARY_RUNS: readonly BinaryRun[] = [
  // add
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] + b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] + y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x + b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] + b[j];
  },
  // mul
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] * b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] * y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x * b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] * b[j];
  },
  // div
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] / b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] / y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x / b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] / b[j];
  },
  // pow
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] ** b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] ** y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x ** b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] ** b[j];
  },
  // maximum
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] > b[j] || a[i] !== a[i] ? a[i] : b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] > y || a[i] !== a[i] ? a[i] : y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x > b[j] || x !== x ? x : b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] > b[j] || a[i] !== a[i] ? a[i] : b[j];
  },
  // minimum
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] < b[j] || a[i] !== a[i] ? a[i] : b[j];
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] < y || a[i] !== a[i] ? a[i] : y;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x < b[j] || x !== x ? x : b[j];
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] < b[j] || a[i] !== a[i] ? a[i] : b[j];
  },
  // greater
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] > b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] > y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x > b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] > b[j] ? 1 : 0;
  },
  // less
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] < b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] < y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x < b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] < b[j] ? 1 : 0;
  },
  // equal
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] === b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] === y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x === b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] === b[j] ? 1 : 0;
  },
  // greaterEqual
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] >= b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] >= y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x >= b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] >= b[j] ? 1 : 0;
  },
  // lessEqual
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] <= b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] <= y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x <= b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] <= b[j] ? 1 : 0;
  },
  // notEqual (NaN ≠ NaN, as in NumPy)
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = a[i] !== b[j] ? 1 : 0;
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = a[i] !== y ? 1 : 0;
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = x !== b[j] ? 1 : 0;
    else for (; o < end; o++, i += sa, j += sb) out[o] = a[i] !== b[j] ? 1 : 0;
  },
  // imul
  (out, o, a, i, sa, b, j, sb, n) => {
    const end = o + n;
    if (sa === 1 && sb === 1) for (; o < end; o++, i++, j++) out[o] = Math.imul(a[i], b[j]);
    else if (sb === 0) for (const y = b[j]; o < end; o++, i += sa) out[o] = Math.imul(a[i], y);
    else if (sa === 0) for (const x = a[i]; o < end; o++, j += sb) out[o] = Math.imul(x, b[j]);
    else for (; o < end; o++, i += sa, j += sb) out[o] = Math.imul(a[i], b[j]);
  },
];

/**
 * `out = f(a, b)` elementwise over `shape`; `a` and `b` are strided views of that shape (a broadcast
 * operand has stride 0 on its stretched axes), `out` is contiguous.
 */
export function binaryKernel(
  op: BinaryCode,
  out: Storage,
  a: Storage, aOffset: number, aStrides: readonly number[],
  b: Storage, bOffset: number, bStrides: readonly number[],
  shape: readonly number[],
): void {
  if (out.length === 0) return;
  if (isRowMajor(shape, aStrides) && isRowMajor(shape, bStrides)) {
    BINARY_RUNS[op](out, 0, a, aOffset, 1, b, bOffset, 1, out.length);
    return;
  }
  const run = BINARY_RUNS[op];
  const rows = new Rows(shape, [aStrides, bStrides], [aOffset, bOffset]);
  const [sa, sb] = rows.step as [number, number];
  for (let r = 0, o = 0; r < rows.count; r++, o += rows.length) {
    run(out, o, a, rows.offsets[0], sa, b, rows.offsets[1], sb, rows.length);
    rows.next();
  }
}

/** `out = cond ≠ 0 ? a : b` elementwise over `shape`; the three inputs are strided views. */
export function whereKernel(
  out: Storage,
  cond: Storage, cOffset: number, cStrides: readonly number[],
  a: Storage, aOffset: number, aStrides: readonly number[],
  b: Storage, bOffset: number, bStrides: readonly number[],
  shape: readonly number[],
): void {
  if (out.length === 0) return;
  const rows = new Rows(shape, [cStrides, aStrides, bStrides], [cOffset, aOffset, bOffset]);
  const [sc, sa, sb] = rows.step as [number, number, number];
  for (let r = 0, o = 0; r < rows.count; r++) {
    let c = rows.offsets[0];
    let i = rows.offsets[1];
    let j = rows.offsets[2];
    for (const end = o + rows.length; o < end; o++, c += sc, i += sa, j += sb) out[o] = cond[c] !== 0 ? a[i] : b[j];
    rows.next();
  }
}

/**
 * The loop structure every strided kernel shares. Axes are first collapsed (size-1 axes dropped, and
 * neighbouring axes merged wherever every operand steps through them as one run), so a broadcast
 * like `[32, 64, 32, 32] + [64, 1, 1]` becomes `[32, 64, 1024]` with an inner run of 1024. Kernels
 * then walk the rows (all axes but the last) with `Rows` and run a tight inner loop per row, with
 * one stride per operand — no per-element index arithmetic, closures or allocation.
 */

/** Axes of a loop after collapsing, with each operand's strides. */
export interface Collapsed {
  readonly shape: number[];
  readonly strides: number[][];
}

/**
 * Drops size-1 axes and merges axis `a` into axis `a + 1` whenever, for every operand,
 * `stride[a] === stride[a + 1] * shape[a + 1]`. Always returns at least one axis.
 */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Collapsed {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis];
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    if (mergeable) {
      for (let k = 0; k < strides.length; k++) {
        if (strides[k][axis] !== outStrides[k][last] * outShape[last]) {
          mergeable = false;
          break;
        }
      }
    }
    if (mergeable) {
      outShape[last] = outShape[last] * size;
    } else {
      outShape.push(size);
      for (let k = 0; k < strides.length; k++) outStrides[k].push(strides[k][axis]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(0);
  }
  outShape.reverse();
  for (const s of outStrides) s.reverse();
  return { shape: outShape, strides: outStrides };
}

/**
 * Walks the rows of a collapsed loop: `offsets[k]` is where operand `k`'s current row starts,
 * `length` the row length and `step[k]` operand `k`'s stride along the row.
 */
export class Rows {
  /** Elements per row (the innermost collapsed axis). */
  readonly length: number;
  /** Number of rows. */
  readonly count: number;
  /** Stride along the row, per operand. */
  readonly step: number[];
  /** Start of the current row, per operand. */
  readonly offsets: number[];
  readonly #outerShape: number[];
  readonly #outerStrides: number[][];
  readonly #counter: number[];

  constructor(shape: readonly number[], strides: readonly (readonly number[])[], offsets: readonly number[]) {
    const { shape: dims, strides: steps } = collapse(shape, strides);
    const last = dims.length - 1;
    this.length = dims[last];
    this.step = steps.map((s) => s[last]);
    this.offsets = [...offsets];
    this.#outerShape = dims.slice(0, last);
    this.#outerStrides = steps.map((s) => s.slice(0, last));
    this.#counter = new Array(last).fill(0);
    let count = 1;
    for (const dim of this.#outerShape) count *= dim;
    this.count = count;
  }

  /** Moves every operand's offset to the start of the next row. */
  next(): void {
    const offsets = this.offsets;
    for (let axis = this.#outerShape.length - 1; axis >= 0; axis--) {
      const counter = this.#counter[axis] + 1;
      this.#counter[axis] = counter;
      if (counter < this.#outerShape[axis]) {
        for (let k = 0; k < offsets.length; k++) offsets[k] += this.#outerStrides[k][axis];
        return;
      }
      this.#counter[axis] = 0;
      for (let k = 0; k < offsets.length; k++) offsets[k] -= this.#outerStrides[k][axis] * (counter - 1);
    }
  }
}

/** `true` when `strides` are row-major for `shape` (size-1 axes may have any stride). */
export function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && strides[axis] !== step) return false;
    step *= shape[axis];
  }
  return true;
}

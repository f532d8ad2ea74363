/**
 * REFERENCE KERNELS for `npm run bench` — tuned plain JavaScript, written for this benchmark only and
 * not used by the library. Each does one job on contiguous typed arrays as fast as plain JS on this
 * engine reasonably gets (no WebAssembly, no SIMD, no threads), so the bench can say how close the
 * library's general kernels (any strides, any rank, autograd bookkeeping) come to the best specific
 * loop. Every reference allocates its result, as the library does.
 */

/** Float32Array or Float64Array. */
export type Floats = Float32Array | Float64Array;

/** A fresh array of the same type as `like`. */
export function like(array: Floats, size: number): Floats {
  return array instanceof Float64Array ? new Float64Array(size) : new Float32Array(size);
}

/** The row scratch of `referenceMatmul`, reused across calls (grown when needed). */
let matmulScratch = new Float64Array(0);

/**
 * C = A @ B for contiguous row-major A [m, k] and B [k, n]: an i-k-j loop tiled 4 × 4 in registers —
 * 4 rows of A times 4 steps of k held in 16 locals, one pass along 4 rows of B adding 16 products into
 * 4 result rows — accumulated in a float64 row scratch and written out once per 4 rows. Of the plain-JS
 * loop shapes tried on this machine (4 × 4 i-j-k with 16 accumulators, i-k-j with 4 rows, 4 × 3,
 * 3 × 4, 2 × 8 and 8 × 2 tiles, packed panels), this was the fastest for both dtypes. Each loop nest
 * is a function of its own: written as one function, V8 compiled it on-stack while the first loop
 * ran and then deoptimized it again and again on reaching the remainder loops (seen 37 times in one
 * run), which would make the reference slower than it should be.
 */
export function referenceMatmul(A: Floats, B: Floats, m: number, k: number, n: number): Floats {
  const C = like(A, m * n);
  if (matmulScratch.length < 4 * n) matmulScratch = new Float64Array(4 * n);
  const scratch = matmulScratch.subarray(0, 4 * n);
  const k4 = k - (k % 4);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    scratch.fill(0);
    tile(scratch, A, i * k, k, B, n, k4);
    if (k4 < k) tileRemainder(scratch, A, i * k, k, B, n, k4);
    C.set(scratch, i * n);
  }
  for (; i < m; i++) {
    scratch.fill(0, 0, n);
    singleRow(scratch, A, i * k, k, B, n);
    C.set(scratch.subarray(0, n), i * n);
  }
  return C;
}

/** 4 rows of A (from `r0`, row length k) × the first `k4` rows of B, 4 k-steps at a time, into scratch. */
function tile(scratch: Float64Array, A: Floats, r0: number, k: number, B: Floats, n: number, k4: number): void {
  const r1 = r0 + k;
  const r2 = r1 + k;
  const r3 = r2 + k;
  const n2 = 2 * n;
  const n3 = 3 * n;
  for (let p = 0; p < k4; p += 4) {
    const a00 = A[r0 + p]!, a01 = A[r0 + p + 1]!, a02 = A[r0 + p + 2]!, a03 = A[r0 + p + 3]!;
    const a10 = A[r1 + p]!, a11 = A[r1 + p + 1]!, a12 = A[r1 + p + 2]!, a13 = A[r1 + p + 3]!;
    const a20 = A[r2 + p]!, a21 = A[r2 + p + 1]!, a22 = A[r2 + p + 2]!, a23 = A[r2 + p + 3]!;
    const a30 = A[r3 + p]!, a31 = A[r3 + p + 1]!, a32 = A[r3 + p + 2]!, a33 = A[r3 + p + 3]!;
    const q0 = p * n;
    const q1 = q0 + n;
    const q2 = q1 + n;
    const q3 = q2 + n;
    for (let j = 0; j < n; j++) {
      const b0 = B[q0 + j]!, b1 = B[q1 + j]!, b2 = B[q2 + j]!, b3 = B[q3 + j]!;
      scratch[j] += a00 * b0 + a01 * b1 + a02 * b2 + a03 * b3;
      scratch[n + j] += a10 * b0 + a11 * b1 + a12 * b2 + a13 * b3;
      scratch[n2 + j] += a20 * b0 + a21 * b1 + a22 * b2 + a23 * b3;
      scratch[n3 + j] += a30 * b0 + a31 * b1 + a32 * b2 + a33 * b3;
    }
  }
}

/** The k-steps from `k4` to k of a 4-row block, one at a time. */
function tileRemainder(scratch: Float64Array, A: Floats, r0: number, k: number, B: Floats, n: number, k4: number): void {
  for (let p = k4; p < k; p++) {
    const a0 = A[r0 + p]!, a1 = A[r0 + k + p]!, a2 = A[r0 + 2 * k + p]!, a3 = A[r0 + 3 * k + p]!;
    const q = p * n;
    for (let j = 0; j < n; j++) {
      const b = B[q + j]!;
      scratch[j] += a0 * b;
      scratch[n + j] += a1 * b;
      scratch[2 * n + j] += a2 * b;
      scratch[3 * n + j] += a3 * b;
    }
  }
}

/** One row of A (from `r`) times B, into scratch. */
function singleRow(scratch: Float64Array, A: Floats, r: number, k: number, B: Floats, n: number): void {
  for (let p = 0; p < k; p++) {
    const a = A[r + p]!;
    const q = p * n;
    for (let j = 0; j < n; j++) scratch[j] += a * B[q + j]!;
  }
}

/** The transpose of a contiguous [rows, cols] matrix, as a fresh contiguous [cols, rows] one. */
export function referenceTranspose(X: Floats, rows: number, cols: number): Floats {
  const out = like(X, rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0, x = i * cols; j < cols; j++, x++) out[j * rows + i] = X[x]!;
  return out;
}

/** out[j] = Σ_i X[i, j] for contiguous X [rows, cols]: four rows added per pass over `out`. */
export function referenceSumRows(X: Floats, rows: number, cols: number): Floats {
  const out = like(X, cols);
  const rows4 = rows - (rows % 4);
  sumFourRows(out, X, rows4, cols);
  for (let i = rows4; i < rows; i++) addRow(out, X, i * cols, cols);
  return out;
}

function sumFourRows(out: Floats, X: Floats, rows4: number, cols: number): void {
  for (let i = 0; i < rows4; i += 4) {
    const x0 = i * cols;
    const x1 = x0 + cols;
    const x2 = x1 + cols;
    const x3 = x2 + cols;
    for (let j = 0; j < cols; j++) out[j] += X[x0 + j]! + X[x1 + j]! + X[x2 + j]! + X[x3 + j]!;
  }
}

function addRow(out: Floats, X: Floats, x: number, cols: number): void {
  for (let j = 0; j < cols; j++) out[j] += X[x + j]!;
}

/**
 * Forward and backward of `y = a + b` for a [rows, cols] and a row b [cols], given the upstream
 * gradient g [rows, cols]: the forward pass writes y; one backward pass over g writes da (a copy of g —
 * a gradient of its own, as the library's `.grad` is) and adds g's rows into db. (Two functions, for
 * the reason given at `referenceMatmul`.)
 */
export function referenceAddForwardBackward(a: Floats, b: Floats, g: Floats, rows: number, cols: number): { y: Floats; da: Floats; db: Floats } {
  const y = addRowForward(a, b, rows, cols);
  const da = like(a, rows * cols);
  const db = like(a, cols);
  addRowBackward(g, da, db, rows, cols);
  return { y, da, db };
}

function addRowForward(a: Floats, b: Floats, rows: number, cols: number): Floats {
  const y = like(a, rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) y[base + j] = a[base + j]! + b[j]!;
  }
  return y;
}

function addRowBackward(g: Floats, da: Floats, db: Floats, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = g[base + j]!;
      da[base + j] = v;
      db[j] += v;
    }
  }
}

/**
 * The matrix-product kernel: `out[β] = A[β] @ B[β]` for every batch index β, over strided views.
 *
 * The main loop is an i-k-j product tiled 4 × 4 in registers: for a block of 4 rows of `A` and 4
 * steps along k, the 16 values of `A` are loaded once into locals, and one pass along the 4 rows of
 * `B` adds all 16 products into 4 result rows — each element of `B` is loaded once per 16
 * multiply-adds, each result element once per 4 k-steps. Result rows are accumulated in a float64
 * scratch (so float32 inputs are summed in double precision, and the inner loop always stores to the
 * same array type) and written out once per block of 4 rows. Columns are processed in blocks of
 * `COLUMN_BLOCK`, so that the scratch and the rows of `B` being read stay in cache for wide results.
 * The steps along k that are left over (k mod 4) are done together in one more pass (a 4 × 1, 4 × 2 or
 * 4 × 3 tile), and the rows left over (m mod 4) one at a time, 4 k-steps per pass.
 *
 * Layouts and element types: `A` may have any strides and either float type (a transposed view is
 * read in place; its values are loaded outside the inner loop). The tiled loops read `B` only as
 * float64 with contiguous rows: a float64 `B` with contiguous rows is read in place; any other `B`
 * (float32, or a transposed or otherwise strided view) is packed, one column block at a time, into
 * a row-major float64 panel — once per distinct block, so a `B` broadcast over the batch is packed
 * once. Keeping one element type in the inner loops matters as much as the packing: a V8 load site
 * that has seen both Float32Array and Float64Array dispatches on every load, and after a process
 * had run products of both dtypes those loops ran 10–30% slower. Packing costs one pass over `B`
 * (by `set` when its rows are contiguous) against m passes in the product; for fewer than 4 rows of
 * `A` a contiguous float32 `B` is read in place instead, row by row. When `B` has fewer than 4
 * columns, or is column-major and `A` has at most 4 rows (matrix-vector shapes), each result element
 * is a dot product instead — packing would cost as much as the product.
 */
import type { Storage } from "../dtype.js";

/** Columns of the result computed per pass (the scratch holds 4 × this many float64 values). */
const COLUMN_BLOCK = 512;

/**
 * The kernel's working memory, allocated once and reused by every call: the row scratch, and the
 * panel a right side is packed into (`k × block` values; kept up to `PACK_KEEP` elements, larger
 * ones are allocated per call and dropped). Internal to the kernel — never part of a tensor — and
 * the kernel neither calls out nor re-enters, so one of each suffices. The scratch is all zeros between uses: each block of
 * rows is zeroed as it is copied out (`flush`), so no pass clears it before the next block.
 */
const SCRATCH = new Float64Array(4 * COLUMN_BLOCK);
const PACK_KEEP = 1 << 20;
/**
 * Packed column blocks are narrowed below `COLUMN_BLOCK` when `k` is so large that a panel would
 * exceed this many elements (32 MiB): a very long inner dimension narrows the passes instead of
 * allocating a panel as large as `B` itself.
 */
const PACK_LIMIT = 1 << 22;
let packSpace = new Float64Array(0);

/** A float64 buffer of at least `size` elements for packing. */
function packBuffer(size: number): Float64Array {
  if (size <= packSpace.length) return packSpace;
  const buffer = new Float64Array(size);
  if (size <= PACK_KEEP) packSpace = buffer;
  return buffer;
}

/** The batch counter of a product without batch axes (never written). */
const NO_BATCH: number[] = [];

/** A strided batch of matrices: storage, offset, strides of `[...batch, rows, columns]`. */
export interface MatrixOperand {
  readonly data: Storage;
  readonly offset: number;
  readonly strides: readonly number[];
}

// How each `m × n` result is computed (chosen once per call from the shapes, strides and dtype):
/** each element a dot product over any strides (narrow or matrix-vector shapes); */
const DOTS = 0;
/** tiled, reading `B`'s contiguous float64 rows in place; */
const IN_PLACE = 1;
/** tiled, over each column block of `B` packed into a float64 panel; */
const PACKED = 2;
/** fewer than 4 rows of `A` against contiguous rows of a float32 `B`: row by row, in place. */
const FEW_ROWS = 3;

/**
 * `out = a @ b` batched: `a` is a strided `[...batch, m, k]` view, `b` a strided `[...batch, k, n]`
 * view (stride 0 along broadcast batch axes), `out` contiguous `[...batch, m, n]`, fully written.
 */
export function matmulKernel(out: Storage, a: MatrixOperand, b: MatrixOperand, batch: readonly number[], m: number, k: number, n: number): void {
  if (out.length === 0) return;
  const rank = batch.length + 2;
  const sAm = a.strides[rank - 2]!;
  const sAk = a.strides[rank - 1]!;
  const sBk = b.strides[rank - 2]!;
  const sBn = b.strides[rank - 1]!;
  if (k === 0) {
    out.fill(0);
    return;
  }
  const B = b.data;
  const path =
    n < 4 || (sBn !== 1 && sBk === 1 && m <= 4)
      ? DOTS
      : sBn === 1 && B instanceof Float64Array
        ? IN_PLACE
        : sBn === 1 && m < 4
          ? FEW_ROWS
          : PACKED;
  const block = path === PACKED ? Math.min(COLUMN_BLOCK, Math.max(4, Math.floor(PACK_LIMIT / k))) : COLUMN_BLOCK;
  const panel = path === PACKED ? packBuffer(k * Math.min(n, block)) : null;
  // The panel holds the block of B's columns starting at storage position `panelFrom`, `panelWidth`
  // wide (with this call's strides, that determines its contents): a B broadcast over the batch is
  // packed once when it is one column block wide.
  let panelFrom = -1;
  let panelWidth = 0;
  const counter: number[] = batch.length === 0 ? NO_BATCH : new Array<number>(batch.length).fill(0);
  let aBase = a.offset;
  let bBase = b.offset;
  for (let o = 0; o < out.length; o += m * n) {
    if (path === DOTS) {
      dotProducts(out, o, a.data, aBase, sAm, sAk, B, bBase, sBk, sBn, m, k, n);
    } else if (path === FEW_ROWS) {
      fewRows(out, o, n, a.data, aBase, sAm, sAk, B, bBase, sBk, m, k);
    } else {
      for (let j = 0; j < n; j += block) {
        const w = Math.min(block, n - j);
        if (panel === null) {
          tiledProduct(out, o, n, a.data, aBase, sAm, sAk, B as Float64Array, bBase + j, sBk, m, k, w, j, SCRATCH);
          continue;
        }
        const from = bBase + j * sBn;
        if (from !== panelFrom || w !== panelWidth) {
          packPanel(panel, B, from, sBk, sBn, k, w);
          panelFrom = from;
          panelWidth = w;
        }
        tiledProduct(out, o, n, a.data, aBase, sAm, sAk, panel, 0, w, m, k, w, j, SCRATCH);
      }
    }
    // Next batch index (odometer over the batch axes).
    for (let axis = batch.length - 1; axis >= 0; axis--) {
      aBase += a.strides[axis]!;
      bBase += b.strides[axis]!;
      if (++counter[axis]! < batch[axis]!) break;
      aBase -= a.strides[axis]! * batch[axis]!;
      bBase -= b.strides[axis]! * batch[axis]!;
      counter[axis] = 0;
    }
  }
}

/**
 * Copies the `k × w` block of the strided matrix starting at `base` into row-major `out` (row length
 * `w`), converting to float64. Contiguous rows are copied by `set` (the engine's own conversion loop,
 * about 10× faster than one in JavaScript): the whole block at once when it is one contiguous run,
 * else row by row — when the run or the rows are long enough to pay for the view `set` reads.
 */
function packPanel(out: Float64Array, B: Storage, base: number, sBk: number, sBn: number, k: number, w: number): void {
  if (sBn === 1 && sBk === w && k * w >= 4 * LOOP_WIDTH) {
    out.set(B.subarray(base, base + k * w));
    return;
  }
  if (sBn === 1 && w >= LOOP_WIDTH) {
    for (let p = 0, y = base; p < k; p++, y += sBk) out.set(B.subarray(y, y + w), p * w);
    return;
  }
  let t = 0;
  for (let p = 0; p < k; p++) {
    for (let j = 0, y = base + p * sBk; j < w; j++, y += sBn) out[t++] = B[y]!;
  }
}

/**
 * Columns `[j0, j0 + w)` of one `m × n` result at `out[o…]` (row length `n`): `A` strided, `B` rows
 * contiguous starting at `bBase` (the first of the `w` columns) with row stride `sBk`. The loops live
 * in small functions of their own, each of whose paths runs on every call: V8 then optimizes each
 * with complete type feedback (one large function with rarely taken remainder paths was seen to
 * deoptimize over and over, running 20× slower).
 */
function tiledProduct(
  out: Storage, o: number, n: number,
  A: Storage, aBase: number, sAm: number, sAk: number,
  B: Float64Array, bBase: number, sBk: number,
  m: number, k: number, w: number, j0: number,
  scratch: Float64Array,
): void {
  const k4 = k - (k % 4);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const x = aBase + i * sAm;
    if (k4 > 0) fourRowsByFourSteps(scratch, w, A, x, sAm, sAk, B, bBase, sBk, k4);
    const rest = k - k4;
    if (rest === 1) fourRowsByOneStep(scratch, w, A, x + k4 * sAk, sAm, B, bBase + k4 * sBk);
    else if (rest === 2) fourRowsByTwoSteps(scratch, w, A, x + k4 * sAk, sAm, sAk, B, bBase + k4 * sBk, sBk);
    else if (rest === 3) fourRowsByThreeSteps(scratch, w, A, x + k4 * sAk, sAm, sAk, B, bBase + k4 * sBk, sBk);
    flush(out, o + i * n + j0, n, scratch, w, 4);
  }
  // The last m mod 4 rows, one at a time.
  for (; i < m; i++) {
    const x = aBase + i * sAm;
    if (k4 > 0) oneRowByFourSteps(scratch, w, A, x, sAk, B, bBase, sBk, k4);
    if (k4 < k) oneRow(scratch, w, A, x + k4 * sAk, sAk, B, bBase + k4 * sBk, sBk, k - k4);
    flush(out, o + i * n + j0, n, scratch, w, 1);
  }
}

/** Below this width, `flush` copies by a loop; from it on, by `set` on a cached view of the scratch. */
const LOOP_WIDTH = 32;

/**
 * `VIEWS[w]`: the scratch rows 0…3 of width `w` as views, and the 4 rows as one view (rows that are
 * whole result rows are contiguous in `out` too); made once per width and kept. A view made per block
 * — `scratch.subarray(…)` — is an allocation that cost small products more than the copy itself.
 */
const VIEWS: (Float64Array[] | undefined)[] = [];

function viewsOf(w: number): Float64Array[] {
  return (VIEWS[w] ??= [0, 1, 2, 3].map((r) => SCRATCH.subarray(r * w, (r + 1) * w)).concat([SCRATCH.subarray(0, 4 * w)]));
}

/**
 * Copies `rows` scratch rows of `w` values to `out` (from `at`, row length `n`) and zeroes them, so
 * the scratch is all zeros again: narrow rows by a loop, wide ones by `set` and `fill` on cached views.
 */
function flush(out: Storage, at: number, n: number, scratch: Float64Array, w: number, rows: number): void {
  if (w < LOOP_WIDTH) {
    for (let r = 0, t = 0; r < rows; r++, at += n) {
      for (let j = 0; j < w; j++, t++) {
        out[at + j] = scratch[t]!;
        scratch[t] = 0;
      }
    }
    return;
  }
  const views = viewsOf(w);
  if (rows === 4 && w === n) {
    const block = views[4]!;
    out.set(block, at);
    block.fill(0);
    return;
  }
  for (let r = 0; r < rows; r++, at += n) {
    const view = views[r]!;
    out.set(view, at);
    view.fill(0);
  }
}

/**
 * The register tile: `scratch[r·w + j] += Σ_p A[x + r·sAm + p·sAk] · B[q + p·sBk + j]` for 4 rows r,
 * `k4` steps p (a multiple of 4), `w` columns j. The 16 values of `A` for 4 rows × 4 steps are held
 * in locals while one pass along 4 rows of `B` adds their products into the 4 scratch rows.
 */
function fourRowsByFourSteps(scratch: Float64Array, w: number, A: Storage, x: number, sAm: number, sAk: number, B: Float64Array, q: number, sBk: number, k4: number): void {
  const w2 = 2 * w;
  const w3 = 3 * w;
  const sA2 = 2 * sAk;
  const sA3 = 3 * sAk;
  let x0 = x;
  let x1 = x0 + sAm;
  let x2 = x1 + sAm;
  let x3 = x2 + sAm;
  let q0 = q;
  for (let p = 0; p < k4; p += 4) {
    const a00 = A[x0]!, a01 = A[x0 + sAk]!, a02 = A[x0 + sA2]!, a03 = A[x0 + sA3]!;
    const a10 = A[x1]!, a11 = A[x1 + sAk]!, a12 = A[x1 + sA2]!, a13 = A[x1 + sA3]!;
    const a20 = A[x2]!, a21 = A[x2 + sAk]!, a22 = A[x2 + sA2]!, a23 = A[x2 + sA3]!;
    const a30 = A[x3]!, a31 = A[x3 + sAk]!, a32 = A[x3 + sA2]!, a33 = A[x3 + sA3]!;
    const q1 = q0 + sBk;
    const q2 = q1 + sBk;
    const q3 = q2 + sBk;
    for (let j = 0; j < w; j++) {
      const b0 = B[q0 + j]!, b1 = B[q1 + j]!, b2 = B[q2 + j]!, b3 = B[q3 + j]!;
      scratch[j] += a00 * b0 + a01 * b1 + a02 * b2 + a03 * b3;
      scratch[w + j] += a10 * b0 + a11 * b1 + a12 * b2 + a13 * b3;
      scratch[w2 + j] += a20 * b0 + a21 * b1 + a22 * b2 + a23 * b3;
      scratch[w3 + j] += a30 * b0 + a31 * b1 + a32 * b2 + a33 * b3;
    }
    x0 += 4 * sAk;
    x1 += 4 * sAk;
    x2 += 4 * sAk;
    x3 += 4 * sAk;
    q0 += 4 * sBk;
  }
}

/** The last k-step of a 4-row block (k mod 4 = 1). */
function fourRowsByOneStep(scratch: Float64Array, w: number, A: Storage, x: number, sAm: number, B: Float64Array, q: number): void {
  const a0 = A[x]!, a1 = A[x + sAm]!, a2 = A[x + 2 * sAm]!, a3 = A[x + 3 * sAm]!;
  const w2 = 2 * w;
  const w3 = 3 * w;
  for (let j = 0; j < w; j++) {
    const b = B[q + j]!;
    scratch[j] += a0 * b;
    scratch[w + j] += a1 * b;
    scratch[w2 + j] += a2 * b;
    scratch[w3 + j] += a3 * b;
  }
}

/** The last 2 k-steps of a 4-row block, together: one pass over the scratch rows. */
function fourRowsByTwoSteps(scratch: Float64Array, w: number, A: Storage, x: number, sAm: number, sAk: number, B: Float64Array, q0: number, sBk: number): void {
  const a00 = A[x]!, a01 = A[x + sAk]!;
  const a10 = A[x + sAm]!, a11 = A[x + sAm + sAk]!;
  const a20 = A[x + 2 * sAm]!, a21 = A[x + 2 * sAm + sAk]!;
  const a30 = A[x + 3 * sAm]!, a31 = A[x + 3 * sAm + sAk]!;
  const q1 = q0 + sBk;
  const w2 = 2 * w;
  const w3 = 3 * w;
  for (let j = 0; j < w; j++) {
    const b0 = B[q0 + j]!, b1 = B[q1 + j]!;
    scratch[j] += a00 * b0 + a01 * b1;
    scratch[w + j] += a10 * b0 + a11 * b1;
    scratch[w2 + j] += a20 * b0 + a21 * b1;
    scratch[w3 + j] += a30 * b0 + a31 * b1;
  }
}

/** The last 3 k-steps of a 4-row block, together: one pass over the scratch rows. */
function fourRowsByThreeSteps(scratch: Float64Array, w: number, A: Storage, x: number, sAm: number, sAk: number, B: Float64Array, q0: number, sBk: number): void {
  const sA2 = 2 * sAk;
  const x1 = x + sAm, x2 = x1 + sAm, x3 = x2 + sAm;
  const a00 = A[x]!, a01 = A[x + sAk]!, a02 = A[x + sA2]!;
  const a10 = A[x1]!, a11 = A[x1 + sAk]!, a12 = A[x1 + sA2]!;
  const a20 = A[x2]!, a21 = A[x2 + sAk]!, a22 = A[x2 + sA2]!;
  const a30 = A[x3]!, a31 = A[x3 + sAk]!, a32 = A[x3 + sA2]!;
  const q1 = q0 + sBk;
  const q2 = q1 + sBk;
  const w2 = 2 * w;
  const w3 = 3 * w;
  for (let j = 0; j < w; j++) {
    const b0 = B[q0 + j]!, b1 = B[q1 + j]!, b2 = B[q2 + j]!;
    scratch[j] += a00 * b0 + a01 * b1 + a02 * b2;
    scratch[w + j] += a10 * b0 + a11 * b1 + a12 * b2;
    scratch[w2 + j] += a20 * b0 + a21 * b1 + a22 * b2;
    scratch[w3 + j] += a30 * b0 + a31 * b1 + a32 * b2;
  }
}

/** One row, 4 k-steps at a time (`k4` a multiple of 4): one pass over the scratch row per 4 steps. */
function oneRowByFourSteps(scratch: Float64Array, w: number, A: Storage, x: number, sAk: number, B: Float64Array, q: number, sBk: number, k4: number): void {
  for (let p = 0; p < k4; p += 4, x += 4 * sAk, q += 4 * sBk) {
    const a0 = A[x]!, a1 = A[x + sAk]!, a2 = A[x + 2 * sAk]!, a3 = A[x + 3 * sAk]!;
    const q1 = q + sBk;
    const q2 = q1 + sBk;
    const q3 = q2 + sBk;
    for (let j = 0; j < w; j++) scratch[j] += a0 * B[q + j]! + a1 * B[q1 + j]! + a2 * B[q2 + j]! + a3 * B[q3 + j]!;
  }
}

/** One row: `scratch[j] += Σ_p A[x + p·sAk] · B[q + p·sBk + j]` over all `k` steps. */
function oneRow(scratch: Float64Array, w: number, A: Storage, x: number, sAk: number, B: Float64Array, q: number, sBk: number, k: number): void {
  for (let p = 0; p < k; p++, x += sAk, q += sBk) {
    const a = A[x]!;
    for (let j = 0; j < w; j++) scratch[j] += a * B[q + j]!;
  }
}

/**
 * One `m × n` result (`m` < 4) at `out[o…]` against the contiguous rows of a float32 `B`, read in
 * place: packing `B` would cost about as much as the product. These loops are separate from the
 * tiled ones so that those only ever see float64 right sides (one element type: V8 optimizes their
 * inner loops for it, where a site that has seen both typed-array types dispatches on every load).
 */
function fewRows(out: Storage, o: number, n: number, A: Storage, aBase: number, sAm: number, sAk: number, B: Storage, bBase: number, sBk: number, m: number, k: number): void {
  const k4 = k - (k % 4);
  for (let j = 0; j < n; j += COLUMN_BLOCK) {
    const w = Math.min(COLUMN_BLOCK, n - j);
    for (let i = 0; i < m; i++) {
      const x = aBase + i * sAm;
      if (k4 > 0) rowInPlaceByFourSteps(SCRATCH, w, A, x, sAk, B, bBase + j, sBk, k4);
      if (k4 < k) rowInPlace(SCRATCH, w, A, x + k4 * sAk, sAk, B, bBase + j + k4 * sBk, sBk, k - k4);
      flush(out, o + i * n + j, n, SCRATCH, w, 1);
    }
  }
}

/** `oneRowByFourSteps` over a `B` of any float type. */
function rowInPlaceByFourSteps(scratch: Float64Array, w: number, A: Storage, x: number, sAk: number, B: Storage, q: number, sBk: number, k4: number): void {
  for (let p = 0; p < k4; p += 4, x += 4 * sAk, q += 4 * sBk) {
    const a0 = A[x]!, a1 = A[x + sAk]!, a2 = A[x + 2 * sAk]!, a3 = A[x + 3 * sAk]!;
    const q1 = q + sBk;
    const q2 = q1 + sBk;
    const q3 = q2 + sBk;
    for (let j = 0; j < w; j++) scratch[j] += a0 * B[q + j]! + a1 * B[q1 + j]! + a2 * B[q2 + j]! + a3 * B[q3 + j]!;
  }
}

/** `oneRow` over a `B` of any float type. */
function rowInPlace(scratch: Float64Array, w: number, A: Storage, x: number, sAk: number, B: Storage, q: number, sBk: number, k: number): void {
  for (let p = 0; p < k; p++, x += sAk, q += sBk) {
    const a = A[x]!;
    for (let j = 0; j < w; j++) scratch[j] += a * B[q + j]!;
  }
}

/** One `m × n` result at `out[o…]` by dot products over any strides (narrow or matrix-vector shapes). */
function dotProducts(
  out: Storage, o: number,
  A: Storage, aBase: number, sAm: number, sAk: number,
  B: Storage, bBase: number, sBk: number, sBn: number,
  m: number, k: number, n: number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = aBase + i * sAm;
    for (let j = 0; j < n; j++) {
      let s0 = 0;
      let s1 = 0;
      let x = aRow;
      let y = bBase + j * sBn;
      let p = 0;
      // Two independent sums, so consecutive multiply-adds do not wait on each other.
      for (; p + 2 <= k; p += 2, x += 2 * sAk, y += 2 * sBk) {
        s0 += A[x]! * B[y]!;
        s1 += A[x + sAk]! * B[y + sBk]!;
      }
      if (p < k) s0 += A[x]! * B[y]!;
      out[o + i * n + j] = s0 + s1;
    }
  }
}

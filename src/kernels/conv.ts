/**
 * Convolution and pooling kernels on contiguous NCHW storage (1-D ops run as 2-D with H = 1). Direct
 * loops, no im2col buffer: per (batch, output channel, input channel, kernel tap) the weight is one
 * scalar and the innermost loop runs along an output row and an input row with fixed strides, over
 * the range of output columns whose input column is inside the (unpadded) input — so padding costs
 * nothing and needs no bounds test in the inner loop. Float64 accumulation is not needed here: each
 * output element is a sum of at most C/groups × kH × kW products, accumulated in the output's dtype.
 */
import type { Storage } from "../dtype.js";

/** The geometry of one 2-D convolution or pooling: sizes, strides, dilations, leading paddings. */
export interface Geometry {
  readonly n: number;
  /** Input channels (for pooling, the channels pooled independently). */
  readonly c: number;
  readonly h: number;
  readonly w: number;
  /** Output channels (convolution only; equal to `c` for pooling). */
  readonly o: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number;
  readonly ow: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly groups: number;
}

/**
 * For each kernel tap along one axis, the output indices `lo[t] ≤ j < hi[t]` whose input index
 * `j·stride − pad + t·dilation` lies in `[0, size)`.
 */
function validRanges(taps: number, dilation: number, pad: number, stride: number, size: number, out: number): [Int32Array, Int32Array] {
  const lo = new Int32Array(taps);
  const hi = new Int32Array(taps);
  for (let t = 0; t < taps; t++) {
    const start = pad - t * dilation; // j·stride ≥ start
    const first = start <= 0 ? 0 : Math.ceil(start / stride);
    const last = size - 1 + pad - t * dilation; // j·stride ≤ last
    lo[t] = first;
    hi[t] = Math.max(first, last < 0 ? 0 : Math.min(out, Math.floor(last / stride) + 1));
  }
  return [lo, hi];
}

/**
 * The loops of a convolution: one walk over (n, o, c, tap row, tap column, output row) and a column
 * range, with `body` the innermost loop. `forward`: y += w·x; `input`: x += w·y (x is dx, y is g);
 * `weight`: w += Σ y·x (w is dw, y is g). Written three times (below) so each inner loop is
 * monomorphic and branch-free.
 */
function forwardWalk(geo: Geometry, x: Storage, w: Storage, y: Storage): void {
  const { n, c, h, w: width, o, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = geo;
  const cPerGroup = c / groups;
  const oPerGroup = o / groups;
  const [colLo, colHi] = validRanges(kw, dw, pw, sw, width, ow);
  const [rowLo, rowHi] = validRanges(kh, dh, ph, sh, h, oh);
  for (let batch = 0; batch < n; batch++) {
    for (let out = 0; out < o; out++) {
      const group = Math.floor(out / oPerGroup);
      const yPlane = (batch * o + out) * oh * ow;
      for (let cc = 0; cc < cPerGroup; cc++) {
        const xPlane = (batch * c + group * cPerGroup + cc) * h * width;
        const wBase = (out * cPerGroup + cc) * kh * kw;
        for (let a = 0; a < kh; a++) {
          const r0 = rowLo[a]!;
          const r1 = rowHi[a]!;
          for (let b = 0; b < kw; b++) {
            const c0 = colLo[b]!;
            const c1 = colHi[b]!;
            const weight = w[wBase + a * kw + b]!;
            for (let row = r0; row < r1; row++) {
              const yRow = yPlane + row * ow;
              let xi = xPlane + (row * sh - ph + a * dh) * width - pw + b * dw + c0 * sw;
              for (let col = c0; col < c1; col++, xi += sw) y[yRow + col] += weight * x[xi]!;
            }
          }
        }
      }
    }
  }
}

function inputWalk(geo: Geometry, dx: Storage, w: Storage, g: Storage): void {
  const { n, c, h, w: width, o, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups } = geo;
  const cPerGroup = c / groups;
  const oPerGroup = o / groups;
  const [colLo, colHi] = validRanges(kw, dw, pw, sw, width, ow);
  const [rowLo, rowHi] = validRanges(kh, dh, ph, sh, h, oh);
  for (let batch = 0; batch < n; batch++) {
    for (let out = 0; out < o; out++) {
      const group = Math.floor(out / oPerGroup);
      const gPlane = (batch * o + out) * oh * ow;
      for (let cc = 0; cc < cPerGroup; cc++) {
        const xPlane = (batch * c + group * cPerGroup + cc) * h * width;
        const wBase = (out * cPerGroup + cc) * kh * kw;
        for (let a = 0; a < kh; a++) {
          const r0 = rowLo[a]!;
          const r1 = rowHi[a]!;
          for (let b = 0; b < kw; b++) {
            const c0 = colLo[b]!;
            const c1 = colHi[b]!;
            const weight = w[wBase + a * kw + b]!;
            for (let row = r0; row < r1; row++) {
              const gRow = gPlane + row * ow;
              let xi = xPlane + (row * sh - ph + a * dh) * width - pw + b * dw + c0 * sw;
              for (let col = c0; col < c1; col++, xi += sw) dx[xi] += weight * g[gRow + col]!;
            }
          }
        }
      }
    }
  }
}

function weightWalk(geo: Geometry, x: Storage, dw: Storage, g: Storage): void {
  const { n, c, h, w: width, o, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw: dil, groups } = geo;
  const cPerGroup = c / groups;
  const oPerGroup = o / groups;
  const [colLo, colHi] = validRanges(kw, dil, pw, sw, width, ow);
  const [rowLo, rowHi] = validRanges(kh, dh, ph, sh, h, oh);
  for (let batch = 0; batch < n; batch++) {
    for (let out = 0; out < o; out++) {
      const group = Math.floor(out / oPerGroup);
      const gPlane = (batch * o + out) * oh * ow;
      for (let cc = 0; cc < cPerGroup; cc++) {
        const xPlane = (batch * c + group * cPerGroup + cc) * h * width;
        const wBase = (out * cPerGroup + cc) * kh * kw;
        for (let a = 0; a < kh; a++) {
          const r0 = rowLo[a]!;
          const r1 = rowHi[a]!;
          for (let b = 0; b < kw; b++) {
            const c0 = colLo[b]!;
            const c1 = colHi[b]!;
            let sum = 0;
            for (let row = r0; row < r1; row++) {
              const gRow = gPlane + row * ow;
              let xi = xPlane + (row * sh - ph + a * dh) * width - pw + b * dil + c0 * sw;
              for (let col = c0; col < c1; col++, xi += sw) sum += g[gRow + col]! * x[xi]!;
            }
            dw[wBase + a * kw + b] += sum;
          }
        }
      }
    }
  }
}

/** `out[n, o, i, j] = Σ w[o, c, a, b] · x[n, g·C/groups + c, i·sh − ph + a·dh, j·sw − pw + b·dw]`, plus `bias[o]`. */
export function convForward(geo: Geometry, x: Storage, w: Storage, bias: Storage | undefined, out: Storage): void {
  if (bias !== undefined) {
    const plane = geo.oh * geo.ow;
    for (let batch = 0; batch < geo.n; batch++) for (let o = 0; o < geo.o; o++) out.fill(bias[o]!, (batch * geo.o + o) * plane, (batch * geo.o + o + 1) * plane);
  }
  forwardWalk(geo, x, w, out);
}

/** The gradient of the input: each output gradient scattered back through the kernel taps. */
export function convInputGrad(geo: Geometry, g: Storage, w: Storage, dx: Storage): void {
  inputWalk(geo, dx, w, g);
}

/** The gradient of the weight: per tap, the correlation of the output gradient with the input. */
export function convWeightGrad(geo: Geometry, g: Storage, x: Storage, dw: Storage): void {
  weightWalk(geo, x, dw, g);
}

/** The gradient of the bias: the output gradient summed over batch and positions, per channel. */
export function convBiasGrad(geo: Geometry, g: Storage, db: Storage): void {
  const plane = geo.oh * geo.ow;
  for (let batch = 0; batch < geo.n; batch++) {
    for (let o = 0; o < geo.o; o++) {
      let sum = 0;
      for (let i = (batch * geo.o + o) * plane, end = i + plane; i < end; i++) sum += g[i]!;
      db[o] += sum;
    }
  }
}

/**
 * Max pooling: each output is the largest input in its window (padding never wins: it is −∞); the
 * flat input index of that element (the first on ties, in row-major window order) goes to `argmax`
 * for the gradient (NaN propagates, as in PyTorch).
 */
export function maxPoolForward(geo: Geometry, x: Storage, out: Storage, argmax: Float64Array): void {
  const { n, c, h, w: width, kh, kw, oh, ow, sh, sw, ph, pw } = geo;
  for (let plane = 0; plane < n * c; plane++) {
    const xPlane = plane * h * width;
    for (let i = 0; i < oh; i++) {
      const r0 = Math.max(0, i * sh - ph);
      const r1 = Math.min(h, i * sh - ph + kh);
      for (let j = 0; j < ow; j++) {
        const c0 = Math.max(0, j * sw - pw);
        const c1 = Math.min(width, j * sw - pw + kw);
        let best = -Infinity;
        let at = -1;
        for (let r = r0; r < r1; r++) {
          for (let col = c0, xi = xPlane + r * width + c0; col < c1; col++, xi++) {
            const v = x[xi]!;
            if (v > best || at < 0 || (Number.isNaN(v) && !Number.isNaN(best))) {
              best = v;
              at = xi;
            }
          }
        }
        const index = (plane * oh + i) * ow + j;
        out[index] = best;
        argmax[index] = at;
      }
    }
  }
}

/**
 * Average pooling with zero padding counted (PyTorch's `count_include_pad=True`): each output is the
 * window's sum over the input divided by the window's size clipped to the padded input (a window that
 * runs past the right padding in ceil mode counts only the part inside).
 */
export function avgPoolForward(geo: Geometry, x: Storage, out: Storage): void {
  avgPoolWalk(geo, x, out, false);
}

/** The gradient of average pooling: each output gradient spread evenly over its window's inputs. */
export function avgPoolGrad(geo: Geometry, g: Storage, dx: Storage): void {
  avgPoolWalk(geo, dx, g, true);
}

function avgPoolWalk(geo: Geometry, x: Storage, y: Storage, backward: boolean): void {
  const { n, c, h, w: width, kh, kw, oh, ow, sh, sw, ph, pw } = geo;
  for (let plane = 0; plane < n * c; plane++) {
    const xPlane = plane * h * width;
    for (let i = 0; i < oh; i++) {
      const start = i * sh - ph;
      const rows = Math.min(start + kh, h + ph) - start;
      const r0 = Math.max(0, start);
      const r1 = Math.min(h, start + kh);
      for (let j = 0; j < ow; j++) {
        const colStart = j * sw - pw;
        const count = rows * (Math.min(colStart + kw, width + pw) - colStart);
        const c0 = Math.max(0, colStart);
        const c1 = Math.min(width, colStart + kw);
        const index = (plane * oh + i) * ow + j;
        if (backward) {
          const share = y[index]! / count;
          for (let r = r0; r < r1; r++) for (let col = c0, xi = xPlane + r * width + c0; col < c1; col++, xi++) x[xi] += share;
        } else {
          let sum = 0;
          for (let r = r0; r < r1; r++) for (let col = c0, xi = xPlane + r * width + c0; col < c1; col++, xi++) sum += x[xi]!;
          y[index] = sum / count;
        }
      }
    }
  }
}

/** The gradient of max pooling: each output gradient goes to its window's argmax. */
export function maxPoolGrad(g: Storage, argmax: Float64Array, dx: Storage): void {
  for (let i = 0; i < g.length; i++) {
    const at = argmax[i]!;
    if (at >= 0) dx[at] += g[i]!;
  }
}

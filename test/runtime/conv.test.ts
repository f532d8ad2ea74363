// conv1d, conv2d, maxPool2d and avgPool2d against brute-force oracles written here: output sizes by
// counting the window positions that fit (never by the implementation's formula), values by direct
// sliding-window sums with zero padding, on generated cases (random sizes, strides, paddings,
// dilations, groups, ceil mode), float64.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, avgPool2d, conv1d, conv2d, conv2dShape, fromArray, maxPool2d, pool2dShape, tensor, zeros } from "../../src/index.js";
import { seeded } from "../harness/random.js";

const random = seeded(2026_1202);

/** A float64 tensor with entries uniform in [−1, 1). */
function filled(shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return fromArray(Array.from({ length: size }, () => random.next() * 2 - 1), shape as never, { dtype: "float64" }) as Tensor;
}

/** Row-major index. */
const at = (shape: readonly number[], index: readonly number[]) => index.reduce((flat, i, axis) => flat * shape[axis]! + i, 0);

interface ConvCase {
  n: number; c: number; o: number; groups: number; size: number[]; kernel: number[];
  stride: number[]; dilation: number[]; padding: number[] | "same"; bias: boolean;
}

/** The brute-force convolution: `null` when no window fits (an error is expected). */
function convOracle(t: ConvCase, x: number[], w: number[], b: number[] | undefined): { shape: number[]; values: number[] } | null {
  const spatial = t.size.length;
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < spatial; i++) {
    if (t.padding === "same") {
      const total = t.dilation[i]! * (t.kernel[i]! - 1);
      before.push(Math.floor(total / 2));
      after.push(total - Math.floor(total / 2));
    } else {
      before.push(t.padding[i]!);
      after.push(t.padding[i]!);
    }
  }
  // Output positions: window starts (in padded coordinates) whose last tap is inside the padded input.
  const outSize = t.size.map((size, i) => {
    let count = 0;
    while (count * t.stride[i]! + t.dilation[i]! * (t.kernel[i]! - 1) < size + before[i]! + after[i]!) count++;
    return count;
  });
  if (outSize.some((s) => s === 0)) return null;
  const cg = t.c / t.groups;
  const og = t.o / t.groups;
  const xShape = [t.n, t.c, ...t.size];
  const wShape = [t.o, cg, ...t.kernel];
  const values: number[] = [];
  const positions = outSize.reduce((a, b) => a * b, 1);
  for (let n = 0; n < t.n; n++) {
    for (let o = 0; o < t.o; o++) {
      for (let p = 0; p < positions; p++) {
        const pos = spatial === 1 ? [p] : [Math.floor(p / outSize[1]!), p % outSize[1]!];
        let sum = b === undefined ? 0 : b[o]!;
        const taps = t.kernel.reduce((a, k) => a * k, 1);
        for (let cc = 0; cc < cg; cc++) {
          for (let tap = 0; tap < taps; tap++) {
            const k = spatial === 1 ? [tap] : [Math.floor(tap / t.kernel[1]!), tap % t.kernel[1]!];
            const idx = pos.map((q, i) => q * t.stride[i]! - before[i]! + k[i]! * t.dilation[i]!);
            if (idx.some((q, i) => q < 0 || q >= t.size[i]!)) continue; // zero padding
            const channel = Math.floor(o / og) * cg + cc;
            sum += x[at(xShape, [n, channel, ...idx])]! * w[at(wShape, [o, cc, ...k])]!;
          }
        }
        values.push(sum);
      }
    }
  }
  return { shape: [t.n, t.o, ...outSize], values };
}

function randomConvCase(spatial: 1 | 2): ConvCase {
  const groups = random.pick([1, 1, 1, 2, 3]);
  const c = groups * random.int(1, 3);
  const o = groups * random.int(1, 3);
  const stride = Array.from({ length: spatial }, () => random.int(1, 3));
  const dilation = Array.from({ length: spatial }, () => random.pick([1, 1, 2, 3]));
  const kernel = Array.from({ length: spatial }, () => random.int(1, 4));
  const same = random.chance(0.25);
  return {
    n: random.int(1, 2), c, o, groups,
    size: Array.from({ length: spatial }, () => random.int(1, 11)),
    kernel,
    stride: same ? stride.map(() => 1) : stride,
    dilation,
    padding: same ? "same" : Array.from({ length: spatial }, () => random.int(0, 3)),
    bias: random.chance(0.5),
  };
}

const close = (actual: readonly number[], expected: readonly number[]) => {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(0, ...actual.map((v, i) => Math.abs(v - expected[i]!)));
  expect(worst).toBeLessThan(1e-12);
};

describe("conv1d and conv2d against the brute-force oracle (generated cases)", () => {
  for (const spatial of [1, 2] as const) {
    it(`conv${spatial}d: 300 random cases, shape and values (and SHAPE_CONV exactly where no window fits)`, () => {
      let ok = 0;
      let errors = 0;
      for (let i = 0; i < 300; i++) {
        const t = randomConvCase(spatial);
        const x = filled([t.n, t.c, ...t.size]);
        const w = filled([t.o, t.c / t.groups, ...t.kernel]);
        const b = t.bias ? filled([t.o]) : undefined;
        const padding = t.padding === "same" ? "same" : spatial === 1 ? t.padding[0]! : (t.padding as [number, number]);
        const opts = { stride: t.stride, dilation: t.dilation, padding, groups: t.groups, bias: b };
        const expected = convOracle(t, x.toFlatArray(), w.toFlatArray(), b?.toFlatArray());
        const run = () => (spatial === 1 ? conv1d(x, w as never, opts as never) : conv2d(x, w as never, opts as never)) as Tensor;
        if (expected === null) {
          expect(run).toThrow(ShapeError);
          expect(() => run()).toThrow(/^SHAPE_CONV: conv\dd: .*the kernel spans/);
          errors++;
          continue;
        }
        const y = run();
        expect([...y.shape]).toEqual(expected.shape);
        close(y.toFlatArray(), expected.values);
        ok++;
      }
      expect(ok).toBeGreaterThan(150);
      expect(errors).toBeGreaterThan(10);
    });
  }

  it("hand-checked values: a 2×2 box filter, stride and padding", () => {
    const x = tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
    const box = tensor([[[[1, 1], [1, 1]]]]);
    expect(conv2d(x, box).toArray()).toEqual([[[[12, 16], [24, 28]]]]);
    expect(conv2d(x, box, { stride: 2, padding: 1 }).toArray()).toEqual([[[[1, 5], [11, 28]]]]);
    expect(conv2d(x, box, { bias: tensor([10]) }).toArray()).toEqual([[[[22, 26], [34, 38]]]]);
  });

  it('"same" pads the odd total on the right, like PyTorch (kernel 2: one zero after)', () => {
    expect(conv1d(tensor([[[1, 2, 3]]]), tensor([[[1, 10]]]), { padding: "same" }).toArray()).toEqual([[[21, 32, 3]]]);
  });

  it("strided (non-contiguous) inputs are read through their strides", () => {
    const x = filled([1, 2, 5, 4]);
    const w = filled([3, 2, 2, 2]);
    const viaTranspose = conv2d(x.transpose([0, 1, 3, 2]) as Tensor, w as never);
    const copy = fromArray(x.transpose([0, 1, 3, 2]).toFlatArray(), [1, 2, 4, 5], { dtype: "float64" });
    close(viaTranspose.toFlatArray(), conv2d(copy, w as never).toFlatArray());
  });

  it("size-0 batch and channel dims", () => {
    expect(conv2d(zeros([0, 3, 5, 5]), zeros([4, 3, 3, 3])).shape).toEqual([0, 4, 3, 3]);
    expect(conv2d(zeros([2, 3, 5, 5]), zeros([0, 3, 3, 3])).shape).toEqual([2, 0, 3, 3]);
    expect(conv2d(zeros([2, 0, 5, 5]), zeros([4, 0, 3, 3])).toFlatArray().every((v) => v === 0)).toBe(true);
  });

  it("options that are not integers of the right sign are INPUT_OPTION errors", () => {
    const x = zeros([1, 1, 5, 5]);
    const w = zeros([1, 1, 3, 3]);
    for (const opts of [{ stride: 0 }, { stride: 1.5 }, { dilation: -1 }, { padding: -1 }, { padding: "full" }, { groups: 0 }, { stride: [1, 2, 3] }]) {
      expect(() => conv2d(x, w, opts as never)).toThrow(InputError);
      expect(() => conv2d(x, w, opts as never)).toThrow(/^INPUT_OPTION: conv2d: /);
    }
    expect(() => conv2d(x, w, 3 as never)).toThrow(/^INPUT_OPTION/);
    expect(() => conv2d(x, w, { bias: [1] } as never)).toThrow(/^INPUT_OPERAND: conv2d: bias must be a tensor/);
    expect(() => conv2dShape([1, 1, 5, 5], [1, 1, 3, 3], { groups: 1.5 })).toThrow(/^INPUT_OPTION: conv2dShape: groups/);
  });

  it("the pure rule keeps a name where the output is the input, else NaN (documented)", () => {
    expect(conv2dShape(["b", 3, "h", "w"], [8, 3, 3, 3], { padding: 1 })).toEqual(["b", 8, "h", "w"]);
    expect(conv2dShape(["b", 3, "h", 9], [8, 3, 3, 3], { stride: 2 })).toEqual(["b", 8, Number.NaN, 4]);
  });
});

interface PoolCase { n: number; c: number; size: number[]; kernel: number[]; stride: number[]; padding: number[]; ceil: boolean }

/** The brute-force pooling: window starts by PyTorch's rules (see the docs), `null` when none. */
function poolOracle(t: PoolCase, x: number[], kind: "max" | "avg"): { shape: number[]; values: number[] } | null {
  const starts = t.size.map((size, i) => {
    const out: number[] = [];
    const padded = size + 2 * t.padding[i]!;
    for (let s = 0; ; s += t.stride[i]!) {
      // floor mode: the whole window inside the padded input; ceil mode: a partial last window is
      // kept while it starts inside the input or the left padding.
      const fits = s + t.kernel[i]! <= padded;
      const partial = t.ceil && s + t.kernel[i]! < padded + t.stride[i]! && s < size + t.padding[i]!;
      if (!fits && !partial) break;
      out.push(s - t.padding[i]!);
    }
    return out;
  });
  if (starts.some((s) => s.length === 0)) return null;
  const values: number[] = [];
  const xShape = [t.n, t.c, ...t.size];
  for (let n = 0; n < t.n; n++) {
    for (let c = 0; c < t.c; c++) {
      for (const r of starts[0]!) {
        for (const q of starts[1]!) {
          let best = -Infinity;
          let sum = 0;
          for (let a = r; a < r + t.kernel[0]!; a++) {
            for (let b = q; b < q + t.kernel[1]!; b++) {
              if (a < 0 || b < 0 || a >= t.size[0]! || b >= t.size[1]!) continue;
              const v = x[at(xShape, [n, c, a, b])]!;
              best = Math.max(best, v);
              sum += v;
            }
          }
          // count_include_pad: the window's part inside the padded input.
          const rows = Math.min(r + t.kernel[0]!, t.size[0]! + t.padding[0]!) - r;
          const cols = Math.min(q + t.kernel[1]!, t.size[1]! + t.padding[1]!) - q;
          values.push(kind === "max" ? best : sum / (rows * cols));
        }
      }
    }
  }
  return { shape: [t.n, t.c, starts[0]!.length, starts[1]!.length], values };
}

function randomPoolCase(): PoolCase {
  const kernel = [random.int(1, 4), random.int(1, 4)];
  return {
    n: random.int(1, 2),
    c: random.int(1, 3),
    size: [random.int(1, 10), random.int(1, 10)],
    kernel,
    stride: [random.int(1, 4), random.int(1, 4)],
    padding: kernel.map((k) => random.int(0, Math.floor(k / 2))),
    ceil: random.chance(0.5),
  };
}

describe("maxPool2d and avgPool2d against the brute-force oracle (generated cases)", () => {
  for (const kind of ["max", "avg"] as const) {
    it(`${kind}Pool2d: 400 random cases, shape and values (and SHAPE_POOL exactly where no window fits)`, () => {
      let ok = 0;
      let errors = 0;
      for (let i = 0; i < 400; i++) {
        const t = randomPoolCase();
        const x = filled([t.n, t.c, ...t.size]);
        const opts = { kernel: t.kernel, stride: t.stride, padding: t.padding, ceilMode: t.ceil };
        const expected = poolOracle(t, x.toFlatArray(), kind);
        const run = () => (kind === "max" ? maxPool2d(x, opts as never) : avgPool2d(x, opts as never)) as Tensor;
        if (expected === null) {
          expect(run).toThrow(/^SHAPE_POOL: \w+Pool2d: .*the window \d+ is larger than the padded input/);
          errors++;
          continue;
        }
        const y = run();
        expect([...y.shape]).toEqual(expected.shape);
        close(y.toFlatArray(), expected.values);
        ok++;
      }
      expect(ok).toBeGreaterThan(250);
      expect(errors).toBeGreaterThan(10);
    });
  }

  it("ceil mode's last-window rule: [1, 1, 5, 5], kernel 2, stride 2, padding 1 keeps 3 windows, not 4", () => {
    // floor((5 + 2 − 2) / 2) + 1 = 3; ceil gives 4, but the 4th window would start at 6 ≥ 5 + 1.
    expect(pool2dShape([1, 1, 5, 5], { kernel: 2, stride: 2, padding: 1, ceilMode: true })).toEqual([1, 1, 3, 3]);
    expect(pool2dShape([1, 1, 6, 6], { kernel: 2, stride: 2, padding: 1, ceilMode: true })).toEqual([1, 1, 4, 4]);
  });

  it("avgPool2d counts the zero padding (count_include_pad=true)", () => {
    expect(avgPool2d(tensor([[[[4]]]]), { kernel: 2, padding: 1, stride: 1 }).toArray()).toEqual([[[[1, 1], [1, 1]]]]);
  });

  it("maxPool2d: padding never wins, NaN propagates", () => {
    expect(maxPool2d(tensor([[[[-5, -6], [-7, -8]]]]), { kernel: 2, padding: 1 }).toArray()).toEqual([[[[-5, -6], [-7, -8]]]]);
    expect(maxPool2d(tensor([[[[1, Number.NaN], [3, 4]]]]), 2).toFlatArray()).toEqual([Number.NaN]);
  });

  it("a bare number is the kernel; kernel is required; bad options are INPUT_OPTION errors", () => {
    expect(maxPool2d(zeros([1, 1, 4, 4]), 2).shape).toEqual([1, 1, 2, 2]);
    for (const opts of [{}, { kernel: 0 }, { kernel: 2, stride: 0 }, { kernel: 2, padding: -1 }, { kernel: 2, ceilMode: 1 }, null]) {
      expect(() => maxPool2d(zeros([1, 1, 4, 4]), opts as never)).toThrow(/^INPUT_OPTION: maxPool2d: /);
    }
  });
});

/**
 * shapecheck/tfjs's conv2d, maxPool and avgPool on tfjs-core's cpu and wasm backends:
 * - generated cases (random sizes, strides, dilations, paddings, layouts): the runtime rule's
 *   predicted shape (`tfConv2dShape`, `tfPoolShape`) is the shape tfjs itself returns, and the
 *   facade's values are tfjs's own — except with a numeric pad, where tfjs 4.22's own ops size the
 *   width by the kernel's height (a wrong width, NaN columns, or, on wasm, reads out of bounds): there
 *   the facade pads the input itself, and shape and values are a sliding window's, computed here by
 *   index arithmetic; where the rule reports an error, the facade throws it before tfjs runs;
 * - each error's message, written out (the compile-fail fixture test/fixtures/tfjs-conv.fixture.ts
 *   checks that the compiler prints the same text).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as sc from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { thrown } from "../harness/runtime.js";
import { BACKENDS, checkAgainstTfjs, itThrowsBeforeTfjs, useBackend, type ErrorCase } from "./backends.js";
import { convCases, poolCases, type ConvCase, type Pair, type PoolCase } from "./cases.js";


const CONV = convCases(150);
const POOL = poolCases(150);

const pairOf = (p: Pair): [number, number] => (typeof p === "number" ? [p, p] : [p[0], p[1]]);

/**
 * A sliding-window oracle for a numeric `pad`, by index arithmetic over the arrays, where tfjs's own
 * ops are wrong (they size the width by the kernel's height): conv2d (either layout), and pools on
 * NHWC — a max over the input's values in the window (padding ignored), an average over them (the
 * padding not counted), NaN for a window with none of them, as tfjs means for square windows.
 */
function slide(kind: "conv" | "max" | "avg", x: tfc.Tensor, xShape: number[], window: [number, number], strides: Pair, pad: number, dilations: Pair, dataFormat: "NHWC" | "NCHW", filter?: tfc.Tensor): number[][][][] {
  const xs = x.arraySync() as number[][][][];
  const at = (n: number, h: number, w: number, c: number) => (dataFormat === "NHWC" ? xs[n]![h]![w]![c]! : xs[n]![c]![h]![w]!);
  const [N, H, W, C] = dataFormat === "NHWC" ? xShape : [xShape[0]!, xShape[2]!, xShape[3]!, xShape[1]!];
  const [[sh, sw], [dh, dw]] = [pairOf(strides), pairOf(dilations)];
  const [kh, kw] = window;
  const f = filter?.arraySync() as number[][][][] | undefined;
  const O = kind === "conv" ? (filter!.shape[3] as number) : C!;
  const out = (size: number, k: number, s: number, d: number) => Math.floor((size + 2 * pad - ((k - 1) * d + 1)) / s) + 1;
  const [OH, OW] = [out(H!, kh, sh, dh), out(W!, kw, sw, dw)];
  const result = Array.from({ length: N! }, (_, n) =>
    Array.from({ length: OH }, (_, i) =>
      Array.from({ length: OW }, (_, j) =>
        Array.from({ length: O }, (_, o) => {
          let [acc, count] = [kind === "max" ? -Infinity : 0, 0];
          for (let a = 0; a < kh; a++)
            for (let b = 0; b < kw; b++) {
              const [h, w] = [i * sh + a * dh - pad, j * sw + b * dw - pad];
              if (h < 0 || h >= H! || w < 0 || w >= W!) continue;
              if (kind === "conv") for (let c = 0; c < C!; c++) acc += at(n, h, w, c) * f![a]![b]![c]![o]!;
              else [acc, count] = [kind === "max" ? Math.max(acc, at(n, h, w, o)) : acc + at(n, h, w, o), count + 1];
            }
          if (kind === "conv") return acc;
          return count === 0 ? Number.NaN : kind === "avg" ? acc / count : acc; // a window on the padding alone: NaN, as tfjs's own pools give it
        }),
      ),
    ),
  );
  // NCHW results: [N, O, OH, OW]
  return dataFormat === "NHWC" ? result : result.map((rows) => Array.from({ length: O }, (_, o) => rows.map((row) => row.map((cell) => cell[o]!))));
}

/** Nested arrays compared within float32's precision. */
function expectNear(actual: unknown, expected: unknown): void {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const [a, e] = [flat(actual), flat(expected)];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(Object.is(v, e[i]) || Math.abs(v - e[i]!) <= 1e-4 * (1 + Math.abs(e[i]!)), `${i}: ${v} vs ${e[i]}`).toBe(true));
}

/** The expected error messages, written out. */
const ERRORS: ErrorCase[] = [
  ["conv2d: an unbatched input", (T) => tf.conv2d(T([5, 7, 2]), T([3, 3, 2, 4]), 1, "valid"),
    "SHAPE_CONV: conv2d: cannot convolve [5, 7, 2] with [3, 3, 2, 4]: the input has 3 axes, conv2d needs 4 ([N, H, W, C])"],
  ["conv2d: an NCHW input of rank 5", (T) => tf.conv2d(T([1, 1, 2, 5, 7]), T([3, 3, 2, 4]), 1, "valid", "NCHW"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 1, 2, 5, 7] with [3, 3, 2, 4]: the input has 5 axes, conv2d needs 4 ([N, C, H, W])"],
  ["conv2d: a filter of rank 3", (T) => tf.conv2d(T([1, 5, 7, 2]), T([3, 3, 2]), 1, "valid"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [3, 3, 2]: the filter has 3 axes, conv2d needs 4 ([kH, kW, inC, outC])"],
  ["conv2d: channels (NHWC)", (T) => tf.conv2d(T([1, 5, 7, 2]), T([3, 3, 3, 4]), 1, "same"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [3, 3, 3, 4]: the input has 2 channels (axis 3), the filter takes 3 (axis 2); they must be equal"],
  ["conv2d: channels (NCHW)", (T) => tf.conv2d(T([1, 3, 5, 7]), T([3, 3, 2, 4]), 1, "valid", "NCHW"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 3, 5, 7] with [3, 3, 2, 4]: the input has 3 channels (axis 1), the filter takes 2 (axis 2); they must be equal"],
  ["conv2d: a kernel taller than the input", (T) => tf.conv2d(T([1, 5, 7, 2]), T([6, 3, 2, 4]), 1, "valid"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [6, 3, 2, 4]: axis 1: the kernel spans 6 but the padded input is 5; pad more, or use a smaller kernel or dilation"],
  ["conv2d: a kernel wider than the input", (T) => tf.conv2d(T([1, 5, 7, 2]), T([3, 8, 2, 4]), 1, "valid"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [3, 8, 2, 4]: axis 2: the kernel spans 8 but the padded input is 7; pad more, or use a smaller kernel or dilation"],
  ["conv2d: numeric padding, each axis by its own kernel size", (T) => tf.conv2d(T([1, 9, 3, 2]), T([1, 6, 2, 4]), 1, 1),
    "SHAPE_CONV: conv2d: cannot convolve [1, 9, 3, 2] with [1, 6, 2, 4]: axis 2: the kernel spans 6 but the padded input is 5; pad more, or use a smaller kernel or dilation"],
  ["conv2d: dilation spreads the kernel past the input", (T) => tf.conv2d(T([1, 5, 7, 2]), T([3, 3, 2, 4]), 1, "valid", "NHWC", [3, 1]),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [3, 3, 2, 4]: axis 1: the kernel spans 7 but the padded input is 5; pad more, or use a smaller kernel or dilation"],
  ["conv2d: NCHW spatial axes are 2 and 3", (T) => tf.conv2d(T([1, 2, 5, 7]), T([3, 8, 2, 4]), 1, "valid", "NCHW"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 2, 5, 7] with [3, 8, 2, 4]: axis 3: the kernel spans 8 but the padded input is 7; pad more, or use a smaller kernel or dilation"],
  ["conv2d: an empty kernel", (T) => tf.conv2d(T([1, 5, 7, 2]), T([3, 0, 2, 4]), 1, "same"),
    "SHAPE_CONV: conv2d: cannot convolve [1, 5, 7, 2] with [3, 0, 2, 4]: the filter's axis 1 is 0; a kernel needs at least one tap per axis"],
  ["maxPool: an unbatched input", (T) => tf.maxPool(T([5, 7, 2]), 2, 2, "valid"),
    "SHAPE_POOL: maxPool: cannot pool [5, 7, 2] with filterSize 2: the input has 3 axes, maxPool needs 4 ([N, H, W, C])"],
  ["maxPool: a window taller than the input", (T) => tf.maxPool(T([1, 5, 7, 2]), 6, 1, "valid"),
    "SHAPE_POOL: maxPool: cannot pool [1, 5, 7, 2] with filterSize 6: axis 1: the window spans 6 but the padded input is 5; pad more, or use a smaller filterSize"],
  ["avgPool: a window wider than the input", (T) => tf.avgPool(T([1, 5, 7, 2]), [1, 8], 1, "valid"),
    "SHAPE_POOL: avgPool: cannot pool [1, 5, 7, 2] with filterSize [1, 8]: axis 2: the window spans 8 but the padded input is 7; pad more, or use a smaller filterSize"],
];

describe.each(BACKENDS)("shapecheck/tfjs conv2d and pooling on the %s backend", (backend) => {
  beforeAll(() => useBackend(backend));

  const input = (shape: number[], seed: number) => tf.typed(tfc.randomNormal(shape, 0, 1, "float32", seed));


  it("conv2d: the predicted shape is tfjs's; the values are tfjs's, and with a numeric pad a sliding window's (generated cases)", () => {
    const outcomes = { ok: 0, error: 0, numeric: 0 };
    // tfjs's wasm backend runs NHWC only.
    CONV.filter((c) => backend === "cpu" || c.dataFormat === "NHWC").forEach((c, i) => {
      tfc.tidy(() => {
        const [x, filter] = [input(c.x, i), input(c.filter, 1000 + i)];
        const predict = () => tf.tfConv2dShape(c.x, c.filter, c.strides, c.pad, c.dataFormat, c.dilations);
        const typed = () => tf.conv2d(x, filter as never, c.strides, c.pad, c.dataFormat, c.dilations);
        if (typeof c.pad !== "number") {
          outcomes[checkAgainstTfjs(predict, typed, () => tfc.conv2d(tf.untyped(x) as tfc.Tensor4D, tf.untyped(filter) as tfc.Tensor4D, c.strides, c.pad as "valid", c.dataFormat, c.dilations))]++;
          return;
        }
        // tfjs's own conv2d sizes a numeric pad's width by the kernel's height: the oracle is a sliding window.
        const oracle = () => tfc.tensor(slide("conv", tf.untyped(x), c.x, [c.filter[0]!, c.filter[1]!], c.strides, c.pad as number, c.dilations, c.dataFormat, tf.untyped(filter)));
        const outcome = checkAgainstTfjs(predict, typed, oracle, false);
        if (outcome === "ok") {
          expectNear((typed() as unknown as tfc.Tensor).arraySync(), oracle().arraySync());
          outcomes.numeric++;
        }
        outcomes[outcome]++;
      });
    });
    // The generator reaches both sides of the rule.
    expect(outcomes.ok).toBeGreaterThan(25);
    expect(outcomes.numeric).toBeGreaterThan(10);
    expect(outcomes.error).toBeGreaterThan(3);
  });

  it.each([
    ["maxPool", tf.maxPool, tfc.maxPool, "max"],
    ["avgPool", tf.avgPool, tfc.avgPool, "avg"],
  ] as const)("%s: the predicted shape is tfjs's; the values are tfjs's, and with a numeric pad a sliding window's (generated cases)", (op, typed, own, kind) => {
    const outcomes = { ok: 0, error: 0, numeric: 0 };
    POOL.forEach((c, i) => {
      tfc.tidy(() => {
        const x = input(c.x, i);
        const predict = () => tf.tfPoolShape(op, c.x, c.filterSize, c.strides, c.pad);
        const call = () => typed(x, c.filterSize as never, c.strides, c.pad);
        if (typeof c.pad !== "number") {
          outcomes[checkAgainstTfjs(predict, call, () => own(tf.untyped(x) as tfc.Tensor4D, c.filterSize, c.strides, c.pad as "valid"))]++;
          return;
        }
        const oracle = () => tfc.tensor(slide(kind, tf.untyped(x), c.x, pairOf(c.filterSize), c.strides, c.pad as number, 1, "NHWC"));
        const outcome = checkAgainstTfjs(predict, call, oracle, false);
        if (outcome === "ok") {
          expectNear((call() as unknown as tfc.Tensor).arraySync(), oracle().arraySync());
          outcomes.numeric++;
        }
        outcomes[outcome]++;
      });
    });
    expect(outcomes.ok).toBeGreaterThan(40);
    expect(outcomes.numeric).toBeGreaterThan(15);
    expect(outcomes.error).toBeGreaterThan(5);
  });

  it("a numeric pad with a kernel that is not square: the sliding window's width, where tfjs's own conv2d gives another", () => {
    tfc.tidy(() => {
      const x = input([1, 5, 3, 1], 1);
      const f = input([1, 3, 1, 1], 2);
      const typed = tf.conv2d(x, f as never, 1, 1) as unknown as tfc.Tensor;
      expect(typed.shape).toEqual([1, 7, 3, 1]);
      expectNear(typed.arraySync(), slide("conv", tf.untyped(x), [1, 5, 3, 1], [1, 3], 1, 1, 1, "NHWC", tf.untyped(f)));
      if (backend === "cpu") expect(tfc.conv2d(tf.untyped(x) as tfc.Tensor4D, tf.untyped(f) as tfc.Tensor4D, 1, 1).shape).toEqual([1, 7, 5, 1]); // tfjs's own
    });
  });

  it("a numeric pad's gradients are the built-in conv2d's (the input padded by tfjs's pad, whose gradient slices back)", () => {
    const xv = Array.from({ length: 30 }, (_, i) => Math.sin(i + 1));
    const fv = Array.from({ length: 12 }, (_, i) => Math.cos(i + 2));
    const gv = Array.from({ length: 42 }, (_, i) => Math.sin(3 * i));
    // x [1, 5, 3, 2] (NHWC), filter [1, 3, 2, 2], pad 1: [1, 7, 3, 2]
    const x = (sc.fromArray(xv, [1, 5, 3, 2], { dtype: "float64", requiresGrad: true }) as sc.Tensor);
    const f = (sc.fromArray(fv, [1, 3, 2, 2], { dtype: "float64", requiresGrad: true }) as sc.Tensor);
    const y = sc.conv2d(x.permute([0, 3, 1, 2] as never) as never, f.permute([3, 2, 0, 1] as never) as never, { padding: 1 } as never) as sc.Tensor;
    y.backward(sc.fromArray(gv, [1, 7, 3, 2], { dtype: "float64" }).permute([0, 3, 1, 2] as never) as never);
    const run = () =>
      tf.grads((a: tf.TfTensor, b: tf.TfTensor) => tf.conv2d(a as never, b as never, 1, 1) as never)(
        [tf.tensor(xv, [1, 5, 3, 2]) as never, tf.tensor(fv, [1, 3, 2, 2]) as never],
        tf.tensor(gv, [1, 7, 3, 2]) as never,
      ) as unknown as tfc.Tensor[];
    // tfjs-wasm has no kernel for conv2d's filter gradient, padded or not.
    if (backend === "wasm") return void expect(run).toThrow("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'");
    const [gx, gf] = run();
    expectNear([...gx!.dataSync()], x.grad!.toFlatArray());
    expectNear([...gf!.dataSync()], f.grad!.toFlatArray());
  });

  it("hand-computed values: a 2×2 sum filter and 2×2 pools on a 3×3 ramp", () => {
    tfc.tidy(() => {
      // x[h][w] = 3h + w + 1: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], one channel.
      const x = tf.tensor4d([[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]);
      const ones = tf.ones([2, 2, 1, 1]);
      expect(tf.conv2d(x, ones, 1, "valid").arraySync()).toEqual([[[[12], [16]], [[24], [28]]]]);
      // "same", stride 2: ceil(3 / 2) = 2 per axis; TF pads the extra row/column after (bottom/right).
      expect(tf.conv2d(x, ones, 2, "same").arraySync()).toEqual([[[[12], [9]], [[15], [9]]]]);
      expect(tf.maxPool(x, 2, 1, "valid").arraySync()).toEqual([[[[5], [6]], [[8], [9]]]]);
      expect(tf.avgPool(x, 2, 1, "valid").arraySync()).toEqual([[[[3], [4]], [[6], [7]]]]);
    });
  });

  describe("each error throws its message before tfjs runs", () => {
    itThrowsBeforeTfjs(ERRORS);
  });

  it("options tfjs rejects are INPUT_OPTION errors", () => {
    const x = tf.typed(tfc.zeros([1, 5, 7, 2]));
    const f = tf.typed(tfc.zeros([2, 2, 2, 4]));
    expect(thrown(() => tf.conv2d(x, f as never, 2, "valid", "NHWC", 2)).message).toBe(
      "INPUT_OPTION: conv2d: either strides or dilations must be 1 (tfjs), got strides 2 and dilations 2",
    );
    expect(thrown(() => tf.conv2d(x, f as never, 1, -1)).message).toContain("INPUT_OPTION: conv2d: pad must be");
    expect(thrown(() => tf.maxPool(x, 0, 1, "valid")).message).toContain("INPUT_OPTION: maxPool: filterSize must be");
    tfc.dispose([tf.untyped(x), tf.untyped(f)]);
  });
});

/**
 * shapecheck/tfjs's conv2d, maxPool and avgPool on tfjs-core's cpu and wasm backends:
 * - generated cases (random sizes, strides, dilations, paddings, layouts): the runtime rule's
 *   predicted shape (`tfConv2dShape`, `tfPoolShape`) is the shape tfjs itself returns, and the
 *   facade's values are tfjs's own; where the rule reports an error, the facade throws it before tfjs
 *   runs (no tensor made);
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

const square = (p: Pair) => typeof p === "number" || p[0] === p[1];
/**
 * The cases tfjs's wasm backend computes soundly: it runs NHWC only, and with numeric padding its
 * kernels read out of bounds unless the kernel and strides are square (tfjs 4.x sizes numeric padding's
 * width with the kernel's height and stride; the cpu backend fills the extra columns, the wasm one
 * corrupts its heap). The cpu backend runs every case.
 */
const wasmSoundConv = (c: ConvCase) => c.dataFormat === "NHWC" && (typeof c.pad !== "number" || (c.filter[0] === c.filter[1] && square(c.strides) && square(c.dilations)));
const wasmSoundPool = (c: PoolCase) => typeof c.pad !== "number" || (square(c.filterSize) && square(c.strides));

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
  ["conv2d: numeric padding sizes the width with the kernel's height (tfjs)", (T) => tf.conv2d(T([1, 9, 3, 2]), T([6, 1, 2, 4]), 1, 1),
    "SHAPE_CONV: conv2d: cannot convolve [1, 9, 3, 2] with [6, 1, 2, 4]: axis 2: the kernel spans 6 but the padded input is 5; pad more, or use a smaller kernel or dilation"],
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


  it("conv2d: the predicted shape is tfjs's, the values are tfjs's (generated cases)", () => {
    const outcomes = { ok: 0, error: 0 };
    CONV.filter((c) => backend === "cpu" || wasmSoundConv(c)).forEach((c, i) => {
      tfc.tidy(() => {
        const [x, filter] = [input(c.x, i), input(c.filter, 1000 + i)];
        const outcome = checkAgainstTfjs(
          () => tf.tfConv2dShape(c.x, c.filter, c.strides, c.pad, c.dataFormat, c.dilations),
          () => tf.conv2d(x, filter as never, c.strides, c.pad, c.dataFormat, c.dilations),
          () => tfc.conv2d(tf.untyped(x) as tfc.Tensor4D, tf.untyped(filter) as tfc.Tensor4D, c.strides, c.pad, c.dataFormat, c.dilations),
        );
        outcomes[outcome]++;
      });
    });
    // The generator reaches both sides of the rule.
    expect(outcomes.ok).toBeGreaterThan(25);
    expect(outcomes.error).toBeGreaterThan(3);
  });

  it.each([
    ["maxPool", tf.maxPool, tfc.maxPool],
    ["avgPool", tf.avgPool, tfc.avgPool],
  ] as const)("%s: the predicted shape is tfjs's, the values are tfjs's (generated cases)", (op, typed, own) => {
    const outcomes = { ok: 0, error: 0 };
    POOL.filter((c) => backend === "cpu" || wasmSoundPool(c)).forEach((c, i) => {
      tfc.tidy(() => {
        const x = input(c.x, i);
        const outcome = checkAgainstTfjs(
          () => tf.tfPoolShape(op, c.x, c.filterSize, c.strides, c.pad),
          () => typed(x, c.filterSize as never, c.strides, c.pad),
          () => own(tf.untyped(x) as tfc.Tensor4D, c.filterSize, c.strides, c.pad),
          // Open: tfjs's wasm pooling gives different values for the same inputs on some generated
          // cases (two calls of tfjs's own op disagree), so on wasm only the shapes are compared.
          backend === "cpu",
        );
        outcomes[outcome]++;
      });
    });
    expect(outcomes.ok).toBeGreaterThan(40);
    expect(outcomes.error).toBeGreaterThan(5);
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

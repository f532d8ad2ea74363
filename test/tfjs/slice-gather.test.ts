/**
 * shapecheck/tfjs's slice (tfjs's begin/size form), gather with batchDims, and the chained forms of
 * slice, gather, oneHot, conv2d, maxPool and avgPool, on tfjs-core's cpu and wasm backends:
 * - generated cases: the runtime rule's predicted shape (`tfSliceShape`, `gatherShape`) is the shape
 *   tfjs itself returns, and the facade's values are tfjs's own; where the rule reports an error, the
 *   facade throws it before tfjs runs (no tensor made);
 * - the values of hand-written cases, computed here by index arithmetic;
 * - each error's message, written out (test/fixtures/tfjs-slice.fixture.ts checks that the compiler
 *   prints the same text).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as sc from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { thrown } from "../harness/runtime.js";
import { expectClose as close } from "../runtime/close.js";
import { BACKENDS, checkAgainstTfjs, itThrowsBeforeTfjs, useBackend, type ErrorCase } from "./backends.js";
import { gatherCases, random, sliceCases } from "./cases.js";

const SLICE = sliceCases(400);
const GATHER = gatherCases(300);

/**
 * A gather by index arithmetic on a ramp (x's values are their flat indices): for each output
 * position `[...B, ...P, ...I, ...R]`, the flat index of `x[...B, ...P, indices[...B, ...I], ...R]`.
 */
function gatherByIndex(x: readonly number[], indices: readonly number[], indexShape: readonly number[], axis: number, batchDims: number): number[] {
  const at = axis < 0 ? axis + x.length : axis;
  const batch = batchDims < 0 ? batchDims + indexShape.length : batchDims;
  const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
  const [b, p, r, i] = [x.slice(0, batch), x.slice(batch, at), x.slice(at + 1), indexShape.slice(batch)];
  const out: number[] = [];
  for (let bi = 0; bi < size(b); bi++)
    for (let pi = 0; pi < size(p); pi++)
      for (let ii = 0; ii < size(i); ii++)
        for (let ri = 0; ri < size(r); ri++) out.push(((bi * size(p) + pi) * x[at]! + indices[bi * size(i) + ii]!) * size(r) + ri);
  return out;
}

/** Values `0, 1, 2, …` in `shape` (row-major), so a slice's values say where they came from. */
const ramp = (shape: number[]) => tfc.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape, "float32");

/** The expected error messages, written out. */
const ERRORS: ErrorCase[] = [
  ["slice: begin past the end", (T) => tf.slice(T([4, 5]), [0, 6]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 1: begin 6 is past the end (5)"],
  ["slice: begin + size past the end", (T) => tf.slice(T([4, 5]), [0, 2], [1, 4]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 1: begin 2 + size 4 = 6 is past the end (5)"],
  ["slice: a number begin and size are the first axis's", (T) => tf.slice(T([4, 5]), 3, 2),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 0: begin 3 + size 2 = 5 is past the end (4)"],
  ["slice: a negative begin", (T) => tf.slice(T([4, 5]), [0, -1]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 1: begin -1 is not a non-negative integer (tfjs's slice does not count from the end)"],
  ["slice: a size below -1", (T) => tf.slice(T([4, 5]), [0, 1], [1, -2]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 1: size -2 is neither a non-negative integer nor -1 (the rest of the axis)"],
  ["slice: a fractional begin", (T) => tf.slice(T([4, 5]), [0.5]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: axis 0: begin 0.5 is not a non-negative integer (tfjs's slice does not count from the end)"],
  ["slice: begin longer than the rank", (T) => tf.slice(T([4, 5]), [0, 1, 0]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: begin has 3 entries but the tensor has 2 axes"],
  ["slice: size longer than the rank", (T) => tf.slice(T([4, 5]), [0], [1, 1, 1]),
    "SHAPE_SLICE: slice: cannot slice [4, 5]: size has 3 entries but the tensor has 2 axes"],
  ["slice: a scalar", (T) => tf.slice(T([]), 0),
    "SHAPE_SLICE: slice: cannot slice []: a scalar has no axes to slice"],
  ["gather: unequal batch axes", (T) => tf.gather(T([2, 5, 4]), T([3, 3], "int32"), 1, 1),
    "SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [3, 3] at axis 1 with batchDims 1: batch axis 0 is 2 in x but 3 in the indices; they must be equal"],
  ["gather: batchDims out of range", (T) => tf.gather(T([2, 5, 4]), T([2, 3], "int32"), 1, 3),
    "SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [2, 3] at axis 1 with batchDims 3: batchDims must be an integer from -2 to 2 (the indices have 2 axes)"],
  ["gather: batchDims past the axis", (T) => tf.gather(T([2, 5, 4]), T([2, 3], "int32"), 0, 1),
    "SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [2, 3] at axis 0 with batchDims 1: batchDims 1 is more than the gathered axis 0 (the batch axes must come before it)"],
  ["gather: batchDims with scalar indices", (T) => tf.gather(T([2, 5, 4]), T([], "int32"), 1, 1),
    "SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [] at axis 1 with batchDims 1: the indices are a scalar, so batchDims must be 0"],
  ["gather: a negative batchDims counts from the indices' end", (T) => tf.gather(T([2, 5, 4]), T([2, 3], "int32"), 1, -3),
    "SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [2, 3] at axis 1 with batchDims -3: batchDims must be an integer from -2 to 2 (the indices have 2 axes)"],
  ["gather: the axis first (the built-in message)", (T) => tf.gather(T([2, 5, 4]), T([2, 3], "int32"), 3, 1),
    "SHAPE_AXIS: gather: axis 3 is out of range for [2, 5, 4]: valid axes are integers from -3 to 2"],
];

describe.each(BACKENDS)("shapecheck/tfjs slice and gather on the %s backend", (backend) => {
  beforeAll(() => useBackend(backend));


  it("slice: the predicted shape is tfjs's, the values are tfjs's (generated cases)", () => {
    const outcomes = { ok: 0, error: 0 };
    for (const c of SLICE) {
      tfc.tidy(() => {
        const x = c.x.length === 0 ? tfc.scalar(1) : ramp(c.x);
        const outcome = checkAgainstTfjs(
          () => tf.tfSliceShape(c.x, c.begin, c.size),
          () => tf.slice(tf.typed(x), c.begin as never, c.size as never),
          () => tfc.slice(x, c.begin, c.size),
        );
        outcomes[outcome]++;
      });
    }
    // The generator reaches both sides of the rule.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  });

  it("gather with batchDims: the predicted shape is tfjs's, the values are index arithmetic's (generated cases)", () => {
    const outcomes = { ok: 0, error: 0, batched: 0 };
    GATHER.forEach((c, i) => {
      tfc.tidy(() => {
        const x = ramp(c.x);
        // Valid indices for the gathered axis (when it is in range), so tfjs computes every valid case.
        const dim = c.x.at(c.axis) ?? 1;
        const r = random(i);
        const count = c.indices.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: count }, () => r(dim));
        const indices = tfc.tensor(values, c.indices, "int32");
        const predict = () => tf.gatherShape(c.x, c.indices, c.axis, c.batchDims);
        const typed = () => tf.gather(tf.typed(x), tf.typed(indices), c.axis as never, c.batchDims as never);
        // The oracle: x is a ramp, so out[b, p, i, r] = x[b, p, indices[b, i], r] is that flat index.
        const oracle = () => tfc.tensor(gatherByIndex(c.x, values, c.indices, c.axis, c.batchDims), predict() as number[]);
        const outcome = checkAgainstTfjs(predict, typed, oracle);
        outcomes[outcome]++;
        if (outcome === "ok" && c.batchDims !== 0) outcomes.batched++;
      });
    });
    // tfjs-wasm 4.22's own gather gets batched gathers wrong (see the hand-computed case): the typed one runs them on both backends.
    expect(outcomes.ok).toBeGreaterThan(80);
    expect(outcomes.batched).toBeGreaterThan(20);
    expect(outcomes.error).toBeGreaterThan(50);
  });

  it("gather with batchDims: the gradient scatters the upstream gradient back to the positions read (index arithmetic)", () => {
    const [xShape, indexShape, axis, batchDims] = [[2, 3, 4, 2], [2, 5], 2, 1];
    const values = [3, 0, 3, 1, 1, 2, 2, 0, 3, 2];
    const positions = gatherByIndex(xShape, values, indexShape, axis, batchDims);
    const upstream = positions.map((_, k) => Math.sin(k + 1));
    const expected = new Array<number>(xShape.reduce((a, b) => a * b, 1)).fill(0);
    positions.forEach((position, k) => (expected[position]! += upstream[k]!));
    const run = () =>
      tf.grads((x: tf.TfTensor) => tf.gather(x as never, tf.tensor(values, indexShape as never, "int32") as never, axis as never, batchDims as never) as never)(
        [tf.zeros(xShape as never) as never],
        tf.tensor(upstream, [2, 3, 5, 2]) as never,
      ) as unknown as tfc.Tensor[];
    // tfjs-wasm has no kernel for gather's gradient (UnsortedSegmentSum), batch axes or not.
    if (backend === "wasm") return void expect(run).toThrow("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'");
    const [grad] = run();
    expect(grad!.shape).toEqual(xShape);
    close([...grad!.dataSync()], expected, 1e-5);
  });

  it("hand-computed values: slice of a ramp, gather with one batch axis", () => {
    tfc.tidy(() => {
      // x[i][j] = 5i + j on [4, 5].
      const x = tf.tensor2d([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], [15, 16, 17, 18, 19]]);
      expect(tf.slice(x, [1, 2], [2, -1]).arraySync()).toEqual([[7, 8, 9], [12, 13, 14]]);
      expect(tf.slice(x, 3).arraySync()).toEqual([[15, 16, 17, 18, 19]]);
      expect(tf.slice(x, [0, 4], [2, 1]).arraySync()).toEqual([[4], [9]]);
      expect(tf.slice(x, [0, 5]).shape).toEqual([4, 0]);
      // batchDims 1: row b gathers its own columns: out[b][k] = x[b][indices[b][k]].
      const indices = tf.tensor2d([[4, 0], [1, 1], [0, 2], [3, 3]], undefined, "int32");
      // tfjs-wasm 4.22's own gather gets this one wrong ([[4, 0], [5, 7], [≈1e-44, ≈4e-45], [19, 0]],
      // reading past the input, which can also abort the wasm module); the typed one lays the batches
      // end to end and gathers without batch axes, right on both backends.
      const batched = tf.gather(x, indices, 1, 1);
      expect(batched.shape).toEqual([4, 2]);
      expect(batched.arraySync()).toEqual([[4, 0], [6, 6], [10, 12], [18, 18]]);
      // Without batchDims, every row gathers every index list: [4, 4, 2].
      expect(tf.gather(x, indices, 1).shape).toEqual([4, 4, 2]);
    });
  });

  describe("each error throws its message before tfjs runs", () => {
    itThrowsBeforeTfjs(ERRORS);
  });

  it("the pure rule on a named dim: kept whole, a size, or the built-in slice's derived name (never NaN)", () => {
    expect(tf.tfSliceShape(["n", 5], [0, 1], [-1, 3])).toEqual(["n", 3]);
    expect(tf.tfSliceShape(["n", 5], [2, 1], [-1, 3])).toEqual(["n[2:]", 3]);
    expect(tf.tfSliceShape(["n", 5], [1], [4])).toEqual([4, 5]);
  });

  it("begin and size that are not numbers are INPUT_OPTION errors", () => {
    const x = tf.typed(tfc.zeros([4, 5]));
    expect(thrown(() => tf.slice(x, "1" as never)).message).toBe('INPUT_OPTION: slice: begin must be a number or an array of numbers, got "1"');
    expect(thrown(() => tf.slice(x, [0, "1"] as never)).message).toContain("INPUT_OPTION: slice: begin and size must hold numbers");
    tfc.dispose(tf.untyped(x));
  });

  describe("chained methods", () => {
    let uninstall: () => void;
    beforeAll(() => {
      uninstall = tf.installChecks();
    });
    afterAll(() => uninstall());

    it("are installed for slice, gather, oneHot, conv2d, maxPool, avgPool (and concat, stack)", () => {
      expect(tf.CHECKED_METHODS).toEqual(expect.arrayContaining(["slice", "gather", "oneHot", "conv2d", "maxPool", "avgPool"]));
    });

    it("throw the free function's message", () => {
      const x = tf.typed(tfc.zeros([4, 5]));
      const image = tf.typed(tfc.zeros([1, 5, 7, 2]));
      const pairs: [() => unknown, () => unknown][] = [
        [() => x.slice([0, 2], [1, 4]), () => tf.slice(x, [0, 2] as never, [1, 4] as never)],
        [() => x.slice(5, 1), () => tf.slice(x, 5 as never, 1 as never)],
        [() => x.gather(tf.typed(tfc.zeros([3, 2], "int32")), 1, 1), () => tf.gather(x, tf.typed(tfc.zeros([3, 2], "int32")), 1 as never, 1 as never)],
        [() => image.conv2d(tf.typed(tfc.zeros([3, 3, 3, 4])), 1, "same"), () => tf.conv2d(image, tf.typed(tfc.zeros([3, 3, 3, 4])) as never, 1, "same")],
        [() => image.maxPool(6, 1, "valid"), () => tf.maxPool(image, 6 as never, 1, "valid")],
        [() => image.avgPool([1, 8], 1, "valid"), () => tf.avgPool(image, [1, 8] as never, 1, "valid")],
        [() => tf.typed(tfc.tensor1d([1], "int32")).oneHot(-1 as never), () => tf.oneHot(tf.typed(tfc.tensor1d([1], "int32")), -1 as never)],
        [() => x.concat([x, tf.typed(tfc.zeros([4, 6]))] as never), () => tf.concat([x, x, tf.typed(tfc.zeros([4, 6]))] as never)],
        [() => x.stack([x, tf.typed(tfc.zeros([4, 6]))] as never, 1), () => tf.stack([x, x, tf.typed(tfc.zeros([4, 6]))] as never, 1 as never)],
      ];
      for (const [chained, free] of pairs) {
        const expected = thrown(free);
        expect(expected).toBeInstanceOf(sc.ShapeError);
        expect(thrown(chained).message).toBe(expected.message);
      }
      expect(thrown(() => (image.conv2d as (...args: unknown[]) => unknown)(tf.typed(tfc.zeros([3, 3, 2, 4])), 1, 1, "NHWC", 1, "round")).message).toBe(
        "INPUT_OPTION: conv2d: dimRoundingMode is not supported by shapecheck/tfjs (call tfjs through untyped)",
      );
      tfc.dispose([tf.untyped(x), tf.untyped(image)]);
    });

    it("compute tfjs's values", () => {
      tfc.tidy(() => {
        const x = ramp([4, 5]);
        const image = ramp([1, 5, 7, 2]);
        const filter = ramp([3, 3, 2, 4]);
        const indices = tfc.tensor2d([[4, 0], [1, 1], [0, 2], [3, 3]], undefined, "int32");
        const t = tf.typed(x);
        const i = tf.typed(image);
        expect(t.slice([1, 2], [2, -1]).arraySync()).toEqual(tfc.slice(x, [1, 2], [2, -1]).arraySync());
        // (A batched gather tfjs-wasm computes right: out[b][k] = x3[b][i3[b][k]].)
        const x3 = ramp([2, 3, 4]);
        const i3 = tfc.tensor2d([[0, 1], [2, 0]], undefined, "int32");
        expect(tf.typed(x3).gather(tf.typed(i3), 1, 1).arraySync()).toEqual(tfc.gather(x3, i3, 1, 1).arraySync());
        expect(t.gather(tf.typed(indices), 1).arraySync()).toEqual(tfc.gather(x, indices, 1).arraySync());
        expect(tf.typed(tfc.tensor1d([0, 2], "int32")).oneHot(3).arraySync()).toEqual([[1, 0, 0], [0, 0, 1]]);
        expect(i.conv2d(tf.typed(filter), 2, "same").arraySync()).toEqual(tfc.conv2d(image as tfc.Tensor4D, filter as tfc.Tensor4D, 2, "same").arraySync());
        expect(i.maxPool(2, 2, "valid").arraySync()).toEqual(tfc.maxPool(image as tfc.Tensor4D, 2, 2, "valid").arraySync());
        expect(i.avgPool(2, 1, "same").arraySync()).toEqual(tfc.avgPool(image as tfc.Tensor4D, 2, 1, "same").arraySync());
        expect(t.concat([t, t], 1).arraySync()).toEqual(tfc.concat([x, x, x], 1).arraySync());
        expect(t.stack([t]).arraySync()).toEqual(tfc.stack([x, x]).arraySync());
      });
    });
  });
});

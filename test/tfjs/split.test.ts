/**
 * shapecheck/tfjs's split — `tf.split(x, n, axis)` (core `chunk`'s rule) and `tf.split(x, sizes,
 * axis)` (core `split`'s) — and unstack (core `unbind`'s), on tfjs-core's cpu and wasm backends:
 * - generated cases: where the runtime rule accepts, the pieces have its predicted shapes, and they
 *   are tfjs's own pieces, value for value; where it throws, the facade throws that message before
 *   tfjs runs (no tensor made) — and tfjs itself refuses the same call, except a `-1` among the sizes,
 *   which tfjs fills in (documented: the typed layer asks for the size written out);
 * - each error's message, written out (test/fixtures/tfjs-slice.fixture.ts checks that the compiler
 *   prints the same text).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import { ShapeError } from "../../src/index.js";
import { chunkPieceFor, splitSizesFor, unbindShape } from "../../src/ops/split.js";
import * as tf from "../../src/tfjs/index.js";
import { thrown } from "../harness/runtime.js";
import { seeded } from "../harness/random.js";
import { BACKENDS, itThrowsBeforeTfjs, useBackend, type ErrorCase } from "./backends.js";

const random = seeded(2026_1203);

/** A split call: the input's shape, a number of pieces or their sizes, and the axis. */
interface SplitCase {
  readonly x: number[];
  readonly splits: number | number[];
  readonly axis: number | undefined;
}

/** Mostly calls that fit (a multiple, sizes adding up), else a count or sizes that do not, a `-1`, or an axis out of range. */
function splitCases(count: number): SplitCase[] {
  return Array.from({ length: count }, () => {
    const rank = random.int(1, 3);
    const x = Array.from({ length: rank }, () => random.int(0, 4));
    const axis = random.chance(0.9) ? random.int(-rank, rank - 1) : random.pick([rank, -rank - 1]);
    const index = axis < 0 ? axis + rank : axis;
    if (random.chance(0.5)) {
      const n = random.pick([1, 2, 3, 4]);
      if (index >= 0 && index < rank && random.chance(0.7)) x[index] = n * random.int(0, 3);
      return { x, splits: random.chance(0.93) ? n : random.pick([0, 2.5]), axis: random.chance(0.2) ? undefined : axis };
    }
    const size = index >= 0 && index < rank ? x[index]! : 3;
    const sizes = Array.from({ length: random.int(1, 3) }, () => random.int(0, 2));
    const r = random.next();
    if (r < 0.6) sizes[sizes.length - 1] = Math.max(0, size - sizes.slice(0, -1).reduce((a, b) => a + b, 0));
    else if (r < 0.75) sizes[random.int(0, sizes.length - 1)] = -1;
    return { x, splits: sizes, axis };
  });
}

/** The runtime rule's prediction: each piece's shape (`chunkPieceFor`/`splitSizesFor`, as the facade checks). */
function predict(c: SplitCase): number[][] {
  if (typeof c.splits === "number") {
    const piece = chunkPieceFor("split", c.x, c.splits, c.axis);
    return Array.from({ length: c.splits }, () => c.x.map((d, i) => (i === piece.axis ? (piece.size as number) : d)));
  }
  const split = splitSizesFor("split", c.x, c.splits, c.axis);
  return split.sizes.map((size) => c.x.map((d, i) => (i === split.axis ? size : d)));
}

/** Values `0, 1, 2, …` in `shape`, so a piece's values say where they came from. */
const ramp = (shape: number[]) => tfc.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape, "float32");

const CASES = splitCases(400);

const ERRORS: ErrorCase[] = [
  ["a count that does not divide the axis", (T) => tf.split(T([2, 10]), 3, 1),
    "SHAPE_SPLIT: split: cannot split axis 1 of [2, 10] into 3 equal chunks: 10 is not a multiple of 3; split(x, sizes, axis) takes pieces of different sizes"],
  ["a count of 0", (T) => tf.split(T([2, 10]), 0),
    "SHAPE_SPLIT: split: cannot split axis 0 of [2, 10] into 0 chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  ["sizes that do not add up", (T) => tf.split(T([2, 10]), [4, 4], 1),
    "SHAPE_SPLIT: split: cannot split axis 1 of [2, 10] into sizes [4, 4]: they add up to 8, not 10"],
  ["tfjs's -1 among the sizes", (T) => tf.split(T([2, 10]), [3, -1], -1),
    "SHAPE_SPLIT: split: cannot split axis 1 of [2, 10] with size -1: each size must be an integer from 0 to 9007199254740991"],
  ["an axis out of range", (T) => tf.split(T([2, 10]), 2, 2),
    "SHAPE_AXIS: split: axis 2 is out of range for [2, 10]: valid axes are integers from -2 to 1"],
  ["unstack: an axis out of range", (T) => tf.unstack(T([2, 10]), -3),
    "SHAPE_AXIS: unstack: axis -3 is out of range for [2, 10]: valid axes are integers from -2 to 1"],
  ["unstack: a scalar", (T) => tf.unstack(T([])),
    "SHAPE_AXIS: unstack: axis 0 is out of range for []: a scalar has no axes"],
];

/** unstack calls: a shape of rank 0 to 3 and an axis, mostly in range. */
const UNSTACKS = Array.from({ length: 200 }, () => {
  const rank = random.int(0, 3);
  const x = Array.from({ length: rank }, () => random.int(0, 4));
  return { x, axis: random.chance(0.85) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1]) };
});

describe.each(BACKENDS)("shapecheck/tfjs split on the %s backend", (backend) => {
  beforeAll(() => useBackend(backend));

  it("the predicted shapes are tfjs's pieces', the values tfjs's own; a refused call throws before tfjs runs (generated cases)", () => {
    const outcomes = { ok: 0, error: 0, minus: 0 };
    for (const c of CASES) {
      tfc.tidy(() => {
        const x = ramp(c.x);
        const own = () => tfc.split(x, Array.isArray(c.splits) ? [...c.splits] : c.splits, c.axis);
        let predicted: number[][];
        try {
          predicted = predict(c);
        } catch (error) {
          expect(error).toBeInstanceOf(ShapeError);
          const before = tfc.memory().numTensors;
          expect(thrown(() => tf.split(tf.typed(x), c.splits as never, c.axis as never)).message).toBe((error as Error).message);
          expect(tfc.memory().numTensors).toBe(before);
          if (Array.isArray(c.splits) && c.splits.includes(-1)) {
            outcomes.minus++; // tfjs fills a -1 in (or miscounts it); the typed layer asks for the size
          } else {
            expect(() => own()).toThrow(); // tfjs refuses it too
            outcomes.error++;
          }
          return;
        }
        const pieces = tf.split(tf.typed(x), c.splits as never, c.axis as never) as unknown as tfc.Tensor[];
        const expected = own();
        expect(pieces.map((p) => p.shape)).toEqual(predicted);
        expect(expected.map((p) => p.shape)).toEqual(predicted);
        expect(pieces.map((p) => p.arraySync())).toEqual(expected.map((p) => p.arraySync()));
        outcomes.ok++;
      });
    }
    // The generator reaches every side of the rule.
    expect(outcomes.ok).toBeGreaterThan(150);
    expect(outcomes.error).toBeGreaterThan(60);
    expect(outcomes.minus).toBeGreaterThan(20);
  });

  it("hand-computed values: an LSTM's four gates from one product, and unequal sizes; tfjs's leading -1, which the typed layer refuses, fails in tfjs too", () => {
    tfc.tidy(() => {
      const z = tf.tensor2d([[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15]]);
      const [i, f, g, o] = tf.split(z, 4, 1);
      expect([i.arraySync(), f.arraySync(), g.arraySync(), o.arraySync()]).toEqual([[[0, 1], [8, 9]], [[2, 3], [10, 11]], [[4, 5], [12, 13]], [[6, 7], [14, 15]]]);
      const [head, rest] = z.split([3, 5], -1);
      expect(head.arraySync()).toEqual([[0, 1, 2], [8, 9, 10]]);
      expect(rest.shape).toEqual([2, 5]);
      // tfjs 4.22 adds a leading -1 into the total it subtracts from the axis, and then fails its own sum check
      expect(() => tfc.split(tfc.zeros([5]), [-1, 3])).toThrow("The sum of sizes must match the size of the axis dimension.");
    });
  });

  it("unstack: the pieces have the rule's shape and are tfjs's own; a refused axis throws before tfjs runs, and tfjs refuses it too (generated cases)", () => {
    const outcomes = { ok: 0, error: 0 };
    for (const c of UNSTACKS) {
      tfc.tidy(() => {
        const x = c.x.length === 0 ? tfc.scalar(1) : ramp(c.x);
        let piece: (number | string)[];
        try {
          piece = unbindShape(c.x as never, c.axis as never) as unknown as (number | string)[];
        } catch (error) {
          expect(error).toBeInstanceOf(ShapeError);
          const before = tfc.memory().numTensors;
          expect(thrown(() => tf.unstack(tf.typed(x), c.axis as never)).message).toBe((error as Error).message.replace("unbindShape", "unstack"));
          expect(tfc.memory().numTensors).toBe(before);
          expect(() => tfc.unstack(x, c.axis)).toThrow();
          outcomes.error++;
          return;
        }
        const pieces = tf.unstack(tf.typed(x), c.axis as never) as unknown as tfc.Tensor[];
        const expected = tfc.unstack(x, c.axis);
        const index = c.axis < 0 ? c.axis + c.x.length : c.axis;
        expect(pieces.length).toBe(c.x[index]);
        expect(pieces.map((p) => p.shape)).toEqual(pieces.map(() => piece));
        expect(expected.map((p) => p.shape)).toEqual(pieces.map(() => piece));
        expect(pieces.map((p) => p.arraySync())).toEqual(expected.map((p) => p.arraySync()));
        outcomes.ok++;
      });
    }
    expect(outcomes.ok).toBeGreaterThan(120);
    expect(outcomes.error).toBeGreaterThan(20);
  });

  describe("each error throws its message before tfjs runs", () => {
    itThrowsBeforeTfjs(ERRORS);
  });
});

/**
 * shapecheck/tfjs's chained reshaping methods (`x.flatten()`, `x.as1D()` … `x.as5D(…)`,
 * `x.asScalar()`) and casts (`tf.cast`, `x.cast`, `x.asType`, `x.toFloat`, `x.toInt`, `x.toBool`), on
 * tfjs-core's cpu and wasm backends, against tfjs's own chained methods (the bundle's, taken before
 * the checked ones are installed: `callOwnMethod`):
 * - generated cases: the runtime rule's predicted shape (`tfReshapeShape`) is the shape tfjs's own
 *   method returns, with the same values; where the rule reports an error, tfjs's own method throws
 *   too, and the checked method throws the rule's message before tfjs runs (no tensor made);
 * - each error's message, written out (test/fixtures/tfjs-reshape.fixture.ts checks that the compiler
 *   prints the same text);
 * - the casts keep the shape and give tfjs's dtype and values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as tf from "../../src/tfjs/index.js";
import { thrown } from "../harness/runtime.js";
import { BACKENDS, callOwnMethod, checkAgainstTfjs, itThrowsBeforeTfjs, ownMethodSource, useBackend, type ErrorCase } from "./backends.js";
import { RESHAPE_METHODS, reshapeCases } from "./cases.js";

const CASES = reshapeCases(400);
const METHODS = [...Object.keys(RESHAPE_METHODS), "cast", "asType", "toFloat", "toInt", "toBool"];

/** Values `0, 1, 2, …` in `shape` (row-major), so a reshape's values say where they came from. */
const ramp = (shape: number[]) => tfc.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape, "float32");

/** A chained call on a tensor of unknown rank (the runtime checks it), by method name. */
const chained = (x: tf.TfTensor<number[]>, op: string, args: readonly unknown[]) => (x as unknown as Record<string, (...a: unknown[]) => tfc.Tensor>)[op]!(...args);

/**
 * The expected error messages, written out. (Two -1s and a negative dim are compile errors even on
 * a tensor of unknown rank, so those two rows call the method by name.)
 */
const ERRORS: ErrorCase[] = [
  ["as2D: element counts differ", (T) => T([2, 3, 4]).as2D(5, 5),
    "SHAPE_RESHAPE: as2D: cannot reshape [2, 3, 4] (24 elements) to [5, 5] (25 elements): element counts differ"],
  ["as3D: element counts differ", (T) => T([2, 3, 4]).as3D(2, 3, 5),
    "SHAPE_RESHAPE: as3D: cannot reshape [2, 3, 4] (24 elements) to [2, 3, 5] (30 elements): element counts differ"],
  ["as4D: element counts differ", (T) => T([2, 3, 4]).as4D(2, 2, 2, 2),
    "SHAPE_RESHAPE: as4D: cannot reshape [2, 3, 4] (24 elements) to [2, 2, 2, 2] (16 elements): element counts differ"],
  ["as5D: element counts differ", (T) => T([2, 3, 4]).as5D(1, 1, 1, 1, 25),
    "SHAPE_RESHAPE: as5D: cannot reshape [2, 3, 4] (24 elements) to [1, 1, 1, 1, 25] (25 elements): element counts differ"],
  ["as2D: -1 not a whole number", (T) => T([2, 3, 4]).as2D(-1, 5),
    "SHAPE_RESHAPE: as2D: cannot reshape [2, 3, 4] (24 elements) to [-1, 5]: -1 cannot be inferred: the other dims hold 5 elements, and 24 is not a multiple of 5"],
  ["as3D: two -1s", (T) => chained(T([2, 3, 4]), "as3D", [-1, -1, 4]),
    "SHAPE_RESHAPE: as3D: cannot reshape [2, 3, 4] to [-1, -1, 4]: only one dim can be -1 (inferred)"],
  ["as2D: a negative dim", (T) => chained(T([2, 3, 4]), "as2D", [-2, 12]),
    "SHAPE_RESHAPE: as2D: cannot reshape [2, 3, 4] to [-2, 12]: dim -2 is negative; sizes are non-negative, and -1 stands for the one inferred size"],
  ["as2D: -1 beside a 0", (T) => T([0, 3]).as2D(-1, 0),
    "SHAPE_RESHAPE: as2D: cannot reshape [0, 3] (0 elements) to [-1, 0]: -1 cannot be inferred: the other dims hold 0 elements, so any size would fit"],
  ["asScalar: more than one element", (T) => T([2, 3]).asScalar(),
    "SHAPE_RESHAPE: asScalar: cannot reshape [2, 3] (6 elements) to [] (1 elements): element counts differ"],
  ["asScalar: no element", (T) => T([0]).asScalar(),
    "SHAPE_RESHAPE: asScalar: cannot reshape [0] (0 elements) to [] (1 elements): element counts differ"],
];

it("the oracle is tfjs's own chained methods (the bundle's), not the checked ones", () => {
  for (const name of METHODS) expect(ownMethodSource(name)).toContain("throwIfDisposed");
});

describe.each(BACKENDS)("shapecheck/tfjs reshaping methods and casts on the %s backend", (backend) => {
  let uninstall: () => void;
  beforeAll(async () => {
    await useBackend(backend);
    uninstall = tf.installChecks();
  });
  afterAll(() => uninstall());

  it("are installed as checked methods", () => {
    expect(tf.CHECKED_METHODS).toEqual(expect.arrayContaining(METHODS));
  });

  it("the predicted shape is tfjs's own method's, the values are its values; an error is tfjs's error too (generated cases)", () => {
    const outcomes = { ok: 0, error: 0 };
    for (const c of CASES) {
      tfc.tidy(() => {
        const x = c.x.length === 0 ? tfc.scalar(7) : ramp(c.x);
        const own = () => callOwnMethod(x, c.op, ...c.dims);
        const outcome = checkAgainstTfjs(
          () => tf.tfReshapeShape(c.op, c.x, c.dims),
          () => chained(tf.typed(x), c.op, c.dims),
          own,
        );
        // The rule rejects exactly what tfjs rejects (with tfjs's own, vaguer message).
        if (outcome === "error") expect(own).toThrow();
        outcomes[outcome]++;
      });
    }
    // The generator reaches both sides of the rule, and every method.
    expect(outcomes.ok).toBeGreaterThan(150);
    expect(outcomes.error).toBeGreaterThan(80);
    expect(new Set(CASES.map((c) => c.op)).size).toBe(Object.keys(RESHAPE_METHODS).length);
  });

  it("hand-computed values: row-major order kept", () => {
    tfc.tidy(() => {
      const x = tf.typed(ramp([2, 3]));
      expect(x.flatten().arraySync()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(x.as2D(3, -1).arraySync()).toEqual([[0, 1], [2, 3], [4, 5]]);
      expect(x.as3D(3, 1, 2).shape).toEqual([3, 1, 2]);
      expect(tf.typed(tfc.tensor([[7]])).asScalar().arraySync()).toBe(7);
      expect(tf.typed(tfc.zeros([0, 3])).flatten().shape).toEqual([0]);
    });
  });

  describe("each error throws its message before tfjs runs", () => {
    itThrowsBeforeTfjs(ERRORS);
  });

  it("casts keep the shape and give tfjs's own dtype and values", () => {
    tfc.tidy(() => {
      const values = tfc.tensor([[1.7, -1.2, 0], [2.5, -0.5, 3]]);
      const x = tf.typed(values);
      const calls: [string, unknown[], tf.DataType][] = [
        ["cast", ["int32"], "int32"],
        ["cast", ["bool"], "bool"],
        ["cast", ["float32"], "float32"],
        ["asType", ["int32"], "int32"],
        ["toFloat", [], "float32"],
        ["toInt", [], "int32"],
        ["toBool", [], "bool"],
      ];
      for (const [op, args, dtype] of calls) {
        const typed = chained(x, op, args);
        const own = callOwnMethod(values, op, ...args);
        expect(own.dtype).toBe(dtype);
        expect(typed.dtype).toBe(dtype);
        expect(typed.shape).toEqual([2, 3]);
        expect(typed.arraySync()).toEqual(own.arraySync());
      }
      const free = tf.cast(x, "int32");
      expect(free.shape).toEqual([2, 3]);
      expect(free.arraySync()).toEqual(tfc.cast(values, "int32").arraySync());
      // An int32 tensor back to float32, and a chain of casts and reshapes.
      expect(x.toInt().toFloat().flatten().arraySync()).toEqual(callOwnMethod(callOwnMethod(values, "toInt"), "toFloat").reshape([6]).arraySync());
    });
  });

  it("tf.cast of something that is not a tensor is INPUT_OPERAND; a dtype tfjs does not know is tfjs's own error", () => {
    expect(thrown(() => tf.cast([1, 2] as never, "int32")).message).toBe("INPUT_OPERAND: cast: x must be a tfjs Tensor");
    const x = tf.typed(tfc.zeros([2]));
    expect(thrown(() => tf.cast(x, "float64" as never)).message).toBe(thrown(() => tfc.cast(tf.untyped(x), "float64" as never)).message);
    tfc.dispose(tf.untyped(x));
  });
});

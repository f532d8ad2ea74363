/**
 * The type rules of shapecheck/tfjs's slice and gather (`TfSliceShape`, `GatherShape` with batchDims)
 * give the runtime rules' answers on the same generated cases (test/tfjs/cases.ts, the ones the
 * runtime tests run against tfjs): the same shape, or the same error message, byte for byte. Plus
 * cases the runtime cannot state: named and `number` dims, entries that are not literals.
 */
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import { gatherShape, tfSliceShape } from "../../src/tfjs/rules.js";
import { evaluateTypes, parseTypeText, type TypeResult } from "../harness/types.js";
import { gatherCases, sliceCases, type Entries } from "./cases.js";

const IMPORTS = `import type { GatherShape, TfSliceShape } from "../types/tfjs/rules.js";`;

/** A runtime rule's answer in the form of the type harness: a shape, or the error message. */
function runtime(run: () => readonly (number | string)[]): TypeResult {
  try {
    return { kind: "shape", rest: false, dims: run().map((d) => (Number.isNaN(d) ? "number" : d)) };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: "error", message: error.message };
    throw error;
  }
}

const literal = (value: Entries) => (value === undefined ? "undefined" : JSON.stringify(value).replace(/,/g, ", "));

describe("shapecheck/tfjs type rules mirror the runtime rules", () => {
  it("slice: every generated case", () => {
    const cases = sliceCases(400);
    const texts = evaluateTypes(IMPORTS, cases.map((c) => `TfSliceShape<${literal(c.x)}, ${literal(c.begin)}, ${literal(c.size)}>`));
    const wrong = cases
      .map((c, i) => ({ c, type: parseTypeText(texts[i]!), runtime: runtime(() => tfSliceShape(c.x, c.begin, c.size)) }))
      .filter((r) => JSON.stringify(r.type) !== JSON.stringify(r.runtime));
    expect(wrong).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(100);
  });

  it("gather with batchDims: every generated case", () => {
    const cases = gatherCases(300);
    const texts = evaluateTypes(IMPORTS, cases.map((c) => `GatherShape<${literal(c.x)}, ${literal(c.indices)}, ${c.axis}, ${c.batchDims}>`));
    const wrong = cases
      .map((c, i) => ({ c, type: parseTypeText(texts[i]!), runtime: runtime(() => gatherShape(c.x, c.indices, c.axis, c.batchDims)) }))
      .filter((r) => JSON.stringify(r.type) !== JSON.stringify(r.runtime));
    expect(wrong).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(50);
  });

  it("names, number dims and non-literal entries: no error where a value is unknown; names kept where the whole axis is", () => {
    const texts = evaluateTypes(IMPORTS, [
      `TfSliceShape<["b", 5], [0, 2]>`,
      `TfSliceShape<["b", 5], [1]>`,
      `TfSliceShape<["b", 5], [9], [2, 1]>`,
      `TfSliceShape<[number, 5], [3, 6]>`,
      `TfSliceShape<[4, 5], number[]>`,
      `TfSliceShape<[4, 5], number[], [2, 1]>`,
      `TfSliceShape<[4, 5], [number, 1], [number, 2]>`,
      `TfSliceShape<number[], [9, 9]>`,
      `GatherShape<["b", 5, 4], ["b", 3], 1, 1>`,
      `GatherShape<[number, 5, 4], [2, 3], 1, 1>`,
      `GatherShape<[2, 5, 4], [2, 3], 1, number>`,
    ]);
    expect(texts).toEqual([
      `["b", 3]`,
      `[number, 5]`,
      `[2, 1]`,
      // Axis 1 is known: the begin past its end is an error even though axis 0 is not known.
      `ShapeError<"SHAPE_SLICE: slice: cannot slice [number, 5]: axis 1: begin 6 is past the end (5)">`,
      `[number, number]`,
      `[2, 1]`,
      `[number, 2]`,
      `number[]`,
      `["b", 3, 4]`,
      `[number, 3, 4]`,
      `number[]`,
    ]);
  });
});

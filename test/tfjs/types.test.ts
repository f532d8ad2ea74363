/**
 * The type rules of shapecheck/tfjs's slice, gather (`TfSliceShape`, `GatherShape` with batchDims)
 * and reshaping methods (`TfReshapeShape`; and the chained methods' result types) give the runtime rules' answers on the same generated cases (test/tfjs/cases.ts, the ones the
 * runtime tests run against tfjs): the same shape, or the same error message, byte for byte. Plus
 * cases the runtime cannot state: named and `number` dims, entries that are not literals.
 */
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import { gatherShape, tfConv2dShape, tfPoolShape, tfReshapeShape, tfSliceShape } from "../../src/tfjs/rules.js";
import { evaluateTypeBatches, parseTypeText, type TypeResult } from "../harness/types.js";
import { convCases, gatherCases, poolCases, reshapeCases, sliceCases, type Entries } from "./cases.js";

const IMPORTS = `import type { GatherShape, TfConv2dShape, TfPoolShape, TfReshapeShape, TfSliceShape } from "../types/tfjs/rules.js";`;

/** A runtime rule's answer in the form of the type harness: a shape, or the error message. */
function runtime(run: () => readonly (number | string)[]): TypeResult {
  try {
    return { kind: "shape", rest: false, dims: run().map((d) => (Number.isNaN(d) ? "number" : d)) };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: "error", message: error.message };
    throw error;
  }
}

const literal = (value: Entries | readonly (number | string)[]) => (value === undefined ? "undefined" : JSON.stringify(value).replace(/,/g, ", "));

/**
 * Every type expression of this file, evaluated by one program when a test first asks (each program
 * checks the rules and tfjs's types afresh: one per test cost seconds). `evaluatedTexts(i)` is the i-th batch's
 * types as text, in the order {@link batches} lists them.
 */
const batches: { imports: string; expressions: string[] }[] = [];
const batch = (imports: string, expressions: readonly string[]): number => batches.push({ imports, expressions: [...expressions] }) - 1;
let evaluated: string[][] | undefined;
const evaluatedTexts = (index: number): string[] => (evaluated ??= evaluateTypeBatches(batches))[index]!;

const sliced = sliceCases(400);
const SLICE = batch(IMPORTS, sliced.map((c) => `TfSliceShape<${literal(c.x)}, ${literal(c.begin)}, ${literal(c.size)}>`));
const gathered = gatherCases(300);
const GATHER = batch(IMPORTS, gathered.map((c) => `GatherShape<${literal(c.x)}, ${literal(c.indices)}, ${c.axis}, ${c.batchDims}>`));
const reshaped = reshapeCases(400);
const RESHAPE = batch(IMPORTS, reshaped.map((c) => `TfReshapeShape<"${c.op}", ${literal(c.x)}, ${literal(c.dims)}>`));
// The chained methods (x.as2D(…), x.flatten(), …) on every case the runtime rule accepts.
const reshapedValid = reshaped.filter((c) => runtime(() => tfReshapeShape(c.op, c.x, c.dims)).kind === "shape");
const METHODS = batch(
  `import type { TfTensor } from "../src/tfjs/index.js";\n${reshapedValid.map((c, i) => `declare const x${i}: TfTensor<${literal(c.x)}>;\nconst r${i} = x${i}.${c.op}(${c.dims.join(", ")});`).join("\n")}`,
  reshapedValid.map((_, i) => `typeof r${i}`),
);
// conv2d and pooling: the rules on the generated cases the runtime tests run against tfjs, and the
// functions' result types on the cases the runtime rule accepts.
const convolved = convCases(150);
const option = (value: unknown) => JSON.stringify(value).replace(/,/g, ", ");
const CONV = batch(IMPORTS, convolved.map((c) => `TfConv2dShape<${literal(c.x)}, ${literal(c.filter)}, ${option(c.strides)}, ${option(c.pad)}, "${c.dataFormat}", ${option(c.dilations)}>`));
const convValid = convolved.filter((c) => runtime(() => tfConv2dShape(c.x, c.filter, c.strides, c.pad, c.dataFormat, c.dilations)).kind === "shape");
const CONV_CALLS = batch(
  `import * as tf from "../src/tfjs/index.js";
${convValid.map((c, i) => `declare const x${i}: tf.TfTensor<${literal(c.x)}>;\ndeclare const f${i}: tf.TfTensor<${literal(c.filter)}>;\nconst r${i} = tf.conv2d(x${i}, f${i}, ${option(c.strides)}, ${option(c.pad)}, "${c.dataFormat}", ${option(c.dilations)});`).join("\n")}`,
  convValid.map((_, i) => `typeof r${i}`),
);
const pooled = poolCases(150);
const POOL = batch(IMPORTS, pooled.map((c, i) => `TfPoolShape<"${i % 2 ? "avgPool" : "maxPool"}", ${literal(c.x)}, ${option(c.filterSize)}, ${option(c.strides)}, ${option(c.pad)}>`));
const poolValid = pooled.filter((c) => runtime(() => tfPoolShape("maxPool", c.x, c.filterSize, c.strides, c.pad)).kind === "shape");
const POOL_CALLS = batch(
  `import * as tf from "../src/tfjs/index.js";
${poolValid.map((c, i) => `declare const x${i}: tf.TfTensor<${literal(c.x)}>;\nconst r${i} = ${i % 2 ? "tf.avgPool" : "x" + i + ".maxPool"}(${i % 2 ? `x${i}, ` : ""}${option(c.filterSize)}, ${option(c.strides)}, ${option(c.pad)});`).join("\n")}`,
  poolValid.map((_, i) => `typeof r${i}`),
);
const named: [string, string, (number | string)[], (number | string)[]][] = [
  ["flatten", `["b", 28, 28]`, ["b", 28, 28], []],
  ["as1D", `["b", "s", 4]`, ["b", "s", 4], []],
  ["as2D", `["b", 6]`, ["b", 6], [-1, 3]],
  ["as2D", `["b", 6]`, ["b", 6], [3, 3]],
  ["asScalar", `["b"]`, ["b"], []],
  ["flatten", `[9007199254740991, 2]`, [9007199254740991, 2], []],
];
const NAMED = batch(IMPORTS, named.map(([op, x, , dims]) => `TfReshapeShape<"${op}", ${x}, ${literal(dims)}>`));
const DYNAMIC = batch(IMPORTS, [
  `TfReshapeShape<"as2D", [number, 4], [2, 8]>`,
  `TfReshapeShape<"as2D", [number, 4], [-1, 2]>`,
  `TfReshapeShape<"as3D", [2, 4], [number, 2, 2]>`,
  `TfReshapeShape<"flatten", [number, 4]>`,
  `TfReshapeShape<"asScalar", number[]>`,
]);
const UNKNOWN = batch(IMPORTS, [
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

describe("shapecheck/tfjs type rules mirror the runtime rules", () => {
  /** Each case with the compiler's answer (from `texts`) and the run's; the ones that differ are `wrong`. */
  const compared = <C>(cases: readonly C[], texts: readonly string[], run: (c: C) => readonly (number | string)[]) => {
    const results = cases.map((c, i) => ({ c, type: parseTypeText(texts[i]!), runtime: runtime(() => run(c)) }));
    return { results, wrong: results.filter((r) => JSON.stringify(r.type) !== JSON.stringify(r.runtime)) };
  };

  it("slice: every generated case", () => {
    const texts = evaluatedTexts(SLICE);
    expect(compared(sliced, texts, (c) => tfSliceShape(c.x, c.begin, c.size)).wrong).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(100);
  });

  it("gather with batchDims: every generated case", () => {
    const texts = evaluatedTexts(GATHER);
    expect(compared(gathered, texts, (c) => gatherShape(c.x, c.indices, c.axis, c.batchDims)).wrong).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(50);
  });

  it("reshaping methods: every generated case, by the rule and by the chained method's result type", () => {
    const texts = evaluatedTexts(RESHAPE);
    const { results, wrong: byRule } = compared(reshaped, texts, (c) => tfReshapeShape(c.op, c.x, c.dims));
    expect(byRule).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(80);
    // The methods themselves (x.as2D(…), x.flatten(), …) give the rule's shape on every valid case.
    const valid = results.filter((r) => r.runtime.kind === "shape");
    expect(valid.map((r) => r.c)).toEqual(reshapedValid); // the cases whose methods were evaluated
    const methods = evaluatedTexts(METHODS);
    const wrong = valid
      .map((r, i) => ({ c: r.c, method: methods[i]!, runtime: r.runtime }))
      .filter((r) => !r.method.startsWith("TfTensor<") || JSON.stringify(parseTypeText(r.method.slice("TfTensor<".length, -1))) !== JSON.stringify(r.runtime));
    expect(wrong).toEqual([]);
    expect(valid.length).toBeGreaterThan(150);
  });

  /**
   * A window op's generated cases: the type rule (batch `rule`) against the runtime rule on every case,
   * errors included, and the call's result type (batch `calls`, one per case the runtime accepts).
   */
  const ruleAndCalls = <C>(cases: readonly C[], rule: number, calls: number, valid: readonly C[], run: (c: C) => readonly (number | string)[]) => {
    const texts = evaluatedTexts(rule);
    const { results, wrong } = compared(cases, texts, run);
    expect(wrong).toEqual([]);
    expect(texts.filter((t) => t.startsWith("ShapeError")).length).toBeGreaterThan(10);
    const accepted = results.filter((r) => r.runtime.kind === "shape");
    expect(accepted.map((r) => r.c)).toEqual(valid);
    const types = evaluatedTexts(calls);
    const byCall = accepted.map((r, i) => ({ c: r.c, call: types[i]!, runtime: r.runtime })).filter((r) => JSON.stringify(parseTypeText(r.call.replace(/^TfTensor<(.*)>$/, "$1"))) !== JSON.stringify(r.runtime));
    expect(byCall).toEqual([]);
    expect(accepted.length).toBeGreaterThan(80);
  };

  it("conv2d: every generated case by the rule, and tf.conv2d's result type on every valid one", () => {
    ruleAndCalls(convolved, CONV, CONV_CALLS, convValid, (c) => tfConv2dShape(c.x, c.filter, c.strides, c.pad, c.dataFormat, c.dilations));
  });

  it("maxPool/avgPool: every generated case by the rule, and the result type of tf.avgPool and x.maxPool on every valid one", () => {
    ruleAndCalls(pooled, POOL, POOL_CALLS, poolValid, (c) => tfPoolShape(pooled.indexOf(c) % 2 ? "avgPool" : "maxPool", c.x, c.filterSize, c.strides, c.pad));
  });

  it("reshaping methods on names, number dims and sizes past 2^53 − 1: names as polynomials, number never an error", () => {
    const texts = evaluatedTexts(NAMED);
    expect(texts.map(parseTypeText)).toEqual(named.map(([op, , x, dims]) => runtime(() => tfReshapeShape(op as never, x, dims))));
    expect(texts).toEqual([
      `["b*784"]`,
      `["b*s*4"]`,
      `["b*2", 3]`,
      `ShapeError<"SHAPE_RESHAPE: as2D: cannot reshape ['b', 6] (b*6 elements) to [3, 3] (9 elements): element counts differ">`,
      `ShapeError<"SHAPE_RESHAPE: asScalar: cannot reshape ['b'] (b elements) to [] (1 elements): element counts differ">`,
      `ShapeError<"SHAPE_RESHAPE: flatten: cannot reshape [9007199254740991, 2] (18014398509481982 elements) to [-1]: -1 would be 18014398509481982, above the largest safe integer 9007199254740991">`,
    ]);
    const dynamic = evaluatedTexts(DYNAMIC);
    expect(dynamic).toEqual([`[2, 8]`, `[number, 2]`, `[number, 2, 2]`, `[number]`, `[]`]);
  });

  it("names, number dims and non-literal entries: no error where a value is unknown; names kept where the whole axis is", () => {
    const texts = evaluatedTexts(UNKNOWN);
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

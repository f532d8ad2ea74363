/**
 * Every case of ../shared/conformance/authorities.json (NumPy, the Array API, PyTorch, TF.js and MLIR
 * test suites) must pass at run time and at the type level. Each op of the file has one handler that
 * says how the case maps onto shapecheck's API; a case whose op has no handler fails.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ShapeError } from "../src/errors.js";
import { broadcastShapes, broadcastToShape, reductionAxes } from "../src/ops/broadcast.js";
import { matmulShape } from "../src/ops/matmul.js";
import { root } from "./harness/compile.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceShape, type TypeResult } from "./harness/types.js";

type RawShape = readonly (number | "?")[] | "*";
interface Case {
  readonly id: string;
  readonly op: string;
  readonly inputs: readonly RawShape[];
  readonly expected: readonly number[] | "error" | "ok";
  readonly note?: string;
}

const file = path.resolve(root, "../shared/conformance/authorities.json");
const cases = (JSON.parse(readFileSync(file, "utf8")) as { cases: Case[] }).cases;

/** `?` is a dim unknown at compile time (`number`), `*` a shape of unknown rank (`number[]`). */
const toSource = (shape: RawShape): SourceShape => (shape === "*" ? "unknown-rank" : shape.map((d) => (d === "?" ? DYNAMIC : d)));
const known = (shape: RawShape): number[] => {
  if (shape === "*" || shape.includes("?")) throw new Error("not a known shape");
  return shape as number[];
};
const hasUnknown = (c: Case) => c.inputs.some((s) => s === "*" || s.includes("?"));

/** Runs a runtime rule: its result, or "error" when it throws a ShapeError. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof ShapeError) return "error";
    throw error;
  }
}

/** How each conformance op maps onto shapecheck: a runtime call and a type expression. */
interface Handler {
  /** The runtime result for the case (known shapes only), or "error". */
  readonly runtime?: (c: Case) => unknown;
  /** A type expression for the case. */
  readonly type: (c: Case) => string;
  /** Turns the parsed type result into the form of `expected`. */
  readonly read: (c: Case, result: TypeResult) => unknown;
}

/** A type-level shape in the file's notation: a `number` dim is `?`. */
const asShape = (_c: Case, r: TypeResult) => {
  if (r.kind === "error") return "error";
  const dims = r.dims.map((d) => (d === "number" ? "?" : d));
  return r.rest ? ["...", ...dims] : dims;
};
/** broadcast_dims: the input axes that get stretched = the non-prepended reduction axes, in input space. */
const inputSpace = (c: Case, axes: readonly number[]) => {
  const lead = known(c.inputs[1]!).length - known(c.inputs[0]!).length;
  return axes.filter((a) => a >= lead).map((a) => a - lead);
};

const handlers: Record<string, Handler> = {
  broadcast: {
    runtime: (c) => broadcastShapes(...(c.inputs.map(known) as never[])),
    type: (c) => `BroadcastShapes<[${c.inputs.map((s) => shapeType(toSource(s))).join(", ")}]>`,
    read: asShape,
  },
  broadcast_to: {
    runtime: (c) => broadcastToShape(known(c.inputs[0]!) as never, known(c.inputs[1]!) as never),
    type: (c) => `BroadcastToShape<${shapeType(toSource(c.inputs[0]!))}, ${shapeType(toSource(c.inputs[1]!))}>`,
    read: asShape,
  },
  inplace_assign: {
    // x[...] = rhs / x.add_(rhs): rhs must broadcast one-way to lhs, which stays unchanged.
    runtime: (c) => broadcastToShape(known(c.inputs[1]!) as never, known(c.inputs[0]!) as never),
    type: (c) => `BroadcastToShape<${shapeType(toSource(c.inputs[1]!))}, ${shapeType(toSource(c.inputs[0]!))}>`,
    read: asShape,
  },
  reduction_axes: {
    runtime: (c) => reductionAxes(known(c.inputs[0]!) as never, known(c.inputs[1]!) as never),
    type: (c) => `ReductionAxes<${shapeType(toSource(c.inputs[0]!))}, ${shapeType(toSource(c.inputs[1]!))}>`,
    read: asShape,
  },
  broadcast_dims: {
    runtime: (c) => inputSpace(c, reductionAxes(known(c.inputs[0]!) as never, known(c.inputs[1]!) as never) as number[]),
    type: (c) => `ReductionAxes<${shapeType(toSource(c.inputs[0]!))}, ${shapeType(toSource(c.inputs[1]!))}>`,
    read: (c, r) => (r.kind === "error" ? "error" : inputSpace(c, r.dims as number[])),
  },
  matmul: {
    // NumPy's `a @ b`: [a, b] → the result shape, or "error".
    runtime: (c) => matmulShape(known(c.inputs[0]!) as never, known(c.inputs[1]!) as never),
    type: (c) => `MatmulShape<${shapeType(toSource(c.inputs[0]!))}, ${shapeType(toSource(c.inputs[1]!))}>`,
    read: asShape,
  },
};

const IMPORTS = [
  `import type { BroadcastShapes, BroadcastToShape, ReductionAxes } from "../types/ops/broadcast.js";`,
  `import type { MatmulShape } from "../types/ops/matmul.js";`,
].join("\n");

describe("conformance: ../shared/conformance/authorities.json", () => {
  it("has a handler for every op in the file", () => {
    const missing = [...new Set(cases.map((c) => c.op))].filter((op) => !(op in handlers));
    expect(missing).toEqual([]);
  });

  const handled = cases.filter((c) => c.op in handlers);

  it.each(handled.filter((c) => !hasUnknown(c)).map((c) => [c.id, c] as const))("runtime %s", (_id, c) => {
    expect(outcome(() => handlers[c.op]!.runtime!(c))).toEqual(c.expected);
  });

  it("type level: every case", () => {
    const texts = evaluateTypes(IMPORTS, handled.map((c) => handlers[c.op]!.type(c)));
    const wrong = handled
      .map((c, i) => ({ id: c.id, expected: c.expected, got: handlers[c.op]!.read(c, parseTypeText(texts[i]!)), text: texts[i] }))
      .filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.expected));
    expect(wrong).toEqual([]);
  });
});

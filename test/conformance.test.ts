/**
 * Every case of test/conformance/authorities.json (a vendored copy of the team's conformance table) (NumPy, the Array API, PyTorch, TF.js and MLIR
 * test suites) must pass at run time and at the type level. Each op of the file has one handler that
 * says how the case maps onto shapecheck's API; a case whose op has no handler fails.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ShapeError } from "../src/errors.js";
import { broadcastShapes, broadcastToShape, reductionAxes } from "../src/ops/broadcast.js";
import { matmulShape } from "../src/ops/matmul.js";
import { zeros } from "../src/index.js";
import { root } from "./harness/compile.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceShape, type TypeResult } from "./harness/types.js";

/** A shape of the file: dims, `?` for a dim unknown at compile time, `["*"]` for an unknown rank. */
type RawShape = readonly (number | "?" | "*")[];
interface Case {
  readonly id: string;
  readonly op: string;
  readonly inputs: readonly RawShape[];
  readonly expected: readonly number[] | "error" | "ok";
  readonly note?: string;
}

// A vendored copy of the team's conformance table (provenance in the file itself), so a fresh
// clone is self-contained.
const file = path.resolve(root, "test/conformance/authorities.json");
const cases = (JSON.parse(readFileSync(file, "utf8")) as { cases: Case[] }).cases;

/** `?` is a dim unknown at compile time (`number`), `*` a shape of unknown rank (`number[]`). */
const toSource = (shape: RawShape): SourceShape =>
  shape.includes("*") ? "unknown-rank" : shape.map((d) => (d === "?" ? DYNAMIC : (d as number)));
const isKnown = (shape: RawShape) => !shape.includes("?") && !shape.includes("*");
const known = (shape: RawShape): number[] => {
  if (!isKnown(shape)) throw new Error("not a known shape");
  return shape as number[];
};
const hasUnknown = (c: Case) => !c.inputs.every(isKnown);

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
  result_check: {
    // [a, b, declared]: a result type declared for `a + b` is a restatement, `a.add(b).as(declared)`:
    // accepted when it can hold (unknown dims and ranks are the runtime's to check), else an error.
    runtime: (c) => {
      zeros(known(c.inputs[0]!) as never).add(zeros(known(c.inputs[1]!) as never) as never).as(known(c.inputs[2]!) as never);
      return "ok";
    },
    type: (c) => {
      const [a, b, declared] = c.inputs.map((s) => shapeType(toSource(s)));
      return `BroadcastShapes<[${a}, ${b}]> extends infer Out extends Shape ? AsShape<Out, ${declared}> : never`;
    },
    read: (_c, r) => (r.kind === "error" ? "error" : "ok"),
  },
};

/**
 * Cases whose expectation the file itself calls a policy choice, and the choice shapecheck makes.
 * A test below keeps this list to exactly such cases.
 */
const POLICY: Record<string, { readonly expected: unknown; readonly why: string }> = {
  "mlir-dyn-04": {
    expected: "ok",
    why: "`.as()` exists to restate a dynamic dim as a known size, checked at run time (the file's note: other copies of this MLIR test allow the dynamic-to-static cast)",
  },
};
const expectedOf = (c: Case) => (c.id in POLICY ? POLICY[c.id]!.expected : c.expected);

const IMPORTS = [
  `import type { Shape } from "../types/shape.js";`,
  `import type { AsShape } from "../types/tensor.js";`,
  `import type { BroadcastShapes, BroadcastToShape, ReductionAxes } from "../types/ops/broadcast.js";`,
  `import type { MatmulShape } from "../types/ops/matmul.js";`,
].join("\n");

describe("conformance: test/conformance/authorities.json", () => {
  it("has a handler for every op in the file", () => {
    const missing = [...new Set(cases.map((c) => c.op))].filter((op) => !(op in handlers));
    expect(missing).toEqual([]);
  });

  const handled = cases.filter((c) => c.op in handlers);

  it("overrides only expectations the file marks as a policy choice", () => {
    for (const id of Object.keys(POLICY)) expect(cases.find((c) => c.id === id)?.note ?? "").toMatch(/policy choice/);
  });

  it.each(handled.filter((c) => !hasUnknown(c)).map((c) => [c.id, c] as const))("runtime %s", (_id, c) => {
    expect(outcome(() => handlers[c.op]!.runtime!(c))).toEqual(expectedOf(c));
  });

  // At run time every size is concrete: a case with `?` or `*` passes when, over concrete stand-ins
  // (`?` → 1…4, `*` → a few ranks), an "error" case always throws, an "ok" case runs for some, and a
  // shape case's successful runs all fit the expected shape (where `?` fits any size).
  it.each(handled.filter(hasUnknown).map((c) => [c.id, c] as const))("runtime, concrete stand-ins %s", (_id, c) => {
    const standIns = (shape: RawShape): (readonly number[])[] =>
      shape.includes("*")
        ? [[], [1], [2], [3, 2], [4, 3, 2], [4, 1, 1], [1, 1, 1]]
        : shape.reduce<number[][]>((acc, d) => acc.flatMap((prefix) => (d === "?" ? [1, 2, 3, 4] : [d as number]).map((v) => [...prefix, v])), [[]]);
    const combos = c.inputs.reduce<(readonly number[])[][]>((acc, shape) => acc.flatMap((prefix) => standIns(shape).map((v) => [...prefix, v])), [[]]);
    const results = combos.map((inputs) => outcome(() => handlers[c.op]!.runtime!({ ...c, inputs })));
    const expected = expectedOf(c);
    const successes = results.filter((r) => r !== "error");
    if (expected === "error") expect(successes).toEqual([]);
    else expect(successes.length).toBeGreaterThan(0);
    if (Array.isArray(expected)) {
      const fits = (r: unknown) => Array.isArray(r) && r.length === expected.length && expected.every((d, i) => d === "?" || d === r[i]);
      expect(successes.filter((r) => !fits(r))).toEqual([]);
    }
  });

  it("type level: every case", () => {
    const texts = evaluateTypes(IMPORTS, handled.map((c) => handlers[c.op]!.type(c)));
    const wrong = handled
      .map((c, i) => ({ id: c.id, expected: expectedOf(c), got: handlers[c.op]!.read(c, parseTypeText(texts[i]!)), text: texts[i] }))
      .filter((r) => JSON.stringify(r.got) !== JSON.stringify(r.expected));
    expect(wrong).toEqual([]);
  });
});

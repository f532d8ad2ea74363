/**
 * The two sides stay mirrored (STYLE 1 and 8): every op file in src/ops/ has a types/ops/ file of the
 * same name and vice versa; every runtime shape rule `fooShape()` has a type rule `FooShape<…>` and
 * every message writer `writeFooMessage()` a `WriteFooMessage<…>`, in the files of the same stem.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./harness/compile.js";

const srcOps = path.join(root, "src/ops");
const typeOps = path.join(root, "types/ops");
const stems = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3));

/** Exported function names of a source file. */
const exportedFunctions = (file: string) => [...readFileSync(file, "utf8").matchAll(/^export function (\w+)/gm)].map((m) => m[1]!);
/** Exported type names of a source file. */
const exportedTypes = (file: string) => [...readFileSync(file, "utf8").matchAll(/^export type (\w+)/gm)].map((m) => m[1]!);
const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/**
 * Compile-time-only message writers: messages about type parameters and union dims, which do not
 * exist at run time (every dim is a number there), and the batch-dims message that matmul re-exports as
 * `WriteMatmulBatchMessage` (mirrored by `writeMatmulBatchMessage`).
 */
const COMPILE_TIME_ONLY = new Set([
  "WriteBroadcastNamesMessage",
  "WriteBroadcastToNamesMessage",
  "WriteTrailingNamesMessage",
  "WriteListNamesMessage",
  "WriteGroupNamesMessage",
  "WriteReshapeNamesMessage",
  "WriteReshapeKeptMessage",
  "WriteMatmulNamesMessage",
  "WriteBatchDimsMessage",
  "WriteUnionDimMessage",
  "WriteMatmulUnionMessage",
  "WriteImplicitOuterNamesMessage",
  "WriteSqueezeNamesMessage",
  "WriteRearrangeNamesMessage",
  "WriteConvNamesMessage",
  "WriteEinsumNamesMessage",
  "WriteEinsumGroupNamesMessage",
  "WriteEinsumGroupAxisNamesMessage",
  "WriteLabelsNamesMessage",
  "WriteSameShapeNamesMessage",
  "WriteGatherNamesMessage",
  "WriteSameShapeTailMessage",
  "WriteGatherTailMessage",
]);

/**
 * Ops that have no shape rule of their own: elementwise maps use broadcasting's rule; `clamp` and
 * `dropout` keep their input's shape (`Tensor<S>` → `Tensor<S>`).
 */
const RUNTIME_ONLY = new Set(["elementwise", "unary", "binary", "clamp", "dropout"]);

describe("src/ops and types/ops mirror each other", () => {
  it("each compile-time-only writer exists (the exception list cannot go stale)", () => {
    const exported = stems(typeOps).flatMap((stem) => exportedTypes(path.join(typeOps, `${stem}.ts`)));
    expect([...COMPILE_TIME_ONLY].filter((name) => !exported.includes(name))).toEqual([]);
  });

  it("every type rule file has a runtime file of the same name", () => {
    expect(stems(typeOps).filter((stem) => !existsSync(path.join(srcOps, `${stem}.ts`)))).toEqual([]);
  });

  it("every runtime op file has a type rule file of the same name (elementwise maps excepted)", () => {
    expect(stems(srcOps).filter((stem) => !RUNTIME_ONLY.has(stem) && !existsSync(path.join(typeOps, `${stem}.ts`)))).toEqual([]);
  });

  it.each(stems(srcOps).filter((stem) => existsSync(path.join(typeOps, `${stem}.ts`))))("%s: shape rules and message writers come in pairs", (stem) => {
    const functions = exportedFunctions(path.join(srcOps, `${stem}.ts`)).filter((n) => /^write\w+Message$|^\w+Shape$|^reductionAxes$/.test(n));
    const types = exportedTypes(path.join(typeOps, `${stem}.ts`));
    expect(functions.length).toBeGreaterThan(0);
    expect(functions.filter((n) => !types.includes(pascal(n)))).toEqual([]);
    const typeWriters = types.filter((n) => (/^Write\w+Message$/.test(n) || /Shape$/.test(n)) && !COMPILE_TIME_ONLY.has(n));
    expect(typeWriters.filter((n) => !functions.includes(n[0]!.toLowerCase() + n.slice(1)))).toEqual([]);
  });
});

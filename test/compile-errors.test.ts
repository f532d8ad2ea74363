/**
 * Compile-fail fixtures (test/fixtures/*.fixture.ts), checked three ways:
 * 1. TypeScript 6 (ts-morph, one shared project): every `// @shape-error CODE` line has exactly one
 *    diagnostic carrying that code, and no other line has any;
 * 2. TypeScript 7 (`tsc`, one run over all fixtures) reports the same messages on the same lines;
 * 3. the fixture runs, and each `fails(() => …)` throws exactly the message the compiler printed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMismatches, readAnnotations, type FoundDiagnostic } from "../src/testing/index.js";
import { fixtureFiles, fixturesDir, root, sharedChecker, tsc7DiagnosticsAsync } from "./harness/compile.js";
import { takeOutcomes } from "./harness/runtime.js";

const files = fixtureFiles();
let ts7: FoundDiagnostic[] = [];

beforeAll(async () => {
  // TypeScript 7 runs in its own process while TypeScript 6 checks every fixture in one program (each
  // fixture added on its own would build a new program and checker); the tests below read from both.
  const seven = tsc7DiagnosticsAsync(path.join(fixturesDir, "tsconfig.json"));
  sharedChecker().diagnostics(files);
  ts7 = await seven;
}, 120_000);

const rel = (file: string) => path.relative(root, file);
const lineAndMessage = (d: FoundDiagnostic) => `${d.line}: ${d.code}: ${d.message}`;

describe.each(files.map((file) => [rel(file), file] as const))("%s", (_name, file) => {
  const source = readFileSync(file, "utf8");
  const annotations = readAnnotations(source);

  it("has annotated errors to check", () => {
    expect(annotations.length).toBeGreaterThan(0);
  });

  it("TypeScript 6 reports exactly the annotated shape errors", () => {
    const mismatches = sharedChecker().mismatches(file);
    expect(formatMismatches(mismatches, rel)).toBe("");
  });

  it("TypeScript 7 agrees with TypeScript 6 line for line", () => {
    const six = sharedChecker().diagnostics(file).map(lineAndMessage);
    const seven = ts7.filter((d) => d.file === file).map(lineAndMessage);
    expect(seven).toEqual(six);
  });

  it("the runtime throws the message the compiler printed, in order", async () => {
    const compiled = sharedChecker()
      .shapeErrors(file)
      .sort((a, b) => a.line - b.line)
      .map((d) => d.message);
    takeOutcomes();
    await import(/* @vite-ignore */ file);
    const thrown = takeOutcomes().map((o) => o.message ?? "(nothing thrown)");
    expect(thrown).toEqual(compiled);
  });
});

it("TypeScript 7 finds no errors outside the fixtures' annotated lines", () => {
  const annotated = new Set(files.flatMap((file) => readAnnotations(readFileSync(file, "utf8")).map((a) => `${file}:${a.line}`)));
  const stray = ts7.filter((d) => !annotated.has(`${d.file}:${d.line}`)).map((d) => `${rel(d.file)}:${d.line}: ${d.text}`);
  expect(stray).toEqual([]);
});

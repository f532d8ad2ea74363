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
import { expectShapeErrors, findShapeErrors, formatMismatches, readAnnotations, type FoundDiagnostic } from "../src/testing/index.js";
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

/**
 * What an editor shows for a shape error (issue 12): the message once, in the diagnostic's first line,
 * no list of the error's properties, names without backslashes, and the whole diagnostic at most twice
 * the message's length — under TypeScript 6 and 7. The ops listed below meet it: the parameter a
 * wrong argument fails against is the message itself (`Checked`, `CheckedArg`, types/errors.ts; for a
 * creation shape, the first bad dim's own type: `ShapeArg`, types/creation.ts). The
 * arguments written as array literals (shapes, reshape targets, axis lists) and shapecheck/tfjs still
 * check through `CheckArg`'s intersection, which TypeScript prints with the message a second time
 * (see `CheckedArg`); for those the test holds what they do meet.
 */
const MESSAGE_PARAMETER_OPS = new Set([
  "add", "sub", "mul", "div", "pow", "maximum", "minimum", "gt", "ge", "lt", "le", "eq", "ne", "matmul", "where",
  "unsqueeze", "gather", "indexSelect", "embedding", "crossEntropy", "nllLoss", "mseLoss",
  "conv1d", "conv2d", "flatten", "item", "backward", "swapaxes", "argmax", "argmin", "rearrange", "einsum", "slice", "narrow", "tril", "triu",
  "zeros", "ones", "full", "randn", "rand", "fromArray",
  // array-literal arguments: targets, axis lists, option objects, the pure rule functions' shapes
  "reshape", "as", "broadcastTo", "permute", "sum", "mean", "max", "min", "logsumexp", "squeeze", "layerNorm",
  "maxPool2d", "avgPool2d", "variance", "std", "reshapeShape", "flattenShape", "flattenRangeShape", "permuteShape", "transposeShape",
  "squeezeShape", "unsqueezeShape", "sliceShape", "narrowShape", "triangularShape", "matmulShape", "broadcastToShape", "layerNormShape", "conv2dShape", "conv1dShape",
]);

function diagnosticFlaws(d: FoundDiagnostic): string[] {
  const flaws: string[] = [];
  const [first = "", second = ""] = d.text.split("\n");
  // A list rule's error for an empty list prints the list
  // parameter by its alias (`ConcatArgs<[], 0, "concatShape">`) and the message on the next line.
  const listLevel = /'(?:Concat|Stack)Args<[^']*>'\.$/.test(first) && second.includes(d.message);
  const inFirst = first.includes(d.message) || first.includes(d.message.replaceAll('"', '\\"'));
  if (!inFirst && !listLevel) flaws.push("message not in the first line");
  // A name holding a quote is invalid, and its error quotes it: TypeScript must escape that one.
  if (d.text.includes("\\") && !d.message.includes('"')) flaws.push("backslashes");
  if (/missing the following properties/.test(d.text)) flaws.push("property list");
  const times = d.text.split(d.message).length - 1;
  if (times !== 1) flaws.push(`message ${times} times`);
  // Beyond the message, only TypeScript's one-sentence frame around it and the argument's type:
  // `Argument of type 'Tensor<[2, 3]>' is not assignable to parameter of type '"…"'.` — the whole is
  // at most twice the message, or the message plus that frame for messages shorter than the frame.
  const frame = d.text.replace(d.message, "");
  if (d.text.length > 2 * d.message.length && (frame.includes("\n") || frame.length > 160)) flaws.push(`${d.text.length} characters for a ${d.message.length}-character message`);
  return flaws;
}

/** `true` when the parameter the argument fails against is the message itself. */
const failsAgainstMessage = (d: FoundDiagnostic) => d.text.split("\n", 1)[0]!.includes(`type '"${d.message}"'`);

describe("editor diagnostics", () => {
  const shapeErrors = (found: FoundDiagnostic[]) =>
    found.filter((d) => d.code.startsWith("SHAPE_") && d.code !== "SHAPE_DECLARED" && !d.message.includes("${"));
  const at = (d: FoundDiagnostic) => `${rel(d.file)}:${d.line}: ${d.op}`;

  for (const [version, found] of [["TypeScript 6", () => files.flatMap((file) => sharedChecker().diagnostics(file))], ["TypeScript 7", () => ts7]] as const) {
    it(`${version}: broadcasting, matmul and where fail against the message alone, which reads as the message once`, () => {
      const errors = shapeErrors(found());
      const ops = errors.filter((d) => MESSAGE_PARAMETER_OPS.has(d.op!) && !path.basename(d.file).startsWith("tfjs"));
      expect(ops.length).toBeGreaterThan(40);
      expect(ops.filter((d) => !failsAgainstMessage(d)).map(at)).toEqual([]);
      const clean = errors.filter(failsAgainstMessage);
      expect(clean.map((d) => ({ at: at(d), flaws: diagnosticFlaws(d) })).filter((c) => c.flaws.length > 0)).toEqual([]);
    });

    it(`${version}: every shape error has its message in the first line and no backslashes`, () => {
      const errors = shapeErrors(found());
      expect(errors.length).toBeGreaterThan(150);
      const flawed = errors
        .map((d) => ({ at: at(d), flaws: diagnosticFlaws(d).filter((f) => f === "message not in the first line" || f === "backslashes") }))
        .filter((c) => c.flaws.length > 0);
      expect(flawed).toEqual([]);
    });
  }
});

it("TypeScript 7 finds no errors outside the fixtures' annotated lines", () => {
  const annotated = new Set(files.flatMap((file) => readAnnotations(readFileSync(file, "utf8")).map((a) => `${file}:${a.line}`)));
  const stray = ts7.filter((d) => !annotated.has(`${d.file}:${d.line}`)).map((d) => `${rel(d.file)}:${d.line}: ${d.text}`);
  expect(stray).toEqual([]);
});

/**
 * shapecheck/testing as its users call it (the rest of it: test/testing-api.test.ts), over every
 * fixture: here, because its functions' shared checker for default options is the one the tests above
 * used (test/harness/compile.ts), so they read the program that checked the fixtures.
 */
describe("shapecheck/testing on the fixtures", () => {
  const broadcast = JSON.stringify(path.join(root, "src/ops/broadcast.js"));
  const MESSAGE =
    "SHAPE_BROADCAST: broadcastShapes: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)";

  describe("findShapeErrors", () => {
    it("finds every annotated error in the project's fixtures, one per annotation", () => {
      // All the fixtures in one call (one program), then file by file (from the same program).
      const all = findShapeErrors(fixtureFiles());
      for (const file of fixtureFiles()) {
        const annotations = readAnnotations(readFileSync(file, "utf8"));
        const found = findShapeErrors([file]);
        expect(found.map((e) => `${e.line} ${e.code}`)).toEqual(annotations.map((a) => `${a.line} ${a.code}`));
        expect(all.filter((e) => e.file === file)).toEqual(found);
      }
    }, 180_000); // TypeScript 6 over every fixture: seconds, minutes on a loaded machine
  });

  describe("expectShapeErrors", () => {
    it("passes and returns the errors when the annotations match", () => {
      // The fixtures first: they are checked already (above), and a snippet needs a new program.
      for (const file of fixtureFiles()) expect(expectShapeErrors([file]).length).toBeGreaterThan(0);
      const code = `import { broadcastShapes } from ${broadcast};\n// @shape-error SHAPE_BROADCAST\nbroadcastShapes([2, 3], [4]);\nbroadcastShapes([2, 3], [3]);\n`;
      expect(expectShapeErrors({ code }).map((e) => [e.line, e.message])).toEqual([[3, MESSAGE]]);
    });
  });
});

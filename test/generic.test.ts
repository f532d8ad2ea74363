/**
 * Generic code (issue: type parameters are names). test/generic/layers.ts holds generic layers that
 * must type-check with exact structural result types; test/generic/bugs.ts their buggy versions, each
 * a shape error on the bug line with the message written above it (`// message: …`). Checked with
 * TypeScript 6 (the shared ts-morph project), TypeScript 7 (`tsc`), the CLI's default report, and at
 * run time (the buggy functions, called with concrete shapes, throw).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Node } from "ts-morph";
import { beforeAll, describe, expect, it } from "vitest";
import { randn, zeros, ShapeError, type Tensor } from "../src/index.js";
import * as tf from "../src/tfjs/index.js";
import "@tensorflow/tfjs-backend-cpu"; // the backend the tfjs bug runs on
import { readAnnotations, shapeMessagesIn, type FoundDiagnostic } from "../src/testing/index.js";
import { root, sharedChecker, tsc7Diagnostics } from "./harness/compile.js";
import { runCli } from "./cli/helpers.js";

const dir = path.join(root, "test/generic");
const layersFile = path.join(dir, "layers.ts");
const bugsFile = path.join(dir, "bugs.ts");

const limitsFile = path.join(dir, "limits.ts");

/** `line → message` from the `// message: …` comment above each annotation of the bugs file (or `file`). */
function expectedMessages(file = bugsFile): Map<number, string> {
  const lines = readFileSync(file, "utf8").split("\n");
  const expected = new Map<number, string>();
  for (const annotation of readAnnotations(lines.join("\n"))) {
    const comment = /^\s*\/\/ message: (.*)$/.exec(lines[annotation.line - 3] ?? "");
    if (!comment) throw new Error(`${path.basename(file)}:${annotation.line}: no "// message:" line above the annotation`);
    expected.set(annotation.line, comment[1]!);
  }
  return expected;
}

const byLine = (found: readonly FoundDiagnostic[]) => found.map((d) => `${d.line}: ${d.message}`).sort();
const expectedByLine = (file = bugsFile) => [...expectedMessages(file)].map(([line, message]) => `${line}: ${message}`).sort();

describe("generic layers type-check, with exact result types", () => {
  it("TypeScript 6: no diagnostics", () => {
    expect(sharedChecker().diagnostics(layersFile).map((d) => `${d.line}: ${d.text}`)).toEqual([]);
  });

  it("TypeScript 6: hover shows the structural result type written beside each line", () => {
    const file = sharedChecker().project.getSourceFileOrThrow(layersFile);
    const claims = file
      .getFullText()
      .split("\n")
      .flatMap((text, index) => {
        const claim = /\/\/ type: (.*)$/.exec(text);
        return claim ? [{ line: index + 1, type: claim[1]! }] : [];
      });
    expect(claims.length).toBeGreaterThanOrEqual(10);
    const shown = claims.map(({ line }) => {
      const declaration = file.getDescendants().find((node) => Node.isVariableDeclaration(node) && node.getStartLineNumber() === line);
      if (!declaration || !Node.isVariableDeclaration(declaration)) throw new Error(`layers.ts:${line}: no declaration`);
      return `${line}: ${declaration.getType().getText(declaration)}`;
    });
    expect(shown).toEqual(claims.map(({ line, type }) => `${line}: ${type}`));
  });

  it("the exactness assertions can fail: a wrong expected type is a compile error", () => {
    const found = sharedChecker().diagnostics({
      code: [
        `import type { Dim, Tensor } from ${JSON.stringify(path.join(root, "src/index.js"))};`,
        `import type { Exact } from ${JSON.stringify(path.join(root, "types/internal/dims.js"))};`,
        "type Exactly<Actual, Expected> = Exact<Actual> extends Exact<Expected> ? true : false;",
        "export function f<B extends Dim>(x: Tensor<[B, 784]>, w: Tensor<[784, 128]>) {",
        "  const z = x.matmul(w);",
        "  const wrong: Exactly<typeof z, Tensor<[B, 64]>> = true;",
        "  const alsoWrong: Exactly<typeof z, Tensor<[number, 128]>> = true;",
        "}",
      ].join("\n"),
    });
    expect(found.map((d) => d.line)).toEqual([6, 7]);
  });
});

describe("buggy generic code is a shape error on the bug line, with its message", () => {
  let ts7: FoundDiagnostic[] = [];
  beforeAll(() => {
    ts7 = tsc7Diagnostics(path.join(dir, "tsconfig.json"));
  }, 120_000);

  it("has the buggy versions the issue lists", () => {
    expect(expectedMessages().size).toBe(65);
  });

  it("TypeScript 6: exactly the annotated errors, with the messages above them", () => {
    expect(sharedChecker().mismatches(bugsFile)).toEqual([]);
    expect(byLine(sharedChecker().diagnostics(bugsFile))).toEqual(expectedByLine());
  });

  it("TypeScript 7: the same errors, on the same lines, with the same messages", () => {
    expect(byLine(ts7.filter((d) => d.file === bugsFile))).toEqual(expectedByLine());
    expect(ts7.filter((d) => d.file === layersFile).map((d) => `${d.line}: ${d.text}`)).toEqual([]);
  });

  it("what the compiler cannot follow (limits.ts) is an error that says what to write instead, under TypeScript 6 and 7", () => {
    expect(expectedMessages(limitsFile).size).toBe(9);
    expect(sharedChecker().mismatches(limitsFile)).toEqual([]);
    expect(byLine(sharedChecker().diagnostics(limitsFile))).toEqual(expectedByLine(limitsFile));
    expect(byLine(ts7.filter((d) => d.file === limitsFile))).toEqual(expectedByLine(limitsFile));
  });

  it("the CLI's default report counts them as shape errors and exits 1", async () => {
    const run = await runCli(["test/generic/bugs.ts"], root);
    expect(run.status).toBe(1);
    const reported = [...run.stdout.matchAll(/^test\/generic\/bugs\.ts:(\d+):\d+ {2}(SHAPE_[A-Z_]+) {2}(.*)$/gm)].map((m) => `${m[1]}: ${m[2]}: ${m[3]}`);
    expect(reported.sort()).toEqual(expectedByLine());
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("65 shape errors in 1 file (1 file checked)");
  });

  /**
   * What an editor shows for them: the message in the diagnostic's first line, where TypeScript
   * reports at the argument (TS2345) or at the list item (TS2322) — within the next four lines after
   * "No overload matches this call" for a broadcasting op whose same-shape overload a type parameter
   * keeps undecided; a declared-shape mismatch is TypeScript's own sentence, whose message the CLI writes
   * (SHAPE_DECLARED). Generic diagnostics print the undecided check around the message, so they are
   * longer than the concrete ones (test/compile-errors.test.ts holds those to twice the message); the
   * bound here keeps them from growing back into pages (a list op's was 3,500 characters, with the
   * message on its fourth line, before its items were checked one by one).
   */
  for (const [version, found] of [
    ["TypeScript 6", () => sharedChecker().diagnostics(bugsFile)],
    ["TypeScript 7", () => ts7.filter((d) => d.file === bugsFile)],
  ] as const) {
    it(`${version}: an editor shows the message in the first line (in the next four after "No overload matches this call")`, () => {
      const errors = found().filter((d) => d.code !== "SHAPE_DECLARED");
      expect(errors.length).toBeGreaterThan(50);
      const misplaced = errors.flatMap((d) => {
        const lines = d.text.split("\n");
        // After "No overload matches this call.": the last overload's error (TypeScript 7), or each overload's (TypeScript 6, for a function).
        const shown = lines[0]!.endsWith("No overload matches this call.") ? lines.slice(1, 5) : lines.slice(0, 1);
        // Read as shapecheck/testing reads a diagnostic (a type parameter printed as `${B}`).
        return shown.some((line) => shapeMessagesIn(line).includes(d.message)) ? [] : [`${d.line}: ${lines[0]!.slice(0, 160)}`];
      });
      expect(misplaced).toEqual([]);
      expect(errors.filter((d) => d.text.length > 3000).map((d) => `${d.line}: ${d.text.length} characters`)).toEqual([]);
    });
  }
});

/** The buggy functions, loaded at run time (a static import would put bugs.ts's errors into the project's type-check). */
type Generic = (...args: Tensor<never>[]) => Tensor;
const loadBugs = async () => (await import(/* @vite-ignore */ bugsFile)) as Record<string, Generic>;

describe("at run time the generic functions run with concrete shapes, and the runtime checks them", () => {
  const throws = (code: string, run: () => unknown) => {
    let error: unknown;
    try {
      run();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).code).toBe(code);
  };
  const any = <T>(t: T) => t as unknown as Tensor<never>;

  it("each buggy version throws the shape error its compile error names", async () => {
    const bugs = await loadBugs();
    throws("SHAPE_BROADCAST", () => bugs.biasWidth!(any(randn([4, 784])), any(randn([784, 128])), any(zeros([64]))));
    throws("SHAPE_MATMUL", () => bugs.missingTranspose!(any(randn([2, 5, 64])), any(randn([2, 5, 64]))));
    throws("SHAPE_BROADCAST", () => bugs.twoParameters!(any(zeros([4, 3])), any(zeros([5, 3]))));
    throws("SHAPE_BROADCAST", () => bugs.columnBias!(any(zeros([4, 128])), any(zeros([128, 1]))));
    throws("SHAPE_BROADCAST", () => bugs.wrongTrailingAxis!(any(zeros([2, 3, 7])), any(zeros([10]))));
    throws("SHAPE_BROADCAST", () => bugs.disagreeingArguments!()); // inside affine: the bias of width 64
    throws("SHAPE_BROADCAST", () => bugs.disagreeingArgumentsAtTheCall!()); // inside affineFrom: the same bias
    throws("SHAPE_CONCAT", () => bugs.joinedLengths!(any(zeros([2, 5, 64])), any(zeros([2, 7, 16]))));
    throws("SHAPE_BROADCAST", () => bugs.vectorOfAnotherParameter!(any(zeros([4, 3])), any(zeros([5]))));
    throws("SHAPE_BROADCAST", () => bugs.knownVectorAgainstParameter!(any(zeros([4, 3]))));
    throws("SHAPE_CONV", () => bugs.channelsOfParameter!(any(zeros([2, 4, 8, 8]))));
    throws("SHAPE_BROADCAST", () => bugs.conditionOfAnotherLength!(any(zeros([2, 3])), any(zeros([2, 4]))));
    throws("SHAPE_BROADCAST", () => bugs.batchOfAnotherParameter!(any(zeros([2, 3, 4])), any(zeros([5, 4, 6]))));
    throws("SHAPE_LABELS", () => bugs.labelsOfAnotherBatch!(any(zeros([4, 3])), any(zeros([5]))));
    throws("SHAPE_MISMATCH", () => bugs.targetOfAnotherBatch!(any(zeros([4, 3])), any(zeros([5, 3]))));
    throws("SHAPE_EINSUM", () => bugs.einsumOtherWidth!(any(zeros([2, 3, 16])), any(zeros([2, 4, 32]))));
    throws("SHAPE_EINSUM", () => bugs.einsumOtherWidthOverAnyBatch!(any(zeros([2, 3, 16])), any(zeros([2, 4, 32]))));
    throws("SHAPE_EINSUM", () => bugs.einsumOtherBatchAxis!(any(zeros([2, 3, 16])), any(zeros([5, 3, 16])))); // the batch axes 2 and 5
    throws("SHAPE_EINSUM", () => bugs.einsumTwoBatchGroups!(any(zeros([2, 3, 16])), any(zeros([5, 3, 16])))); // the groups [2] and [5] do not broadcast
    throws("SHAPE_BROADCAST", () => bugs.maskedOtherLength!(any(zeros([2, 1, 3])), any(zeros([2, 3, 3])), any(zeros([2, 4, 3]))));
    throws("SHAPE_CONV", () => bugs.biasOfParameter!(any(zeros([2, 4, 8, 8])), any(zeros([8, 4, 3, 3])), any(zeros([4]))));
    throws("SHAPE_STACK", () => bugs.stackedBatches!(any(zeros([4, 10])), any(zeros([6, 10]))));
    throws("SHAPE_BROADCAST_TO", () => bugs.stretchedToAnotherBatch!(any(zeros([4, 1])), any(zeros([6, 64]))));
    throws("SHAPE_BROADCAST_TO", () => bugs.batchStretchedToKnown!(any(zeros([4, 64]))));
    throws("SHAPE_MISMATCH", () => bugs.normalizedOverAnotherAxis!(any(zeros([2, 3, 4]))));
    throws("SHAPE_MISMATCH", () => bugs.normalizedFixedWidth!(any(zeros([2, 32]))));
    throws("SHAPE_BROADCAST", () => bugs.positionsOfTheBatch!(any(zeros([2, 5, 64])), any(zeros([1024, 64]))));
    throws("SHAPE_AS", () => bugs.restatedSwapped!(any(zeros([2, 5, 64]))));
    throws("SHAPE_AXIS", () => bugs.stackedPastTheEnd!([any(zeros([2, 4])), any(zeros([2, 4]))] as never));
    throws("SHAPE_AS", () => bugs.tfRestatedSwapped!(tf.zeros([2, 5, 64]) as never));
    throws("SHAPE_MISMATCH", () => bugs.tfLossOfAnotherBatch!(tf.zeros([4, 10]) as never, tf.zeros([5, 10]) as never));
    throws("SHAPE_CONV", () => bugs.tfChannelsOfParameter!(tf.zeros([1, 5, 5, 3]) as never, tf.zeros([3, 3, 4, 8]) as never));
    throws("SHAPE_BROADCAST", () => bugs.rowOfAnotherLength!(any(zeros([4, 3])), any(zeros([1, 5]))));
    throws("SHAPE_MISMATCH", () => bugs.normalizedBatchedOtherWidth!(any(zeros([2, 3, 8])), any(zeros([6]))));
    throws("SHAPE_BROADCAST", () => bugs.tfResidualAroundStride!(tf.zeros([1, 8, 8, 8]) as never, tf.zeros([3, 3, 8, 8]) as never));
    throws("SHAPE_SQUEEZE", () => bugs.squeezedFeatures!(any(zeros([2, 3, 8]))));
    throws("SHAPE_SQUEEZE", () => bugs.squeezedKnownWidth!(any(zeros([2, 1, 4]))));
    throws("SHAPE_SLICE", () => bugs.splitPastTheEnd!(any(zeros([2, 3, 1536]))));
    throws("SHAPE_CONCAT", () => bugs.joinedOtherLengths!(any(zeros([2, 3, 64])), any(zeros([2, 5, 16]))));
    throws("SHAPE_STACK", () => bugs.stackedOtherLengths!(any(zeros([2, 3, 64])), any(zeros([2, 5, 64]))));
    throws("SHAPE_SPLIT", () => bugs.chunkedIntoFive!(any(zeros([2, 3, 1536]))));
    throws("SHAPE_SPLIT", () => bugs.splitShortOfTheAxis!(any(zeros([2, 256]))));
    throws("SHAPE_BROADCAST", () => bugs.halfAgainstWhole!(any(zeros([2, 8]))));
    throws("SHAPE_IMPLICIT_OUTER", () => bugs.columnTargets!(any(zeros([4])), any(zeros([4, 1]))));
    throws("SHAPE_IMPLICIT_OUTER", () => bugs.vectorMinusColumn!(any(zeros([3])), any(zeros([4, 1]))));
    throws("SHAPE_IMPLICIT_OUTER", () => bugs.columnBeforeScores!(any(zeros([2, 4, 4])), any(zeros([2, 4, 1]))));
    throws("SHAPE_MATMUL", () => bugs.batchedValuesOfAnotherLength!(any(zeros([2, 3, 4, 8])), any(zeros([2, 3, 4, 8])), any(zeros([2, 3, 5, 8]))));
    throws("SHAPE_BROADCAST", () => bugs.batchedOtherHeight!(any(zeros([2, 4, 8])), any(zeros([2, 5, 8]))));
    throws("SHAPE_GATHER", () => bugs.gatheredFromAnotherBatch!(any(zeros([2, 10])), any(zeros([3, 5], { dtype: "int32" }))));
    throws("SHAPE_CONCAT", () => bugs.joinedOtherWidths!(any(zeros([2, 3, 4])), any(zeros([2, 3, 5]))));
    throws("SHAPE_STACK", () => bugs.stackedOtherFeatures!(any(zeros([2, 3, 4])), any(zeros([2, 3, 5]))));
    throws("SHAPE_MISMATCH", () => bugs.batchedTargetsOfAnotherWidth!(any(zeros([2, 3, 4])), any(zeros([2, 3, 5]))));
    throws("SHAPE_BROADCAST_TO", () => bugs.rowStretchedToColumn!(any(zeros([3])), any(zeros([4, 1]))));
    throws("SHAPE_GRAD", () => bugs.gradientOfAnotherWidth!(any(zeros([2, 3], { requiresGrad: true }).mul(2)), any(zeros([2, 4]))));
    throws("SHAPE_MISMATCH", () => bugs.normWeightOfBatch!(any(zeros([2, 4])), any(zeros([2]))));
    throws("SHAPE_GRAD", () => bugs.batchedGradientOfAnotherWidth!(any(zeros([2, 5, 4], { requiresGrad: true }).mul(2)), any(zeros([2, 5, 3]))));
    throws("SHAPE_GATHER", () => bugs.picksOfMoreRows!(any(zeros([2, 1, 5])), any(zeros([2, 3, 2], { dtype: "int32" }))));
    throws("SHAPE_MISMATCH", () => bugs.normalizedOfAnotherWidth!(any(zeros([2, 3]))));
    throws("SHAPE_MATMUL", () => bugs.weightOfAnotherHeight!(any(zeros([2, 64])), any(zeros([32, 10]))));
    throws("SHAPE_BROADCAST", () => bugs.fallbackOfAnotherWidth!(any(zeros([2, 3, 5])), any(zeros([2, 3, 4]))));
    throws("SHAPE_NOT_SCALAR", () => bugs.unreducedBatchLoss!(any(zeros([2, 3]))));
  });

  it("joinedFromTheFront's results, whose ranks the compiler leaves to the runtime, are the concatenations' and the stack's", async () => {
    const { joinedFromTheFront } = await import("./generic/layers.js");
    const [joined, stacked, withRow] = joinedFromTheFront(zeros([5, 64]) as never, zeros([5, 64]) as never, zeros([2, 64]));
    expect([joined.shape, stacked.shape, withRow.shape]).toEqual([[10, 64], [5, 2, 64], [7, 64]]);
    throws("SHAPE_RANK", () => joinedFromTheFront(zeros([3, 5, 64]) as never, zeros([3, 5, 64]) as never, zeros([2, 64])));
  });

  it("the declared-shape mistakes: the widening loop fails on its second pass, the wrong declared result returns the computed shape", async () => {
    const bugs = await loadBugs();
    throws("SHAPE_MATMUL", () => bugs.wideningLoop!(any(zeros([2, 64])), any(zeros([64, 128]))));
    expect(bugs.declaredResult!(any(zeros([3, 784])), any(zeros([784, 128]))).shape).toEqual([3, 128]);
  });
});

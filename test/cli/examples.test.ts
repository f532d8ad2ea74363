/**
 * examples/errors/ holds realistic shape mistakes, each annotated `// @shape-error SHAPE_CODE` on the
 * line above. The CLI and `shapecheck/testing` must report exactly those errors (TypeScript 6), `tsc`
 * (TypeScript 7) must agree line for line, and each program, when run, must throw the message the
 * compiler printed. The valid examples (examples/*.ts) must have no errors at all.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonError } from "../../src/cli/format.js";
import { ShapeError } from "../../src/errors.js";
import { readAnnotations, type FoundDiagnostic } from "../../src/testing/index.js";
import { root, sharedChecker, tsc7Diagnostics } from "../harness/compile.js";
import { runCli } from "./helpers.js";

const examplesDir = path.join(root, "examples");
const errorsDir = path.join(examplesDir, "errors");
const tsFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => path.join(dir, name));
const errorFiles = tsFiles(errorsDir);
const validFiles = tsFiles(examplesDir);
const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

/** `file:line CODE` for every annotation of the error examples. */
const annotated = errorFiles.flatMap((file) => readAnnotations(readFileSync(file, "utf8")).map((a) => `${rel(file)}:${a.line} ${a.code}`));

/**
 * Writes a tsconfig (in a new directory under .run/, which the caller removes) that extends the
 * repository's and holds only the valid examples; returns its path.
 */
function examplesProject(): string {
  mkdirSync(path.join(root, ".run"), { recursive: true }); // not there on a fresh clone
  const dir = mkdtempSync(path.join(root, ".run/examples-project-"));
  const tsconfig = path.join(dir, "tsconfig.json");
  writeFileSync(tsconfig, JSON.stringify({ extends: path.join(root, "tsconfig.json"), files: validFiles, include: [] }, null, 2));
  return tsconfig;
}

/**
 * TypeScript 6: the project the other compile tests share (test/harness/compile.ts). examples/errors'
 * tsconfig.json extends the repository's and changes no option, so its files get the same diagnostics
 * there; the error examples and the valid ones are added together, so one program checks them all.
 */
const checker = sharedChecker();
beforeAll(() => {
  checker.diagnostics([...errorFiles, ...validFiles]);
}, 120_000);

describe("examples/errors", () => {
  it("has at least eight mistakes, one annotated error per program", () => {
    expect(errorFiles.length).toBeGreaterThanOrEqual(8);
    for (const file of errorFiles) expect(readAnnotations(readFileSync(file, "utf8")), rel(file)).toHaveLength(1);
  });

  it("the CLI reports exactly the annotated errors, and no other type error (exit 1)", async () => {
    const run = await runCli(["--all", "--json", "examples/errors"], root);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as JsonError[]).map((e) => `${e.file}:${e.line} ${e.code}`);
    expect(found).toEqual(annotated);
  });

  it("the CLI prints a code frame for each and the summary", async () => {
    const run = await runCli(["examples/errors"], root);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`${annotated.length} shape errors in ${errorFiles.length} files (${errorFiles.length} files checked)`);
    expect(run.stdout.match(/^> \d+ \| /gm)).toHaveLength(annotated.length);
  });

  it("expectShapeErrors passes on them", () => {
    expect(checker.expect(errorFiles).map((e) => `${rel(e.file)}:${e.line} ${e.code}`)).toEqual(annotated);
  });

  describe("TypeScript 7 agrees line for line", () => {
    let ts7: FoundDiagnostic[] = [];
    beforeAll(() => {
      ts7 = tsc7Diagnostics(path.join(errorsDir, "tsconfig.json"));
    }, 120_000);

    it.each(errorFiles.map((file) => [rel(file), file] as const))("%s", (_name, file) => {
      const six = checker.diagnostics(file).map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
      const seven = ts7.filter((d) => d.file === file).map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);
      expect(seven).toEqual(six);
    });
  });

  describe("each program, run, throws what the compiler printed", () => {
    // A message that names symbolic dims is about the names; at run time the sizes are numbers, so
    // there the runtime's message differs and only the code and op are compared.
    it.each(errorFiles.map((file) => [rel(file), file] as const))("%s", async (_name, file) => {
      const [compiled] = checker.shapeErrors(file);
      let thrown: unknown;
      try {
        await import(/* @vite-ignore */ file);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ShapeError);
      const error = thrown as ShapeError;
      if (compiled!.message.includes("'")) expect([error.code, error.op]).toEqual([compiled!.code, compiled!.op]);
      else expect(error.message).toBe(compiled!.message);
    });
  });
});

describe("the valid examples (examples/*.ts)", () => {
  it("exist", () => {
    expect(validFiles.map(rel)).toEqual(expect.arrayContaining(["examples/seed-bias-gradient.ts", "examples/mlp.ts"]));
  });

  it("the CLI finds no errors of any kind (exit 0)", async () => {
    expect(validFiles.length).toBeGreaterThan(0);
    // With the repository's compiler options, in a project of just these files: in the repository's
    // own project `tsc` would check the whole repository (the engine checks the whole project when
    // it holds every path given), which \`npm test\` type-checks before vitest starts anyway.
    const project = examplesProject();
    try {
      const run = await runCli(["--all", "--json", "--project", path.relative(root, project), ...validFiles.map(rel)], root);
      expect(run.stdout).toBe("[]\n");
      expect(run.status).toBe(0);
    } finally {
      rmSync(path.dirname(project), { recursive: true, force: true });
    }
  });

  it("expectShapeErrors passes on them (no annotations, no errors)", () => {
    // The repository's tsconfig, through the one project the other compile tests share (test/harness/compile.ts).
    expect(checker.expect(validFiles)).toEqual([]);
  });
});

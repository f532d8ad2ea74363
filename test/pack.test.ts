/**
 * The package as a user gets it: `npm pack` (its `prepack` builds dist/ afresh; once per test run,
 * shared with the tests of the built executable: test/harness/build.ts), the tarball installed
 * into a new project in a temporary directory (ts-morph comes from the npm registry, or npm's cache with
 * --prefer-offline), and then, in that project:
 * - a file with one good and one bad call gets the same shape error at the same place from TypeScript 7
 *   (`tsc`) and from TypeScript 6 (ts-morph, through the installed `shapecheck/testing`);
 * - the runtime import works and throws that same message;
 * - the installed `shapecheck` executable reports it;
 * - the vitest example of docs/testing.md, written out exactly as printed there, passes;
 * and the tarball passes publint.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTscOutput, type FoundDiagnostic } from "../src/testing/index.js";
import { packedPackage } from "./harness/build.js";
import { root } from "./harness/compile.js";

const work = mkdtempSync(path.join(tmpdir(), "shapecheck-pack-"));
const consumer = path.join(work, "consumer");
let tarball = "";
let packedFiles: string[] = [];

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });

/** The files of the documented example: every ```ts / ```jsonc block of docs/testing.md whose first line is `// path`. */
function documentedFiles(): Map<string, string> {
  const docs = readFileSync(path.join(root, "docs/testing.md"), "utf8");
  const files = new Map<string, string>();
  for (const match of docs.matchAll(/```(?:ts|jsonc)\n(\/\/ (\S+)\n[\s\S]*?)```/g)) files.set(match[2]!, match[1]!);
  return files;
}

// One good call, one bad: `zeros([4])` on line 4 cannot broadcast with [2, 3].
const CHECK_ME = `import { zeros } from "shapecheck";
const x = zeros([2, 3]);
export const good = x.add(zeros([3]));
export const bad = x.add(zeros([4]));
`;
const BAD_LINE = 4;
const BAD_COLUMN = CHECK_ME.split("\n")[BAD_LINE - 1]!.indexOf("zeros([4])") + 1;
const MESSAGE =
  "SHAPE_BROADCAST: add: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)";

beforeAll(async () => {
  const packed = await packedPackage();
  tarball = packed.tarball;
  packedFiles = [...packed.files];

  mkdirSync(path.join(consumer, "src"), { recursive: true });
  writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], consumer);
  // vitest (to run the documented example) comes from this repository rather than a second download.
  symlinkSync(path.join(root, "node_modules/vitest"), path.join(consumer, "node_modules/vitest"), "dir");
  for (const [file, text] of documentedFiles()) {
    mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
    writeFileSync(path.join(consumer, file), text);
  }
  writeFileSync(path.join(consumer, "src/check-me.ts"), CHECK_ME);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("holds the built library, its types, the testing entry, the executable and the docs, and nothing else", () => {
    for (const file of ["package.json", "README.md", "docs/cli.md", "docs/testing.md", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/testing/index.js", "dist/src/cli/bin.js", "dist/types/shape.d.ts"]) {
      expect(packedFiles, file).toContain(file);
    }
    expect(packedFiles.filter((f) => !/^(package\.json|README\.md|LICENSE|docs\/[\w-]+\.md|dist\/(src|types)\/.+\.(js|d\.ts))$/.test(f))).toEqual([]);
  });

  it("passes publint", async () => {
    const { publint } = await import("publint");
    const { formatMessage } = await import("publint/utils");
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>;
    const { messages } = await publint({ pack: { tarball: readFileSync(tarball).buffer as ArrayBuffer }, level: "suggestion", strict: true });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });
});

describe("a project that installed it", () => {
  let ts7: FoundDiagnostic[] = [];

  beforeAll(() => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], { cwd: consumer, encoding: "utf8" });
    ts7 = parseTscOutput(run.stdout, (file) => path.resolve(consumer, file));
  }, 120_000);

  it("TypeScript 7 reports the bad call, at its argument, with the runtime's message, and nothing else", () => {
    expect(ts7.map((d) => ({ file: path.relative(consumer, d.file), line: d.line, column: d.column, message: d.message }))).toEqual([
      { file: "src/check-me.ts", line: BAD_LINE, column: BAD_COLUMN, message: MESSAGE },
    ]);
  });

  it("TypeScript 6 (ts-morph, through the installed shapecheck/testing) reports the same, and only that, at the same place", () => {
    const script = `import { ShapeChecker } from "shapecheck/testing";
console.log(JSON.stringify(new ShapeChecker().diagnostics(["src/check-me.ts", "src/model.ts", "test/shapes.test.ts"])));`;
    const found = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, encoding: "utf8" })) as FoundDiagnostic[];
    expect(found.map((d) => ({ file: path.relative(consumer, d.file), line: d.line, column: d.column, message: d.message }))).toEqual(
      ts7.map((d) => ({ file: path.relative(consumer, d.file), line: d.line, column: d.column, message: d.message })),
    );
  });

  it("imports the runtime, runs the good call, and throws the compiler's message for the bad one", () => {
    const script = `import { zeros, ShapeError } from "shapecheck";
const x = zeros([2, 3]);
const result = { good: x.add(zeros([3])).shape };
try { x.add(zeros([4])); } catch (e) { result.error = { isShapeError: e instanceof ShapeError, code: e.code, op: e.op, message: e.message }; }
console.log(JSON.stringify(result));`;
    const result = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, encoding: "utf8" }));
    expect(result).toEqual({ good: [2, 3], error: { isShapeError: true, code: "SHAPE_BROADCAST", op: "add", message: MESSAGE } });
  });

  it("has a working shapecheck executable", () => {
    const run = spawnSync(path.join(consumer, "node_modules/.bin/shapecheck"), ["--json", "src"], { cwd: consumer, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([{ file: "src/check-me.ts", line: BAD_LINE, column: BAD_COLUMN, code: "SHAPE_BROADCAST", op: "add", message: MESSAGE }]);
  });

  it("runs the vitest example of docs/testing.md as printed, and it passes", () => {
    expect([...documentedFiles().keys()].sort()).toEqual(["src/model.ts", "test/shape-errors.fixture.ts", "test/shapes.test.ts", "tsconfig.json"]);
    const vitest = path.join(consumer, "node_modules/vitest/vitest.mjs");
    // The example as printed, under vitest's defaults except the timeout: its first test builds a compiler
    // project (seconds, more on a loaded machine than vitest's 5 s default).
    const run = spawnSync(process.execPath, [vitest, "run", "--root", consumer, "--testTimeout", "120000"], { cwd: consumer, encoding: "utf8", env: { ...process.env, CI: "true", NO_COLOR: "1" } });
    expect(run.stdout + run.stderr).toMatch(/Tests {2}3 passed \(3\)/);
    expect(run.status).toBe(0);
  }, 120_000);
});

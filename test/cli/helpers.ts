/**
 * Helpers for the CLI tests: run `main` in-process with captured output, and make small throwaway
 * projects in a temporary directory that import the library from this repository's sources.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main.js";
import { buildDir, builtPackage } from "../harness/build.js";

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing its output (no colour, not a terminal). */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const status = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

/**
 * An import specifier for one of this repository's modules as built (JavaScript and declarations, as an
 * installed package has them), usable from anywhere; the test file awaits {@link builtPackage} first.
 * Checking a throwaway project against declarations, not against the library's sources, keeps each
 * compiler run to the project itself.
 */
export const builtModule = (relative: string) => JSON.stringify(path.join(buildDir, relative));

export { builtPackage };

/** Compiler options like the repository's, without `types` (a temp dir has no node_modules). */
export const TEST_TSCONFIG = {
  compilerOptions: {
    target: "es2022",
    lib: ["es2022"],
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ["src"],
};

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A temporary project: writes `files` (relative path → text) and, unless `tsconfig` is `null`, a
 * tsconfig.json. Returns its directory; it is removed after the test file.
 */
export function tempProject(files: Record<string, string>, tsconfig: object | null = TEST_TSCONFIG): string {
  const dir = mkdtempSync(path.join(tmpdir(), "shapecheck-cli-"));
  made.push(dir);
  if (tsconfig) writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * A file whose one expression chains `ops` tensor methods (`zeros([2, 3]).relu().relu()…`), then a line
 * with one shape error (line 3, at `zeros([4])`): deep enough, at 1,000, to overflow TypeScript 6's
 * recursion on Node's default stack.
 */
export function chainSource(ops: number): string {
  return `import { zeros } from ${builtModule("src/index.js")};\nexport const deep = zeros([2, 3])${".relu()".repeat(ops)};\nexport const bad = zeros([2, 3]).add(zeros([4]));\n`;
}

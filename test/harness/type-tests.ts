/**
 * Shared pieces of the type-test files (test/digits.test.ts, test/symbolic-types.test.ts): readable
 * diagnostics, and TypeScript 7's `tsc` over test/types/ and over a generated file.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ts, type Diagnostic } from "ts-morph";
import { TSC7, TSC7_CHECKERS, root, sharedChecker } from "./compile.js";
import { reportBlocks, servedFiles, tsc7AllOutputSync } from "./tsc7-all.js";

/** Diagnostics as `file:line: text` with the offending line, for a failing assertion's message. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const file = diagnostic.getSourceFile();
      const where = file ? `${path.relative(root, file.getFilePath())}:${diagnostic.getLineNumber() ?? "?"}` : "(global)";
      const text = ts.flattenDiagnosticMessageText(diagnostic.getMessageText() as string | ts.DiagnosticMessageChain, "\n");
      const line = file && diagnostic.getLineNumber() ? `\n    ${file.getFullText().split("\n")[diagnostic.getLineNumber()! - 1]!.trim()}` : "";
      return `${where}: ${text}${line}`;
    })
    .join("\n");
}

/** Runs TypeScript 7's `tsc` with `args` (plus `--pretty false`); returns what it printed ("" when clean). */
export function runTsc7(args: readonly string[]): string {
  const [command, ...prefix] = TSC7;
  try {
    return execFileSync(command, [...prefix, ...args, "--pretty", "false", ...TSC7_CHECKERS], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return `${failed.stdout ?? ""}${failed.stderr ?? ""}` || failed.message;
  }
}

/**
 * Checks one source file (importing by absolute path) with TypeScript 7 in a throwaway project of its
 * own (strict, NodeNext); returns what `tsc` printed, "" when clean. A project of its own keeps what
 * the file declares — a module augmentation, say — out of every other check.
 */
export function tsc7Source(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "shapecheck-tsc7-"));
  try {
    writeFileSync(path.join(dir, "main.ts"), source);
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, skipLibCheck: true, types: [] },
        files: ["main.ts"],
      }),
    );
    return runTsc7(["-p", path.join(dir, "tsconfig.json")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Checks test/types/*.test-d.ts and a generated source file (importing by absolute path) with
 * TypeScript 7; returns both outputs, each "" when clean. The test-d files' diagnostics come from the
 * one TypeScript 7 run of the repository's files (test/harness/tsc7-all.ts: test/types/tsconfig.json
 * extends tsconfig.json and changes no option), as `tsc -p test/types/tsconfig.json` would print them.
 */
export function tsc7TypeTests(generated: string): { testD: string; generated: string } {
  const tsconfig = path.join(root, "test/types/tsconfig.json");
  const served = servedFiles(tsconfig);
  const testD = served
    ? reportBlocks(tsc7AllOutputSync())
        .filter((block) => block.file !== undefined && served(block.file))
        .map((block) => `${block.text}\n`)
        .join("")
    : runTsc7(["--noEmit", "-p", tsconfig]);
  return { testD, generated: tsc7Source(generated) };
}

/**
 * Checks `source` as a scratch file at `relativePath` in the shared project (removed after); returns
 * how many diagnostics it has and their text (read while the file is still there).
 */
export function scratchDiagnostics(relativePath: string, source: string): { count: number; text: string } {
  const project = sharedChecker().project;
  const file = project.createSourceFile(path.join(root, relativePath), source, { overwrite: true });
  try {
    const diagnostics = file.getPreEmitDiagnostics();
    return { count: diagnostics.length, text: formatDiagnostics(diagnostics) };
  } finally {
    project.removeSourceFile(file);
  }
}

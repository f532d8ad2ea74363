/**
 * The compile legs of the harness: one shared ts-morph project (TypeScript 6) for every compile-error
 * test, and one run of TypeScript 7's `tsc` over the same fixtures, read line for line.
 */
import { execFile, execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ShapeChecker, checkerFor, parseTscOutput, type FoundDiagnostic } from "../../src/testing/index.js";
import { servedFiles, tsc7AllOutput, tsc7AllOutputSync } from "./tsc7-all.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixturesDir = path.join(root, "test/fixtures");

let checker: ShapeChecker | undefined;

/**
 * The one ts-morph project shared by every compile-error test (creating one costs seconds, and each
 * program checks the library's types afresh). When the tests run from the repository's root (as
 * vitest runs them), it is the checker `findShapeErrors`/`expectShapeErrors` share for their default
 * options (`checkerFor({})`: the tsconfig.json in the working directory, the same options), so the
 * shapecheck/testing tests on the fixtures read the program the compile-error tests built rather than
 * check every fixture again in a second one.
 */
export function sharedChecker(): ShapeChecker {
  checker ??= process.cwd() === root ? checkerFor({}) : new ShapeChecker({ tsconfig: path.join(root, "tsconfig.json"), dir: root });
  return checker;
}

/** The fixture files, absolute paths, sorted. */
export function fixtureFiles(dir = fixturesDir): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".fixture.ts"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * One checker thread for the test's `tsc` runs: the same diagnostics, with less CPU than several
 * checkers that each resolve the library's types again (the test workers keep the cores busy anyway).
 */
export const TSC7_CHECKERS = ["--checkers", "1"] as const;

/**
 * The command that runs TypeScript 7's `tsc`: its native executable, found as the package's own
 * bin/tsc finds it (one process per check instead of node plus the executable), else node with bin/tsc.
 */
export const TSC7: readonly [string, ...string[]] = await (async () => {
  const home = path.join(root, "node_modules/typescript");
  try {
    const { default: exePath } = (await import(pathToFileURL(path.join(home, "lib/getExePath.js")).href)) as { default: () => string };
    return [exePath()] as [string];
  } catch {
    return [process.execPath, path.join(home, "bin/tsc")] as [string, string];
  }
})();

/** Runs TypeScript 7's `tsc` with `args`; resolves to its standard output, whatever its exit status. */
export function runTsc7Async(args: readonly string[]): Promise<string> {
  const [command, ...prefix] = TSC7;
  return new Promise((resolve) => {
    execFile(command, [...prefix, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }, (_error, stdout) => resolve(stdout));
  });
}

/**
 * TypeScript 7's diagnostics for a tsconfig's files (`tsc -p tsconfig --noEmit --pretty false`). For
 * the tsconfigs of this repository's deliberately failing files (test/fixtures/, examples/errors/,
 * test/generic/, and test/types/), which extend tsconfig.json and change no option, they are read from
 * the one TypeScript 7 run of the repository's files (test/harness/tsc7-all.ts) instead of a run of
 * their own; any other tsconfig gets a run of its own.
 */
export function tsc7Diagnostics(tsconfig: string): FoundDiagnostic[] {
  const served = servedFiles(tsconfig);
  if (served) return parseTscOutput(tsc7AllOutputSync(), (file) => path.resolve(root, file)).filter((d) => served(d.file));
  const [command, ...prefix] = TSC7;
  let output: string;
  try {
    output = execFileSync(command, [...prefix, "-p", tsconfig, "--noEmit", "--pretty", "false", ...TSC7_CHECKERS], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? "");
  }
  return parseTscOutput(output, (file) => path.resolve(root, file));
}

/**
 * {@link tsc7Diagnostics} without blocking: `tsc` runs in its own process while the caller goes on (with
 * the TypeScript 6 check, say), and the promise gives its diagnostics.
 */
export function tsc7DiagnosticsAsync(tsconfig: string): Promise<FoundDiagnostic[]> {
  const served = servedFiles(tsconfig);
  if (served) return tsc7AllOutput().then((output) => parseTscOutput(output, (file) => path.resolve(root, file)).filter((d) => served(d.file)));
  return runTsc7Async(["-p", tsconfig, "--noEmit", "--pretty", "false", ...TSC7_CHECKERS]).then((stdout) => parseTscOutput(stdout, (file) => path.resolve(root, file)));
}

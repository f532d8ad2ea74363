/**
 * The `shapecheck` command: type-check files with the compiler (TypeScript 7's `tsc` when the project
 * has it, else TypeScript 6 through ts-morph; see src/cli/tsc.ts), print the shape errors among its diagnostics, and exit 0 (none), 1 (some) or 2 (usage or configuration
 * error). It only reads files; it never runs the code it checks.
 *
 * From a shell (exit status 1, one error found):
 *
 *     $ shapecheck examples/errors/forgotten-transpose.ts
 *     examples/errors/forgotten-transpose.ts:11:32  SHAPE_MATMUL  matmul: cannot multiply [32, 784] by [128, 784]: …
 *       10 | // @shape-error SHAPE_MATMUL
 *     > 11 | const preactivation = x.matmul(W);
 *          |                                ^
 *
 *     1 shape error in 1 file (1 file checked)
 *
 * In-process, as the tests run it: `await main(["--json", "src"], { cwd, stdout, stderr })` returns the
 * exit status.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isShapeError, type FoundDiagnostic } from "../testing/diagnostics.js";
import { USAGE, UsageError, parseArgs, type CliOptions } from "./args.js";
import { checkTsconfigFile, collectFiles, findTsconfig, loadTsconfig } from "./files.js";
import { displayPath, formatError, formatSummary, readSource, toJsonError } from "./format.js";
import type { MorphWorkerData } from "./morph-worker.js";
import { findTsc7, tsc7Check, type Tsc7 } from "./tsc.js";

/** Where the CLI reads and writes: the process's, or a test's. */
export interface CliIo {
  /** The working directory paths are relative to. */
  readonly cwd: string;
  /** Writes to standard output (the report). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (progress, usage errors). */
  readonly stderr: (text: string) => void;
  /** Colour the report (a terminal that wants it). Default `false`. */
  readonly color?: boolean;
  /** Standard error is a terminal: progress updates in place. Default `false`. */
  readonly stderrIsTTY?: boolean;
}

/** Exit status: no shape errors. */
export const EXIT_CLEAN = 0;
/** Exit status: shape errors found (with `--all`, any type error). */
export const EXIT_ERRORS = 1;
/** Exit status: bad usage or configuration (unknown flag, unreadable path, missing or invalid tsconfig). */
export const EXIT_USAGE = 2;

/** Exit status: shapecheck itself failed (a bug; the message says where). */
export const EXIT_INTERNAL = 3;

/** Above this many files the CLI reports progress on standard error. */
export const PROGRESS_THRESHOLD = 40;

/** The package's version, read from its package.json (two levels above this file in src/ and in dist/src/). */
function version(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "shapecheck" && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return "unknown";
}

/**
 * Runs `shapecheck` with the arguments after the command name and returns the exit status. Never
 * throws: usage and configuration errors print a message and return 2, a failure of shapecheck itself
 * prints its stack and returns 3.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`shapecheck: ${error.message}\nRun shapecheck --help for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`shapecheck: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  const tsc = options.engine === "ts-morph" ? undefined : await findTsc7(io.cwd);
  if (options.engine === "tsc" && tsc === undefined) throw new UsageError("--engine tsc: no TypeScript 7 found (npm install -D typescript@7)");
  if (options.version) {
    io.stdout(`shapecheck ${version()} (${tsc ? `TypeScript ${tsc.version} via tsc` : `TypeScript ${(await import("ts-morph")).ts.version} via ts-morph`})\n`);
    return EXIT_CLEAN;
  }

  // The project: `--project`, else the nearest tsconfig.json. Without paths a project is required.
  const tsconfigPath = options.project !== undefined ? path.resolve(io.cwd, options.project) : findTsconfig(io.cwd);
  if (tsconfigPath === undefined && options.paths.length === 0) {
    throw new UsageError("no tsconfig.json here or above; give paths to check or --project <tsconfig.json>");
  }
  const shown = options.project ?? (tsconfigPath === undefined ? "" : displayPath(tsconfigPath, io.cwd));
  const found = tsc === undefined ? undefined : await withTsc7(tsc, options, io, tsconfigPath, shown);
  const { diagnostics, files } = found ?? (await withTsMorph(options, io, tsconfigPath, shown));
  const listed = options.all ? diagnostics : diagnostics.filter(isShapeError);

  if (options.json) {
    io.stdout(`${JSON.stringify(listed.map((d) => toJsonError(d, io.cwd)), null, 2)}\n`);
  } else {
    const sources = new Map<string, string>();
    const sourceOf = (d: FoundDiagnostic) => {
      if (!sources.has(d.file)) sources.set(d.file, readSource(readFileSync(d.file)));
      return sources.get(d.file)!;
    };
    for (const d of listed) io.stdout(`${formatError(d, sourceOf(d), io.cwd, io.color ?? false)}\n\n`);
    io.stdout(`${formatSummary(diagnostics, files, options.all)}\n`);
  }
  return listed.length > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

/** What an engine found: every diagnostic of the checked files, and how many files it checked. */
interface Checked {
  readonly diagnostics: readonly FoundDiagnostic[];
  readonly files: number;
}

/** The files to check: the paths given, else the project's. */
function filesToCheck(options: CliOptions, io: CliIo, projectFiles: readonly string[] | undefined, shown: string): string[] {
  const files = options.paths.length > 0 ? collectFiles(options.paths, io.cwd) : [...(projectFiles ?? [])];
  if (files.length === 0) throw new UsageError(`${shown} includes no TypeScript files; give paths to check`);
  return files;
}

/** The TypeScript 7 engine; `undefined` when the tsconfig's options cannot be passed to it (then ts-morph). */
async function withTsc7(tsc: Tsc7, options: CliOptions, io: CliIo, tsconfigPath: string | undefined, shown: string): Promise<Checked | undefined> {
  if (tsconfigPath !== undefined) checkTsconfigFile(tsconfigPath, shown);
  const config = tsconfigPath === undefined ? undefined : { path: tsconfigPath, shown };
  const onStart = (count: number) => {
    if (count > PROGRESS_THRESHOLD) io.stderr(`shapecheck: checking ${count} files with TypeScript ${tsc.version} (tsc)…\n`);
  };
  const { files, diagnostics } = await tsc7Check(tsc, config, options.paths.length > 0, (projectFiles) => filesToCheck(options, io, projectFiles, shown), onStart);
  return diagnostics === undefined ? undefined : { diagnostics, files: files.length };
}

/**
 * The TypeScript 6 engine (ts-morph, in process), loaded on demand. TypeScript 6 checks nested code by
 * recursion: a file it cannot check within this thread's stack (one expression chaining ~1,000 ops)
 * is checked again in a worker thread with a {@link WORKER_STACK_MB} MB stack; a file too deep even for
 * that (or, running from the TypeScript sources, with no built worker) is a {@link UsageError} that
 * names it and points to TypeScript 7, never a stack trace.
 */
async function withTsMorph(options: CliOptions, io: CliIo, tsconfigPath: string | undefined, shown: string): Promise<Checked> {
  const tsconfig = tsconfigPath === undefined ? undefined : await loadTsconfig(tsconfigPath, shown);
  const files = filesToCheck(options, io, tsconfig?.fileNames, shown);
  const { ShapeChecker } = await import("../testing/index.js");
  const { ts } = await import("ts-morph");
  const checker = new ShapeChecker({ tsconfig: tsconfig?.path ?? null, dir: io.cwd });
  const progress = files.length > PROGRESS_THRESHOLD ? progressReporter(io, files.length, ts.version) : undefined;
  let done = 0;
  try {
    const diagnostics = checker.diagnostics(files, (count, total) => progress?.((done = count), total));
    return { diagnostics, files: files.length };
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
  }
  const data: MorphWorkerData = { tsconfig: tsconfig?.path ?? null, dir: io.cwd, files };
  const retried = await inWorker(data, (count) => progress?.(Math.max(done, count), files.length));
  if ("overflow" in retried) throw tooDeep(retried.overflow ?? files[done]!, io.cwd);
  return { diagnostics: retried.diagnostics, files: files.length };
}

/** The stack of the worker thread that checks what overflowed the main thread's (Node's default: ~1 MB). */
export const WORKER_STACK_MB = 256;

const isStackOverflow = (error: unknown) => error instanceof RangeError && /call stack/i.test(error.message);

/** The usage error for a file TypeScript 6 cannot check: too deeply nested for its recursion. */
function tooDeep(file: string, cwd: string): UsageError {
  return new UsageError(
    `${displayPath(file, cwd)} is nested too deeply for TypeScript 6 (the ts-morph engine) to check: its call stack overflowed. ` +
      "Check it with TypeScript 7 (--engine tsc; npm install -D typescript@7), or split the longest expression into shorter statements",
  );
}

/**
 * Runs the ts-morph check in a worker thread with a large stack (src/cli/morph-worker.ts, built next to
 * this file). Resolves to `{ overflow }` when the worker overflowed too, or cannot start: from the
 * TypeScript sources (under a test runner) there is no built worker to run.
 */
async function inWorker(
  data: MorphWorkerData,
  onProgress: (done: number) => void,
): Promise<{ diagnostics: FoundDiagnostic[] } | { overflow: string | undefined }> {
  const script = new URL("./morph-worker.js", import.meta.url);
  if (!existsSync(script)) return { overflow: undefined };
  const { Worker } = await import("node:worker_threads");
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: data, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    worker.on("message", (message: { progress?: number; diagnostics?: FoundDiagnostic[]; overflow?: string }) => {
      if (message.progress !== undefined) onProgress(message.progress);
      else if (message.diagnostics !== undefined) resolve({ diagnostics: message.diagnostics });
      else resolve({ overflow: message.overflow });
    });
    worker.on("error", (error) => (isStackOverflow(error) ? resolve({ overflow: undefined }) : reject(error)));
    worker.on("exit", () => resolve({ overflow: undefined }));
  });
}

/** Progress on standard error: updated in place on a terminal, else a line at each quarter. */
function progressReporter(io: CliIo, total: number, tsVersion: string): (done: number, total: number) => void {
  io.stderr(`shapecheck: checking ${total} files with TypeScript ${tsVersion}…\n`);
  let lastQuarter = 0;
  return (done) => {
    if (io.stderrIsTTY) {
      io.stderr(`\r  ${done}/${total} files${done === total ? "\n" : ""}`);
      return;
    }
    const quarter = Math.floor((done * 4) / total);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      io.stderr(`  ${done}/${total} files checked\n`);
    }
  };
}

/** The real process's streams and working directory. */
export function nodeIo(): CliIo {
  const color = process.stdout.isTTY === true && !("NO_COLOR" in process.env) && process.env["FORCE_COLOR"] !== "0";
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

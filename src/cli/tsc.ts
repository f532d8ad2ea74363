/**
 * The CLI's fast engine: the project's own TypeScript 7 compiler (`tsc`, native), run as a child
 * process, its `--pretty` report read back into the same {@link FoundDiagnostic}s the ts-morph engine
 * gives (the caret's width from the `~` under the code). Used when `typescript` ≥ 7 can be resolved
 * from the working directory (or from shapecheck's own installation); otherwise the CLI falls back to
 * ts-morph (TypeScript 6, in process). Nothing here imports ts-morph, so this path starts fast.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseTscOutput, toFoundDiagnostic, type FoundDiagnostic } from "../testing/diagnostics.js";
import { UsageError } from "./args.js";
import { isTypeScriptSource } from "./files.js";

/** A TypeScript 7 compiler found on disk. */
export interface Tsc7 {
  /** Its version, e.g. `7.0.2`. */
  readonly version: string;
  /** The command that runs it: its native executable, or node with its `bin/tsc` entry point. */
  readonly command: readonly [string, ...string[]];
}

/** The `typescript` package resolvable from `dir`, if it is version 7 or later. */
async function tscFrom(dir: string): Promise<Tsc7 | undefined> {
  let manifest: string;
  let version: string | undefined;
  try {
    manifest = createRequire(path.join(dir, "__shapecheck__.js")).resolve("typescript/package.json");
    ({ version } = JSON.parse(readFileSync(manifest, "utf8")) as { version?: string });
  } catch {
    return undefined;
  }
  if (version === undefined || Number(version.split(".")[0]) < 7) return undefined;
  const home = path.dirname(manifest);
  try {
    // The package's own lookup of its native executable (what its bin/tsc runs): one process, not two.
    const { default: exePath } = (await import(pathToFileURL(path.join(home, "lib", "getExePath.js")).href)) as { default: () => string };
    return { version, command: [exePath()] };
  } catch {
    return { version, command: [process.execPath, path.join(home, "bin", "tsc")] };
  }
}

/** TypeScript 7 as the project has it (resolved from `cwd`), else as shapecheck's own installation has it. */
export async function findTsc7(cwd: string): Promise<Tsc7 | undefined> {
  return (await tscFrom(cwd)) ?? (await tscFrom(path.dirname(fileURLToPath(import.meta.url))));
}

/** Runs tsc; resolves to its standard output (its report, whatever its exit status). */
function runTsc(tsc: Tsc7, args: readonly string[], cwd: string): Promise<string> {
  const [command, ...prefix] = tsc.command;
  return new Promise((resolve, reject) => {
    execFile(command, [...prefix, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      if (error && stdout.length === 0) reject(new UsageError(`TypeScript ${tsc.version} failed: ${(stderr || error.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** A tsconfig as TypeScript 7 resolves it (`--showConfig`): its options and its root files (absolute). */
export interface ResolvedConfig {
  readonly compilerOptions: Readonly<Record<string, unknown>>;
  readonly fileNames: readonly string[];
}

/** A tsconfig: where it is, how the user named it. */
export interface ConfigFile {
  readonly path: string;
  readonly shown: string;
}

/**
 * A tsconfig's options and root files, as TypeScript 7 resolves them (`--showConfig`, which does not
 * validate: see {@link validateConfig}).
 */
export async function resolveConfig(tsc: Tsc7, config: ConfigFile): Promise<ResolvedConfig> {
  const dir = path.dirname(config.path);
  const output = await runTsc(tsc, ["-p", config.path, "--showConfig"], dir);
  let parsed: { compilerOptions?: Record<string, unknown>; files?: string[] };
  try {
    parsed = JSON.parse(output) as typeof parsed;
  } catch {
    throw new UsageError(`invalid tsconfig ${config.shown}: ${stripAnsi(output).trim()}`);
  }
  return { compilerOptions: parsed.compilerOptions ?? {}, fileNames: (parsed.files ?? []).map((file) => path.resolve(dir, file)) };
}

/**
 * Throws {@link UsageError} (exit 2) with the compiler's messages when it rejects the tsconfig (listing
 * its root files, checking nothing). `--noResolve`: the tsconfig's own errors (its JSON, its options,
 * its `extends`, no inputs) are the same without following the root files' imports, and following
 * them read and parsed the whole project — in this repository about 1 s of CPU, some 60% of the
 * listing's cost — to report errors in the tsconfig alone.
 */
export async function validateConfig(tsc: Tsc7, config: ConfigFile): Promise<void> {
  const dir = path.dirname(config.path);
  const listing = await runTsc(tsc, ["-p", config.path, "--listFilesOnly", "--noResolve", "--pretty", "false"], dir);
  rejectConfig(parseTscOutput(listing, (file) => path.resolve(dir, file)), config);
}

/** The options the ts-morph engine uses without a tsconfig (strict ES2022/NodeNext). */
const DEFAULT_FLAGS = ["--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck"];

/** Options whose values are paths, relative to the tsconfig's directory. */
const PATH_OPTIONS = new Set(["rootDir", "outDir", "baseUrl", "declarationDir", "tsBuildInfoFile", "outFile"]);
const PATH_LIST_OPTIONS = new Set(["typeRoots", "rootDirs"]);

/**
 * A resolved tsconfig's compiler options as command-line flags, for checking files outside the
 * project; `undefined` when an option cannot be written as a flag (`paths`, plugins): the caller then
 * uses the ts-morph engine.
 */
export function optionFlags(options: Readonly<Record<string, unknown>>, configDir: string): string[] | undefined {
  const flags: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (name === "noEmit" || name === "composite" || name === "incremental") continue;
    if (typeof value === "boolean") flags.push(`--${name}`, String(value));
    else if (typeof value === "number") flags.push(`--${name}`, String(value));
    else if (typeof value === "string") flags.push(`--${name}`, PATH_OPTIONS.has(name) ? path.resolve(configDir, value) : value);
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      if (value.length === 0) continue;
      flags.push(`--${name}`, (PATH_LIST_OPTIONS.has(name) ? value.map((item) => path.resolve(configDir, item)) : value).join(","));
    } else return undefined;
  }
  return flags;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Reads `tsc --pretty` output: `file:line:col - error TS1234: text`, indented continuation lines up to a
 * blank line, then
 * a code frame whose first `~` line gives the span's width on its first line. `resolve` turns the
 * printed path into an absolute one.
 */
export function parsePrettyOutput(output: string, resolve: (file: string) => string): FoundDiagnostic[] {
  const found: FoundDiagnostic[] = [];
  const lines = stripAnsi(output).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const head = /^(.+):(\d+):(\d+) - error (TS\d+): (.*)$/.exec(lines[i]!);
    if (!head) continue;
    const text = [head[5]!];
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== ""; j++) text.push(lines[j]!.trim()); // up to the blank line
    // The frame: `NN source` lines, each followed by a marker line of spaces and `~`.
    let length = 0;
    // (A marker line is spaces then `~`s; a source line starts with its number after the padding.)
    for (; j < lines.length && !/^(.+):(\d+):(\d+) - error TS\d+: /.test(lines[j]!); j++) {
      const marks = /^ +(~+)/.exec(lines[j]!);
      if (marks) {
        length = marks[1]!.length;
        break;
      }
    }
    found.push(toFoundDiagnostic(resolve(head[1]!), Number(head[2]), Number(head[3]), length, head[4]!, text.join("\n")));
    i = j;
  }
  return found;
}

/** Throws {@link UsageError} (exit 2) when the compiler found errors in the tsconfig itself. */
function rejectConfig(found: readonly FoundDiagnostic[], config: ConfigFile): void {
  const problems = found.filter((d) => d.file === path.resolve(config.path));
  if (problems.length > 0) throw new UsageError(`invalid tsconfig ${config.shown}: ${problems.map((d) => d.text).join("; ")}`);
}

/**
 * The TypeScript 7 engine: the files to check (absolute) and their diagnostics, sorted as the
 * ts-morph engine sorts them (file by file in the order given, each file's by position). Without
 * paths, the project's root files, checked by `tsc -p` while `--showConfig` lists them. With paths
 * inside the project, the same run, filtered; with paths outside it, the files alone with the
 * tsconfig's options as flags (the default options without a tsconfig) while the tsconfig is
 * validated. `diagnostics` is `undefined` when the options cannot be given as flags (the caller
 * falls back to ts-morph). `filesOf` turns the project's root files into the files to check.
 */
export async function tsc7Check(
  tsc: Tsc7,
  config: ConfigFile | undefined,
  hasPaths: boolean,
  filesOf: (projectFiles: readonly string[] | undefined) => string[],
  onStart: (files: number) => void,
): Promise<{ files: string[]; diagnostics: FoundDiagnostic[] | undefined }> {
  const pretty = ["--noEmit", "--pretty", "true", "--noErrorTruncation"];
  let output: string;
  let base: string;
  let files: string[];
  if (config !== undefined) {
    base = path.dirname(config.path);
    // Without paths, the project's check starts while its files are listed; with paths, it runs only
    // when the project holds every file asked for.
    const start = () => runTsc(tsc, ["-p", config.path, ...pretty], base);
    const early = hasPaths ? undefined : start();
    early?.catch(() => undefined);
    const resolved = await resolveConfig(tsc, config);
    const projectFiles = resolved.fileNames.filter(isTypeScriptSource);
    if (projectFiles.length === 0) await validateConfig(tsc, config); // an invalid tsconfig says so before "no files"
    files = filesOf(projectFiles);
    onStart(files.length);
    if (files.every((file) => resolved.fileNames.includes(file))) {
      output = await (early ?? start());
      rejectConfig(parsePrettyOutput(output, (file) => path.resolve(base, file)), config);
    } else {
      const flags = optionFlags(resolved.compilerOptions, base);
      if (flags === undefined) return { files, diagnostics: undefined };
      base = process.cwd();
      const [checked] = await Promise.all([runTsc(tsc, ["--ignoreConfig", ...flags, ...files, ...pretty], base), validateConfig(tsc, config)]);
      output = checked;
    }
  } else {
    files = filesOf(undefined);
    onStart(files.length);
    base = process.cwd();
    output = await runTsc(tsc, ["--ignoreConfig", ...DEFAULT_FLAGS, ...files, ...pretty], base);
  }
  const wanted = new Map(files.map((file, index) => [file, index]));
  const diagnostics = parsePrettyOutput(output, (file) => path.resolve(base, file))
    .filter((d) => wanted.has(d.file))
    .map((d, order) => ({ d, order }))
    .sort((a, b) => wanted.get(a.d.file)! - wanted.get(b.d.file)! || a.d.line - b.d.line || a.d.column - b.d.column || a.order - b.order)
    .map(({ d }) => d);
  return { files, diagnostics };
}

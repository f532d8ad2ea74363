/**
 * Which files the CLI checks: the paths on the command line (directories searched recursively), or
 * the files of the tsconfig project. Reads the file system; never writes to it.
 */
import { readdirSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { UsageError } from "./args.js";

/** Directories never searched: dependencies, build output, and hidden directories (`.git`, `.run`, …). */
const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist"]);

/** `true` for a TypeScript source file name (not a declaration file). */
export function isTypeScriptSource(name: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(name) && !/\.d\.(ts|mts|cts)$/.test(name) && !/\.d\.[^.]+\.ts$/.test(name);
}

function statOrUsage(file: string, shown: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `cannot read ${shown}: no such file or directory` : `cannot read ${shown}: ${code ?? String(error)}`);
  }
}

function walk(dir: string, shown: string, into: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read directory ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith(".")) walk(full, path.join(shown, entry.name), into);
    } else if (entry.isFile() && isTypeScriptSource(entry.name)) {
      into.push(full);
    }
  }
}

/**
 * The absolute paths of the TypeScript files named by `paths` (relative to `cwd`), in command-line
 * order, directories expanded in name order, without duplicates. Throws {@link UsageError} for a path
 * that cannot be read, a file that is not TypeScript, or a directory with no TypeScript files.
 */
export function collectFiles(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const stats = statOrUsage(full, given);
    if (stats.isDirectory()) {
      const found: string[] = [];
      walk(full, given, found);
      if (found.length === 0) throw new UsageError(`no TypeScript files in ${given} (searched for .ts/.tsx, skipping node_modules and dist)`);
      files.push(...found);
    } else if (/\.(ts|tsx|mts|cts)$/.test(full)) {
      // A FIFO, a socket or a device named x.ts would block or never end: only regular files are read.
      if (!stats.isFile()) throw new UsageError(`${given} is not a regular file`);
      files.push(full);
    } else {
      throw new UsageError(`${given} is not a TypeScript file (.ts, .tsx, .mts or .cts)`);
    }
  }
  return [...new Set(files)];
}

/** A tsconfig that was read and parsed: its absolute path and its files. */
export interface LoadedTsconfig {
  readonly path: string;
  readonly fileNames: readonly string[];
}

/**
 * Reads and parses a tsconfig.json (with `extends`), the way TypeScript 6 does (the ts-morph engine;
 * loaded on demand, so the TypeScript 7 engine never pays for it). Throws {@link UsageError} for a
 * missing or unreadable file, invalid JSON, or compiler options the compiler rejects.
 */
export async function loadTsconfig(file: string, shown: string): Promise<LoadedTsconfig> {
  checkTsconfigFile(file, shown);
  const { ts } = await import("ts-morph");
  const problems: string[] = [];
  const report = (d: import("ts-morph").ts.Diagnostic) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  const parsed = ts.getParsedCommandLineOfConfigFile(file, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: report });
  // "No inputs were found" (TS18003) only matters when checking the project's own files; paths may be given.
  for (const d of parsed?.errors ?? []) if (d.code !== 18003) report(d);
  if (!parsed || problems.length > 0) throw new UsageError(`invalid tsconfig ${shown}: ${problems.join("; ")}`);
  return { path: file, fileNames: parsed.fileNames.filter(isTypeScriptSource) };
}

/** Throws {@link UsageError} unless `file` is a readable regular file. */
export function checkTsconfigFile(file: string, shown: string): void {
  const stats = statOrUsage(file, shown);
  if (!stats.isFile()) throw new UsageError(`${shown} is not a tsconfig file`);
}

/** The nearest `tsconfig.json` in `dir` or a directory above it, or `undefined`. */
export function findTsconfig(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, "tsconfig.json");
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; look one level up
    }
    if (path.dirname(current) === current) return undefined;
  }
}

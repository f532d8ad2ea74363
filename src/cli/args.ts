/**
 * The command line of `shapecheck`: `shapecheck [paths…] [--project tsconfig.json] [--json] [--all]`.
 * Parsing only; nothing here touches the file system.
 */

/** What the command line asks for. */
export interface CliOptions {
  /** Files or directories to check; empty = every file of the tsconfig project. */
  readonly paths: readonly string[];
  /** The tsconfig.json given with `--project`/`-p`, as written. */
  readonly project: string | undefined;
  /** `--json`: print a machine-readable list instead of text. */
  readonly json: boolean;
  /** `--all`: list the other type errors too, not only shape errors. */
  readonly all: boolean;
  /** `--help`/`-h`. */
  readonly help: boolean;
  /** `--version`/`-v`. */
  readonly version: boolean;
  /**
   * `--engine`: `tsc` (TypeScript 7, as the project has it), `ts-morph` (TypeScript 6, in process), or
   * `auto` (the default): TypeScript 7 when it can be found, else ts-morph.
   */
  readonly engine: Engine;
}

/** Which compiler checks the files. */
export type Engine = "auto" | "tsc" | "ts-morph";

/** A mistake in how the command was called, or in its configuration: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The text `--help` prints. */
export const USAGE = `Usage: shapecheck [paths…] [--project tsconfig.json] [--json] [--all] [--engine auto|tsc|ts-morph]

Type-checks TypeScript files with the compiler and reports the tensor shape errors it finds,
each with file:line:col, its code, its message and the code that caused it. Never runs the code.

Arguments:
  paths…                 files or directories to check (directories are searched for .ts/.tsx
                         files, skipping node_modules, dist and hidden directories);
                         default: the files of the tsconfig project

Options:
  -p, --project <file>   the tsconfig.json to take compiler options (and, without paths, the
                         files) from; default: tsconfig.json in this directory or the nearest above
      --json             print the errors as a JSON array of
                         { file, line, column, code, op, message }
      --all              also list type errors that are not shape errors (they then count as
                         failures too)
      --engine <name>    tsc: TypeScript 7 (\`typescript\` >= 7 resolved from this directory, or
                         shapecheck's own); ts-morph: TypeScript 6 in process (slower);
                         auto (default): tsc when it is found, else ts-morph
  -h, --help             show this help
  -v, --version          show the version

Exit status: 0 no shape errors, 1 shape errors found, 2 usage or configuration error,
3 internal error (a bug in shapecheck).`;

/** Parses the arguments after `shapecheck`. Throws {@link UsageError} for an unknown flag or a missing value. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const paths: string[] = [];
  let project: string | undefined;
  let json = false;
  let all = false;
  let help = false;
  let version = false;
  let engine: Engine = "auto";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    switch (flag) {
      case "-p":
      case "--project": {
        const value = inline ?? argv[++i];
        if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) {
          throw new UsageError(`${flag} needs a path to a tsconfig.json, e.g. ${flag} tsconfig.json`);
        }
        if (project !== undefined) throw new UsageError(`${flag} was given twice; one project is checked at a time`);
        project = value;
        break;
      }
      case "--engine": {
        const value = inline ?? argv[++i];
        if (value !== "auto" && value !== "tsc" && value !== "ts-morph") {
          throw new UsageError(`--engine takes auto, tsc or ts-morph${value === undefined ? "" : ` (got ${value})`}`);
        }
        engine = value;
        break;
      }
      case "--json":
      case "--all":
      case "-h":
      case "--help":
      case "-v":
      case "--version":
        if (inline !== undefined) throw new UsageError(`${flag} takes no value (got ${arg})`);
        if (flag === "--json") json = true;
        else if (flag === "--all") all = true;
        else if (flag === "-h" || flag === "--help") help = true;
        else version = true;
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  return { paths, project, json, all, help, version, engine };
}

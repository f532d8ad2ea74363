/**
 * `shapecheck/testing`: run the TypeScript compiler (TypeScript 6 through ts-morph) over files or a
 * snippet and get the shape errors it reports — file, line, column, code, op, message — or assert
 * them against `// @shape-error SHAPE_CODE` annotations on the line above each expected error.
 *
 * @example
 * import { expectShapeErrors, findShapeErrors } from "shapecheck/testing";
 * const [error] = findShapeErrors({ code: `import { zeros } from "shapecheck"; zeros([2, 3]).add(zeros([4]));` });
 * error.line; //=> 1
 * error.column; //=> 55
 * error.message; //=> "SHAPE_BROADCAST: add: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)"
 * expectShapeErrors(["test/shapes.fixture.ts"]); // throws a line-by-line report on any mismatch
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Project, ts, type SourceFile } from "ts-morph";
import {
  compareWithAnnotations,
  formatMismatches,
  isShapeError,
  toFoundDiagnostic,
  type AnnotationMismatch,
  type FoundDiagnostic,
  type FoundShapeError,
} from "./diagnostics.js";

export {
  compareWithAnnotations,
  formatMismatches,
  isShapeError,
  parseTscOutput,
  readAnnotations,
  shapeMessagesIn,
} from "./diagnostics.js";
export type { AnnotationMismatch, FoundDiagnostic, FoundShapeError, ShapeErrorAnnotation } from "./diagnostics.js";

/** What to check: paths to files, or a snippet of code (checked as if it were a file in `dir`). */
export type CheckTarget = string | readonly string[] | { readonly code: string; readonly fileName?: string };

/** Options for a checker. */
export interface ShapeCheckerOptions {
  /**
   * The tsconfig.json to take compiler options from; default: `tsconfig.json` in the working directory
   * if there is one; `null`: none, use strict ES2022/NodeNext defaults.
   */
  readonly tsconfig?: string | null;
  /** Extra compiler options, applied over the tsconfig's. */
  readonly compilerOptions?: ts.CompilerOptions;
  /** Directory that relative paths and snippets resolve against; default: the tsconfig's directory or the working directory. */
  readonly dir?: string;
}

/** Options the checker always sets: messages must not be truncated and unions must print in a stable order. */
const FORCED_OPTIONS: ts.CompilerOptions = { noErrorTruncation: true, stableTypeOrdering: true, noEmit: true } as ts.CompilerOptions;

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
};

/**
 * One ts-morph `Project` reused across checks (creating a project costs far more than checking a file):
 * build one per test suite and call `diagnostics`/`shapeErrors`/`expect` as often as needed.
 */
export class ShapeChecker {
  /** The underlying ts-morph project. */
  readonly project: Project;
  /** The directory snippets and relative paths resolve against. */
  readonly dir: string;
  #snippets = 0;

  constructor(options: ShapeCheckerOptions = {}) {
    const tsconfig = options.tsconfig === null ? undefined : (options.tsconfig ?? (existsSync("tsconfig.json") ? "tsconfig.json" : undefined));
    this.dir = path.resolve(options.dir ?? (tsconfig ? path.dirname(tsconfig) : "."));
    this.project = tsconfig
      ? new Project({
          tsConfigFilePath: path.resolve(tsconfig),
          skipAddingFilesFromTsConfig: true,
          compilerOptions: { ...options.compilerOptions, ...FORCED_OPTIONS },
        })
      : new Project({ compilerOptions: { ...DEFAULT_OPTIONS, ...options.compilerOptions, ...FORCED_OPTIONS } });
  }

  /**
   * Every diagnostic (shape errors and others) in the target's files, file by file in the order given,
   * each file's in order of position. `onProgress` is called after each file.
   */
  diagnostics(target: CheckTarget, onProgress?: (done: number, total: number, file: string) => void): FoundDiagnostic[] {
    const files = this.#sourceFiles(target);
    return files.flatMap((file, index) => {
      const found = this.#diagnosticsOf(file);
      onProgress?.(index + 1, files.length, file.getFilePath());
      return found;
    });
  }

  /** The shape errors in the target's files. */
  shapeErrors(target: CheckTarget): FoundShapeError[] {
    return this.diagnostics(target).filter(isShapeError);
  }

  /** Compares the target's diagnostics with its `// @shape-error` annotations; returns the mismatches. */
  mismatches(target: CheckTarget): AnnotationMismatch[] {
    return this.#sourceFiles(target).flatMap((file) =>
      compareWithAnnotations(file.getFilePath(), file.getFullText(), this.#diagnosticsOf(file)),
    );
  }

  /** Asserts the target's diagnostics match its annotations exactly; throws a line-by-line report if not. */
  expect(target: CheckTarget): FoundShapeError[] {
    const mismatches = this.mismatches(target);
    if (mismatches.length > 0) {
      throw new Error(`shape errors differ from the @shape-error annotations:\n${formatMismatches(mismatches, (f) => path.relative(this.dir, f))}`);
    }
    return this.shapeErrors(target);
  }

  #sourceFiles(target: CheckTarget): SourceFile[] {
    if (typeof target === "object" && "code" in target) {
      const fileName = path.resolve(this.dir, target.fileName ?? `__shapecheck_snippet_${this.#snippets++}.ts`);
      return this.#withModuleFormat([this.project.createSourceFile(fileName, target.code, { overwrite: true })]);
    }
    const files = typeof target === "string" ? [target] : target;
    return this.#withModuleFormat(
      files.map((file) => {
        const fullPath = path.resolve(this.dir, file);
        const text = readText(fullPath);
        const existing = this.project.getSourceFile(fullPath);
        if (!existing) return this.project.createSourceFile(fullPath, text, { overwrite: true });
        // Unchanged text keeps the current program (and its type checker) for the next call.
        if (existing.getFullText() !== text) existing.replaceWithText(text);
        return existing;
      }),
    );
  }

  #packageJsonCache: ts.PackageJsonInfoCache | undefined;

  /**
   * Sets each file's module format (ESM or CommonJS, from the nearest package.json's `type` and the
   * extension) as `tsc` does. ts-morph creates its source files without one, so under `module: nodenext`
   * every file would otherwise count as CommonJS (and `import.meta` or top-level `await` in a checked
   * file would be reported as errors that `tsc` does not report). Done before the program is built, so
   * the files' imports also resolve in the right mode.
   */
  #withModuleFormat(files: SourceFile[]): SourceFile[] {
    const options = this.project.getCompilerOptions();
    this.#packageJsonCache ??= ts.createModuleResolutionCache(this.dir, (name) => name, options).getPackageJsonInfoCache();
    for (const file of files) {
      const node = file.compilerNode as ts.SourceFile & { impliedNodeFormat?: ts.ResolutionMode };
      const format = ts.getImpliedNodeFormatForFile(file.getFilePath(), this.#packageJsonCache, ts.sys, options);
      if (node.impliedNodeFormat !== format) node.impliedNodeFormat = format;
    }
    return files;
  }

  #diagnosticsOf(file: SourceFile): FoundDiagnostic[] {
    const program = this.project.getProgram().compilerObject;
    const sf = program.getSourceFile(file.getFilePath());
    if (!sf) return [];
    // In order of position, as `tsc` prints them (a stable sort keeps the compiler's order on ties).
    const raw = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    return raw.map((d) => {
      const start = d.start ?? 0;
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      return toFoundDiagnostic(file.getFilePath(), line + 1, character + 1, d.length ?? 0, d.code, text);
    });
  }
}

/**
 * A file's text as the compiler reads it (`ts.sys.readFile`): UTF-8, or UTF-16 little- or big-endian
 * after its byte-order mark (ts-morph's own reading takes every file as UTF-8, and a UTF-16 file then
 * "appears to be binary"). A missing or unreadable file throws as `readFileSync` does.
 */
function readText(file: string): string {
  return ts.sys.readFile(file) ?? readFileSync(file, "utf8");
}

const checkers = new Map<string, ShapeChecker>();

/**
 * The `ShapeChecker` that `findShapeErrors` and `expectShapeErrors` share for `options` (one project
 * per options, created on first use): checking more files with it reuses the program they built.
 * @example
 * checkerFor({}) === checkerFor({}); //=> true
 */
export function checkerFor(options: ShapeCheckerOptions = {}): ShapeChecker {
  return sharedChecker(options);
}

function sharedChecker(options: ShapeCheckerOptions): ShapeChecker {
  const key = JSON.stringify(options);
  let checker = checkers.get(key);
  if (!checker) checkers.set(key, (checker = new ShapeChecker(options)));
  return checker;
}

/** The shape errors the compiler reports for files or a snippet (one shared project per options). */
export function findShapeErrors(target: CheckTarget, options: ShapeCheckerOptions = {}): FoundShapeError[] {
  return sharedChecker(options).shapeErrors(target);
}

/**
 * Asserts that the compiler reports exactly the errors annotated with `// @shape-error SHAPE_CODE`
 * (on the line above each), and nothing on other lines. Throws an `Error` listing expected vs found
 * line by line; returns the shape errors found when everything matches.
 */
export function expectShapeErrors(target: CheckTarget, options: ShapeCheckerOptions = {}): FoundShapeError[] {
  return sharedChecker(options).expect(target);
}

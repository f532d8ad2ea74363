/**
 * How the CLI prints what it found: one block per error (`file:line:col  CODE  message`, a two-line code
 * frame, a caret under the offending code), a summary line, or a JSON array for machines.
 */
import path from "node:path";
import { isShapeError, type FoundDiagnostic } from "../testing/diagnostics.js";

/** One error as `--json` prints it. `op` is `null` for a type error that is not a shape error. */
export interface JsonError {
  /** Path relative to the working directory, `/`-separated. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** `SHAPE_…` for a shape error, the compiler's code (e.g. `TS2322`) otherwise. */
  readonly code: string;
  readonly op: string | null;
  /** A shape error's message exactly as the runtime throws it, or the compiler's whole text. */
  readonly message: string;
}

/** Styling for terminals: identity functions when colour is off. */
interface Style {
  readonly code: (s: string) => string;
  readonly gutter: (s: string) => string;
  readonly caret: (s: string) => string;
  readonly file: (s: string) => string;
}

const PLAIN: Style = { code: (s) => s, gutter: (s) => s, caret: (s) => s, file: (s) => s };
const ANSI: Style = {
  code: (s) => `\x1b[1;31m${s}\x1b[0m`,
  gutter: (s) => `\x1b[2m${s}\x1b[0m`,
  caret: (s) => `\x1b[31m${s}\x1b[0m`,
  file: (s) => `\x1b[36m${s}\x1b[0m`,
};

/** `file` relative to `cwd`, `/`-separated, as the CLI shows it. */
export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join("/") || path.basename(file);
}

/**
 * The two-line code frame under an error: the line above and the error's line, numbered, then a caret
 * line under the diagnostic's span (`length` characters from `column`, cut at the end of the line).
 * @example
 * codeFrame("const a = 1;\nconst b = f(a);\n", 2, 13, 1); //=> "  1 | const a = 1;\n> 2 | const b = f(a);\n    |             ^"
 */
export function codeFrame(source: string, line: number, column: number, length: number, style: Style = PLAIN): string {
  const lines = source.split(/\r?\n/);
  const width = String(line).length;
  // A long line (minified code, a data literal) shows a window around the error's column.
  const from = Math.max(0, column - 1 - FRAME_CONTEXT);
  const clip = (text: string) => (text.length <= 2 * FRAME_CONTEXT ? text : `${from > 0 ? "…" : ""}${text.slice(from, from + 2 * FRAME_CONTEXT)}${from + 2 * FRAME_CONTEXT < text.length ? "…" : ""}`);
  const numbered = (n: number, marker: string) =>
    style.gutter(`${marker} ${String(n).padStart(width)} |`) + (lines[n - 1] ? ` ${clip(lines[n - 1]!)}` : "");
  const out: string[] = [];
  if (line > 1) out.push(numbered(line - 1, " "));
  out.push(numbered(line, ">"));
  const whole = lines[line - 1] ?? "";
  const long = whole.length > 2 * FRAME_CONTEXT;
  const lead = long && from > 0 ? 1 : 0; // the "…" shown in place of what was cut on the left
  const text = long ? whole.slice(from, from + 2 * FRAME_CONTEXT) : whole;
  const start = Math.min(column - 1 - (long ? from : 0), text.length);
  // Keep tabs so the caret lines up with the code above it.
  const pad = (" ".repeat(lead) + text.slice(0, start)).replace(/[^\t]/g, " ");
  const span = Math.max(1, Math.min(length, text.length - start));
  out.push(style.gutter(`  ${" ".repeat(width)} |`) + ` ${pad}${style.caret("^".repeat(span))}`);
  return out.join("\n");
}

/** Characters of a long line shown on each side of the error's column. */
const FRAME_CONTEXT = 100;

/** A source file's text: UTF-8, or UTF-16 (little- or big-endian) when it starts with that byte-order mark, as the compiler reads it. */
export function readSource(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

/** The message shown after the code: a shape error's message without its repeated `CODE: ` prefix. */
function shownMessage(d: FoundDiagnostic): string {
  if (isShapeError(d)) return d.message.slice(d.code.length + 2);
  return d.text.split("\n").join("\n    ");
}

/** One error as text: the header line and its code frame. */
export function formatError(d: FoundDiagnostic, source: string, cwd: string, color = false): string {
  const style = color ? ANSI : PLAIN;
  const header = `${style.file(`${displayPath(d.file, cwd)}:${d.line}:${d.column}`)}  ${style.code(d.code)}  ${shownMessage(d)}`;
  return `${header}\n${codeFrame(source, d.line, d.column, d.length, style)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The summary line: `3 shape errors in 2 files (12 files checked)`, `no shape errors (12 files checked)`;
 * other type errors are counted, and said to be hidden unless `--all` listed them.
 */
export function formatSummary(diagnostics: readonly FoundDiagnostic[], filesChecked: number, all: boolean): string {
  const shape = diagnostics.filter(isShapeError);
  const other = diagnostics.length - shape.length;
  const files = new Set(shape.map((d) => d.file)).size;
  const checked = `(${plural(filesChecked, "file")} checked)`;
  let summary = shape.length === 0 ? `no shape errors ${checked}` : `${plural(shape.length, "shape error")} in ${plural(files, "file")} ${checked}`;
  if (other > 0) {
    summary += all ? `; ${plural(other, "other type error")}` : `; ${plural(other, "other type error")} not shown (--all lists them)`;
  }
  return summary;
}

/** The `--json` form of an error. */
export function toJsonError(d: FoundDiagnostic, cwd: string): JsonError {
  const shape = isShapeError(d);
  return {
    file: displayPath(d.file, cwd),
    line: d.line,
    column: d.column,
    code: d.code,
    op: shape ? d.op : null,
    message: shape ? d.message : d.text,
  };
}

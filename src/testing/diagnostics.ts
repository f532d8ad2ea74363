/**
 * Reading shape errors out of compiler diagnostics. Shared by `shapecheck/testing`, the CLI and the
 * project's own harness; it knows nothing about ts-morph, so it also reads TypeScript 7's `tsc` output.
 */

/** One compiler diagnostic, with the shape error it carries when it carries one. */
export interface FoundDiagnostic {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line of the diagnostic's start. */
  readonly line: number;
  /** 1-based column of the diagnostic's start. */
  readonly column: number;
  /** `SHAPE_…` for a shape error, else the compiler's code, e.g. `TS2322`. */
  readonly code: string;
  /** The op that failed (shape errors only), e.g. `add`. */
  readonly op: string | undefined;
  /** The shape error's message (as the runtime throws it), or the compiler's first message line. */
  readonly message: string;
  /** The compiler's whole diagnostic text, flattened. */
  readonly text: string;
  /** The diagnostic's length in characters, for a caret under the offending argument. */
  readonly length: number;
}

/** A shape error found by the compiler. */
export type FoundShapeError = FoundDiagnostic & { readonly code: `SHAPE_${string}`; readonly op: string };

/**
 * A message as the compiler prints it in a type: a string literal (`"SHAPE_…"`, the argument of
 * `ShapeError<…>`), or — where a type parameter is part of it — a template literal type
 * (`` `SHAPE_BROADCAST: add: axis -2 is ${B} vs ${M}; …` ``, the first argument of an undecided check
 * such as `BroadcastsWith<…>`).
 */
const SHAPE_MESSAGE_LITERAL = /"(SHAPE_[A-Z_]+: (?:[^"\\]|\\.)*)"|`(SHAPE_[A-Z_]+: [^`]*)`/g;

/** A dim the compiler could not print because it is a type parameter: `${PrintDim<B>}`, read as `${B}`. */
const UNPRINTED_DIM = /\$\{PrintDim<([A-Za-z_$][\w$]*)>\}/g;

/** A part of a template the compiler left unevaluated (`${PrintShape<…>}`, `${At}` is fine). */
const UNEVALUATED = /\$\{[^}]*[<([]/;

/**
 * The distinct shape error messages in a diagnostic's text (string literals unescaped as the
 * compiler escaped them; template literals as printed, a type parameter as `${B}`), complete ones
 * first, each group in order of appearance. A message with a part the compiler left unevaluated
 * (where a rule stayed undecided around a type parameter, its text is printed as a template with
 * `${PrintShape<…>}` in it) comes after the complete ones: the check that failed is then the one
 * with the complete text.
 */
export function shapeMessagesIn(text: string): string[] {
  const messages: string[] = [];
  for (const match of text.matchAll(SHAPE_MESSAGE_LITERAL)) {
    const message = match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : match[2]!.replace(UNPRINTED_DIM, "${$1}");
    if (!messages.includes(message)) messages.push(message);
  }
  return [...messages.filter((m) => !UNEVALUATED.test(m)), ...messages.filter((m) => UNEVALUATED.test(m))];
}

/**
 * A tensor of one shape where a declared type states another: the compiler's assignability error
 * (`Type 'Tensor<[B, 128]>' is not assignable to type 'Tensor<[B, 10]>'`, or the same for an
 * argument), with nothing but a tensor on either side.
 */
const DECLARED_MISMATCH = /^(?:Type|Argument of type) 'Tensor<(.+)>' is not assignable to (?:type|parameter of type) 'Tensor<([^&]+)>'\.$/;

/** `SHAPE_DECLARED: declared: [B, 128] is not assignable to [B, 10]`, from a declared-shape mismatch. */
export function declaredShapeMessage(firstLine: string): string | undefined {
  const match = DECLARED_MISMATCH.exec(firstLine);
  return match ? `SHAPE_DECLARED: declared: ${singleQuoted(match[1]!)} is not assignable to ${singleQuoted(match[2]!)}` : undefined;
}

/** A shape as the compiler printed it (`["batch", 128]`), with its names quoted as messages quote them (`['batch', 128]`). */
function singleQuoted(shape: string): string {
  return shape.replace(/"((?:[^"\\]|\\.)*)"/g, (_, name: string) => `'${JSON.parse(`"${name}"`) as string}'`);
}

/** Builds a `FoundDiagnostic` from a diagnostic's position and flattened text. */
export function toFoundDiagnostic(file: string, line: number, column: number, length: number, tsCode: number | string, text: string): FoundDiagnostic {
  const [message = declaredShapeMessage(text.split("\n", 1)[0] ?? "")] = shapeMessagesIn(text);
  if (message !== undefined) {
    const [code, op] = message.split(": ", 2) as [string, string];
    return { file, line, column, length, code, op, message, text };
  }
  const first = text.split("\n", 1)[0] ?? text;
  return { file, line, column, length, code: typeof tsCode === "number" ? `TS${tsCode}` : tsCode, op: undefined, message: first, text };
}

/** `true` for a diagnostic that carries a shape error. */
export function isShapeError(diagnostic: FoundDiagnostic): diagnostic is FoundShapeError {
  return diagnostic.code.startsWith("SHAPE_");
}

/**
 * Parses the output of `tsc --pretty false` (TypeScript 7 or 6): `file(line,col): error TS1234: text`
 * with indented continuation lines. `resolve` turns the printed path into an absolute one.
 */
export function parseTscOutput(output: string, resolve: (file: string) => string): FoundDiagnostic[] {
  const found: FoundDiagnostic[] = [];
  let current: { file: string; line: number; column: number; code: string; lines: string[] } | undefined;
  const flush = () => {
    if (current) found.push(toFoundDiagnostic(current.file, current.line, current.column, 0, current.code, current.lines.join("\n")));
    current = undefined;
  };
  for (const raw of output.split(/\r?\n/)) {
    const head = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(raw);
    if (head) {
      flush();
      current = { file: resolve(head[1]!), line: Number(head[2]), column: Number(head[3]), code: head[4]!, lines: [head[5]!] };
    } else if (current && /^\s+\S/.test(raw)) {
      current.lines.push(raw.trim());
    } else {
      flush();
    }
  }
  flush();
  return found;
}

/** One `// @shape-error SHAPE_CODE` annotation: the line it applies to (the next line) and the code. */
export interface ShapeErrorAnnotation {
  readonly line: number;
  readonly code: string;
}

const ANNOTATION = /\/\/\s*@shape-error\s+(\S+)/;

/** Reads the `// @shape-error SHAPE_CODE` annotations of a source text (1-based target lines). */
export function readAnnotations(sourceText: string): ShapeErrorAnnotation[] {
  const annotations: ShapeErrorAnnotation[] = [];
  sourceText.split(/\r?\n/).forEach((text, index) => {
    const match = ANNOTATION.exec(text);
    if (match) annotations.push({ line: index + 2, code: match[1]! });
  });
  return annotations;
}

/** A mismatch between the annotations of a file and what the compiler found on one line. */
export interface AnnotationMismatch {
  readonly file: string;
  /** 1-based line the mismatch is on. */
  readonly line: number;
  /** The annotated code, or `undefined` when the line has no annotation (so no error was expected). */
  readonly expected: string | undefined;
  /** What the compiler reported on the line: a shape error's message, else `TS1234: text` (empty: nothing). */
  readonly found: readonly string[];
  /** The text of the line, trimmed. */
  readonly source: string;
}

/**
 * Compares one file's diagnostics with its annotations: an annotated line must have exactly one
 * diagnostic, a shape error with that code; every other line must have none.
 */
export function compareWithAnnotations(file: string, sourceText: string, diagnostics: readonly FoundDiagnostic[]): AnnotationMismatch[] {
  const expected = new Map(readAnnotations(sourceText).map((a) => [a.line, a.code] as const));
  const byLine = new Map<number, FoundDiagnostic[]>();
  for (const d of diagnostics) if (d.file === file) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  const lines = [...new Set([...expected.keys(), ...byLine.keys()])].sort((a, b) => a - b);
  const sourceLines = sourceText.split(/\r?\n/);
  const mismatches: AnnotationMismatch[] = [];
  for (const line of lines) {
    const code = expected.get(line);
    const found = byLine.get(line) ?? [];
    const ok = code === undefined ? found.length === 0 : found.length === 1 && found[0]!.code === code;
    if (!ok) {
      mismatches.push({ file, line, expected: code, found: found.map((d) => (isShapeError(d) ? d.message : `${d.code}: ${d.message}`)), source: (sourceLines[line - 1] ?? "").trim() });
    }
  }
  return mismatches;
}

/**
 * Formats mismatches as an expected-vs-found report, one block per line: where, the code on that line,
 * what the annotation expected, and what the compiler found (one line per diagnostic). Empty when
 * there are no mismatches.
 * @example
 * formatMismatches([{ file: "a.ts", line: 4, expected: "SHAPE_MATMUL", found: [], source: "x.matmul(w);" }]);
 * //=> "a.ts:4\n  code:     x.matmul(w);\n  expected: SHAPE_MATMUL\n  found:    no error"
 */
export function formatMismatches(mismatches: readonly AnnotationMismatch[], relative: (file: string) => string = (f) => f): string {
  return mismatches
    .map((m) => {
      const found = m.found.length === 0 ? ["no error"] : m.found;
      return [
        `${relative(m.file)}:${m.line}`,
        `  code:     ${m.source}`,
        `  expected: ${m.expected ?? "no error"}`,
        ...found.map((f, i) => `  ${i === 0 ? "found:   " : "         "} ${f}`),
      ].join("\n");
    })
    .join("\n");
}

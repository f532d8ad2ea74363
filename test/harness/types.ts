/**
 * Evaluating type-level rules through the compiler: write `type R0 = …;` aliases into one in-memory
 * file of the shared project, and read back each alias's type as text, parsed into a shape, an axis
 * list or a shape error message. Used by the differential and conformance tests.
 */
import path from "node:path";
import { ts } from "ts-morph";
import { root, sharedChecker } from "./compile.js";

/** What a type rule produced, as read from the compiler. */
export type TypeResult =
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "shape"; readonly rest: boolean; readonly dims: readonly (number | string | "number")[] };

/** A dim as the harness writes it into source: `number` is the dynamic dim. */
export const DYNAMIC = Symbol("number");
export type SourceDim = number | string | typeof DYNAMIC;
/** A shape as source: dims, or `"unknown-rank"` for `number[]`. */
export type SourceShape = readonly SourceDim[] | "unknown-rank";

/** Writes a shape as a type: `[2, "batch", number]`, or `number[]`. */
export function shapeType(shape: SourceShape): string {
  if (shape === "unknown-rank") return "number[]";
  return `[${shape.map((d) => (d === DYNAMIC ? "number" : typeof d === "string" ? JSON.stringify(d) : String(d))).join(", ")}]`;
}

/** Parses the compiler's text for a tuple (`[8, 7]`, `[...number[], 3]`) or `ShapeError<"…">`. */
export function parseTypeText(text: string): TypeResult {
  const error = /^ShapeError<("(?:[^"\\]|\\.)*")>$/.exec(text);
  if (error) return { kind: "error", message: JSON.parse(error[1]!) as string };
  if (text === "number[]") return { kind: "shape", rest: true, dims: [] };
  const tuple = /^\[(.*)\]$/.exec(text);
  if (!tuple) throw new Error(`not a shape or a shape error: ${text}`);
  const parts = tuple[1] === "" ? [] : tuple[1]!.split(", ");
  let rest = false;
  const dims: (number | string)[] = [];
  for (const part of parts) {
    if (part === "...number[]") rest = true;
    else if (part === "number") dims.push("number");
    else if (part.startsWith('"')) dims.push(JSON.parse(part) as string);
    else if (/^\d+$/.test(part)) dims.push(Number(part));
    else throw new Error(`unexpected dim ${part} in ${text}`);
  }
  return { kind: "shape", rest, dims };
}

let batch = 0;

/**
 * Evaluates type expressions (each using the imports given) and returns their types as text,
 * printed without truncation. One file for all expressions keeps it to one check.
 */
export function evaluateTypes(imports: string, expressions: readonly string[]): string[] {
  return evaluateTypeBatches([{ imports, expressions }])[0]!;
}

/**
 * {@link evaluateTypes} for several batches at once: each batch is a file of its own (so what one
 * declares cannot affect another), and all of them are checked by one program — building a program
 * and its checker costs about as much as a few hundred small evaluations.
 */
export function evaluateTypeBatches(batches: readonly { readonly imports: string; readonly expressions: readonly string[] }[]): string[][] {
  const checker = sharedChecker();
  const files = batches.map(({ imports, expressions }) => {
    const fileName = path.join(root, `test/__types_${batch++}.ts`);
    const body = expressions.map((e, i) => `export type R${i} = ${e};`).join("\n");
    return checker.project.createSourceFile(fileName, `${imports}\n${body}\n`, { overwrite: true });
  });
  try {
    const program = checker.project.getProgram().compilerObject;
    const typeChecker = program.getTypeChecker();
    return files.map((file) => {
      const sf = program.getSourceFile(file.getFilePath())!;
      const problems = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
      if (problems.length > 0) {
        throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).slice(0, 5).join("\n"));
      }
      const out: string[] = [];
      for (const statement of sf.statements) {
        if (!ts.isTypeAliasDeclaration(statement) || !/^R\d+$/.test(statement.name.text)) continue;
        const type = typeChecker.getTypeAtLocation(statement.name);
        out.push(typeChecker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias));
      }
      return out;
    });
  } finally {
    for (const file of files) checker.project.removeSourceFile(file);
  }
}

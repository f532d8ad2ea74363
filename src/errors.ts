/**
 * Errors. Shape mistakes throw {@link ShapeError}; bad input that is not a shape mistake (ragged
 * nested arrays, a data length that does not fit, an unknown dtype) throws {@link InputError};
 * a broken internal invariant throws {@link InternalError}. Message writers live beside their op
 * (`writeBroadcastMessage` in src/ops/broadcast.ts, `WriteBroadcastMessage` in types/ops/broadcast.ts)
 * and every message has the form `CODE: op: what failed [shapes]: detail`.
 */
import type { Dim } from "../types/shape.js";

/** Every shape error code, listed once. */
export const SHAPE_ERROR_CODES = [
  "SHAPE_INVALID_SHAPE",
  "SHAPE_BROADCAST",
  "SHAPE_BROADCAST_TO",
  "SHAPE_AXIS",
  "SHAPE_RANK",
  "SHAPE_MATMUL",
  "SHAPE_RESHAPE",
  "SHAPE_PERMUTE",
  "SHAPE_SQUEEZE",
  "SHAPE_CONCAT",
  "SHAPE_STACK",
  "SHAPE_SLICE",
  "SHAPE_SPLIT",
  "SHAPE_NOT_SCALAR",
  "SHAPE_AS",
  "SHAPE_SYMBOL",
  "SHAPE_IMPLICIT_OUTER",
  "SHAPE_RESHAPE_ORDER",
  "SHAPE_REARRANGE",
  "SHAPE_EINSUM",
  // Two shapes that must be equal without broadcasting are not: mseLoss, layerNorm, a typed
  // loadTensors, and shapecheck/tfjs's losses (tfjs does not broadcast them; src/tfjs/rules.ts).
  "SHAPE_MISMATCH",
  "SHAPE_GATHER",
  "SHAPE_LABELS",
  "SHAPE_CONV",
  "SHAPE_POOL",
  "SHAPE_GRAD",
  // Compile time only: a tensor whose shape is not the one its declared type states (a return type, a
  // variable, a loop-carried variable, a parameter). The compiler's own assignability error, read by
  // shapecheck/testing and the CLI (src/testing/diagnostics.ts); at run time nothing is declared.
  "SHAPE_DECLARED",
] as const;

/** A shape error code: UPPER_SNAKE, always starting with `SHAPE_`. */
export type ShapeErrorCode = (typeof SHAPE_ERROR_CODES)[number];

/**
 * A shape mistake. At run time it is thrown; at compile time `ShapeError<"...">` (this same class,
 * with its message as a literal type) is what a type rule yields and what a wrong argument fails to
 * match, so the compiler's diagnostic carries the message the runtime would throw.
 * @example
 * broadcastShapes([2, 3], [4] as number[]); //=> throws SHAPE_BROADCAST
 * new ShapeError("SHAPE_AS", "as", [[2, 3]], "SHAPE_AS: as: …").op; //=> "as"
 */
export class ShapeError<Message extends string = string> extends Error {
  declare readonly message: Message;
  /** The error code, e.g. `SHAPE_BROADCAST`. */
  readonly code: ShapeErrorCode;
  /** The op that failed, e.g. `add`. */
  readonly op: string;
  /** The shapes involved, as given. */
  readonly shapes: readonly (readonly Dim[])[];

  constructor(code: ShapeErrorCode, op: string, shapes: readonly (readonly Dim[])[], message: Message) {
    super(message);
    this.name = "ShapeError";
    this.code = code;
    this.op = op;
    this.shapes = shapes;
  }
}

/**
 * Input that is not a shape mistake but cannot be used: ragged data, a wrong data length, a bad dtype.
 * The message starts with the code.
 * @example
 * new InputError("INPUT_LENGTH", "fromArray: 5 values for [2, 3]").message; //=> "INPUT_LENGTH: fromArray: 5 values for [2, 3]"
 */
export class InputError extends Error {
  readonly code: string;
  constructor(code: `INPUT_${string}`, message: string) {
    super(`${code}: ${message}`);
    this.name = "InputError";
    this.code = code;
  }
}

/** A broken internal invariant: a bug in shapecheck, never the user's mistake. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`shapecheck internal error: ${message}`);
    this.name = "InternalError";
  }
}

/** Prints one dim as TypeScript prints it in a tuple. Mirrors `PrintDim` in types/internal/print.ts. */
export function formatDim(dim: Dim): string {
  return typeof dim === "string" ? `'${dim}'` : String(dim);
}

/** Prints a shape as TypeScript prints a tuple: `[2, 3]`, `[]`, `['batch', 784]`. Mirrors `PrintShape`. */
export function formatShape(shape: readonly Dim[]): string {
  if (!Array.isArray(shape)) return String(shape);
  return `[${shape.map(formatDim).join(", ")}]`;
}

/** Builds and returns (does not throw) a ShapeError with the given, already written, message. */
export function shapeError(code: ShapeErrorCode, op: string, shapes: readonly (readonly Dim[])[], message: string): ShapeError {
  return new ShapeError(code, op, shapes, message);
}

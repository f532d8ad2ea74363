/**
 * Runtime shape basics: validation and the invalid-shape message. Mirrors types/internal/dims.ts.
 */
import type { Dim, Shape } from "../types/shape.js";
import { InputError, ShapeError, formatDim, formatShape } from "./errors.js";

export type { Dim, Shape } from "../types/shape.js";

/**
 * `SHAPE_INVALID_SHAPE: op: invalid shape [2, -1]: dim -1 is not a non-negative integer`.
 * Mirrors `WriteInvalidShapeMessage`.
 */
export function writeInvalidShapeMessage(op: string, shape: readonly Dim[], bad: Dim): string {
  return writeInvalidShapeText(op, formatShape(shape), formatDim(bad), isBadName(bad));
}

/**
 * The text of `writeInvalidShapeMessage` from the shape and dim as printed: also for user input that
 * no type admits (a `null` dim, a shape too long to print whole), which has no compile-time twin.
 */
function writeInvalidShapeText(op: string, shapeText: string, dimText: string, badName: boolean): string {
  const what = badName ? "is not a valid name (a name is not empty and has no quote or backslash)" : "is not a non-negative integer";
  return `SHAPE_INVALID_SHAPE: ${op}: invalid shape ${shapeText}: dim ${dimText} ${what}`;
}

/** A string that cannot be a name: empty, or holding a quote or a backslash. Mirrors `BadName`. */
function isBadName(dim: unknown): boolean {
  return typeof dim === "string" && (dim.length === 0 || /["'\\]/.test(dim));
}

/** `true` for a valid dim: a non-negative safe integer, or a non-empty symbolic name. */
export function isValidDim(dim: unknown): dim is Dim {
  if (typeof dim === "number") return Number.isSafeInteger(dim) && dim >= 0;
  return typeof dim === "string" && dim.length > 0 && !/["'\\]/.test(dim);
}

/**
 * Checks that `shape` is an array of valid dims and returns it; throws `SHAPE_INVALID_SHAPE` otherwise
 * (a negative, fractional, NaN or infinite dim, a non-array, an empty or quoted symbolic name).
 */
export function validateShape(op: string, shape: unknown): Shape {
  if (!Array.isArray(shape)) {
    throw new ShapeError("SHAPE_INVALID_SHAPE", op, [], `SHAPE_INVALID_SHAPE: ${op}: invalid shape ${describe(shape)}: a shape is an array of dims`);
  }
  for (let index = 0; index < shape.length; index++) {
    const dim: unknown = shape[index];
    if (!isValidDim(dim)) throw invalidShapeError(op, shape, dim);
  }
  return shape as Shape;
}

/**
 * The `SHAPE_INVALID_SHAPE` error for `shape` (an array given by the user) and its first bad entry
 * `bad`. Numbers and strings print as the type level prints them (`writeInvalidShapeMessage`); any
 * other value prints as itself (`null`, `2n`, `{…}`), never as a quoted name, and never throws.
 */
export function invalidShapeError(op: string, shape: readonly unknown[], bad: unknown): ShapeError {
  const shown = shape.map((d) => (typeof d === "number" || typeof d === "string" ? d : safeString(d)));
  if (typeof bad === "number" || typeof bad === "string") {
    if (shape.every((d) => typeof d === "number" || typeof d === "string") && shape.length <= MAX_SHOWN_DIMS) {
      return new ShapeError("SHAPE_INVALID_SHAPE", op, [shown], writeInvalidShapeMessage(op, shown, bad));
    }
  }
  return new ShapeError("SHAPE_INVALID_SHAPE", op, [shown], writeInvalidShapeText(op, showList(shape), showDim(bad), isBadName(bad)));
}

/** The most dims a message prints before eliding the rest. */
const MAX_SHOWN_DIMS = 64;

/** A user-given list (a shape, axes) as a message prints it: dims as the type level prints them, anything else as itself; long lists elided. */
export function showList(list: readonly unknown[]): string {
  const shown: string[] = [];
  const count = Math.min(list.length, MAX_SHOWN_DIMS);
  for (let index = 0; index < count; index++) shown.push(showDim(list[index]));
  if (list.length > count) shown.push(`… ${list.length - count} more`);
  return `[${shown.join(", ")}]`;
}

/** One user-given dim (or axis) for a message: a number or name as `formatDim` prints it, anything else as `describeValue` does. */
function showDim(value: unknown): string {
  return typeof value === "number" || typeof value === "string" ? formatDim(value) : describeValue(value);
}

/**
 * Any value, briefly, for an error message; never throws (a cyclic object, a symbol, an object
 * without a prototype are all fine): `null`, `undefined`, `true`, `1.5`, `NaN`, `2n`, `"text"`
 * (quoted, cut after 40 characters), `[…]` (an array), `{…}` (any other object), `a function`,
 * `Symbol(x)`.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case "symbol":
      return value.toString();
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      return Array.isArray(value) ? "[…]" : "{…}";
  }
}

/** `String(value)`, or `Object.prototype.toString` when `String` throws (an object without a prototype). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return safeString(value);
  return Object.prototype.toString.call(value);
}

/**
 * The number of elements of a shape of known sizes. Throws `INPUT_TOO_LARGE` when it is above
 * 2^53 − 1 (a count a number cannot hold exactly, and no storage can): no tensor or view may have
 * that many elements. `op` and `what` name the caller and the argument in that message.
 * @throws InputError `INPUT_TOO_LARGE`
 */
export function sizeOf(shape: readonly number[], op = "size", what = "shape"): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  // With every dim a safe integer, the rounded product is above 2^53 − 1 exactly when the true one
  // is; NaN (an overflow to Infinity times a 0 dim) and any zero dim mean no elements.
  if (!(size <= Number.MAX_SAFE_INTEGER)) {
    if (shape.includes(0)) return 0;
    throw tooManyElements(op, what, shape);
  }
  return size;
}

/** The exact element count of a shape, as a BigInt (for messages). */
function exactCount(shape: readonly number[]): bigint {
  let count = 1n;
  for (const dim of shape) count *= Number.isSafeInteger(dim) ? BigInt(dim) : 0n;
  return count;
}

/** `INPUT_TOO_LARGE: reshape: x has shape [134217728, 134217728]: 18014398509481984 elements, more than 9007199254740991 (2^53 − 1), …`. */
function tooManyElements(op: string, what: string, shape: readonly number[]): InputError {
  return new InputError(
    "INPUT_TOO_LARGE",
    `${op}: ${what} ${formatShape(shape)}: ${exactCount(shape)} elements, more than 9007199254740991 (2^53 − 1), the most a tensor may have`,
  );
}

/** `shape` with its last two axes swapped; a shape of rank below 2 as it is. Mirrors `SwapLastTwo`. */
export function swapLastTwoDims(shape: readonly Dim[]): Dim[] {
  const out = [...shape];
  if (out.length >= 2) [out[out.length - 2], out[out.length - 1]] = [out[out.length - 1]!, out[out.length - 2]!];
  return out;
}

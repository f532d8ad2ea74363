/**
 * Runtime shape basics: validation and the invalid-shape message. Mirrors types/internal/dims.ts.
 */
import type { Dim, Shape } from "../types/shape.js";
import { ShapeError, formatDim, formatShape } from "./errors.js";

export type { Dim, Shape } from "../types/shape.js";

/**
 * `SHAPE_INVALID_SHAPE: op: invalid shape [2, -1]: dim -1 is not a non-negative integer`.
 * Mirrors `WriteInvalidShapeMessage`.
 */
export function writeInvalidShapeMessage(op: string, shape: readonly Dim[], bad: Dim): string {
  const what = isBadName(bad) ? "is not a valid name (a name is not empty and has no quote or backslash)" : "is not a non-negative integer";
  return `SHAPE_INVALID_SHAPE: ${op}: invalid shape ${formatShape(shape)}: dim ${formatDim(bad)} ${what}`;
}

/** A string that cannot be a name: empty, or holding a quote or a backslash. Mirrors `BadName`. */
function isBadName(dim: unknown): boolean {
  return typeof dim === "string" && (dim.length === 0 || /["\\]/.test(dim));
}

/** `true` for a valid dim: a non-negative safe integer, or a non-empty symbolic name. */
export function isValidDim(dim: unknown): dim is Dim {
  if (typeof dim === "number") return Number.isSafeInteger(dim) && dim >= 0;
  return typeof dim === "string" && dim.length > 0 && !/["\\]/.test(dim);
}

/**
 * Checks that `shape` is an array of valid dims and returns it; throws `SHAPE_INVALID_SHAPE` otherwise
 * (a negative, fractional, NaN or infinite dim, a non-array, an empty or quoted symbolic name).
 */
export function validateShape(op: string, shape: unknown): Shape {
  if (!Array.isArray(shape)) {
    throw new ShapeError("SHAPE_INVALID_SHAPE", op, [], `SHAPE_INVALID_SHAPE: ${op}: invalid shape ${describe(shape)}: a shape is an array of dims`);
  }
  for (const dim of shape) {
    if (!isValidDim(dim)) {
      const shown = shape.map((d) => (typeof d === "number" || typeof d === "string" ? d : String(d)));
      throw new ShapeError("SHAPE_INVALID_SHAPE", op, [shown], writeInvalidShapeMessage(op, shown, typeof dim === "number" || typeof dim === "string" ? dim : String(dim)));
    }
  }
  return shape as Shape;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  return Object.prototype.toString.call(value);
}

/** The number of elements of a shape of known sizes. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

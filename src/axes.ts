/**
 * Axis arithmetic at run time: normalising negative axes, range and duplicate checks. Mirrors
 * types/internal/axes.ts message for message.
 */
import type { Shape } from "../types/shape.js";
import { ShapeError, formatShape } from "./errors.js";

/** `[a, b, c]` as the type level prints an axis list. Mirrors `PrintAxes`. */
export function formatAxes(axes: readonly number[]): string {
  return `[${axes.map(String).join(", ")}]`;
}

/** Mirrors `WriteAxisRangeMessage`; `positions` is the count of valid axis positions. */
export function writeAxisRangeMessage(op: string, shape: Shape, axis: number, positions: number): string {
  return positions > 0
    ? `SHAPE_AXIS: ${op}: axis ${axis} is out of range for ${formatShape(shape)}: valid axes are integers from -${positions} to ${positions - 1}`
    : `SHAPE_AXIS: ${op}: axis ${axis} is out of range for ${formatShape(shape)}: a scalar has no axes`;
}

/** Mirrors `WriteDuplicateAxisMessage`. */
export function writeDuplicateAxisMessage(op: string, shape: Shape, axes: readonly number[], axis: number): string {
  return `SHAPE_AXIS: ${op}: axes ${formatAxes(axes)} name axis ${axis} twice for ${formatShape(shape)}; each axis may appear once`;
}

/**
 * The non-negative index of `axis` among `positions` valid positions (default: the rank of `shape`);
 * negative axes count from the end. Throws `SHAPE_AXIS` when out of range or not an integer.
 */
export function normalizeAxis(op: string, shape: Shape, axis: number, positions: number = shape.length): number {
  if (Number.isInteger(axis) && axis >= -positions && axis < positions) return axis < 0 ? axis + positions : axis;
  throw new ShapeError("SHAPE_AXIS", op, [shape], writeAxisRangeMessage(op, shape, axis, positions));
}

/** Normalises each axis in order and rejects duplicates (`SHAPE_AXIS`). */
export function normalizeAxes(op: string, shape: Shape, axes: readonly number[]): number[] {
  const out: number[] = [];
  for (const axis of axes) {
    const index = normalizeAxis(op, shape, axis);
    if (out.includes(index)) throw new ShapeError("SHAPE_AXIS", op, [shape], writeDuplicateAxisMessage(op, shape, axes, index));
    out.push(index);
  }
  return out;
}

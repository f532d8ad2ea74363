/**
 * Equal-shape checks at run time, for the ops that do not broadcast (`mseLoss`, `layerNorm`, and
 * shapecheck/tfjs's losses with their own message tail).
 * Mirrors types/ops/same-shape.ts message for message.
 */
import type { Shape } from "../../types/shape.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";

/** Mirrors `WriteSameShapeMessage`. */
export function writeSameShapeMessage(op: string, leftName: string, left: Shape, rightName: string, right: Shape, detail: string, tail = `${op} does not broadcast`): string {
  return `SHAPE_MISMATCH: ${op}: ${leftName} ${formatShape(left)} and ${rightName} ${formatShape(right)} must have the same shape: ${detail}; ${tail}`;
}

/** Mirrors `WriteTrailingShapeMessage`. */
export function writeTrailingShapeMessage(op: string, shape: Shape, normalized: Shape, detail: string): string {
  return `SHAPE_MISMATCH: ${op}: normalized shape ${formatShape(normalized)} does not match the trailing dims of ${formatShape(shape)}: ${detail}`;
}

/** Throws `SHAPE_MISMATCH` unless `left` and `right` are the same shape (rank first, then the first differing axis). */
export function checkShapesEqual(op: string, leftName: string, left: Shape, rightName: string, right: Shape, tail?: string): void {
  const fail = (detail: string) => new ShapeError("SHAPE_MISMATCH", op, [left, right], writeSameShapeMessage(op, leftName, left, rightName, right, detail, tail));
  if (left.length !== right.length) throw fail(`rank ${left.length} vs ${right.length}`);
  for (let axis = 0; axis < left.length; axis++) {
    if (left[axis] !== right[axis]) throw fail(`axis ${axis} is ${formatDim(left[axis]!)} vs ${formatDim(right[axis]!)}`);
  }
}

/** Throws `SHAPE_MISMATCH` unless the last dims of `shape` are `normalized` (from the end, then the rank). */
export function checkTrailingDims(op: string, shape: Shape, normalized: Shape): void {
  const fail = (detail: string) => new ShapeError("SHAPE_MISMATCH", op, [shape, normalized], writeTrailingShapeMessage(op, shape, normalized, detail));
  for (let k = 1; k <= normalized.length; k++) {
    if (k > shape.length) throw fail(`the input has rank ${shape.length}, the normalized shape ${normalized.length}`);
    const dim = shape[shape.length - k]!;
    const expected = normalized[normalized.length - k]!;
    if (dim !== expected) throw fail(`axis -${k} is ${formatDim(dim)} vs ${formatDim(expected)}`);
  }
}

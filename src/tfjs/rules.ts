/**
 * The runtime shape rules of `shapecheck/tfjs` where TensorFlow.js's semantics differ from the
 * built-in ops' (NumPy's): matMul's rank and transpose flags, softmax's last-axis limit, the losses'
 * same-shape rule, gather, oneHot. Everything else reuses the built-in rules (src/ops/*) as they
 * are, so their messages are byte-identical. Mirrors types/tfjs/rules.ts message for message. Pure
 * functions on shapes: nothing here imports tfjs.
 */
import type { Dim, Shape } from "../../types/shape.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { normalizeAxis } from "../axes.js";
import { matmulShapeFor } from "../ops/matmul.js";

/** Mirrors `WriteTfMatMulRankMessage`. */
export function writeTfMatMulRankMessage(left: Shape, right: Shape, side: "left" | "right"): string {
  return `SHAPE_MATMUL: matMul: cannot multiply ${formatShape(left)} by ${formatShape(right)}: the ${side} operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)`;
}

/** `shape` with its last two axes swapped (what a transpose flag multiplies). */
export function swapLastTwo(shape: Shape): Dim[] {
  const out = [...shape];
  if (out.length >= 2) [out[out.length - 2], out[out.length - 1]] = [out[out.length - 1]!, out[out.length - 2]!];
  return out;
}

/**
 * The shape of tfjs's `matMul(a, b, transposeA, transposeB)`: both operands need at least 2 axes
 * (tfjs does not promote vectors as NumPy does); the flags swap an operand's last two axes; then the
 * built-in rule (inner dims equal, batch dims broadcast) on the operands as multiplied, with its
 * messages (op `matmul`).
 * @example
 * tfMatMulShape([64, 784], [128, 784], false, true); //=> [64, 128]
 * @throws ShapeError `SHAPE_MATMUL`, `SHAPE_BROADCAST`
 */
export function tfMatMulShape(left: Shape, right: Shape, transposeA = false, transposeB = false): Dim[] {
  if (left.length === 1 && right.length !== 0) throw new ShapeError("SHAPE_MATMUL", "matMul", [left, right], writeTfMatMulRankMessage(left, right, "left"));
  if (right.length === 1 && left.length !== 0) throw new ShapeError("SHAPE_MATMUL", "matMul", [left, right], writeTfMatMulRankMessage(left, right, "right"));
  return matmulShapeFor("matmul", transposeA ? swapLastTwo(left) : left, transposeB ? swapLastTwo(right) : right);
}

/** Mirrors `WriteTfLastAxisMessage`. */
export function writeTfLastAxisMessage(op: string, shape: Shape, axis: number): string {
  return `SHAPE_AXIS: ${op}: axis ${axis} of ${formatShape(shape)} is not the last axis; tfjs computes ${op} only along the last axis (transpose that axis to the end first)`;
}

/**
 * tfjs's softmax/logSoftmax axis: in range (the built-in `SHAPE_AXIS` message), and the last one.
 * @example
 * tfSoftmaxAxis("softmax", [2, 3], -1); //=> 1
 * @throws ShapeError `SHAPE_AXIS`
 */
export function tfSoftmaxAxis(op: string, shape: Shape, axis = -1): number {
  const index = normalizeAxis(op, shape, axis);
  if (index !== shape.length - 1) throw new ShapeError("SHAPE_AXIS", op, [shape], writeTfLastAxisMessage(op, shape, axis));
  return index;
}

/** Mirrors `WriteSameShapeMessage`. */
export function writeSameShapeMessage(op: string, leftName: string, rightName: string, left: Shape, right: Shape, detail: string): string {
  return `SHAPE_MISMATCH: ${op}: ${leftName} ${formatShape(left)} and ${rightName} ${formatShape(right)} must have the same shape: ${detail}; tfjs does not broadcast them`;
}

/**
 * Checks that two shapes are equal (tfjs's losses do not broadcast labels against predictions):
 * the rank first, then the first axis that differs.
 * @example
 * checkSameShape("meanSquaredError", "labels", "predictions", [8, 1], [8, 1]); //=> undefined
 * @throws ShapeError `SHAPE_MISMATCH`
 */
export function checkSameShape(op: string, leftName: string, rightName: string, left: Shape, right: Shape): void {
  let detail: string | undefined;
  if (left.length !== right.length) detail = `rank ${left.length} vs ${right.length}`;
  else {
    const axis = left.findIndex((dim, index) => dim !== right[index]);
    if (axis >= 0) detail = `axis ${axis} is ${formatDim(left[axis]!)} vs ${formatDim(right[axis]!)}`;
  }
  if (detail !== undefined) throw new ShapeError("SHAPE_MISMATCH", op, [left, right], writeSameShapeMessage(op, leftName, rightName, left, right, detail));
}

/**
 * The shape of `gather(x, indices, axis)`: `x.shape[:axis] + indices.shape + x.shape[axis + 1:]`.
 * @example
 * gatherShape([10, 4], [3], 0); //=> [3, 4]
 * @throws ShapeError `SHAPE_AXIS`
 */
export function gatherShape(shape: Shape, indices: Shape, axis = 0, op = "gather"): Dim[] {
  const index = normalizeAxis(op, shape, axis);
  return [...shape.slice(0, index), ...indices, ...shape.slice(index + 1)];
}

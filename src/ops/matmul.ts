/**
 * Matrix product: the shape rule `matmulShape`, the kernel, the gradient rule, `matmul()` and
 * `Tensor#matmul`. Mirrors types/ops/matmul.ts rule for rule and message for message.
 *
 * NumPy's `@`: 1-D operands are promoted (`[k]` on the left to `[1, k]`, on the right to `[k, 1]`) and
 * the promoted axis is removed from the result; the inner dims must be equal; the batch dims (all but
 * the last two) broadcast with the one broadcasting rule of src/ops/broadcast.ts. Scalars are rejected.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckArg } from "../../types/errors.js";
import type { CheckShape } from "../../types/creation.js";
import type { MatmulShape } from "../../types/ops/matmul.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { validateShape } from "../shape.js";
import { broadcastPair } from "./broadcast.js";

type InnerKind = "known" | "symbols" | "symbol-known";

/** The hint that ends an inner-dim message. Mirrors `InnerHint`. */
function innerHint(kind: InnerKind, left: Dim, right: Dim, rightRank: number): string {
  if (kind === "known") {
    return rightRank === 1
      ? "the left's last axis must equal the right's length"
      : "the left's last axis must equal the right's second-to-last (transpose one of them?)";
  }
  if (kind === "symbols") return "different names may be different sizes (state that they are equal with .as())";
  return `a named dim may not be ${formatDim(typeof left === "number" ? left : right)} (state its size with .as())`;
}

/** Mirrors `WriteMatmulMessage`. */
export function writeMatmulMessage(op: string, left: Shape, right: Shape, leftDim: Dim, rightDim: Dim, kind: InnerKind): string {
  return `SHAPE_MATMUL: ${op}: cannot multiply ${formatShape(left)} by ${formatShape(right)}: inner dims ${formatDim(leftDim)} vs ${formatDim(rightDim)}; ${innerHint(kind, leftDim, rightDim, right.length)}`;
}

/** Mirrors `WriteMatmulScalarMessage`. */
export function writeMatmulScalarMessage(op: string, left: Shape, right: Shape, side: "left" | "right"): string {
  return `SHAPE_MATMUL: ${op}: cannot multiply ${formatShape(left)} by ${formatShape(right)}: the ${side} operand is a scalar; matmul needs at least one axis on each side (mul scales by a scalar)`;
}

/** Mirrors `WriteMatmulBatchMessage`. */
export function writeMatmulBatchMessage(op: string, left: Shape, right: Shape, axis: number, detail: string): string {
  return `SHAPE_BROADCAST: ${op}: cannot broadcast the batch dims of ${formatShape(left)} and ${formatShape(right)}: axis -${axis} is ${detail}`;
}

/** Throws the inner-dim error when the inner dims differ. */
function checkInner(op: string, left: Shape, right: Shape, leftDim: Dim, rightDim: Dim): void {
  if (leftDim === rightDim) return;
  const kind: InnerKind =
    typeof leftDim === "string"
      ? typeof rightDim === "string"
        ? "symbols"
        : "symbol-known"
      : typeof rightDim === "string"
        ? "symbol-known"
        : "known";
  throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulMessage(op, left, right, leftDim, rightDim, kind));
}

/**
 * The broadcast batch dims, through the one broadcasting rule; its clash message is restated for the
 * whole operands (the batch axis -k is axis -(k + 2) of both).
 */
function batchDims(op: string, left: Shape, right: Shape, leftBatch: Shape, rightBatch: Shape): Dim[] {
  if (leftBatch.length === 0) return [...rightBatch];
  if (rightBatch.length === 0) return [...leftBatch];
  try {
    return broadcastPair(op, leftBatch, rightBatch);
  } catch (error) {
    const prefix = `SHAPE_BROADCAST: ${op}: cannot broadcast ${formatShape(leftBatch)} with ${formatShape(rightBatch)}: axis -`;
    if (!(error instanceof ShapeError) || !error.message.startsWith(prefix)) throw error;
    const rest = error.message.slice(prefix.length);
    const cut = rest.indexOf(" is ");
    const axis = Number(rest.slice(0, cut)) + 2;
    throw new ShapeError("SHAPE_BROADCAST", op, [left, right], writeMatmulBatchMessage(op, left, right, axis, rest.slice(cut + 4)));
  }
}

/** `matmulShape` without the static typing, for internal callers; `op` names the caller in messages. */
export function matmulShapeFor(op: string, left: Shape, right: Shape): Dim[] {
  validateShape(op, left);
  validateShape(op, right);
  if (left.length === 0) throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulScalarMessage(op, left, right, "left"));
  if (right.length === 0) throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulScalarMessage(op, left, right, "right"));
  const leftInner = left[left.length - 1]!;
  const rightInner = right.length === 1 ? right[0]! : right[right.length - 2]!;
  checkInner(op, left, right, leftInner, rightInner);
  if (left.length === 1) return right.length === 1 ? [] : [...right.slice(0, -2), right[right.length - 1]!];
  const rows = left[left.length - 2]!;
  if (right.length === 1) return [...left.slice(0, -2), rows];
  return [...batchDims(op, left, right, left.slice(0, -2), right.slice(0, -2)), rows, right[right.length - 1]!];
}

/**
 * The shape of `left @ right` (NumPy's `matmul`): a 1-D operand is promoted to a matrix and the
 * promoted axis removed from the result, the inner dims must be equal, the batch dims broadcast.
 * @example
 * matmulShape([8, 1, 3, 4], [5, 4, 2]); //=> [8, 5, 3, 2]
 * matmulShape([3, 4], [4]); //=> [3]
 * matmulShape([2, 3], [4, 5]); //=> throws SHAPE_MATMUL
 * @throws ShapeError `SHAPE_MATMUL` (inner dims differ, a scalar operand), `SHAPE_BROADCAST` (batch
 * dims), `SHAPE_INVALID_SHAPE`
 */
export function matmulShape<const Left extends Dim[], const Right extends Dim[]>(
  left: Left & CheckShape<"matmulShape", Left>,
  right: Right & CheckArg<MatmulShape<Left, Right>>,
): MatmulShape<Left, Right> {
  return matmulShapeFor("matmulShape", left, right) as never;
}

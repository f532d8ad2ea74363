/**
 * Broadcasting at run time: `broadcastShapes`, `broadcastToShape`, `reductionAxes`. Mirrors
 * types/ops/broadcast.ts rule for rule; each function is typed with its type rule, so a call with
 * known shapes that cannot broadcast is already a compile error at the offending argument.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { BroadcastArgs, BroadcastShapes, BroadcastToShape, ReductionAxes } from "../../types/ops/broadcast.js";
import type { CheckArg } from "../../types/errors.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { validateShape } from "../shape.js";

type ClashKind = "known" | "symbols" | "symbol-known";

/** Why two dims (not equal, neither 1) do not broadcast. Mirrors the `Clash` kinds of `BroadcastDim`. */
function clashKind(left: Dim, right: Dim): ClashKind {
  if (typeof left === "string") return typeof right === "string" ? "symbols" : "symbol-known";
  return typeof right === "string" ? "symbol-known" : "known";
}

/** The hint that ends a clash message. Mirrors `ClashHint`. */
function clashHint(kind: ClashKind, left: Dim, right: Dim, knownHint: string): string {
  if (kind === "known") return knownHint;
  if (kind === "symbols") return "different names may be different sizes (state that they are equal with .as())";
  return `a named dim may not be ${formatDim(typeof left === "number" ? left : right)} (state its size with .as())`;
}

/** Mirrors `WriteBroadcastMessage`. */
export function writeBroadcastMessage(op: string, left: Shape, right: Shape, axis: number, leftDim: Dim, rightDim: Dim, kind: ClashKind): string {
  return `SHAPE_BROADCAST: ${op}: cannot broadcast ${formatShape(left)} with ${formatShape(right)}: axis -${axis} is ${formatDim(leftDim)} vs ${formatDim(rightDim)}; ${clashHint(kind, leftDim, rightDim, "each axis must be equal or 1 (unsqueeze adds a size-1 axis)")}`;
}

/** Mirrors `WriteBroadcastToMessage`. */
export function writeBroadcastToMessage(op: string, from: Shape, to: Shape, axis: number, fromDim: Dim, toDim: Dim, kind: ClashKind): string {
  return `SHAPE_BROADCAST_TO: ${op}: cannot broadcast ${formatShape(from)} to ${formatShape(to)}: axis -${axis} is ${formatDim(fromDim)} vs ${formatDim(toDim)}; ${clashHint(kind, fromDim, toDim, "only size-1 axes can be stretched")}`;
}

/** Mirrors `WriteBroadcastToRankMessage`. */
export function writeBroadcastToRankMessage(op: string, from: Shape, to: Shape): string {
  return `SHAPE_BROADCAST_TO: ${op}: cannot broadcast ${formatShape(from)} to ${formatShape(to)}: it has ${from.length} axes, the target ${to.length}; broadcasting only adds leading axes`;
}

/** Broadcasts two valid shapes; `op` names the caller in the message. Internal: no validation. */
export function broadcastPair(op: string, left: Shape, right: Shape): Dim[] {
  const rank = Math.max(left.length, right.length);
  const out: Dim[] = new Array(rank);
  for (let k = 1; k <= rank; k++) {
    const l = k <= left.length ? left[left.length - k]! : 1;
    const r = k <= right.length ? right[right.length - k]! : 1;
    if (k > left.length) out[rank - k] = r;
    else if (k > right.length) out[rank - k] = l;
    else if (l === r || r === 1) out[rank - k] = l;
    else if (l === 1) out[rank - k] = r;
    else throw new ShapeError("SHAPE_BROADCAST", op, [left, right], writeBroadcastMessage(op, left, right, k, l, r, clashKind(l, r)));
  }
  return out;
}

/** n-ary broadcast with validation; `op` names the caller in messages. */
export function broadcastShapesFor(op: string, shapes: readonly Shape[]): Dim[] {
  let acc: Dim[] = [];
  for (const shape of shapes) acc = broadcastPair(op, acc, validateShape(op, shape));
  return acc;
}

/**
 * The NumPy broadcast of any number of shapes (none → `[]`): align on the right, missing axes count
 * as 1; per axis equal dims stay, `1` stretches to the other side, anything else is an error.
 * Symbolic dims broadcast only against the same name or `1`.
 * @example
 * broadcastShapes([8, 1, 6, 1], [7, 1, 5]); //=> [8, 7, 6, 5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_INVALID_SHAPE`
 */
export function broadcastShapes<const Shapes extends Shape[]>(
  ...shapes: BroadcastArgs<Shapes, "broadcastShapes">
): BroadcastShapes<Shapes> {
  return broadcastShapesFor("broadcastShapes", shapes as readonly Shape[]) as never;
}

/** One-way broadcast with an op name for messages. */
export function broadcastToShapeFor(op: string, from: Shape, to: Shape): Dim[] {
  validateShape(op, from);
  validateShape(op, to);
  if (from.length > to.length) throw new ShapeError("SHAPE_BROADCAST_TO", op, [from, to], writeBroadcastToRankMessage(op, from, to));
  for (let k = 1; k <= from.length; k++) {
    const f = from[from.length - k]!;
    const t = to[to.length - k]!;
    if (f === t || f === 1) continue;
    throw new ShapeError("SHAPE_BROADCAST_TO", op, [from, to], writeBroadcastToMessage(op, from, to, k, f, t, clashKind(f, t)));
  }
  return [...to];
}

/**
 * One-way broadcast: `from` stretched to `to` (size-1 axes stretch, leading axes are added); what
 * `broadcastTo`, in-place updates and gradient reduction need.
 * @example
 * broadcastToShape([3, 1], [2, 3, 4]); //=> [2, 3, 4]
 * @throws ShapeError `SHAPE_BROADCAST_TO`, `SHAPE_INVALID_SHAPE`
 */
export function broadcastToShape<const From extends Dim[], const To extends Dim[]>(
  from: From,
  to: To & CheckArg<BroadcastToShape<From, To>>,
): BroadcastToShape<From, To> {
  return broadcastToShapeFor("broadcastToShape", from, to) as never;
}

/** `reductionAxes` without the static typing, for internal callers (gradient reduction). */
export function reductionAxesFor(operand: Shape, out: Shape): number[] {
  broadcastToShapeFor("reductionAxes", operand, out);
  const axes: number[] = [];
  const lead = out.length - operand.length;
  for (let axis = 0; axis < out.length; axis++) {
    if (axis < lead || (operand[axis - lead] === 1 && out[axis] !== 1)) axes.push(axis);
  }
  return axes;
}

/**
 * The axes of `out` over which the gradient of an operand of shape `operand` is summed after it was
 * broadcast to `out`: the prepended axes and the axes stretched from 1, ascending (TF.js's
 * `getReductionAxes` order). Summing over them and reshaping to `operand` undoes the broadcast.
 * @example
 * reductionAxes([4, 1, 3], [4, 5, 3]); //=> [1]
 * @throws ShapeError `SHAPE_BROADCAST_TO` when `operand` does not broadcast to `out`
 */
export function reductionAxes<const Operand extends Dim[], const Out extends Dim[]>(
  operand: Operand,
  out: Out & CheckArg<ReductionAxes<Operand, Out>>,
): ReductionAxes<Operand, Out> {
  return reductionAxesFor(operand, out) as never;
}

/**
 * Broadcasting at run time: `broadcastShapes`, `broadcastToShape`, `reductionAxes`. Mirrors
 * types/ops/broadcast.ts rule for rule; each function is typed with its type rule, so a call with
 * known shapes that cannot broadcast is already a compile error at the offending argument.
 */
import type { CheckedArg, RuntimeDecidesArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { BroadcastArgs, BroadcastShapes, BroadcastToIdentityCheck, BroadcastToOf, BroadcastToResult, BroadcastToShape, ReductionAxes } from "../../types/ops/broadcast.js";
import type { ResultShape } from "../../types/errors.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { sizeOf, validateShape, swapLastTwoDims } from "../shape.js";
import { normalizeShape, validateSizes, alignedLabels } from "../symbolic.js";
import { Tensor, viewAs } from "../tensor.js";
import { record, type GradRule } from "../autograd.js";
import { reduce } from "./reduce.js";

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

/** Which operand, given a trailing size-1 axis (or its last two axes swapped), would broadcast. Mirrors `TrailingFixSide`. */
export type TrailingFixSide = "left" | "right" | "left-swap" | "right-swap" | "none";

/** Mirrors `WriteSwapFixHint`. */
export function writeSwapFixHint(operand: Shape): string {
  return `the last two axes look swapped; transpose(-1, -2) on ${formatShape(operand)} gives ${formatShape(swapLastTwoDims(operand))}, which broadcasts`;
}

/** Mirrors `WriteTrailingFixHint`. */
export function writeTrailingFixHint(operand: Shape): string {
  return `shapes align on the right; unsqueeze(-1) on ${formatShape(operand)} gives ${formatShape([...operand, 1])}, which broadcasts`;
}

/** Mirrors `WriteBroadcastMessage`. */
export function writeBroadcastMessage(op: string, left: Shape, right: Shape, axis: number, leftDim: Dim, rightDim: Dim, kind: ClashKind, fix: TrailingFixSide = "none"): string {
  const hint =
    fix === "right"
      ? writeTrailingFixHint(right)
      : fix === "left"
        ? writeTrailingFixHint(left)
        : fix === "right-swap"
          ? writeSwapFixHint(right)
          : fix === "left-swap"
            ? writeSwapFixHint(left)
            : clashHint(kind, leftDim, rightDim, "each axis must be equal or 1 (unsqueeze adds a size-1 axis)");
  return `SHAPE_BROADCAST: ${op}: cannot broadcast ${formatShape(left)} with ${formatShape(right)}: axis -${axis} is ${formatDim(leftDim)} vs ${formatDim(rightDim)}; ${hint}`;
}

/**
 * The likely fix of a clash: a trailing size-1 axis on the right (else the left) operand, then the
 * right (else the left) operand's last two axes swapped, each when the other side then broadcasts with
 * it keeping its rank. Mirrors `TrailingFix`.
 */
function trailingFix(left: Shape, right: Shape): TrailingFixSide {
  const fits = (a: Shape, b: Shape, rank: number) => {
    try {
      return broadcastPair("", a, b, false).length === rank;
    } catch {
      return false;
    }
  };
  if (fits(left, [...right, 1], left.length)) return "right";
  if (fits([...left, 1], right, right.length)) return "left";
  if (right.length >= 2 && fits(left, swapLastTwoDims(right), left.length)) return "right-swap";
  if (left.length >= 2 && fits(swapLastTwoDims(left), right, right.length)) return "left-swap";
  return "none";
}

/** Mirrors `WriteBroadcastToMessage`. */
export function writeBroadcastToMessage(op: string, from: Shape, to: Shape, axis: number, fromDim: Dim, toDim: Dim, kind: ClashKind): string {
  return `SHAPE_BROADCAST_TO: ${op}: cannot broadcast ${formatShape(from)} to ${formatShape(to)}: axis -${axis} is ${formatDim(fromDim)} vs ${formatDim(toDim)}; ${clashHint(kind, fromDim, toDim, "only size-1 axes can be stretched")}`;
}

/** Mirrors `WriteBroadcastToRankMessage`. */
export function writeBroadcastToRankMessage(op: string, from: Shape, to: Shape): string {
  return `SHAPE_BROADCAST_TO: ${op}: cannot broadcast ${formatShape(from)} to ${formatShape(to)}: it has ${from.length} axes, the target ${to.length}; broadcasting only adds leading axes`;
}

// ---------------------------------------------------------------------------------------------
// Strict broadcasting for the tensor ops

/** How the tensor ops broadcast: `"strict"` (the default) or plain `"numpy"`. */
export type BroadcastingMode = "strict" | "numpy";

/** The run-time setting; the compile-time one is `ShapecheckConfig` (types/config.ts). */
const settings: { broadcasting: BroadcastingMode } = { broadcasting: "strict" };

/**
 * Sets how the tensor ops broadcast at run time: `"strict"` (default) rejects an implicit outer
 * broadcast (`SHAPE_IMPLICIT_OUTER`), `"numpy"` allows it. Set the compile-time side to match by
 * augmenting `ShapecheckConfig` (see the README). Returns the previous setting.
 * @example
 * configure({ broadcasting: "strict" }); //=> { broadcasting: "strict" }
 */
export function configure(options: { readonly broadcasting?: BroadcastingMode }): { broadcasting: BroadcastingMode } {
  const previous = { broadcasting: settings.broadcasting };
  const mode = (options as { broadcasting?: unknown } | null)?.broadcasting;
  if (mode !== undefined) {
    if (mode !== "strict" && mode !== "numpy") throw new InputError("INPUT_VALUE", `configure: broadcasting must be "strict" or "numpy", got ${JSON.stringify(mode) ?? String(mode)}`);
    settings.broadcasting = mode;
  }
  return previous;
}

/**
 * `SHAPE_IMPLICIT_OUTER: sub: [3] with [4, 1] stretches both operands across ranks into the outer
 * [4, 3]; if that is meant, unsqueeze the lower-rank operand to [1, 3] first`.
 * Mirrors `WriteImplicitOuterMessage`.
 */
export function writeImplicitOuterMessage(op: string, left: Shape, right: Shape, out: Shape, lowerUnsqueezed: Shape): string {
  return `SHAPE_IMPLICIT_OUTER: ${op}: ${formatShape(left)} with ${formatShape(right)} stretches both operands across ranks into the outer ${formatShape(out)}; if that is meant, unsqueeze the lower-rank operand to ${formatShape(lowerUnsqueezed)} first`;
}

/**
 * The strict tensor ops' extra rule: an *implicit outer broadcast* — operands of different rank that
 * are both stretched (each has an axis, after left-padding with 1s, that is 1 where the result is
 * not: `[N] − [N, 1]` → `[N, N]`) — is `SHAPE_IMPLICIT_OUTER`, unless `configure({ broadcasting:
 * "numpy" })`. Only one operand stretched (`[B, D] + [D]`), equal ranks, scalars: as NumPy.
 */
export function checkImplicitOuter(op: string, left: readonly number[], right: readonly number[], out: readonly number[]): void {
  const unsqueezed = implicitOuter(left, right, out);
  if (unsqueezed !== undefined) throw new ShapeError("SHAPE_IMPLICIT_OUTER", op, [left, right], writeImplicitOuterMessage(op, left, right, out, unsqueezed));
}

/**
 * Where `left` and `right` broadcast to `out` by an implicit outer broadcast (and the run-time setting
 * is strict): the lower-rank one with the 1s it was padded with (what to unsqueeze it to); else
 * `undefined`. The rule of `checkImplicitOuter`, for the ops that word its error themselves (einsum's `...`).
 */
export function implicitOuter(left: Shape, right: Shape, out: Shape): Dim[] | undefined {
  if (settings.broadcasting === "numpy" || left.length === right.length || left.length === 0 || right.length === 0) return undefined;
  const stretched = (operand: Shape) => {
    const pad = out.length - operand.length;
    return out.some((size, axis) => size !== 1 && (axis < pad || operand[axis - pad] === 1));
  };
  if (!stretched(left) || !stretched(right)) return undefined;
  const lower = left.length < right.length ? left : right;
  return [...Array<Dim>(out.length - lower.length).fill(1), ...lower];
}

/**
 * Broadcasts two valid shapes; `op` names the caller in the message, `hint` whether a failure looks for
 * the trailing-axis fix (matmul's batch dims turn it off). Internal: no validation.
 */
export function broadcastPair(op: string, left: Shape, right: Shape, hint = true): Dim[] {
  const rank = Math.max(left.length, right.length);
  const out: Dim[] = new Array(rank);
  for (let k = 1; k <= rank; k++) {
    const l = k <= left.length ? left[left.length - k]! : 1;
    const r = k <= right.length ? right[right.length - k]! : 1;
    if (k > left.length) out[rank - k] = r;
    else if (k > right.length) out[rank - k] = l;
    else if (l === r || r === 1) out[rank - k] = l;
    else if (l === 1) out[rank - k] = r;
    else {
      const message = writeBroadcastMessage(op, left, right, k, l, r, clashKind(l, r), hint ? trailingFix(left, right) : "none");
      throw new ShapeError("SHAPE_BROADCAST", op, [left, right], message);
    }
  }
  return out;
}

/**
 * `broadcastPair` (no hint) for a rule that words a clash itself (matmul's batch dims, einsum's `...`):
 * `restate(axis, detail)` gets the clashing axis (`-k` counts from the end) and what follows
 * "axis -k is " in the broadcasting message (the two dims and the hint), and returns the error to throw.
 */
export function broadcastPairRestated(op: string, left: Shape, right: Shape, restate: (axis: number, detail: string) => ShapeError): Dim[] {
  try {
    return broadcastPair(op, left, right, false);
  } catch (error) {
    const prefix = `SHAPE_BROADCAST: ${op}: cannot broadcast ${formatShape(left)} with ${formatShape(right)}: axis -`;
    if (!(error instanceof ShapeError) || !error.message.startsWith(prefix)) throw error;
    const rest = error.message.slice(prefix.length);
    const cut = rest.indexOf(" is ");
    throw restate(Number(rest.slice(0, cut)), rest.slice(cut + 4));
  }
}

/** n-ary broadcast with validation; `op` names the caller in messages. */
export function broadcastShapesFor(op: string, shapes: readonly Shape[]): Dim[] {
  let acc: Dim[] = [];
  for (const shape of shapes) acc = broadcastPair(op, acc, normalizeShape(op, validateSizes(op, shape)));
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
  to: CheckedArg<To, BroadcastToShape<From, To>>,
): BroadcastToShape<From, To> {
  return broadcastToShapeFor("broadcastToShape", from as Shape, to as Shape) as never;
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
  out: CheckedArg<Out, ReductionAxes<Operand, Out>>,
): ReductionAxes<Operand, Out> {
  return reductionAxesFor(operand as Shape, out as Shape) as never;
}

// ---------------------------------------------------------------------------------------------
// The expand primitive and `broadcastTo` (tensors)

/**
 * The one "unbroadcast": the gradient of an operand that was expanded to its output's shape is the
 * upstream gradient summed over `reductionAxes(operand, out)` with the reduced axes kept, then
 * reshaped to the operand's shape (dropping the prepended axes). Every broadcasting op reaches it
 * through `expand`.
 */
const unbroadcast: GradRule = (g, [x]) => [
  viewAs(reduce("sum", g, reductionAxesFor(x.dims, g.dims), true), x.dims),
];

/**
 * Primitive: `x` as a view of `shape` (a broadcast of `x.shape` the caller has checked), stride 0 on
 * the prepended and stretched axes — no copy. `x` itself when the shapes are equal.
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const dims = x.dims;
  if (dims.length === shape.length && dims.every((dim, axis) => dim === shape[axis])) return x;
  const lead = shape.length - dims.length;
  const strides = shape.map((size, axis) => (axis < lead || (dims[axis - lead] === 1 && size !== 1) ? 0 : x.strides[axis - lead]));
  return record(new Tensor(x.data, [...shape], strides, x.offset), "expand", [x], unbroadcast, undefined, () => alignedLabels(shape, [x]));
}

/** The sizes of a `broadcastTo` target: a symbolic dim takes the size of the aligned axis of `from`. */
function resolveTarget(op: string, from: readonly number[], to: Shape): number[] {
  return to.map((dim, axis) => {
    if (typeof dim === "number") return dim;
    const aligned = from[from.length - to.length + axis];
    if (aligned !== undefined && aligned !== 1) return aligned;
    throw new InputError("INPUT_SYMBOLIC_SIZE", `${op}: the size of ${formatDim(dim)} in ${formatShape(to)} is not known at run time; give it as a number`);
  });
}

/**
 * `x` stretched to `shape` (one-way broadcasting: size-1 axes stretch, leading axes are added) as a
 * view with no copy. A symbolic target dim takes the size of the aligned axis of `x`. Gradient: the
 * upstream gradient summed over the stretched axes.
 * @example
 * broadcastTo(zeros([3, 1]), [2, 3, 4]).shape; //=> [2, 3, 4]
 * @throws ShapeError `SHAPE_BROADCAST_TO`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_TOO_LARGE` (more
 * than 2^53 − 1 elements)
 */
export function broadcastTo<S extends Shape, const To extends Dim[]>(
  x: Tensor<S>,
  shape: NoInfer<BroadcastToIdentityCheck<S, To, "broadcastTo">> & RuntimeDecidesArg<S, To, BroadcastToOf<S, To, "broadcastTo">>,
): Tensor<ResultShape<BroadcastToResult<S, To, "broadcastTo">>> {
  validateShape("broadcastTo", shape);
  const target = resolveTarget("broadcastTo", x.dims, shape as Shape);
  broadcastToShapeFor("broadcastTo", x.dims, target);
  sizeOf(target, "broadcastTo", "the target"); // a view, too, holds at most 2^53 − 1 elements
  return expand(x, target) as never;
}

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor stretched to `shape` (size-1 axes stretch, leading axes are added), as a view.
     * @example
     * zeros([3, 1]).broadcastTo([2, 3, 4]).shape; //=> [2, 3, 4]
     * @throws ShapeError `SHAPE_BROADCAST_TO`
     */
    broadcastTo: BroadcastToMethod;
  }
}

/**
 * The type of `Tensor#broadcastTo`: a property of a top-level function type, like the other methods,
 * so that reading `x.broadcastTo` does not instantiate the generic signature for every shape `x` has
 * (as a method of the interface it cost about 900 instantiations per call).
 */
type BroadcastToMethod = <Self extends Shape, const To extends Dim[]>(
  this: Tensor<Self>,
  shape: NoInfer<BroadcastToIdentityCheck<Self, To, "broadcastTo">> & RuntimeDecidesArg<Self, To, BroadcastToOf<Self, To, "broadcastTo">>,
) => Tensor<ResultShape<BroadcastToResult<Self, To, "broadcastTo">>>;

Tensor.prototype.broadcastTo = function (this: Tensor, shape: Dim[]) {
  return broadcastTo(this, shape as never);
} as never;

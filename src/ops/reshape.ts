/**
 * Reshaping: the shape rules `reshapeShape` and `flattenShape`, the reshape primitive (a view when
 * the layout allows, else a copy; gradient: reshape back), and `reshape()`, `flatten()` with their
 * methods. Mirrors types/ops/reshape.ts rule for rule and message for message (the rules are
 * documented there): element counts are compared as polynomials in normal form (src/symbolic.ts), a
 * `-1` is inferred by exact division.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedSizes } from "../../types/internal/symbolic.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { ResultShape, CheckedArg } from "../../types/errors.js";
import type { FlattenRangeCheck, FlattenRangeResult, FlattenRangeShape, FlattenShape, ReshapeIdentityCheck, ReshapeOf, ReshapeShape, UnflattenShape } from "../../types/ops/reshape.js";

import { InputError, InternalError, ShapeError, formatShape } from "../errors.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { invalidShapeError, isValidDim } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, contiguousStrides } from "../tensor.js";
import {
  compareSizes,
  dimPoly,
  bindSizes,
  boundSizes,
  labelledShape,
  labelsOf,
  divPolyByTerm,
  evaluatePoly,
  formatPoly,
  isTooLarge,
  parseSize,
  polyDim,
  samePoly,
  shapeSize,
  validateSizes,
  writeSizeExpressionMessage,
  type Poly,
  reshapedLabels,
} from "../symbolic.js";

/** Mirrors `WriteReshapeMessage`. */
export function writeReshapeMessage(op: string, from: Shape, to: Shape, fromCount: string, toCount: string): string {
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} (${fromCount} elements) to ${formatShape(to)} (${toCount} elements): element counts differ`;
}

/** Why a `-1` cannot be inferred. Mirrors `InferReason`. */
function inferReason(kind: "multiple" | "zero" | "large" | "symbolic", fromCount: string, value: string): string {
  if (kind === "multiple") return `-1 cannot be inferred: the other dims hold ${value} elements, and ${fromCount} is not a multiple of ${value}`;
  if (kind === "zero") return "-1 cannot be inferred: the other dims hold 0 elements, so any size would fit";
  if (kind === "large") return `-1 would be ${value}, above the largest safe integer 9007199254740991`;
  return `-1 cannot be inferred from symbolic sizes: ${fromCount} over ${value} has no simple quotient; write that dim out`;
}

/** Mirrors `WriteReshapeInferMessage`. */
export function writeReshapeInferMessage(
  op: string,
  from: Shape,
  to: Shape,
  fromCount: string,
  kind: "multiple" | "zero" | "large" | "symbolic",
  value: string,
): string {
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} (${fromCount} elements) to ${formatShape(to)}: ${inferReason(kind, fromCount, value)}`;
}

/** Mirrors `WriteReshapeTargetMessage`. */
export function writeReshapeTargetMessage(op: string, from: Shape, to: Shape, kind: "minus" | "negative", dim: number): string {
  const detail = kind === "minus" ? "only one dim can be -1 (inferred)" : `dim ${dim} is negative; sizes are non-negative, and -1 stands for the one inferred size`;
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} to ${formatShape(to)}: ${detail}`;
}

/**
 * Cancels identical dims between `source` and `target` (each target dim in order against the first
 * identical source dim): `[source left, target left, whether a cancelled dim was zero]`. Mirrors
 * `CancelSame`.
 */
function cancelSame(source: readonly Dim[], target: readonly Dim[]): [Dim[], Dim[], boolean] {
  const left = [...source];
  const kept: Dim[] = [];
  let zero = false;
  for (const dim of target) {
    const index = left.indexOf(dim);
    if (index < 0) {
      kept.push(dim);
      continue;
    }
    left.splice(index, 1);
    zero ||= dimPoly(dim)!.length === 0;
  }
  return [left, kept, zero];
}

/**
 * The count of `source` over the count of `target` (identical dims already cancelled; the divisor is
 * not zero): exact division by one term; for a sum, after cancelling dims equal in normal form.
 * `undefined` when it does not divide, `"stuck"` when the divisor is still a sum. Mirrors `Quotient`.
 */
function quotient(source: readonly Dim[], target: readonly Dim[], sourceCount: Poly, targetCount: Poly): Poly | undefined | "stuck" {
  if (targetCount.length === 1) return divPolyByTerm(sourceCount, targetCount[0]!);
  const left = [...source];
  const kept: Dim[] = [];
  for (const dim of target) {
    const index = typeof dim === "string" ? left.findIndex((d) => compareSizes(d, dim) === "equal") : -1;
    if (index >= 0) left.splice(index, 1);
    else kept.push(dim);
  }
  const divisor = shapeSize(kept)!;
  return divisor.length === 1 ? divPolyByTerm(shapeSize(left)!, divisor[0]!) : "stuck";
}

/**
 * The reshape rule with the op's name for messages: `to`, with its `-1` inferred. Accepts symbolic
 * dims on both sides; throws the mirrored `ShapeError`s. Mirrors `ReshapeShape` step by step: the
 * target scan, then identical dims cancelled, then the counts left compared or divided (the full
 * counts appear only in messages).
 */
export function reshapedFor(op: string, from: unknown, to: unknown): Dim[] {
  const source = validateSizes(op, from);
  if (!Array.isArray(to)) validateSizes(op, to); // throws: not a shape
  const target = to as readonly Dim[];
  let minus = -1;
  const known: Dim[] = [];
  for (let index = 0; index < target.length; index++) {
    const dim = target[index]!;
    if (dim === -1) {
      if (minus >= 0) throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeTargetMessage(op, source, target, "minus", -1));
      minus = index;
      continue;
    }
    if (typeof dim === "number" && Number.isInteger(dim) && dim < 0) {
      throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeTargetMessage(op, source, target, "negative", dim));
    }
    if (!isValidDim(dim)) throw invalidShapeError(op, target, dim);
    if (dimPoly(dim) === undefined) throw new ShapeError("SHAPE_INVALID_SHAPE", op, [target], writeSizeExpressionMessage(op, formatShape(target), dim as string));
    known.push(dim);
  }
  const countText = (shape: readonly Dim[]) => formatPoly(shapeSize(shape)!);
  const [left, kept, zero] = cancelSame(source, known);
  if (minus < 0) {
    if (zero || samePoly(shapeSize(left)!, shapeSize(kept)!)) return checkOrder(op, source, target, [...target]);
    throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeMessage(op, source, target, countText(source), countText(known)));
  }
  const fail = (kind: "multiple" | "zero" | "large" | "symbolic", value: string) =>
    new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeInferMessage(op, source, target, countText(source), kind, value));
  const targetCount = shapeSize(kept)!;
  if (zero || targetCount.length === 0) throw fail("zero", "0");
  const inferred = quotient(left, kept, shapeSize(left)!, targetCount);
  if (inferred === "stuck") throw fail("symbolic", countText(known));
  if (inferred === undefined) throw fail("multiple", countText(known));
  if (isTooLarge(inferred)) throw fail("large", formatPoly(inferred));
  const out = [...target];
  out[minus] = polyDim(inferred);
  return checkOrder(op, source, target, out);
}

/** Mirrors `WriteReshapeOrderMessage`. */
export function writeReshapeOrderMessage(op: string, from: Shape, to: Shape, early: string, late: string): string {
  return `SHAPE_RESHAPE_ORDER: ${op}: cannot reshape ${formatShape(from)} to ${formatShape(to)}: '${late}' comes after '${early}' in the source but before it in the target; a reshape keeps the elements in order, so moving an axis scrambles the data: split or merge axes with reshape, then move them with permute or transpose (or do both with rearrange)`;
}

/**
 * The named factors of each dim of a shape, in order: the names of a product (`"d*h"` → `d`, `h`,
 * in normal-form order), a sum as one factor (its normal form), nothing for a number. Mirrors
 * `FactorGroups`.
 */
function factorGroups(shape: readonly Dim[]): string[][] {
  return shape.map((dim) => {
    const poly = typeof dim === "string" ? parseSize(dim) : undefined;
    if (poly === undefined || poly.length === 0) return [];
    if (poly.length > 1) return [formatPoly(poly)];
    return poly[0]![0] === "" ? [] : poly[0]![0].split("*");
  });
}

/**
 * A reshape may split and merge axes but not reorder named ones: walking the target's named factors
 * (each used once on each side) in order, their positions in the source must not go back. Returns
 * `out`, or throws `SHAPE_RESHAPE_ORDER` naming the first factor that moved before one it followed.
 * Mirrors `CheckOrder`.
 */
function checkOrder(op: string, source: readonly Dim[], target: readonly Dim[], out: Dim[]): Dim[] {
  const from = factorGroups(source);
  const to = factorGroups(out);
  const count = (groups: string[][], name: string) => groups.reduce((n, group) => n + group.filter((f) => f === name).length, 0);
  let latest = -1;
  let latestName = "";
  for (const group of to) {
    let groupLatest = latest;
    let groupName = latestName;
    for (const name of group) {
      const position = from.findIndex((g) => g.includes(name));
      if (position < 0 || count(from, name) !== 1 || count(to, name) !== 1) continue;
      if (position < latest) throw new ShapeError("SHAPE_RESHAPE_ORDER", op, [source, target], writeReshapeOrderMessage(op, source, target, name, latestName));
      if (position > groupLatest) {
        groupLatest = position;
        groupName = name;
      }
    }
    latest = groupLatest;
    latestName = groupName;
  }
  return out;
}

/**
 * The shape `shape` takes when reshaped to `target`: `target`, with its one `-1` inferred. The element
 * counts must be equal — compared as products of dims, symbolic ones included, so
 * `["batch", 28, 28]` → `["batch", 784]` is fine and `["batch", 784]` → `["batch", 780]` is not.
 * @example
 * reshapeShape([2, 3, 4], [6, -1]); //=> [6, 4]
 * reshapeShape(["b", "s", 768], ["b", -1]); //=> ["b", "s*768"]
 * reshapeShape([2, 3], [4]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_RESHAPE` (counts differ; two `-1`s; a `-1` that cannot be inferred; a
 * negative dim), `SHAPE_INVALID_SHAPE`
 */
export function reshapeShape<const From extends Dim[], const To extends Dim[]>(
  shape: CheckedSizes<From, "reshapeShape", From>,
  target: CheckedArg<To, ReshapeShape<From, To>>,
): ReshapeShape<From, To> {
  return reshapedFor("reshapeShape", shape, target) as never;
}

/**
 * The shape of `shape` flattened: `[size]`, the reshape to `[-1]`.
 * @example
 * flattenShape([2, 3, 4]); //=> [24]
 * flattenShape(["batch", 28, 28]); //=> ["batch*784"]
 * @throws ShapeError `SHAPE_RESHAPE` (a size above 2^53 − 1), `SHAPE_INVALID_SHAPE`
 */
export function flattenShape<const S extends Dim[]>(shape: CheckedArg<S, FlattenShape<S>>): FlattenShape<S> {
  return reshapedFor("flattenShape", shape, [-1]) as never;
}

// ---------------------------------------------------------------------------------------------
// The reshape primitive (tensors)

/**
 * Strides that let storage laid out with `strides` for `from` be read as `to` without a copy, or
 * `undefined` when no view can do it. Dims are matched in groups of equal products (`[6, 4]` vs
 * `[2, 3, 4]`: `6` ↔ `2, 3`, `4` ↔ `4`); within a group the old axes must step through storage as
 * one (each stride the next one times the next size), and the new axes of the group then split that
 * run. Size-1 axes are left out of the matching and get stride 0. `from` and `to` have the same
 * number of elements, more than zero.
 */
export function viewStrides(from: readonly number[], strides: readonly number[], to: readonly number[]): number[] | undefined {
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  from.forEach((dim, axis) => {
    if (dim !== 1) {
      oldDims.push(dim);
      oldStrides.push(strides[axis]!);
    }
  });
  const out: number[] = new Array(to.length).fill(0);
  let oldAxis = 0;
  let newAxis = 0;
  while (oldAxis < oldDims.length) {
    while (to[newAxis] === 1) newAxis++;
    let oldEnd = oldAxis + 1;
    let newEnd = newAxis + 1;
    let oldProduct = oldDims[oldAxis]!;
    let newProduct = to[newAxis]!;
    while (oldProduct !== newProduct) {
      if (oldProduct < newProduct) oldProduct *= oldDims[oldEnd++]!;
      else newProduct *= to[newEnd++]!;
      // Equal counts below 2^53 always meet; running off either shape would loop forever on NaN.
      if (oldEnd > oldDims.length || newEnd > to.length) throw new InternalError(`viewStrides: [${from.join(", ")}] and [${to.join(", ")}] do not hold the same number of elements`);
    }
    for (let k = oldAxis; k < oldEnd - 1; k++) if (oldStrides[k] !== oldStrides[k + 1]! * oldDims[k + 1]!) return undefined;
    let stride = oldStrides[oldEnd - 1]!;
    for (let k = newEnd - 1; k >= newAxis; k--) {
      out[k] = to[k] === 1 ? 0 : stride;
      stride *= to[k]!;
    }
    oldAxis = oldEnd;
    newAxis = newEnd;
  }
  return out;
}

/** Gradient rule: the upstream gradient reshaped back to the input's shape. */
const GRADIENT: GradRule = (g, [x]) => [reshapeTensor(g, x!.dims)];

/**
 * Primitive: `x` read as `dims` (the same number of elements, checked by the caller): a view sharing
 * storage when the strides allow it (always for a contiguous `x`), else a contiguous copy. `x` itself
 * when the dims are equal. Gradient: the upstream gradient reshaped back.
 */
export function reshapeTensor(x: Tensor, dims: readonly number[]): Tensor {
  const from = x.dims;
  if (from.length === dims.length && from.every((dim, axis) => dim === dims[axis])) return x;
  const strides = x.size === 0 ? contiguousStrides(dims) : viewStrides(from, x.strides, dims);
  const out = strides === undefined ? new Tensor(contiguousData(x), [...dims]) : new Tensor(x.data, [...dims], strides, x.offset);
  return record(out, "reshape", [x], GRADIENT, undefined, () => reshapedLabels(x, dims));
}

/**
 * The sizes of a reshape target at run time. A name is a size fixed for the program but not stored
 * in the data: it takes the size bound to it on the tensor (by `.as()`, passed on by ops); if
 * exactly one entry is still unknown — the `-1`, or one name (in one or more dims) — it is inferred
 * from the element count. More unknowns than that cannot be recovered from a count alone: that is
 * an `INPUT_SYMBOLIC_SIZE` error (restate the tensor with `.as()` first, or give numbers).
 */
export function resolveTarget(op: string, x: Tensor, target: readonly Dim[]): Dim[] {
  if (!Array.isArray(target) || target.every((dim) => typeof dim !== "string")) return target as Dim[];
  // A dim the rule rejects (fractional, negative other than -1, not a size expression) is reported by it.
  if (target.some((dim) => (typeof dim === "number" ? dim !== -1 && !isValidDim(dim) : !isValidDim(dim) || parseSize(dim as string) === undefined))) return target as Dim[];
  const bound = new Map(boundSizes(x));
  const unknown = new Set<string>();
  for (const dim of target) {
    if (typeof dim !== "string") continue;
    for (const [names] of parseSize(dim) ?? []) for (const name of names === "" ? [] : names.split("*")) if (!bound.has(name)) unknown.add(name);
  }
  const hasMinus = target.includes(-1);
  if (unknown.size > 1 || (unknown.size === 1 && hasMinus)) {
    throw new InputError(
      "INPUT_SYMBOLIC_SIZE",
      `${op}: the sizes of ${formatShape(target)} are not known at run time: ${[...unknown].map((n) => `'${n}'`).join(", ")}${hasMinus ? " and -1" : ""} cannot all be inferred from ${x.size} elements; restate the tensor with .as() first (it binds names to sizes), or give all but one as numbers`,
    );
  }
  if (unknown.size === 1) {
    // One unknown name: solve count(target) = size (the count increases with the name's size).
    const [name] = unknown as unknown as [string];
    const count = shapeSize(target);
    const at = (value: bigint) => evaluatePoly(count!, new Map(bound).set(name, Number(value)))!;
    const size = BigInt(x.size);
    let low = 0n;
    let high = size + 1n;
    while (count !== undefined && low < high) {
      const middle = (low + high) / 2n;
      if (at(middle) < size) low = middle + 1n;
      else high = middle;
    }
    if (count === undefined || low > size || at(low) !== size) {
      throw new ShapeError("SHAPE_RESHAPE", op, [x.dims, target], writeReshapeMessage(op, x.dims, target, String(x.size), count === undefined ? "?" : formatPoly(count)));
    }
    bound.set(name, Number(low));
  }
  return target.map((dim) => (typeof dim === "string" ? Number(evaluatePoly(parseSize(dim) ?? [], bound) ?? Number.NaN) : dim));
}

// ---------------------------------------------------------------------------------------------
// The ops

/**
 * The result type of a reshape: the rule's shape with its size expressions in normal form (as `.as()`
 * gives them, and as the names on the result's axes read at run time), or `number[]` when it failed
 * (the argument check reports that).
 */
export type ReshapeResult<S extends Shape, To extends Shape, Op extends string> = ResultShape<ReshapeOf<S, To, Op>>;

/**
 * `x` with the same elements, row-major, in the shape `shape` (one `-1` is inferred): a view when
 * the layout allows (always for a contiguous `x`), else a copy. Names in `shape` are sizes the
 * compiler checks symbolically (`["batch", 28, 28]` → `["batch", 784]`); at run time a name is
 * inferred from the element count when it is the only unknown. Gradient: the upstream gradient
 * reshaped back to `x`'s shape.
 * @example
 * reshape(arange(6), [2, 3]).toArray(); //=> [[0, 1, 2], [3, 4, 5]]
 * reshape(zeros([2, 3, 4]), [-1, 4]).shape; //=> [6, 4]
 * reshape(zeros([2, 3]), [4]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_RESHAPE` (counts differ; two `-1`s; a `-1` that cannot be inferred; a
 * negative dim), `SHAPE_INVALID_SHAPE`; InputError `INPUT_SYMBOLIC_SIZE` (names that cannot be sized),
 * `INPUT_OPERAND`, `INPUT_TOO_LARGE` (more than 2^53 − 1 elements)
 */
export function reshape<S extends Shape, const To extends Dim[]>(
  x: Tensor<S>,
  shape: CheckedArg<To, ReshapeOf<S, To, "reshape">> & NoInfer<ReshapeIdentityCheck<S, To, "reshape">>,
): Tensor<ReshapeResult<S, To, "reshape">> {
  checkTensor("reshape", x);
  const dims = reshapedFor("reshape", x.dims, resolveTarget("reshape", x, shape as Dim[])) as number[];
  // The rule once more on the names the axes carry, as the compiler saw it: the same order check
  // (SHAPE_RESHAPE_ORDER), and the target's names (a -1 inferred from names is a name too).
  const labelled = labelledShape(x);
  let named: readonly Dim[] = shape as Dim[];
  if (labelled !== undefined) {
    try {
      named = reshapedFor("reshape", labelled, shape);
    } catch (error) {
      if (error instanceof ShapeError && error.code === "SHAPE_RESHAPE_ORDER") throw error;
    }
  }
  const out = reshapeTensor(x, dims);
  if (named.some((dim) => typeof dim === "string")) bindSizes("reshape", out, named, dims, labelsOf(out));
  return out as never;
}

/**
 * `SHAPE_AXIS: flatten: cannot flatten [2, 3, 4] from axis 2 to axis 1: the start axis comes after
 * the end axis`. Mirrors `WriteFlattenOrderMessage`.
 */
export function writeFlattenOrderMessage(op: string, shape: Shape, start: number, end: number): string {
  return `SHAPE_AXIS: ${op}: cannot flatten ${formatShape(shape)} from axis ${start} to axis ${end}: the start axis comes after the end axis`;
}

/**
 * The dims of `dims` with axes `start` … `end` (inclusive) merged, checked: numbers multiplied,
 * names in normal form (`["b", 3]` → `"3*b"`, as `Product`). Mirrors `FlattenRangeShape`.
 */
export function flattenedFor(op: string, dims: readonly Dim[], start: unknown, end: unknown): Dim[] {
  const positions = Math.max(dims.length, 1); // a scalar flattens as a vector of one
  const first = normalizeAxis(op, dims, start as number, positions, "start");
  const last = normalizeAxis(op, dims, end as number, positions, "end");
  if (first > last) throw new ShapeError("SHAPE_AXIS", op, [dims], writeFlattenOrderMessage(op, dims, start as number, end as number));
  if (dims.length === 0) return [1];
  const merged = dims.slice(first, last + 1);
  const product = merged.length === 1 ? merged[0]! : merged.every((d) => typeof d === "number") ? merged.reduce<number>((a, b) => a * (b as number), 1) : polyDim(shapeSize(merged)!);
  return [...dims.slice(0, first), product, ...dims.slice(last + 1)];
}

/**
 * The shape `shape` takes with axes `start` … `end` (inclusive; negative counts from the end;
 * default all) merged into one — PyTorch's `flatten(start_dim, end_dim)`; a scalar gives `[1]`.
 * @example
 * flattenRangeShape([2, 3, 4, 5], 1, 2); //=> [2, 12, 5]
 * flattenRangeShape(["b", 28, 28], 1); //=> ["b", 784]
 * flattenRangeShape([2, 3], 1, 0); //=> throws SHAPE_AXIS
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_AXIS`
 */
export function flattenRangeShape<const S extends Dim[], const Start extends number = 0, const End extends number = -1>(
  shape: CheckedSizes<S, "flattenRangeShape", S>,
  start?: CheckedArg<Start, FlattenRangeShape<S, Start, End, "flattenRangeShape">>,
  end?: CheckedArg<End, FlattenRangeShape<S, Start, End, "flattenRangeShape">>,
): FlattenRangeShape<S, Start, End, "flattenRangeShape"> {
  return flattenedFor("flattenRangeShape", validateSizes("flattenRangeShape", shape), start ?? 0, end ?? -1) as never;
}

/** The check of a flatten's axis arguments: the rule's error, if any. */
export type FlattenCheck<S extends Shape, Start extends number, End extends number> = FlattenRangeCheck<S, Start, End, "flatten">;

/**
 * `x` with axes `start` … `end` (inclusive; negative counts from the end; default all) merged into
 * one, row-major — PyTorch's `flatten(start_dim, end_dim)`; a scalar becomes `[1]`. A view when the
 * layout allows. It cannot fail on sizes (the tensor's count is the count), so it also merges axes
 * whose dims are type parameters: `[B, 16, 7, 7]` from axis 1 is `[B, 784]`. Gradient: the upstream
 * gradient reshaped back.
 * @example
 * flatten(tensor([[1, 2], [3, 4]])).toArray(); //=> [1, 2, 3, 4]
 * flatten(zeros([2, 3, 4, 5]), 1, 2).shape; //=> [2, 12, 5]
 * flatten(zeros([2, 3]), 1, 0); //=> throws SHAPE_AXIS
 * @throws ShapeError `SHAPE_AXIS` (an axis out of range, the start after the end); InputError
 * `INPUT_OPERAND`, `INPUT_AXIS`
 */
export function flatten<S extends Shape, const Start extends number = 0, const End extends number = -1>(
  x: Tensor<S>,
  start?: CheckedArg<Start, FlattenCheck<S, Start, End>>,
  end?: CheckedArg<End, FlattenCheck<S, Start, End>>,
): Tensor<FlattenRangeResult<S, Start, End, "flatten">> {
  const t = checkTensor("flatten", x);
  return reshapeTensor(t, flattenedFor("flatten", t.dims, start ?? 0, end ?? -1) as number[]) as never;
}

/**
 * The dims of `dims` with axis `axis` split into `sizes` (one `-1` inferred), checked: the axis by
 * `normalizeAxis`, the split by the reshape rule on that axis's dim. Mirrors `UnflattenShape`.
 */
export function unflattenedFor(op: string, dims: readonly Dim[], axis: unknown, sizes: unknown): Dim[] {
  const index = normalizeAxis(op, dims, axis as number);
  const split = reshapedFor(op, [dims[index]!], sizes);
  return [...dims.slice(0, index), ...split, ...dims.slice(index + 1)];
}

/**
 * The shape `shape` takes with axis `axis` split into `sizes` (one `-1` inferred) — PyTorch's
 * `unflatten(dim, sizes)`.
 * @example
 * unflattenShape([2, 12, 5], 1, [3, 4]); //=> [2, 3, 4, 5]
 * unflattenShape([2, 12], -1, [3, -1]); //=> [2, 3, 4]
 * unflattenShape([2, 12], 1, [5, 3]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_RESHAPE`, `SHAPE_INVALID_SHAPE`
 */
export function unflattenShape<const S extends Dim[], const Axis extends number, const Sizes extends Dim[]>(
  shape: CheckedSizes<S, "unflattenShape", S>,
  axis: CheckedArg<Axis, UnflattenShape<S, Axis, Sizes, "unflattenShape">>,
  sizes: CheckedArg<Sizes, UnflattenShape<S, Axis, Sizes, "unflattenShape">>,
): UnflattenShape<S, Axis, Sizes, "unflattenShape"> {
  return unflattenedFor("unflattenShape", validateSizes("unflattenShape", shape), axis, sizes) as never;
}

/**
 * `x` with axis `axis` split into `sizes` (one `-1` inferred), row-major — PyTorch's
 * `unflatten(dim, sizes)`, the inverse of `flatten`: a view when the layout allows. Sizes whose
 * product is the axis's own dim split it in generic code too (`[Product<[B, T]>, 64]` with
 * `[x.shape[0], x.shape[1]]` is `[B, T, 64]`). Gradient: the upstream gradient reshaped back.
 * @example
 * unflatten(zeros([2, 12]), 1, [3, 4]).shape; //=> [2, 3, 4]
 * unflatten(zeros([2, 12]), 1, [5, 3]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_RESHAPE`; InputError `INPUT_OPERAND`, `INPUT_AXIS`
 */
export function unflatten<S extends Shape, const Axis extends number, const Sizes extends Dim[]>(
  x: Tensor<S>,
  axis: CheckedAxis<Axis, UnflattenShape<S, Axis, Sizes, "unflatten">, "unflatten">,
  sizes: CheckedArg<Sizes, UnflattenShape<S, Axis, Sizes, "unflatten">>,
): Tensor<ResultShape<UnflattenShape<S, Axis, Sizes, "unflatten">>> {
  const t = checkTensor("unflatten", x);
  return reshapeTensor(t, unflattenedFor("unflatten", t.dims, axis, sizes) as number[]) as never;
}

/** The type of `Tensor#unflatten`. */
type UnflattenMethod = <Self extends Shape, const Axis extends number, const Sizes extends Dim[]>(
  this: Tensor<Self>,
  axis: CheckedAxis<Axis, UnflattenShape<Self, Axis, Sizes, "unflatten">, "unflatten">,
  sizes: CheckedArg<Sizes, UnflattenShape<Self, Axis, Sizes, "unflatten">>,
) => Tensor<ResultShape<UnflattenShape<Self, Axis, Sizes, "unflatten">>>;

/**
 * The type of `Tensor#reshape` (a top-level function type, so the compiler does not re-instantiate
 * the signature for every tensor type it is called on; see `MatmulMethod` in matmul.ts).
 */
type ReshapeMethod = <Self extends Shape, const To extends Dim[]>(
  this: Tensor<Self>,
  shape: CheckedArg<To, ReshapeOf<Self, To, "reshape">> & NoInfer<ReshapeIdentityCheck<Self, To, "reshape">>,
) => Tensor<ReshapeResult<Self, To, "reshape">>;

/** The type of `Tensor#flatten`. */
type FlattenMethod = <Self extends Shape, const Start extends number = 0, const End extends number = -1>(
  this: Tensor<Self>,
  start?: CheckedArg<Start, FlattenCheck<Self, Start, End>>,
  end?: CheckedArg<End, FlattenCheck<Self, Start, End>>,
) => Tensor<FlattenRangeResult<Self, Start, End, "flatten">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor's elements in the shape `shape` (one `-1` is inferred): a view when the layout
     * allows, else a copy.
     * @example
     * zeros([2, 3, 4]).reshape([6, -1]).shape; //=> [6, 4]
     * @throws ShapeError `SHAPE_RESHAPE`, `SHAPE_INVALID_SHAPE`
     */
    reshape: ReshapeMethod;
    /**
     * This tensor with axes `start` … `end` (inclusive; default all) merged into one, row-major.
     * @example
     * zeros([2, 3, 4]).flatten().shape; //=> [24]
     * zeros([2, 3, 4]).flatten(1).shape; //=> [2, 12]
     */
    flatten: FlattenMethod;
    /**
     * This tensor with axis `axis` split into `sizes` (one `-1` inferred), row-major.
     * @example
     * zeros([2, 12]).unflatten(1, [3, 4]).shape; //=> [2, 3, 4]
     */
    unflatten: UnflattenMethod;
  }
}

Tensor.prototype.reshape = function (this: Tensor, shape: Dim[]) {
  return reshape(this, shape as never);
} as never;
Tensor.prototype.unflatten = function (this: Tensor, axis: number, sizes: Dim[]) {
  return unflatten(this as never, axis as never, sizes as never);
} as never;
Tensor.prototype.flatten = function (this: Tensor, start?: number, end?: number) {
  return flatten(this as never, start as never, end as never);
} as never;

/**
 * Narrowing one axis: the shape rule `narrowShape`, `narrow()` and `Tensor#narrow` — PyTorch's
 * `narrow(dim, start, length)`. Mirrors types/ops/narrow.ts rule for rule.
 *
 * The axis becomes exactly `length` long, from `start` (negative counts from the end). Unlike `slice`
 * nothing is clamped: `start` must lie in `-size … size` and `start + length` must not exceed the
 * size, so the result's length is the one asked for — which is what lets the type level give it as
 * written, a type parameter included (`wpe.narrow(0, 0, x.shape[1])` is `[T, 64]` for a `[B, T, …]`
 * input). The view and its gradient are slice's (`sliced`, src/ops/slice.ts).
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedShape } from "../../types/creation.js";
import type { CheckedArg, RuntimeDecidesArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { NarrowCheck, NarrowResult, NarrowShape, NarrowShapeCheck } from "../../types/ops/narrow.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { safeString, validateShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { sliced, type SliceRange } from "./slice.js";

/** A start or length as the messages print it: a name quoted (`'seq'`), anything else as `String` would. Mirrors `PrintDim`. */
const printPart = (value: unknown): string => (typeof value === "string" ? formatDim(value) : safeString(value));

/** Mirrors `WriteNarrowPartMessage`. */
export function writeNarrowPartMessage(op: string, shape: Shape, axis: number, name: "start" | "length", value: unknown): string {
  return `SHAPE_SLICE: ${op}: cannot narrow axis ${axis} of ${formatShape(shape)} with ${name} ${printPart(value)}: start and length must be integers`;
}

/** Mirrors `WriteNarrowSizeMessage`. */
export function writeNarrowSizeMessage(op: string, shape: Shape, axis: number, length: number): string {
  return `SHAPE_SLICE: ${op}: cannot narrow axis ${axis} of ${formatShape(shape)} with length ${length}: the length must be a size, from 0 to 9007199254740991`;
}

/** Mirrors `WriteNarrowStartMessage`. */
export function writeNarrowStartMessage(op: string, shape: Shape, axis: number, start: number, size: number): string {
  return `SHAPE_SLICE: ${op}: cannot narrow axis ${axis} of ${formatShape(shape)} with start ${start}: it must be within -${size} … ${size}`;
}

/** Mirrors `WriteNarrowLengthMessage`. */
export function writeNarrowLengthMessage(op: string, shape: Shape, axis: number, start: number, length: number, size: number): string {
  return `SHAPE_SLICE: ${op}: cannot narrow axis ${axis} of ${formatShape(shape)} to length ${length} from start ${start}: the axis has ${size} elements, and start + length must not exceed them`;
}

/**
 * The checked narrow of a valid `shape`, in the type rule's order — the axis, the start (an integer;
 * within `-size … size` on a known size), the length (an integer from 0 to 2^53 − 1; `start + length
 * ≤ size` on a known size) — as a slice range (for a named dim the start is NaN: only tensors, whose
 * sizes are known, are narrowed).
 */
export function narrowRangeFor(op: string, shape: Shape, axis: number, start: unknown, length: unknown): SliceRange & { readonly length: number } {
  const index = normalizeAxis(op, shape, axis);
  if (typeof start !== "number" || !Number.isInteger(start)) throw new ShapeError("SHAPE_SLICE", op, [shape], writeNarrowPartMessage(op, shape, index, "start", start));
  const size = shape[index]!;
  if (typeof size === "number" && Math.abs(start) > size) throw new ShapeError("SHAPE_SLICE", op, [shape], writeNarrowStartMessage(op, shape, index, start, size));
  if (typeof length !== "number" || !Number.isInteger(length)) throw new ShapeError("SHAPE_SLICE", op, [shape], writeNarrowPartMessage(op, shape, index, "length", length));
  if (length < 0 || length > Number.MAX_SAFE_INTEGER) throw new ShapeError("SHAPE_SLICE", op, [shape], writeNarrowSizeMessage(op, shape, index, length));
  if (typeof size !== "number") return { axis: index, start: NaN, step: 1, length };
  const from = start < 0 ? start + size : start;
  if (from + length > size) throw new ShapeError("SHAPE_SLICE", op, [shape], writeNarrowLengthMessage(op, shape, index, start, length, size));
  return { axis: index, start: from, step: 1, length };
}

/**
 * `shape` with axis `axis` narrowed to `length` elements from `start` (negative counts from the end):
 * the axis becomes `length`. Nothing is clamped: a start outside `-size … size`, or `start + length`
 * past the size, is an error. Where the axis is named, the range is the runtime's to check on a tensor.
 * @example
 * narrowShape([10, 4], 0, 2, 5); //=> [5, 4]
 * narrowShape([10, 4], 0, -3, 3); //=> [3, 4]
 * narrowShape(["seq", 64], 0, 0, 3); //=> [3, 64]
 * narrowShape([10, 4], 0, 8, 3); //=> throws SHAPE_SLICE
 * @throws ShapeError `SHAPE_SLICE` (a start or length that is not an integer, a negative length, a
 * start out of range, a length past the end or above 2^53 − 1), `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function narrowShape<const S extends Dim[], const Axis extends number, const Start extends number, const Length extends Dim>(
  shape: CheckedShape<S, "narrowShape", S>,
  axis: CheckedArg<Axis, NarrowShapeCheck<S, Axis, Start, Length, "axis">>,
  start: CheckedArg<Start, NarrowShapeCheck<S, Axis, Start, Length, "start">>,
  length: CheckedArg<Length, NarrowShapeCheck<S, Axis, Start, Length, "length">>,
): NarrowShape<S, Axis, Start, Length> {
  validateShape("narrowShape", shape);
  const range = narrowRangeFor("narrowShape", shape as Shape, axis as number, start, length);
  return (shape as Shape).map((d, index) => (index === range.axis ? range.length : d)) as never;
}

/**
 * `x` narrowed along `axis` to `length` elements from `start` (negative counts from the end), as a
 * view sharing storage — PyTorch's `narrow`. Nothing is clamped, so the result's length is `length`
 * as given, and a type parameter stays itself: `wpe.narrow(0, 0, x.shape[1])` of a `[1024, 64]`
 * table for an `[B, T, 64]` input is `Tensor<[T, 64]>`, checked at run time to fit. Gradient: the
 * upstream gradient scattered into zeros at the elements taken (slice's).
 * @example
 * narrow(tensor([0, 1, 2, 3, 4, 5]), 0, 1, 3).toArray(); //=> [1, 2, 3]
 * narrow(zeros([10, 4]), 0, -3, 3).shape; //=> [3, 4]
 * narrow(zeros([10, 4]), 0, 8, 3); //=> throws SHAPE_SLICE
 * @throws ShapeError `SHAPE_SLICE` (a start or length that is not an integer, a negative length, a
 * start out of range, a length past the end), `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPERAND`
 */
export function narrow<S extends Shape, const Axis extends number, const Start extends number, const Length extends Dim>(
  x: Tensor<S>,
  axis: CheckedAxis<Axis, NarrowCheck<S, Axis, Start, Length, "narrow", "axis">, "narrow">,
  start: RuntimeDecidesArg<S, Start, NarrowCheck<S, Axis, Start, Length, "narrow", "start">>,
  length: RuntimeDecidesArg<S, Length, NarrowCheck<S, Axis, Start, Length, "narrow", "length">>,
): Tensor<NarrowResult<S, Axis, Length, "narrow">> {
  const t = checkTensor("narrow", x);
  return sliced(t, narrowRangeFor("narrow", t.dims, axis as number, start, length)) as never;
}

/** The type of `Tensor#narrow` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type NarrowMethod = <Self extends Shape, const Axis extends number, const Start extends number, const Length extends Dim>(
  this: Tensor<Self>,
  axis: CheckedAxis<Axis, NarrowCheck<Self, Axis, Start, Length, "narrow", "axis">, "narrow">,
  start: RuntimeDecidesArg<Self, Start, NarrowCheck<Self, Axis, Start, Length, "narrow", "start">>,
  length: RuntimeDecidesArg<Self, Length, NarrowCheck<Self, Axis, Start, Length, "narrow", "length">>,
) => Tensor<NarrowResult<Self, Axis, Length, "narrow">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor narrowed along `axis` to `length` elements from `start`, as a view (PyTorch's `narrow`).
     * @example
     * zeros([10, 4]).narrow(0, 2, 5).shape; //=> [5, 4]
     * @throws ShapeError `SHAPE_SLICE`, `SHAPE_AXIS`
     */
    narrow: NarrowMethod;
  }
}

Tensor.prototype.narrow = function (this: Tensor, axis: number, start: number, length: number) {
  return narrow(this, axis as never, start as never, length as never);
} as never;

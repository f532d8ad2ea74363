/**
 * Axis arithmetic at run time: normalising negative axes, range and duplicate checks. Mirrors
 * types/internal/axes.ts message for message. Also the run-time checks of the arguments the type
 * level never sees wrong (an axis that is not a number, a tensor argument that is not a tensor):
 * those throw `InputError`s, which have no compile-time twin.
 */
import type { Shape } from "../types/shape.js";
import { InputError, ShapeError, formatShape } from "./errors.js";
import { describeValue, sizeOf } from "./shape.js";
import { Tensor } from "./tensor.js";

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
 * negative axes count from the end. Throws `SHAPE_AXIS` when out of range or not an integer, and
 * `INPUT_AXIS` when it is not a number at all (`name` names the argument in that message).
 */
export function normalizeAxis(op: string, shape: Shape, axis: number, positions: number = shape.length, name = "axis"): number {
  if (Number.isInteger(axis) && axis >= -positions && axis < positions) return axis < 0 ? axis + positions : axis;
  if (typeof axis !== "number") throw notAnAxis(op, name, axis, "an integer");
  throw new ShapeError("SHAPE_AXIS", op, [shape], writeAxisRangeMessage(op, shape, axis, positions));
}

/**
 * Normalises each axis in order and rejects duplicates (`SHAPE_AXIS`). `axes` must be an array of
 * numbers (`INPUT_AXIS` otherwise, checked first; `name` names the argument).
 */
export function normalizeAxes(op: string, shape: Shape, axes: readonly number[], name = "axes"): number[] {
  checkAxisList(op, name, axes);
  const out: number[] = [];
  for (const axis of axes) {
    const index = normalizeAxis(op, shape, axis);
    if (out.includes(index)) throw new ShapeError("SHAPE_AXIS", op, [shape], writeDuplicateAxisMessage(op, shape, axes, index));
    out.push(index);
  }
  return out;
}

/** Throws `INPUT_AXIS` unless `axes` is an array whose every element is a number. */
export function checkAxisList(op: string, name: string, axes: unknown): asserts axes is readonly number[] {
  if (!Array.isArray(axes)) throw notAnAxis(op, name, axes, "a list of integers");
  for (let index = 0; index < axes.length; index++) {
    const axis: unknown = axes[index];
    if (typeof axis !== "number") throw notAnAxis(op, `${name}[${index}]`, axis, "an integer");
  }
}

/**
 * The axes of a reduction-style argument (`sum(x, axis)`, `squeeze(x, axes)`): one number, a list of
 * numbers, or `undefined` (every axis: returned as `undefined`). Anything else throws `INPUT_AXIS`.
 */
export function axisArgument(op: string, name: string, axis: unknown): readonly number[] | undefined {
  if (axis === undefined) return undefined;
  if (typeof axis === "number") return [axis];
  if (!Array.isArray(axis)) throw notAnAxis(op, name, axis, "an integer, a list of integers, or omitted");
  checkAxisList(op, name, axis);
  return axis;
}

/** `INPUT_AXIS: sum: axis must be an integer, got "1" (a string)`. */
function notAnAxis(op: string, name: string, value: unknown, expected: string): InputError {
  const kind =
    value === null || value === undefined ? "" : Array.isArray(value) ? " (an array)" : typeof value === "object" ? " (an object)" : ` (a ${typeof value})`;
  return new InputError("INPUT_AXIS", `${op}: ${name} must be ${expected}, got ${describeValue(value)}${kind}`);
}

/**
 * Checks a tensor argument: a `Tensor` (`INPUT_OPERAND` otherwise) with at most 2^53 − 1 elements
 * (`INPUT_TOO_LARGE`: a view that large, e.g. from `broadcastTo`, cannot be computed on). `name`
 * names the argument in messages.
 * @throws InputError `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function checkTensor(op: string, value: unknown, name = "x"): Tensor {
  if (!(value instanceof Tensor)) throw new InputError("INPUT_OPERAND", `${op}: ${name} must be a tensor, got ${describeValue(value)}`);
  sizeOf(value.dims, op, `${name} has shape`);
  return value;
}

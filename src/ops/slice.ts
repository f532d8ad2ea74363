/**
 * Slicing along one axis: the shape rule `sliceShape`, the strided view, its gradient rule (scatter
 * into zeros), `slice()` and `Tensor#slice`. Mirrors types/ops/slice.ts rule for rule.
 *
 * Python's `x[start:end:step]` on one axis: `undefined` is `None`, negative bounds count from the end,
 * bounds are clamped as `slice(start, end, step).indices(n)` does, a negative step walks backwards,
 * and the new length is `len(range(*slice(start, end, step).indices(n)))`. Bounds and step must be
 * integers and the step non-zero (`SHAPE_SLICE`); the axis must be in range (`SHAPE_AXIS`).
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedShape } from "../../types/creation.js";
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";

import type { SliceBound, SliceCheck, SliceChecked, SliceResult, SliceShape } from "../../types/ops/slice.js";
import { ShapeError, formatShape } from "../errors.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { safeString, validateShape } from "../shape.js";
import { allocate } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { Rows } from "../kernels/loop.js";
import { Tensor, contiguousStrides, fromStorage } from "../tensor.js";
import { slicedLabels } from "../symbolic.js";

/** Mirrors `WriteSliceMessage`. (At run time `value` may be anything the caller passed; it prints as `String` would, never throwing.) */
export function writeSliceMessage(op: string, shape: Shape, axis: number, name: "start" | "end" | "step", value: number): string {
  return `SHAPE_SLICE: ${op}: cannot slice axis ${axis} of ${formatShape(shape)} with ${name} ${safeString(value)}: ${
    value === 0 && name === "step" ? "the step must be a non-zero integer (a negative step walks backwards)" : "start, end and step must be integers"
  }`;
}

/** A normalised slice of one axis: the first index, the step, and the number of elements taken. */
export interface SliceRange {
  readonly axis: number;
  readonly start: number;
  readonly step: number;
  readonly length: number;
}

/** Checks step, start and end (in that order, as the type rule does); throws `SHAPE_SLICE`. */
function checkParts(op: string, shape: Shape, axis: number, start: SliceBound, end: SliceBound, step: SliceBound): void {
  if (step === 0) throw new ShapeError("SHAPE_SLICE", op, [shape], writeSliceMessage(op, shape, axis, "step", 0));
  const parts: ["step" | "start" | "end", SliceBound][] = [["step", step], ["start", start], ["end", end]];
  for (const [name, value] of parts) {
    if (value !== undefined && !Number.isInteger(value)) {
      throw new ShapeError("SHAPE_SLICE", op, [shape], writeSliceMessage(op, shape, axis, name, value));
    }
  }
}

/**
 * A bound clamped onto 0 … size as `slice.indices` does, shifted up by one for a negative step (so
 * Python's −1 is 0). Mirrors `Clamp`.
 */
function clamp(size: number, bound: number, shift: 0 | 1): number {
  if (bound < 0) return -bound > size ? 0 : size + bound + shift;
  return Math.min(bound + shift, size);
}

/** ⌈(high − low) / step⌉ steps, or 0; exact for integers below 2^53. Mirrors `Steps`. */
function steps(high: number, low: number, step: number): number {
  if (high <= low) return 0;
  const span = high - low - 1;
  return (span - (span % step)) / step + 1;
}

/**
 * The elements `[start:end:step]` takes from an axis of `size`: the first index, and how many.
 * Python's `slice(start, end, step).indices(size)`, then the length of that range.
 */
export function sliceIndices(size: number, start: SliceBound, end: SliceBound, step: SliceBound): { first: number; length: number } {
  const by = step ?? 1;
  if (by > 0) {
    const low = start === undefined ? 0 : clamp(size, start, 0);
    const high = end === undefined ? size : clamp(size, end, 0);
    return { first: low, length: steps(high, low, by) };
  }
  const high = start === undefined ? size : clamp(size, start, 1);
  const low = end === undefined ? 0 : clamp(size, end, 1);
  return { first: high - 1, length: steps(high, low, -by) };
}

/** `true` for the bounds of a slice that keeps the whole axis in some order. Mirrors `IsWhole`. */
function isWhole(start: SliceBound, end: SliceBound, step: SliceBound): boolean {
  if (end !== undefined) return false;
  if (step === undefined || step === 1) return start === undefined || start === 0;
  return step === -1 && (start === undefined || start === -1);
}

/** The new dim for a named (symbolic) size: the name when the whole axis is kept, else a derived name. */
export function symbolicSlice(name: string, start: SliceBound, end: SliceBound, step: SliceBound): Dim {
  if (isWhole(start, end, step)) return name;
  return `${name}[${start ?? ""}:${end ?? ""}${step === undefined ? "" : `:${step}`}]`;
}

/**
 * The checked slice of a valid `shape`: the normalised axis, first index, step and length (for a
 * named dim, the length is NaN: only tensors, whose sizes are known, are sliced). `op` names the caller.
 */
export function sliceRangeFor(op: string, shape: Shape, axis: number, start: SliceBound, end: SliceBound, step: SliceBound): SliceRange {
  const index = normalizeAxis(op, shape, axis);
  checkParts(op, shape, index, start, end, step);
  const dim = shape[index]!;
  if (typeof dim === "string") return { axis: index, start: NaN, step: step ?? 1, length: NaN };
  const { first, length } = sliceIndices(dim, start, end, step);
  return { axis: index, start: first, step: step ?? 1, length };
}

/**
 * `shape` with axis `axis` sliced as Python's `[start:end:step]` (`undefined` = `None`; negative
 * bounds count from the end; out-of-range bounds are clamped; a negative step walks backwards).
 * A named dim at the axis stays when the slice keeps the whole axis (`0:`, `::1`, `::-1`, `-1::-1`);
 * otherwise its length is unknown here and it becomes a derived name such as `"seq[1:]"` (the type
 * level says `number`).
 * @example
 * sliceShape([10, 4], 0, 2, -1, 3); //=> [3, 4]
 * sliceShape([10, 4], 0, 7, 1, -2); //=> [3, 4]
 * sliceShape(["batch", 10], 0, 1); //=> ["batch[1:]", 10]
 * sliceShape([10, 4], 1, 0, 4, 0); //=> throws SHAPE_SLICE
 * @throws ShapeError `SHAPE_SLICE` (a zero step, a bound or step that is not an integer), `SHAPE_AXIS`,
 * `SHAPE_INVALID_SHAPE`
 */
export function sliceShape<
  const S extends Dim[],
  const Axis extends number,
  const Start extends SliceBound,
  const End extends SliceBound = undefined,
  const Step extends SliceBound = undefined,
>(
  shape: CheckedShape<S, "sliceShape", S>,
  axis: CheckedArg<Axis, SliceCheck<SliceShape<S, Axis, Start, End, Step>, Start, End, Step, "axis">>,
  start: CheckedArg<Start, SliceCheck<SliceShape<S, Axis, Start, End, Step>, Start, End, Step, "start">>,
  end?: CheckedArg<End, SliceCheck<SliceShape<S, Axis, Start, End, Step>, Start, End, Step, "end">>,
  step?: CheckedArg<Step, SliceCheck<SliceShape<S, Axis, Start, End, Step>, Start, End, Step, "step">>,
): SliceShape<S, Axis, Start, End, Step> {
  validateShape("sliceShape", shape);
  const range = sliceRangeFor("sliceShape", shape as Shape, axis as number, start as SliceBound, end as SliceBound, step as SliceBound);
  const dim = shape[range.axis]!;
  const sliced = typeof dim === "string" ? symbolicSlice(dim, start as SliceBound, end as SliceBound, step as SliceBound) : range.length;
  return (shape as Shape).map((d, index) => (index === range.axis ? sliced : d)) as never;
}

// ---------------------------------------------------------------------------------------------
// The primitive: a strided view

/**
 * Gradient rule: scatter into zeros — the upstream gradient written at the positions the slice took,
 * zeros elsewhere.
 */
const GRADIENT: GradRule<SliceRange> = (g, [x], _out, range) => {
  const dims = x!.dims;
  const data = allocate(g.dtype, x!.size);
  if (g.size > 0) {
    const strides = contiguousStrides(dims);
    const offset = range.start * strides[range.axis]!;
    strides[range.axis] = strides[range.axis]! * range.step;
    const rows = new Rows(g.dims, [strides, g.strides], [offset, g.offset]);
    const source = g.data;
    for (let r = 0; r < rows.count; r++) {
      const [to, from] = rows.offsets as [number, number];
      const [toStep, fromStep] = rows.step as [number, number];
      for (let k = 0; k < rows.length; k++) data[to + k * toStep] = source[from + k * fromStep]!;
      rows.next();
    }
  }
  return [fromStorage(data, dims)];
};

/** Primitive: the elements `range` takes from `x`, as a view (offset and stride along the axis); no copy. */
export function sliced(x: Tensor, range: SliceRange): Tensor {
  const dims = [...x.dims];
  const strides = [...x.strides];
  dims[range.axis] = range.length;
  strides[range.axis] = strides[range.axis]! * range.step;
  const offset = range.length === 0 ? x.offset : x.offset + range.start * x.strides[range.axis]!;
  return record(new Tensor(x.data, dims, strides, offset), "slice", [x], GRADIENT, range, () => slicedLabels(x, range.axis, range.length));
}

// ---------------------------------------------------------------------------------------------
// The op

/**
 * `x` sliced along `axis` as Python's `x[start:end:step]` on that axis (`undefined` = `None`;
 * negative bounds count from the end; bounds are clamped; a negative step walks backwards), as a
 * view sharing storage. Gradient: the upstream gradient scattered into zeros at the elements taken.
 * @example
 * slice(tensor([0, 1, 2, 3, 4, 5]), 0, 1, -1, 2).toArray(); //=> [1, 3]
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), 1, -1, undefined, -1).toArray(); //=> [[3, 2, 1], [6, 5, 4]]
 * slice(zeros([10, 4]), 0, 2, -1, 3).shape; //=> [3, 4]
 * @throws ShapeError `SHAPE_SLICE` (a zero step, a bound or step that is not an integer), `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function slice<
  S extends Shape,
  const Axis extends number,
  const Start extends SliceBound,
  const End extends SliceBound = undefined,
  const Step extends SliceBound = undefined,
>(
  x: Tensor<S>,
  axis: CheckedAxis<Axis, SliceCheck<SliceChecked<S, Axis, Start, End, Step, "slice">, Start, End, Step, "axis">, "slice">,
  start: CheckedArg<Start, SliceCheck<SliceChecked<S, Axis, Start, End, Step, "slice">, Start, End, Step, "start">>,
  end?: CheckedArg<End, SliceCheck<SliceChecked<S, Axis, Start, End, Step, "slice">, Start, End, Step, "end">>,
  step?: CheckedArg<Step, SliceCheck<SliceChecked<S, Axis, Start, End, Step, "slice">, Start, End, Step, "step">>,
): Tensor<SliceResult<S, Axis, Start, End, Step, "slice">> {
  const t = checkTensor("slice", x);
  return sliced(t, sliceRangeFor("slice", t.dims, axis as number, start as SliceBound, end as SliceBound, step as SliceBound)) as never;
}

/** The type of `Tensor#slice` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type SliceMethod = <
  Self extends Shape,
  const Axis extends number,
  const Start extends SliceBound,
  const End extends SliceBound = undefined,
  const Step extends SliceBound = undefined,
>(
  this: Tensor<Self>,
  axis: CheckedAxis<Axis, SliceCheck<SliceChecked<Self, Axis, Start, End, Step, "slice">, Start, End, Step, "axis">, "slice">,
  start: CheckedArg<Start, SliceCheck<SliceChecked<Self, Axis, Start, End, Step, "slice">, Start, End, Step, "start">>,
  end?: CheckedArg<End, SliceCheck<SliceChecked<Self, Axis, Start, End, Step, "slice">, Start, End, Step, "end">>,
  step?: CheckedArg<Step, SliceCheck<SliceChecked<Self, Axis, Start, End, Step, "slice">, Start, End, Step, "step">>,
) => Tensor<SliceResult<Self, Axis, Start, End, Step, "slice">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor sliced along `axis` as Python's `[start:end:step]` on that axis, as a view.
     * @example
     * zeros([10, 4]).slice(0, 2, -1, 3).shape; //=> [3, 4]
     * @throws ShapeError `SHAPE_SLICE`, `SHAPE_AXIS`
     */
    slice: SliceMethod;
  }
}

Tensor.prototype.slice = function (this: Tensor, axis: number, start: SliceBound, end?: SliceBound, step?: SliceBound) {
  return slice(this, axis as never, start as never, end as never, step as never);
} as never;

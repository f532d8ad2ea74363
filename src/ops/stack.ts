/**
 * Stacking: the shape rule `stackShape` and `stack()` (a composition: unsqueeze each tensor, then
 * concatenate). Mirrors types/ops/stack.ts rule for rule and message for message (the rules are
 * documented there): equal shapes, a new axis of size "number of shapes".
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { StackArgs, StackAxisArg, StackShape, StackTensorsArgs, StackOfTensors } from "../../types/ops/stack.js";
import { ShapeError, formatDim, formatShape } from "../errors.js";
import { normalizeAxis } from "../axes.js";
import { compareSizes, sizeClashHint, type SizeComparison } from "../symbolic.js";
import { Tensor } from "../tensor.js";
import { concatTensors, tensorList, validateShapeList, type ShapesOf } from "./concat.js";
import { reshapeTensor } from "./reshape.js";

/** Mirrors `WriteStackEmptyMessage`. */
export function writeStackEmptyMessage(op: string): string {
  return `SHAPE_STACK: ${op}: cannot stack an empty list: needs at least one tensor`;
}

/** Mirrors `WriteStackRankMessage`. */
export function writeStackRankMessage(op: string, first: Shape, shape: Shape, firstIndex: number, index: number): string {
  return `SHAPE_STACK: ${op}: cannot stack ${formatShape(first)} with ${formatShape(shape)}: tensor ${firstIndex} has rank ${first.length} but tensor ${index} has rank ${shape.length}; stacked tensors must have the same shape`;
}

/** Mirrors `WriteStackMessage`. */
export function writeStackMessage(op: string, first: Shape, shape: Shape, firstIndex: number, index: number, at: number, firstDim: Dim, dim: Dim, kind: SizeComparison): string {
  return `SHAPE_STACK: ${op}: cannot stack ${formatShape(first)} with ${formatShape(shape)}: axis ${at} is ${formatDim(firstDim)} in tensor ${firstIndex} but ${formatDim(dim)} in tensor ${index}; ${sizeClashHint(kind, firstDim, dim, "stacked tensors must have the same shape")}`;
}

/**
 * The stacking rule with the op's name for messages, on valid shapes: `[result shape, index of the
 * new axis]`. Throws the mirrored `ShapeError`s.
 */
export function stackedFor(op: string, shapes: readonly Shape[], axis: number): [Dim[], number] {
  if (shapes.length === 0) throw new ShapeError("SHAPE_STACK", op, [], writeStackEmptyMessage(op));
  const first = shapes[0]!;
  for (let i = 1; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (shape.length !== first.length) throw new ShapeError("SHAPE_STACK", op, [first, shape], writeStackRankMessage(op, first, shape, 0, i));
    for (let at = 0; at < first.length; at++) {
      const kind = compareSizes(first[at]!, shape[at]!);
      if (kind !== "equal") {
        throw new ShapeError("SHAPE_STACK", op, [first, shape], writeStackMessage(op, first, shape, 0, i, at, first[at]!, shape[at]!, kind));
      }
    }
  }
  const index = normalizeAxis(op, first, axis, first.length + 1);
  return [[...first.slice(0, index), shapes.length, ...first.slice(index)], index];
}

/**
 * The shape of the stack of `shapes` along a new axis `axis` (default 0; −rank−1 … rank, negative
 * counts from the end of the result): the shapes must be equal; the result has an axis of size
 * "number of shapes" inserted at `axis`.
 * @example
 * stackShape([[2, 3], [2, 3], [2, 3]], -1); //=> [2, 3, 3]
 * stackShape([["n", 3], ["n", 3]]); //=> [2, "n", 3]
 * stackShape([[2, 3], [2, 4]]); //=> throws SHAPE_STACK
 * @throws ShapeError `SHAPE_STACK` (an empty list, shapes that differ), `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function stackShape<const Shapes extends Dim[][], const Axis extends number = 0>(
  shapes: StackArgs<Shapes, Axis, "stackShape">,
  axis?: CheckedArg<Axis, StackAxisArg<Shapes, Axis, "stackShape">>,
): StackShape<Shapes, Axis, "stackShape"> {
  return stackedFor("stackShape", validateShapeList("stackShape", shapes), (axis as number | undefined) ?? 0)[0] as never;
}

// ---------------------------------------------------------------------------------------------
// The op (tensors): a composition, unsqueeze then concat, with no gradient rule of its own

/** The result type of a stack: the rule's shape, or `number[]` when it failed (the argument checks report that). */
export type StackResultShape<Tensors extends readonly Tensor[], Axis extends number, Op extends string> = StackOfTensors<ShapesOf<Tensors>, Axis, Op>;

/** The tensor list argument of `stack`: the failing tensor (or the whole list) intersected with its error. */
export type StackTensorArgs<Tensors extends readonly Tensor[], Axis extends number, Op extends string> = StackTensorsArgs<Tensors, ShapesOf<Tensors>, Axis, Op>;

/**
 * The tensors (all of one shape) joined along a new axis `axis` (default 0; −rank−1 … rank): each
 * gets a size-1 axis there and they are concatenated along it. Gradient (by composition): the
 * upstream gradient split along the new axis, each piece reshaped back.
 * @example
 * stack([tensor([1, 2]), tensor([3, 4])]).toArray(); //=> [[1, 2], [3, 4]]
 * stack([tensor([1, 2]), tensor([3, 4])], -1).toArray(); //=> [[1, 3], [2, 4]]
 * stack([zeros([2, 3]), zeros([2, 4])]); //=> throws SHAPE_STACK
 * @throws ShapeError `SHAPE_STACK`, `SHAPE_AXIS`; InputError `INPUT_DTYPE_MISMATCH`
 */
export function stack<const Tensors extends readonly Tensor[], const Axis extends number = 0>(
  tensors: StackTensorArgs<Tensors, Axis, "stack">,
  axis?: CheckedAxis<Axis, StackAxisArg<ShapesOf<Tensors>, Axis, "stack", false>, "stack">,
): Tensor<StackResultShape<Tensors, Axis, "stack">> {
  const list = tensorList("stack", tensors);
  const [dims, index] = stackedFor("stack", list.map((t) => t.dims), (axis as number | undefined) ?? 0);
  const pieces = list.map((t) => reshapeTensor(t, [...t.dims.slice(0, index), 1, ...t.dims.slice(index)]));
  return concatTensors(pieces, index, dims as number[]) as never;
}

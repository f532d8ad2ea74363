/**
 * Concatenation: the shape rule `concatShape`, the concat primitive (a copy into fresh storage;
 * gradient: the upstream gradient split back into views) and `concat()`. Mirrors types/ops/concat.ts
 * rule for rule and message for message (the rules are documented there): same rank, dims off the
 * axis equal as sizes, the axis the sum of the dims on it (symbolic sums in normal form,
 * src/symbolic.ts).
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { ConcatArgs, ConcatAxisArg, ConcatShape, ConcatTensorsArgs, ConcatOfTensors } from "../../types/ops/concat.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { normalizeAxis } from "../axes.js";
import { record, type GradRule } from "../autograd.js";
import { allocate, commonDType } from "../dtype.js";
import { describeValue, sizeOf } from "../shape.js";
import { Tensor, contiguousData } from "../tensor.js";
import { sliced } from "./slice.js";
import { addPoly, compareSizes, dimPoly, formatPoly, isTooLarge, polyDim, sizeClashHint, validateSizes, type Poly, type SizeComparison, concatLabels } from "../symbolic.js";

/** Mirrors `WriteConcatEmptyMessage`. */
export function writeConcatEmptyMessage(op: string): string {
  return `SHAPE_CONCAT: ${op}: cannot concatenate an empty list: needs at least one tensor`;
}

/** Mirrors `WriteConcatRankMessage`. */
export function writeConcatRankMessage(op: string, first: Shape, shape: Shape, firstIndex: number, index: number): string {
  return `SHAPE_RANK: ${op}: cannot concatenate ${formatShape(first)} with ${formatShape(shape)}: tensor ${firstIndex} has rank ${first.length} but tensor ${index} has rank ${shape.length}; all tensors must have the same rank`;
}

/** Mirrors `WriteConcatMessage`. */
export function writeConcatMessage(
  op: string,
  first: Shape,
  shape: Shape,
  firstIndex: number,
  index: number,
  axis: number,
  at: number,
  firstDim: Dim,
  dim: Dim,
  kind: SizeComparison,
): string {
  return `SHAPE_CONCAT: ${op}: cannot concatenate ${formatShape(first)} with ${formatShape(shape)} along axis ${axis}: axis ${at} is ${formatDim(firstDim)} in tensor ${firstIndex} but ${formatDim(dim)} in tensor ${index}; ${sizeClashHint(kind, firstDim, dim, `only axis ${axis} may differ`)}`;
}

/** Mirrors `WriteConcatSizeMessage`. */
export function writeConcatSizeMessage(op: string, shapes: readonly Shape[], axis: number, size: string): string {
  return `SHAPE_CONCAT: ${op}: cannot concatenate ${shapes.map(formatShape).join(", ")} along axis ${axis}: it would have size ${size}, above the largest safe integer 9007199254740991`;
}

/** Checks a list of shapes: an array, each shape valid (`SHAPE_INVALID_SHAPE`). */
export function validateShapeList(op: string, shapes: unknown): Shape[] {
  if (!Array.isArray(shapes)) {
    throw new ShapeError("SHAPE_INVALID_SHAPE", op, [], `SHAPE_INVALID_SHAPE: ${op}: expected a list of shapes (or tensors), got ${typeof shapes}`);
  }
  return shapes.map((shape) => validateSizes(op, shape));
}

/**
 * The concatenation rule with the op's name for messages, on valid shapes: the result shape, or the
 * index of the normalised axis check first. Throws the mirrored `ShapeError`s.
 */
export function concatenatedFor(op: string, shapes: readonly Shape[], axis: number): Dim[] {
  if (shapes.length === 0) throw new ShapeError("SHAPE_CONCAT", op, [], writeConcatEmptyMessage(op));
  const first = shapes[0]!;
  const index = normalizeAxis(op, first, axis);
  let sum: Poly = dimPoly(first[index]!)!;
  for (let i = 1; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (shape.length !== first.length) {
      throw new ShapeError("SHAPE_RANK", op, [first, shape], writeConcatRankMessage(op, first, shape, 0, i));
    }
    for (let at = 0; at < first.length; at++) {
      if (at === index) continue;
      const kind = compareSizes(first[at]!, shape[at]!);
      if (kind !== "equal") {
        throw new ShapeError("SHAPE_CONCAT", op, [first, shape], writeConcatMessage(op, first, shape, 0, i, index, at, first[at]!, shape[at]!, kind));
      }
    }
    sum = addPoly(sum, dimPoly(shape[index]!)!);
  }
  if (isTooLarge(sum)) throw new ShapeError("SHAPE_CONCAT", op, shapes, writeConcatSizeMessage(op, shapes, index, formatPoly(sum)));
  const out = [...first];
  out[index] = polyDim(sum);
  return out;
}

/**
 * The shape of the concatenation of `shapes` along `axis` (default 0; negative counts from the
 * end): every shape has the first one's rank and its dims off the axis; the axis is the sum of the
 * dims on it — symbolic sums in normal form, so `"n"` and `"m"` give `"n+m"`.
 * @example
 * concatShape([[2, 3], [2, 4]], 1); //=> [2, 7]
 * concatShape([["n", 3], ["m", 3]]); //=> ["n+m", 3]
 * concatShape([[2, 3], [4, 5]], 1); //=> throws SHAPE_CONCAT
 * @throws ShapeError `SHAPE_CONCAT` (an empty list, dims off the axis differ, a size above
 * 2^53 − 1), `SHAPE_RANK`, `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function concatShape<const Shapes extends Dim[][], const Axis extends number = 0>(
  shapes: ConcatArgs<Shapes, Axis, "concatShape">,
  axis?: CheckedArg<Axis, ConcatAxisArg<Shapes, Axis, "concatShape">>,
): ConcatShape<Shapes, Axis, "concatShape"> {
  return concatenatedFor("concatShape", validateShapeList("concatShape", shapes), (axis as number | undefined) ?? 0) as never;
}

// ---------------------------------------------------------------------------------------------
// The concat primitive (tensors)

/** The pieces of a concatenation along an axis: each input's extent along it. */
interface ConcatSaved {
  readonly axis: number;
  readonly sizes: readonly number[];
}

/** Gradient rule: the upstream gradient split along the axis into the inputs' extents (views). */
const GRADIENT: GradRule<ConcatSaved> = (g, inputs, _out, { axis, sizes }) => {
  let start = 0;
  return inputs.map((_, i) => {
    const piece = sliced(g, { axis, start, step: 1, length: sizes[i]! });
    start += sizes[i]!;
    return piece;
  });
};

/**
 * Primitive: the tensors (checked by the caller: same rank, equal dims off `axis`, one dtype) joined
 * along `axis` into fresh contiguous storage — for each run of the axes before `axis`, each input's
 * contiguous block in turn. Gradient: the upstream gradient split back into views.
 */
export function concatTensors(tensors: readonly Tensor[], axis: number, dims: readonly number[]): Tensor {
  const dtype = commonDType("concat", tensors.map((t) => t.dtype));
  const out = allocate(dtype, sizeOf(dims, "concat", "the result has shape"), "concat");
  const outer = sizeOf(dims.slice(0, axis));
  const inner = sizeOf(dims.slice(axis + 1));
  const row = dims[axis]! * inner;
  let start = 0;
  for (const t of tensors) {
    const block = t.dims[axis]! * inner;
    if (block > 0) {
      const data = contiguousData(t);
      for (let o = 0; o < outer; o++) out.set(data.subarray(o * block, (o + 1) * block), o * row + start);
    }
    start += block;
  }
  return record(new Tensor(out, [...dims]), "concat", tensors, GRADIENT, { axis, sizes: tensors.map((t) => t.dims[axis]!) }, () => concatLabels(dims, tensors, axis));
}

/** The shapes of a list of tensors, as a tuple type. */
export type ShapesOf<Tensors extends readonly Tensor[]> = { [K in keyof Tensors]: Tensors[K]["shape"] };

/** The result type of a concatenation: the rule's shape, or `number[]` when it failed (the argument checks report that). */
export type ConcatResultShape<Tensors extends readonly Tensor[], Axis extends number, Op extends string> = ConcatOfTensors<ShapesOf<Tensors>, Axis, Op>;

/** The tensor list argument of `concat`: the failing tensor (or the whole list) intersected with its error. */
export type ConcatTensorArgs<Tensors extends readonly Tensor[], Axis extends number, Op extends string> = ConcatTensorsArgs<Tensors, ShapesOf<Tensors>, Axis, Op>;

/**
 * The tensors joined along `axis` (default 0; negative counts from the end): the same rank, equal
 * dims off the axis; the axis is the sum of theirs (`"n"` and `"m"` make `"n+m"`). The result is a
 * fresh tensor. Gradient: the upstream gradient split along the axis back into the inputs' parts.
 * @example
 * concat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]).toArray(); //=> [[1, 2], [3, 4], [5, 6]]
 * concat([zeros([2, 3]), zeros([2, 4])], 1).shape; //=> [2, 7]
 * concat([zeros([2, 3]), zeros([4, 5])], 1); //=> throws SHAPE_CONCAT
 * @throws ShapeError `SHAPE_CONCAT`, `SHAPE_RANK`, `SHAPE_AXIS`; InputError `INPUT_DTYPE_MISMATCH`
 */
export function concat<const Tensors extends readonly Tensor[], const Axis extends number = 0>(
  tensors: ConcatTensorArgs<Tensors, Axis, "concat">,
  axis?: CheckedAxis<Axis, ConcatAxisArg<ShapesOf<Tensors>, Axis, "concat", false>, "concat">,
): Tensor<ConcatResultShape<Tensors, Axis, "concat">> {
  const list = tensorList("concat", tensors);
  const dims = concatenatedFor("concat", list.map((t) => t.dims), (axis as number | undefined) ?? 0) as number[];
  const index = normalizeAxis("concat", list[0]!.dims, (axis as number | undefined) ?? 0);
  return concatTensors(list, index, dims) as never;
}

/**
 * Checks that `tensors` is an array of tensors (`INPUT_NOT_TENSORS`), each with at most 2^53 − 1
 * elements (`INPUT_TOO_LARGE`).
 */
export function tensorList(op: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors)) throw new InputError("INPUT_NOT_TENSORS", `${op}: expected a list of tensors, got ${describeValue(tensors)}`);
  for (let index = 0; index < tensors.length; index++) {
    const t: unknown = tensors[index];
    if (!(t instanceof Tensor)) throw new InputError("INPUT_NOT_TENSORS", `${op}: expected a list of tensors; element ${index} is ${describeValue(t)}`);
    sizeOf(t.dims, op, `tensor ${index} has shape`);
  }
  return tensors as Tensor[];
}

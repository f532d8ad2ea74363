/**
 * Axis permutation: the shape rules `permuteShape` and `transposeShape`, the strided view, its
 * gradient rule, `permute()`/`transpose()` and their methods. Mirrors types/ops/permute.ts.
 *
 * The axes must name every axis once (negative axes count from the end): out of range or named twice
 * is `SHAPE_AXIS`, an axis left out is `SHAPE_PERMUTE`. `transpose()` without axes reverses them all.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedShape } from "../../types/creation.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";

import type {
  MatrixTransposeOutcome,
  MatrixTransposeShape,
  PermuteCheck,
  PermuteResult,
  PermuteShape,
  SwapAxisCheck,
  SwapAxesResult,
  SwapaxesShape,
  TransposeFirstCheck,
  TransposeResult,
  TransposeSecondCheck,
  TransposeShape,
} from "../../types/ops/permute.js";
import { InputError, ShapeError, formatShape } from "../errors.js";
import { checkTensor, formatAxes, normalizeAxes, normalizeAxis } from "../axes.js";
import { safeString, validateShape } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor } from "../tensor.js";
import { permutedLabels } from "../symbolic.js";

/** Mirrors `WritePermuteMessage`. */
export function writePermuteMessage(op: string, shape: Shape, axes: readonly number[], missing: number): string {
  return `SHAPE_PERMUTE: ${op}: axes ${formatAxes(axes)} do not permute ${formatShape(shape)}: axis ${missing} is missing; name each of the ${shape.length} axes once`;
}

/**
 * The normalised permutation `axes` describes for `shape` (reversal when `undefined`); throws the
 * mirrored errors. `op` names the caller. The shape must already be valid.
 */
export function permutationFor(op: string, shape: Shape, axes: readonly number[] | undefined): number[] {
  if (axes === undefined) return shape.map((_, index) => shape.length - 1 - index);
  if (!Array.isArray(axes)) throw new ShapeError("SHAPE_PERMUTE", op, [shape], `SHAPE_PERMUTE: ${op}: axes ${safeString(axes)} are not a list of axes for ${formatShape(shape)}`);
  const indices = normalizeAxes(op, shape, axes);
  if (indices.length !== shape.length) {
    let missing = 0;
    while (indices.includes(missing)) missing++;
    throw new ShapeError("SHAPE_PERMUTE", op, [shape], writePermuteMessage(op, shape, axes, missing));
  }
  return indices;
}

/**
 * `shape` with its axes in the order `axes`, a permutation of its axes (negative axes count from
 * the end): the result's axis `i` is `shape[axes[i]]`.
 * @example
 * permuteShape([2, 3, 4], [2, 0, -2]); //=> [4, 2, 3]
 * permuteShape([2, 3, 4], [0, 2]); //=> throws SHAPE_PERMUTE
 * @throws ShapeError `SHAPE_AXIS` (out of range, named twice), `SHAPE_PERMUTE` (an axis left out),
 * `SHAPE_INVALID_SHAPE`
 */
export function permuteShape<const S extends Dim[], const Axes extends number[]>(
  shape: CheckedShape<S, "permuteShape", S>,
  axes: CheckedArg<Axes, PermuteShape<S, Axes>>,
): PermuteShape<S, Axes> {
  validateShape("permuteShape", shape);
  return permutationFor("permuteShape", shape as Shape, axes as number[]).map((index) => (shape as Shape)[index]!) as never;
}

/**
 * `transpose`'s shape rule: `shape` reversed when `axes` is omitted (NumPy's `transpose()`), else
 * `permuteShape(shape, axes)`.
 * @example
 * transposeShape(["batch", 3, 4]); //=> [4, 3, "batch"]
 * transposeShape([2, 3, 4], [0, 2, 1]); //=> [2, 4, 3]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`, `SHAPE_INVALID_SHAPE`
 */
export function transposeShape<const S extends Dim[], const Axes extends number[] | undefined = undefined>(
  shape: CheckedShape<S, "transposeShape", S>,
  axes?: CheckedArg<Axes, TransposeShape<S, Axes>>,
): TransposeShape<S, Axes> {
  validateShape("transposeShape", shape);
  return permutationFor("transposeShape", shape as Shape, axes as number[] | undefined).map((index) => (shape as Shape)[index]!) as never;
}

// ---------------------------------------------------------------------------------------------
// The primitive: a strided view

/** Gradient rule: the upstream gradient permuted back by the inverse permutation. */
const GRADIENT: GradRule<readonly number[]> = (g, _inputs, _out, order) => {
  const inverse: number[] = new Array(order.length);
  order.forEach((axis, index) => (inverse[axis] = index));
  return [permuted(g, inverse)];
};

/**
 * Primitive: `x` with its axes in `order` (a normalised permutation) as a view — the same storage with
 * permuted sizes and strides, no copy. `x` itself for the identity.
 */
export function permuted(x: Tensor, order: readonly number[]): Tensor {
  if (order.every((axis, index) => axis === index)) return x;
  const view = new Tensor(x.data, order.map((axis) => x.dims[axis]!), order.map((axis) => x.strides[axis]!), x.offset);
  return record(view, "permute", [x], GRADIENT, order, () => permutedLabels(x, order));
}

/** `x` with its last two axes swapped (a view); internal, for matmul's gradient. */
export function swapLastTwo(x: Tensor): Tensor {
  const rank = x.dims.length;
  return permuted(x, x.dims.map((_, axis) => (axis < rank - 2 ? axis : axis === rank - 2 ? rank - 1 : rank - 2)));
}

// ---------------------------------------------------------------------------------------------
// The ops

/**
 * `x` with its axes in the order `axes` (a permutation of its axes; negative axes count from the
 * end), as a view sharing storage. Gradient: the upstream gradient permuted back by the inverse
 * permutation.
 * @example
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape; //=> [4, 2, 3]
 * permute(tensor([[1, 2, 3], [4, 5, 6]]), [1, 0]).toArray(); //=> [[1, 4], [2, 5], [3, 6]]
 * @throws ShapeError `SHAPE_AXIS` (out of range, named twice), `SHAPE_PERMUTE` (an axis left out); InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function permute<S extends Shape, const Axes extends readonly number[]>(
  x: Tensor<S>,
  axes: CheckedAxis<Axes, PermuteCheck<S, Axes, "permute">, "permute">,
): Tensor<PermuteResult<S, Axes, "permute">> {
  const t = checkTensor("permute", x);
  return permuted(t, permutationFor("permute", t.dims, axes as readonly number[])) as never;
}

/**
 * `x` with its axes reversed (no axes, like NumPy's `transpose()`: a matrix's transpose), permuted as
 * `permute(x, axes)` (a list), or with two axes exchanged as `swapaxes(x, dim0, dim1)` (two numbers,
 * PyTorch's `transpose(dim0, dim1)`); a view sharing storage. Gradient: as `permute`.
 * @example
 * transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray(); //=> [[1, 4], [2, 5], [3, 6]]
 * transpose(zeros([8, 3, 5])).shape; //=> [5, 3, 8]
 * transpose(zeros([8, 3, 5]), 1, 2).shape; //=> [8, 5, 3]
 * @throws ShapeError `SHAPE_AXIS` (also for a single number), `SHAPE_PERMUTE`; InputError `INPUT_AXIS` (an axis that is not a number, a second axis after a list), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function transpose<S extends Shape, const First extends TransposeArg = undefined, const Second extends number | undefined = undefined>(
  x: Tensor<S>,
  first?: CheckedAxis<First, TransposeFirstCheck<S, First, Second, "transpose">, "transpose">,
  second?: Second & TransposeSecondCheck<S, First, Second, "transpose">,
): Tensor<TransposeResult<S, First, Second, "transpose">> {
  const t = checkTensor("transpose", x);
  return permuted(t, transposeOrder("transpose", t.dims, first as TransposeArg, second as number | undefined)) as never;
}

/** What `transpose`'s first argument may be: a list of axes, the first of two axes to swap, or nothing. */
type TransposeArg = readonly number[] | number | undefined;

/** Mirrors `WriteTransposeOneAxisMessage`. */
export function writeTransposeOneAxisMessage(op: string, shape: Shape, axis: number): string {
  return `SHAPE_AXIS: ${op}: cannot transpose ${formatShape(shape)} by the single axis ${axis}: give two axes to swap, or a list of all the axes`;
}

/** The permutation `transpose(first, second)` describes for `shape`; throws the mirrored errors. */
function transposeOrder(op: string, shape: readonly number[], first: TransposeArg, second: number | undefined): number[] {
  if (typeof first === "number") {
    if (second === undefined) {
      normalizeAxis(op, shape, first, shape.length, "dim0");
      throw new ShapeError("SHAPE_AXIS", op, [shape], writeTransposeOneAxisMessage(op, shape, first));
    }
    return swapOrder(op, shape, first, second);
  }
  if (second !== undefined) throw new InputError("INPUT_AXIS", `${op}: dim1 must be omitted when the axes are a list`);
  return permutationFor(op, shape, first);
}

/** The permutation that exchanges axes `first` and `second` of `shape`; throws `SHAPE_AXIS`/`INPUT_AXIS`. */
function swapOrder(op: string, shape: Shape, first: number, second: number): number[] {
  const i = normalizeAxis(op, shape, first, shape.length, "dim0");
  const j = normalizeAxis(op, shape, second, shape.length, "dim1");
  const order = shape.map((_, axis) => axis);
  order[i] = j;
  order[j] = i;
  return order;
}

/**
 * `shape` with axes `first` and `second` exchanged (negative axes count from the end; one axis named
 * twice is the identity), PyTorch's `swapaxes`.
 * @example
 * swapaxesShape(["batch", 3, 4], 0, -1); //=> [4, 3, "batch"]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function swapaxesShape<const S extends Dim[], const First extends number, const Second extends number>(
  shape: CheckedShape<S, "swapaxesShape", S>,
  first: CheckedArg<First, SwapAxisCheck<S, First, "swapaxesShape">>,
  second: CheckedArg<Second, SwapAxisCheck<S, Second, "swapaxesShape">>,
): SwapaxesShape<S, First, Second, "swapaxesShape"> {
  validateShape("swapaxesShape", shape);
  return swapOrder("swapaxesShape", shape as Shape, first as number, second as number).map((index) => (shape as Shape)[index]!) as never;
}

/**
 * `x` with axes `dim0` and `dim1` exchanged (negative axes count from the end), as a view sharing
 * storage — PyTorch's `swapaxes` / `transpose(dim0, dim1)`. Gradient: the upstream gradient with the
 * same two axes exchanged back.
 * @example
 * swapaxes(zeros([2, 3, 4]), 0, -1).shape; //=> [4, 3, 2]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS` (an axis that is not a number), `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 */
export function swapaxes<S extends Shape, const First extends number, const Second extends number>(
  x: Tensor<S>,
  dim0: CheckedAxis<First, SwapAxisCheck<S, First, "swapaxes">, "swapaxes">,
  dim1: CheckedAxis<Second, SwapAxisCheck<S, Second, "swapaxes">, "swapaxes">,
): Tensor<SwapAxesResult<S, First, Second, "swapaxes">> {
  const t = checkTensor("swapaxes", x);
  return permuted(t, swapOrder("swapaxes", t.dims, dim0 as number, dim1 as number)) as never;
}

/** Mirrors `WriteMatrixTransposeMessage`. */
export function writeMatrixTransposeMessage(op: string, shape: Shape): string {
  return `SHAPE_RANK: ${op}: needs at least 2 axes, got ${formatShape(shape)}; the matrix transpose swaps the last two (add one with unsqueeze)`;
}

/**
 * The shape of `x.mT`: the last two axes swapped (PyTorch's matrix transpose of a batch of matrices).
 * @example
 * matrixTransposeShape(["batch", 3, 4]); //=> ["batch", 4, 3]
 * @throws ShapeError `SHAPE_RANK` (rank < 2), `SHAPE_INVALID_SHAPE`
 */
export function matrixTransposeShape<const S extends Dim[]>(shape: CheckedArg<S, MatrixTransposeShape<S>>): MatrixTransposeShape<S> {
  validateShape("matrixTransposeShape", shape);
  return matrixTransposeOrder("matrixTransposeShape", shape as Shape).map((index) => (shape as Shape)[index]!) as never;
}

function matrixTransposeOrder(op: string, shape: Shape): number[] {
  if (shape.length < 2) throw new ShapeError("SHAPE_RANK", op, [shape], writeMatrixTransposeMessage(op, shape));
  return swapOrder(op, shape, -1, -2);
}

/** The type of `Tensor#permute` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type PermuteMethod<Op extends string> = <Self extends Shape, const Axes extends readonly number[]>(
  this: Tensor<Self>,
  axes: CheckedAxis<Axes, PermuteCheck<Self, Axes, Op>, Op>,
) => Tensor<PermuteResult<Self, Axes, Op>>;

/** The type of `Tensor#transpose`. */
type TransposeMethod = <Self extends Shape, const First extends TransposeArg = undefined, const Second extends number | undefined = undefined>(
  this: Tensor<Self>,
  first?: CheckedAxis<First, TransposeFirstCheck<Self, First, Second, "transpose">, "transpose">,
  second?: Second & TransposeSecondCheck<Self, First, Second, "transpose">,
) => Tensor<TransposeResult<Self, First, Second, "transpose">>;

/** The type of `Tensor#swapaxes`. */
type SwapAxesMethod = <Self extends Shape, const First extends number, const Second extends number>(
  this: Tensor<Self>,
  dim0: CheckedAxis<First, SwapAxisCheck<Self, First, "swapaxes">, "swapaxes">,
  dim1: CheckedAxis<Second, SwapAxisCheck<Self, Second, "swapaxes">, "swapaxes">,
) => Tensor<SwapAxesResult<Self, First, Second, "swapaxes">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor with its axes in the order `axes` (a permutation; negative axes count from the
     * end), as a view.
     * @example
     * zeros([2, 3, 4]).permute([2, 0, 1]).shape; //=> [4, 2, 3]
     * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`
     */
    permute: PermuteMethod<"permute">;
    /**
     * This tensor with its axes reversed (no `axes`, like NumPy) or permuted as `permute(axes)`, as a view.
     * @example
     * tensor([[1, 2], [3, 4]]).transpose().toArray(); //=> [[1, 3], [2, 4]]
     * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`
     */
    transpose: TransposeMethod;
    /**
     * This tensor with axes `dim0` and `dim1` exchanged (negative axes count from the end), as a view.
     * @example
     * zeros([2, 3, 4]).swapaxes(1, 2).shape; //=> [2, 4, 3]
     * @throws ShapeError `SHAPE_AXIS`
     */
    swapaxes: SwapAxesMethod;
    /**
     * This tensor with its last two axes swapped (PyTorch's `mT`: the transpose of each matrix in a
     * batch), as a view. A tensor of rank < 2 has no matrix transpose: the result type is then the
     * `SHAPE_RANK` error itself, so any use of it fails to compile with the runtime's message (a
     * getter cannot take the `this:` check a method does), and at run time the access throws it.
     * @example
     * zeros([8, 3, 4]).mT.shape; //=> [8, 4, 3]
     * @throws ShapeError `SHAPE_RANK`
     */
    readonly mT: MatrixTransposeProperty<this>;
  }
}

/**
 * The type of `Tensor#mT`: the transposed tensor, or the `SHAPE_RANK` error for rank < 2. Written over
 * the polymorphic `this` rather than `S`: a conditional on `S` in a property would break `Tensor`'s
 * covariance (`out S`), which TypeScript checks against its type-parameter markers.
 */
type MatrixTransposeProperty<This> = This extends { readonly shape: infer S extends Shape } ? MatrixTransposeTensor<MatrixTransposeOutcome<S, "mT">> : never;

/** The tensor (or error) of a `[result, check]` outcome, read by indexing (resolves for `[...Batch, T, D]`). */
type MatrixTransposeTensor<Outcome extends readonly [Shape, unknown]> = [Outcome[1]] extends [ShapeError<string>] ? Outcome[1] : Tensor<Outcome[0]>;

Tensor.prototype.permute = function (this: Tensor, axes: readonly number[]) {
  return permute(this, axes as never);
} as never;
Tensor.prototype.transpose = function (this: Tensor, first?: TransposeArg, second?: number) {
  return transpose(this, first as never, second as never);
} as never;
Tensor.prototype.swapaxes = function (this: Tensor, dim0: number, dim1: number) {
  return swapaxes(this, dim0 as never, dim1 as never);
} as never;
Object.defineProperty(Tensor.prototype, "mT", {
  configurable: true,
  get(this: Tensor) {
    const t = checkTensor("mT", this);
    return permuted(t, matrixTransposeOrder("mT", t.dims));
  },
});

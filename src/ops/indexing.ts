/**
 * Indexing: `indexSelect` (NumPy's `take` along an axis: `x.shape[:axis] ++ indices.shape ++
 * x.shape[axis+1:]`), `gather` (PyTorch's `gather`: `out[i][j][k] = x[i][index[i][j][k]][k]` for axis 1;
 * the index has x's rank, and off the axis each of its dims is at most x's) and `embedding` (rows of a
 * `[V, D]` weight looked up by integer ids: `[...ids.shape, D]`). Indices are int32 tensors whose
 * values must lie in `[0, size)` of the axis (no negative indices, as in PyTorch's `index_select` and
 * `gather`); a value out of range is `INPUT_INDEX`, naming the op, the value, where it is and the bound.
 * Gradient: the upstream gradient scatter-added into the source (a row picked twice gets both). The
 * indices take none. Mirrors types/ops/indexing.ts.
 */
import type { CheckedAxis, NormalizeAxis } from "../../types/internal/axes.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg, IdentityFirst } from "../../types/errors.js";
import type { EmbeddingResult, EmbeddingShape, GatherIdentityCheck, GatherShape, IndexSelectResult, IndexSelectShape } from "../../types/ops/indexing.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { validateShape } from "../shape.js";
import { compareSizes, labelsOf } from "../symbolic.js";
import { allocate, type Storage } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";

// ---------------------------------------------------------------------------------------------
// Shape rules and messages

/**
 * The shape of `indexSelect(x, axis, indices)`: `shape[:axis] ++ indicesShape ++ shape[axis+1:]`.
 * @example
 * indexSelectShape([5, 3, 4], 1, [2, 7]); //=> [5, 2, 7, 4]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function indexSelectShape<const S extends Dim[], const Axis extends number, const I extends Dim[]>(
  shape: S,
  axis: CheckedArg<Axis, IndexSelectShape<S, Axis, I>>,
  indicesShape: I,
): IndexSelectShape<S, Axis, I> {
  validateShape("indexSelectShape", shape);
  validateShape("indexSelectShape", indicesShape);
  return selectedShape("indexSelectShape", shape, axis as number, indicesShape) as never;
}

function selectedShape(op: string, shape: Shape, axis: number, indices: Shape): Dim[] {
  const index = normalizeAxis(op, shape, axis);
  return [...shape.slice(0, index), ...indices, ...shape.slice(index + 1)];
}

/** Mirrors `WriteGatherRankMessage`. */
export function writeGatherRankMessage(op: string, shape: Shape, index: Shape): string {
  return `SHAPE_RANK: ${op}: index ${formatShape(index)} and x ${formatShape(shape)} differ in rank: ${index.length} vs ${shape.length}; index must have x's rank`;
}

/** Mirrors `WriteGatherMessage`. */
export function writeGatherMessage(op: string, shape: Shape, index: Shape, axis: number, at: number): string {
  return `SHAPE_GATHER: ${op}: index ${formatShape(index)} does not fit x ${formatShape(shape)}: axis ${at} is ${formatDim(index[at]!)} vs ${formatDim(shape[at]!)}; off the gather axis ${axis}, index may be at most x's size`;
}

/**
 * The shape of `gather(x, axis, index)`: the index's shape, once it has x's rank and, off the axis,
 * no dim larger than x's.
 * @example
 * gatherShape([4, 10], 1, [4, 1]); //=> [4, 1]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_RANK`, `SHAPE_GATHER`, `SHAPE_INVALID_SHAPE`
 */
export function gatherShape<const S extends Dim[], const Axis extends number, const I extends Dim[]>(
  shape: S,
  axis: CheckedArg<Axis, GatherShape<S, Axis, I>>,
  indexShape: CheckedArg<I, GatherShape<S, Axis, I>>,
): GatherShape<S, Axis, I> {
  validateShape("gatherShape", shape);
  validateShape("gatherShape", indexShape);
  checkGather("gatherShape", shape, axis as number, indexShape as Shape);
  return [...indexShape] as never;
}

/**
 * The checks of `gather`'s shapes, in the type rule's order; returns the normalised axis. Off the
 * axis an index dim fits when it equals x's (by normal form) or both are numbers and it is not larger;
 * two different names, or a name and a number, may differ, so they do not fit (as `Fits`).
 */
function checkGather(op: string, shape: Shape, axis: number, index: Shape): number {
  const at = normalizeAxis(op, shape, axis);
  if (index.length !== shape.length) throw new ShapeError("SHAPE_RANK", op, [shape, index], writeGatherRankMessage(op, shape, index));
  for (let d = 0; d < shape.length; d++) {
    if (d === at) continue;
    const kind = compareSizes(index[d]!, shape[d]!);
    if (kind === "equal" || (kind === "known" && Number(index[d]) <= Number(shape[d]))) continue;
    throw new ShapeError("SHAPE_GATHER", op, [shape, index], writeGatherMessage(op, shape, index, at, d));
  }
  return at;
}

/** Mirrors `WriteEmbeddingMessage`. */
export function writeEmbeddingMessage(op: string, weight: Shape): string {
  return `SHAPE_RANK: ${op}: the weight must be a matrix [V, D], got ${formatShape(weight)}`;
}

/**
 * The shape of `embedding(weight, ids)`: `[...idsShape, D]` for a weight `[V, D]`.
 * @example
 * embeddingShape([1000, 64], [8, 12]); //=> [8, 12, 64]
 * @throws ShapeError `SHAPE_RANK`, `SHAPE_INVALID_SHAPE`
 */
export function embeddingShape<const W extends Dim[], const I extends Dim[]>(
  weight: CheckedArg<W, EmbeddingShape<W, I>>,
  idsShape: I,
): EmbeddingShape<W, I> {
  validateShape("embeddingShape", weight);
  validateShape("embeddingShape", idsShape);
  if ((weight as Shape).length !== 2) throw new ShapeError("SHAPE_RANK", "embeddingShape", [weight as Shape], writeEmbeddingMessage("embeddingShape", weight as Shape));
  return [...idsShape, weight[1]!] as never;
}

// ---------------------------------------------------------------------------------------------
// Kernels

/** The values of an index tensor, row-major, checked: int32, each in `[0, bound)`. */
function indexValues(op: string, name: string, t: Tensor, bound: number, axis: number, shape: readonly number[]): Int32Array {
  if (t.dtype !== "int32") {
    throw new InputError("INPUT_DTYPE", `${op}: ${name} must be int32, got ${t.dtype}; convert it first with .astype('int32')`);
  }
  const values = contiguousData(t) as Int32Array;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= bound) {
      throw new InputError(
        "INPUT_INDEX",
        `${op}: index ${v} (element ${i} of ${name}) is out of range for axis ${axis} of ${formatShape(shape)}: valid indices are 0 to ${bound - 1}`,
      );
    }
  }
  return values;
}

/** `[outer, size, inner]`: the products of the dims before `axis`, at it, and after it. */
function around(dims: readonly number[], axis: number): [number, number, number] {
  let outer = 1;
  for (let k = 0; k < axis; k++) outer *= dims[k]!;
  let inner = 1;
  for (let k = axis + 1; k < dims.length; k++) inner *= dims[k]!;
  return [outer, dims[axis]!, inner];
}

/** What the gradient rules need: the axis and the checked index values. */
interface Picked {
  readonly axis: number;
  readonly indices: Int32Array;
}

/**
 * `take` along `axis`: `out[o, j, i] = x[o, indices[j], i]`; with `scatter`, the adjoint
 * `x[o, indices[j], i] += out[o, j, i]` (x zeroed by the caller).
 */
function takeKernel(x: Storage, xDims: readonly number[], axis: number, indices: Int32Array, out: Storage, scatter: boolean): void {
  const [outer, size, inner] = around(xDims, axis);
  const count = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const from = (o * size + indices[j]!) * inner;
      const to = (o * count + j) * inner;
      if (scatter) for (let i = 0; i < inner; i++) x[from + i] += out[to + i]!;
      else for (let i = 0; i < inner; i++) out[to + i] = x[from + i]!;
    }
  }
}

/**
 * `gather` along `axis`: for each position p of the index (row-major over `indexDims`),
 * `out[p] = x[p with axis replaced by index[p]]`; with `scatter`, `x[…] += out[p]`.
 */
function gatherKernel(x: Storage, xDims: readonly number[], axis: number, index: Int32Array, indexDims: readonly number[], out: Storage, scatter: boolean): void {
  const rank = xDims.length;
  const strides: number[] = new Array(rank);
  for (let d = rank - 1, step = 1; d >= 0; d--) {
    strides[d] = step;
    step *= xDims[d]!;
  }
  const position = new Array<number>(rank).fill(0);
  for (let p = 0; p < index.length; p++) {
    let at = 0;
    for (let d = 0; d < rank; d++) at += (d === axis ? index[p]! : position[d]!) * strides[d]!;
    if (scatter) x[at] += out[p]!;
    else out[p] = x[at]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++position[d]! < indexDims[d]!) break;
      position[d] = 0;
    }
  }
}

const indexSelectGradient: GradRule<Picked> = (g, [x], _out, { axis, indices }) => {
  const grad = allocate(x!.dtype, x!.size);
  takeKernel(grad, x!.dims, axis, indices, contiguousData(g), true);
  return [fromStorage(grad, x!.shape), null];
};

const gatherGradient: GradRule<Picked> = (g, [x], _out, { axis, indices }) => {
  const grad = allocate(x!.dtype, x!.size);
  gatherKernel(grad, x!.dims, axis, indices, g.dims, contiguousData(g), true);
  return [fromStorage(grad, x!.shape), null];
};

/** `indexSelect` under the name `op` (also `embedding`'s). */
function select(op: string, x: Tensor, axis: number, indices: Tensor): Tensor {
  const shape = selectedShape(op, x.dims, axis, indices.dims) as number[];
  const at = normalizeAxis(op, x.dims, axis);
  const values = indexValues(op, "indices", indices, x.dims[at]!, at, x.dims);
  const out = allocate(x.dtype, shape.reduce((p, d) => p * d, 1), op);
  takeKernel(contiguousData(x), x.dims, at, values, out, false);
  // Names: x's axes before and after the selected one, the indices' axes in its place.
  const labels = () => {
    const own = labelsOf(x);
    const picked = labelsOf(indices);
    return [...(own?.slice(0, at) ?? new Array<undefined>(at).fill(undefined)), ...(picked ?? new Array<undefined>(indices.dims.length).fill(undefined)), ...(own?.slice(at + 1) ?? new Array<undefined>(x.dims.length - at - 1).fill(undefined))];
  };
  return record(fromStorage(out, shape), op, [x, indices], indexSelectGradient, { axis: at, indices: values }, labels);
}

// ---------------------------------------------------------------------------------------------
// The ops

/**
 * The slices of `x` along `axis` picked by `indices` (an int32 tensor of any rank), in their order:
 * NumPy's `take(x, indices, axis)`. Result shape `x.shape[:axis] ++ indices.shape ++ x.shape[axis+1:]`.
 * Gradient: the upstream gradient scatter-added back into the picked slices of `x`.
 * @example
 * indexSelect(tensor([[1, 2], [3, 4], [5, 6]]), 0, tensor([2, 0, 2], { dtype: "int32" })).toArray(); //=> [[5, 6], [1, 2], [5, 6]]
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_INDEX` (a value outside `[0, size)`), `INPUT_DTYPE` (indices not int32), `INPUT_OPERAND`
 */
export function indexSelect<S extends Shape, const Axis extends number, I extends Shape>(
  x: Tensor<S>,
  axis: CheckedAxis<Axis, NormalizeAxis<"indexSelect", S, Axis>, "indexSelect">, // the axis is x's: the indices' rank does not bear on it
  indices: Tensor<I>,
): Tensor<IndexSelectResult<S, Axis, I>> {
  checkTensor("indexSelect", x);
  checkTensor("indexSelect", indices, "indices");
  return select("indexSelect", x, axis as number, indices) as never;
}

/**
 * PyTorch's `gather`: `out[p] = x[p with axis replaced by index[p]]` for every position `p` of
 * `index`, an int32 tensor of x's rank whose dims off the axis are at most x's. The result has the
 * index's shape. Gradient: the upstream gradient scatter-added into `x`.
 * @example
 * gather(tensor([[1, 2, 3], [4, 5, 6]]), 1, tensor([[2], [0]], { dtype: "int32" })).toArray(); //=> [[3], [4]]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_RANK`, `SHAPE_GATHER`; InputError `INPUT_INDEX`, `INPUT_DTYPE`, `INPUT_OPERAND`
 */
export function gather<S extends Shape, const Axis extends number, I extends Shape = never>(
  x: Tensor<S>,
  axis: Axis,
  index: IdentityFirst<GatherIdentityCheck<S, Axis, I, "gather">, CheckedArg<Tensor<I>, GatherShape<S, Axis, I, "gather">>>,
): Tensor<I> {
  checkTensor("gather", x);
  const idx = checkTensor("gather", index, "index");
  const at = checkGather("gather", x.dims, axis, idx.dims);
  const values = indexValues("gather", "index", idx, x.dims[at]!, at, x.dims);
  const out = allocate(x.dtype, values.length, "gather");
  gatherKernel(contiguousData(x), x.dims, at, values, idx.dims, out, false);
  return record(fromStorage(out, idx.shape), "gather", [x, idx], gatherGradient, { axis: at, indices: values }, () => labelsOf(idx)) as never;
}

/**
 * Looks up rows of `weight` (`[V, D]`: V embeddings of size D) by the int32 `ids` (any shape `S`):
 * `[...S, D]`, i.e. `indexSelect(weight, 0, ids)`. Gradient: scatter-added into the rows used.
 * @example
 * embedding(tensor([[0, 0], [1, 1], [2, 2]]), tensor([[2, 1]], { dtype: "int32" })).toArray(); //=> [[[2, 2], [1, 1]]]
 * @throws ShapeError `SHAPE_RANK` (a weight that is not a matrix); InputError `INPUT_INDEX`, `INPUT_DTYPE`, `INPUT_OPERAND`
 */
export function embedding<W extends Shape, I extends Shape>(
  weight: CheckedArg<Tensor<W>, EmbeddingShape<W, I, "embedding">>,
  ids: Tensor<I>,
): Tensor<EmbeddingResult<W, I>> {
  const w = checkTensor("embedding", weight, "weight");
  checkTensor("embedding", ids, "ids");
  if (w.dims.length !== 2) throw new ShapeError("SHAPE_RANK", "embedding", [w.dims], writeEmbeddingMessage("embedding", w.dims));
  return select("embedding", w, 0, ids) as never;
}

/** The types of the methods: top-level function types (no per-shape instantiation). */
type IndexSelectMethod = <Self extends Shape, const Axis extends number, I extends Shape>(
  this: Tensor<Self>,
  axis: CheckedAxis<Axis, NormalizeAxis<"indexSelect", Self, Axis>, "indexSelect">,
  indices: Tensor<I>,
) => Tensor<IndexSelectResult<Self, Axis, I>>;
type GatherMethod = <Self extends Shape, const Axis extends number, I extends Shape = never>(
  this: Tensor<Self>,
  axis: Axis,
  index: IdentityFirst<GatherIdentityCheck<Self, Axis, I, "gather">, CheckedArg<Tensor<I>, GatherShape<Self, Axis, I, "gather">>>,
) => Tensor<I>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The slices along `axis` picked by the int32 `indices` (NumPy's `take`).
     * @example
     * tensor([[1, 2], [3, 4]]).indexSelect(1, tensor([1, 1, 0], { dtype: "int32" })).toArray(); //=> [[2, 2, 1], [4, 4, 3]]
     * @throws ShapeError `SHAPE_AXIS`
     */
    indexSelect: IndexSelectMethod;
    /**
     * PyTorch's `gather` along `axis` with the int32 `index`.
     * @example
     * tensor([[1, 2], [3, 4]]).gather(1, tensor([[1], [0]], { dtype: "int32" })).toArray(); //=> [[2], [3]]
     * @throws ShapeError `SHAPE_AXIS`, `SHAPE_RANK`, `SHAPE_GATHER`
     */
    gather: GatherMethod;
  }
}

Tensor.prototype.indexSelect = function (this: Tensor, axis: number, indices: Tensor) {
  return indexSelect(this, axis as never, indices);
} as never;
Tensor.prototype.gather = function (this: Tensor, axis: number, index: Tensor) {
  return gather(this, axis, index as never);
} as never;

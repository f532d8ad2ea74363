/**
 * Splitting one axis into pieces: the shape rules `chunkShape` and `splitShape`, `chunk()`/`split()`
 * and `Tensor#chunk`/`Tensor#split`. Mirrors types/ops/split.ts rule for rule.
 *
 * `chunk(x, n, axis)` cuts the axis into `n` equal pieces; the axis must be a multiple of `n` (NumPy's
 * `np.split(x, n, axis)` — PyTorch's `chunk` would give a shorter last piece: NumPy wins, and
 * `split` with sizes says what is meant). `split(x, sizes, axis)` cuts it into pieces of the sizes
 * given, which must add up to the axis (PyTorch's `split` with a list). Each piece is a view sharing
 * storage (`narrow`'s, src/ops/slice.ts `sliced`), so a piece's gradient is scattered back into
 * zeros at the elements it took and the pieces' gradients add up to the whole's.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { CheckedShape } from "../../types/creation.js";
import type { CheckedArg, RuntimeDecidesArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { AxisOf, ChunkCheck, ChunkCount, ChunkShape, Counted, PieceOf, PiecesShapeCheck, SplitCheck, SplitShape, UnbindChecked, UnbindResult, UnbindShape } from "../../types/ops/split.js";
import type { CheckedGivenAxis, CheckOmittedAxis } from "../../types/ops/reduce.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { describeValue, safeString, validateShape } from "../shape.js";
import { dimPoly, divPolyByTerm, polyDim } from "../symbolic.js";
import { Tensor } from "../tensor.js";
import { sliced } from "./slice.js";
import { squeeze } from "./squeeze.js";

/** A count or size as the messages print it: a name quoted (`'n'`), anything else as `String` would. Mirrors `PrintDim`. */
const printPart = (value: unknown): string => (typeof value === "string" ? formatDim(value) : safeString(value));

/** Mirrors `WriteChunkCountMessage`. */
export function writeChunkCountMessage(op: string, shape: Shape, axis: number, chunks: unknown): string {
  return `SHAPE_SPLIT: ${op}: cannot split axis ${axis} of ${formatShape(shape)} into ${printPart(chunks)} chunks: the number of chunks must be an integer from 1 to 9007199254740991`;
}

/** Mirrors `WriteChunkMessage`. */
export function writeChunkMessage(op: string, shape: Shape, axis: number, chunks: number): string {
  return `SHAPE_SPLIT: ${op}: cannot split axis ${axis} of ${formatShape(shape)} into ${chunks} equal chunks: ${formatDim(shape[axis]!)} is not a multiple of ${chunks}; split(x, sizes, axis) takes pieces of different sizes`;
}

/** Mirrors `WriteSplitSizeMessage`. */
export function writeSplitSizeMessage(op: string, shape: Shape, axis: number, size: unknown): string {
  return `SHAPE_SPLIT: ${op}: cannot split axis ${axis} of ${formatShape(shape)} with size ${printPart(size)}: each size must be an integer from 0 to 9007199254740991`;
}

/** Mirrors `WriteSplitSumMessage`. */
export function writeSplitSumMessage(op: string, shape: Shape, axis: number, sizes: readonly number[], sum: bigint): string {
  return `SHAPE_SPLIT: ${op}: cannot split axis ${axis} of ${formatShape(shape)} into sizes ${formatShape(sizes)}: they add up to ${sum}, not ${formatDim(shape[axis]!)}`;
}

const isSize = (value: unknown, least: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= least && value <= Number.MAX_SAFE_INTEGER;

/** The axis argument: omitted is 0; anything else must be a number (`INPUT_AXIS`, as every axis). */
const axisArgument = (axis: unknown): number => (axis === undefined ? 0 : (axis as number));

/**
 * The checked chunking of a valid `shape`, in the type rule's order — the axis, the number of chunks,
 * the division — as the normalised axis and one piece's size (an exact quotient: digits for a size,
 * the polynomial's for a size expression).
 */
export function chunkPieceFor(op: string, shape: Shape, chunks: unknown, axis: unknown): { readonly axis: number; readonly size: Dim } {
  const index = normalizeAxis(op, shape, axisArgument(axis));
  if (!isSize(chunks, 1)) throw new ShapeError("SHAPE_SPLIT", op, [shape], writeChunkCountMessage(op, shape, index, chunks));
  const dim = shape[index]!;
  if (typeof dim === "number") {
    if (dim % chunks !== 0) throw new ShapeError("SHAPE_SPLIT", op, [shape], writeChunkMessage(op, shape, index, chunks));
    return { axis: index, size: dim / chunks };
  }
  const whole = dimPoly(dim);
  const quotient = whole && divPolyByTerm(whole, ["", BigInt(chunks)]);
  if (!quotient) throw new ShapeError("SHAPE_SPLIT", op, [shape], writeChunkMessage(op, shape, index, chunks));
  return { axis: index, size: polyDim(quotient) };
}

/**
 * The checked split of a valid `shape` into `sizes`, in the type rule's order — the axis, each size
 * (an integer from 0 to 2^53 − 1), their sum against a known size (exact, on BigInt) — as the
 * normalised axis and the sizes. Where the axis is named, the sum is checked on a tensor, whose
 * sizes are known.
 */
export function splitSizesFor(op: string, shape: Shape, sizes: unknown, axis: unknown): { readonly axis: number; readonly sizes: readonly number[] } {
  const index = normalizeAxis(op, shape, axisArgument(axis));
  if (!Array.isArray(sizes)) throw new InputError("INPUT_OPERAND", `${op}: sizes must be an array of sizes, got ${describeValue(sizes)}`);
  for (const size of sizes as unknown[]) {
    if (!isSize(size, 0)) throw new ShapeError("SHAPE_SPLIT", op, [shape], writeSplitSizeMessage(op, shape, index, size));
  }
  const dim = shape[index]!;
  const sum = (sizes as number[]).reduce((total, size) => total + BigInt(size), 0n);
  if (typeof dim === "number" && sum !== BigInt(dim)) throw new ShapeError("SHAPE_SPLIT", op, [shape], writeSplitSumMessage(op, shape, index, sizes as number[], sum));
  return { axis: index, sizes: sizes as number[] };
}

/**
 * The shape of each of `chunks` equal pieces of `shape` along `axis` (default 0): the axis divided by
 * `chunks`, exactly — a size expression by its normal form (`"3*d"` in 3 is `"d"`).
 * @example
 * chunkShape([2, 12], 3, 1); //=> [2, 4]
 * chunkShape(["b", "3*d"], 3, -1); //=> ["b", "d"]
 * chunkShape([2, 10], 3, 1); //=> throws SHAPE_SPLIT
 * @throws ShapeError `SHAPE_SPLIT` (a count that is not an integer from 1 to 2^53 − 1, an axis that is
 * not a multiple of it), `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function chunkShape<const S extends Dim[], const Chunks extends number, const Axis extends number | undefined = undefined>(
  shape: CheckedShape<S, "chunkShape", S>,
  chunks: CheckedArg<Chunks, PiecesShapeCheck<S, Axis, Chunks, "chunkShape", "pieces">>,
  axis?: CheckedArg<Axis, PiecesShapeCheck<S, Axis, Chunks, "chunkShape", "axis">>,
): ChunkShape<S, Chunks, AxisOf<Axis>> {
  validateShape("chunkShape", shape);
  const piece = chunkPieceFor("chunkShape", shape as Shape, chunks, axis);
  return (shape as Shape).map((d, index) => (index === piece.axis ? piece.size : d)) as never;
}

/**
 * The shapes of the pieces of `shape` cut along `axis` (default 0) into pieces of `sizes`, which must
 * add up to a known axis.
 * @example
 * splitShape([2, 10], [3, 7], 1); //=> [[2, 3], [2, 7]]
 * splitShape([2, 10], [4, 4], 1); //=> throws SHAPE_SPLIT
 * @throws ShapeError `SHAPE_SPLIT` (a size that is not an integer from 0 to 2^53 − 1, sizes that do not
 * add up to the axis), `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function splitShape<const S extends Dim[], const Sizes extends number[], const Axis extends number | undefined = undefined>(
  shape: CheckedShape<S, "splitShape", S>,
  sizes: CheckedArg<Sizes, PiecesShapeCheck<S, Axis, Sizes, "splitShape", "pieces">>,
  axis?: CheckedArg<Axis, PiecesShapeCheck<S, Axis, Sizes, "splitShape", "axis">>,
): SplitShape<S, Sizes, AxisOf<Axis>> {
  validateShape("splitShape", shape);
  const split = splitSizesFor("splitShape", shape as Shape, sizes, axis);
  return split.sizes.map((size) => (shape as Shape).map((d, index) => (index === split.axis ? size : d))) as never;
}

/** The tensors `chunk` returns: a tuple of `Chunks` pieces (an array when `Chunks` is not a literal, or above 64). */
export type ChunkTensors<S extends Shape, Axis extends number | undefined, Chunks extends number> = ChunkTuple<Counted<ChunkCount<Chunks>>, S, Axis, Chunks>;

/** One tensor per item of `Count` (a tuple, or an array), each a piece of `chunk`. */
type ChunkTuple<Count extends readonly unknown[], S extends Shape, Axis extends number | undefined, Chunks extends number> = {
  -readonly [K in keyof Count]: Tensor<PieceOf<S, Axis, number, Chunks, "chunk">>;
};

/** The tensors `split` returns: one per size, its axis that size. */
export type SplitTensors<S extends Shape, Axis extends number | undefined, Sizes extends readonly number[]> = {
  -readonly [K in keyof Sizes]: Tensor<PieceOf<S, Axis, Sizes[K] & number, undefined, "split">>;
};

/** The most pieces `chunk` returns: each is an object, and an axis of a broadcast view can be 2^53 − 1 long. */
const MAX_PIECES = 2 ** 24;

/** `x`'s pieces along `axis`, from `sizes`, as views. */
function pieces(x: Tensor, axis: number, sizes: readonly number[]): Tensor[] {
  let start = 0;
  return sizes.map((length) => {
    const piece = sliced(x, { axis, start, step: 1, length });
    start += length;
    return piece;
  });
}

/**
 * `x` cut along `axis` (default 0) into `chunks` equal pieces, as views — NumPy's `np.split(x, n,
 * axis)`: the axis must be a multiple of `chunks` (PyTorch's `chunk` would give a shorter last piece;
 * `split` with sizes does that on purpose). A fused projection splits into its parts:
 * `fused.chunk(3, -1)` of `[B, T, 1536]` is three `Tensor<[B, T, 512]>`. Gradient: each piece's
 * upstream gradient scattered into zeros at the elements it took, summed.
 * @example
 * chunk(tensor([0, 1, 2, 3, 4, 5]), 3).map((t) => t.toArray()); //=> [[0, 1], [2, 3], [4, 5]]
 * chunk(zeros([2, 12]), 4, 1)[0].shape; //=> [2, 3]
 * chunk(zeros([2, 10]), 3, 1); //=> throws SHAPE_SPLIT
 * @throws ShapeError `SHAPE_SPLIT`, `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPERAND`, `INPUT_TOO_LARGE`
 * (more than 2^24 pieces)
 */
export function chunk<S extends Shape, const Chunks extends number, const Axis extends number | undefined = undefined>(
  x: Tensor<S>,
  chunks: RuntimeDecidesArg<S, Chunks, ChunkCheck<S, Axis, Chunks, "chunk", "chunks">>,
  axis?: CheckedAxis<Axis, ChunkCheck<S, Axis, Chunks, "chunk", "axis">, "chunk">,
): ChunkTensors<S, Axis, Chunks> {
  const t = checkTensor("chunk", x);
  const piece = chunkPieceFor("chunk", t.dims, chunks, axis);
  // a view of a broadcast can have an axis of 2^40 elements: that many piece objects cannot be returned
  if ((chunks as number) > MAX_PIECES) throw new InputError("INPUT_TOO_LARGE", `chunk: cannot return ${chunks as number} pieces: at most ${MAX_PIECES}`);
  return pieces(t, piece.axis, Array.from({ length: chunks as number }, () => piece.size as number)) as never;
}

/**
 * `x` cut along `axis` (default 0) into pieces of `sizes`, as views — PyTorch's `split` with a list of
 * sizes, which must add up to the axis: `x.split([64, 64, 128], -1)` of `[B, 256]` is
 * `[Tensor<[B, 64]>, Tensor<[B, 64]>, Tensor<[B, 128]>]`. Gradient: as `chunk`'s.
 * @example
 * split(tensor([0, 1, 2, 3, 4]), [2, 3]).map((t) => t.toArray()); //=> [[0, 1], [2, 3, 4]]
 * split(zeros([2, 10]), [4, 4], 1); //=> throws SHAPE_SPLIT
 * @throws ShapeError `SHAPE_SPLIT`, `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPERAND`
 */
export function split<S extends Shape, const Sizes extends readonly number[], const Axis extends number | undefined = undefined>(
  x: Tensor<S>,
  sizes: Sizes & RuntimeDecidesArg<S, Sizes, SplitCheck<S, Axis, Sizes, "split", "sizes">>,
  axis?: CheckedAxis<Axis, SplitCheck<S, Axis, Sizes, "split", "axis">, "split">,
): SplitTensors<S, Axis, Sizes> {
  const t = checkTensor("split", x);
  const checked = splitSizesFor("split", t.dims, sizes, axis);
  return pieces(t, checked.axis, checked.sizes) as never;
}

/**
 * The shape of each piece of `shape` unbound along `axis` (default 0): `shape` without the axis.
 * @example
 * unbindShape([2, 3, 4], 1); //=> [2, 4]
 * unbindShape([2, 3], 2); //=> throws SHAPE_AXIS
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function unbindShape<const S extends Dim[]>(shape: CheckedArg<S, UnbindShape<S>>): UnbindShape<S>;
export function unbindShape<const S extends Dim[], const Axis extends number>(shape: S, axis: CheckedArg<Axis, UnbindShape<S, Axis>>): UnbindShape<S, Axis>;
// Two signatures (as softmaxShape's): with the axis omitted its error — a scalar has no axis 0 — is the shape's.
export function unbindShape(shape: Dim[], axis?: number): Dim[] {
  validateShape("unbindShape", shape);
  const index = normalizeAxis("unbindShape", shape, axisArgument(axis));
  return shape.filter((_, i) => i !== index);
}

/**
 * `x`'s slices along `axis` (default 0), each without that axis, as views — PyTorch's `unbind`,
 * TensorFlow's `unstack`: `const [h, c] = state.unbind(0)` on `[2, B, 64]` is two `Tensor<[B, 64]>`.
 * An array of pieces, not a tuple: how many there are is the axis's size, which for a type parameter
 * (a time axis `T`) no type can count; destructuring works the same. Gradient: each piece's upstream gradient
 * scattered back into its slice.
 * @example
 * unbind(tensor([[1, 2], [3, 4], [5, 6]])).map((t) => t.toArray()); //=> [[1, 2], [3, 4], [5, 6]]
 * unbind(zeros([2, 3, 4]), -1).length; //=> 4
 * @throws ShapeError `SHAPE_AXIS`; InputError `INPUT_AXIS`, `INPUT_OPERAND`, `INPUT_TOO_LARGE` (more than 2^24 pieces)
 */
export function unbind<S extends Shape, const Axis extends number | undefined = undefined>(
  x: CheckedArg<Tensor<S>, CheckOmittedAxis<Axis, UnbindChecked<S, 0, "unbind">>>,
  axis?: CheckedGivenAxis<Axis, UnbindChecked<S, AxisOf<Axis>, "unbind">, "unbind">,
): Tensor<UnbindResult<S, AxisOf<Axis>, "unbind">>[] {
  const t = checkTensor("unbind", x);
  const index = normalizeAxis("unbind", t.dims, axisArgument(axis));
  const count = t.dims[index]!;
  if (count > MAX_PIECES) throw new InputError("INPUT_TOO_LARGE", `unbind: cannot return ${count} pieces: at most ${MAX_PIECES}`);
  return pieces(t, index, Array.from({ length: count }, () => 1)).map((piece) => squeeze(piece as Tensor<number[]>, index as never)) as never;
}

/** The type of `Tensor#chunk` (a top-level function type: see `MatmulMethod` in matmul.ts for why). */
type ChunkMethod = <Self extends Shape, const Chunks extends number, const Axis extends number | undefined = undefined>(
  this: Tensor<Self>,
  chunks: RuntimeDecidesArg<Self, Chunks, ChunkCheck<Self, Axis, Chunks, "chunk", "chunks">>,
  axis?: CheckedAxis<Axis, ChunkCheck<Self, Axis, Chunks, "chunk", "axis">, "chunk">,
) => ChunkTensors<Self, Axis, Chunks>;

/** The type of `Tensor#split`. */
type SplitMethod = <Self extends Shape, const Sizes extends readonly number[], const Axis extends number | undefined = undefined>(
  this: Tensor<Self>,
  sizes: Sizes & RuntimeDecidesArg<Self, Sizes, SplitCheck<Self, Axis, Sizes, "split", "sizes">>,
  axis?: CheckedAxis<Axis, SplitCheck<Self, Axis, Sizes, "split", "axis">, "split">,
) => SplitTensors<Self, Axis, Sizes>;

/** The type of `Tensor#unbind`. */
type UnbindMethod = <Self extends Shape, const Axis extends number | undefined = undefined>(
  this: CheckedArg<Tensor<Self>, CheckOmittedAxis<Axis, UnbindChecked<Self, 0, "unbind">>>,
  axis?: CheckedGivenAxis<Axis, UnbindChecked<Self, AxisOf<Axis>, "unbind">, "unbind">,
) => Tensor<UnbindResult<Self, AxisOf<Axis>, "unbind">>[];

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * This tensor cut along `axis` (default 0) into `chunks` equal pieces, as views (NumPy's `np.split`).
     * @example
     * zeros([2, 12]).chunk(3, 1)[0].shape; //=> [2, 4]
     * @throws ShapeError `SHAPE_SPLIT`, `SHAPE_AXIS`
     */
    chunk: ChunkMethod;
    /**
     * This tensor cut along `axis` (default 0) into pieces of `sizes`, as views (PyTorch's `split`).
     * @example
     * zeros([2, 10]).split([3, 7], 1)[1].shape; //=> [2, 7]
     * @throws ShapeError `SHAPE_SPLIT`, `SHAPE_AXIS`
     */
    split: SplitMethod;
    /**
     * This tensor's slices along `axis` (default 0), each without that axis, as views (PyTorch's `unbind`).
     * @example
     * zeros([2, 3, 4]).unbind(1).length; //=> 3
     * @throws ShapeError `SHAPE_AXIS`
     */
    unbind: UnbindMethod;
  }
}

Tensor.prototype.chunk = function (this: Tensor, chunks: number, axis?: number) {
  return chunk(this, chunks as never, axis as never);
} as never;

Tensor.prototype.split = function (this: Tensor, sizes: readonly number[], axis?: number) {
  return split(this, sizes as never, axis as never);
} as never;

Tensor.prototype.unbind = function (this: Tensor, axis?: number) {
  return unbind(this as never, axis as never);
} as never;

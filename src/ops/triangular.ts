/**
 * `tril` and `triu`: the lower or upper triangle of the last two axes (a matrix, or a batch of them),
 * the other elements set to 0 — PyTorch's `tril`/`triu`, with the same `diagonal` offset (0 the main
 * diagonal, positive above it, negative below). A primitive with a kernel and one gradient rule (the
 * same triangle of the upstream gradient). The causal mask of attention in generic code:
 * `ones([x.shape[1], x.shape[1]], { dtype: "bool" }).tril()` is `Tensor<[T, T]>`. Mirrors
 * types/ops/triangular.ts.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { InvalidShapeMessage } from "../../types/internal/dims.js";
import type { CheckedArg } from "../../types/errors.js";
import type { TriangularShape } from "../../types/ops/triangular.js";
import { InputError, ShapeError, formatShape } from "../errors.js";
import { allocate } from "../dtype.js";
import { checkTensor } from "../axes.js";
import { describeValue, validateShape } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { labelsOf } from "../symbolic.js";

/** Mirrors `WriteTriangleRankMessage`. */
export function writeTriangleRankMessage(op: string, shape: Shape): string {
  return `SHAPE_RANK: ${op}: cannot take a triangle of ${formatShape(shape)}: it needs at least 2 axes (a matrix, or a batch of them)`;
}

/**
 * The shape of `tril`/`triu` of a tensor of `shape`: the shape itself, which needs at least two axes.
 * @example
 * triangularShape([4, 4]); //=> [4, 4]
 * triangularShape([4]); //=> throws SHAPE_RANK
 * @throws ShapeError `SHAPE_RANK` (fewer than 2 axes), `SHAPE_INVALID_SHAPE`
 */
export function triangularShape<const S extends Dim[]>(
  shape: CheckedArg<S, [InvalidShapeMessage<"triangularShape", S>] extends [never] ? TriangularShape<S> : ShapeError<InvalidShapeMessage<"triangularShape", S>>>,
): TriangularShape<S> {
  validateShape("triangularShape", shape);
  const dims = shape as Shape;
  if (dims.length < 2) throw new ShapeError("SHAPE_RANK", "triangularShape", [dims], writeTriangleRankMessage("triangularShape", dims));
  return [...dims] as never;
}

/** Which triangle, and the diagonal that bounds it. */
interface Triangle {
  readonly lower: boolean;
  readonly diagonal: number;
}

/** The triangle of `x`'s last two axes, the rest 0 (false for bool), as a fresh tensor of `x`'s dtype. */
function triangleOf(x: Tensor, { lower, diagonal }: Triangle): Tensor {
  const dims = x.dims;
  const rows = dims[dims.length - 2]!;
  const columns = dims[dims.length - 1]!;
  const values = contiguousData(x);
  const out = allocate(x.dtype, values.length);
  for (let offset = 0; offset < values.length; offset += rows * columns) {
    for (let i = 0; i < rows; i++) {
      // lower: j − i ≤ diagonal, so columns 0 … i + diagonal; upper: j − i ≥ diagonal, so i + diagonal … end
      const edge = i + diagonal;
      const from = lower ? 0 : Math.max(0, Math.min(columns, edge));
      const to = lower ? Math.max(0, Math.min(columns, edge + 1)) : columns;
      const row = offset + i * columns;
      for (let j = from; j < to; j++) out[row + j] = values[row + j]!;
    }
  }
  return fromStorage(out, x.shape);
}

/** Gradient rule: the same triangle of the upstream gradient (the zeroed elements do not reach the output). */
const GRADIENT: GradRule<Triangle> = (g, _inputs, _out, triangle) => [triangleOf(g, triangle)];

function triangular(op: "tril" | "triu", x: unknown, diagonal: unknown): Tensor {
  const t = checkTensor(op, x);
  if (t.dims.length < 2) throw new ShapeError("SHAPE_RANK", op, [t.dims], writeTriangleRankMessage(op, t.dims));
  const offset = diagonal === undefined ? 0 : diagonal;
  if (typeof offset !== "number" || !Number.isInteger(offset)) throw new InputError("INPUT_OPTION", `${op}: diagonal must be an integer, got ${describeValue(offset)}`);
  const triangle = { lower: op === "tril", diagonal: offset };
  return record(triangleOf(t, triangle), op, [t], GRADIENT, triangle, () => labelsOf(t));
}

/**
 * The lower triangle of `x`'s last two axes: elements with `column − row ≤ diagonal` kept, the rest 0
 * (default `diagonal` 0: the main diagonal and below). Any dtype (bool gives `false`). Gradient: the
 * same triangle of the upstream gradient.
 * @example
 * tril(ones([3, 3])).toArray(); //=> [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * tril(ones([2, 3]), 1).toArray(); //=> [[1, 1, 0], [1, 1, 1]]
 * tril(ones([3])); //=> throws SHAPE_RANK
 * @throws ShapeError `SHAPE_RANK` (fewer than 2 axes); InputError `INPUT_OPTION` (a diagonal that is not an integer), `INPUT_OPERAND`
 */
export function tril<S extends Shape>(x: CheckedArg<Tensor<S>, TriangularShape<S, "tril">>, diagonal?: number): Tensor<S> {
  return triangular("tril", x, diagonal) as never;
}

/**
 * The upper triangle of `x`'s last two axes: elements with `column − row ≥ diagonal` kept, the rest 0
 * (default `diagonal` 0: the main diagonal and above). Any dtype. Gradient: the same triangle of the
 * upstream gradient.
 * @example
 * triu(ones([3, 3]), 1).toArray(); //=> [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 * @throws ShapeError `SHAPE_RANK`; InputError `INPUT_OPTION`, `INPUT_OPERAND`
 */
export function triu<S extends Shape>(x: CheckedArg<Tensor<S>, TriangularShape<S, "triu">>, diagonal?: number): Tensor<S> {
  return triangular("triu", x, diagonal) as never;
}

/** The types of `Tensor#tril` and `Tensor#triu` (top-level function types: see `MatmulMethod` in matmul.ts for why). */
type TrilMethod = <Self extends Shape>(this: CheckedArg<Tensor<Self>, TriangularShape<Self, "tril">>, diagonal?: number) => Tensor<Self>;
type TriuMethod = <Self extends Shape>(this: CheckedArg<Tensor<Self>, TriangularShape<Self, "triu">>, diagonal?: number) => Tensor<Self>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The lower triangle of the last two axes (`column − row ≤ diagonal`), the rest 0.
     * @example
     * ones([3, 3]).tril().toArray(); //=> [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
     * @throws ShapeError `SHAPE_RANK`; InputError `INPUT_OPTION`
     */
    tril: TrilMethod;
    /**
     * The upper triangle of the last two axes (`column − row ≥ diagonal`), the rest 0.
     * @example
     * ones([3, 3]).triu(1).toArray(); //=> [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
     * @throws ShapeError `SHAPE_RANK`; InputError `INPUT_OPTION`
     */
    triu: TriuMethod;
  }
}

Tensor.prototype.tril = function (this: Tensor, diagonal?: number) {
  return triangular("tril", this, diagonal);
} as never;
Tensor.prototype.triu = function (this: Tensor, diagonal?: number) {
  return triangular("triu", this, diagonal);
} as never;

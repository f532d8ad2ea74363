/**
 * Matrix product: the shape rule `matmulShape`, the kernel, the gradient rule, `matmul()` and
 * `Tensor#matmul`. Mirrors types/ops/matmul.ts rule for rule and message for message.
 *
 * NumPy's `@`: 1-D operands are promoted (`[k]` on the left to `[1, k]`, on the right to `[k, 1]`) and
 * the promoted axis is removed from the result; the inner dims must be equal; the batch dims (all but
 * the last two) broadcast with the one broadcasting rule of src/ops/broadcast.ts. Scalars are rejected.
 */
import type { CheckedShape } from "../../types/creation.js";
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { Checked } from "../../types/errors.js";

import type { MatmulCheck, MatmulResult, MatmulShape } from "../../types/ops/matmul.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { sizeOf, swapLastTwoDims } from "../shape.js";
import { normalizeShape, validateSizes, labelsOf, mergeNames, pick, type Labels } from "../symbolic.js";
import { allocate, commonDType, requireFloat } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, fromStorage } from "../tensor.js";
import { matmulKernel } from "../kernels/matmul.js";
import { broadcastPair, broadcastPairRestated, expand } from "./broadcast.js";
import { swapLastTwo } from "./permute.js";
import { unsqueezed } from "./unsqueeze.js";
import { reshapeTensor } from "./reshape.js";

type InnerKind = "known" | "symbols" | "symbol-known";

/** The hint that ends an inner-dim message: the likely fix first, else what the rule wants. Mirrors `InnerHint`. */
function innerHint(kind: InnerKind, left: Dim, right: Dim, rightShape: Shape): string {
  const rightRank = rightShape.length;
  if (rightRank >= 2 && rightShape[rightRank - 1] === left) {
    return `the right's last axis is ${formatDim(left)}: .mT (transpose(-1, -2)) on the right gives ${formatShape(swapLastTwoDims(rightShape))}`;
  }
  if (rightRank >= 3 && rightShape[0] === left) {
    return `the right's first axis is ${formatDim(left)}: if transpose() made it, it reversed every axis; .mT (transpose(-1, -2)) swaps only the last two`;
  }
  if (kind === "known") {
    return rightRank === 1
      ? "the left's last axis must equal the right's length"
      : "the left's last axis must equal the right's second-to-last (transpose one of them?)";
  }
  if (kind === "symbols") return "different names may be different sizes (state that they are equal with .as())";
  return `a named dim may not be ${formatDim(typeof left === "number" ? left : right)} (state its size with .as())`;
}

/** Mirrors `WriteMatmulMessage`. */
export function writeMatmulMessage(op: string, left: Shape, right: Shape, leftDim: Dim, rightDim: Dim, kind: InnerKind): string {
  return `SHAPE_MATMUL: ${op}: cannot multiply ${formatShape(left)} by ${formatShape(right)}: inner dims ${formatDim(leftDim)} vs ${formatDim(rightDim)}; ${innerHint(kind, leftDim, rightDim, right)}`;
}

/** Mirrors `WriteMatmulScalarMessage`. */
export function writeMatmulScalarMessage(op: string, left: Shape, right: Shape, side: "left" | "right"): string {
  return `SHAPE_MATMUL: ${op}: cannot multiply ${formatShape(left)} by ${formatShape(right)}: the ${side} operand is a scalar; matmul needs at least one axis on each side (mul scales by a scalar)`;
}

/** Mirrors `WriteMatmulBatchMessage`. */
export function writeMatmulBatchMessage(op: string, left: Shape, right: Shape, axis: number, detail: string): string {
  return `SHAPE_BROADCAST: ${op}: cannot broadcast the batch dims of ${formatShape(left)} and ${formatShape(right)}: axis -${axis} is ${detail}`;
}

/** Throws the inner-dim error when the inner dims differ. */
function checkInner(op: string, left: Shape, right: Shape, leftDim: Dim, rightDim: Dim): void {
  if (leftDim === rightDim) return;
  const kind: InnerKind =
    typeof leftDim === "string"
      ? typeof rightDim === "string"
        ? "symbols"
        : "symbol-known"
      : typeof rightDim === "string"
        ? "symbol-known"
        : "known";
  throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulMessage(op, left, right, leftDim, rightDim, kind));
}

/**
 * The broadcast batch dims, through the one broadcasting rule; its clash message is restated for the
 * whole operands (the batch axis -k is axis -(k + 2) of both).
 */
function batchDims(op: string, left: Shape, right: Shape, leftBatch: Shape, rightBatch: Shape): Dim[] {
  if (leftBatch.length === 0) return [...rightBatch];
  if (rightBatch.length === 0) return [...leftBatch];
  return broadcastPairRestated(op, leftBatch, rightBatch, (axis, detail) => new ShapeError("SHAPE_BROADCAST", op, [left, right], writeMatmulBatchMessage(op, left, right, axis + 2, detail)));
}

/** `matmulShape` without the static typing, for internal callers; `op` names the caller in messages. */
export function matmulShapeFor(op: string, given: Shape, givenRight: Shape): Dim[] {
  const left = normalizeShape(op, validateSizes(op, given));
  const right = normalizeShape(op, validateSizes(op, givenRight));
  if (left.length === 0) throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulScalarMessage(op, left, right, "left"));
  if (right.length === 0) throw new ShapeError("SHAPE_MATMUL", op, [left, right], writeMatmulScalarMessage(op, left, right, "right"));
  const leftInner = left[left.length - 1]!;
  const rightInner = right.length === 1 ? right[0]! : right[right.length - 2]!;
  checkInner(op, left, right, leftInner, rightInner);
  if (left.length === 1) return right.length === 1 ? [] : [...right.slice(0, -2), right[right.length - 1]!];
  const rows = left[left.length - 2]!;
  if (right.length === 1) return [...left.slice(0, -2), rows];
  return [...batchDims(op, left, right, left.slice(0, -2), right.slice(0, -2)), rows, right[right.length - 1]!];
}

/**
 * The shape of `left @ right` (NumPy's `matmul`): a 1-D operand is promoted to a matrix and the
 * promoted axis removed from the result, the inner dims must be equal, the batch dims broadcast.
 * @example
 * matmulShape([8, 1, 3, 4], [5, 4, 2]); //=> [8, 5, 3, 2]
 * matmulShape([3, 4], [4]); //=> [3]
 * matmulShape([2, 3], [4, 5]); //=> throws SHAPE_MATMUL
 * @throws ShapeError `SHAPE_MATMUL` (inner dims differ, a scalar operand), `SHAPE_BROADCAST` (batch
 * dims), `SHAPE_INVALID_SHAPE`
 */
export function matmulShape<const Left extends Dim[], const Right extends Dim[]>(
  left: CheckedShape<Left, "matmulShape", Left>,
  right: CheckedArg<Right, MatmulShape<Left, Right>>,
): MatmulShape<Left, Right> {
  return matmulShapeFor("matmulShape", left as Shape, right as Shape) as never;
}

// ---------------------------------------------------------------------------------------------
// The kernel: src/kernels/matmul.ts

// ---------------------------------------------------------------------------------------------
// The primitive

/**
 * Gradient rule (operands already expanded to equal batch dims): `dA = g @ Bᵀ`, `dB = Aᵀ @ g`, each
 * with the operand's (expanded) shape; expand's rule then sums them over the broadcast batch axes.
 */
const GRADIENT: GradRule = (g, [a, b]) => [
  a!.requiresGrad ? product(g, swapLastTwo(b!)) : null,
  b!.requiresGrad ? product(swapLastTwo(a!), g) : null,
];

/** Labels of `[...batch, m, n]`: the batch axes' labels (equal batch dims), `a`'s rows, `b`'s columns. */
function productLabels(a: Tensor, b: Tensor): Labels {
  const left = labelsOf(a);
  const right = labelsOf(b);
  const rank = a.dims.length;
  const batch = Array.from({ length: rank - 2 }, (_, axis) => pick(left?.[axis], right?.[axis]));
  return [...batch, left?.[rank - 2], right?.[rank - 1]];
}

/** Primitive: the batched product of `[...batch, m, k]` and `[...batch, k, n]` (equal batch dims). */
function product(a: Tensor, b: Tensor): Tensor {
  const dims = a.dims;
  const rank = dims.length;
  const batch = dims.slice(0, rank - 2);
  const m = dims[rank - 2]!;
  const k = dims[rank - 1]!;
  const n = b.dims[rank - 1]!;
  const out = allocate(a.dtype, sizeOf(batch) * m * n);
  matmulKernel(out, a, b, batch, m, k, n);
  return record(fromStorage(out, [...batch, m, n]), "matmul", [a, b], GRADIENT, undefined, () => productLabels(a, b));
}

// ---------------------------------------------------------------------------------------------
// The op

/**
 * The matrix product `a @ b` (NumPy's `matmul`): a 1-D operand is promoted to a matrix (`[k]` → `[1, k]`
 * on the left, `[k, 1]` on the right) and the promoted axis removed from the result; the batch dims
 * broadcast (each operand is expanded to them, a view). Gradient: `g @ bᵀ` and `aᵀ @ g`, summed over
 * the batch axes each operand was broadcast along (broadcasting's one rule), reshaped back through
 * the promotions.
 * @example
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).toArray(); //=> [[19, 22], [43, 50]]
 * matmul(zeros([8, 1, 3, 4]), zeros([5, 4, 2])).shape; //=> [8, 5, 3, 2]
 * matmul(tensor([1, 2, 3]), tensor([4, 5, 6])).item(); //=> 32
 * @throws ShapeError `SHAPE_MATMUL` (inner dims differ, a scalar operand), `SHAPE_BROADCAST` (batch
 * dims); InputError `INPUT_DTYPE_MISMATCH`, `INPUT_DTYPE` (int32 or bool operands)
 */
export function matmul<Left extends Shape, Right extends Shape = never>(
  a: Tensor<Left>,
  b: Checked<Tensor<Right>, MatmulCheck<Left, Right, "matmul">>,
): Tensor<MatmulResult<Left, Right, "matmul">> {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new InputError("INPUT_OPERAND", "matmul: both operands must be tensors");
  commonDType("matmul", [a.dtype, b.dtype]);
  requireFloat("matmul", a.dtype, "a");
  // Two matrices whose inner dims agree: no promotion, no batch to broadcast — the product itself.
  if (a.dims.length === 2 && b.dims.length === 2 && a.dims[1] === b.dims[0]) {
    mergeNames("matmul", [a, b]);
    return product(a, b) as never;
  }
  const out = matmulShapeFor("matmul", a.dims, b.dims) as number[];
  // As plain tensors: the parameters' types hold the rule, which TypeScript 6 would otherwise expand
  // on the generic shapes here ("excessively deep" in this body; never at a call).
  const left: Tensor = a.dims.length === 1 ? unsqueezed(a, 0) : (a as Tensor);
  const right: Tensor = b.dims.length === 1 ? unsqueezed(b, 1) : (b as Tensor);
  const [m, k] = left.dims.slice(-2) as [number, number];
  const n = right.dims[right.dims.length - 1]!;
  const batch = broadcastPair("matmul", left.dims.slice(0, -2), right.dims.slice(0, -2)) as number[];
  mergeNames("matmul", [a, b]);
  const result = product(expand(left, [...batch, m, k]), expand(right, [...batch, k, n]));
  return (a.dims.length === 1 || b.dims.length === 1 ? reshapeTensor(result, out) : result) as never;
}

/**
 * The type of `Tensor#matmul`: a property of a top-level function type rather than a method of the
 * generic interface, so that the compiler does not re-instantiate the signature for every tensor type
 * it is called on (985 → about 150 instantiations per call). `Right` defaults to `never`, which the
 * rule passes at once while TypeScript types a creation call written as the argument (`Uninferred`,
 * types/errors.ts).
 */
type MatmulMethod = <Self extends Shape, Right extends Shape = never>(
  this: Tensor<Self>,
  other: Checked<Tensor<Right>, MatmulCheck<Self, Right, "matmul">>,
) => Tensor<MatmulResult<Self, Right, "matmul">>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The matrix product `this @ other` (NumPy's `matmul`: 1-D promotion, batch dims broadcast).
     * @example
     * zeros([8, 3, 4]).matmul(zeros([4, 5])).shape; //=> [8, 3, 5]
     * @throws ShapeError `SHAPE_MATMUL`, `SHAPE_BROADCAST`
     */
    matmul: MatmulMethod;
  }
}

Tensor.prototype.matmul = function (this: Tensor, other: Tensor) {
  return matmul(this, other as never);
} as never;

/**
 * `argmax` and `argmin`: the index of the largest (smallest) element along one axis, as an int32
 * tensor shaped like a one-axis reduction (`keepdims` keeps the axis as size 1). Ties give the first
 * index and a NaN counts as the extremum (its first occurrence), as in NumPy. An axis of size 0 is
 * `SHAPE_AXIS`, as for `max`. No gradient (the result is int32). Mirrors types/ops/argmax.ts.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckedArg } from "../../types/errors.js";
import type { ArgmaxShape } from "../../types/ops/argmax.js";
import type { EmptyGuard, ReduceAxesCheck, ReduceResult } from "../../types/ops/reduce.js";
import { checkTensor, normalizeAxis } from "../axes.js";
import { ShapeError } from "../errors.js";
import { validateShape } from "../shape.js";
import { allocate } from "../dtype.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { writeEmptyReductionMessage } from "./reduce.js";
import { reducedLabels } from "../symbolic.js";

/**
 * The shape of `argmax(x, axis, keepdims)` / `argmin` for `x` of `shape`: one axis reduced.
 * @example
 * argmaxShape([2, 3, 4], 1); //=> [2, 4]
 * argmaxShape([2, 3, 4], -1, true); //=> [2, 3, 1]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_INVALID_SHAPE`
 */
export function argmaxShape<const S extends Dim[], const Axis extends number, KeepDims extends boolean = false>(
  shape: S,
  axis: CheckedArg<Axis, ArgmaxShape<S, Axis, KeepDims>>,
  keepdims?: KeepDims,
): ArgmaxShape<S, Axis, KeepDims> {
  validateShape("argmaxShape", shape);
  const index = argAxis("argmaxShape", shape, axis);
  return (keepdims === true ? shape.map((d, k) => (k === index ? 1 : d)) : shape.filter((_, k) => k !== index)) as never;
}

/**
 * The normalised axis of an arg-reduction named `op`: `SHAPE_AXIS` when out of range, and (for the
 * ops, not the shape rule, as for `max`) when it has size 0; `INPUT_AXIS` when not a number.
 */
function argAxis(op: string, shape: Shape, axis: unknown): number {
  const index = normalizeAxis(op, shape, axis as number);
  if ((op === "argmax" || op === "argmin") && shape[index] === 0) {
    throw new ShapeError("SHAPE_AXIS", op, [shape], writeEmptyReductionMessage(op, shape, index));
  }
  return index;
}

const noGradient: GradRule = () => [null];

/** The index kernel: `x` read row-major as `[outer, n, inner]`; `better(v, best)` decides a new winner. */
function argExtremum(op: "argmax" | "argmin", x: Tensor, axis: number, keepdims: boolean): Tensor {
  const dims = x.dims;
  const n = dims[axis]!;
  let outer = 1;
  for (let k = 0; k < axis; k++) outer *= dims[k]!;
  let inner = 1;
  for (let k = axis + 1; k < dims.length; k++) inner *= dims[k]!;
  const data = contiguousData(x);
  const out = allocate("int32", outer * inner, op);
  const wantMax = op === "argmax";
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = data[base]!;
      let index = 0;
      for (let k = 1; k < n && best === best; k++) {
        const v = data[base + k * inner]!;
        if (v !== v || (wantMax ? v > best : v < best)) {
          best = v;
          index = k;
        }
      }
      out[o * inner + i] = index;
    }
  }
  const shape = keepdims ? dims.map((d, k) => (k === axis ? 1 : d)) : dims.filter((_, k) => k !== axis);
  return record(fromStorage(out, shape), op, [x], noGradient, undefined, () => reducedLabels(x, [axis], keepdims));
}

/** The shared signature of `argmax` and `argmin`; `Op` names the error. */
type ArgFn<Op extends string> = <S extends Shape, const Axis extends number, KeepDims extends boolean = false>(
  x: Tensor<S>,
  axis: EmptyGuard<S, Axis, Op, CheckedAxis<Axis, ReduceAxesCheck<S, Axis, KeepDims, Op>, Op>, "axis">,
  keepdims?: KeepDims,
) => Tensor<ReduceResult<S, Axis, KeepDims, Op>>;

/**
 * The index of the largest element along `axis` (int32; first index on ties, a NaN wins), shaped
 * like a reduction over that axis. Any dtype. No gradient.
 * @example
 * argmax(tensor([[1, 5, 5], [7, 2, 0]]), 1).toArray(); //=> [1, 0]
 * argmax(tensor([[1, 5], [7, 2]]), 0, true).toArray(); //=> [[1, 0]]
 * @throws ShapeError `SHAPE_AXIS` (also for an axis of size 0); InputError `INPUT_AXIS`, `INPUT_OPERAND`
 */
export const argmax: ArgFn<"argmax"> = (x, axis, keepdims) => {
  const t = checkTensor("argmax", x);
  return argExtremum("argmax", t, argAxis("argmax", t.dims, axis), keepdims === true) as never;
};

/**
 * The index of the smallest element along `axis` (as `argmax`).
 * @example
 * argmin(tensor([[1, 5, 1], [7, 2, 0]]), 1).toArray(); //=> [0, 2]
 * @throws ShapeError `SHAPE_AXIS` (also for an axis of size 0); InputError `INPUT_AXIS`, `INPUT_OPERAND`
 */
export const argmin: ArgFn<"argmin"> = (x, axis, keepdims) => {
  const t = checkTensor("argmin", x);
  return argExtremum("argmin", t, argAxis("argmin", t.dims, axis), keepdims === true) as never;
};

/** The type of `Tensor#argmax`/`argmin`: a top-level function type (no per-shape instantiation). */
type ArgMethod<Op extends string> = <Self extends Shape, const Axis extends number, KeepDims extends boolean = false>(
  this: Tensor<Self>,
  axis: EmptyGuard<Self, Axis, Op, CheckedAxis<Axis, ReduceAxesCheck<Self, Axis, KeepDims, Op>, Op>, "axis">,
  keepdims?: KeepDims,
) => Tensor<ReduceResult<Self, Axis, KeepDims, Op>>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * The index of the largest element along `axis` (int32).
     * @example
     * tensor([[1, 5], [7, 2]]).argmax(-1).toArray(); //=> [1, 0]
     * @throws ShapeError `SHAPE_AXIS`
     */
    argmax: ArgMethod<"argmax">;
    /**
     * The index of the smallest element along `axis` (int32).
     * @example
     * tensor([[1, 5], [7, 2]]).argmin(-1).toArray(); //=> [0, 1]
     * @throws ShapeError `SHAPE_AXIS`
     */
    argmin: ArgMethod<"argmin">;
  }
}

Tensor.prototype.argmax = function (this: Tensor, axis: number, keepdims?: boolean) {
  return argmax(this, axis as never, keepdims);
} as never;
Tensor.prototype.argmin = function (this: Tensor, axis: number, keepdims?: boolean) {
  return argmin(this, axis as never, keepdims);
} as never;

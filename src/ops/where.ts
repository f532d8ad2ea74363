/**
 * `where(cond, a, b)`: elementwise select, `a` where `cond` is nonzero, else `b` — with the three
 * operands broadcast together (NumPy rules, folded left: `cond`, then `a`, then `b`). A primitive:
 * operands are expanded to the common shape first, then one kernel; the gradient goes to `a` where the
 * condition holds and to `b` elsewhere (summed over stretched axes by expand's rule), none to `cond`.
 * Mirrors types/ops/where.ts.
 */
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { Checked } from "../../types/errors.js";
import type { WhereLeftCheck, WhereResult, WhereRightCheck, WhereSameShapeBranches, WhereShape, WhereTensorLeftCheck, WhereRightParam } from "../../types/ops/where.js";
import { InputError } from "../errors.js";
import { allocate, commonDType, isFloat, type DType } from "../dtype.js";
import { whereKernel } from "../kernels/elementwise.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, fromStorage } from "../tensor.js";
import { broadcastPair, broadcastShapesFor, checkImplicitOuter, expand } from "./broadcast.js";
import { toTensor, type Operand } from "./elementwise.js";
import { alignedLabels, mergeNames } from "../symbolic.js";

/**
 * The shape of `where(cond, a, b)`: the broadcast of the three shapes, folded left.
 * @example
 * whereShape([3, 1], [4], []); //=> [3, 4]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_INVALID_SHAPE`
 */
export function whereShape<const Cond extends Dim[], const Left extends Dim[], const Right extends Dim[]>(
  cond: Cond,
  a: CheckedArg<Left, WhereLeftCheck<Cond, Left, "whereShape">>,
  b: CheckedArg<Right, WhereRightCheck<Cond, Left, Right, "whereShape">>,
): WhereShape<Cond, Left, Right> {
  return broadcastShapesFor("whereShape", [cond, a as Shape, b as Shape]) as never;
}

/**
 * Gradient rule: `g` where the condition holds to `a`, elsewhere to `b` (each only when that operand
 * requires grad); nothing to the condition.
 */
const gradient: GradRule = (g, [cond, a, b]) => [null, a!.requiresGrad ? where(cond, g, 0) : null, b!.requiresGrad ? where(cond, 0, g) : null];

/**
 * `a` where `cond` is true (nonzero), else `b`, elementwise; the three broadcast together. The
 * condition is typically a bool tensor from a comparison (`where(gt(x, 0), x, 0)`); any dtype works.
 * The branches may be plain numbers; their dtypes must agree, and the result has it (float32 when
 * both are numbers and the condition is not a float tensor).
 * @example
 * where(tensor([[1], [0]]), tensor([[1, 2, 3]]), 0).toArray(); //=> [[1, 2, 3], [0, 0, 0]]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export function where<Cond extends Shape, A, B>(cond: Tensor<Cond>, ...branches: WhereSameShapeBranches<Tensor<Cond>, A, B>): Tensor<Cond>;
export function where<Cond extends Shape, Left extends Shape = [], Right extends Shape = []>(
  cond: Tensor<Cond>,
  a: Checked<Operand<Left>, WhereTensorLeftCheck<Cond, Left>>,
  b: WhereRightParam<Cond, Left, Right, Operand<Right>>,
): Tensor<WhereResult<Cond, Left, Right>>;
export function where(cond: Tensor, a: Operand<Shape>, b: Operand<Shape>): Tensor {
  if (!(cond instanceof Tensor)) throw new InputError("INPUT_OPERAND", "where: the condition must be a tensor");
  const dtype: DType = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : isFloat(cond.dtype) ? cond.dtype : "float32";
  const left = toTensor("where", a, dtype);
  const right = toTensor("where", b, dtype);
  // Folded left, as the compiler checks it: the broadcast error first, then the implicit outer one.
  const first = broadcastPair("where", cond.dims, left.dims) as number[];
  checkImplicitOuter("where", cond.dims, left.dims, first);
  const shape = broadcastPair("where", first, right.dims) as number[];
  checkImplicitOuter("where", first, right.dims, shape);
  commonDType("where", [left.dtype, right.dtype]);
  mergeNames("where", [cond, left, right]);
  const [c, x, y] = [expand(cond, shape), expand(left, shape), expand(right, shape)];
  const out = allocate(dtype, x.size);
  whereKernel(out, c.data, c.offset, c.strides, x.data, x.offset, x.strides, y.data, y.offset, y.strides, shape);
  return record(fromStorage(out, shape), "where", [c, x, y], gradient, undefined, () => alignedLabels(shape, [c, x, y])) as never;
}

/**
 * Elementwise binary ops: `add mul div pow maximum minimum` are primitives (an equal-shape kernel and
 * a gradient rule), `sub` is `a + (−b)`. Broadcasting is a movement op: both operands are expanded
 * (stride-0 views, no copy) to the broadcast shape first, so the only broadcast gradient is expand's
 * (src/ops/broadcast.ts). A plain number is a scalar operand of the tensor's dtype. Mirrors
 * types/ops/elementwise.ts; shapes are checked with `broadcastPair(op, …)`, which throws the message
 * the compiler shows.
 *
 * The comparisons `gt ge lt le eq ne` go through the same checks (same type rule, same strict
 * broadcasting) and give a bool tensor, with no gradient.
 *
 * Dtypes: both tensor operands have one dtype (`INPUT_DTYPE_MISMATCH` otherwise; no promotion).
 * int32 with int32 stays int32 for `add sub mul maximum minimum` (wrapping modulo 2^32 on overflow,
 * as PyTorch's int32 does), and a plain number with an int32 tensor must then be an int32; `div` is
 * true division, as in NumPy and PyTorch: int32 operands give a float32 result. `pow` needs floats;
 * bool takes no arithmetic (`INPUT_DTYPE`). Comparisons take any dtype, and a plain number is compared
 * as it is (`gt(ints, 2.5)`).
 */
import type { CheckedArg } from "../../types/errors.js";
import type { Dim, Shape } from "../../types/shape.js";
import type { Checked } from "../../types/errors.js";
import type { ElementwiseCheck, ElementwiseResult, ElementwiseShape, SameShapeOperand } from "../../types/ops/elementwise.js";
import { InputError } from "../errors.js";
import { allocate, commonDType, isFloat, isInt32, requireFloat, requireNumeric, type DType } from "../dtype.js";
import { BINARY, binaryKernel, type BinaryCode } from "../kernels/elementwise.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, fromStorage } from "../tensor.js";
import { broadcastPair, broadcastShapesFor, checkImplicitOuter, expand } from "./broadcast.js";
import { astype, log, neg } from "./unary.js";
import { where } from "./where.js";
import { alignedLabels, mergeNames } from "../symbolic.js";

/** A binary op's second operand: a tensor, or a plain number (a scalar of the first operand's dtype). */
export type Operand<S extends Shape> = Tensor<S> | number;

/**
 * The shape of an elementwise binary op's result: the NumPy broadcast of the operands' shapes.
 * @example
 * elementwiseShape([8, 1, 6, 1], [7, 1, 5]); //=> [8, 7, 6, 5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_INVALID_SHAPE`
 */
export function elementwiseShape<const Left extends Dim[], const Right extends Dim[]>(
  left: Left,
  right: CheckedArg<Right, ElementwiseShape<Left, Right>>,
): ElementwiseShape<Left, Right> {
  return broadcastShapesFor("elementwiseShape", [left as Shape, right as Shape]) as never;
}

/**
 * A scalar tensor of `dtype` holding `value`: an int32 must be an int32 and a bool 0 or 1 (a number
 * is never truncated into a tensor's dtype).
 */
function scalar(value: number, dtype: DType, op = "scalar"): Tensor<[]> {
  if ((dtype === "int32" && !isInt32(value)) || (dtype === "bool" && value !== 0 && value !== 1)) {
    throw new InputError("INPUT_DTYPE", `${op}: ${value} is not a${dtype === "int32" ? "n int32" : " bool (0 or 1)"}, and the tensor is ${dtype}; convert the tensor first with .astype('float32')`);
  }
  const data = allocate(dtype, 1);
  data[0] = value;
  return fromStorage(data, []);
}

/** The operand as a tensor; a number becomes a scalar of `dtype`. */
export function toTensor(op: string, value: unknown, dtype: DType): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === "number") return scalar(value, dtype, op);
  throw new InputError("INPUT_OPERAND", `${op}: expected a tensor or a number, got ${value === null ? "null" : typeof value}`);
}

type Primitive = "add" | "mul" | "div" | "pow" | "maximum" | "minimum";

/**
 * Gradient rules, one row per primitive (operands have the output's shape here: broadcasting was an
 * expand before the op). Each side is computed only when that operand requires grad (`null` for the
 * other). `maximum`/`minimum` send the gradient to the winning side, half to each on a tie.
 */
const GRADIENTS: Record<Primitive, GradRule> = {
  add: (g) => [g, g],
  mul: (g, [a, b]) => [a.requiresGrad ? mul(g, b) : null, b.requiresGrad ? mul(g, a) : null],
  div: (g, [a, b], out) => [a.requiresGrad ? div(g, b) : null, b.requiresGrad ? neg(mul(g, div(out, b))) : null],
  pow: (g, [a, b], out) => [
    a.requiresGrad ? mul(g, mul(b, pow(a, sub(b, 1)))) : null,
    b.requiresGrad ? mul(g, where(compare("equal", a, 0), 0, mul(out, log(a)))) : null,
  ],
  maximum: (g, [a, b]) => splitByWinner(g, a, b, compare("greater", a, b), compare("equal", a, b)),
  minimum: (g, [a, b]) => splitByWinner(g, a, b, compare("less", a, b), compare("equal", a, b)),
};

function splitByWinner(g: Tensor, a: Tensor, b: Tensor, leftWins: Tensor, tie: Tensor): [Tensor | null, Tensor | null] {
  const left = mul(g, add(leftWins, mul(tie, 0.5)));
  return [a.requiresGrad ? left : null, b.requiresGrad ? sub(g, left) : null];
}

/** The equal-shape primitive: runs the kernel and records the gradient rule. */
function map(op: Primitive, a: Tensor, b: Tensor): Tensor {
  const out = allocate(a.dtype, a.size);
  const code = op === "mul" && a.dtype === "int32" ? BINARY.imul : (BINARY[op] as BinaryCode);
  binaryKernel(code, out, a.data, a.offset, a.strides, b.data, b.offset, b.strides, a.dims);
  return record(fromStorage(out, a.shape), op, [a, b], GRADIENTS[op], undefined, () => alignedLabels(a.dims, [a, b]));
}

/**
 * What an op allows of its operands' dtype: `numeric` (float or int32: add, sub, mul, maximum,
 * minimum), `divide` (the same; int32 is divided as float32), `float` (pow), `any` (comparisons).
 */
type DTypeRule = "numeric" | "divide" | "float" | "any";

/**
 * A plain number as the scalar operand of `op` on a tensor of `dtype`: of that dtype, except that a
 * comparison compares the number as it is (float64) and a division of int32 divides in float32. An
 * int32 tensor takes only an int32 number in arithmetic.
 */
function numberOperand(op: string, value: number, dtype: DType, rule: DTypeRule): Tensor {
  if (rule === "any") return scalar(value, "float64", op);
  if (rule === "divide" && !isFloat(dtype)) return scalar(value, "float32", op);
  return scalar(value, dtype, op);
}

/** Checks the operands of `op` (broadcast, then dtype) and returns them expanded to the common shape. */
function operands(op: string, a: Tensor, b: unknown, rule: DTypeRule): [Tensor, Tensor] {
  if (!(a instanceof Tensor)) throw new InputError("INPUT_OPERAND", `${op}: the first operand must be a tensor`);
  if (rule === "float") requireFloat(op, a.dtype, "the first operand");
  else if (rule !== "any") requireNumeric(op, a.dtype, "the first operand");
  const right = typeof b === "number" ? numberOperand(op, b, a.dtype, rule) : toTensor(op, b, a.dtype);
  const shape = broadcastPair(op, a.dims, right.dims) as number[]; // first: the error the compiler shows
  checkImplicitOuter(op, a.dims, right.dims, shape);
  if (b instanceof Tensor) commonDType(op, [a.dtype, right.dtype]);
  mergeNames(op, [a, right]); // before expanding: a stretched axis no longer carries its name
  return [expand(a, shape), expand(right, shape)];
}

/** A comparison kernel code. */
type Comparison = "greater" | "less" | "equal" | "greaterEqual" | "lessEqual" | "notEqual";

/**
 * A comparison (1 where it holds, else 0) of `a`'s dtype, broadcasting; outside the tape (it has no
 * gradient). Internal: gradient rules use it for masks.
 */
export function compare(kind: "greater" | "less" | "equal", a: Tensor, b: Tensor | number): Tensor {
  const [left, right] = operands(kind, a, b, "any");
  const out = allocate(left.dtype, left.size);
  binaryKernel(BINARY[kind], out, left.data, left.offset, left.strides, right.data, right.offset, right.strides, left.dims);
  return fromStorage(out, left.shape);
}

/** Gradient rule of the comparisons: none (their result is bool, so `record` never puts them on the tape). */
const noGradient: GradRule = () => [null, null];

/** A public comparison: a bool tensor, broadcasting like `add`. */
function comparison(op: string, kind: Comparison, a: Tensor, b: unknown): Tensor {
  const [left, right] = operands(op, a, b, "any");
  const out = allocate("bool", left.size, op);
  binaryKernel(BINARY[kind], out, left.data, left.offset, left.strides, right.data, right.offset, right.strides, left.dims);
  return record(fromStorage(out, left.shape), op, [left, right], noGradient, undefined, () => alignedLabels(left.dims, [left, right]));
}

/** An int32 operand of a division as float32 (true division); any other tensor as it is. */
function asDividend(t: Tensor): Tensor {
  return t.dtype === "int32" ? astype(t, "float32") : t;
}

/**
 * The shared signature of the binary ops as free functions; `Op` names the error. Two overloads:
 * operands of exactly the same shape — also a whole-shape type parameter (`Tensor<S>` with
 * `Tensor<S>`), whose axes no rule can line up — give that shape; anything else is broadcast.
 */
type BinaryFn<Op extends string> = {
  <Left extends Shape, Right extends Shape>(a: Tensor<Left>, ...b: SameShapeOperand<Left, Right, Tensor<Right>>): Tensor<Left>;
  <Left extends Shape, Right extends Shape = []>(a: Tensor<Left>, b: Checked<Operand<Right>, ElementwiseCheck<Left, Right, Op>>): Tensor<ElementwiseResult<Left, Right, Op>>;
};

/**
 * `a + b` elementwise, broadcasting (NumPy rules). Gradient: the upstream gradient to both sides,
 * summed over the axes each was stretched along.
 * @example
 * add(zeros([8, 1, 6, 1]), zeros([1, 7, 1, 5])).shape; //=> [8, 7, 6, 5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const add: BinaryFn<"add"> = (a: Tensor, b: unknown): Tensor => map("add", ...operands("add", a, b, "numeric")) as never;

/**
 * `a − b` elementwise, broadcasting; computed as `a + (−b)`.
 * @example
 * sub(tensor([5, 7]), 2).toArray(); //=> [3, 5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const sub: BinaryFn<"sub"> = (a: Tensor, b: unknown): Tensor => {
  const [left, right] = operands("sub", a, b, "numeric");
  return map("add", left, neg(right)) as never;
};

/**
 * `a × b` elementwise, broadcasting. Gradient: `g·b` and `g·a`, each summed over its stretched axes.
 * @example
 * mul(tensor([[1, 2], [3, 4]]), tensor([10, 100])).toArray(); //=> [[10, 200], [30, 400]]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const mul: BinaryFn<"mul"> = (a: Tensor, b: unknown): Tensor => map("mul", ...operands("mul", a, b, "numeric")) as never;

/**
 * `a ÷ b` elementwise, broadcasting (IEEE: `1 / 0` is `Infinity`). True division, as in NumPy and
 * PyTorch: int32 operands give a float32 result. Gradient: `g / b` and `−g·a / b²`.
 * @example
 * div(tensor([1, 3]), 2).toArray(); //=> [0.5, 1.5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`, `INPUT_DTYPE` (bool)
 */
export const div: BinaryFn<"div"> = (a: Tensor, b: unknown): Tensor => {
  const [left, right] = operands("div", a, b, "divide");
  return map("div", asDividend(left), asDividend(right)) as never;
};

/**
 * `a ** b` elementwise, broadcasting. Gradient: `g·b·a^(b−1)` and `g·a^b·ln a` (0 where `a` is 0).
 * @example
 * pow(tensor([1, 2, 3]), 2).toArray(); //=> [1, 4, 9]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const pow: BinaryFn<"pow"> = (a: Tensor, b: unknown): Tensor => map("pow", ...operands("pow", a, b, "float")) as never;

/**
 * The larger of `a` and `b` elementwise, broadcasting; NaN if either is NaN (as `np.maximum`).
 * Gradient: to the larger side, split evenly on a tie.
 * @example
 * maximum(tensor([1, 5]), 3).toArray(); //=> [3, 5]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const maximum: BinaryFn<"maximum"> = (a: Tensor, b: unknown): Tensor => map("maximum", ...operands("maximum", a, b, "numeric")) as never;

/**
 * The smaller of `a` and `b` elementwise, broadcasting; NaN if either is NaN (as `np.minimum`).
 * Gradient: to the smaller side, split evenly on a tie.
 * @example
 * minimum(tensor([1, 5]), 3).toArray(); //=> [1, 3]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const minimum: BinaryFn<"minimum"> = (a: Tensor, b: unknown): Tensor => map("minimum", ...operands("minimum", a, b, "numeric")) as never;

/**
 * `a > b` elementwise, broadcasting like `add` (same shape rule and errors): a bool tensor. No
 * gradient. Any dtype; a plain number is compared as it is. NaN compares false (but `ne` true).
 * @example
 * gt(tensor([1, 5]), 3).toArray(); //=> [0, 1]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const gt: BinaryFn<"gt"> = (a: Tensor, b: unknown): Tensor => comparison("gt", "greater", a, b) as never;

/**
 * `a ≥ b` elementwise, broadcasting like `add`: a bool tensor. No gradient.
 * @example
 * ge(tensor([1, 3]), 3).toArray(); //=> [0, 1]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const ge: BinaryFn<"ge"> = (a: Tensor, b: unknown): Tensor => comparison("ge", "greaterEqual", a, b) as never;

/**
 * `a < b` elementwise, broadcasting like `add`: a bool tensor. No gradient.
 * @example
 * lt(tensor([1, 5]), 3).toArray(); //=> [1, 0]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const lt: BinaryFn<"lt"> = (a: Tensor, b: unknown): Tensor => comparison("lt", "less", a, b) as never;

/**
 * `a ≤ b` elementwise, broadcasting like `add`: a bool tensor. No gradient.
 * @example
 * le(tensor([3, 5]), 3).toArray(); //=> [1, 0]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const le: BinaryFn<"le"> = (a: Tensor, b: unknown): Tensor => comparison("le", "lessEqual", a, b) as never;

/**
 * `a = b` elementwise, broadcasting like `add`: a bool tensor. No gradient.
 * @example
 * eq(tensor([1, 3]), 3).toArray(); //=> [0, 1]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const eq: BinaryFn<"eq"> = (a: Tensor, b: unknown): Tensor => comparison("eq", "equal", a, b) as never;

/**
 * `a ≠ b` elementwise, broadcasting like `add`: a bool tensor. No gradient.
 * @example
 * ne(tensor([1, 3]), 3).toArray(); //=> [1, 0]
 * @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER`; InputError `INPUT_DTYPE_MISMATCH`
 */
export const ne: BinaryFn<"ne"> = (a: Tensor, b: unknown): Tensor => comparison("ne", "notEqual", a, b) as never;

/**
 * The type of the binary methods (`Tensor#add` …): a property of a top-level function type rather than
 * a method of the generic interface, so reading `x.add` does not instantiate a signature for every
 * shape `x` has — it measurably cuts type-check cost per call (see README, "Type-check cost").
 */
type BinaryMethod<Op extends string> = {
  <Self extends Shape, Right extends Shape>(this: Tensor<Self>, ...other: SameShapeOperand<Self, Right, Tensor<Right>>): Tensor<Self>;
  <Self extends Shape, Right extends Shape = []>(this: Tensor<Self>, other: Checked<Operand<Right>, ElementwiseCheck<Self, Right, Op>>): Tensor<ElementwiseResult<Self, Right, Op>>;
};

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * `this + other`, broadcasting.
     * @example
     * zeros([8, 1, 6, 1]).add(zeros([1, 7, 1, 5])).shape; //=> [8, 7, 6, 5]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    add: BinaryMethod<"add">;
    /**
     * `this − other`, broadcasting.
     * @example
     * tensor([5, 7]).sub(2).toArray(); //=> [3, 5]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    sub: BinaryMethod<"sub">;
    /**
     * `this × other`, broadcasting.
     * @example
     * tensor([1, 2]).mul(3).toArray(); //=> [3, 6]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    mul: BinaryMethod<"mul">;
    /**
     * `this ÷ other`, broadcasting.
     * @example
     * tensor([1, 3]).div(2).toArray(); //=> [0.5, 1.5]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    div: BinaryMethod<"div">;
    /**
     * `this ** other`, broadcasting.
     * @example
     * tensor([1, 2, 3]).pow(2).toArray(); //=> [1, 4, 9]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    pow: BinaryMethod<"pow">;
    /**
     * The larger of `this` and `other` elementwise, broadcasting.
     * @example
     * tensor([1, 5]).maximum(3).toArray(); //=> [3, 5]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    maximum: BinaryMethod<"maximum">;
    /**
     * The smaller of `this` and `other` elementwise, broadcasting.
     * @example
     * tensor([1, 5]).minimum(3).toArray(); //=> [1, 3]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    minimum: BinaryMethod<"minimum">;
    /**
     * `this > other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([1, 5]).gt(3).toArray(); //=> [0, 1]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    gt: BinaryMethod<"gt">;
    /**
     * `this ≥ other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([1, 3]).ge(3).toArray(); //=> [0, 1]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    ge: BinaryMethod<"ge">;
    /**
     * `this < other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([1, 5]).lt(3).toArray(); //=> [1, 0]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    lt: BinaryMethod<"lt">;
    /**
     * `this ≤ other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([3, 5]).le(3).toArray(); //=> [1, 0]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    le: BinaryMethod<"le">;
    /**
     * `this = other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([1, 3]).eq(3).toArray(); //=> [0, 1]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    eq: BinaryMethod<"eq">;
    /**
     * `this ≠ other` elementwise, broadcasting: a bool tensor.
     * @example
     * tensor([1, 3]).ne(3).toArray(); //=> [1, 0]
     * @throws ShapeError `SHAPE_BROADCAST`
     */
    ne: BinaryMethod<"ne">;
  }
}

Tensor.prototype.add = function (this: Tensor, other: Operand<Shape>) {
  return add(this, other as never);
} as never;
Tensor.prototype.sub = function (this: Tensor, other: Operand<Shape>) {
  return sub(this, other as never);
} as never;
Tensor.prototype.mul = function (this: Tensor, other: Operand<Shape>) {
  return mul(this, other as never);
} as never;
Tensor.prototype.div = function (this: Tensor, other: Operand<Shape>) {
  return div(this, other as never);
} as never;
Tensor.prototype.pow = function (this: Tensor, other: Operand<Shape>) {
  return pow(this, other as never);
} as never;
Tensor.prototype.maximum = function (this: Tensor, other: Operand<Shape>) {
  return maximum(this, other as never);
} as never;
Tensor.prototype.minimum = function (this: Tensor, other: Operand<Shape>) {
  return minimum(this, other as never);
} as never;
Tensor.prototype.gt = function (this: Tensor, other: Operand<Shape>) {
  return gt(this, other as never);
} as never;
Tensor.prototype.ge = function (this: Tensor, other: Operand<Shape>) {
  return ge(this, other as never);
} as never;
Tensor.prototype.lt = function (this: Tensor, other: Operand<Shape>) {
  return lt(this, other as never);
} as never;
Tensor.prototype.le = function (this: Tensor, other: Operand<Shape>) {
  return le(this, other as never);
} as never;
Tensor.prototype.eq = function (this: Tensor, other: Operand<Shape>) {
  return eq(this, other as never);
} as never;
Tensor.prototype.ne = function (this: Tensor, other: Operand<Shape>) {
  return ne(this, other as never);
} as never;

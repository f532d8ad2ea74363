/**
 * Elementwise unary ops — `neg exp log sqrt abs tanh sigmoid relu` — and the dtype conversion
 * `astype`. Each keeps its input's shape (no type rule needed beyond `Tensor<S>` → `Tensor<S>`) and
 * is a primitive: a kernel and one row of the gradient table below.
 */
import type { Shape } from "../../types/shape.js";
import { allocate, isInt32, requireFloat, requireNumeric, validateDType, type DType } from "../dtype.js";
import { InputError } from "../errors.js";
import { UNARY, unaryKernel, type UnaryCode } from "../kernels/elementwise.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { add, compare, div, mul, sub } from "./elementwise.js";
import { labelsOf } from "../symbolic.js";

type UnaryOp = "neg" | "exp" | "log" | "sqrt" | "abs" | "tanh" | "sigmoid" | "relu";

/** Gradient rules, one row per op: `g` is the upstream gradient, `x` the input, `y` the output. */
const GRADIENTS: Record<UnaryOp, GradRule> = {
  neg: (g) => [neg(g)],
  exp: (g, _x, y) => [mul(g, y)],
  log: (g, [x]) => [div(g, x)],
  sqrt: (g, _x, y) => [div(g, mul(y, 2))],
  abs: (g, [x]) => [mul(g, map("sign", x))], // 0 at 0, as in PyTorch
  tanh: (g, _x, y) => [mul(g, add(neg(mul(y, y)), 1))],
  sigmoid: (g, _x, y) => [mul(g, sub(y, mul(y, y)))],
  relu: (g, [x]) => [mul(g, compare("greater", x, 0))], // 0 at 0, as in PyTorch
};

/** The ops that keep an int32 tensor int32; the others need a float tensor (`INPUT_DTYPE`). */
const INTEGER_OPS: ReadonlySet<UnaryOp | "sign"> = new Set(["neg", "abs", "relu", "sign"]);

/** Runs the kernel of `op` over `x` (any strided view) into a fresh contiguous tensor. */
function map(op: UnaryOp | "sign", x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new InputError("INPUT_OPERAND", `${op}: x must be a tensor`);
  if (INTEGER_OPS.has(op)) requireNumeric(op, x.dtype);
  else requireFloat(op, x.dtype);
  const out = allocate(x.dtype, x.size);
  unaryKernel(UNARY[op] as UnaryCode, out, x.data, x.offset, x.strides, x.dims);
  const y = fromStorage(out, x.shape);
  return op === "sign" ? y : record(y, op, [x], GRADIENTS[op], undefined, () => labelsOf(x));
}

/**
 * `−x` elementwise. Gradient: `−g`.
 * @example
 * neg(tensor([1, -2])).toArray(); //=> [-1, 2]
 */
export function neg<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("neg", x) as Tensor<S>;
}

/**
 * `eˣ` elementwise. Gradient: `g·eˣ`.
 * @example
 * exp(tensor([0])).toArray(); //=> [1]
 */
export function exp<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("exp", x) as Tensor<S>;
}

/**
 * The natural logarithm elementwise (`log 0` is `−Infinity`, negative inputs give NaN). Gradient: `g / x`.
 * @example
 * log(tensor([1])).toArray(); //=> [0]
 */
export function log<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("log", x) as Tensor<S>;
}

/**
 * The square root elementwise. Gradient: `g / (2√x)`.
 * @example
 * sqrt(tensor([4, 9])).toArray(); //=> [2, 3]
 */
export function sqrt<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("sqrt", x) as Tensor<S>;
}

/**
 * `|x|` elementwise. Gradient: `g·sign(x)` (0 at 0).
 * @example
 * abs(tensor([-1, 2])).toArray(); //=> [1, 2]
 */
export function abs<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("abs", x) as Tensor<S>;
}

/**
 * The hyperbolic tangent elementwise. Gradient: `g·(1 − tanh²x)`.
 * @example
 * tanh(tensor([0])).toArray(); //=> [0]
 */
export function tanh<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("tanh", x) as Tensor<S>;
}

/**
 * The logistic function `1 / (1 + e⁻ˣ)` elementwise, without overflow for large |x|.
 * Gradient: `g·σ(x)·(1 − σ(x))`.
 * @example
 * sigmoid(tensor([0])).toArray(); //=> [0.5]
 */
export function sigmoid<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("sigmoid", x) as Tensor<S>;
}

/**
 * `max(x, 0)` elementwise (NaN stays NaN). Gradient: `g` where `x > 0`, else 0.
 * @example
 * relu(tensor([-1, 2])).toArray(); //=> [0, 2]
 */
export function relu<S extends Shape>(x: Tensor<S>): Tensor<S> {
  return map("relu", x) as Tensor<S>;
}

const astypeGradient: GradRule = (g, [x]) => [astype(g, x.dtype)];

/**
 * `x` converted to `dtype` (a copy; `x` itself when it already has that dtype). Ops never mix dtypes
 * silently: convert one operand with this first. To int32, values are truncated toward zero (NumPy's
 * `astype`); NaN, ±Infinity or a value outside int32 range throws `INPUT_VALUE` rather than wrapping.
 * To bool, any nonzero value (NaN too) is `true`. From bool, `true` is 1. Gradient (float to float
 * only): converted back; an int32 or bool result takes no gradient.
 * @example
 * astype(zeros([2]), "float64").dtype; //=> "float64"
 * astype(tensor([-1.7, 2.9]), "int32").toArray(); //=> [-1, 2]
 * @throws InputError `INPUT_DTYPE` for an unknown dtype, `INPUT_VALUE` for a value that is no int32
 */
export function astype<S extends Shape>(x: Tensor<S>, dtype: DType): Tensor<S> {
  const target = validateDType("astype", dtype);
  if (target === x.dtype) return x;
  const out = allocate(target, x.size);
  unaryKernel(UNARY.copy, out, x.data, x.offset, x.strides, x.dims);
  if (target === "bool" || target === "int32") {
    // The copy stored through the typed array (ToUint8 / ToInt32); redo what must not wrap.
    const source = contiguousData(x);
    for (let i = 0; i < out.length; i++) {
      const value = source[i];
      if (target === "bool") out[i] = value !== 0 ? 1 : 0;
      else if (!isInt32(Math.trunc(value))) {
        throw new InputError("INPUT_VALUE", `astype: ${value} (element ${i}) has no int32 value; int32 holds integers from -2147483648 to 2147483647`);
      }
    }
  }
  return record(fromStorage(out, x.shape), "astype", [x], astypeGradient, undefined, () => labelsOf(x));
}

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * `−this` elementwise.
     * @example
     * tensor([1, -2]).neg().toArray(); //=> [-1, 2]
     */
    neg(): Tensor<S>;
    /**
     * `eˣ` elementwise.
     * @example
     * tensor([0]).exp().toArray(); //=> [1]
     */
    exp(): Tensor<S>;
    /**
     * The natural logarithm elementwise.
     * @example
     * tensor([1]).log().toArray(); //=> [0]
     */
    log(): Tensor<S>;
    /**
     * The square root elementwise.
     * @example
     * tensor([4, 9]).sqrt().toArray(); //=> [2, 3]
     */
    sqrt(): Tensor<S>;
    /**
     * `|x|` elementwise.
     * @example
     * tensor([-1, 2]).abs().toArray(); //=> [1, 2]
     */
    abs(): Tensor<S>;
    /**
     * The hyperbolic tangent elementwise.
     * @example
     * tensor([0]).tanh().toArray(); //=> [0]
     */
    tanh(): Tensor<S>;
    /**
     * The logistic function elementwise.
     * @example
     * tensor([0]).sigmoid().toArray(); //=> [0.5]
     */
    sigmoid(): Tensor<S>;
    /**
     * `max(x, 0)` elementwise.
     * @example
     * tensor([-1, 2]).relu().toArray(); //=> [0, 2]
     */
    relu(): Tensor<S>;
    /**
     * This tensor converted to `dtype`.
     * @example
     * zeros([2]).astype("float64").dtype; //=> "float64"
     * @throws InputError `INPUT_DTYPE`
     */
    astype(dtype: DType): Tensor<S>;
  }
}

Tensor.prototype.neg = function (this: Tensor) {
  return neg(this);
} as never;
Tensor.prototype.exp = function (this: Tensor) {
  return exp(this);
} as never;
Tensor.prototype.log = function (this: Tensor) {
  return log(this);
} as never;
Tensor.prototype.sqrt = function (this: Tensor) {
  return sqrt(this);
} as never;
Tensor.prototype.abs = function (this: Tensor) {
  return abs(this);
} as never;
Tensor.prototype.tanh = function (this: Tensor) {
  return tanh(this);
} as never;
Tensor.prototype.sigmoid = function (this: Tensor) {
  return sigmoid(this);
} as never;
Tensor.prototype.relu = function (this: Tensor) {
  return relu(this);
} as never;
Tensor.prototype.astype = function (this: Tensor, dtype: DType) {
  return astype(this, dtype);
} as never;

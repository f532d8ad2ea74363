/**
 * Creating tensors: `tensor` (shape from a nested array literal), `zeros`, `ones`, `full`, `arange`,
 * `fromArray`. Shape literals infer without `as const` (`zeros([2, 3])` is a `Tensor<[2, 3]>`); a dim
 * that is not a non-negative integer is a compile error when it is a literal and a `ShapeError` at run
 * time; a ragged literal is a compile error and an `InputError` at run time with the same message.
 * Mirrors types/creation.ts.
 */
import type { Dim, Shape } from "../types/shape.js";
import type { CheckNested, NestedNumbers, NestedShape, ShapeArg, SizeArg } from "../types/creation.js";
import { InputError, ShapeError, formatShape } from "./errors.js";
import { allocate, dtypeOf as dtypeOfStorage, isFloat, storeValue, validateDType, type DType, type Storage } from "./dtype.js";
import { sizeOf, validateShape, writeInvalidShapeMessage } from "./shape.js";
import { Tensor } from "./tensor.js";

/**
 * Options every creation function takes.
 * @example
 * zeros([2], { dtype: "float64", requiresGrad: true }).requiresGrad; //=> true
 */
export interface TensorOptions {
  /**
   * `"float32"` (default), `"float64"`, `"int32"` (values must be integers in int32 range) or `"bool"`
   * (any nonzero value is `true`, stored as 1).
   */
  readonly dtype?: DType;
  /** Whether gradients should flow to this tensor (a leaf of the tape); default `false`. */
  readonly requiresGrad?: boolean;
}

/**
 * Checks a creation shape: valid dims, sizes (a symbolic name has no size to allocate), and at most
 * 2^53 − 1 elements (`INPUT_TOO_LARGE`), before anything is allocated or looped over.
 */
export function creationShape(op: string, shape: unknown): number[] {
  const valid = validateShape(op, shape);
  for (const dim of valid) {
    if (typeof dim === "string") {
      throw new ShapeError("SHAPE_INVALID_SHAPE", op, [valid], writeInvalidShapeMessage(op, valid, dim));
    }
  }
  const dims = [...(valid as readonly number[])];
  sizeOf(dims, op, "shape");
  return dims;
}

/** A new leaf tensor over `data` with the options applied. */
export function leaf<S extends Shape>(op: string, data: Storage, shape: readonly number[], options: TensorOptions | undefined): Tensor<S> {
  const requiresGrad = options?.requiresGrad ?? false;
  if (typeof requiresGrad !== "boolean") throw new InputError("INPUT_OPTION", `${op}: requiresGrad must be true or false`);
  const dtype = dtypeOfStorage(data);
  if (requiresGrad && !isFloat(dtype)) {
    throw new InputError("INPUT_DTYPE", `${op}: only float32 and float64 tensors can require grad, not ${dtype}`);
  }
  return new Tensor(data, shape as unknown as S, undefined, 0, requiresGrad);
}

/**
 * `INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [2] but element [0] has shape [3]`.
 * Mirrors `WriteRaggedMessage`.
 */
export function writeRaggedMessage(op: string, path: string, got: Shape, firstPath: string, first: Shape): string {
  return `INPUT_RAGGED: ${op}: ragged nested array: element ${path} has shape ${formatShape(got)} but element ${firstPath} has shape ${formatShape(first)}`;
}

/** Thrown inside the walk; carries the path from the top and the two shapes. */
class RaggedSpot {
  constructor(readonly path: string, readonly got: number[], readonly firstPath: string, readonly first: number[]) {}
}

/** Thrown inside the walk when an array contains itself; carries the path from the top. */
class CycleSpot {
  constructor(readonly path: string) {}
}

/**
 * The deepest nesting `tensor()` reads: a literal nested deeper is almost surely a mistake (and would
 * overflow the stack of a recursive walk), so it throws `INPUT_TOO_DEEP`.
 */
export const MAX_NESTING = 1000;

function tooDeep(op: string): InputError {
  return new InputError("INPUT_TOO_DEEP", `${op}: the nested array is nested more than ${MAX_NESTING} deep; build a tensor of that rank with fromArray() or reshape()`);
}

/** What the shape walk carries: the arrays being walked (a cycle check) and the shapes of arrays done (shared sub-arrays are walked once). */
interface Walk {
  readonly open: Set<unknown>;
  readonly done: Map<unknown, number[]>;
}

/** The shape of a nested array, walking elements in order as `NestedShape` does. */
function nestedShape(op: string, value: unknown, depth: number, walk: Walk): number[] {
  if (typeof value === "number") return [];
  if (!Array.isArray(value)) {
    throw new InputError("INPUT_VALUE", `${op}: expected numbers or arrays of numbers, got ${value === null ? "null" : typeof value}`);
  }
  const known = walk.done.get(value);
  if (known !== undefined) return known;
  if (walk.open.has(value)) throw new CycleSpot("");
  if (depth >= MAX_NESTING) {
    throw tooDeep(op);
  }
  if (value.length === 0) return [0];
  walk.open.add(value);
  let first: number[] = [];
  for (let i = 0; i < value.length; i++) {
    let inner: number[];
    try {
      inner = nestedShape(op, value[i], depth + 1, walk);
    } catch (error) {
      if (error instanceof RaggedSpot) throw new RaggedSpot(`[${i}]${error.path}`, error.got, `[${i}]${error.firstPath}`, error.first);
      if (error instanceof CycleSpot) throw new CycleSpot(`[${i}]${error.path}`);
      throw error;
    }
    if (i === 0) first = inner;
    else if (inner.length !== first.length || inner.some((dim, axis) => dim !== first[axis])) throw new RaggedSpot(`[${i}]`, inner, "[0]", first);
  }
  walk.open.delete(value);
  const shape = [value.length, ...first];
  walk.done.set(value, shape);
  return shape;
}

function fill(data: Storage, value: unknown, at: number, dtype: DType): number {
  if (typeof value === "number") {
    storeValue("tensor", data, at, value, dtype);
    return at + 1;
  }
  for (const item of value as unknown[]) at = fill(data, item, at, dtype);
  return at;
}

/**
 * `tensor`'s data must be numbers all the way down. Checked here rather than by the type parameter's
 * constraint: a recursive constraint (`N extends NestedNumbers`) sends TypeScript 6 into "excessively
 * deep" instantiation when the data is a call whose result type is inferred from the context, like
 * `tensor(Array.from({ length: 6 }, (_, i) => i))`.
 */
type OnlyNumbers<N> = [N] extends [NestedNumbers] ? unknown : NestedNumbers;

/**
 * A tensor from a number or a nested array of numbers; the shape is the nesting (`[]` for a number).
 * A ragged literal is a compile error; at run time it throws `INPUT_RAGGED` with the same text.
 * @example
 * tensor([[1, 2, 3], [4, 5, 6]]).shape; //=> [2, 3]
 * @throws InputError `INPUT_RAGGED`, `INPUT_VALUE` (also a nested array that contains itself), `INPUT_DTYPE`,
 * `INPUT_TOO_DEEP` (nested more than 1000 deep), `INPUT_TOO_LARGE`
 */
export function tensor<const N extends number | readonly unknown[]>(data: N & OnlyNumbers<N> & CheckNested<N>, options?: TensorOptions): Tensor<NestedShape<N>> {
  const dtype = validateDType("tensor", options?.dtype);
  let shape: number[];
  try {
    shape = nestedShape("tensor", data, 0, { open: new Set(), done: new Map() });
  } catch (error) {
    if (error instanceof RaggedSpot) {
      throw new InputError("INPUT_RAGGED", writeRaggedMessage("tensor", error.path, error.got, error.firstPath, error.first).slice("INPUT_RAGGED: ".length));
    }
    if (error instanceof CycleSpot) {
      throw new InputError("INPUT_VALUE", `tensor: the nested array contains itself (element ${error.path} is an array it is nested in), so it has no shape`);
    }
    throw error;
  }
  // Shared sub-arrays are walked once, so a shape can be deeper than any one walk went.
  if (shape.length > MAX_NESTING) throw tooDeep("tensor");
  const storage = allocate(dtype, sizeOf(shape, "tensor", "the nested array has shape"), "tensor");
  fill(storage, data, 0, dtype);
  return leaf("tensor", storage, shape, options);
}

/** The shared signature of `zeros` and `ones`. */
type FilledFn<Op extends string> = <const S extends Dim[]>(shape: ShapeArg<Op, S>, options?: TensorOptions) => Tensor<S>;

/**
 * A tensor of `shape` filled with `value`.
 * @example
 * full([2], 7).toArray(); //=> [7, 7]
 * @throws ShapeError `SHAPE_INVALID_SHAPE`; InputError `INPUT_DTYPE`, `INPUT_TOO_LARGE` (more than 2^53 − 1 elements, or more than can be allocated)
 */
export function full<const S extends Dim[]>(shape: ShapeArg<"full", S>, value: number, options?: TensorOptions): Tensor<S> {
  return filled("full", shape, value, options);
}

function filled<S extends Shape>(op: string, shape: unknown, value: number, options: TensorOptions | undefined): Tensor<S> {
  const dims = creationShape(op, shape);
  if (typeof value !== "number") throw new InputError("INPUT_VALUE", `${op}: the fill value must be a number`);
  const dtype = validateDType(op, options?.dtype);
  const data = allocate(dtype, sizeOf(dims), op);
  if (value !== 0 && data.length > 0) {
    storeValue(op, data, 0, value, dtype); // checks an int32 value once
    data.fill(data[0]);
  }
  return leaf(op, data, dims, options);
}

/**
 * A tensor of `shape` filled with 0.
 * @example
 * zeros([2, 3]).shape; //=> [2, 3]
 * @throws ShapeError `SHAPE_INVALID_SHAPE`; InputError `INPUT_DTYPE`, `INPUT_TOO_LARGE` (more than 2^53 − 1 elements, or more than can be allocated)
 */
export const zeros: FilledFn<"zeros"> = (shape, options) => filled("zeros", shape, 0, options);

/**
 * A tensor of `shape` filled with 1.
 * @example
 * ones([2]).toArray(); //=> [1, 1]
 * @throws ShapeError `SHAPE_INVALID_SHAPE`; InputError `INPUT_DTYPE`, `INPUT_TOO_LARGE` (more than 2^53 − 1 elements, or more than can be allocated)
 */
export const ones: FilledFn<"ones"> = (shape, options) => filled("ones", shape, 1, options);

/**
 * `[0, 1, …, n − 1]` as a `Tensor<[n]>`.
 * @example
 * arange(4).toArray(); //=> [0, 1, 2, 3]
 * @throws ShapeError `SHAPE_INVALID_SHAPE` when `n` is not a non-negative integer; InputError `INPUT_TOO_LARGE`
 */
export function arange<const N extends Dim>(n: SizeArg<"arange", N>, options?: TensorOptions): Tensor<[N]> {
  const [size] = creationShape("arange", [n]);
  const dtype = validateDType("arange", options?.dtype);
  if (dtype === "bool") throw new InputError("INPUT_DTYPE", "arange: a bool tensor cannot count; use int32, float32 or float64");
  if (dtype === "int32" && size > 2147483648) throw new InputError("INPUT_VALUE", `arange: ${size - 1} is not an int32 (an integer from -2147483648 to 2147483647)`);
  const data = allocate(dtype, size, "arange");
  for (let i = 0; i < size; i++) data[i] = i;
  return leaf("arange", data, [size], options);
}

/**
 * A tensor of `shape` holding `data` (row-major; copied). The dtype defaults to float64 for a
 * `Float64Array`, int32 for an `Int32Array`, else float32.
 * @example
 * fromArray([1, 2, 3, 4, 5, 6], [2, 3]).toArray(); //=> [[1, 2, 3], [4, 5, 6]]
 * @throws InputError `INPUT_DATA_LENGTH`, `INPUT_VALUE`, `INPUT_TOO_LARGE`; ShapeError `SHAPE_INVALID_SHAPE`
 */
export function fromArray<const S extends number[]>(data: ArrayLike<number>, shape: ShapeArg<"fromArray", S>, options?: TensorOptions): Tensor<S> {
  const dims = creationShape("fromArray", shape);
  const size = sizeOf(dims);
  if (data === null || typeof data !== "object" || typeof data.length !== "number") {
    throw new InputError("INPUT_VALUE", "fromArray: data must be an array or typed array of numbers");
  }
  if (data.length !== size) {
    throw new InputError("INPUT_DATA_LENGTH", `fromArray: ${data.length} values do not fill shape ${formatShape(dims)}, which holds ${size}`);
  }
  const dtype: DType = validateDType("fromArray", options?.dtype ?? (data instanceof Float64Array ? "float64" : data instanceof Int32Array ? "int32" : undefined));
  const storage = allocate(dtype, size, "fromArray");
  for (let i = 0; i < size; i++) {
    const value = data[i];
    if (typeof value !== "number") throw new InputError("INPUT_VALUE", `fromArray: element ${i} is ${typeof value}, not a number`);
    storeValue("fromArray", storage, i, value, dtype);
  }
  return leaf("fromArray", storage, dims, options);
}

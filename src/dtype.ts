/**
 * Element types. A tensor stores `float32` (the default), `float64`, `int32` or `bool` values; ops
 * never mix two dtypes silently — convert one side with `.astype()` first. The dtype is a run-time
 * property (the `Tensor<S>` type carries only the shape): a float-only op (exp, matmul, softmax, …)
 * given an int32 or bool tensor throws `INPUT_DTYPE`, and only float tensors take part in autograd.
 */
import { InputError } from "./errors.js";

/**
 * Every dtype a tensor can have, listed once.
 * @example
 * DTYPES; //=> ["float32", "float64", "int32", "bool"]
 */
export const DTYPES = ["float32", "float64", "int32", "bool"] as const;

/**
 * The element type of a tensor: `"float32"` (the default), `"float64"`, `"int32"` or `"bool"`.
 * @example
 * zeros([2]).dtype; //=> "float32"
 */
export type DType = (typeof DTYPES)[number];

/** The dtypes gradients flow through. */
export type FloatDType = "float32" | "float64";

/**
 * The storage of a tensor, per its dtype: `Float32Array`, `Float64Array`, `Int32Array`, or
 * `Uint8Array` (bool: 0 or 1).
 */
export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

/** `true` for `float32` and `float64`. */
export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === "float32" || dtype === "float64";
}

/**
 * Throws unless `dtype` is a float dtype: `op` computes real values (exp, matmul, softmax, …) or
 * takes part in autograd, which int32 and bool tensors do not.
 * @throws InputError `INPUT_DTYPE`
 */
export function requireFloat(op: string, dtype: DType, name = "x"): FloatDType {
  if (isFloat(dtype)) return dtype;
  throw new InputError("INPUT_DTYPE", `${op}: ${name} is ${dtype}, but ${op} needs float32 or float64; convert it first with .astype('float32')`);
}

/**
 * Throws unless `dtype` is a number dtype (float or int32): arithmetic on bool is refused, as in
 * PyTorch's `sub`/`neg` on bool tensors.
 * @throws InputError `INPUT_DTYPE`
 */
export function requireNumeric(op: string, dtype: DType, name = "x"): Exclude<DType, "bool"> {
  if (dtype !== "bool") return dtype;
  throw new InputError("INPUT_DTYPE", `${op}: ${name} is bool, but ${op} needs numbers; convert it first with .astype('int32') or .astype('float32')`);
}

/** The dtype used when none is given. */
export const DEFAULT_DTYPE: DType = "float32";

/**
 * Checks a dtype given by the user (or `undefined`, meaning the default).
 * @throws InputError `INPUT_DTYPE` for anything but one of `DTYPES`
 */
export function validateDType(op: string, dtype: unknown): DType {
  if (dtype === undefined) return DEFAULT_DTYPE;
  if ((DTYPES as readonly unknown[]).includes(dtype)) return dtype as DType;
  throw new InputError("INPUT_DTYPE", `${op}: unknown dtype ${JSON.stringify(dtype) ?? String(dtype)}; use "float32", "float64", "int32" or "bool"`);
}

/** Bytes per element of each dtype. */
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };

/**
 * Fresh zeroed storage of `size` elements for `dtype`. A size the engine cannot allocate (above the
 * largest typed array, or more memory than there is) throws `INPUT_TOO_LARGE` naming `op` and the
 * size, instead of the engine's `RangeError`.
 * @throws InputError `INPUT_TOO_LARGE`
 */
export function allocate(dtype: DType, size: number, op = "allocate"): Storage {
  try {
    let data: Storage;
    switch (dtype) {
      case "float64": data = new Float64Array(size); break;
      case "int32": data = new Int32Array(size); break;
      case "bool": data = new Uint8Array(size); break;
      default: data = new Float32Array(size);
    }
    allocations?.add(data);
    return data;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const bytes = Number.isSafeInteger(size) ? ` (${BigInt(size) * BigInt(BYTES[dtype])} bytes)` : "";
    throw new InputError("INPUT_TOO_LARGE", `${op}: cannot allocate ${size} ${dtype} elements${bytes}: ${error.message}`);
  }
}

/** While not `null`, every storage `allocate` returns is added to it (see `trackAllocations`). */
let allocations: WeakSet<Storage> | null = null;

/**
 * Internal (autograd): from now on, adds every storage `allocate` returns to `set` (`null`: stop).
 * Returns the previous set. `backward()` uses it to know which buffers it created itself — only
 * those may be handed on without a copy or updated in place.
 */
export function trackAllocations(set: WeakSet<Storage> | null): WeakSet<Storage> | null {
  const previous = allocations;
  allocations = set;
  return previous;
}

/** The dtype of a storage array. */
export function dtypeOf(data: Storage): DType {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint8Array) return "bool";
  return "float32";
}

/**
 * Stores `value` into element `index` of a `dtype` storage, as a creation function must: a bool is
 * `1` for any nonzero value (NaN included, as in NumPy), an int32 must be an integer in int32 range
 * (a silent truncation or wrap-around would be a wrong value).
 * @throws InputError `INPUT_VALUE`
 */
export function storeValue(op: string, data: Storage, index: number, value: number, dtype: DType): void {
  if (dtype === "bool") data[index] = value !== 0 ? 1 : 0;
  else if (dtype === "int32" && !isInt32(value)) {
    throw new InputError("INPUT_VALUE", `${op}: ${value} is not an int32 (an integer from -2147483648 to 2147483647)`);
  } else data[index] = value;
}

/** `true` for an integer in int32 range. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/**
 * The common dtype of an op's tensor operands: they must all be the same.
 * @throws InputError `INPUT_DTYPE_MISMATCH` when float32 and float64 meet
 */
export function commonDType(op: string, dtypes: readonly DType[]): DType {
  const first = dtypes[0] ?? DEFAULT_DTYPE;
  for (const dtype of dtypes) {
    if (dtype !== first) {
      throw new InputError(
        "INPUT_DTYPE_MISMATCH",
        `${op}: cannot mix ${first} and ${dtype}; convert one operand first, e.g. x.astype('${dtype}')`,
      );
    }
  }
  return first;
}

/**
 * Element types. A tensor stores `float32` (the default) or `float64` values; ops never mix the two
 * silently — convert one side with `.astype()` first.
 */
import { InputError } from "./errors.js";

/**
 * Every dtype a tensor can have, listed once.
 * @example
 * DTYPES; //=> ["float32", "float64"]
 */
export const DTYPES = ["float32", "float64"] as const;

/**
 * The element type of a tensor: `"float32"` (the default) or `"float64"`.
 * @example
 * zeros([2]).dtype; //=> "float32"
 */
export type DType = (typeof DTYPES)[number];

/** The storage of a tensor: a `Float32Array` or a `Float64Array`, per its dtype. */
export type Storage = Float32Array | Float64Array;

/** The dtype used when none is given. */
export const DEFAULT_DTYPE: DType = "float32";

/**
 * Checks a dtype given by the user (or `undefined`, meaning the default).
 * @throws InputError `INPUT_DTYPE` for anything but `"float32"` or `"float64"`
 */
export function validateDType(op: string, dtype: unknown): DType {
  if (dtype === undefined) return DEFAULT_DTYPE;
  if (dtype === "float32" || dtype === "float64") return dtype;
  throw new InputError("INPUT_DTYPE", `${op}: unknown dtype ${JSON.stringify(dtype) ?? String(dtype)}; use "float32" or "float64"`);
}

/**
 * Fresh zeroed storage of `size` elements for `dtype`. A size the engine cannot allocate (above the
 * largest typed array, or more memory than there is) throws `INPUT_TOO_LARGE` naming `op` and the
 * size, instead of the engine's `RangeError`.
 * @throws InputError `INPUT_TOO_LARGE`
 */
export function allocate(dtype: DType, size: number, op = "allocate"): Storage {
  try {
    const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
    allocations?.add(data);
    return data;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const bytes = Number.isSafeInteger(size) ? ` (${BigInt(size) * (dtype === "float64" ? 8n : 4n)} bytes)` : "";
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
  return data instanceof Float64Array ? "float64" : "float32";
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
        `${op}: cannot mix ${first} and ${dtype}; convert one operand first, e.g. x.astype("${dtype}")`,
      );
    }
  }
  return first;
}

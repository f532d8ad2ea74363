/**
 * `clamp`: each element limited to [min, max] — a primitive with a kernel and one gradient rule.
 * Keeps its input's shape (no type rule beyond `Tensor<S>` → `Tensor<S>`).
 */
import type { Shape } from "../../types/shape.js";
import { InputError } from "../errors.js";
import { allocate } from "../dtype.js";
import { checkTensor } from "../axes.js";
import { describeValue } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { mul } from "./elementwise.js";
import { labelsOf } from "../symbolic.js";

interface Bounds {
  readonly low: number;
  readonly high: number;
}

/** Gradient rule: the upstream gradient where `min ≤ x ≤ max`, 0 elsewhere (PyTorch's rule, bounds included). */
const GRADIENT: GradRule<Bounds> = (g, [x], _out, { low, high }) => {
  const values = contiguousData(x!);
  const mask = allocate(x!.dtype, values.length);
  for (let i = 0; i < values.length; i++) mask[i] = values[i]! >= low && values[i]! <= high ? 1 : 0;
  return [mul(g, fromStorage(mask, x!.shape))];
};

function bound(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || Number.isNaN(value)) throw new InputError("INPUT_OPTION", `clamp: ${name} must be a number or omitted, got ${describeValue(value)}`);
  return value;
}

/**
 * Each element of `x` limited to `[min, max]` (either bound may be omitted, not both): `min(max(x,
 * min), max)`, so `min > max` gives `max` everywhere and NaN stays NaN, as PyTorch's `clamp`.
 * Gradient: `g` where `min ≤ x ≤ max`, 0 where the element was clamped.
 * @example
 * clamp(tensor([-2, 0.5, 3]), -1, 1).toArray(); //=> [-1, 0.5, 1]
 * clamp(tensor([-2, 3]), undefined, 0).toArray(); //=> [-2, 0]
 * @throws InputError `INPUT_OPTION` (no bound, or a bound that is not a number), `INPUT_OPERAND`
 */
export function clamp<S extends Shape>(x: Tensor<S>, min?: number, max?: number): Tensor<S> {
  const t = checkTensor("clamp", x);
  const low = bound("min", min);
  const high = bound("max", max);
  if (low === undefined && high === undefined) throw new InputError("INPUT_OPTION", "clamp: give min, max or both");
  const values = contiguousData(t);
  const out = allocate(t.dtype, values.length);
  const lo = low ?? -Infinity;
  const hi = high ?? Infinity;
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    out[i] = v;
  }
  return record(fromStorage(out, t.shape), "clamp", [t], GRADIENT, { low: lo, high: hi }, () => labelsOf(t)) as never;
}

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * Each element limited to `[min, max]` (either bound may be omitted).
     * @example
     * tensor([-2, 0.5, 3]).clamp(0).toArray(); //=> [0, 0.5, 3]
     * @throws InputError `INPUT_OPTION`
     */
    clamp(min?: number, max?: number): Tensor<S>;
  }
}

Tensor.prototype.clamp = function <S extends Shape>(this: Tensor<S>, min?: number, max?: number): Tensor<S> {
  return clamp(this, min, max);
};

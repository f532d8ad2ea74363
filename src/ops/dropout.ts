/**
 * `dropout`: inverted dropout, as PyTorch's `F.dropout`. In training each element is zeroed with
 * probability `p` and the rest are scaled by `1/(1 − p)`, so the expected value is unchanged; outside
 * training it is the identity. A composition — `x` times a constant mask — so its gradient is the
 * mask times the upstream gradient. Keeps its input's shape.
 */
import type { Shape } from "../../types/shape.js";
import { InputError } from "../errors.js";
import { allocate } from "../dtype.js";
import { checkTensor } from "../axes.js";
import { describeValue } from "../shape.js";
import { randomSource, type RandomGenerator } from "../random.js";
import { fromStorage, type Tensor } from "../tensor.js";
import { mul } from "./elementwise.js";

/** Options of `dropout`. */
export interface DropoutOptions {
  /** Whether to drop (default `true`); `false` makes `dropout` the identity, as in evaluation. */
  readonly training?: boolean;
  /** A seed for a fresh generator: the same seed drops the same elements. */
  readonly seed?: number;
  /** A generator to draw from (advances it); ignored when `seed` is given. */
  readonly generator?: RandomGenerator;
}

/**
 * Inverted dropout: each element of `x` is kept with probability `1 − p` and scaled by `1/(1 − p)`,
 * else set to 0 (when `training`, the default); `x` itself when not training or `p` is 0. `p` must be in
 * [0, 1). Reproducible by `seed` (or a `generator`; else the module-wide generator of `randn`, see `manualSeed`).
 * Gradient: the upstream gradient times the same mask (0 or `1/(1 − p)`).
 * @example
 * dropout(ones([4]), 0.5, { seed: 1 }).toArray().every((v) => v === 0 || v === 2); //=> true
 * dropout(ones([2]), 0.5, { training: false }).toArray(); //=> [1, 1]
 * @throws InputError `INPUT_OPTION` (p outside [0, 1), a bad option), `INPUT_SEED`, `INPUT_OPERAND`
 */
export function dropout<S extends Shape>(x: Tensor<S>, p: number, options?: DropoutOptions): Tensor<S> {
  const t = checkTensor("dropout", x);
  if (typeof p !== "number" || !(p >= 0 && p < 1)) throw new InputError("INPUT_OPTION", `dropout: p must be a number in [0, 1), got ${describeValue(p)}`);
  const training: unknown = options?.training ?? true;
  if (typeof training !== "boolean") throw new InputError("INPUT_OPTION", `dropout: training must be true or false, got ${describeValue(training)}`);
  const generator = randomSource("dropout", options); // checks seed and generator even when not training
  if (!training || p === 0) return x;
  const mask = allocate(t.dtype, t.size, "dropout");
  const scale = 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = generator.uniform() < p ? 0 : scale;
  return mul(t, fromStorage(mask, t.shape)) as never;
}

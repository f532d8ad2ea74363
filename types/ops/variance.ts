/**
 * `variance` and `std` at the type level: the shape of a reduction (`ReduceShape`,
 * types/ops/reduce.ts) with `keepdims` taken from the options. Mirrors src/ops/variance.ts.
 */

import type { Shape } from "../shape.js";
import type { ReduceAxesArg, ReduceShape } from "./reduce.js";

/**
 * The shape of `variance`/`std` of `S` over `Axes`: a reduction's (`ReduceShape`).
 * @example
 * type Out = VarianceShape<[2, 3, 4], 1, true>; //=> [2, 1, 4]
 */
export type VarianceShape<S extends Shape, Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false> = ReduceShape<S, Axes, KeepDims, "varianceShape">;

/** The options of `variance` and `std`. */
export interface VarianceOptions {
  /** Subtracted from the element count in the divisor: 1 (default, Bessel's correction) or 0 (biased). */
  readonly correction?: number;
  /** Keep the reduced axes as size 1. */
  readonly keepdims?: boolean;
}

/** The `keepdims` of options: `false` when not given. */
export type KeepDimsOf<Options> = Options extends { readonly keepdims: infer KeepDims extends boolean } ? KeepDims : false;

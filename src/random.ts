/**
 * Seeded random tensors: `randn` (standard normal) and `rand` (uniform in [0, 1)). A `RandomGenerator` is
 * xoshiro128** seeded through splitmix32, so the same seed gives the same numbers on every platform.
 * Without a seed or generator, a module-wide generator is used; it starts from seed 0 (so a program
 * is reproducible by default) and `manualSeed` resets it.
 */
import type { Dim } from "../types/shape.js";
import type { ShapeArg } from "../types/creation.js";
import { InputError } from "./errors.js";
import { allocate, requireFloat, validateDType } from "./dtype.js";
import { sizeOf } from "./shape.js";
import { creationShape, leaf, type TensorOptions } from "./creation.js";
import type { Tensor } from "./tensor.js";

const TWO_POW_32 = 4294967296;

/**
 * A seeded source of random numbers (xoshiro128**, 128-bit state).
 * @example
 * new RandomGenerator(42).uniform() === new RandomGenerator(42).uniform(); //=> true
 */
export class RandomGenerator {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spare: number | undefined;

  /** A generator whose sequence is fixed by `seed` (any safe integer). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new InputError("INPUT_SEED", `RandomGenerator: the seed must be a safe integer, got ${String(seed)}`);
    // splitmix32 over the low and high words of the seed fills the state; it is never all zero.
    let x = (seed % TWO_POW_32) >>> 0;
    x ^= Math.imul(Math.floor(seed / TWO_POW_32) | 0, 0x9e3779b9);
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A uniform number in [0, 1) with 24 random bits: exactly representable in float32, never 1. */
  uniform24(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** A standard normal number (Box–Muller; the second of each pair is kept for the next call). */
  normal(): number {
    if (this.#spare !== undefined) {
      const spare = this.#spare;
      this.#spare = undefined;
      return spare;
    }
    const u = 1 - this.uniform(); // (0, 1]: log(u) is finite
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let global = new RandomGenerator(0);

/**
 * Resets the module-wide generator used when no `seed` or `generator` is given.
 * @example
 * manualSeed(1);
 * const first = rand([2]).toFlatArray();
 * manualSeed(1);
 * rand([2]).toFlatArray().join() === first.join(); //=> true
 */
export function manualSeed(seed: number): void {
  global = new RandomGenerator(seed);
}

/** Options of the random creation functions. */
export interface RandomOptions extends TensorOptions {
  /** A seed for a fresh generator: the same seed gives the same tensor. */
  readonly seed?: number;
  /** A generator to draw from (advances it); ignored when `seed` is given. */
  readonly generator?: RandomGenerator;
}

function source(op: string, options: RandomOptions | undefined): RandomGenerator {
  if (options?.seed !== undefined) return new RandomGenerator(options.seed);
  if (options?.generator !== undefined) {
    if (!(options.generator instanceof RandomGenerator)) throw new InputError("INPUT_OPTION", `${op}: generator must be a RandomGenerator`);
    return options.generator;
  }
  return global;
}

/**
 * A tensor of `shape` with standard normal entries (mean 0, variance 1), reproducible by seed.
 * @example
 * randn([2, 3], { seed: 0 }).shape; //=> [2, 3]
 * @throws ShapeError `SHAPE_INVALID_SHAPE`; InputError `INPUT_SEED`, `INPUT_DTYPE`
 */
export function randn<const S extends Dim[]>(shape: ShapeArg<"randn", S>, options?: RandomOptions): Tensor<S> {
  const dims = creationShape("randn", shape);
  const data = allocate(requireFloat("randn", validateDType("randn", options?.dtype), "the dtype"), sizeOf(dims));
  const generator = source("randn", options);
  for (let i = 0; i < data.length; i++) data[i] = generator.normal();
  return leaf("randn", data, dims, options);
}

/**
 * A tensor of `shape` with entries uniform in [0, 1), reproducible by seed.
 * @example
 * rand([2], { seed: 0 }).shape; //=> [2]
 * @throws ShapeError `SHAPE_INVALID_SHAPE`; InputError `INPUT_SEED`, `INPUT_DTYPE`
 */
export function rand<const S extends Dim[]>(shape: ShapeArg<"rand", S>, options?: RandomOptions): Tensor<S> {
  const dims = creationShape("rand", shape);
  const dtype = requireFloat("rand", validateDType("rand", options?.dtype), "the dtype");
  const data = allocate(dtype, sizeOf(dims));
  const generator = source("rand", options);
  if (dtype === "float32") for (let i = 0; i < data.length; i++) data[i] = generator.uniform24();
  else for (let i = 0; i < data.length; i++) data[i] = generator.uniform();
  return leaf("rand", data, dims, options);
}

/**
 * The generator an op that draws random numbers uses: a fresh one for `seed`, the given `generator`,
 * else the module-wide one (`manualSeed`). For ops outside this module (`dropout`).
 * @throws InputError `INPUT_SEED`, `INPUT_OPTION`
 */
export function randomSource(op: string, options: { readonly seed?: number; readonly generator?: RandomGenerator } | undefined): RandomGenerator {
  return source(op, options as RandomOptions | undefined);
}

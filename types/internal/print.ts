import type { Dim, Shape } from "../shape.js";

/**
 * Prints one dim as TypeScript prints it inside a tuple: `3`, `"batch"`, `number`.
 * Mirrors `formatDim` in src/errors.ts.
 */
export type PrintDim<D extends Dim> = D extends string
  ? `'${D}'`
  : number extends D
    ? "number"
    : `${D}`;

type JoinDims<S extends Shape, Acc extends string = "", Separator extends string = ""> = S extends readonly [
  infer Head extends Dim,
  ...infer Rest extends Shape,
]
  ? JoinDims<Rest, `${Acc}${Separator}${PrintDim<Head>}`, ", ">
  : Acc;

// Prints a shape of unknown rank: the fixed tail of `[...number[], 3, 2]`, or `...number[]` alone.
type JoinVariadic<S extends Shape, Tail extends string = ""> = S extends readonly [
  ...infer Rest extends Shape,
  infer Last extends Dim,
]
  ? JoinVariadic<Rest, Tail extends "" ? PrintDim<Last> : `${PrintDim<Last>}, ${Tail}`>
  : Tail extends ""
    ? "...number[]"
    : `...number[], ${Tail}`;

/**
 * Prints a shape exactly as the runtime's `formatShape` does: `[2, 3]`, `[]`, `["batch", 784]`,
 * and `[...number[]]` for a shape of unknown rank.
 */
export type PrintShape<S extends Shape> = number extends S["length"]
  ? `[${JoinVariadic<S>}]`
  : `[${JoinDims<S>}]`;

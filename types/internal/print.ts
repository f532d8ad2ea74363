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
 * and `[...number[]]` for a shape of unknown rank. Ranks up to 3 are printed in one template (about
 * half the instantiations of the walk, which longer shapes take).
 */
export type PrintShape<S extends Shape> = number extends S["length"]
  ? `[${JoinVariadic<S>}]`
  : S extends readonly []
    ? "[]"
    : S extends readonly [infer A extends Dim]
      ? `[${PrintDim<A>}]`
      : S extends readonly [infer A extends Dim, infer B extends Dim]
        ? `[${PrintDim<A>}, ${PrintDim<B>}]`
        : S extends readonly [infer A extends Dim, infer B extends Dim, infer C extends Dim]
          ? `[${PrintDim<A>}, ${PrintDim<B>}, ${PrintDim<C>}]`
          : `[${JoinDims<S>}]`;

/**
 * One axis of a shape.
 * - a non-negative integer literal (`3`, `0`) is a **known** size;
 * - a string literal (`"batch"`) is a **symbolic** size: fixed but unknown at compile time;
 * - the type `number` is a **dynamic** size: nothing is known until run time.
 */
export type Dim = number | string;

/** A shape: a readonly tuple of dims. `readonly number[]` (or `Dim[]`) is a shape of unknown rank. */
export type Shape = readonly Dim[];

/** `true` when `S` is a tuple of fixed rank, `false` for `number[]`-like shapes of unknown rank. */
export type IsFixedRank<S extends Shape> = number extends S["length"] ? false : true;

/**
 * Broadcasting at the type level: `BroadcastShapes`, `BroadcastToShape`, `ReductionAxes`.
 * Mirrors src/ops/broadcast.ts rule for rule and message for message.
 *
 * Per axis (shapes aligned on the right, missing leading axes count as 1):
 * - equal dims → that dim; `1` against anything → the other side;
 * - `number` (dynamic) against anything → no compile error; the known side when it is not 1,
 *   else `number`; the runtime checks it;
 * - two different symbols, or a symbol against a known dim other than 1 → error (state the relation
 *   with `.as()`); two different known dims, neither 1 → error.
 * A union dim (`2 | 3`) is treated like `number`. A shape of unknown rank (`number[]`) broadcasts to
 * `[...number[], …]` keeping what is known of the other side's trailing axes.
 */
import type { Dim, Shape } from "../shape.js";
import type { CheckArg, ShapeError } from "../errors.js";
import type { IsSingle, InvalidShapeMessage, InvalidShapesMessage } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";

/** Why two dims do not broadcast. */
type Clash = { readonly clash: "known" | "symbols" | "symbol-known" };

/** Broadcasts one axis: the dim, or a `Clash`. */
export type BroadcastDim<Left extends Dim, Right extends Dim> = [Left] extends [Right]
  ? [Right] extends [Left]
    ? Left
    : MixedDims<Left, Right>
  : MixedDims<Left, Right>;

type MixedDims<Left extends Dim, Right extends Dim> = [Left] extends [1]
  ? Right
  : [Right] extends [1]
    ? Left
    : number extends Left
      ? KnownOrNumber<Right>
      : number extends Right
        ? KnownOrNumber<Left>
        : IsSingle<Left> extends true
          ? IsSingle<Right> extends true
            ? [Left] extends [string]
              ? [Right] extends [string]
                ? { readonly clash: "symbols" }
                : { readonly clash: "symbol-known" }
              : [Right] extends [string]
                ? { readonly clash: "symbol-known" }
                : { readonly clash: "known" }
            : number
          : number;

/** What a dynamic dim broadcasts to against `D`: `D` when it is a known size (not 1), else `number`. */
type KnownOrNumber<D extends Dim> = [D] extends [number] ? (number extends D ? number : IsSingle<D> extends true ? D : number) : number;

/** The hint that ends a clash message. Mirrors `clashHint` in src/ops/broadcast.ts. */
type ClashHint<Kind, Left extends Dim, Right extends Dim, KnownHint extends string> = Kind extends "known"
  ? KnownHint
  : Kind extends "symbols"
    ? "different names may be different sizes (state that they are equal with .as())"
    : `a named dim may not be ${PrintDim<Extract<Left | Right, number>>} (state its size with .as())`;

/**
 * `SHAPE_BROADCAST: add: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal
 * or 1 (unsqueeze adds a size-1 axis)`. Mirrors `writeBroadcastMessage`.
 */
export type WriteBroadcastMessage<
  Op extends string,
  Left extends Shape,
  Right extends Shape,
  Axis extends number,
  LeftDim extends Dim,
  RightDim extends Dim,
  Kind,
  Fix extends TrailingFixSide = "none",
> = `SHAPE_BROADCAST: ${Op}: cannot broadcast ${PrintShape<Left>} with ${PrintShape<Right>}: axis -${Axis} is ${PrintDim<LeftDim>} vs ${PrintDim<RightDim>}; ${Fix extends "right"
  ? WriteTrailingFixHint<Right>
  : Fix extends "left"
    ? WriteTrailingFixHint<Left>
    : ClashHint<Kind, LeftDim, RightDim, "each axis must be equal or 1 (unsqueeze adds a size-1 axis)">}`;

/** Which operand, given a trailing size-1 axis, would broadcast (without changing the result's rank). */
export type TrailingFixSide = "left" | "right" | "none";

/**
 * The hint when a trailing size-1 axis fixes the clash — the seed's bias of shape `[3]` against
 * `[3, batch]`: `shapes align on the right; unsqueeze(-1) on [3] gives [3, 1], which broadcasts`.
 * Mirrors `writeTrailingFixHint`.
 */
export type WriteTrailingFixHint<Operand extends Shape> =
  `shapes align on the right; unsqueeze(-1) on ${PrintShape<Operand>} gives ${PrintShape<[...Operand, 1]>}, which broadcasts`;

/** Would `[...Right, 1]` (else `[...Left, 1]`) broadcast with the other side, keeping its rank? */
type TrailingFix<Left extends Shape, Right extends Shape> = number extends Left["length"] | Right["length"]
  ? "none"
  : BroadcastPair<Left, [...Right, 1], "", false> extends infer Out
    ? Out extends Shape
      ? Out["length"] extends Left["length"]
        ? "right"
        : TrailingFixLeft<Left, Right>
      : TrailingFixLeft<Left, Right>
    : never;

type TrailingFixLeft<Left extends Shape, Right extends Shape> = BroadcastPair<[...Left, 1], Right, "", false> extends infer Out
  ? Out extends Shape
    ? Out["length"] extends Right["length"]
      ? "left"
      : "none"
    : "none"
  : never;

/** Maps the dims of a shape broadcast against dims of unknown rank: known sizes other than 1 stay. */
type AgainstUnknown<S extends Shape, Acc extends Dim[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? AgainstUnknown<Rest, [...Acc, [Head] extends [1] ? number : KnownOrNumber<Head>]>
  : Acc;

/**
 * Broadcasts two shapes, right to left, `Acc` holding the result's trailing axes; `Hint` says whether a
 * failure looks for the trailing-axis fix (off for probes, and for matmul's batch dims).
 */
type BroadcastPair<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  L extends Shape = Left,
  R extends Shape = Right,
  Acc extends Dim[] = [],
> = L extends readonly [...infer LRest extends Shape, infer LDim extends Dim]
  ? R extends readonly [...infer RRest extends Shape, infer RDim extends Dim]
    ? BroadcastDim<LDim, RDim> extends infer Out
      ? Out extends Dim
        ? BroadcastPair<Left, Right, Op, Hint, LRest, RRest, [Out, ...Acc]>
        : ShapeError<
            WriteBroadcastMessage<Op, Left, Right, [0, ...Acc]["length"], LDim, RDim, (Out & Clash)["clash"], Hint extends true ? TrailingFix<Left, Right> : "none">
          >
      : never
    : BroadcastRest<L, R, Acc>
  : BroadcastRest<L, R, Acc>;

/** One side has no fixed trailing axis left: it is `[]`, or an array of unknown rank. */
type BroadcastRest<L extends Shape, R extends Shape, Acc extends Dim[]> = L extends readonly []
  ? [...R, ...Acc]
  : R extends readonly []
    ? [...L, ...Acc]
    : L extends readonly [...infer _, Dim]
      ? [...number[], ...AgainstUnknown<L>, ...Acc]
      : R extends readonly [...infer _, Dim]
        ? [...number[], ...AgainstUnknown<R>, ...Acc]
        : [...number[], ...Acc];

/** Left fold over the operands: the result, or `{ index; error }` for the first operand that fails. */
type BroadcastFold<
  Shapes extends readonly Shape[],
  Op extends string,
  Hint extends boolean,
  Acc extends Shape,
  Index extends 0[],
> = Shapes extends readonly [infer Head extends Shape, ...infer Tail extends readonly Shape[]]
  ? InvalidShapeMessage<Op, Head> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? ([Acc] extends [Head] ? ([Head] extends [Acc] ? Acc : BroadcastPair<Acc, Head, Op, Hint>) : BroadcastPair<Acc, Head, Op, Hint>) extends infer Out
        ? Out extends Shape
          ? BroadcastFold<Tail, Op, Hint, Out, [...Index, 0]>
          : { index: Index["length"]; error: Out }
        : never
      : { index: Index["length"]; error: ShapeError<Invalid> }
    : never
  : Acc;

/** Starts the fold with the first operand (validated) as the accumulated shape. */
type BroadcastStart<Shapes extends readonly Shape[], Op extends string, Hint extends boolean> = Shapes extends readonly [
  infer Head extends Shape,
  ...infer Tail extends readonly Shape[],
]
  ? InvalidShapeMessage<Op, Head> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? BroadcastFold<Tail, Op, Hint, Head extends readonly [] ? [] : [...Head], [0]>
      : { index: 0; error: ShapeError<Invalid> }
    : never
  : [];

type FoldResult<Shapes extends readonly Shape[], Op extends string, Hint extends boolean> = number extends Shapes["length"]
  ? number[]
  : BroadcastStart<Shapes, Op, Hint>;

/**
 * The NumPy broadcast of any number of shapes (zero shapes → `[]`), or a `ShapeError` whose message
 * is the runtime's. `Hint = false` leaves out the trailing-axis hint (matmul's batch dims use that).
 * @example
 * type Out = BroadcastShapes<[[8, 1, 6, 1], [7, 1, 5]]>; //=> [8, 7, 6, 5]
 */
export type BroadcastShapes<Shapes extends readonly Shape[], Op extends string = "broadcastShapes", Hint extends boolean = true> =
  FoldResult<Shapes, Op, Hint> extends infer Out ? (Out extends { error: infer Error } ? Error : Out) : never;

/**
 * The arguments of an n-ary broadcasting call, each intersected with its error when it is the operand
 * that fails, so the compiler reports the error at that argument.
 */
export type BroadcastArgs<Shapes extends readonly Shape[], Op extends string> = {
  [K in keyof Shapes]: Shapes[K] & CheckArg<OperandError<FoldResult<Shapes, Op, true>, K>>;
};

/** The error of operand `K`, if the fold failed there. */
type OperandError<Folded, K> = Folded extends { index: infer Index extends number; error: infer Error } ? (K extends `${Index}` ? Error : unknown) : unknown;

// ---------------------------------------------------------------------------------------------
// One-way broadcasting

/**
 * `SHAPE_BROADCAST_TO: broadcastTo: cannot broadcast [3] to [4]: axis -1 is 3 vs 4; only size-1 axes
 * can be stretched`. Mirrors `writeBroadcastToMessage`.
 */
export type WriteBroadcastToMessage<
  Op extends string,
  From extends Shape,
  To extends Shape,
  Axis extends number,
  FromDim extends Dim,
  ToDim extends Dim,
  Kind,
> = `SHAPE_BROADCAST_TO: ${Op}: cannot broadcast ${PrintShape<From>} to ${PrintShape<To>}: axis -${Axis} is ${PrintDim<FromDim>} vs ${PrintDim<ToDim>}; ${ClashHint<Kind, FromDim, ToDim, "only size-1 axes can be stretched">}`;

/** `SHAPE_BROADCAST_TO: op: cannot broadcast [1, 2] to [2]: it has 2 axes, the target 1; …`. */
export type WriteBroadcastToRankMessage<Op extends string, From extends Shape, To extends Shape> =
  `SHAPE_BROADCAST_TO: ${Op}: cannot broadcast ${PrintShape<From>} to ${PrintShape<To>}: it has ${From["length"]} axes, the target ${To["length"]}; broadcasting only adds leading axes`;

type BroadcastToDims<
  From extends Shape,
  To extends Shape,
  Op extends string,
  F extends Shape = From,
  T extends Shape = To,
  Acc extends Dim[] = [],
> = T extends readonly [...infer TRest extends Shape, infer TDim extends Dim]
  ? F extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? BroadcastDim<FDim, TDim> extends infer Out
      ? [Out] extends [Clash]
        ? ShapeError<WriteBroadcastToMessage<Op, From, To, [0, ...Acc]["length"], FDim, TDim, Out["clash"]>>
        : number extends TDim
          ? BroadcastToDims<From, To, Op, FRest, TRest, [Out & Dim, ...Acc]>
          : [Out] extends [TDim]
            ? BroadcastToDims<From, To, Op, FRest, TRest, [TDim, ...Acc]>
            : number extends Out
              ? BroadcastToDims<From, To, Op, FRest, TRest, [TDim, ...Acc]>
              : ShapeError<WriteBroadcastToMessage<Op, From, To, [0, ...Acc]["length"], FDim, TDim, [FDim] extends [string] ? "symbol-known" : "known">>
      : never
    : [...T, ...Acc] // `From` is used up (leading axes are added) or has unknown rank (the runtime checks)
  : T extends readonly []
    ? F extends readonly [...infer _, Dim]
      ? ShapeError<WriteBroadcastToRankMessage<Op, From, To>>
      : Acc
    : [...T, ...Acc]; // the target has unknown rank: it stands, the runtime checks

/**
 * One-way broadcast of `From` to `To` (what `broadcastTo`, in-place updates and gradient reduction
 * need): `To`, refined where `To` has `number` and `From` a known size, or a `ShapeError`.
 * @example
 * type Out = BroadcastToShape<[3, 1], [2, 3, 4]>; //=> [2, 3, 4]
 */
export type BroadcastToShape<From extends Shape, To extends Shape, Op extends string = "broadcastToShape"> =
  InvalidShapesMessage<Op, [From, To]> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? BroadcastToDims<From, To, Op>
      : ShapeError<Invalid>
    : never;

// ---------------------------------------------------------------------------------------------
// Gradient reduction

/** Per output axis, right to left: `true` when a gradient is summed over it, `"?"` when unknown. */
type ReducedFlags<From extends Shape, To extends Shape, Acc extends unknown[] = []> = To extends readonly [
  ...infer TRest extends Shape,
  infer TDim extends Dim,
]
  ? From extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? ReducedFlags<FRest, TRest, [number extends FDim ? "?" : [FDim] extends [1] ? ([TDim] extends [1] ? false : number extends TDim ? "?" : true) : false, ...Acc]>
    : From extends readonly []
      ? ReducedFlags<[], TRest, [true, ...Acc]>
      : ["?"]
  : Acc;

type TrueIndices<Flags extends unknown[], Index extends 0[] = [], Acc extends number[] = []> = Flags extends [
  infer Head,
  ...infer Rest,
]
  ? TrueIndices<Rest, [...Index, 0], Head extends true ? [...Acc, Index["length"]] : Acc>
  : Acc;

/**
 * The output axes over which the gradient of an operand of shape `Operand` is summed when it was
 * broadcast to `Out`: prepended axes, and axes stretched from 1 (ascending, TF.js's
 * `getReductionAxes` order). `number[]` when a dynamic dim makes it unknowable.
 * @example
 * type Axes = ReductionAxes<[4, 1, 3], [4, 5, 3]>; //=> [1]
 */
export type ReductionAxes<Operand extends Shape, Out extends Shape> =
  BroadcastToShape<Operand, Out, "reductionAxes"> extends infer Checked
    ? [Checked] extends [ShapeError<string>]
      ? Checked
      : number extends Out["length"] | Operand["length"]
        ? number[]
        : ReducedFlags<Operand, Out> extends infer Flags extends unknown[]
          ? "?" extends Flags[number]
            ? number[]
            : TrueIndices<Flags>
          : never
    : never;

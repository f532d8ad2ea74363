import type { Dim, Shape } from "../shape.js";
import type { PrintDim, PrintShape } from "./print.js";
import type { AboveMaxSafe, Digit } from "./digits.js";

/** Distributes over the members of `D`: `true` for a member equal to the whole union, else `false`. */
type EachIsWhole<D, Whole = D> = D extends unknown ? ([Whole] extends [D] ? true : false) : never;

/** `true` when `D` is one literal, `false` when it is a union of several (or `never`). */
export type IsSingle<D> = [D] extends [never] ? false : [EachIsWhole<D>] extends [true] ? true : false;

/**
 * `true` for a valid dim that is one known size (a number literal, not `number`, not a union), `false`
 * for anything else a valid dim can be (`number`, a union, a name). For dims already validated (a
 * tensor's, or a rule's after `InvalidSizesMessage`): a valid number literal is a natural, so this
 * stands for `IsNatural` (types/internal/digits.ts) without reading the literal's digits.
 */
export type IsKnownSize<D> = [D] extends [number] ? (number extends D ? false : IsSingle<D>) : false;

/**
 * The dims of `S` that are not valid, as a union: numbers that are not non-negative safe integers
 * (negative, fractional, written with an exponent — i.e. ≥ 1e21 — or above 2^53 − 1), and names that
 * are empty or hold a quote or a backslash (they could not be printed as messages print them).
 * Mirrors `isValidDim`.
 */
export type BadDims<S extends Shape> = BadDimsOf<S[number]>;

/** `BadDims` of dims given as a union (`S[number]`, or one dim): the bad ones among them. */
export type BadDimsOf<Dims> =
  | Extract<
      Dims,
      `${Extract<Dims, number>}` extends infer Text
        ? Text extends `-${string}` | `${string}.${string}` | `${string}e${string}`
          ? Text extends `${infer N extends number}` ? N : never
          : AboveMaxSafe<Text & string> extends true
            ? Text extends `${infer N extends number}` ? N : never
            : never
        : never
    >
  | BadNames<Dims>;

/** The name literals among `Dims` that are bad names (`string` itself, and `any`, are not). */
type BadNames<Dims> = Dims extends string ? (string extends Dims ? never : Dims extends BadName ? Dims : never) : never;

type FirstBad<S extends Shape, Bad> = S extends readonly [infer Head, ...infer Rest extends Shape]
  ? [Head] extends [Bad] ? Head : FirstBad<Rest, Bad>
  : never;

/**
 * `SHAPE_INVALID_SHAPE: op: invalid shape [2, -1]: dim -1 is not a non-negative integer`.
 * Mirrors `writeInvalidShapeMessage` in src/shape.ts.
 */
export type WriteInvalidShapeMessage<Op extends string, S extends Shape, Bad extends Dim> =
  `SHAPE_INVALID_SHAPE: ${Op}: invalid shape ${PrintShape<S>}: dim ${PrintDim<Bad>} ${Bad extends BadName ? "is not a valid name (a name is not empty and has no quote or backslash)" : "is not a non-negative integer"}`;

/** A string that cannot be a name: empty, or holding a quote or a backslash. Mirrors `isBadName`. */
type BadName = "" | `${string}"${string}` | `${string}'${string}` | `${string}\\${string}`;

/** The text of a non-negative integer literal in plain notation: `"0"`, `"768"` (not `"-1"`, `"1.5"`, `"1e+21"`). */
export type NaturalText = Digit | `${Digit}${bigint}`;

/**
 * The message for the first invalid dim of `S`, or `never` when every dim is valid. Checked at once
 * first for the common shape: its numbers all plain non-negative integer literals up to 2^53 − 1, no
 * bad name.
 */
export type InvalidShapeMessage<Op extends string, S extends Shape> = [S[number]] extends [number]
  ? [`${S[number]}`] extends [NaturalText]
    ? true extends AboveMaxSafe<`${S[number]}`>
      ? FirstInvalidDim<Op, S>
      : never
    : FirstInvalidDim<Op, S>
  : [`${Extract<S[number], number>}`] extends [NaturalText]
    ? [BadNames<S[number]>] extends [never]
      ? true extends AboveMaxSafe<`${Extract<S[number], number>}`>
        ? FirstInvalidDim<Op, S>
        : never
      : FirstInvalidDim<Op, S>
    : FirstInvalidDim<Op, S>;

type FirstInvalidDim<Op extends string, S extends Shape> = [BadDims<S>] extends [never]
  ? never
  : WriteInvalidShapeMessage<Op, S, FirstBad<S, BadDims<S>> & Dim>;

/** The message for the first invalid shape among `Shapes` (in order), or `never` when all are valid. */
export type InvalidShapesMessage<Op extends string, Shapes extends readonly Shape[]> = Shapes extends readonly [
  infer Head extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? [InvalidShapeMessage<Op, Head>] extends [never]
    ? InvalidShapesMessage<Op, Rest>
    : InvalidShapeMessage<Op, Head>
  : never;

/**
 * Exact identity of types. `Exact<A> extends Exact<B>` is true only when `A` and `B` are the same type
 * (the parameter is invariant), and — unlike `[A] extends [B]` — TypeScript resolves it when both sides
 * are the same type parameter: a conditional resolves in generic code exactly when its answer holds for
 * every instantiation, and a type parameter is identical to itself whatever it stands for. This is
 * what lets the rules compute structurally around type parameters (`[B, 784] @ [784, 128]` is
 * `[B, 128]`) instead of deferring.
 */
export interface Exact<in out T> {
  readonly exact: T;
}

/**
 * Two dims that must be one size, as a check with no `infer`: `unknown` when they are the same dim,
 * when either is `number`, or when both are known or named (the rule itself compares those, in
 * normal form, with the runtime's message); where a type parameter keeps TypeScript from deciding,
 * the argument is related to both branches and fails against `Message` — a type parameter is a
 * name, equal only to itself (as in broadcasting, types/ops/broadcast.ts). Used by the rules' identity checks (`IdentityFirst`,
 * types/errors.ts): concat/stack names, conv channels, einsum indices, loss labels, same shapes, reshape.
 */
export type SameDimCheck<Message extends string, F extends Dim, D extends Dim> = Exact<F> extends Exact<D>
  ? unknown
  : number extends F
    ? unknown
    : number extends D
      ? unknown
      : [F, D] extends [number | string, number | string]
        ? unknown
        : Message;

/**
 * A names message (whose hint ends "…, and a type parameter is equal only to itself") for two dims
 * that are not type parameters, with that clause taken out: two known or named dims that clash in
 * shapes holding a type parameter elsewhere (`[B, 128] + [64]`), where the runtime's message, which
 * prints the shapes, cannot be written. The clause would blame the type parameter for a clash of
 * `128` and `64`. Used where a rule reaches an error for such a pair.
 */
export type KnownDimsMessage<Message extends string> = Message extends `${infer Head}, and a type parameter is equal only to itself${infer Tail}` ? `${Head}${Tail}` : Message;

/**
 * Shapes none of whose dims is a type parameter: `[Shapes] extends [NoTypeParameters]` holds for
 * shapes of known, named and `number` dims (and of unknown rank), and stays undecided where a dim or
 * a whole shape is a type parameter — TypeScript decides a conditional in generic code only when the
 * answer holds for every instantiation, and without its constraint a type parameter is not a `Dim`.
 * The identity checks (`SameDimCheck` walks) open with it: their walks are needed only around type
 * parameters, and where it is undecided TypeScript relates the argument to both branches, so the
 * walk still judges it. Each writes it inline as `unknown & ([[…shapes]] extends [NoTypeParameters] ?
 * unknown : Walk)`: a conditional that is not an alias's whole body has no alias of its own, so where
 * it stays undecided a diagnostic prints its branches — the walk's `SameDimCheck<"message", …>` —
 * rather than the check's name without its message.
 */
export type NoTypeParameters = readonly (readonly (number | string)[])[];

/**
 * A shape of fixed rank, whatever its dims (type parameters included): its length is a literal.
 * `[S] extends readonly [FixedRank]` holds for `[B, 784]`, fails for `[...Batch, D]` and `number[]`,
 * and stays undecided only for a whole-shape type parameter. Ranks up to 32.
 */
export type FixedRank = { readonly length: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31 | 32 };

/** `S` with its last two axes swapped; other shapes as they are. Mirrors `swapLastTwoDims`. */
export type SwapLastTwo<S extends Shape> = S extends readonly [...infer Batch extends Shape, infer Rows extends Dim, infer Columns extends Dim]
  ? [...Batch, Columns, Rows]
  : S;

/** `S` without its first `Count["length"]` dims: `[front, rest]`, or `false` when they are not there (a batch group in front). */
export type PeelFront<S extends Shape, Count extends unknown[], Front extends Dim[] = []> = Count extends [unknown, ...infer Fewer]
  ? [S] extends readonly [readonly [infer D extends Dim, ...infer Rest extends Shape]] // wrapped: decided for a batch group too
    ? PeelFront<Rest, Fewer, [...Front, D]>
    : false
  : [Front, S];

/** `S` without its last `Count["length"]` dims: `[rest, back]`, or `false` when they are not there. */
export type PeelBack<S extends Shape, Count extends unknown[], Back extends Dim[] = []> = Count extends [unknown, ...infer Fewer]
  ? [S] extends readonly [readonly [...infer Rest extends Shape, infer D extends Dim]] // wrapped: decided for a batch group too
    ? PeelBack<Rest, Fewer, [D, ...Back]>
    : false
  : [S, Back];

/**
 * `rearrange` at the type level: the einops pattern is read character by character, checked (one
 * `->`, parentheses, names, each axis once on each side, the same axes on both sides), matched to
 * the input's shape (one axis per item of the left side) and the sizes argument, and the output
 * shape computed with the symbolic arithmetic of types/internal/symbolic.ts: a group on the left
 * may leave one name's size unknown — the axis over the product of the others, an exact division
 * (of digit strings for known dims, of polynomials for symbolic ones) — and each group on the right
 * is the product of its names' sizes. A `number` dim or size makes what depends on it `number` (the
 * runtime checks it). Mirrors src/ops/rearrange.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AsciiLetter, CompareSizes, DimPoly, DivPolyByTerm, IsDynamicDim, NoQuotient, Poly, PolyDim, PrintPoly, ShapeSize, SplitProduct, Term } from "../internal/symbolic.js";
import type { MergedDim, Product } from "./reshape.js";
import type { FixedRank, PeelBack, PeelFront } from "../internal/dims.js";

/** Mirrors `writeRearrangeSyntaxMessage`. */
export type WriteRearrangeSyntaxMessage<Op extends string, P extends string, Reason extends string> = `SHAPE_REARRANGE: ${Op}: cannot read '${P}': ${Reason}`;

/** Mirrors `writeRearrangeAxisMessage`. */
export type WriteRearrangeAxisMessage<Op extends string, P extends string, Name extends string, Kind extends "twice" | "one side", Side extends "left" | "right"> =
  `SHAPE_REARRANGE: ${Op}: '${P}': ${Kind extends "twice"
    ? `axis '${Name}' appears twice on the ${Side}; each axis appears once on each side`
    : `axis '${Name}' is on the ${Side} only; rearrange reorders, splits and merges axes, so both sides name the same axes`}`;

/** Mirrors `writeRearrangeRankMessage` (`AtLeast` for a pattern with `...`). */
export type WriteRearrangeRankMessage<Op extends string, P extends string, S extends Shape, Axes extends number, AtLeast extends boolean = false> =
  `SHAPE_REARRANGE: ${Op}: '${P}' has ${AtLeast extends true ? "at least " : ""}${Axes} input axes, but the input ${PrintShape<S>} has ${S["length"]}`;

/** Mirrors `writeRearrangeSplitMessage`. */
export type WriteRearrangeSplitMessage<
  Op extends string,
  P extends string,
  S extends Shape,
  Axis extends number,
  Kind extends "given" | "product" | "unknown" | "multiple" | "zero",
  Group extends string,
  Value extends string,
> = `SHAPE_REARRANGE: ${Op}: '${P}' on ${PrintShape<S>}: ${SplitDetail<PrintDim<S[Axis]>, Axis, Kind, Group, Value>}`;

type SplitDetail<D extends string, Axis extends number, Kind, Group extends string, Value extends string> = Kind extends "given"
  ? `axis ${Axis} is ${D}, but ${Value} was given`
  : Kind extends "product"
    ? `axis ${Axis} is ${D}, but (${Group}) is ${Value}`
    : Kind extends "unknown"
      ? `axis ${Axis} (${D}) is split into (${Group}), but the sizes of ${Value} are unknown; give all but one of them in the sizes argument`
      : Kind extends "multiple"
        ? `axis ${Axis} (${D}) cannot be split into (${Group}): ${D} is not a multiple of ${Value}`
        : `axis ${Axis} (${D}) cannot be split into (${Group}): the given sizes multiply to 0, so any size would fit`;

// ---------------------------------------------------------------------------------------------
// Reading the pattern

type Letter = AsciiLetter | "_";
type NameChar = Letter | "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type RestIsName<Text extends string> = Text extends `${infer C}${infer Rest}` ? (C extends NameChar ? RestIsName<Rest> : false) : true;
/** `true` for an axis name: letters, digits and `_`, not starting with a digit. */
type IsName<Text extends string> = Text extends `${infer C}${infer Rest}` ? (C extends Letter ? RestIsName<Rest> : false) : false;

/** Ends the name being read: `[axes, group]` with it added, or the error for a bad name. */
type Finish<Op extends string, P extends string, Axes extends string[][], Group extends string[] | false, Name extends string, Right extends boolean> = Name extends ""
  ? [Axes, Group]
  : Name extends "..."
    ? Group extends string[]
      ? Right extends true
        ? [Axes, [...Group, "(...)"]] // apart from a `...` standing alone
        : ShapeError<WriteRearrangeSyntaxMessage<Op, P, "'...' inside a group on the left (it stands for whole axes, which a group would split)">>
      : [[...Axes, [Name]], Group]
  : IsName<Name> extends true
    ? Group extends string[]
      ? [Axes, [...Group, Name]]
      : [[...Axes, [Name]], Group]
    : ShapeError<WriteRearrangeSyntaxMessage<Op, P, `'${Name}' is not an axis name (letters, digits and _, not starting with a digit)`>>;

/**
 * One side of a pattern, character by character: its axes (each a list of names), or the error. `...`
 * may sit in a group on the right side only (`Right`). Mirrors `readSide`.
 */
type ReadSide<Op extends string, P extends string, Side extends string, Right extends boolean, Axes extends string[][] = [], Group extends string[] | false = false, Name extends string = ""> =
  Side extends `${infer C}${infer Rest}`
    ? C extends " " | "(" | ")"
      ? Finish<Op, P, Axes, Group, Name, Right> extends [infer A extends string[][], infer G extends string[] | false]
        ? C extends " "
          ? ReadSide<Op, P, Rest, Right, A, G>
          : C extends "("
            ? G extends string[]
              ? ShapeError<WriteRearrangeSyntaxMessage<Op, P, "nested parentheses">>
              : ReadSide<Op, P, Rest, Right, A, []>
            : G extends string[]
              ? ReadSide<Op, P, Rest, Right, [...A, G], false>
              : ShapeError<WriteRearrangeSyntaxMessage<Op, P, `')' without '('`>>
        : Finish<Op, P, Axes, Group, Name, Right>
      : ReadSide<Op, P, Rest, Right, Axes, Group, `${Name}${C}`>
    : Finish<Op, P, Axes, Group, Name, Right> extends [infer A extends string[][], infer G]
      ? G extends string[]
        ? ShapeError<WriteRearrangeSyntaxMessage<Op, P, `'(' without ')'`>>
        : A
      : Finish<Op, P, Axes, Group, Name, Right>;

/** The names of a side, in order (a grouped `...`, `"(...)"`, read as `...`). */
type Flat<Axes extends string[][], Acc extends string[] = []> = Axes extends [infer Head extends string[], ...infer Rest extends string[][]]
  ? Flat<Rest, "(...)" extends Head[number] ? [...Acc, ...{ [K in keyof Head]: Head[K] extends "(...)" ? "..." : Head[K] }] : [...Acc, ...Head]>
  : Acc;

/** The first name that appears a second time, or `never`. */
type Repeated<Names extends string[], Seen extends string = never> = Names extends [infer Head extends string, ...infer Rest extends string[]]
  ? [Head] extends [Seen]
    ? Head
    : Repeated<Rest, Seen | Head>
  : never;

/** The first name of `Names` not among `Other`, or `never`. */
type Missing<Names extends string[], Other extends string> = Names extends [infer Head extends string, ...infer Rest extends string[]]
  ? [Head] extends [Other]
    ? Missing<Rest, Other>
    : Head
  : never;

/** A pattern read and checked on its own: `{ left; right }` (axes as name lists), or the error. Mirrors `readPattern`. */
export type ReadPattern<P extends string, Op extends string = "rearrange"> = P extends `${infer L}->${infer R}`
  ? R extends `${string}->${string}`
    ? ShapeError<WriteRearrangeSyntaxMessage<Op, P, `it needs one '->' between the input axes and the output axes`>>
    : ReadSide<Op, P, L, false> extends infer Left
      ? Left extends string[][]
        ? ReadSide<Op, P, R, true> extends infer Right
          ? Right extends string[][]
            ? CheckSides<Op, P, Left, Right, Flat<Left>, Flat<Right>>
            : Right
          : never
        : Left
      : never
  : ShapeError<WriteRearrangeSyntaxMessage<Op, P, `it needs one '->' between the input axes and the output axes`>>;

type CheckSides<Op extends string, P extends string, Left extends string[][], Right extends string[][], LeftNames extends string[], RightNames extends string[]> = [
  Repeated<LeftNames>,
] extends [never]
  ? [Repeated<RightNames>] extends [never]
    ? [Missing<LeftNames, RightNames[number]>] extends [never]
      ? [Missing<RightNames, LeftNames[number]>] extends [never]
        ? { left: Left; right: Right; names: LeftNames }
        : ShapeError<WriteRearrangeAxisMessage<Op, P, Missing<RightNames, LeftNames[number]>, "one side", "right">>
      : ShapeError<WriteRearrangeAxisMessage<Op, P, Missing<LeftNames, RightNames[number]>, "one side", "left">>
    : ShapeError<WriteRearrangeAxisMessage<Op, P, Repeated<RightNames>, "twice", "right">>
  : ShapeError<WriteRearrangeAxisMessage<Op, P, Repeated<LeftNames>, "twice", "left">>;

/** The type of `rearrange`'s sizes argument: sizes of (some of) the left side's names. */
export type RearrangeSizes = { readonly [name: string]: number };

/**
 * The check on the sizes argument: a size for a name the pattern does not use is an error (the
 * runtime's `INPUT_VALUE` message). Mirrors the key check of `readSizes`.
 */
export type CheckRearrangeSizes<P extends string, Z, Op extends string = "rearrange"> =
  ReadPattern<P, Op> extends { names: infer Names extends string[] }
    ? [Exclude<keyof Z & string, Exclude<Names[number], "...">>] extends [never]
      ? unknown
      : ShapeError<`INPUT_VALUE: ${Op}: a size is given for '${Exclude<keyof Z & string, Exclude<Names[number], "...">>}', which '${P}' does not use`>
    : unknown;

// ---------------------------------------------------------------------------------------------
// Sizes

/** The size `Z` gives `Name`, or `never`. */
type Given<Z, Name extends string> = Name extends keyof Z ? Exclude<Z[Name], undefined> & Dim : never;

/** `true` for a dim not known at compile time. */
type Unknown<D> = D extends Dim ? IsDynamicDim<D> : true;

/** The list of names of `Names` that `Z` does not size. */
type Unsized<Names extends string[], Z, Acc extends string[] = []> = Names extends [infer Head extends string, ...infer Rest extends string[]]
  ? Unsized<Rest, Z, [Given<Z, Head>] extends [never] ? [...Acc, Head] : Acc>
  : Acc;

type Join<Names extends string[], Separator extends string, Quote extends string = "", Acc extends string = ""> = Names extends [
  infer Head extends string,
  ...infer Rest extends string[],
]
  ? Join<Rest, Separator, Quote, Acc extends "" ? `${Quote}${Head}${Quote}` : `${Acc}${Separator}${Quote}${Head}${Quote}`>
  : Acc;

/** Sizes of the names so far: `[name, size]` pairs. */
type Env = [string, Dim][];

type Lookup<E extends Env, Name extends string> = Extract<E[number], [Name, unknown]>[1]; // `unknown`: a type parameter dim matches too

/** The sizes one left axis (of size `D`, made of `Group`) gives its names, added to `E`; or the error. Mirrors `rearrangeFor`. */
type SizeGroup<Op extends string, P extends string, S extends Shape, Axis extends number, D extends Dim, Group extends string[], Z, E extends Env> = Group extends [
  infer Name extends string,
]
  ? [Given<Z, Name>] extends [never]
    ? [...E, [Name, D]]
    : true extends Unknown<D> | Unknown<Given<Z, Name>>
      ? [...E, [Name, D]]
      : CompareSizes<D, Given<Z, Name>> extends "equal"
        ? [...E, [Name, D]]
        : ShapeError<WriteRearrangeSplitMessage<Op, P, S, Axis, "given", Join<Group, " ">, `${Name} = ${Given<Z, Name> & number}`>>
  : Unsized<Group, Z> extends infer Open extends string[]
    ? Open extends [string, string, ...string[]]
      ? NamesMatch<D, KnownProduct<Group, Z>, Open> extends true
        ? [...E, ...SizedPairs<Group, Z>, ...SelfSized<Open>]
        : ShapeError<WriteRearrangeSplitMessage<Op, P, S, Axis, "unknown", Join<Group, " ">, Join<Open, ", ", `'`>>>
      : Open extends [infer Only extends string]
        ? Quotient<Op, P, S, Axis, D, Group, KnownProduct<Group, Z>> extends infer Q
          ? Q extends Failed<infer Error>
            ? Error
            : [...E, ...SizedPairs<Group, Z>, [Only, Q & Dim]]
          : never
        : true extends Unknown<D> | Unknown<MergedDim<KnownSizes<Group, Z>>>
          ? [...E, ...SizedPairs<Group, Z>]
          : CompareSizes<D, MergedDim<KnownSizes<Group, Z>>> extends "equal"
            ? [...E, ...SizedPairs<Group, Z>]
            : ShapeError<WriteRearrangeSplitMessage<Op, P, S, Axis, "product", Join<Group, " ">, `${MergedDim<KnownSizes<Group, Z>> & (string | number)}`>>
    : never;

/**
 * `true` when `D` over the given sizes' product is exactly the product of `Names`, each once (`"d*h"`
 * for `(h d)`): the pattern's names are then the shape's own. Mirrors `namesMatch`.
 */
type NamesMatch<D extends Dim, Divisor, Names extends string[]> = Divisor extends readonly [infer Only extends Term]
  ? DimPoly<D> extends infer Whole
    ? Whole extends Poly
      ? DivPolyByTerm<Whole, Only> extends readonly [readonly [infer Product extends string, "1"]]
        ? SplitProduct<Product> extends infer Factors extends string[]
          ? Factors["length"] extends Names["length"]
            ? [Names[number]] extends [Factors[number]]
              ? true
              : false
            : false
          : false
        : false
      : false
    : false
  : false;

/** Each name sized as itself. */
type SelfSized<Names extends string[]> = { [K in keyof Names]: [Names[K], Names[K]] };

/** The given sizes of a group's names, in order (the unsized left out). */
type KnownSizes<Group extends string[], Z, Acc extends Dim[] = []> = Group extends [infer Head extends string, ...infer Rest extends string[]]
  ? KnownSizes<Rest, Z, [Given<Z, Head>] extends [never] ? Acc : [...Acc, Given<Z, Head>]>
  : Acc;

/** `[name, size]` for the names of a group that `Z` sizes. */
type SizedPairs<Group extends string[], Z, Acc extends Env = []> = Group extends [infer Head extends string, ...infer Rest extends string[]]
  ? SizedPairs<Rest, Z, [Given<Z, Head>] extends [never] ? Acc : [...Acc, [Head, Given<Z, Head>]]>
  : Acc;

type KnownProduct<Group extends string[], Z> = ShapeSize<KnownSizes<Group, Z>>;

/** A quotient that failed, with its error. */
interface Failed<E> {
  readonly failed: E;
}

/** The one unknown size of a group: `D` over the product of the given sizes, exactly; `number` when not known here. */
type Quotient<Op extends string, P extends string, S extends Shape, Axis extends number, D extends Dim, Group extends string[], Divisor> = Divisor extends readonly []
  ? Failed<ShapeError<WriteRearrangeSplitMessage<Op, P, S, Axis, "zero", Join<Group, " ">, "0">>>
  : Divisor extends readonly [infer Only extends Term]
    ? DimPoly<D> extends infer Whole
      ? Whole extends Poly
        ? DivPolyByTerm<Whole, Only> extends infer Q
          ? Q extends Poly
            ? PolyDim<Q>
            : Q extends NoQuotient
              ? Failed<ShapeError<WriteRearrangeSplitMessage<Op, P, S, Axis, "multiple", Join<Group, " ">, PrintPoly<Divisor>>>>
              : number
          : never
        : number
      : never
    : number;

/** The sizes of every name of the left side, axis by axis, or the first error. */
type SizeAll<Op extends string, P extends string, S extends Shape, Left extends string[][], Z, E extends Env = [], Axis extends 0[] = []> = Left extends [
  infer Group extends string[],
  ...infer Rest extends string[][],
]
  ? SizeGroup<Op, P, S, Axis["length"], S[Axis["length"]], Group, Z, E> extends infer Next
    ? [Next] extends [infer Entries extends Env] // resolves with type parameter dims in the entries
      ? SizeAll<Op, P, S, Rest, Z, Entries, [...Axis, 0]>
      : Next
    : never
  : E;

/** The sizes of some names. */
type SizesOf<Names extends string[], E extends Env, Acc extends Dim[] = []> = Names extends [infer Head extends string, ...infer Rest extends string[]]
  ? SizesOf<Rest, E, [...Acc, Lookup<E, Head>]>
  : Acc;

/**
 * The output shape: each group of the right side, the product of its names' sizes; `...`, the axes it
 * stands for; a group holding `...`, the product with those axes' dims in its place (a batch group's,
 * `Product<[...Batch]>`, a dim equal only to itself).
 */
type Output<Right extends string[][], E extends Env, Ellipsis extends Shape = [], Fixed extends boolean = true, Acc extends Dim[] = []> = Right extends [
  infer Group extends string[],
  ...infer Rest extends string[][],
]
  ? Group extends ["..."]
    ? Output<Rest, E, Ellipsis, Fixed, [...Acc, ...Ellipsis]>
    : "(...)" extends Group[number]
      ? Output<Rest, E, Ellipsis, Fixed, [...Acc, GroupWithEllipsis<Group, E, Ellipsis, Fixed>]>
      : Output<Rest, E, Ellipsis, Fixed, [...Acc, MergedDim<SizesOf<Group, E>>]>
  : Acc;

/** The product of a right-side group holding `...`: the sizes of the names around it, the ellipsis's dims in its place. */
type GroupWithEllipsis<Group extends string[], E extends Env, Ellipsis extends Shape, Fixed extends boolean, Before extends string[] = []> = Group extends [infer Head extends string, ...infer Rest extends string[]]
  ? Head extends "(...)"
    ? Fixed extends true
      ? MergedDim<[...SizesOf<Before, E>, ...Ellipsis, ...SizesOf<Rest, E>]>
      : Product<[...SizesOf<Before, E>, ...Ellipsis, ...SizesOf<Rest, E>]> // a batch group: its count is not known, so neither is a one-dim product
    : GroupWithEllipsis<Rest, E, Ellipsis, Fixed, [...Before, Head]>
  : never;

/** A side's items before and after its `...`: `[before, after]`, or `false` when it has none. */
type AroundEllipsis<Items extends string[][], Before extends string[][] = []> = Items extends [infer Head extends string[], ...infer Rest extends string[][]]
  ? Head extends ["..."]
    ? [Before, Rest]
    : AroundEllipsis<Rest, [...Before, Head]>
  : false;

/** A zero per item: the index counter of the axes before `Items`. */
type Zeros<Items extends readonly unknown[]> = { [K in keyof Items]: 0 };

/**
 * A pattern with `...` on a shape: the items before it take the first axes, those after it the last,
 * and `...` the axes between (a batch group, `[...Batch, 512]` with `"... (h d) -> ... h d"`, stands
 * as it is). On a shape of fixed rank the axes are numbered as in the shape (the runtime names the
 * axes of `...` and reads every axis by its index); with a group, the fixed axes are numbered among
 * themselves (a compile-time message: at run time every shape has a rank). Where the items cannot be
 * matched (a group at the front of a pattern that names leading axes, or a shape of unknown rank),
 * the sizes given are kept and the rest is `number`, the runtime's to check.
 */
type EllipsisShape<Op extends string, P extends string, S extends Shape, Before extends string[][], After extends string[][], Right extends string[][], Names extends string[], Z> =
  AroundItems<S, Before, After> extends [infer Front extends Dim[], infer Middle extends Shape, infer Back extends Dim[]]
    ? [S] extends readonly [FixedRank]
      ? SizeAll<Op, P, S, Before, Z> extends infer E
        ? [E] extends [infer Entries extends Env]
          ? SizeAll<Op, P, S, After, Z, Entries, Zeros<[...Front, ...Middle]>> extends infer E2
            ? [E2] extends [infer All extends Env]
              ? Output<Right, All, Middle, true>
              : E2
            : never
          : E
        : never
      : SizeAll<Op, P, [...Front, ...Back], [...Before, ...After], Z> extends infer E
        ? [E] extends [infer Entries extends Env]
          ? Output<Right, Entries, Middle, false>
          : E
        : never
    : [S] extends readonly [FixedRank]
      ? ShapeError<WriteRearrangeRankMessage<Op, P, S, [...Before, ...After]["length"], true>>
      : Output<Right, UnknownRankEnv<Names, Z>, number[], false>;

/** `S` as `[front, middle, back]`: the dims the items before `...` take, those it stands for, those after; `false` when they cannot be told apart. */
type AroundItems<S extends Shape, Before extends string[][], After extends string[][]> = PeelFront<S, Before> extends [infer Front extends Dim[], infer Rest extends Shape]
  ? PeelBack<Rest, After> extends [infer Middle extends Shape, infer Back extends Dim[]]
    ? [Front, Middle, Back]
    : false
  : false;

/** For an input of unknown rank: the names' sizes are the given ones, the others `number`. */
type UnknownRankEnv<Names extends string[], Z> = { [K in keyof Names]: [Names[K], [Given<Z, Names[K]>] extends [never] ? number : Given<Z, Names[K]>] };

/**
 * `SHAPE_REARRANGE: rearrange: cannot follow 'b t (h d) -> b h t d' on [${B}, ${T}, ${D}]: …` — the
 * message of a pattern that a type parameter keeps the rule from deciding: it splits a type
 * parameter's axis into a group (a name has no factors to divide by), or names the axes of a
 * whole-shape parameter. Compile time only: at run time every dim is a number.
 */
export type WriteRearrangeNamesMessage<Op extends string, P extends string, S extends Shape> =
  `SHAPE_REARRANGE: ${Op}: cannot follow '${P}' on ${PrintShape<S>}: a type parameter is a name, which a group cannot split, and a whole-shape parameter has no axes to name; split an axis of known size, or spell the dims out (Tensor<[B, T, 8, 64]>)`;

/**
 * The shape of `rearrange(x, P, Z)` for `x` of shape `S`, or the `ShapeError` the runtime throws.
 * @example
 * type Heads = RearrangeShape<["b", "t", 512], "b t (h d) -> b h t d", { h: 8 }>; //=> ["b", 8, "t", 64]
 */
export type RearrangeShape<S extends Shape, P extends string, Z = {}, Op extends string = "rearrangeShape"> =
  ReadPattern<P, Op> extends infer Read
    ? Read extends { left: infer Left extends string[][]; right: infer Right extends string[][]; names: infer Names extends string[] }
      ? AroundEllipsis<Left> extends [infer Before extends string[][], infer After extends string[][]]
        ? EllipsisShape<Op, P, S, Before, After, Right, Names, Z>
        : number extends S["length"]
        ? Output<Right, UnknownRankEnv<Names, Z>>
        : Left["length"] extends S["length"]
          ? SizeAll<Op, P, S, Left, Z> extends infer E
            ? [E] extends [infer Entries extends Env]
              ? Output<Right, Entries>
              : E
            : never
          : ShapeError<WriteRearrangeRankMessage<Op, P, S, Left["length"]>>
      : Read
    : never;

/**
 * `einsum` at the type level: the subscripts are read character by character and checked (one `->`,
 * letters and at most one `...` per term, the output's letters once each and all in some operand),
 * then matched to the operands' shapes — their count, each rank (at least the letters' count beside a
 * `...`), one size per index (compared in normal form; a `number` dim never clashes), the axes each
 * `...` stands for broadcast together — and the output shape is each output index's size where it
 * first appears, with the broadcast axes where the output has `...`. An operand of unknown rank is
 * checked at run time; the sizes only it gives are `number`. On a batch group (`[...Batch, T, D]`
 * with `"...td"`) the `...` stands for the group. Mirrors src/ops/einsum.ts rule for rule and
 * message for message.
 */
import type { Dim, Shape } from "../shape.js";
import type { MessageOf, ShapeError } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AsciiLetter, CompareDims } from "../internal/symbolic.js";
import type { Exact, FixedRank, NoTypeParameters, PeelBack, PeelFront, SameDimCheck } from "../internal/dims.js";
import type { BroadcastPair, BroadcastsWith } from "./broadcast.js";
import type { MaybeNormal } from "./reshape.js";
import type { StrictBroadcasting } from "../config.js";

/** Mirrors `writeEinsumSyntaxMessage`. */
export type WriteEinsumSyntaxMessage<Op extends string, P extends string, Reason extends string> = `SHAPE_EINSUM: ${Op}: cannot read '${P}': ${Reason}`;

/** Mirrors `writeEinsumCountMessage`. */
export type WriteEinsumCountMessage<Op extends string, P extends string, Named extends number, Got extends number> = `SHAPE_EINSUM: ${Op}: '${P}' names ${Named} operands, got ${Got}`;

/** Mirrors `writeEinsumRankMessage`. */
export type WriteEinsumRankMessage<Op extends string, P extends string, Index extends number, S extends Shape, Term extends string, Named extends number, AtLeast extends boolean> =
  `SHAPE_EINSUM: ${Op}: '${P}': operand ${Index} has shape ${PrintShape<S>}, ${S["length"]} axes, but '${Term}' names ${AtLeast extends true ? "at least " : ""}${Named}`;

/** Mirrors `writeEinsumSizeMessage`. */
export type WriteEinsumSizeMessage<
  Op extends string,
  P extends string,
  Letter extends string,
  First extends Dim,
  FirstOperand extends number,
  FirstAxis extends number | string,
  D extends Dim,
  Operand extends number,
  Axis extends number | string,
> = `SHAPE_EINSUM: ${Op}: '${P}': index '${Letter}' is ${PrintDim<First>} in operand ${FirstOperand} (axis ${FirstAxis}) but ${PrintDim<D>} in operand ${Operand} (axis ${Axis}); an index stands for one size`;

/** Mirrors `writeEinsumGroupsMessage`: the axes of a `...` that do not broadcast with those of the `...`s before it. */
export type WriteEinsumGroupsMessage<Op extends string, P extends string, Before extends Shape, From extends string, Group extends Shape, Operand extends number, Axis extends string, Detail extends string> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' is ${PrintShape<Before>} in ${From} but ${PrintShape<Group>} in operand ${Operand}, which do not broadcast: axis -${Axis} is ${Detail}`;

/** The operands whose `...` broadcast so far (`From`, their indices): `operand 0`, `operands 0, 2`. Mirrors `operandsText`. */
type OperandsText<From extends string, Many extends boolean> = Many extends true ? `operands ${From}` : `operand ${From}`;

/** Mirrors `writeEinsumOutputGroupMessage`: broadcast axes an output without `...` would drop (NumPy refuses it). */
export type WriteEinsumOutputGroupMessage<Op extends string, P extends string, Group extends Shape> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' stands for ${PrintShape<Group>} in the operands, but the output has no '...'; write it in the output (then sum over those axes, if that is meant)`;

type Letter = AsciiLetter;

/** The characters of a string, as a tuple. */
type Chars<Text extends string, Acc extends string[] = []> = Text extends `${infer C}${infer Rest}` ? Chars<Rest, [...Acc, C]> : Acc;

/** The tokens of a term: its letters, and `...` as one token. */
type Tokens<Text extends string, Acc extends string[] = []> = Text extends `...${infer Rest}`
  ? Tokens<Rest, [...Acc, "..."]>
  : Text extends `${infer C}${infer Rest}`
    ? Tokens<Rest, [...Acc, C]>
    : Acc;

/** The first character of `Text` that is not allowed (a letter, `Extra`, or a dot of a `...`), or `never`. */
type FirstBad<Text extends string, Extra extends string> = Text extends `${string}.${string}` ? FirstBadOrDot<Text, Extra> : FirstBadLetter<Text, Extra>;

type FirstBadOrDot<Text extends string, Extra extends string> = Text extends `...${infer Rest}`
  ? FirstBadOrDot<Rest, Extra>
  : Text extends `${infer C}${infer Rest}`
    ? C extends Letter | Extra
      ? FirstBadOrDot<Rest, Extra>
      : C
    : never;

/** `FirstBad` for a text without a dot. */
type FirstBadLetter<Text extends string, Extra extends string> = Text extends `${infer C}${infer Rest}` ? (C extends Letter | Extra ? FirstBadLetter<Rest, Extra> : C) : never;

/** Why a character cannot be read. Mirrors `badReason`. */
type BadReason<C extends string> = C extends "." ? "'.' is not an index (a letter a–z or A–Z) and not part of '...'" : `'${C}' is not an index (a letter a–z or A–Z)`;

/** The groups of a comma-separated list. */
type SplitCommas<Text extends string, Acc extends string[] = []> = Text extends `${infer Head},${infer Rest}` ? SplitCommas<Rest, [...Acc, Head]> : [...Acc, Text];

/** The first operand whose subscripts hold two `...`, as the reason; else `never`. */
type TwoEllipses<Terms extends string[], Index extends 0[] = []> = Terms extends [infer Term extends string, ...infer Rest extends string[]]
  ? Term extends `${string}...${string}...${string}`
    ? `operand ${Index["length"]}'s subscripts '${Term}' have more than one '...'`
    : TwoEllipses<Rest, [...Index, 0]>
  : never;

/** The first problem with the output's letters (in order): a repeat, or a letter in no operand. */
type OutputProblem<Output extends string[], Left extends string, Seen extends string = never> = Output extends [infer C extends string, ...infer Rest extends string[]]
  ? C extends "..."
    ? OutputProblem<Rest, Left, Seen>
    : [C] extends [Seen]
      ? `the output repeats '${C}'`
      : Left extends `${string}${C}${string}`
        ? OutputProblem<Rest, Left, Seen | C>
        : `the output's '${C}' is in no operand`
  : never;

/**
 * The subscripts read and checked on their own: `{ inputs; output }` — the operands' terms and the
 * output's tokens (`...` one of them) — or the error. Mirrors `readSubscripts`.
 */
export type ReadEinsum<P extends string, Op extends string = "einsum"> = P extends `${infer L}->${infer R}`
  ? R extends `${string}->${string}`
    ? ShapeError<WriteEinsumSyntaxMessage<Op, P, `it needs one '->' between the operands' subscripts and the output's`>>
    : [FirstBad<L, ",">] extends [never]
      ? [FirstBad<R, never>] extends [never]
        ? ReadTerms<P, Op, SplitCommas<L>, L, R, R extends `${string}.${string}` ? Tokens<R> : Chars<R>>
        : ShapeError<WriteEinsumSyntaxMessage<Op, P, BadReason<FirstBad<R, never>>>>
      : ShapeError<WriteEinsumSyntaxMessage<Op, P, BadReason<FirstBad<L, ",">>>>
  : ShapeError<WriteEinsumSyntaxMessage<Op, P, `it needs one '->' between the operands' subscripts and the output's`>>;

type ReadTerms<P extends string, Op extends string, Inputs extends string[], L extends string, R extends string, Out extends string[]> = [
  L extends `${string}.${string}` ? TwoEllipses<Inputs> : never,
] extends [never]
  ? R extends `${string}...${string}...${string}`
    ? ShapeError<WriteEinsumSyntaxMessage<Op, P, "the output has more than one '...'">>
    : [OutputProblem<Out, L>] extends [never]
      ? { inputs: Inputs; output: Out }
      : ShapeError<WriteEinsumSyntaxMessage<Op, P, OutputProblem<Out, L>>>
  : ShapeError<WriteEinsumSyntaxMessage<Op, P, TwoEllipses<Inputs>>>;

/**
 * An operand bound to its term: `[letters, dims, axes, group]` — the letters with the dims they name,
 * in order; the axis each names, where that is not its place in `letters` (after a `...`: its index,
 * or counted from the end, `"-1"`, in a shape with a batch group; `null` without `...`); and the group:
 * `[dims, fixed]`, the dims the `...` stands for (`number[]` where they cannot be told) and whether
 * their count is known (a shape of fixed rank), or `false` without `...`. The group is wrapped so that
 * a batch group (`Batch`) is matched by identity.
 */
type Bound = [string[], Shape, readonly (number | string)[] | null, [Shape, boolean] | false];

/** A term's tokens split at `...`: `[before, after]` (the term has a `...`). */
type SplitTokens<T extends string[], Before extends string[] = []> = T extends [infer H extends string, ...infer Rest extends string[]]
  ? H extends "..."
    ? [Before, Rest]
    : SplitTokens<Rest, [...Before, H]>
  : [Before, []];

/** The axes `Items` name from `Start["length"]` on. */
type CountUp<Items extends unknown[], Start extends unknown[], Acc extends number[] = []> = Items extends [unknown, ...infer Rest]
  ? CountUp<Rest, [...Start, 0], [...Acc, Start["length"]]>
  : Acc;

/** The axes of the last dims of a shape with a batch group, counted from the end. */
type CountDown<Items extends unknown[], Acc extends string[] = []> = Items extends [unknown, ...infer Rest]
  ? CountDown<Rest, [...Acc, `-${Items["length"]}`]>
  : Acc;

/** One operand against its term: its `Bound`, or the rank error. Mirrors the rank check and binding of `einsumFor`. */
type BindOperand<Op extends string, P extends string, Index extends number, Term extends string, S extends Shape> = Term extends `${string}.${string}` // every dot is part of a `...` by now
  ? BindEllipsis<Op, P, Index, Term, S, SplitTokens<Tokens<Term>>>
  : [S] extends readonly [FixedRank]
    ? Chars<Term> extends infer Letters extends string[]
      ? Letters["length"] extends S["length"]
        ? [Letters, S, null, false]
        : ShapeError<WriteEinsumRankMessage<Op, P, Index, S, Term, Letters["length"], false>>
      : never
    : [[], [], null, false]; // unknown rank or a batch group, without `...`: the runtime's to check

type BindEllipsis<Op extends string, P extends string, Index extends number, Term extends string, S extends Shape, Split> = Split extends [infer Before extends string[], infer After extends string[]]
  ? PeelFront<S, Before> extends [infer Front extends Dim[], infer Rest extends Shape]
    ? PeelBack<Rest, After> extends [infer Middle extends Shape, infer Back extends Dim[]]
      ? [S] extends readonly [FixedRank]
        ? [[...Before, ...After], [...Front, ...Back], [...CountUp<Before, []>, ...CountUp<After, [...Front, ...Middle]>], [Middle, true]]
        : [[...Before, ...After], [...Front, ...Back], [...CountUp<Before, []>, ...CountDown<After>], [Middle, false]]
      : RankOrUnknown<Op, P, Index, Term, S, [...Before, ...After]["length"] & number>
    : RankOrUnknown<Op, P, Index, Term, S, [...Before, ...After]["length"] & number>
  : never;

/** Letters that do not peel off: too few axes (fixed rank), or the runtime's to check (unknown rank, a group in the way). */
type RankOrUnknown<Op extends string, P extends string, Index extends number, Term extends string, S extends Shape, Named extends number> = [S] extends readonly [FixedRank]
  ? ShapeError<WriteEinsumRankMessage<Op, P, Index, S, Term, Named, true>>
  : [[], [], null, [number[], false]];

/** Every operand against its term: the `Bound`s, or the first rank error. */
type BindAll<Op extends string, P extends string, Inputs extends string[], Shapes extends Shape[], Acc extends unknown[] = []> = Inputs extends [
  infer Term extends string,
  ...infer Rest extends string[],
]
  ? BindOperand<Op, P, Acc["length"], Term, Shapes[Acc["length"]]> extends infer B
    ? B extends ShapeError<string> // decided for type parameter dims in a bound too (a tuple is never an error)
      ? B
      : BindAll<Op, P, Rest, Shapes, [...Acc, B]>
    : never
  : Acc;

/** Where an index's size was first seen: `[letter, size, operand, axis]`. */
type Entry = [string, Dim, number, number | string];

type Find<E extends Entry[], L extends string> = Extract<E[number], [L, unknown, number, unknown]>; // `unknown`: a type parameter dim matches too

/** The axis the `I`-th letter of a term names. */
type AxisOf<Axes extends readonly (number | string)[] | null, I extends number> = Axes extends readonly (number | string)[] ? Axes[I] : I;

/** One operand's letters against `E`: `E` with the new indices, or the size error. */
type SizeOperand<Op extends string, P extends string, Letters extends string[], Dims extends Shape, Axes extends readonly (number | string)[] | null, Operand extends number, E extends Entry[], I extends 0[] = []> = Letters extends [
  infer L extends string,
  ...infer Rest extends string[],
]
  ? [[Dims[I["length"]]]] extends [[infer D extends Dim]] // resolves for a type parameter (`B`): the inner tuple is not itself generic
    ? [Find<E, L>] extends [never]
      ? SizeOperand<Op, P, Rest, Dims, Axes, Operand, [...E, [L, D, Operand, AxisOf<Axes, I["length"]>]], [...I, 0]>
      : Find<E, L> extends [string, infer First extends Dim, infer FirstOperand extends number, infer FirstAxis extends number | string]
        ? CompareDims<First, D> extends "equal" | "dynamic"
          ? SizeOperand<Op, P, Rest, Dims, Axes, Operand, E, [...I, 0]>
          : ShapeError<WriteEinsumSizeMessage<Op, P, L, First, FirstOperand, FirstAxis, D, Operand, AxisOf<Axes, I["length"]>>>
        : never
    : never
  : E;

/** Every operand's letters in turn: the first sizes, or the size error. */
type SizeAll<Op extends string, P extends string, Bounds extends Bound[], E extends Entry[] = [], Index extends 0[] = []> = Index["length"] extends Bounds["length"]
  ? E
  : SizeOperand<Op, P, Bounds[Index["length"]][0], Bounds[Index["length"]][1], Bounds[Index["length"]][2], Index["length"], E> extends infer Next // by index: a pattern into a bound stays undecided for type parameter dims in it
    ? [Next] extends [infer Entries extends Entry[]] // resolves with type parameter dims in the entries
      ? SizeAll<Op, P, Bounds, Entries, [...Index, 0]>
      : Next
    : never;

/**
 * The axes each `...` stands for, broadcast left to right through the one broadcasting rule:
 * `[group, fixed, check]` (no `...` anywhere: `[]`; `fixed`: every group's count is known), or the
 * clash restated for einsum. The same group again (`Batch` against `Batch`) is kept as it is, asked
 * first by identity. `check` holds what type parameters leave undecided (`[B]` against `[C]`), for the
 * argument. The groups are normalized for the pure rule (`Normal`); a tensor's shape already is, and
 * the tensor op broadcasts them strictly (`SHAPE_IMPLICIT_OUTER`, unless the project opted out).
 * Mirrors `broadcastGroups`.
 */
type Groups<
  Op extends string,
  P extends string,
  Bounds extends Bound[],
  Normal extends boolean,
  Acc extends [Shape, boolean] | false = false,
  From extends string = "",
  Many extends boolean = false,
  Check = unknown,
  Index extends 0[] = [],
> = Bounds extends [infer First extends Bound, ...infer Rest extends Bound[]]
  ? First[3] extends [infer Raw extends Shape, infer Fixed extends boolean]
    ? Acc extends [infer A extends Shape, infer AccFixed extends boolean]
      ? GroupStep<Op, P, Rest, Normal, A, MaybeNormal<Raw, Normal>, [AccFixed, Fixed], From, Many, Check, Index>
      : Groups<Op, P, Rest, Normal, [MaybeNormal<Raw, Normal>, Fixed], `${Index["length"]}`, false, Check, [...Index, 0]>
    : Groups<Op, P, Rest, Normal, Acc, From, Many, Check, [...Index, 0]>
  : Acc extends [infer A extends Shape, infer Fixed extends boolean]
    ? [A, Fixed, Check]
    : [[], true, Check];

/**
 * One group `G` against the broadcast `A` of those before it (see `Groups`). Two groups of known
 * counts go to the walk, whose per-axis checks hold around type parameters. An empty group of known
 * count gives way to the other. Otherwise a batch group is involved (`Batch` against `Batch`, or
 * against `Other` or `[B]`), whose axes cannot be lined up: the group must be the same, asked as a
 * check (`SameGroupCheck`) so that the result stays the first group whatever TypeScript decides.
 */
type GroupStep<Op extends string, P extends string, Rest extends Bound[], Normal extends boolean, A extends Shape, G extends Shape, Fixed extends [boolean, boolean], From extends string, Many extends boolean, Check, Index extends 0[]> =
  Fixed extends [true, true]
    ? GroupWalk<Op, P, Rest, Normal, A, G, true, From, Many, Check, Index>
    : EmptyFixed<Fixed[0], A> extends true
      ? Groups<Op, P, Rest, Normal, [G, false], `${From}, ${Index["length"]}`, true, Check, [...Index, 0]>
      : EmptyFixed<Fixed[1], G> extends true
        ? Groups<Op, P, Rest, Normal, [A, false], `${From}, ${Index["length"]}`, true, Check, [...Index, 0]>
        : Groups<Op, P, Rest, Normal, [A, false], `${From}, ${Index["length"]}`, true, Check & SameGroupCheck<WriteEinsumGroupNamesMessage<Op, P, Index["length"]>, A, G>, [...Index, 0]>;

/** `true` for an empty group of known count; a batch group is not asked (its emptiness is not decided). */
type EmptyFixed<Fixed extends boolean, G extends Shape> = Fixed extends true ? (G extends readonly [] ? true : false) : false;

/** `unknown` when two groups are the same (decided by identity), else the message: undecided around type parameters, which rejects. */
type SameGroupCheck<Message extends string, A extends Shape, G extends Shape> = Exact<A> extends Exact<G> ? unknown : ShapeError<Message>;

/**
 * `SHAPE_EINSUM: einsum: '...td,...sd->...ts': '...' in operand 1 stands for another batch group than
 * before it; …` — where a batch group meets another group (compile time only: at run time every
 * shape has a rank and the groups broadcast).
 */
export type WriteEinsumGroupNamesMessage<Op extends string, P extends string, Operand extends number> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' in operand ${Operand} stands for another batch group than before it; the axes '...' stands for must broadcast, and a type parameter is equal only to itself`;

type GroupWalk<Op extends string, P extends string, Rest extends Bound[], Normal extends boolean, A extends Shape, G extends Shape, Fixed extends boolean, From extends string, Many extends boolean, Check, Index extends 0[]> =
  BroadcastPair<A, G, Op, false, undefined, Normal extends true ? false : StrictBroadcasting> extends readonly [infer Out extends Shape, infer C]
    ? [[C]] extends [[ShapeError<infer Message>]] // decided errors only: what a type parameter leaves undecided is asked again, with einsum's message
      ? Message extends `SHAPE_BROADCAST: ${string}: axis -${infer Axis} is ${infer Detail}`
        ? ShapeError<WriteEinsumGroupsMessage<Op, P, A, OperandsText<From, Many>, G, Index["length"], Axis, Detail>>
        : Message extends `SHAPE_IMPLICIT_OUTER: ${string} into the outer ${infer Out}; if that is meant, unsqueeze the lower-rank operand to ${infer Lower} first`
          ? ShapeError<WriteEinsumOuterMessage<Op, P, A, OperandsText<From, Many>, G, Index["length"], Out, Lower>>
          : ShapeError<Message>
      : Groups<Op, P, Rest, Normal, [Out, Fixed], `${From}, ${Index["length"]}`, true, Check & GroupAxesCheck<Op, P, A, G, Index["length"]>, [...Index, 0]>
    : never;

/**
 * `SHAPE_IMPLICIT_OUTER: einsum: '...i,...i->...i': '...' is [3] in operand 0 but [4, 1] in operand 1,
 * which stretch each other across ranks into the outer [4, 3]; …` — for the tensor op, strict as the
 * elementwise ops are (unless the project opted out); the pure rule `EinsumShape` stays NumPy's.
 * `Out` and `Lower` are printed. Mirrors `writeEinsumOuterMessage`.
 */
export type WriteEinsumOuterMessage<Op extends string, P extends string, Before extends Shape, From extends string, Group extends Shape, Operand extends number, Out extends string, Lower extends string> =
  `SHAPE_IMPLICIT_OUTER: ${Op}: '${P}': '...' is ${PrintShape<Before>} in ${From} but ${PrintShape<Group>} in operand ${Operand}, which stretch each other across ranks into the outer ${Out}; if that is meant, give the shorter '...' its size-1 axes first (${Lower})`;

/**
 * Two groups of known counts, right-aligned, as one check per axis that holds around type parameters
 * (`BroadcastsWith`): a type parameter broadcasts only with itself and 1 (`[B]` against `[C]` is an
 * error), with einsum's message.
 */
type GroupAxesCheck<Op extends string, P extends string, A extends Shape, G extends Shape, Operand extends number, Axis extends 0[] = [0], Check = unknown> =
  [A, G] extends [readonly [...infer AR extends Shape, infer AD extends Dim], readonly [...infer GR extends Shape, infer GD extends Dim]]
    ? GroupAxesCheck<Op, P, AR, GR, Operand, [...Axis, 0], Check & BroadcastsWith<WriteEinsumGroupAxisNamesMessage<Op, P, Operand, Axis["length"], AD, GD>, AD, GD, [Op, A, G, Axis["length"], false]>>
    : Check;

/**
 * `` SHAPE_EINSUM: einsum: '...ij,...jk->...ik': '...' in operand 1 is ${C} at axis -1 but ${B} before it; … ``
 * — a group axis TypeScript cannot decide because a type parameter is involved (compile time only).
 */
export type WriteEinsumGroupAxisNamesMessage<Op extends string, P extends string, Operand extends number, Axis extends number, Before extends Dim, D extends Dim> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' in operand ${Operand} is ${D} at axis -${Axis} but ${Before} before it; the axes '...' stands for must broadcast (equal or 1), and a type parameter is equal only to itself`;

/** `Groups` where a term has `...`; no group to fold otherwise. */
type EinsumGroups<Op extends string, P extends string, Bounds extends Bound[], Normal extends boolean> = P extends `${string}.${string}` ? Groups<Op, P, Bounds, Normal> : [[], true, unknown];

/** The output shape of subscripts without `...`: each letter's first size (`number` when only an operand of unknown rank has it). */
type Letters<Tokens extends string[], E extends Entry[], Acc extends Dim[] = []> = Tokens extends [infer L extends string, ...infer Rest extends string[]]
  ? Letters<Rest, E, [...Acc, SizeOf<E, L>]>
  : Acc;

/** An index's size: where it was first seen, `number` when only an operand of unknown rank has it. */
type SizeOf<E extends Entry[], L extends string> = [Find<E, L>] extends [never] ? number : Find<E, L>[1];

/** The output shape: each letter's first size (`number` when only an operand of unknown rank has it), the group at `...`. */
type Output<Tokens extends string[], E extends Entry[], Group extends Shape, Acc extends Dim[] = []> = Tokens extends [infer L extends string, ...infer Rest extends string[]]
  ? L extends "..."
    ? Output<Rest, E, Group, [...Acc, ...Group]>
    : Output<Rest, E, Group, [...Acc, SizeOf<E, L>]>
  : Acc;

/** The output, or the error of broadcast axes an output without `...` would drop (a batch group's are the runtime's to check). */
type OutputOf<Op extends string, P extends string, Out extends string[], E extends Entry[], Group extends Shape, Fixed extends boolean> = "..." extends Out[number]
  ? Output<Out, E, Group>
  : Fixed extends true
    ? Group extends readonly []
      ? Output<Out, E, Group>
      : ShapeError<WriteEinsumOutputGroupMessage<Op, P, Group>>
    : Output<Out, E, Group>;

/**
 * The identity of each repeated index's dims around type parameters, as one check per repeat
 * (`SameDimCheck`, with no `infer`): `unknown` where they are the same dim, or known or named (the rule
 * compares those, with the runtime's message); where a type parameter meets another dim, TypeScript
 * cannot decide it and holds the subscripts to the message (`WriteEinsumNamesMessage`): a type
 * parameter is a name, equal only to itself (`"btd,bsd->bts"` on `[B, T, D]` and `[B, S, 32]`).
 */
export type EinsumIdentityChecks<P extends string, Shapes extends Shape[], Op extends string, Normal extends boolean = false> = unknown &
  ([Shapes] extends [NoTypeParameters]
    ? unknown
    : ReadEinsum<P, Op> extends { inputs: infer Inputs extends string[] }
      ? number extends Shapes["length"]
        ? unknown
        : BindAll<Op, P, Inputs, Shapes> extends infer B
          ? [B] extends [infer Bounds extends Bound[]]
            ? IdentityAll<Op, P, Bounds> & GroupsCheck<EinsumGroups<Op, P, Bounds, Normal>>
            : unknown
          : unknown
      : unknown);

/** The `...` groups' undecided axes as the argument's check: `unknown`, or the message an undecided axis holds. */
type GroupsCheck<G> = G extends [unknown, unknown, infer C] ? (unknown extends C ? unknown : MessageOf<C>) : unknown;

type IdentityAll<Op extends string, P extends string, Bounds extends Bound[], E extends Entry[] = [], Check = unknown, Index extends 0[] = []> = Bounds extends [
  infer First extends Bound,
  ...infer Rest extends Bound[],
]
  ? IdentityOperand<Op, P, First[0], First[1], Index["length"], E, Check> extends [infer Next extends Entry[], infer NextCheck]
    ? IdentityAll<Op, P, Rest, Next, NextCheck, [...Index, 0]>
    : Check
  : Check;

/** One operand's letters: `[entries, checks]`, a `SameDimCheck` for each letter seen before. */
type IdentityOperand<Op extends string, P extends string, Letters extends string[], Dims extends Shape, Operand extends number, E extends Entry[], Check, I extends 0[] = []> = Letters extends [
  infer L extends string,
  ...infer Rest extends string[],
]
  ? [[Dims[I["length"]]]] extends [[infer D extends Dim]]
    ? [Find<E, L>] extends [never]
      ? IdentityOperand<Op, P, Rest, Dims, Operand, [...E, [L, D, Operand, I["length"]]], Check, [...I, 0]>
      : IdentityOperand<Op, P, Rest, Dims, Operand, E, Check & SameDimCheck<WriteEinsumNamesMessage<Op, P, L, Find<E, L>[1], D>, Find<E, L>[1], D>, [...I, 0]>
    : [E, Check]
  : [E, Check];

/**
 * `SHAPE_EINSUM: einsum: 'btd,bsd->bts': index 'd' is ${D} in one operand but 32 in another; an index
 * stands for one size, and a type parameter is equal only to itself` — where a type parameter keeps
 * the identity undecided. Compile time only: at run time every dim is a number.
 */
export type WriteEinsumNamesMessage<Op extends string, P extends string, Letter extends string, First extends Dim, D extends Dim> =
  `SHAPE_EINSUM: ${Op}: '${P}': index '${Letter}' is ${PrintDim<First>} in one operand but ${PrintDim<D>} in another; an index stands for one size, and a type parameter is equal only to itself`;

/**
 * The shape of `einsum(P, ...)` for operands of shapes `Shapes`, or the `ShapeError` the runtime throws.
 * @example
 * type Out = EinsumShape<"bij,bjk->bik", [[8, 2, 3], [8, 3, 5]]>; //=> [8, 2, 5]
 */
export type EinsumShape<P extends string, Shapes extends Shape[], Op extends string = "einsumShape", Normal extends boolean = true> =
  ReadEinsum<P, Op> extends infer Read
    ? Read extends { inputs: infer Inputs extends string[]; output: infer Out extends string[] }
      ? number extends Shapes["length"]
        ? Output<Out, [], number[]>
        : Inputs["length"] extends Shapes["length"]
          ? BindAll<Op, P, Inputs, Shapes> extends infer B
            ? [B] extends [infer Bounds extends Bound[]]
              ? SizeAll<Op, P, Bounds> extends infer E
                ? [E] extends [infer Entries extends Entry[]]
                  ? P extends `${string}.${string}` // a `...` somewhere: its groups, and where the output puts them
                    ? Groups<Op, P, Bounds, Normal> extends infer G
                      ? G extends [infer Group extends Shape, infer Fixed extends boolean, unknown]
                        ? OutputOf<Op, P, Out, Entries, Group, Fixed>
                        : G
                      : never
                    : Letters<Out, Entries>
                  : E
                : never
              : B
            : never
          : ShapeError<WriteEinsumCountMessage<Op, P, Inputs["length"], Shapes["length"]>>
      : Read
    : never;

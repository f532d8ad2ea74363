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
import type { BroadcastPair } from "./broadcast.js";
import type { MaybeNormal } from "./reshape.js";

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
export type WriteEinsumGroupsMessage<Op extends string, P extends string, Before extends Shape, From extends string, Group extends Shape, Operand extends number, Detail extends string> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' is ${PrintShape<Before>} in ${From} but ${PrintShape<Group>} in operand ${Operand}, which do not broadcast: axis -${Detail}`;

/** Mirrors `writeEinsumOutputGroupMessage`: broadcast axes an output without `...` would drop (NumPy refuses it). */
export type WriteEinsumOutputGroupMessage<Op extends string, P extends string, Group extends Shape> =
  `SHAPE_EINSUM: ${Op}: '${P}': '...' stands for ${PrintShape<Group>} in the operands, but the output has no '...'; write it in the output (then sum over those axes, if that is meant)`;

type Letter = AsciiLetter;

/** The tokens of a term: its letters, and `...` as one token. */
type Tokens<Text extends string, Acc extends string[] = []> = Text extends `...${infer Rest}`
  ? Tokens<Rest, [...Acc, "..."]>
  : Text extends `${infer C}${infer Rest}`
    ? Tokens<Rest, [...Acc, C]>
    : Acc;

/** The first character of `Text` that is not allowed (a letter, `Extra`, or a dot of a `...`), or `never`. */
type FirstBad<Text extends string, Extra extends string> = Text extends `...${infer Rest}`
  ? FirstBad<Rest, Extra>
  : Text extends `${infer C}${infer Rest}`
    ? C extends Letter | Extra
      ? FirstBad<Rest, Extra>
      : C
    : never;

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
        ? ReadTerms<P, Op, SplitCommas<L>, L, R>
        : ShapeError<WriteEinsumSyntaxMessage<Op, P, BadReason<FirstBad<R, never>>>>
      : ShapeError<WriteEinsumSyntaxMessage<Op, P, BadReason<FirstBad<L, ",">>>>
  : ShapeError<WriteEinsumSyntaxMessage<Op, P, `it needs one '->' between the operands' subscripts and the output's`>>;

type ReadTerms<P extends string, Op extends string, Inputs extends string[], L extends string, R extends string> = [TwoEllipses<Inputs>] extends [never]
  ? R extends `${string}...${string}...${string}`
    ? ShapeError<WriteEinsumSyntaxMessage<Op, P, "the output has more than one '...'">>
    : [OutputProblem<Tokens<R>, L>] extends [never]
      ? { inputs: Inputs; output: Tokens<R> }
      : ShapeError<WriteEinsumSyntaxMessage<Op, P, OutputProblem<Tokens<R>, L>>>
  : ShapeError<WriteEinsumSyntaxMessage<Op, P, TwoEllipses<Inputs>>>;

/**
 * An axis a letter names: `[letter, dim, axis]`. The axis is its index; in a shape with a batch group
 * (`[...Batch, T, D]`), where the letters after `...` have no index, it counts from the end (`-1`).
 */
type Pair = [string, Dim, number | string];

/**
 * An operand bound to its term: `[pairs, group]`. The group is `[dims, fixed]`: the dims its `...`
 * stands for (`number[]` where they cannot be told), and whether their count is known (a shape of
 * fixed rank); `false` without `...`. Wrapped, so that a batch group (`Batch`) is matched by identity.
 */
type Bound = [Pair[], [Shape, boolean] | false];

/** A term's tokens split at `...`: `[before, after]`, `after` `false` without `...`. */
type SplitTokens<T extends string[], Before extends string[] = []> = T extends [infer H extends string, ...infer Rest extends string[]]
  ? H extends "..."
    ? [Before, Rest]
    : SplitTokens<Rest, [...Before, H]>
  : [Before, false];

/** Letters beside dims, the axes numbered from `Axis["length"]`. */
type Zip<Letters extends string[], Dims extends Shape, Axis extends unknown[], Acc extends Pair[] = []> = Letters extends [infer L extends string, ...infer Rest extends string[]]
  ? [Dims] extends [readonly [infer D extends Dim, ...infer More extends Shape]] // wrapped: decided for type parameter dims too
    ? Zip<Rest, More, [...Axis, 0], [...Acc, [L, D, Axis["length"]]]>
    : Acc
  : Acc;

/** Letters beside the last dims of a shape with a batch group: axes counted from the end. */
type ZipBack<Letters extends string[], Dims extends Shape, Acc extends Pair[] = []> = Letters extends [infer L extends string, ...infer Rest extends string[]]
  ? [Dims] extends [readonly [infer D extends Dim, ...infer More extends Shape]]
    ? ZipBack<Rest, More, [...Acc, [L, D, `-${Letters["length"]}`]]>
    : Acc
  : Acc;

/** One operand against its term: its `Bound`, or the rank error. Mirrors the rank check and binding of `einsumFor`. */
type BindOperand<Op extends string, P extends string, Index extends number, Term extends string, S extends Shape> =
  SplitTokens<Tokens<Term>> extends [infer Before extends string[], infer After]
    ? [S] extends readonly [FixedRank]
      ? After extends string[]
        ? PeelFront<S, Before> extends [infer Front extends Dim[], infer Rest extends Shape]
          ? PeelBack<Rest, After> extends [infer Middle extends Shape, infer Back extends Dim[]]
            ? [[...Zip<Before, Front, []>, ...Zip<After, Back, [...Front, ...Middle]>], [Middle, true]]
            : ShapeError<WriteEinsumRankMessage<Op, P, Index, S, Term, [...Before, ...After]["length"] & number, true>>
          : ShapeError<WriteEinsumRankMessage<Op, P, Index, S, Term, [...Before, ...After]["length"] & number, true>>
        : Before["length"] extends S["length"]
          ? [Zip<Before, S, []>, false]
          : ShapeError<WriteEinsumRankMessage<Op, P, Index, S, Term, Before["length"], false>>
      : After extends string[] // a batch group: its `...` stands for the group where the letters peel off its ends
        ? PeelFront<S, Before> extends [infer Front extends Dim[], infer Rest extends Shape]
          ? PeelBack<Rest, After> extends [infer Middle extends Shape, infer Back extends Dim[]]
            ? [[...Zip<Before, Front, []>, ...ZipBack<After, Back>], [Middle, false]]
            : [[], [number[], false]]
          : [[], [number[], false]] // unknown rank, or a group the letters cannot peel off: the runtime's to check
        : [[], false]
    : never;

/** Every operand against its term: the `Bound`s, or the first rank error. */
type BindAll<Op extends string, P extends string, Inputs extends string[], Shapes extends Shape[], Acc extends Bound[] = []> = Inputs extends [
  infer Term extends string,
  ...infer Rest extends string[],
]
  ? BindOperand<Op, P, Acc["length"], Term, Shapes[Acc["length"]]> extends infer B
    ? [B] extends [infer Next extends Bound] // resolves with type parameter dims in the pairs
      ? BindAll<Op, P, Rest, Shapes, [...Acc, Next]>
      : B
    : never
  : Acc;

/** Where an index's size was first seen: `[letter, size, operand, axis]`. */
type Entry = [string, Dim, number, number | string];

type Find<E extends Entry[], L extends string> = Extract<E[number], [L, unknown, number, unknown]>; // `unknown`: a type parameter dim matches too

/** One operand's pairs against `E`: `E` with the new indices, or the size error. */
type SizeOperand<Op extends string, P extends string, Pairs extends Pair[], Operand extends number, E extends Entry[]> = Pairs extends [
  [infer L extends string, infer D extends Dim, infer Axis extends number | string],
  ...infer Rest extends Pair[],
]
  ? [Find<E, L>] extends [never]
    ? SizeOperand<Op, P, Rest, Operand, [...E, [L, D, Operand, Axis]]>
    : Find<E, L> extends [string, infer First extends Dim, infer FirstOperand extends number, infer FirstAxis extends number | string]
      ? CompareDims<First, D> extends "equal" | "dynamic"
        ? SizeOperand<Op, P, Rest, Operand, E>
        : ShapeError<WriteEinsumSizeMessage<Op, P, L, First, FirstOperand, FirstAxis, D, Operand, Axis>>
      : never
  : E;

/** Every operand's pairs in turn: the first sizes, or the size error. */
type SizeAll<Op extends string, P extends string, Bounds extends Bound[], E extends Entry[] = [], Index extends 0[] = []> = Bounds extends [
  infer First extends Bound, // whole: a pattern into the bound stays undecided for type parameter dims in its pairs
  ...infer Rest extends Bound[],
]
  ? SizeOperand<Op, P, First[0], Index["length"], E> extends infer Next
    ? [Next] extends [infer Entries extends Entry[]] // resolves with type parameter dims in the entries
      ? SizeAll<Op, P, Rest, Entries, [...Index, 0]>
      : Next
    : never
  : E;

/**
 * The axes each `...` stands for, broadcast left to right through the one broadcasting rule:
 * `[group, fixed, check]` (no `...` anywhere: `[]`; `fixed`: every group's count is known), or the
 * clash restated for einsum. The same group again (`Batch` against `Batch`) is kept as it is, asked
 * first by identity. `check` holds what type parameters leave undecided (`[B]` against `[C]`), for the
 * argument. The groups are normalized for the pure rule (`Normal`); a tensor's shape already is.
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
  ? First[1] extends [infer Raw extends Shape, infer Fixed extends boolean]
    ? Acc extends [infer A extends Shape, infer AccFixed extends boolean]
      ? GroupStep<Op, P, Rest, Normal, A, MaybeNormal<Raw, Normal>, [AccFixed, Fixed], From, Many, Check, Index>
      : Groups<Op, P, Rest, Normal, [MaybeNormal<Raw, Normal>, Fixed], `${Index["length"]}`, false, Check, [...Index, 0]>
    : Groups<Op, P, Rest, Normal, Acc, From, Many, Check, [...Index, 0]>
  : Acc extends [infer A extends Shape, infer Fixed extends boolean]
    ? [A, Fixed, Check]
    : [[], true, Check];

/**
 * One group `G` against the broadcast `A` of those before it (see `Groups`). Two groups of known
 * counts go straight to the walk (an identity test would leave `[B]` against `[C]` undecided); a
 * batch group is asked by identity first (`Batch` against `Batch`).
 */
type GroupStep<Op extends string, P extends string, Rest extends Bound[], Normal extends boolean, A extends Shape, G extends Shape, Fixed extends [boolean, boolean], From extends string, Many extends boolean, Check, Index extends 0[]> =
  Fixed extends [true, true]
    ? GroupWalk<Op, P, Rest, Normal, A, G, true, From, Many, Check, Index>
    : Exact<A> extends Exact<G>
      ? Groups<Op, P, Rest, Normal, [A, false], `${From}, ${Index["length"]}`, true, Check, [...Index, 0]>
      : GroupWalk<Op, P, Rest, Normal, A, G, false, From, Many, Check, Index>;

type GroupWalk<Op extends string, P extends string, Rest extends Bound[], Normal extends boolean, A extends Shape, G extends Shape, Fixed extends boolean, From extends string, Many extends boolean, Check, Index extends 0[]> =
  BroadcastPair<A, G, Op, false> extends readonly [infer Out extends Shape, infer C]
    ? [[C]] extends [[ShapeError<infer Message>]] // decided errors only: what a type parameter leaves undecided goes to `check`
      ? Message extends `SHAPE_BROADCAST: ${string}: axis -${infer Detail}`
        ? ShapeError<WriteEinsumGroupsMessage<Op, P, A, Many extends true ? `operands ${From}` : `operand ${From}`, G, Index["length"], Detail>>
        : ShapeError<Message>
      : Groups<Op, P, Rest, Normal, [Out, Fixed], `${From}, ${Index["length"]}`, true, Check & C, [...Index, 0]>
    : never;

/** The output shape: each letter's first size (`number` when only an operand of unknown rank has it), the group at `...`. */
type Output<Tokens extends string[], E extends Entry[], Group extends Shape, Acc extends Dim[] = []> = Tokens extends [infer L extends string, ...infer Rest extends string[]]
  ? L extends "..."
    ? Output<Rest, E, Group, [...Acc, ...Group]>
    : Output<Rest, E, Group, [...Acc, [Find<E, L>] extends [never] ? number : Find<E, L>[1]]>
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
            ? IdentityAll<Op, P, Bounds> & GroupsCheck<Groups<Op, P, Bounds, Normal>>
            : unknown
          : unknown
      : unknown);

/** The `...` groups' undecided axes as the argument's check: `unknown`, or the message an undecided axis holds. */
type GroupsCheck<G> = G extends [unknown, unknown, infer C] ? (unknown extends C ? unknown : MessageOf<C>) : unknown;

type IdentityAll<Op extends string, P extends string, Bounds extends Bound[], E extends Entry[] = [], Check = unknown, Index extends 0[] = []> = Bounds extends [
  infer First extends Bound,
  ...infer Rest extends Bound[],
]
  ? IdentityOperand<Op, P, First[0], Index["length"], E, Check> extends [infer Next extends Entry[], infer NextCheck]
    ? IdentityAll<Op, P, Rest, Next, NextCheck, [...Index, 0]>
    : Check
  : Check;

/** One operand's pairs: `[entries, checks]`, a `SameDimCheck` for each letter seen before. */
type IdentityOperand<Op extends string, P extends string, Pairs extends Pair[], Operand extends number, E extends Entry[], Check> = Pairs extends [
  [infer L extends string, infer D extends Dim, infer Axis extends number | string],
  ...infer Rest extends Pair[],
]
  ? [Find<E, L>] extends [never]
    ? IdentityOperand<Op, P, Rest, Operand, [...E, [L, D, Operand, Axis]], Check>
    : IdentityOperand<Op, P, Rest, Operand, E, Check & SameDimCheck<WriteEinsumNamesMessage<Op, P, L, Find<E, L>[1], D>, Find<E, L>[1], D>>
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
                  ? Groups<Op, P, Bounds, Normal> extends infer G
                    ? G extends [infer Group extends Shape, infer Fixed extends boolean, unknown]
                      ? OutputOf<Op, P, Out, Entries, Group, Fixed>
                      : G
                    : never
                  : E
                : never
              : B
            : never
          : ShapeError<WriteEinsumCountMessage<Op, P, Inputs["length"], Shapes["length"]>>
      : Read
    : never;

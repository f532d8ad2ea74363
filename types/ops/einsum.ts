/**
 * `einsum` at the type level: the subscripts are read character by character and checked (one `->`,
 * letters only, the output's letters once each and all in some operand), then matched to the operands'
 * shapes — their count, each rank, one size per index (compared in normal form; a `number` dim never
 * clashes) — and the output shape is each output index's size where it first appears. An operand of
 * unknown rank is checked at run time; the sizes only it gives are `number`. Mirrors
 * src/ops/einsum.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AsciiLetter, CompareDims } from "../internal/symbolic.js";
import type { NoTypeParameters, SameDimCheck } from "../internal/dims.js";

/** Mirrors `writeEinsumSyntaxMessage`. */
export type WriteEinsumSyntaxMessage<Op extends string, P extends string, Reason extends string> = `SHAPE_EINSUM: ${Op}: cannot read '${P}': ${Reason}`;

/** Mirrors `writeEinsumCountMessage`. */
export type WriteEinsumCountMessage<Op extends string, P extends string, Named extends number, Got extends number> = `SHAPE_EINSUM: ${Op}: '${P}' names ${Named} operands, got ${Got}`;

/** Mirrors `writeEinsumRankMessage`. */
export type WriteEinsumRankMessage<Op extends string, P extends string, Index extends number, S extends Shape, Letters extends string, Length extends number> =
  `SHAPE_EINSUM: ${Op}: '${P}': operand ${Index} has shape ${PrintShape<S>}, ${S["length"]} axes, but '${Letters}' names ${Length}`;

/** Mirrors `writeEinsumSizeMessage`. */
export type WriteEinsumSizeMessage<
  Op extends string,
  P extends string,
  Letter extends string,
  First extends Dim,
  FirstOperand extends number,
  FirstAxis extends number,
  D extends Dim,
  Operand extends number,
  Axis extends number,
> = `SHAPE_EINSUM: ${Op}: '${P}': index '${Letter}' is ${PrintDim<First>} in operand ${FirstOperand} (axis ${FirstAxis}) but ${PrintDim<D>} in operand ${Operand} (axis ${Axis}); an index stands for one size`;

type Letter = AsciiLetter;

/** The characters of a string, as a tuple. */
type Chars<Text extends string, Acc extends string[] = []> = Text extends `${infer C}${infer Rest}` ? Chars<Rest, [...Acc, C]> : Acc;

/** The first character of `Text` that is not allowed (a letter, or `Extra`), or `never`. */
type FirstBad<Text extends string, Extra extends string> = Text extends `${infer C}${infer Rest}` ? (C extends Letter | Extra ? FirstBad<Rest, Extra> : C) : never;

/** The groups of a comma-separated list. */
type SplitCommas<Text extends string, Acc extends string[] = []> = Text extends `${infer Head},${infer Rest}` ? SplitCommas<Rest, [...Acc, Head]> : [...Acc, Text];

/** The first problem with the output's letters (in order): a repeat, or a letter in no operand. */
type OutputProblem<Output extends string[], Left extends string, Seen extends string = never> = Output extends [infer C extends string, ...infer Rest extends string[]]
  ? [C] extends [Seen]
    ? `the output repeats '${C}'`
    : Left extends `${string}${C}${string}`
      ? OutputProblem<Rest, Left, Seen | C>
      : `the output's '${C}' is in no operand`
  : never;

/** The subscripts read and checked on their own: `{ inputs; output }`, or the error. Mirrors `readSubscripts`. */
export type ReadEinsum<P extends string, Op extends string = "einsum"> = P extends `${infer L}->${infer R}`
  ? R extends `${string}->${string}`
    ? ShapeError<WriteEinsumSyntaxMessage<Op, P, `it needs one '->' between the operands' subscripts and the output's`>>
    : [FirstBad<L, ",">] extends [never]
      ? [FirstBad<R, never>] extends [never]
        ? [OutputProblem<Chars<R>, L>] extends [never]
          ? { inputs: SplitCommas<L>; output: Chars<R> }
          : ShapeError<WriteEinsumSyntaxMessage<Op, P, OutputProblem<Chars<R>, L>>>
        : ShapeError<WriteEinsumSyntaxMessage<Op, P, `'${FirstBad<R, never>}' is not an index (a letter a–z or A–Z)`>>
      : ShapeError<WriteEinsumSyntaxMessage<Op, P, `'${FirstBad<L, ",">}' is not an index (a letter a–z or A–Z)`>>
  : ShapeError<WriteEinsumSyntaxMessage<Op, P, `it needs one '->' between the operands' subscripts and the output's`>>;

/** The first operand whose rank is not its subscripts' length, as its error; else `never`. */
type RankError<Op extends string, P extends string, Inputs extends string[], Shapes extends Shape[], Index extends 0[] = []> = Inputs extends [
  infer Subs extends string,
  ...infer Rest extends string[],
]
  ? Shapes[Index["length"]] extends infer S extends Shape
    ? number extends S["length"]
      ? RankError<Op, P, Rest, Shapes, [...Index, 0]>
      : Chars<Subs>["length"] extends S["length"]
        ? RankError<Op, P, Rest, Shapes, [...Index, 0]>
        : ShapeError<WriteEinsumRankMessage<Op, P, Index["length"], S, Subs, Chars<Subs>["length"]>>
    : never
  : never;

/** Where an index's size was first seen: `[letter, size, operand, axis]`. */
type Entry = [string, Dim, number, number];

type Find<E extends Entry[], L extends string> = Extract<E[number], [L, unknown, number, number]>; // `unknown`: a type parameter dim matches too

/** One operand's letters against `E`: `E` with the new indices, or the size error. */
type SizeOperand<Letters extends string[], S extends Shape, Operand extends number, E extends Entry[], Axis extends 0[] = []> = Letters extends [
  infer L extends string,
  ...infer Rest extends string[],
]
  ? [[S[Axis["length"]]]] extends [[infer D extends Dim]] // resolves for a type parameter (`B`): the inner tuple is not itself generic
    ? [Find<E, L>] extends [never]
      ? SizeOperand<Rest, S, Operand, [...E, [L, D, Operand, Axis["length"]]], [...Axis, 0]>
      : Find<E, L> extends [string, infer First extends Dim, infer FirstOperand extends number, infer FirstAxis extends number]
        ? CompareDims<First, D> extends "equal" | "dynamic"
          ? SizeOperand<Rest, S, Operand, E, [...Axis, 0]>
          : SizeClash<L, First, FirstOperand, FirstAxis, D, Operand, Axis["length"]>
        : never
    : never
  : E;

/** An index whose sizes differ: the letter, its first size, operand and axis, and the clashing ones (for `WriteEinsumSizeMessage`). */
interface SizeClash<
  L extends string = string,
  First extends Dim = Dim,
  FirstOperand extends number = number,
  FirstAxis extends number = number,
  D extends Dim = Dim,
  Operand extends number = number,
  Axis extends number = number,
> {
  readonly letter: L;
  readonly first: [First, FirstOperand, FirstAxis];
  readonly clash: [D, Operand, Axis];
}

/** Every operand's indices in turn (operands of unknown rank skipped): the first sizes, or the `SizeClash`. */
type SizeAll<Inputs extends string[], Shapes extends Shape[], E extends Entry[] = [], Index extends 0[] = []> = Inputs extends [
  infer Subs extends string,
  ...infer Rest extends string[],
]
  ? Shapes[Index["length"]] extends infer S extends Shape
    ? number extends S["length"]
      ? SizeAll<Rest, Shapes, E, [...Index, 0]>
      : SizeOperand<Chars<Subs>, S, Index["length"], E> extends infer Next
        ? [Next] extends [infer Entries extends Entry[]] // resolves with type parameter dims in the entries
          ? SizeAll<Rest, Shapes, Entries, [...Index, 0]>
          : Next
        : never
    : never
  : E;

/** The output shape: each letter's first size, `number` when only an operand of unknown rank has it. */
type Output<Letters extends string[], E extends Entry[], Acc extends Dim[] = []> = Letters extends [infer L extends string, ...infer Rest extends string[]]
  ? Output<Rest, E, [...Acc, [Find<E, L>] extends [never] ? number : Find<E, L>[1]]>
  : Acc;

/**
 * The identity of each repeated index's dims around type parameters, as one check per repeat
 * (`SameDimCheck`, with no `infer`): `unknown` where they are the same dim, or known or named (the rule
 * compares those, with the runtime's message); where a type parameter meets another dim, TypeScript
 * cannot decide it and holds the subscripts to the message (`WriteEinsumNamesMessage`): a type
 * parameter is a name, equal only to itself (`"btd,bsd->bts"` on `[B, T, D]` and `[B, S, 32]`).
 */
export type EinsumIdentityChecks<P extends string, Shapes extends Shape[], Op extends string> = unknown &
  ([Shapes] extends [NoTypeParameters]
    ? unknown
    : ReadEinsum<P, Op> extends { inputs: infer Inputs extends string[] }
      ? number extends Shapes["length"]
        ? unknown
        : IdentityAll<Op, P, Inputs, Shapes>
      : unknown);

type IdentityAll<Op extends string, P extends string, Inputs extends string[], Shapes extends Shape[], E extends Entry[] = [], Index extends 0[] = [], Check = unknown> = Inputs extends [
  infer Subs extends string,
  ...infer Rest extends string[],
]
  ? Shapes[Index["length"]] extends infer S extends Shape
    ? number extends S["length"]
      ? IdentityAll<Op, P, Rest, Shapes, E, [...Index, 0], Check>
      : IdentityOperand<Op, P, Chars<Subs>, S, Index["length"], E, Check> extends [infer Next extends Entry[], infer NextCheck]
        ? IdentityAll<Op, P, Rest, Shapes, Next, [...Index, 0], NextCheck>
        : Check
    : Check
  : Check;

/** One operand's letters: `[entries, checks]`, a `SameDimCheck` for each letter seen before. */
type IdentityOperand<Op extends string, P extends string, Letters extends string[], S extends Shape, Operand extends number, E extends Entry[], Check, Axis extends 0[] = []> = Letters extends [
  infer L extends string,
  ...infer Rest extends string[],
]
  ? [[S[Axis["length"]]]] extends [[infer D extends Dim]]
    ? [Find<E, L>] extends [never]
      ? IdentityOperand<Op, P, Rest, S, Operand, [...E, [L, D, Operand, Axis["length"]]], Check, [...Axis, 0]>
      : IdentityOperand<Op, P, Rest, S, Operand, E, Check & SameDimCheck<WriteEinsumNamesMessage<Op, P, L, Find<E, L>[1], D>, Find<E, L>[1], D>, [...Axis, 0]>
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
export type EinsumShape<P extends string, Shapes extends Shape[], Op extends string = "einsumShape"> =
  ReadEinsum<P, Op> extends infer Read
    ? Read extends { inputs: infer Inputs extends string[]; output: infer Out extends string[] }
      ? number extends Shapes["length"]
        ? Output<Out, []>
        : Inputs["length"] extends Shapes["length"]
          ? [RankError<Op, P, Inputs, Shapes>] extends [never]
            ? SizeAll<Inputs, Shapes> extends infer E
              ? [E] extends [infer Entries extends Entry[]]
                ? Output<Out, Entries>
                : E extends SizeClash<infer L, infer First, infer FirstOperand, infer FirstAxis, infer D, infer Operand, infer Axis>
                  ? ShapeError<WriteEinsumSizeMessage<Op, P, L, First, FirstOperand, FirstAxis, D, Operand, Axis>>
                  : never
              : never
            : RankError<Op, P, Inputs, Shapes>
          : ShapeError<WriteEinsumCountMessage<Op, P, Inputs["length"], Shapes["length"]>>
      : Read
    : never;

/**
 * Symbolic size arithmetic at the type level: the normal form of size expressions, so that sizes that
 * are equal compare equal whatever the order they were written in. Mirrored by src/symbolic.ts,
 * rule for rule (the runtime uses BigInt where this file uses digit strings).
 *
 * **Size expressions.** A string dim is a sum of products: terms joined by `+`, each term factors
 * joined by `*`, each factor a name (`batch`, `seq`, any text without `+`, `*`, `"` or `\`) or a
 * number (only digits: `768`). `"batch"`, `"n+m"`, `"s*768"` and `"b*s*12+3"` are size expressions;
 * `"n+"`, `"*3"` and `"n++m"` are not (an empty factor), and the ops that do arithmetic on sizes
 * (reshape, concat, stack) reject them with `SHAPE_INVALID_SHAPE`. A string made only of digits
 * (`"768"`) is that number. There are no parentheses: a product of sums is written expanded.
 *
 * **Normal form.** An expression is read as a polynomial with natural coefficients, expanded: like
 * terms are added, zero terms dropped, and written
 * - within a term: names in ascending order (`"b*s"`), a repeated name repeated (`"n*n"`), the
 *   coefficient last and only when it is not 1 (`"s*768"`);
 * - terms in descending order of their names (the name part as a whole, compared as JavaScript
 *   compares strings: by UTF-16 code unit), so the constant term (no names) comes last:
 *   `"m+n"` → `"n+m"`, `"3+n"` → `"n+3"`, `"b*s+b*s"` → `"b*s*2"`;
 * - a polynomial without names is a number dim, not a string: `"2*3"` → `6`, `"0*n"` → `0`.
 * So concat of `"n"` and `"m"` is `"n+m"`, of `"n"` and `3` is `"n+3"`, of `"n"` and `"n"` is `"n*2"`;
 * the element count of `["b", "s", 768]` is `"b*s*768"`.
 *
 * **Where the compiler gives up.** Ordering names needs a table of characters; it holds printable
 * ASCII. A name with any other character cannot be ordered here, so an expression that must order
 * it (a sum or product with another name) yields {@link Unordered} and the shape rule treats that
 * size like `number`: no compile error, the runtime decides (it orders any string). Dims that are
 * `number`, `string` or unions are dynamic throughout.
 *
 * Representation: a polynomial is a tuple of terms `[names, coefficient]`, sorted as above, where
 * `names` is the names joined by `*` (`""` for the constant term) and `coefficient` a canonical digit
 * string (types/internal/digits.ts), never `"0"` — exact at any size.
 *
 * Internal: used by the shape rules in types/ops, never re-exported from the package root.
 */
import type { Exact } from "./dims.js";
import type { Dim } from "../shape.js";
import type { CheckMessage, CheckedArg, MessageCheck } from "../errors.js";
import type { InvalidShapeMessage, IsSingle, WriteInvalidShapeMessage } from "./dims.js";
import type { PrintShape } from "./print.js";
import type { AddDigits, DivModDigits, Digit, FromDigits, MulDigits, CompareDigits, MaxSafeDigits } from "./digits.js";

// ---------------------------------------------------------------------------------------------
// Markers
// ---------------------------------------------------------------------------------------------

/** A size that cannot be normalised at compile time (a name with a character outside printable ASCII). */
export interface Unordered {
  readonly unordered: true;
}

/** A string dim that is not a size expression (an empty factor: `"n+"`, `"*3"`, `"n++m"`). */
export interface Malformed {
  readonly malformed: true;
}

/** A size that is not known at compile time: a `number`, `string` or union dim, or an unordered name. */
export interface Dynamic {
  readonly dynamic: true;
}

/** A division that does not come out exactly (or a name that is not there to cancel). */
export interface NoQuotient {
  readonly noQuotient: true;
}

/** `true` for a dim the compiler knows nothing about: `number`, `string`, a union. */
export type IsDynamicDim<D> = number extends D ? true : string extends D ? true : IsSingle<D> extends true ? false : true;

// ---------------------------------------------------------------------------------------------
// Ordering names
// ---------------------------------------------------------------------------------------------

// The characters that can be ordered here, in code-unit order: printable ASCII without `"` and `\`
// (never in a dim) and `+` (never in a term's names; `*` is, as the separator of its names).
type CharOrder = " !#$%&'()*,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

// How two different characters order; one template match each way (each character is in the table
// once, and the match finds the leftmost occurrence of each).
type CompareChars<Left extends string, Right extends string> =
  CharOrder extends `${string}${Left}${string}${Right}${string}`
    ? "lt"
    : CharOrder extends `${string}${Right}${string}${Left}${string}`
      ? "gt"
      : Unordered;

/**
 * How two names order, as JavaScript's `<` orders them (by code unit): `"lt" | "eq" | "gt"`, or
 * `Unordered` when the first differing character is outside the table.
 */
export type CompareNames<Left extends string, Right extends string> = Left extends Right
  ? "eq"
  : Left extends `${infer L}${infer LeftRest}`
    ? Right extends `${infer R}${infer RightRest}`
      ? L extends R
        ? CompareNames<LeftRest, RightRest>
        : CompareChars<L, R>
      : "gt"
    : "lt";

// ---------------------------------------------------------------------------------------------
// Terms: a product of names (joined by `*`, ascending) and a coefficient
// ---------------------------------------------------------------------------------------------

/** One term: the names joined by `*` (`""` for a constant) and a non-zero canonical digit string. */
export type Term = readonly [names: string, coefficient: string];

/** A polynomial in normal form: terms sorted by names, descending; `[]` is zero. */
export type Poly = readonly Term[];

/** Joins two name lists with `*`. */
type JoinNames<Left extends string, Right extends string> = Left extends "" ? Right : Right extends "" ? Left : `${Left}*${Right}`;

/** The names of a product term, in order (`"d*h"` → `["d", "h"]`). */
export type SplitProduct<Names extends string, Acc extends string[] = []> = Names extends `${infer Head}*${infer Rest}` ? SplitProduct<Rest, [...Acc, Head]> : [...Acc, Names];

/** An ASCII letter: the letters of einsum's indices and (with `_` and digits) of rearrange's axis names. */
export type AsciiLetter =
  | "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z"
  | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M" | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z";

/** `[first name, the rest]` of a name list (`""` for an empty rest). */
type SplitNames<Names extends string> = Names extends `${infer Head}*${infer Rest}` ? [Head, Rest] : [Names, ""];

/** Inserts one name into an ascending name list. */
type InsertName<Names extends string, Name extends string, Before extends string = ""> = Names extends ""
  ? JoinNames<Before, Name>
  : SplitNames<Names> extends [infer Head extends string, infer Rest extends string]
    ? CompareNames<Name, Head> extends infer Order
      ? Order extends "gt"
        ? InsertName<Rest, Name, JoinNames<Before, Head>>
        : Order extends Unordered
          ? Unordered
          : JoinNames<JoinNames<Before, Name>, Names>
      : never
    : never;

/** The product of two ascending name lists. */
type MulNames<Left extends string, Right extends string> = Right extends ""
  ? Left
  : SplitNames<Right> extends [infer Head extends string, infer Rest extends string]
    ? InsertName<Left, Head> extends infer Names
      ? Names extends string
        ? MulNames<Names, Rest>
        : Unordered
      : never
    : never;

/** `Names` with one occurrence of `Name` removed, or `NoQuotient` when it has none. */
type RemoveName<Names extends string, Name extends string, Before extends string = ""> = Names extends ""
  ? NoQuotient
  : SplitNames<Names> extends [infer Head extends string, infer Rest extends string]
    ? Head extends Name
      ? JoinNames<Before, Rest>
      : RemoveName<Rest, Name, JoinNames<Before, Head>>
    : never;

/** `Left` divided by `Right` as name lists (a multiset difference), or `NoQuotient`. */
type DivNames<Left extends string, Right extends string> = Right extends ""
  ? Left
  : SplitNames<Right> extends [infer Head extends string, infer Rest extends string]
    ? RemoveName<Left, Head> extends infer Names
      ? Names extends string
        ? DivNames<Names, Rest>
        : NoQuotient
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Polynomials
// ---------------------------------------------------------------------------------------------

/** Adds one term (coefficient not "0") into a normal-form polynomial. */
type InsertTerm<P extends Poly, Names extends string, Coefficient extends string, Before extends Term[] = []> = P extends readonly [
  infer Head extends Term,
  ...infer Rest extends Poly,
]
  ? CompareNames<Names, Head[0]> extends infer Order
    ? Order extends "gt"
      ? [...Before, [Names, Coefficient], ...P]
      : Order extends "eq"
        ? [...Before, [Names, AddDigits<Head[1], Coefficient>], ...Rest]
        : Order extends "lt"
          ? InsertTerm<Rest, Names, Coefficient, [...Before, Head]>
          : Unordered
    : never
  : [...Before, [Names, Coefficient]];

/** The sum of two polynomials (or `Unordered`). */
export type AddPoly<Left extends Poly, Right extends Poly> = Right extends readonly [infer Head extends Term, ...infer Rest extends Poly]
  ? InsertTerm<Left, Head[0], Head[1]> extends infer Sum
    ? Sum extends Poly
      ? AddPoly<Sum, Rest>
      : Unordered
    : never
  : Left;

/** Left × Right on digit strings, skipping the work when one is "1". */
type MulCoefficients<Left extends string, Right extends string> = Left extends "1" ? Right : Right extends "1" ? Left : MulDigits<Left, Right>;

/** Every coefficient times `Factor` (a digit string, not "0" or "1"). */
type ScalePoly<P extends Poly, Factor extends string, Acc extends Term[] = []> = P extends readonly [
  infer Head extends Term,
  ...infer Rest extends Poly,
]
  ? ScalePoly<Rest, Factor, [...Acc, [Head[0], MulCoefficients<Head[1], Factor>]]>
  : Acc;

/** The product of two polynomials (or `Unordered`): every pair of terms, collected in normal form. */
export type MulPoly<Left extends Poly, Right extends Poly, RightRest extends Poly = Right, Acc extends Poly = []> = Left extends readonly [
  infer L extends Term,
  ...infer LeftRest extends Poly,
]
  ? RightRest extends readonly [infer R extends Term, ...infer Rest extends Poly]
    ? MulNames<L[0], R[0]> extends infer Names
      ? Names extends string
        ? InsertTerm<Acc, Names, MulCoefficients<L[1], R[1]>> extends infer Next
          ? Next extends Poly
            ? MulPoly<Left, Right, Rest, Next>
            : Unordered
          : never
        : Unordered
      : never
    : MulPoly<LeftRest, Right, Right, Acc>
  : Acc;

/**
 * `P` divided by the one term `Divisor` (not zero): the quotient polynomial, or `NoQuotient` when
 * some term of `P` lacks a name of the divisor or its coefficient is not a multiple.
 */
export type DivPolyByTerm<P extends Poly, Divisor extends Term, Acc extends Poly = []> = [P, Divisor, Acc] extends [
  readonly [readonly ["", infer Size extends string]],
  readonly ["", infer Given extends string],
  readonly [],
]
  ? DivModDigits<Size, Given> extends [infer Quotient extends string, "0"] // a constant by a constant: on digits, no walk
    ? [["", Quotient]]
    : NoQuotient
  : DivPolyByTermWalk<P, Divisor, Acc>;

type DivPolyByTermWalk<P extends Poly, Divisor extends Term, Acc extends Poly> = P extends readonly [
  infer Head extends Term,
  ...infer Rest extends Poly,
]
  ? DivNames<Head[0], Divisor[0]> extends infer Names
    ? Names extends string
      ? (Divisor[1] extends "1" ? [Head[1], "0"] : Head[1] extends Divisor[1] ? ["1", "0"] : DivModDigits<Head[1], Divisor[1]>) extends [infer Quotient extends string, "0"]
        ? InsertTerm<Acc, Names, Quotient> extends infer Next
          ? Next extends Poly
            ? DivPolyByTerm<Rest, Divisor, Next>
            : Unordered
          : never
        : NoQuotient
      : NoQuotient
    : never
  : Acc;

// ---------------------------------------------------------------------------------------------
// Parsing and printing
// ---------------------------------------------------------------------------------------------

/** `true` when S is one or more digits (leading zeros allowed). */
type AllDigits<S extends string> = S extends `${Digit}${infer Rest}` ? (Rest extends "" ? true : AllDigits<Rest>) : false;

/** A digit string without leading zeros ("0" for zero). */
type TrimZeros<S extends string> = S extends `0${infer Rest}` ? (Rest extends "" ? "0" : TrimZeros<Rest>) : S;

/** The polynomial of a constant digit string. */
type ConstPoly<Digits extends string> = Digits extends "0" ? [] : [["", Digits]];

/** One term of an expression (`"s*768"`): `[names, coefficient]`, `Malformed` or `Unordered`. */
type ParseTerm<Text extends string, Names extends string = "", Coefficient extends string = "1"> = (
  Text extends `${infer Factor}*${infer Rest}` ? [Factor, Rest, true] : [Text, "", false]
) extends [infer Factor extends string, infer Rest extends string, infer More extends boolean]
  ? Factor extends ""
    ? Malformed
    : (Factor extends `${Digit}${string}` ? AllDigits<Factor> : false) extends true
      ? More extends true
        ? ParseTerm<Rest, Names, MulCoefficients<Coefficient, TrimZeros<Factor>>>
        : [Names, MulCoefficients<Coefficient, TrimZeros<Factor>>]
      : InsertName<Names, Factor> extends infer Inserted
        ? Inserted extends string
          ? More extends true
            ? ParseTerm<Rest, Inserted, Coefficient>
            : [Inserted, Coefficient]
          : Unordered
        : never
  : never;

/** A sum of terms (`"n+m*2"`), term by term into `Acc`. */
type ParseSum<Text extends string, Acc extends Poly = []> = (
  Text extends `${infer First}+${infer Rest}` ? [First, Rest, true] : [Text, "", false]
) extends [infer First extends string, infer Rest extends string, infer More extends boolean]
  ? ParseTerm<First> extends infer Parsed
    ? Parsed extends Term
      ? (Parsed[1] extends "0" ? Acc : InsertTerm<Acc, Parsed[0], Parsed[1]>) extends infer Next
        ? Next extends Poly
          ? More extends true
            ? ParseSum<Rest, Next>
            : Next
          : Unordered
        : never
      : Parsed
    : never
  : never;

/**
 * The normal-form polynomial of a string dim, or `Malformed` / `Unordered`. A plain name (no `+`
 * or `*`, not starting with a digit) is the fast path: one term.
 */
export type ParseSize<D extends string> = D extends ""
  ? Malformed
  : D extends `${string}${"+" | "*"}${string}`
    ? ParseSum<D>
    : D extends `${Digit}${string}`
      ? AllDigits<D> extends true
        ? ConstPoly<TrimZeros<D>>
        : [[D, "1"]]
      : [[D, "1"]];

/** `true` for a string dim that is not a plain name: it holds `+` or `*`, or starts with a digit. */
export type IsExpression<D extends string> = D extends `${string}${"+" | "*"}${string}` | `${Digit}${string}` ? true : false;

type PrintTerm<T extends Term> = T[0] extends "" ? T[1] : T[1] extends "1" ? T[0] : `${T[0]}*${T[1]}`;

/** A polynomial as text: `"n+m"`, `"s*768"`, `"6"`, `"0"`. Mirrors `formatPoly`. */
export type PrintPoly<P extends Poly, Acc extends string = ""> = P extends readonly [infer Head extends Term, ...infer Rest extends Poly]
  ? PrintPoly<Rest, Acc extends "" ? PrintTerm<Head> : `${Acc}+${PrintTerm<Head>}`>
  : Acc extends ""
    ? "0"
    : Acc;

/** `true` when a constant polynomial's value is above 2^53 − 1 (not a valid dim). */
export type IsTooLarge<P extends Poly> = P extends readonly [readonly ["", infer C extends string]]
  ? C extends `${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${bigint}${string}`
    ? CompareDigits<C, MaxSafeDigits> extends "gt"
      ? true
      : false
    : false
  : false;

/**
 * A polynomial as a dim: a number literal when it has no names (`0` for zero), else its text.
 * (A constant above 2^53 − 1 gives `number`; callers check `IsTooLarge` first.)
 */
export type PolyDim<P extends Poly> = P extends readonly []
  ? 0
  : P extends readonly [readonly ["", infer C extends string]]
    ? FromDigits<C>
    : PrintPoly<P>;

// ---------------------------------------------------------------------------------------------
// Dims
// ---------------------------------------------------------------------------------------------

/** The polynomial `1`, the empty product. */
export type One = [["", "1"]];

/**
 * The polynomial of one dim, or `Dynamic` (`number`, `string`, unions, unordered names) or
 * `Malformed`. A known dim must be a valid size (checked before).
 */
export type DimPoly<D extends Dim> = [D] extends [number]
  ? number extends D
    ? Dynamic
    : IsSingle<D> extends true
      ? `${D}` extends `${string}${"-" | "." | "e"}${string}` // not a size (a negative, fractional or exponent literal): nothing to count
        ? Dynamic
        : ConstPoly<`${D}`>
      : Dynamic
  : [D] extends [string]
    ? string extends D
      ? Dynamic
      : IsSingle<D> extends true
        ? ParseSize<D> extends infer P
          ? P extends Unordered
            ? Dynamic
            : P
          : never
        : Dynamic
    : Dynamic;

/** `Acc` times dim `D`: a polynomial, `Dynamic` or `Malformed`. */
export type MulDim<Acc extends Poly, D extends Dim> = [D] extends [number]
  ? number extends D
    ? Dynamic
    : `${D}` extends "1"
      ? Acc
      : `${D}` extends "0"
        ? []
        : `${D}` extends `${string}${"-" | "." | "e"}${string}` // not a size: nothing to count
          ? Dynamic
        : IsSingle<D> extends true
          ? Acc extends readonly [readonly ["", infer C extends string]] // a constant so far (most shapes): one product
            ? [["", MulCoefficients<C, `${D}`>]]
            : ScalePoly<Acc, `${D}`>
          : Dynamic
  : DimPoly<D> extends infer P
    ? P extends Poly
      ? Acc extends One
        ? P
        : MulPoly<Acc, P> extends infer Product
          ? Product extends Poly
            ? Product
            : Dynamic
          : never
      : P
    : never;

/**
 * The element count of a shape (the product of its dims) as a polynomial; `Dynamic` when a dim is
 * dynamic or the rank is unknown; `Malformed` for a dim that is not a size expression.
 */
export type ShapeSize<S extends readonly Dim[], Acc extends Poly = One> = S extends readonly [infer Head extends Dim, ...infer Rest extends readonly Dim[]]
  ? MulDim<Acc, Head> extends infer Next
    ? Next extends Poly
      ? ShapeSize<Rest, Next>
      : Next
    : never
  : number extends S["length"]
    ? Dynamic
    : Acc;

/** The sum of the polynomials of `Dims`; `Dynamic` when one is dynamic, `Malformed` likewise. */
export type SumDims<Dims extends readonly Dim[], Acc extends Poly = []> = Dims extends readonly [infer Head extends Dim, ...infer Rest extends readonly Dim[]]
  ? DimPoly<Head> extends infer P
    ? P extends Poly
      ? AddPoly<Acc, P> extends infer Sum
        ? Sum extends Poly
          ? SumDims<Rest, Sum>
          : Dynamic
        : never
      : P
    : never
  : number extends Dims["length"]
    ? Dynamic
    : Acc;

/**
 * A dim in normal form: `"m+n"` → `"n+m"`, `"2*3"` → `6`; a number or plain name is unchanged;
 * `Malformed` for a string that is not a size expression, `Dynamic` when it cannot be normalised
 * here. Mirrors `normalizeSize`.
 */
export type NormalizeSize<D extends Dim> = [D] extends [number]
  ? D
  : DimPoly<D> extends infer P
    ? P extends Poly
      ? PolyDim<P>
      : P
    : never;

/**
 * A shape with every size expression in normal form (`"m+n"` → `"n+m"`, `"1"` → 1), so that
 * comparing dims is comparing values; a shape of unknown rank stays one. Mirrors `normalizeShape`.
 */
export type NormalizeShape<S extends readonly Dim[]> = [Extract<S[number], string>] extends [never]
  ? S
  : [IsMutable<S>, IsExpressionDim<Extract<S[number], string>>] extends [true, false] // mapping a mutable shape whose names are
    ? S //                                                                                 all plain (or `string`) gives the same tuple
    : { -readonly [K in keyof S]: NormalizedDim<S[K]> };

/** `true` for a mutable array or tuple type (what a mapped type with `-readonly` gives back). */
type IsMutable<S> = S extends Dim[] ? true : false;

/** Distributes over string dims: `true` for one that is a size expression (not a plain name, not `string`). */
type IsExpressionDim<D> = D extends `${string}${"+" | "*"}${string}` | `${Digit}${string}` ? true : false;

/** One dim in normal form; a dim with no normal form at compile time (`string`, a union) as it is. */
type NormalizedDim<D extends Dim> = NormalizeSize<D> extends infer N extends Dim ? N : D;

/**
 * How two dims compare as sizes: `"equal"`, `"dynamic"` (one is not known at compile time: the
 * runtime checks), or the kind of clash — `"known"` (two different numbers), `"symbols"` (two
 * expressions with different normal forms), `"symbol-known"` (an expression against a number).
 * Expressions are compared by normal form, so `"n+m"` equals `"m+n"` and `"2*3"` equals `6`.
 * Mirrors `compareSizes`.
 */
export type CompareSizes<Left extends Dim, Right extends Dim> = [Left] extends [Right]
  ? [Right] extends [Left]
    ? number extends Left
      ? "dynamic"
      : string extends Left
        ? "dynamic"
        : IsSingle<Left> extends true
          ? "equal"
          : "dynamic"
    : CompareUnequal<Left, Right>
  : CompareUnequal<Left, Right>;

/**
 * `CompareSizes` for two dims that must be one size, asked "the same dim?" first: `"ok"` for the
 * same dim (a type parameter with itself, which `CompareSizes` cannot decide), for a dynamic side
 * and for sizes equal in normal form; else the kind of clash.
 */
export type CompareDims<Left extends Dim, Right extends Dim> = Exact<Left> extends Exact<Right>
  ? "equal"
  : CompareSizes<Left, Right>;

type CompareUnequal<Left extends Dim, Right extends Dim> = [Left] extends [number]
  ? [Right] extends [number]
    ? number extends Left | Right
      ? "dynamic"
      : IsSingle<Left> extends true
          ? IsSingle<Right> extends true
            ? "known"
            : "dynamic"
          : "dynamic"
    : [Right] extends [string]
      ? CompareWithExpression<Right, Left>
      : "dynamic"
  : [Left] extends [string]
    ? [Right] extends [string]
      ? string extends Left | Right
        ? "dynamic"
        : IsSingle<Left> extends true
          ? IsSingle<Right> extends true
            ? IsExpression<Left> extends true
              ? CompareNormalForms<Left, Right>
              : IsExpression<Right> extends true
                ? CompareNormalForms<Left, Right>
                : "symbols"
            : "dynamic"
          : "dynamic"
      : [Right] extends [number]
        ? CompareWithExpression<Left, Right>
        : "dynamic"
    : "dynamic";

/** A string dim against a number dim: equal when the string is an expression whose value is it. */
type CompareWithExpression<Expression extends string, Known extends number> = number extends Known
  ? "dynamic"
  : string extends Expression
    ? "dynamic"
    : IsSingle<Known> extends true
      ? IsSingle<Expression> extends true
        ? IsExpression<Expression> extends true
          ? DimPoly<Expression> extends infer P
            ? P extends Poly
              ? [P] extends [ConstPoly<`${Known}`>]
                ? "equal"
                : P extends readonly [] | readonly [readonly ["", string]]
                  ? "known"
                  : "symbol-known"
              : "dynamic"
            : never
          : "symbol-known"
        : "dynamic"
      : "dynamic";

type CompareNormalForms<Left extends string, Right extends string> = DimPoly<Left> extends infer L
  ? DimPoly<Right> extends infer R
    ? L extends Poly
      ? R extends Poly
        ? [L] extends [R]
          ? "equal"
          : L extends readonly [] | readonly [readonly ["", string]]
            ? R extends readonly [] | readonly [readonly ["", string]]
              ? "known"
              : "symbol-known"
            : R extends readonly [] | readonly [readonly ["", string]]
              ? "symbol-known"
              : "symbols"
        : "dynamic"
      : "dynamic"
    : never
  : never;

/**
 * The hint that ends a message about two sizes that differ. Mirrors `sizeClashHint`.
 * `Known` is the hint for two different numbers.
 */
export type SizeClashHint<Kind, Left extends Dim, Right extends Dim, Known extends string> = Kind extends "known"
  ? Known
  : Kind extends "symbols"
    ? "different names may be different sizes (state that they are equal with .as())"
    : `a named dim may not be ${PrintKnown<Left, Right>} (state its size with .as())`;

/** The constant side of a name-vs-number clash, printed as a number (`"2*3"` as `6`). */
type PrintKnown<Left extends Dim, Right extends Dim> = ConstantText<Left> | ConstantText<Right>;

/** A dim's value as text when it is a constant (a number, or an expression without names), else `never`. */
type ConstantText<D extends Dim> = [D] extends [number]
  ? `${D}`
  : DimPoly<D> extends infer P
    ? P extends readonly []
      ? "0"
      : P extends readonly [readonly ["", infer C extends string]]
        ? C
        : never
    : never;

/**
 * `SHAPE_INVALID_SHAPE: concat: invalid shape ["n+", 2]: dim "n+" is not a size expression …`.
 * Mirrors `writeSizeExpressionMessage`.
 */
export type WriteSizeExpressionMessage<Op extends string, ShapeText extends string, D extends string> =
  `SHAPE_INVALID_SHAPE: ${Op}: invalid shape ${ShapeText}: dim '${D}' is not a size expression (names and numbers joined by + and *, like 'n+m' or 's*768')`;

/** The first string dim of `S` that is not a size expression, or `never`. */
export type FirstMalformed<S extends readonly Dim[]> = S extends readonly [infer Head extends Dim, ...infer Rest extends readonly Dim[]]
  ? [Head] extends [string]
    ? string extends Head
      ? FirstMalformed<Rest>
      : IsSingle<Head> extends true
        ? Head extends `${string}${"+" | "*"}${string}` | ""
          ? ParseSize<Head> extends Malformed
            ? Head
            : FirstMalformed<Rest>
          : FirstMalformed<Rest>
        : FirstMalformed<Rest>
    : FirstMalformed<Rest>
  : never;

/**
 * The message for the first dim of `S` that is not a valid size: a negative or fractional number
 * (types/internal/dims.ts), else a string that is not a size expression; `never` when all are valid.
 * Mirrors `validateSizes`.
 */
export type InvalidSizesMessage<Op extends string, S extends readonly Dim[]> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? [Extract<S[number], `${string}${"+" | "*"}${string}`>] extends [never] // no expression: nothing to parse ("" is a bad name, above)
        ? never
        : FirstMalformed<S> extends infer D extends string
        ? [D] extends [never]
          ? never
          : D extends ""
            ? WriteInvalidShapeMessage<Op, S, "">
            : WriteSizeExpressionMessage<Op, PrintShape<S>, D>
          : never
      : Invalid
    : never;

/** The parameter-side check of a shape argument: `unknown`, or the `ShapeError` of its first invalid dim. */
export type CheckSizes<Op extends string, S extends readonly Dim[]> = CheckMessage<InvalidSizesMessage<Op, S>>;

/** `CheckSizes` as a parameter type (`CheckedArg`): `Param`, or the message of `S`'s first invalid dim. */
export type CheckedSizes<Param, Op extends string, S extends readonly Dim[]> = CheckedArg<Param, MessageCheck<InvalidSizesMessage<Op, S>>>;

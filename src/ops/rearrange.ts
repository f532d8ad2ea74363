/**
 * `rearrange` (einops semantics): reorder, split and merge axes by a pattern such as
 * `"b t (h d) -> b h t d"`. Each side names the axes; a parenthesised group is one axis made of its
 * names (split on the left, merged on the right). Both sides name the same axes, each once. A group
 * on the left may leave one name's size unknown (it is the axis over the others); the sizes of the
 * rest come from the `sizes` argument (`{ h: 8 }`). `...` stands for the axes the other items leave
 * (einops), whole on the left, whole or merged into a group on the right (`"b c ... -> b (...) c"`).
 * The op is a reshape to the elementary axes, a
 * permutation and a reshape to the output's groups — views where the layout allows — so its
 * gradient is theirs. Mirrors types/ops/rearrange.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { ResultShape, CheckedArg, NamedCheckedArg } from "../../types/errors.js";
import type { CheckRearrangeSizes, RearrangeShape, RearrangeSizes, WriteRearrangeNamesMessage } from "../../types/ops/rearrange.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { checkTensor } from "../axes.js";
import { describeValue } from "../shape.js";
import { Tensor } from "../tensor.js";
import { bindSizes, boundSizes, dimPoly, divPolyByTerm, labelledShape, labelsOf, formatPoly, polyDim, samePoly, shapeSize, validateSizes, type Poly } from "../symbolic.js";
import { reshapeTensor } from "./reshape.js";
import { permuted } from "./permute.js";

/** A pattern read into its sides: each a list of axes, each axis a list of names (a group, or one name). */
interface Pattern {
  readonly left: readonly (readonly string[])[];
  readonly right: readonly (readonly string[])[];
}

/** `SHAPE_REARRANGE: rearrange: cannot read 'b t -> (b t': '(' without ')'`. Mirrors `WriteRearrangeSyntaxMessage`. */
export function writeRearrangeSyntaxMessage(op: string, pattern: string, reason: string): string {
  return `SHAPE_REARRANGE: ${op}: cannot read '${pattern}': ${reason}`;
}

/** A message about the pattern itself (axes repeated or on one side). Mirrors `WriteRearrangeAxisMessage`. */
export function writeRearrangeAxisMessage(op: string, pattern: string, name: string, kind: "twice" | "one side", side: "left" | "right"): string {
  const detail =
    kind === "twice"
      ? `axis '${name}' appears twice on the ${side}; each axis appears once on each side`
      : `axis '${name}' is on the ${side} only; rearrange reorders, splits and merges axes, so both sides name the same axes`;
  return `SHAPE_REARRANGE: ${op}: '${pattern}': ${detail}`;
}

/**
 * `SHAPE_REARRANGE: rearrange: "b t d -> d t b" has 3 input axes, but the input [2, 3] has 2` (with
 * `...`, "has at least 2 input axes"). Mirrors `WriteRearrangeRankMessage`.
 */
export function writeRearrangeRankMessage(op: string, pattern: string, shape: Shape, axes: number, atLeast = false): string {
  return `SHAPE_REARRANGE: ${op}: '${pattern}' has ${atLeast ? "at least " : ""}${axes} input axes, but the input ${formatShape(shape)} has ${shape.length}`;
}

/** A message about splitting one input axis. Mirrors `WriteRearrangeSplitMessage`. */
export function writeRearrangeSplitMessage(
  op: string,
  pattern: string,
  shape: Shape,
  axis: number,
  kind: "given" | "product" | "unknown" | "multiple" | "zero",
  group: string,
  value: string,
): string {
  const dim = formatDim(shape[axis]!);
  const detail =
    kind === "given"
      ? `axis ${axis} is ${dim}, but ${value} was given`
      : kind === "product"
        ? `axis ${axis} is ${dim}, but (${group}) is ${value}`
        : kind === "unknown"
          ? `axis ${axis} (${dim}) is split into (${group}), but the sizes of ${value} are unknown; give all but one of them in the sizes argument`
          : kind === "multiple"
            ? `axis ${axis} (${dim}) cannot be split into (${group}): ${dim} is not a multiple of ${value}`
            : `axis ${axis} (${dim}) cannot be split into (${group}): the given sizes multiply to 0, so any size would fit`;
  return `SHAPE_REARRANGE: ${op}: '${pattern}' on ${formatShape(shape)}: ${detail}`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The ellipsis: the axes the other items leave, as in einops (`"... (h d) -> ... h d"`). */
const ELLIPSIS = "...";

/** `true` for a side's `...` item, standing alone (not in a group). */
const isEllipsis = (item: readonly string[]) => item.length === 1 && item[0] === ELLIPSIS;

/** How the reader records a `...` inside a group (`"(...)"`, `"(... c)"`), apart from a `...` standing alone. */
const GROUPED_ELLIPSIS = "(...)";

/** A side's names, a grouped `...` read as `...` (each side names it once). */
const namesOf = (side: readonly (readonly string[])[]) => side.flat().map((name) => (name === GROUPED_ELLIPSIS ? ELLIPSIS : name));

/**
 * A side with its ellipsis replaced by `count` single axes of their own names (`...0`, `...1`, which
 * no name of a pattern can be), so that the rule reads every input axis by its index; in a group of
 * the right side (`"b ... c -> b (...) c"`) by those names inside the group, whose product it is.
 */
function expandEllipsis(side: readonly (readonly string[])[], count: number): string[][] {
  const names = Array.from({ length: count }, (_, i) => `${ELLIPSIS}${i}`);
  return side.flatMap((item) => (isEllipsis(item) ? names.map((name) => [name]) : [item.flatMap((name) => (name === GROUPED_ELLIPSIS ? names : [name]))]));
}

/**
 * One side of a pattern, character by character (as the compiler reads it). `...` may sit in a group
 * on the right side only (einops: the axes it stands for merged), not on the left (a group there is an
 * axis split, and `...` stands for whole axes). Mirrors `ReadSide`.
 */
function readSide(op: string, pattern: string, side: string, right: boolean): string[][] {
  const axes: string[][] = [];
  let group: string[] | undefined;
  let name = "";
  const fail = (reason: string) => new ShapeError("SHAPE_REARRANGE", op, [], writeRearrangeSyntaxMessage(op, pattern, reason));
  const finish = () => {
    if (name === "") return;
    if (name === ELLIPSIS) {
      if (group !== undefined && !right) throw fail("'...' inside a group on the left (it stands for whole axes, which a group would split)");
      if (group === undefined) axes.push([name]);
      else group.push(GROUPED_ELLIPSIS);
      name = "";
      return;
    }
    if (!NAME.test(name)) throw fail(`'${name}' is not an axis name (letters, digits and _, not starting with a digit)`);
    if (group === undefined) axes.push([name]);
    else group.push(name);
    name = "";
  };
  for (const char of side) {
    if (char === " ") finish();
    else if (char === "(") {
      finish();
      if (group !== undefined) throw fail("nested parentheses");
      group = [];
    } else if (char === ")") {
      finish();
      if (group === undefined) throw fail("')' without '('");
      axes.push(group);
      group = undefined;
    } else name += char;
  }
  finish();
  if (group !== undefined) throw fail("'(' without ')'");
  return axes;
}

/** A pattern read and checked on its own (before any shape). Mirrors `ReadPattern`. */
function readPattern(op: string, pattern: unknown): Pattern {
  if (typeof pattern !== "string") throw new InputError("INPUT_VALUE", `${op}: the pattern must be a string like "b t (h d) -> b h t d", got ${describeValue(pattern)}`);
  const sides = pattern.split("->");
  if (sides.length !== 2) throw new ShapeError("SHAPE_REARRANGE", op, [], writeRearrangeSyntaxMessage(op, pattern, "it needs one '->' between the input axes and the output axes"));
  const left = readSide(op, pattern, sides[0]!, false);
  const right = readSide(op, pattern, sides[1]!, true);
  const leftNames = namesOf(left);
  const rightNames = namesOf(right);
  const check = (names: string[], other: string[], side: "left" | "right") => {
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) throw new ShapeError("SHAPE_REARRANGE", op, [], writeRearrangeAxisMessage(op, pattern, name, "twice", side));
    });
    return () => {
      for (const name of names) if (!other.includes(name)) throw new ShapeError("SHAPE_REARRANGE", op, [], writeRearrangeAxisMessage(op, pattern, name, "one side", side));
    };
  };
  const leftOnly = check(leftNames, rightNames, "left");
  const rightOnly = check(rightNames, leftNames, "right");
  leftOnly();
  rightOnly();
  return { left, right };
}

/**
 * The sizes argument completed with the sizes bound on `t` of the names a named axis was split into
 * (`"d*h"` into `(h d)`), or `undefined` when the rule on the names fails or links no name.
 */
function linkedSizes(t: object, labelled: readonly Dim[], pattern: unknown, sizes: unknown): Record<string, number> | undefined {
  let symbolic: ReturnType<typeof rearrangeFor>;
  try {
    symbolic = rearrangeFor("rearrange", labelled, pattern, sizes);
  } catch {
    return undefined;
  }
  const bound = boundSizes(t);
  const names = symbolic.names;
  const linked: Record<string, number> = { ...(sizes as Record<string, number> | undefined) };
  let any = false;
  symbolic.elementary.forEach((dim, k) => {
    const name = names[k]!;
    const size = bound?.get(name);
    if (dim === name && size !== undefined && !(name in linked)) {
      linked[name] = size;
      any = true;
    }
  });
  return any ? linked : undefined;
}

/** The sizes argument: a record of non-negative integers for names of the pattern. */
function readSizes(op: string, pattern: string, names: readonly string[], sizes: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (sizes === undefined) return out;
  if (typeof sizes !== "object" || sizes === null || Array.isArray(sizes)) throw new InputError("INPUT_VALUE", `${op}: sizes must be a record like { h: 8 }, got ${describeValue(sizes)}`);
  for (const [name, size] of Object.entries(sizes)) {
    if (!names.includes(name)) throw new InputError("INPUT_VALUE", `${op}: a size is given for '${name}', which '${pattern}' does not use`);
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
      throw new InputError("INPUT_VALUE", `${op}: the size of '${name}' must be a non-negative integer, got ${describeValue(size)}`);
    }
    out.set(name, size);
  }
  return out;
}

/**
 * `true` when `dim` over the product of the given sizes is exactly the product of `names`, each once
 * (`"d*h"` for `(h d)`): the names of the pattern are then the shape's own names. Mirrors `NamesMatch`.
 */
function namesMatch(dim: Dim, divisor: Dim, names: readonly string[]): boolean {
  const whole = dimPoly(dim);
  const by = dimPoly(divisor);
  if (whole === undefined || by === undefined || by.length !== 1) return false;
  const quotient = divPolyByTerm(whole, by[0]!);
  if (quotient === undefined || quotient.length !== 1 || quotient[0]![1] !== 1n) return false;
  const factors = quotient[0]![0].split("*");
  return factors.length === names.length && names.every((name) => factors.includes(name));
}

/** The product of dims as a dim in normal form, and as text for messages. */
function product(dims: readonly Dim[]): Dim {
  return polyDim(shapeSize(dims)!);
}

/**
 * The rule: from the input's shape, the pattern and the sizes, the sizes of the elementary axes (the
 * left side's names, in order), the permutation that puts them in the right side's order, and the
 * output shape. Accepts symbolic dims (a split of a symbolic dim must divide as a polynomial).
 */
export function rearrangeFor(op: string, shape: unknown, pattern: unknown, sizes: unknown): { elementary: Dim[]; order: number[]; out: Dim[]; names: string[] } {
  const input = validateSizes(op, shape);
  const read = readPattern(op, pattern);
  const text = pattern as string;
  const given = readSizes(op, text, read.left.flat().filter((name) => name !== ELLIPSIS), sizes);
  let { left, right } = read;
  if (left.some(isEllipsis)) {
    const items = left.length - 1; // the axes the other items take
    if (items > input.length) throw new ShapeError("SHAPE_REARRANGE", op, [input], writeRearrangeRankMessage(op, text, input, items, true));
    [left, right] = [expandEllipsis(left, input.length - items), expandEllipsis(right, input.length - items)];
  }
  const names = left.flat();
  if (left.length !== input.length) throw new ShapeError("SHAPE_REARRANGE", op, [input], writeRearrangeRankMessage(op, text, input, left.length));
  const size = new Map<string, Dim>();
  left.forEach((group, axis) => {
    const dim = input[axis]!;
    const fail = (kind: "given" | "product" | "unknown" | "multiple" | "zero", value: string) =>
      new ShapeError("SHAPE_REARRANGE", op, [input], writeRearrangeSplitMessage(op, text, input, axis, kind, group.join(" "), value));
    if (group.length === 1) {
      const name = group[0]!;
      const stated = given.get(name);
      if (stated !== undefined && dimPoly(dim) !== undefined && !samePoly(dimPoly(dim)!, dimPoly(stated)!)) throw fail("given", `${name} = ${stated}`);
      size.set(name, dim);
      return;
    }
    const unknown = group.filter((name) => !given.has(name));
    const known = group.filter((name) => given.has(name)).map((name) => given.get(name)!);
    if (unknown.length > 1) {
      // A named axis made of exactly these names (`"d*h"` split into `(h d)`): each is its own size.
      if (!namesMatch(dim, product(known), unknown)) throw fail("unknown", unknown.map((name) => `'${name}'`).join(", "));
      for (const name of unknown) size.set(name, name);
      for (const name of group) if (given.has(name)) size.set(name, given.get(name)!);
      return;
    }
    const divisor = product(known);
    if (unknown.length === 0) {
      if (!samePoly(dimPoly(dim)!, dimPoly(divisor)!)) throw fail("product", formatDim(divisor));
    } else {
      if (divisor === 0) throw fail("zero", "0");
      const quotient: Poly | undefined = divPolyByTerm(dimPoly(dim)!, dimPoly(divisor)![0]!);
      if (quotient === undefined) throw fail("multiple", formatPoly(dimPoly(divisor)!));
      size.set(unknown[0]!, polyDim(quotient));
    }
    for (const name of group) if (given.has(name)) size.set(name, given.get(name)!);
  });
  const elementary = names.map((name) => size.get(name)!);
  const order = right.flat().map((name) => names.indexOf(name));
  const out = right.map((group) => product(group.map((name) => size.get(name)!)));
  return { elementary, order, out, names };
}

/**
 * The shape of `rearrange(x, pattern, sizes)` for `x` of shape `shape`.
 * @example
 * rearrangeShape([2, 5, 512], "b t (h d) -> b h t d", { h: 8 }); //=> [2, 8, 5, 64]
 * rearrangeShape(["b", "t", 512], "b t (h d) -> b h t d", { h: 8 }); //=> ["b", 8, "t", 64]
 * @throws ShapeError `SHAPE_REARRANGE`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_VALUE` (sizes)
 */
export function rearrangeShape<const S extends Dim[], const P extends string, const Z extends RearrangeSizes = {}>(
  shape: S,
  pattern: CheckedArg<P, RearrangeShape<S, P, Z, "rearrangeShape">>,
  sizes?: Z & CheckRearrangeSizes<P, Z, "rearrangeShape">,
): RearrangeShape<S, P, Z, "rearrangeShape"> {
  return rearrangeFor("rearrangeShape", shape, pattern, sizes).out as never;
}

/**
 * Reorders, splits and merges the axes of `x` by an einops pattern: `rearrange(x, "b t (h d) -> b h t d",
 * { h: 8 })` splits the last axis into 8 heads and moves them before `t`. The result type is exact;
 * a pattern that does not fit `x` is a compile error with the runtime's message. A reshape, a
 * permutation and a reshape (views where the layout allows); gradient by the same three, reversed.
 * @example
 * rearrange(arange(6).reshape([2, 3]), "a b -> b a").toArray(); //=> [[0, 3], [1, 4], [2, 5]]
 * rearrange(zeros([2, 5, 512]), "b t (h d) -> b h t d", { h: 8 }).shape; //=> [2, 8, 5, 64]
 * @throws ShapeError `SHAPE_REARRANGE`; InputError `INPUT_VALUE` (sizes), `INPUT_OPERAND`
 */
export function rearrange<S extends Shape, const P extends string, const Z extends RearrangeSizes = {}>(
  x: Tensor<S>,
  pattern: NamedCheckedArg<WriteRearrangeNamesMessage<"rearrange", P, S>, P, RearrangeShape<S, P, Z, "rearrange">>,
  sizes?: Z & CheckRearrangeSizes<P, Z>,
): Tensor<ResultShape<RearrangeShape<S, P, Z, "rearrange">>> {
  const t = checkTensor("rearrange", x);
  const labelled = labelledShape(t);
  let planned: ReturnType<typeof rearrangeFor>;
  try {
    planned = rearrangeFor("rearrange", t.dims, pattern, sizes);
  } catch (error) {
    // A pattern that splits a named axis into its own names (`"d*h"` into `(h d)`) takes their sizes
    // from the names bound on `x`, as the compiler takes the names themselves.
    const linked = labelled === undefined ? undefined : linkedSizes(t, labelled, pattern, sizes);
    if (linked === undefined) throw error;
    planned = rearrangeFor("rearrange", t.dims, pattern, linked);
  }
  const { elementary, order, out } = planned;
  // The rule once more on the names the axes carry, as the compiler saw them: a name is not a
  // known size (`"seq"` split by a given 5 is the compile-time error, here too), and the result's
  // axes are labelled with the names the rule gives them.
  const named = labelled === undefined ? undefined : rearrangeFor("rearrange", labelled, pattern, sizes).out;
  const split = reshapeTensor(t, elementary as number[]);
  const result = reshapeTensor(permuted(split, order), out as number[]);
  if (named !== undefined) bindSizes("rearrange", result, named, out as number[], labelsOf(result));
  return result as never;
}

/** The type of `Tensor#rearrange` (a top-level function type; see `MatmulMethod`). */
type RearrangeMethod = <Self extends Shape, const P extends string, const Z extends RearrangeSizes = {}>(
  this: Tensor<Self>,
  pattern: NamedCheckedArg<WriteRearrangeNamesMessage<"rearrange", P, Self>, P, RearrangeShape<Self, P, Z, "rearrange">>,
  sizes?: Z & CheckRearrangeSizes<P, Z>,
) => Tensor<ResultShape<RearrangeShape<Self, P, Z, "rearrange">>>;

declare module "../tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * Reorders, splits and merges axes by an einops pattern.
     * @example
     * zeros([2, 5, 512]).rearrange("b t (h d) -> b h t d", { h: 8 }).shape; //=> [2, 8, 5, 64]
     * @throws ShapeError `SHAPE_REARRANGE`
     */
    rearrange: RearrangeMethod;
  }
}

Tensor.prototype.rearrange = function (this: Tensor, pattern: string, sizes?: Record<string, number>) {
  return rearrange(this, pattern as never, sizes as never);
} as never;

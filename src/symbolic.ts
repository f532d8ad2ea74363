/**
 * Symbolic size arithmetic at run time: parsing size expressions (`"n+m"`, `"s*768"`) and writing
 * them in their normal form, so that equal sizes compare equal whatever the order they were written
 * in. Mirrors types/internal/symbolic.ts rule for rule; the rules are documented there. Coefficients
 * are BigInts, so counts are exact at any size, like the digit strings of the type level.
 *
 * Internal: the shape rules of reshape, concat and stack use it; not exported from the package root.
 */
import type { Dim, Shape } from "../types/shape.js";
import { ShapeError, formatShape } from "./errors.js";
import { validateShape, writeInvalidShapeMessage } from "./shape.js";

/** One term: the names joined by `*` in ascending order (`""` for a constant), and a coefficient > 0. */
export type Term = readonly [names: string, coefficient: bigint];

/** A polynomial in normal form: terms sorted by names, descending (the constant last); `[]` is zero. */
export type Poly = readonly Term[];

/** The polynomial `1`. */
export const ONE: Poly = [["", 1n]];

/** 2^53 − 1, the largest size a dim may have. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Inserts one name into an ascending `*`-joined name list. Mirrors `InsertName`. */
function insertName(names: string, name: string): string {
  if (names === "") return name;
  const list = names.split("*");
  let index = 0;
  while (index < list.length && name > list[index]!) index++;
  list.splice(index, 0, name);
  return list.join("*");
}

/** The product of two name lists. Mirrors `MulNames`. */
function mulNames(left: string, right: string): string {
  if (right === "") return left;
  let names = left;
  for (const name of right.split("*")) names = insertName(names, name);
  return names;
}

/** `left` divided by `right` as name lists (a multiset difference), `undefined` when not possible. Mirrors `DivNames`. */
function divNames(left: string, right: string): string | undefined {
  if (right === "") return left;
  const list = left === "" ? [] : left.split("*");
  for (const name of right.split("*")) {
    const index = list.indexOf(name);
    if (index < 0) return undefined;
    list.splice(index, 1);
  }
  return list.join("*");
}

/** Adds one term (coefficient > 0) into a polynomial. Mirrors `InsertTerm`. */
function insertTerm(poly: Poly, names: string, coefficient: bigint): Poly {
  const out = poly.slice();
  let index = 0;
  while (index < out.length && names < out[index]![0]) index++;
  if (index < out.length && out[index]![0] === names) out[index] = [names, out[index]![1] + coefficient];
  else out.splice(index, 0, [names, coefficient]);
  return out;
}

/** The sum of two polynomials. Mirrors `AddPoly`. */
export function addPoly(left: Poly, right: Poly): Poly {
  let sum = left;
  for (const [names, coefficient] of right) sum = insertTerm(sum, names, coefficient);
  return sum;
}

/** The product of two polynomials. Mirrors `MulPoly`. */
export function mulPoly(left: Poly, right: Poly): Poly {
  let product: Poly = [];
  for (const [leftNames, leftCoefficient] of left) {
    for (const [rightNames, rightCoefficient] of right) {
      product = insertTerm(product, mulNames(leftNames, rightNames), leftCoefficient * rightCoefficient);
    }
  }
  return product;
}

/** `poly` divided by one term (not zero), or `undefined` when it does not divide exactly. Mirrors `DivPolyByTerm`. */
export function divPolyByTerm(poly: Poly, divisor: Term): Poly | undefined {
  let quotient: Poly = [];
  for (const [names, coefficient] of poly) {
    const rest = divNames(names, divisor[0]);
    if (rest === undefined || coefficient % divisor[1] !== 0n) return undefined;
    quotient = insertTerm(quotient, rest, coefficient / divisor[1]);
  }
  return quotient;
}

/** `true` when two polynomials are the same. */
export function samePoly(left: Poly, right: Poly): boolean {
  return left.length === right.length && left.every(([names, coefficient], i) => right[i]![0] === names && right[i]![1] === coefficient);
}

/** `true` for a polynomial without names (a plain number, or zero). */
export function isConstant(poly: Poly): boolean {
  return poly.length === 0 || (poly.length === 1 && poly[0]![0] === "");
}

const DIGITS = /^[0-9]+$/;

/** One term of an expression, or `undefined` when a factor is empty. Mirrors `ParseTerm`. */
function parseTerm(text: string): Term | undefined {
  let names = "";
  let coefficient = 1n;
  for (const factor of text.split("*")) {
    if (factor === "") return undefined;
    if (DIGITS.test(factor)) coefficient *= BigInt(factor);
    else names = insertName(names, factor);
  }
  return [names, coefficient];
}

/**
 * The normal-form polynomial of a string dim, or `undefined` when it is not a size expression (an
 * empty factor). Mirrors `ParseSize`.
 */
export function parseSize(dim: string): Poly | undefined {
  if (dim === "") return undefined;
  if (!/[+*]/.test(dim)) return DIGITS.test(dim) ? constant(BigInt(dim)) : [[dim, 1n]];
  let poly: Poly = [];
  for (const text of dim.split("+")) {
    const term = parseTerm(text);
    if (term === undefined) return undefined;
    if (term[1] !== 0n) poly = insertTerm(poly, term[0], term[1]);
  }
  return poly;
}

/** `true` for a string dim that is not a plain name: it holds `+` or `*`, or starts with a digit. Mirrors `IsExpression`. */
export function isExpression(dim: string): boolean {
  return /[+*]|^[0-9]/.test(dim);
}

function constant(value: bigint): Poly {
  return value === 0n ? [] : [["", value]];
}

/** The polynomial of a dim (a valid size or a size expression), `undefined` when malformed. Mirrors `DimPoly`. */
export function dimPoly(dim: Dim): Poly | undefined {
  return typeof dim === "number" ? constant(BigInt(dim)) : parseSize(dim);
}

function formatTerm([names, coefficient]: Term): string {
  if (names === "") return String(coefficient);
  return coefficient === 1n ? names : `${names}*${coefficient}`;
}

/** A polynomial as text: `"n+m"`, `"s*768"`, `"6"`, `"0"`. Mirrors `PrintPoly`. */
export function formatPoly(poly: Poly): string {
  return poly.length === 0 ? "0" : poly.map(formatTerm).join("+");
}

/** `true` when a constant polynomial's value is above 2^53 − 1. Mirrors `IsTooLarge`. */
export function isTooLarge(poly: Poly): boolean {
  return poly.length === 1 && poly[0]![0] === "" && poly[0]![1] > MAX_SAFE;
}

/** A polynomial as a dim: a number when it has no names, else its text. Mirrors `PolyDim`. */
export function polyDim(poly: Poly): Dim {
  if (poly.length === 0) return 0;
  return isConstant(poly) ? Number(poly[0]![1]) : formatPoly(poly);
}

/** The element count of a shape (the product of its dims); `undefined` if a dim is malformed. Mirrors `ShapeSize`. */
export function shapeSize(shape: readonly Dim[]): Poly | undefined {
  let product: Poly = ONE;
  for (const dim of shape) {
    const poly = dimPoly(dim);
    if (poly === undefined) return undefined;
    product = mulPoly(product, poly);
  }
  return product;
}

/** The sum of dims. Mirrors `SumDims`. */
export function sumDims(dims: readonly Dim[]): Poly | undefined {
  let sum: Poly = [];
  for (const dim of dims) {
    const poly = dimPoly(dim);
    if (poly === undefined) return undefined;
    sum = addPoly(sum, poly);
  }
  return sum;
}

/**
 * A dim in normal form: `"m+n"` → `"n+m"`, `"2*3"` → `6`; a number or a plain name is unchanged.
 * Mirrors `NormalizeSize`. Throws `SHAPE_INVALID_SHAPE` for a string that is not a size expression.
 */
export function normalizeSize(dim: Dim, op = "normalizeSize"): Dim {
  if (typeof dim === "number") return dim;
  const poly = parseSize(dim);
  if (poly === undefined) throw new ShapeError("SHAPE_INVALID_SHAPE", op, [[dim]], writeSizeExpressionMessage(op, formatShape([dim]), dim));
  return polyDim(poly);
}

/**
 * A valid shape with every size expression in normal form (`"m+n"` → `"n+m"`, `"1"` → 1, `"768"` →
 * 768), so that comparing dims is comparing values. Mirrors `NormalizeShape`.
 */
export function normalizeShape(op: string, shape: Shape): Dim[] {
  return shape.map((dim) => normalizeSize(dim, op));
}

/** How two dims compare as sizes. Mirrors `CompareSizes` (which also has `"dynamic"`). */
export type SizeComparison = "equal" | "known" | "symbols" | "symbol-known";

/**
 * How two valid dims compare as sizes: equal, or the kind of clash. Expressions compare by normal
 * form (`"n+m"` equals `"m+n"`, `"2*3"` equals `6`). Mirrors `CompareSizes`.
 */
export function compareSizes(left: Dim, right: Dim): SizeComparison {
  if (left === right) return "equal";
  if (typeof left === "number" && typeof right === "number") return "known";
  if (typeof left === "string" && typeof right === "string") {
    if (!isExpression(left) && !isExpression(right)) return "symbols";
    const l = parseSize(left)!;
    const r = parseSize(right)!;
    if (samePoly(l, r)) return "equal";
    if (isConstant(l) && isConstant(r)) return "known";
    return isConstant(l) || isConstant(r) ? "symbol-known" : "symbols";
  }
  const expression = (typeof left === "string" ? left : right) as string;
  const known = (typeof left === "number" ? left : right) as number;
  if (!isExpression(expression)) return "symbol-known";
  const poly = parseSize(expression)!;
  if (samePoly(poly, constant(BigInt(known)))) return "equal";
  return isConstant(poly) ? "known" : "symbol-known";
}

/** The hint that ends a message about two sizes that differ. Mirrors `SizeClashHint`. */
export function sizeClashHint(kind: SizeComparison, left: Dim, right: Dim, known: string): string {
  if (kind === "known") return known;
  if (kind === "symbols") return "different names may be different sizes (state that they are equal with .as())";
  return `a named dim may not be ${constantText(left) ?? constantText(right)} (state its size with .as())`;
}

/** A dim's value as text when it is a constant (a number, or an expression without names). Mirrors `ConstantText`. */
function constantText(dim: Dim): string | undefined {
  if (typeof dim === "number") return String(dim);
  const poly = parseSize(dim);
  return poly !== undefined && isConstant(poly) ? formatPoly(poly) : undefined;
}

/** Mirrors `WriteSizeExpressionMessage`. */
export function writeSizeExpressionMessage(op: string, shapeText: string, dim: string): string {
  return `SHAPE_INVALID_SHAPE: ${op}: invalid shape ${shapeText}: dim '${dim}' is not a size expression (names and numbers joined by + and *, like 'n+m' or 's*768')`;
}

/**
 * Checks that every string dim of a (valid) shape is a size expression; throws `SHAPE_INVALID_SHAPE`
 * naming the first that is not. Mirrors `FirstMalformed` with its message.
 */
export function checkSizeExpressions(op: string, shape: Shape): void {
  for (const dim of shape) {
    if (typeof dim === "string" && parseSize(dim) === undefined) {
      throw new ShapeError("SHAPE_INVALID_SHAPE", op, [shape], dim === "" ? writeInvalidShapeMessage(op, shape, dim) : writeSizeExpressionMessage(op, formatShape(shape), dim));
    }
  }
}

/**
 * Checks a shape for the ops that do arithmetic on sizes: valid dims (`validateShape`) and string
 * dims that are size expressions. Returns the shape. Mirrors `InvalidSizesMessage`.
 */
export function validateSizes(op: string, shape: unknown): Shape {
  const valid = validateShape(op, shape);
  checkSizeExpressions(op, valid);
  return valid;
}

// ---------------------------------------------------------------------------------------------
// Names at run time: they follow the axes

/**
 * What a tensor knows about names at run time: a label per axis (the name or size expression the
 * axis stands for, in normal form, or `undefined`) and the size of every name its labels use.
 * `x.as(shape)` labels the axes with `shape`'s names; every recorded op labels its output's axes by
 * the op's own rule (an elementwise op keeps its operands' labels, a reduction drops the labels of
 * the axes it removes, a permutation permutes them, a merge of labelled axes is their product, …),
 * and the sizes kept are those of the names the output's labels still use. So a name lives exactly
 * as long as an axis that carries it, as at compile time: two losses from batches of 32 and of 8
 * (`…as(["batch", 4]).mean()`) no longer carry `"batch"` and add. A WeakMap beside the tensors
 * keeps the Tensor class itself free of it.
 */
interface Names {
  readonly labels: Labels;
  readonly sizes: ReadonlyMap<string, number>;
}

/** One label per axis: a name or size expression in normal form, or `undefined` (unlabelled). */
export type Labels = readonly (string | undefined)[];

/** Computes an op's output labels from its inputs' (called only when an input has names). */
export type LabelRule = () => Labels | undefined;

const NAMES = new WeakMap<object, Names>();

/** The sizes of the names a tensor's axes carry, if any. */
export function boundSizes(tensor: object): ReadonlyMap<string, number> | undefined {
  return NAMES.get(tensor)?.sizes;
}

/** The labels of a tensor's axes, or `undefined` when none is labelled. */
export function labelsOf(tensor: object): Labels | undefined {
  return NAMES.get(tensor)?.labels;
}

/**
 * The tensor's shape as the compiler would see it after the same ops: each labelled axis as its
 * label, the others as their sizes; `undefined` when no axis is labelled.
 */
export function labelledShape(tensor: { readonly dims: readonly number[] }): Dim[] | undefined {
  const labels = labelsOf(tensor);
  return labels === undefined ? undefined : tensor.dims.map((dim, axis) => labels[axis] ?? dim);
}

/** The names a label uses: itself for a plain name, the names of its terms for an expression. */
function namesIn(label: string): string[] {
  if (!isExpression(label)) return [label];
  const out: string[] = [];
  for (const [names] of parseSize(label) ?? []) for (const name of names === "" ? [] : names.split("*")) out.push(name);
  return out;
}

/** Stores `labels` on `tensor` with the sizes (from `sizes`) of the names they use; clears when none. */
function setNames(tensor: object, labels: Labels, sizes: ReadonlyMap<string, number>): void {
  const kept = new Map<string, number>();
  for (const label of labels) {
    if (label === undefined) continue;
    for (const name of namesIn(label)) {
      const size = sizes.get(name);
      if (size !== undefined) kept.set(name, size);
    }
  }
  if (labels.some((label) => label !== undefined)) NAMES.set(tensor, { labels, sizes: kept });
  else NAMES.delete(tensor);
}

/** A dim as a label: a string in normal form, or `undefined` for a number. */
function asLabel(dim: Dim): string | undefined {
  if (typeof dim !== "string") return undefined;
  const normal = polyDim(parseSize(dim) ?? []);
  return typeof normal === "string" ? normal : undefined;
}

/**
 * `SHAPE_SYMBOL: add: "n" is 1 in operand 0 but 5 in operand 1; a name stands for one size (restate
 * one of them with .as() if they differ)`. A run-time message only: to the
 * compiler one name is one size, so it never sees this clash.
 */
export function writeSymbolMessage(op: string, name: string, size: number, where: string, otherSize: number, otherWhere: string): string {
  return `SHAPE_SYMBOL: ${op}: '${name}' is ${size} in ${where} but ${otherSize} in ${otherWhere}; a name stands for one size (restate one of them with .as() if they differ)`;
}

/**
 * Labels the axes of `tensor` (of sizes `dims`) with the names of `stated` (the same rank; the caller
 * has checked every known dim): each plain name is bound to its axis's size, after checking it
 * against the other axes of the statement; an expression whose names are all bound is checked
 * against its axis. Numbers leave their axis unlabelled (`as`) or, when `keep` holds labels, keep
 * those (`reshape`, whose rule inferred them).
 * @throws ShapeError `SHAPE_SYMBOL` when a name would stand for two sizes
 */
export function bindSizes(op: string, tensor: object, stated: Shape, dims: readonly number[], keep?: Labels): void {
  const bound = new Map<string, number>();
  const origin = new Map<string, number>();
  const where = (axis: number | undefined) => (axis === undefined ? "an earlier statement" : `axis ${axis} of ${formatShape(dims)}`);
  const labels = stated.map((dim, axis) => asLabel(dim) ?? keep?.[axis]);
  const given = boundSizes(tensor);
  labels.forEach((label, axis) => {
    if (label === undefined || isExpression(label)) return;
    const size = dims[axis]!;
    const known = bound.get(label);
    if (known !== undefined && known !== size) {
      throw new ShapeError("SHAPE_SYMBOL", op, [dims, stated], writeSymbolMessage(op, label, known, where(origin.get(label)), size, where(axis)));
    }
    bound.set(label, size);
    origin.set(label, axis);
  });
  // Names an expression uses but no axis carries alone keep the sizes the tensor had for them.
  if (given !== undefined) for (const [name, size] of given) if (!bound.has(name)) bound.set(name, size);
  labels.forEach((label, axis) => {
    if (label === undefined || !isExpression(label)) return;
    const value = evaluatePoly(parseSize(label)!, bound);
    if (value !== undefined && value !== BigInt(dims[axis]!)) {
      throw new ShapeError("SHAPE_SYMBOL", op, [dims, stated], writeSymbolMessage(op, label, Number(value), "its names' sizes", dims[axis]!, where(axis)));
    }
  });
  setNames(tensor, labels, bound);
}

/**
 * The sizes of the names an op's operands carry, merged; throws when two operands bind one name to two
 * sizes (with the name and both sizes). `undefined` when no operand has names.
 * @throws ShapeError `SHAPE_SYMBOL`
 */
export function mergeNames(op: string, inputs: readonly { readonly dims: readonly number[] }[]): Map<string, number> | undefined {
  let merged: Map<string, number> | undefined;
  let origin: Map<string, number> | undefined;
  for (let i = 0; i < inputs.length; i++) {
    const bound = NAMES.get(inputs[i]!)?.sizes;
    if (bound === undefined) continue;
    merged ??= new Map();
    origin ??= new Map();
    for (const [name, size] of bound) {
      const known = merged.get(name);
      if (known === undefined) {
        merged.set(name, size);
        origin.set(name, i);
      } else if (known !== size) {
        const j = origin.get(name)!;
        throw new ShapeError("SHAPE_SYMBOL", op, inputs.map((t) => t.dims), writeSymbolMessage(op, name, known, `operand ${j}`, size, `operand ${i}`));
      }
    }
  }
  return merged;
}

/**
 * Labels an op's output from its inputs (run at every recorded op): checks that no name stands for
 * two sizes among the inputs, then labels the output by the op's rule (none: the output is
 * unlabelled) with the sizes of the names it still uses.
 * @throws ShapeError `SHAPE_SYMBOL`
 */
export function inheritSizes(op: string, output: object, inputs: readonly { readonly dims: readonly number[] }[], rule?: LabelRule): void {
  const merged = mergeNames(op, inputs);
  if (merged === undefined) return;
  const labels = rule?.();
  if (labels !== undefined) setNames(output, labels, merged);
}

// Label rules of the primitives.

/** The label both `a` and `b` give an axis: the one that is defined, or `undefined` when they differ. */
export function pick(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined || a === b ? a : undefined;
}

/**
 * Labels of a broadcast result of shape `dims`: each axis takes the labels of the inputs (aligned on
 * the right) whose size there is the result's — a stretched axis (size 1 → n) loses its label.
 */
export function alignedLabels(dims: readonly number[], inputs: readonly { readonly dims: readonly number[] }[]): Labels {
  const out: (string | undefined)[] = new Array(dims.length).fill(undefined);
  const seen: boolean[] = new Array(dims.length).fill(false);
  for (const input of inputs) {
    const labels = labelsOf(input);
    if (labels === undefined) continue;
    const lead = dims.length - input.dims.length;
    labels.forEach((label, axis) => {
      const at = axis + lead;
      if (label === undefined || at < 0 || input.dims[axis] !== dims[at]) return;
      out[at] = seen[at] ? pick(out[at], label) : label;
      seen[at] = true;
    });
  }
  return out;
}

/** Labels after a permutation: axis `i` of the result is axis `order[i]` of `x`. */
export function permutedLabels(x: object, order: readonly number[]): Labels | undefined {
  const labels = labelsOf(x);
  return labels && order.map((axis) => labels[axis]);
}

/** Labels after reducing `axes`: dropped, or unlabelled size-1 axes when kept. */
export function reducedLabels(x: object, axes: readonly number[], keepdims: boolean): Labels | undefined {
  const labels = labelsOf(x);
  if (labels === undefined) return undefined;
  return keepdims ? labels.map((label, axis) => (axes.includes(axis) ? undefined : label)) : labels.filter((_, axis) => !axes.includes(axis));
}

/** Labels of a slice: the sliced axis keeps its label only when the slice takes all of it. */
export function slicedLabels(x: { readonly dims: readonly number[] }, axis: number, length: number): Labels | undefined {
  const labels = labelsOf(x);
  return labels && labels.map((label, index) => (index === axis && length !== x.dims[axis] ? undefined : label));
}

/**
 * Labels after a reshape from `from` to `to` (equal element counts): axes are matched in groups of
 * equal products (size-1 axes aside); a group with one result axis gets the product of its source
 * axes (labels, or sizes) when one of them is labelled; a group that splits an axis leaves its
 * result axes unlabelled (a named target labels them, see `reshape`).
 */
export function reshapedLabels(x: { readonly dims: readonly number[] }, to: readonly number[]): Labels | undefined {
  const labels = labelsOf(x);
  const from = x.dims;
  if (labels === undefined || from.includes(0)) return undefined;
  const out: (string | undefined)[] = new Array(to.length).fill(undefined);
  let i = 0;
  let j = 0;
  const skip = () => {
    while (i < from.length && from[i] === 1) i++;
    while (j < to.length && to[j] === 1) j++;
  };
  skip();
  while (i < from.length && j < to.length) {
    const start = [i, j] as const;
    let left = from[i++]!;
    let right = to[j++]!;
    while (left !== right && i <= from.length && j <= to.length) {
      if (left < right) left *= from[i++] ?? Number.NaN;
      else right *= to[j++] ?? Number.NaN;
    }
    if (left !== right) return undefined;
    const group = from.slice(start[0], i).map((dim, k) => labels[start[0] + k] ?? dim);
    if (j - start[1] === 1 && group.some((dim) => typeof dim === "string")) out[start[1]] = asLabel(polyDim(shapeSize(group) ?? ONE));
    skip();
  }
  return out;
}

/** Labels of a join along `axis`: that axis is the sum of the inputs' (labels, or sizes); the others aligned. */
export function concatLabels(dims: readonly number[], inputs: readonly { readonly dims: readonly number[] }[], axis: number): Labels {
  const out = [...alignedLabels(dims, inputs)];
  const parts = inputs.map((t) => labelsOf(t)?.[axis] ?? t.dims[axis]!);
  out[axis] = parts.some((dim) => typeof dim === "string") ? asLabel(polyDim(sumDims(parts) ?? [])) : undefined;
  return out;
}

/** The value of a polynomial with its names' sizes, or `undefined` when a name is not bound. */
export function evaluatePoly(poly: Poly, sizes: ReadonlyMap<string, number>): bigint | undefined {
  let total = 0n;
  for (const [names, coefficient] of poly) {
    let term = coefficient;
    for (const name of names === "" ? [] : names.split("*")) {
      const size = sizes.get(name);
      if (size === undefined) return undefined;
      term *= BigInt(size);
    }
    total += term;
  }
  return total;
}

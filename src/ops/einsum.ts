/**
 * `einsum(subscripts, ...operands)` with an explicit `->` (NumPy semantics): each operand's axes are
 * named by letters; a letter repeated across operands is one index (its sizes must agree), repeated
 * within an operand takes a diagonal; letters left out of the output are summed over. So
 * `"ij,jk->ik"` is a matrix product, `"ii->i"` a diagonal, `"i,j->ij"` an outer product, `"bij,bjk->bik"`
 * a batched product. A `...` (at most one per term) stands for the axes its operand's letters leave;
 * those of all operands broadcast (NumPy's rule) and sit where the output has its `...`
 * (`"...ij,...jk->...ik"`). The kernel walks the whole index space (a reference kernel: exact, not
 * tuned), a broadcast size-1 axis with stride 0; the gradient of an operand is the same walk with
 * the upstream gradient in its place, scattered into the operand's positions (diagonals included,
 * broadcast axes summed). Mirrors types/ops/einsum.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { ResultShape, CheckedArg, IdentityFirst } from "../../types/errors.js";
import type { EinsumIdentityChecks, EinsumShape } from "../../types/ops/einsum.js";
import { InputError, ShapeError, formatDim, formatShape } from "../errors.js";
import { allocate, commonDType, requireFloat } from "../dtype.js";
import { checkTensor } from "../axes.js";
import { describeValue } from "../shape.js";
import { record, type GradRule } from "../autograd.js";
import { Tensor, contiguousData, fromStorage } from "../tensor.js";
import { compareSizes, labelsOf, normalizeShape, validateSizes } from "../symbolic.js";
import { broadcastPairRestated, implicitOuter } from "./broadcast.js";

/** `SHAPE_EINSUM: einsum: cannot read 'ij,jk': it needs one '->' …`. Mirrors `WriteEinsumSyntaxMessage`. */
export function writeEinsumSyntaxMessage(op: string, subscripts: string, reason: string): string {
  return `SHAPE_EINSUM: ${op}: cannot read '${subscripts}': ${reason}`;
}

/** `SHAPE_EINSUM: einsum: "ij,jk->ik" names 2 operands, got 3`. Mirrors `WriteEinsumCountMessage`. */
export function writeEinsumCountMessage(op: string, subscripts: string, named: number, got: number): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}' names ${named} operands, got ${got}`;
}

/** An operand whose rank is not its subscripts' length (at least, beside a `...`). Mirrors `WriteEinsumRankMessage`. */
export function writeEinsumRankMessage(op: string, subscripts: string, index: number, shape: Shape, term: string, named: number, atLeast: boolean): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': operand ${index} has shape ${formatShape(shape)}, ${shape.length} axes, but '${term}' names ${atLeast ? "at least " : ""}${named}`;
}

/** An index whose sizes disagree. Mirrors `WriteEinsumSizeMessage`. */
export function writeEinsumSizeMessage(op: string, subscripts: string, letter: string, first: Dim, firstOperand: number, firstAxis: number, dim: Dim, operand: number, axis: number): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': index '${letter}' is ${formatDim(first)} in operand ${firstOperand} (axis ${firstAxis}) but ${formatDim(dim)} in operand ${operand} (axis ${axis}); an index stands for one size`;
}

const LETTER = /^[A-Za-z]$/;

/** `SHAPE_EINSUM: einsum: '...ij,...jk->...ik': '...' is [2] in operand 0 but [3] in operand 1, which do not broadcast: axis -1 is …`. Mirrors `WriteEinsumGroupsMessage`. */
export function writeEinsumGroupsMessage(op: string, subscripts: string, before: Shape, from: readonly number[], group: Shape, operand: number, axis: number, detail: string): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': '...' is ${formatShape(before)} in ${operandsText(from)} but ${formatShape(group)} in operand ${operand}, which do not broadcast: axis -${axis} is ${detail}`;
}

/** The operands whose `...` broadcast so far: `operand 0`, `operands 0, 2`. Mirrors `OperandsText`. */
const operandsText = (from: readonly number[]) => (from.length === 1 ? `operand ${from[0]}` : `operands ${from.join(", ")}`);

/** `SHAPE_EINSUM: einsum: '...ij->ij': '...' stands for [8] in the operands, but the output has no '...'; …`. Mirrors `WriteEinsumOutputGroupMessage`. */
export function writeEinsumOutputGroupMessage(op: string, subscripts: string, group: Shape): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': '...' stands for ${formatShape(group)} in the operands, but the output has no '...'; write it in the output (then sum over those axes, if that is meant)`;
}

/** `SHAPE_IMPLICIT_OUTER: einsum: '...i,...i->...i': '...' is [3] in operand 0 but [4, 1] in operand 1, which stretch each other …`. Mirrors `WriteEinsumOuterMessage`. */
export function writeEinsumOuterMessage(op: string, subscripts: string, before: Shape, from: readonly number[], group: Shape, operand: number, out: Shape, lower: Shape): string {
  return `SHAPE_IMPLICIT_OUTER: ${op}: '${subscripts}': '...' is ${formatShape(before)} in ${operandsText(from)} but ${formatShape(group)} in operand ${operand}, which stretch each other across ranks into the outer ${formatShape(out)}; if that is meant, give the shorter '...' its size-1 axes first (${formatShape(lower)})`;
}

/** One operand's (or the output's) subscripts: the letters before `...`, and after it (`undefined`: no `...`). */
interface Term {
  readonly text: string;
  readonly before: string;
  readonly after: string | undefined;
}

function readTerm(text: string): Term {
  const at = text.indexOf("...");
  return at < 0 ? { text, before: text, after: undefined } : { text, before: text.slice(0, at), after: text.slice(at + 3) };
}

/** The first character that is neither a letter, a `,` (where allowed) nor a dot of a `...`; else `undefined`. */
function firstBad(text: string, comma: boolean): string | undefined {
  for (let i = 0; i < text.length; ) {
    if (text.startsWith("...", i)) {
      i += 3;
      continue;
    }
    const char = text[i]!;
    if (!(comma && char === ",") && !LETTER.test(char)) return char;
    i++;
  }
  return undefined;
}

const badReason = (char: string) =>
  char === "." ? "'.' is not an index (a letter a–z or A–Z) and not part of '...'" : `'${char}' is not an index (a letter a–z or A–Z)`;

/** How many `...` a term holds (every dot is part of one: `firstBad` passed). */
const ellipses = (term: string) => (term.split(".").length - 1) / 3;

/** The subscripts read and checked on their own: the terms of each operand and of the output. Mirrors `ReadEinsum`. */
function readSubscripts(op: string, subscripts: unknown): { inputs: Term[]; output: Term } {
  if (typeof subscripts !== "string") throw new InputError("INPUT_VALUE", `${op}: the subscripts must be a string like "ij,jk->ik", got ${describeValue(subscripts)}`);
  const fail = (reason: string) => new ShapeError("SHAPE_EINSUM", op, [], writeEinsumSyntaxMessage(op, subscripts, reason));
  const sides = subscripts.split("->");
  if (sides.length !== 2) throw fail("it needs one '->' between the operands' subscripts and the output's");
  const [left, output] = sides as [string, string];
  const badLeft = firstBad(left, true);
  if (badLeft !== undefined) throw fail(badReason(badLeft));
  const badOutput = firstBad(output, false);
  if (badOutput !== undefined) throw fail(badReason(badOutput));
  const terms = left.split(",");
  terms.forEach((term, i) => {
    if (ellipses(term) > 1) throw fail(`operand ${i}'s subscripts '${term}' have more than one '...'`);
  });
  if (ellipses(output) > 1) throw fail("the output has more than one '...'");
  const letters = output.replace("...", "");
  [...letters].forEach((char, at) => {
    if (letters.indexOf(char) !== at) throw fail(`the output repeats '${char}'`);
    if (!left.includes(char)) throw fail(`the output's '${char}' is in no operand`);
  });
  return { inputs: terms.map(readTerm), output: readTerm(output) };
}

/** The key of the `g`-th axis of the broadcast `...` in a walk (letters key the others). */
const groupKey = (g: number) => `...${g}`;

/**
 * The rule: the operands' shapes against the subscripts — the count, each rank (at least the letters'
 * count beside a `...`), one size per index (compared in normal form; a `number`-like unknown never
 * clashes at run time, every dim is known), the axes each `...` stands for broadcast together (NumPy's
 * rule, left to right) — and the output shape: each output index's size where it first appears, and
 * the broadcast axes where the output has `...` (an output without one, where they are not empty, is
 * an error, as in NumPy). `keys` name every operand's axes for the walk: its letters, and
 * `...0`, `...1`, … for the broadcast axes (right-aligned).
 */
export function einsumFor(op: string, subscripts: unknown, shapes: readonly unknown[], strict = false): { keys: string[][]; outKeys: string[]; out: Dim[]; sizes: Map<string, Dim> } {
  const { inputs, output } = readSubscripts(op, subscripts);
  const text = subscripts as string;
  const valid = shapes.map((shape) => validateSizes(op, shape));
  if (valid.length !== inputs.length) throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumCountMessage(op, text, inputs.length, valid.length));
  valid.forEach((shape, i) => {
    const { text: term, before, after } = inputs[i]!;
    if (after === undefined ? shape.length !== before.length : shape.length < before.length + after.length) {
      throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumRankMessage(op, text, i, shape, term, before.length + (after?.length ?? 0), after !== undefined));
    }
  });
  const first = new Map<string, { dim: Dim; operand: number; axis: number }>();
  valid.forEach((shape, i) => {
    const { before, after = "" } = inputs[i]!;
    const axes: [string, number][] = [...[...before].map((letter, axis) => [letter, axis] as [string, number]), ...[...after].map((letter, j) => [letter, shape.length - after.length + j] as [string, number])];
    for (const [letter, axis] of axes) {
      const dim = shape[axis]!;
      const seen = first.get(letter);
      if (seen === undefined) first.set(letter, { dim, operand: i, axis });
      else if (compareSizes(seen.dim, dim) !== "equal") {
        throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumSizeMessage(op, text, letter, seen.dim, seen.operand, seen.axis, dim, i, axis));
      }
    }
  });
  // The axes each `...` stands for, broadcast left to right.
  const groups = valid.map((shape, i) => {
    const { before, after } = inputs[i]!;
    return after === undefined ? undefined : normalizeShape(op, shape.slice(before.length, shape.length - after.length));
  });
  let group: Dim[] = [];
  const from: number[] = [];
  groups.forEach((g, i) => {
    if (g === undefined) return;
    if (from.length > 0) group = broadcastGroups(op, text, group, from, g, i, strict);
    else group = [...g];
    from.push(i);
  });
  if (output.after === undefined && group.length > 0) throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumOutputGroupMessage(op, text, group));
  const sizes = new Map<string, Dim>([...first].map(([letter, { dim }]) => [letter, dim]));
  group.forEach((dim, g) => sizes.set(groupKey(g), dim));
  const keysOf = (term: Term, rank: number) => {
    if (term.after === undefined) return [...term.before];
    const count = rank - term.before.length - term.after.length;
    return [...term.before, ...Array.from({ length: count }, (_, j) => groupKey(group.length - count + j)), ...term.after];
  };
  const keys = inputs.map((term, i) => keysOf(term, valid[i]!.length));
  const outKeys = keysOf(output, output.before.length + (output.after?.length ?? 0) + group.length);
  return { keys, outKeys, out: outKeys.map((key) => sizes.get(key)!), sizes };
}

/**
 * One `...` broadcast with those before it, through the one broadcasting rule; a clash is restated
 * for einsum. `strict` (the tensor op): an implicit outer broadcast of the groups is an error too, as
 * in the elementwise ops (unless `configure({ broadcasting: "numpy" })`).
 */
function broadcastGroups(op: string, text: string, before: Shape, from: readonly number[], group: Shape, operand: number, strict: boolean): Dim[] {
  const out = broadcastPairRestated(op, before, group, (axis, detail) =>
    new ShapeError("SHAPE_EINSUM", op, [before, group], writeEinsumGroupsMessage(op, text, before, from, group, operand, axis, detail)),
  );
  const lower = strict ? implicitOuter(before, group, out) : undefined;
  if (lower !== undefined) throw new ShapeError("SHAPE_IMPLICIT_OUTER", op, [before, group], writeEinsumOuterMessage(op, text, before, from, group, operand, out, lower));
  return out;
}

/**
 * The shape of `einsum(subscripts, ...)` for operands of shapes `shapes`.
 * @example
 * einsumShape("ij,jk->ik", [2, 3], [3, 4]); //=> [2, 4]
 * einsumShape("bij,bjk->bik", ["b", 2, 3], ["b", 3, 5]); //=> ["b", 2, 5]
 * @throws ShapeError `SHAPE_EINSUM`, `SHAPE_INVALID_SHAPE`; InputError `INPUT_VALUE`
 */
export function einsumShape<const P extends string, const Shapes extends Dim[][]>(subscripts: CheckedArg<P, EinsumShape<P, Shapes, "einsumShape">>, ...shapes: Shapes): EinsumShape<P, Shapes, "einsumShape"> {
  return einsumFor("einsumShape", subscripts, shapes).out as never;
}

/** The walk: every assignment of the indices, with each operand's and the output's flat offset. */
interface Plan {
  readonly keys: string[];
  readonly sizes: number[];
  /** Per operand (then the output), the stride of each index in its row-major layout (0 if absent, or a size-1 axis `...` broadcasts). */
  readonly strides: number[][];
}

function plan(keys: readonly (readonly string[])[], outKeys: readonly string[], dims: readonly (readonly number[])[], sizes: ReadonlyMap<string, Dim>): Plan {
  const all = [...sizes.keys()];
  const layout = (axes: readonly string[], shape: readonly number[]) => {
    const strides = new Array<number>(all.length).fill(0);
    let step = 1;
    for (let axis = axes.length - 1; axis >= 0; axis--) {
      const k = all.indexOf(axes[axis]!);
      if (shape[axis] === sizes.get(axes[axis]!)) strides[k]! += step; // a repeated letter (a diagonal) adds its strides; a broadcast 1 adds none
      step *= shape[axis]!;
    }
    return strides;
  };
  const outDims = outKeys.map((key) => sizes.get(key) as number);
  return { keys: all, sizes: all.map((key) => sizes.get(key) as number), strides: [...keys.map((axes, i) => layout(axes, dims[i]!)), layout(outKeys, outDims)] };
}

/**
 * Walks every index assignment: `visit(offsets)` with the flat offset of each operand and, last, of
 * the output. An empty index space (a size 0) visits nothing.
 */
function walk(p: Plan, visit: (offsets: number[]) => void): void {
  const count = p.strides.length;
  const offsets = new Array<number>(count).fill(0);
  const index = new Array<number>(p.keys.length).fill(0);
  if (p.sizes.some((size) => size === 0)) return;
  for (;;) {
    visit(offsets);
    let k = p.keys.length - 1;
    for (; k >= 0; k--) {
      index[k]!++;
      for (let j = 0; j < count; j++) offsets[j]! += p.strides[j]![k]!;
      if (index[k]! < p.sizes[k]!) break;
      for (let j = 0; j < count; j++) offsets[j]! -= p.strides[j]![k]! * p.sizes[k]!;
      index[k] = 0;
    }
    if (k < 0) return;
  }
}

/** Gradient rule: for each operand that requires grad, the walk with `g` in its place, scattered into it. */
const GRADIENT: GradRule<Plan> = (g, operands, _out, p) => {
  const gData = contiguousData(g);
  const data = operands.map((t) => contiguousData(t));
  const last = operands.length;
  return operands.map((t, k) => {
    if (!t.requiresGrad) return null;
    const grad = allocate(t.dtype, t.size);
    walk(p, (offsets) => {
      let value = gData[offsets[last]!]!;
      for (let j = 0; j < last; j++) if (j !== k) value *= data[j]![offsets[j]!]!;
      grad[offsets[k]!]! += value;
    });
    return fromStorage(grad, t.shape);
  });
};

/**
 * Einstein summation over tensors, with an explicit `->` (NumPy's `einsum`): `einsum("ij,jk->ik", a, b)`
 * is `a @ b`, `einsum("ii->i", a)` the diagonal, `einsum("i,j->ij", u, v)` the outer product,
 * `einsum("...td,...sd->...ts", q, k)` attention scores over any batch axes. The result type is exact;
 * a count, rank or size that disagrees with the subscripts, or `...` axes that do not broadcast
 * (strictly, as in the elementwise ops), is a compile error on the subscripts with the runtime's
 * message. Gradients to every float operand.
 * @example
 * einsum("ij,jk->ik", tensor([[1, 2]]), tensor([[3], [4]])).toArray(); //=> [[11]]
 * einsum("...ij,...jk->...ik", zeros([5, 1, 2, 3]), zeros([1, 7, 3, 4])).shape; //=> [5, 7, 2, 4]
 * einsum("ii->", tensor([[1, 2], [3, 4]])).item(); //=> 5
 * @throws ShapeError `SHAPE_EINSUM`, `SHAPE_IMPLICIT_OUTER` (`...` groups that differ in rank and both stretch); InputError `INPUT_VALUE`, `INPUT_OPERAND`, `INPUT_DTYPE`
 */
export function einsum<const P extends string, Shapes extends Shape[]>(
  subscripts: IdentityFirst<EinsumIdentityChecks<P, Shapes, "einsum">, CheckedArg<P, EinsumShape<P, Shapes, "einsum", false>>>,
  ...operands: { [K in keyof Shapes]: Tensor<Shapes[K]> }
): Tensor<ResultShape<EinsumShape<P, Shapes, "einsum", false>>> {
  const tensors = (operands as readonly unknown[]).map((t, i) => checkTensor("einsum", t, `operand ${i}`));
  const { keys, outKeys, out, sizes } = einsumFor("einsum", subscripts, tensors.map((t) => t.dims), true);
  if (tensors.length > 0) commonDType("einsum", tensors.map((t) => t.dtype));
  for (const t of tensors) requireFloat("einsum", t.dtype, "an operand");
  const dtype = tensors[0]?.dtype ?? "float32";
  const p = plan(keys, outKeys, tensors.map((t) => t.dims), sizes);
  const data = tensors.map((t) => contiguousData(t));
  const result = allocate(dtype, (out as number[]).reduce((a, b) => a * b, 1), "einsum");
  const last = tensors.length;
  walk(p, (offsets) => {
    let value = 1;
    for (let j = 0; j < last; j++) value *= data[j]![offsets[j]!]!;
    result[offsets[last]!]! += value;
  });
  // Names: each output axis takes the name of an axis it indexes in an operand (not a broadcast 1), if one has a name.
  const labels = () =>
    outKeys.map((key) => {
      for (let i = 0; i < tensors.length; i++) {
        const at = keys[i]!.indexOf(key);
        const label = at < 0 || tensors[i]!.dims[at] !== sizes.get(key) ? undefined : labelsOf(tensors[i]!)?.[at];
        if (label !== undefined) return label;
      }
      return undefined;
    });
  return record(fromStorage(result, out as number[]), "einsum", tensors, GRADIENT, p, labels) as never;
}

/**
 * `einsum(subscripts, ...operands)` with an explicit `->` (NumPy semantics): each operand's axes are
 * named by letters; a letter repeated across operands is one index (its sizes must agree), repeated
 * within an operand takes a diagonal; letters left out of the output are summed over. So
 * `"ij,jk->ik"` is a matrix product, `"ii->i"` a diagonal, `"i,j->ij"` an outer product, `"bij,bjk->bik"`
 * a batched product. The kernel walks the whole index space (a reference kernel: exact, not tuned);
 * the gradient of an operand is the same walk with the upstream gradient in its place, scattered
 * into the operand's positions (diagonals included). Mirrors types/ops/einsum.ts rule for rule and
 * message for message.
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
import { compareSizes, labelsOf, validateSizes } from "../symbolic.js";

/** `SHAPE_EINSUM: einsum: cannot read 'ij,jk': it needs one '->' …`. Mirrors `WriteEinsumSyntaxMessage`. */
export function writeEinsumSyntaxMessage(op: string, subscripts: string, reason: string): string {
  return `SHAPE_EINSUM: ${op}: cannot read '${subscripts}': ${reason}`;
}

/** `SHAPE_EINSUM: einsum: "ij,jk->ik" names 2 operands, got 3`. Mirrors `WriteEinsumCountMessage`. */
export function writeEinsumCountMessage(op: string, subscripts: string, named: number, got: number): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}' names ${named} operands, got ${got}`;
}

/** An operand whose rank is not its subscripts' length. Mirrors `WriteEinsumRankMessage`. */
export function writeEinsumRankMessage(op: string, subscripts: string, index: number, shape: Shape, letters: string): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': operand ${index} has shape ${formatShape(shape)}, ${shape.length} axes, but '${letters}' names ${letters.length}`;
}

/** An index whose sizes disagree. Mirrors `WriteEinsumSizeMessage`. */
export function writeEinsumSizeMessage(op: string, subscripts: string, letter: string, first: Dim, firstOperand: number, firstAxis: number, dim: Dim, operand: number, axis: number): string {
  return `SHAPE_EINSUM: ${op}: '${subscripts}': index '${letter}' is ${formatDim(first)} in operand ${firstOperand} (axis ${firstAxis}) but ${formatDim(dim)} in operand ${operand} (axis ${axis}); an index stands for one size`;
}

const LETTER = /^[A-Za-z]$/;

/** The subscripts read and checked on their own: the letters of each operand and of the output. Mirrors `ReadEinsum`. */
function readSubscripts(op: string, subscripts: unknown): { inputs: string[]; output: string } {
  if (typeof subscripts !== "string") throw new InputError("INPUT_VALUE", `${op}: the subscripts must be a string like "ij,jk->ik", got ${describeValue(subscripts)}`);
  const fail = (reason: string) => new ShapeError("SHAPE_EINSUM", op, [], writeEinsumSyntaxMessage(op, subscripts, reason));
  const sides = subscripts.split("->");
  if (sides.length !== 2) throw fail("it needs one '->' between the operands' subscripts and the output's");
  const [left, output] = sides as [string, string];
  for (const char of left) if (char !== "," && !LETTER.test(char)) throw fail(`'${char}' is not an index (a letter a–z or A–Z)`);
  for (const char of output) if (!LETTER.test(char)) throw fail(`'${char}' is not an index (a letter a–z or A–Z)`);
  [...output].forEach((char, at) => {
    if (output.indexOf(char) !== at) throw fail(`the output repeats '${char}'`);
    if (!left.includes(char)) throw fail(`the output's '${char}' is in no operand`);
  });
  return { inputs: left.split(","), output };
}

/**
 * The rule: the operands' shapes against the subscripts — the count, each rank, one size per index
 * (compared in normal form; a `number`-like unknown never clashes at run time, every dim is known) —
 * and the output shape (each output index's size where it first appears).
 */
export function einsumFor(op: string, subscripts: unknown, shapes: readonly unknown[]): { inputs: string[]; output: string; out: Dim[]; sizes: Map<string, Dim> } {
  const { inputs, output } = readSubscripts(op, subscripts);
  const text = subscripts as string;
  const valid = shapes.map((shape) => validateSizes(op, shape));
  if (valid.length !== inputs.length) throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumCountMessage(op, text, inputs.length, valid.length));
  valid.forEach((shape, i) => {
    if (shape.length !== inputs[i]!.length) throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumRankMessage(op, text, i, shape, inputs[i]!));
  });
  const first = new Map<string, { dim: Dim; operand: number; axis: number }>();
  valid.forEach((shape, i) => {
    [...inputs[i]!].forEach((letter, axis) => {
      const dim = shape[axis]!;
      const seen = first.get(letter);
      if (seen === undefined) first.set(letter, { dim, operand: i, axis });
      else if (compareSizes(seen.dim, dim) !== "equal") {
        throw new ShapeError("SHAPE_EINSUM", op, valid, writeEinsumSizeMessage(op, text, letter, seen.dim, seen.operand, seen.axis, dim, i, axis));
      }
    });
  });
  const sizes = new Map([...first].map(([letter, { dim }]) => [letter, dim]));
  return { inputs, output, out: [...output].map((letter) => sizes.get(letter)!), sizes };
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
  readonly letters: string[];
  readonly sizes: number[];
  /** Per operand (then the output), the stride of each letter in its row-major layout (0 if absent). */
  readonly strides: number[][];
}

function plan(inputs: readonly string[], output: string, dims: readonly (readonly number[])[], sizes: ReadonlyMap<string, Dim>): Plan {
  const letters = [...sizes.keys()];
  const layout = (subs: string, shape: readonly number[]) => {
    const strides = new Array<number>(letters.length).fill(0);
    let step = 1;
    for (let axis = subs.length - 1; axis >= 0; axis--) {
      strides[letters.indexOf(subs[axis]!)] += step; // a repeated letter (a diagonal) adds its strides
      step *= shape[axis]!;
    }
    return strides;
  };
  const outDims = [...output].map((letter) => sizes.get(letter) as number);
  return { letters, sizes: letters.map((letter) => sizes.get(letter) as number), strides: [...inputs.map((subs, i) => layout(subs, dims[i]!)), layout(output, outDims)] };
}

/**
 * Walks every index assignment: `visit(offsets)` with the flat offset of each operand and, last, of
 * the output. An empty index space (a size 0) visits nothing.
 */
function walk(p: Plan, visit: (offsets: number[]) => void): void {
  const count = p.strides.length;
  const offsets = new Array<number>(count).fill(0);
  const index = new Array<number>(p.letters.length).fill(0);
  if (p.sizes.some((size) => size === 0)) return;
  for (;;) {
    visit(offsets);
    let k = p.letters.length - 1;
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
 * is `a @ b`, `einsum("ii->i", a)` the diagonal, `einsum("i,j->ij", u, v)` the outer product. The
 * result type is exact; a count, rank or size that disagrees with the subscripts is a compile error
 * on the subscripts with the runtime's message. Gradients to every float operand.
 * @example
 * einsum("ij,jk->ik", tensor([[1, 2]]), tensor([[3], [4]])).toArray(); //=> [[11]]
 * einsum("ii->", tensor([[1, 2], [3, 4]])).item(); //=> 5
 * @throws ShapeError `SHAPE_EINSUM`; InputError `INPUT_VALUE`, `INPUT_OPERAND`, `INPUT_DTYPE`
 */
export function einsum<const P extends string, Shapes extends Shape[]>(
  subscripts: IdentityFirst<EinsumIdentityChecks<P, Shapes, "einsum">, CheckedArg<P, EinsumShape<P, Shapes, "einsum">>>,
  ...operands: { [K in keyof Shapes]: Tensor<Shapes[K]> }
): Tensor<ResultShape<EinsumShape<P, Shapes, "einsum">>> {
  const tensors = (operands as readonly unknown[]).map((t, i) => checkTensor("einsum", t, `operand ${i}`));
  const { inputs, output, out, sizes } = einsumFor("einsum", subscripts, tensors.map((t) => t.dims));
  if (tensors.length > 0) commonDType("einsum", tensors.map((t) => t.dtype));
  for (const t of tensors) requireFloat("einsum", t.dtype, "an operand");
  const dtype = tensors[0]?.dtype ?? "float32";
  const p = plan(inputs, output, tensors.map((t) => t.dims), sizes);
  const data = tensors.map((t) => contiguousData(t));
  const result = allocate(dtype, (out as number[]).reduce((a, b) => a * b, 1), "einsum");
  const last = tensors.length;
  walk(p, (offsets) => {
    let value = 1;
    for (let j = 0; j < last; j++) value *= data[j]![offsets[j]!]!;
    result[offsets[last]!]! += value;
  });
  // Names: each output letter takes the name of an axis it indexes in an operand, if one has a name.
  const labels = () =>
    [...output].map((letter) => {
      for (let i = 0; i < tensors.length; i++) {
        const at = inputs[i]!.indexOf(letter);
        const label = at < 0 ? undefined : labelsOf(tensors[i]!)?.[at];
        if (label !== undefined) return label;
      }
      return undefined;
    });
  return record(fromStorage(result, out as number[]), "einsum", tensors, GRADIENT, p, labels) as never;
}

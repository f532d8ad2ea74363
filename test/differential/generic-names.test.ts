/**
 * A type parameter is a name (issue: shape safety in generic code): every rule must treat a dim that
 * is a type parameter exactly as it treats a symbolic name — equal to itself, different from every
 * other name and from every known size, broadcast against 1. Proven on generated cases: each case is
 * written twice, once inside a generic function over `A, B, C extends Dim` and once on declared
 * tensors whose dims are the names `"a"`, `"b"`, `"c"` in the same places, and the compiler must
 * give the same verdict for both — no error, or an error with the same `SHAPE_` code on the op's
 * line — and, where there is no error, the same result shape (`A` reading as `"a"`). TypeScript 7
 * checks the same file and must give every line TypeScript 6's verdict.
 *
 * The ops are those whose verdict depends only on which dims are the same, a 1, or different:
 * broadcasting (`add`, `sub`, `mul`, `maximum`, `gt`, as methods and as functions, strict), `where`,
 * `matmul` (also of a transposed operand), `concat`/`stack` off the joined axis, `broadcastTo`, `mseLoss`,
 * `backward(grad)`,
 * `crossEntropy`'s labels, `layerNorm`'s normalized shape and weight, `einsum`'s repeated indices, `squeeze` of
 * an axis, a reduction kept to broadcast back, shapecheck/tfjs's binary ops and `matMul`, and ops on the
 * trailing axes of a variadic batch group `[...Batch, …]` (named: `"p", "q"` in its place) shared by
 * both operands or held by the first alone, the axis ops (`unsqueeze`, `permute`, `transpose`,
 * `swapaxes`, `narrow`) followed by a broadcast that shows where the dims went, `conv2d`'s
 * channels, the index ops (`indexSelect`, `gather`, `embedding`, `argmax`, `max`, `softmax` along
 * an axis) followed by a broadcast, `.as()` binding `number` dims beside dims restated in place,
 * `where`'s second branch over a batch group, `item()`/`backward()` there, `rearrange` and `einsum` with `...`. The named side is the oracle the rest of the
 * suite already holds to NumPy (test/differential/broadcast.test.ts, the conformance table).
 */
import { describe, expect, it } from "vitest";
import { ts } from "ts-morph";
import path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { root, sharedChecker, tsc7DiagnosticsAsync } from "../harness/compile.js";
import { seeded } from "../harness/random.js";

const random = seeded(20261203);
const PARAMS = ["A", "B", "C"] as const;
const NAMES: Record<string, string> = { A: '"a"', B: '"b"', C: '"c"' };

/** A dim: 1 (a quarter of the time), the known size 3 now and then, or one of the parameters. */
const dim = (): string => (random.chance(0.25) ? "1" : random.chance(0.15) ? "3" : random.pick(PARAMS));
const shape = (lo: number, hi: number): string[] => Array.from({ length: random.int(lo, hi) }, dim);
/** A shape loosely like `base`: a suffix of it, some dims replaced. */
const like = (base: readonly string[]): string[] =>
  base.slice(base.length - random.int(Math.min(1, base.length), base.length)).map((d) => (random.chance(0.25) ? dim() : d));

interface Case {
  /** The operands' shapes, as written with the parameters. */
  readonly shapes: readonly (readonly string[])[];
  /** The op's expression over `x0`, `x1`, … */
  readonly call: string;
  /** The operands' type: shapecheck's own tensors, or shapecheck/tfjs's. */
  readonly tensor?: "Tensor" | "tf.TfTensor";
  /** Only the verdict is compared: the result holds a size computed from a parameter, which by design reads differently from the names' (`ConvSize<H, …>` against `"h"`). */
  readonly verdictOnly?: boolean;
}

const BINARY = ["add", "sub", "mul", "maximum", "gt"] as const;

function generate(): Case {
  const kind = random.pick(["binary", "binary", "binary", "method", "where", "matmul", "matmul", "concat", "stack", "broadcastTo", "mseLoss", "crossEntropy", "crossEntropy", "layerNorm", "einsum", "einsum", "squeeze", "centred", "transposed", "tf", "batched", "batched", "axes", "axes", "conv", "indexing", "indexing", "sizes", "windows", "batchedAxes", "batchedAxes", "kept", "kept", "batchedMisc", "batchedMisc", "backward", "backward"] as const);
  if (kind === "axes") { // an axis op, then a broadcast against another operand: the verdict rests on where the dims went
    const base = shape(2, 3);
    const rank = base.length;
    const perm = [...base.keys()].sort(() => random.next() - 0.5);
    const op = random.pick([
      `x0.unsqueeze(${random.int(-rank - 2, rank + 1)})`, // out of range now and then: SHAPE_AXIS
      `x0.permute([${perm.join(", ")}])`,
      `x0.transpose(${random.int(-rank, rank)}, ${random.int(-rank - 1, rank - 1)})`,
      `x0.swapaxes(0, -1)`,
      `x0.narrow(${random.int(0, rank - 1)}, 0, 1)`,
    ]);
    return { shapes: [base, like(perm.map((k) => base[k]!))], call: `${op}.add(x1)` };
  }
  if (kind === "indexing") { // the index ops' results, then a broadcast against another operand
    const base = shape(1, 3);
    const ids = shape(1, 2);
    const axis = random.int(-base.length, base.length - 1);
    const op = random.pick([
      [`sc.indexSelect(x0, ${axis}, x1)`, [base, ids]],
      [`sc.gather(x0, ${axis}, x1)`, [base, base.map((d) => (random.chance(0.3) ? dim() : d))]],
      ["sc.embedding(x0, x1)", [[dim(), dim()], ids]],
      [`sc.argmax(x0, ${axis}, true)`, [base]],
      [`x0.max(${axis}, true)`, [base]],
      [`x0.softmax(${axis})`, [base]],
    ] as const);
    const shapes = [...op[1]] as string[][];
    return { shapes: [...shapes, like(base)], call: `${op[0]}.add(x${shapes.length})`.replace("sc.argmax", "sc.argmax") };
  }
  // Not compared, by design: a parameter divided (`chunk(2)`, `unflatten(axis, [2, -1])`) gives an
  // opaque quotient (`ChunkSize<D, 2>`), where a plain name is an error (it is not known to divide).
  if (kind === "sizes") { // size tests on a dim that is a parameter or a name: both are sizes only the runtime knows
    const base = shape(1, 3);
    const axis = random.int(0, base.length - 1);
    const op = random.pick([
      `x0.narrow(${axis}, 0, 2)`,
      `x0.slice(${axis}, 0, 2)`,
      `x0.max(${axis})`,
    ]);
    return { shapes: [base], call: op, verdictOnly: true };
  }
  if (kind === "windows") { // convolution and pooling over spatial dims that are parameters or names (or 8, which every window fits)
    const spatial = () => (random.chance(0.3) ? "8" : random.pick(PARAMS));
    const [h, w] = [spatial(), spatial()];
    const op = random.pick(["x0.conv2d(x1)", "x0.conv2d(x1, { padding: 1 })", 'x0.conv2d(x1, { padding: "same" })', "x0.conv2d(x1, { stride: 2 })"]);
    const pool = random.pick(["", ".maxPool2d(2)", ".avgPool2d({ kernel: 3, stride: 1, padding: 1 })"]);
    return { shapes: [["2", "3", h, w], ["4", "3", "3", "3"]], call: `${op}${pool}`, verdictOnly: true };
  }
  if (kind === "conv") { // channels must be one dim; the spatial dims are known
    const [n, c] = [dim(), dim()];
    return { shapes: [[n, c, "8", "8"], [dim(), random.chance(0.7) ? c : dim(), "3", "3"]], call: random.chance(0.5) ? "x0.conv2d(x1)" : "sc.conv2d(x0, x1, { padding: 1 })" };
  }
  if (kind === "batched") { // a variadic batch group `[...Batch, …]` (named: `"p", "q"`), shared by both operands or only by the first
    const tail = shape(1, 2);
    const shared = random.chance(0.6);
    const other = shared ? tail.map((d) => (random.chance(0.3) ? dim() : d)) : like(tail);
    const shapes = [["...Batch", ...tail], shared ? ["...Batch", ...other] : other];
    const op = random.pick(["add", "sub", "mul", "matmul", "matmul", "softmax", "centred", "where", "masked"] as const);
    if (op === "softmax") return { shapes: [shapes[0]!], call: "x0.softmax(-1)" };
    if (op === "where") return { shapes, call: "sc.where(x1.gt(0), x0, x1)" };
    if (op === "masked") return { shapes, call: "sc.where(x1.gt(0), x0, 0)" };
    if (op === "centred") return { shapes, call: "x0.sub(x0.mean(-1, true)).mul(x1)" };
    if (op === "matmul" && !shared) return { shapes: [shapes[0]!, [tail.at(-1)!, dim()].map((d) => (random.chance(0.2) ? dim() : d))], call: "x0.matmul(x1)" };
    // `.mT` needs two axes, which `[...Batch, A]` is not known to have (the group may be empty): matrices only.
    if (op === "matmul") return { shapes: [["...Batch", dim(), ...tail.slice(-1)], ["...Batch", dim(), ...other.slice(-1)]], call: "x0.matmul(x1.mT)" };
    return { shapes, call: `x0.${op}(x1)` };
  }
  if (kind === "batchedAxes") { // the axis ops over a batch group's trailing axes (negative axes), then an op with a second operand
    const tail = shape(2, 3);
    const other = ["...Batch", ...tail.map((d) => (random.chance(0.25) ? dim() : d))];
    const k = random.int(1, tail.length);
    const call = random.pick([
      `x0.unsqueeze(-1).add(x1.unsqueeze(-1))`,
      `x0.sum(-${k}, true).mul(x1)`,
      `x0.narrow(-${k}, 0, 1).add(x1)`,
      `sc.concat([x0, x1], -${k})`,
      `sc.stack([x0, x1], -${k})`,
      `x0.swapaxes(-1, -2).add(x1.mT)`,
      `x0.squeeze(-${k}).add(x1.squeeze(-${k}))`,
    ]);
    return { shapes: [["...Batch", ...tail], other], call };
  }
  if (kind === "batchedMisc") { // more ops over a batch group: a loss, normalization, lookups, log-probabilities
    const tail = shape(1, 2);
    const other = ["...Batch", ...tail.map((d) => (random.chance(0.3) ? dim() : d))];
    const last = tail.at(-1)!;
    const known = tail.map((d) => (random.chance(0.5) ? random.pick(["1", "3"]) : d));
    const call = random.pick([
      ["sc.mseLoss(x0, x1)", [["...Batch", ...tail], other]],
      ["sc.layerNorm(x0, [x1.shape[0]], x1, x1)", [["...Batch", ...tail], [random.chance(0.7) ? last : dim()]]],
      ["sc.embedding(x1, x0.astype(\"int32\")).add(x2)", [["...Batch", ...tail], [dim(), dim()], ["...Batch", ...tail, dim()]]],
      ["x0.softmax(-1).mul(x1)", [["...Batch", ...tail], other]],
      ["x0.logSoftmax(-1).sub(x1)", [["...Batch", ...tail], other]],
      // gather along the last axis: the index's other dims must fit x's (kept, or another dim)
      ["sc.gather(x0, -1, x1.astype(\"int32\"))", [["...Batch", ...tail], ["...Batch", ...tail.slice(0, -1).map((d) => (random.chance(0.3) ? dim() : d)), random.pick(["1", "3", ...PARAMS])]]],
      ["sc.gather(x0, -1, x1.astype(\"int32\"))", [["...Batch", known[0]!, last], ["...Batch", random.pick(["1", "3", known[0]!]), random.pick(["1", "3", ...PARAMS])]]], // a known size off the axis, fitting or not
      ["x0.backward(x1)", [["...Batch", ...known], ["...Batch", ...known.map((d) => (random.chance(0.4) ? (d === "1" ? "3" : "1") : d))]]], // known sizes kept or swapped: the rule compares only those
    ] as const);
    return { shapes: call[1].map((shape) => [...shape]), call: call[0] };
  }
  if (kind === "kept") { // reshapes and splits that keep the parameters' axes in place, the numbers between them regrouped
    const [front, back] = [random.pick(PARAMS), random.pick(PARAMS)];
    const n = random.pick(["12", "6", "5"]);
    const call = random.pick([
      `x0.reshape([x0.shape[0], 3, 4, x0.shape[2]])`,
      `x0.unflatten(1, [3, 4])`,
      `x0.split([4, 8], 1)[1]`,
      `x0.chunk(3, 1)[2]`,
      `x0.narrow(1, 2, 4)`,
      `sc.rearrange(x0, "a (h d) b -> a h d b", { h: 3 })`,
      `x0.unsqueeze(2).flatten(1, 2)`,
    ]);
    return { shapes: [[front, n, back]], call };
  }
  if (kind === "tf") { // the same rules over TensorFlow.js tensors (shapecheck/tfjs)
    const base = shape(1, 3);
    const shapes = random.chance(0.5) ? [base, like(base)] : [like(base), base];
    const op = random.pick(["add", "sub", "mul", "maximum", "matMul"] as const);
    return { shapes, call: random.chance(0.5) ? `tf.${op}(x0, x1)` : `x0.${op}(x1)`, tensor: "tf.TfTensor" };
  }
  if (kind === "squeeze") {
    const base = shape(1, 3);
    return { shapes: [base], call: `x0.squeeze(${random.int(-base.length, base.length - 1)})` };
  }
  if (kind === "centred") {
    const base = shape(1, 3);
    return { shapes: [base, like(base)], call: `x0.sub(x0.mean(${random.int(-base.length, base.length - 1)}, true)).mul(x1)` };
  }
  if (kind === "transposed") {
    const base = shape(2, 3);
    return { shapes: [base, like(base)], call: random.chance(0.5) ? "x0.matmul(x1.mT)" : "sc.matmul(x0.mT, x1)" };
  }
  const perturb = (s: readonly string[]) => s.map((d) => (random.chance(0.25) ? dim() : d));
  if (kind === "broadcastTo") {
    const base = shape(1, 3);
    return { shapes: [perturb(like(base)), base], call: "x0.broadcastTo(x1.shape)" };
  }
  if (kind === "mseLoss") {
    const base = shape(1, 3);
    return { shapes: [base, perturb(base)], call: "sc.mseLoss(x0, x1)" };
  }
  if (kind === "backward") { // a backward pass seeded with an upstream gradient, which must have the tensor's shape
    // the rule compares known sizes only (a name is the runtime's), so the gradient's dims are often
    // known: a 1 or a 3, kept or swapped beside the parameters or names
    const base = shape(1, 3).map((d) => (random.chance(0.4) ? random.pick(["1", "3"]) : d));
    const swap = (d: string) => (d === "1" ? "3" : d === "3" ? "1" : random.chance(0.5) ? random.pick(["1", "3"]) : dim());
    return { shapes: [base, base.map((d) => (random.chance(0.3) ? swap(d) : d))], call: "x0.backward(x1)" };
  }
  if (kind === "crossEntropy") {
    const logits = [dim(), dim()];
    return { shapes: [logits, random.chance(0.7) ? [logits[0]!] : [dim()]], call: "sc.crossEntropy(x0, x1)" };
  }
  if (kind === "layerNorm") {
    const base = shape(1, 3);
    if (random.chance(0.5)) { // a weight over the last axis, which must have the normalized shape
      const last = base.length - 1;
      return { shapes: [base, perturb([base[last]!])], call: `sc.layerNorm(x0, [x0.shape[${last}]], x1)` };
    }
    return { shapes: [base, perturb(base.slice(random.int(0, base.length - 1)))], call: "sc.layerNorm(x0, x1.shape)" };
  }
  if (kind === "einsum") {
    const pattern = random.pick(["ij,jk->ik", "bij,bjk->bik", "ij,ij->ij", "i,i->", "ij,kj->ik", "ii->i", "ij,j->i"]);
    const [inputs] = pattern.split("->") as [string];
    const size = Object.fromEntries([..."bijk"].map((letter) => [letter, dim()]));
    const shapes = inputs.split(",").map((operand) => perturb([...operand].map((letter) => size[letter]!)));
    return { shapes, call: `sc.einsum("${pattern}", ${shapes.map((_, k) => `x${k}`).join(", ")})` };
  }
  if (kind === "binary" || kind === "method") {
    const base = shape(0, 3);
    const shapes = random.chance(0.5) ? [base, like(base)] : [like(base), base];
    const op = random.pick(BINARY);
    return { shapes, call: kind === "method" ? `x0.${op}(x1)` : `sc.${op}(x0, x1)` };
  }
  if (kind === "where") {
    const base = shape(1, 3);
    return { shapes: [like(base), like(base), like(base)], call: "sc.where(sc.gt(x0, 0), x1, x2)" };
  }
  if (kind === "matmul") {
    const inner = dim();
    const left = [...shape(0, 2), ...(random.chance(0.15) ? [] : [dim()]), random.chance(0.8) ? inner : dim()];
    const right = [...(left.length > 2 && random.chance(0.6) ? like(left.slice(0, -2)) : []), random.chance(0.8) ? inner : dim(), ...(random.chance(0.15) ? [] : [dim()])];
    return { shapes: [left, right], call: random.chance(0.5) ? "x0.matmul(x1)" : "sc.matmul(x0, x1)" };
  }
  const base = shape(1, 3);
  const other = base.map((d) => (random.chance(0.3) ? dim() : d));
  const axis = random.int(-base.length, base.length - 1);
  return { shapes: [base, other], call: kind === "concat" ? `sc.concat([x0, x1], ${axis})` : `sc.stack([x0, x1], ${random.int(0, base.length)})` };
}

const named = (s: readonly string[]) => `[${s.map((d) => (d === "...Batch" ? '"p", "q"' : (NAMES[d] ?? d))).join(", ")}]`;
const generic = (s: readonly string[]) => `[${s.join(", ")}]`;

/**
 * `.as()` restating a shape from the tensor's own dims (`x0.shape[i]`) and binding its `number` dims
 * to sizes, then a broadcast that shows the result: a type parameter restated in place stays itself,
 * as a name does. Drawn after the cases above, so that adding them left those as they were.
 */
function generateAs(): Case {
  const base = Array.from({ length: random.int(1, 3) }, () => (random.chance(0.4) ? "number" : dim()));
  // A size only where the dim is `number`: restating a type parameter as a size, or a size as a type
  // parameter, is SHAPE_AS by design (README, "Limits"), where names are the runtime's to check.
  const stated = base.map((d, i) => (d === "number" && random.chance(0.7) ? random.pick(["3", "4"]) : `x0.shape[${i}]`));
  return { shapes: [base, like(base)], call: `x0.as([${stated.join(", ")}]).add(x1)` };
}

/**
 * `where`'s second branch over a batch group, the condition made from the first (`where(x.gt(0), x,
 * y)`): its check is the parameter type's own, which a variadic shape reaches by another path than
 * fixed ranks do. Drawn last, like `generateAs`.
 */
function generateWhereRight(): Case {
  const tail = shape(1, 2);
  return { shapes: [["...Batch", ...tail], ["...Batch", ...tail.map((d) => (random.chance(0.4) ? dim() : d))]], call: "sc.where(x0.gt(0), x0, x1)" };
}

/** The scalar-only methods over a batch group with an axis after it (never a scalar), reduced or not. Drawn last. */
function generateScalarOnly(): Case {
  // Not `[...Batch]` itself: the group may be empty, so a scalar, which the runtime decides (named, it has two axes).
  const call = random.pick(["x0.item()", "x0.backward()", "x0.sum().item()", "x0.unsqueeze(-1).backward()", "x0.sum(-1).mean().backward()"]);
  return { shapes: [["...Batch", ...shape(1, 2)]], call };
}

/**
 * `rearrange` with `...` over a batch group (kept as it is, in front) or over fixed dims, then a
 * broadcast against a tensor shaped like the result, some dims changed. Drawn last.
 */
function generateEllipsis(): Case {
  const group = random.chance(0.7) ? ["...Batch"] : [dim()];
  const [a, b] = [dim(), dim()];
  const [pattern, from, to] = random.pick([
    ['"... (h d) -> ... h d", { h: 2 }', [a, "6"], [a, "2", "3"]],
    ['"... a b -> ... b a"', [a, b], [b, a]],
    ['"... a b -> ... (a b)"', ["2", "3"], ["6"]],
    ['"... a -> ... a"', [a], [a]],
  ] as const);
  const other = [...group, ...to.map((d) => (random.chance(0.3) ? dim() : d))];
  return { shapes: [[...group, ...from], other], call: `sc.rearrange(x0, ${pattern}).add(x1)` };
}

/** einsum with `...` over a batch group (or a fixed group), the same on both operands or not, an index perturbed now and then. */
function generateEinsumEllipsis(): Case {
  const group = random.chance(0.7) ? ["...Batch"] : [dim()];
  const other = random.chance(0.8) ? group : random.chance(0.5) ? [dim()] : [];
  const [a, b, c] = [dim(), dim(), dim()];
  const [pattern, first, second] = random.pick([
    ["...ij,...jk->...ik", [a, b], [b, c]],
    ["...td,...sd->...ts", [a, b], [c, b]],
    ["...d,de->...e", [a], [a, c]],
    ["...ij->...ji", [a, b], undefined],
  ] as const);
  const perturb = (s: readonly string[]) => s.map((d) => (random.chance(0.25) ? dim() : d));
  const shapes = second === undefined ? [[...group, ...first]] : pattern.startsWith("...d,") ? [[...group, ...first], perturb(second)] : [[...group, ...first], [...other, ...perturb(second)]];
  return { shapes, call: `sc.einsum("${pattern}", ${shapes.map((_, k) => `x${k}`).join(", ")})` };
}

const CASES = [
  ...Array.from({ length: 1200 }, generate),
  ...Array.from({ length: 80 }, generateAs),
  ...Array.from({ length: 40 }, generateWhereRight),
  ...Array.from({ length: 30 }, generateScalarOnly),
  ...Array.from({ length: 40 }, generateEllipsis),
  ...Array.from({ length: 60 }, generateEinsumEllipsis),
];

/**
 * One file: for each case a generic function (the op on its own line) and the same op on declared
 * named tensors (its own line). Returns the file's text and, per case, the two lines.
 */
function source(cases: readonly Case[], src = "../src"): { text: string; lines: { generic: number; named: number }[] } {
  const out = [`import * as sc from "${src}/index.js";`, `import * as tf from "${src}/tfjs/index.js";`, `import type { Dim, Tensor } from "${src}/index.js";`];
  const lines = cases.map((c, i) => {
    const tensor = c.tensor ?? "Tensor";
    const params = c.shapes.map((s, k) => `x${k}: ${tensor}<${generic(s)}>`).join(", ");
    out.push(`export function g${i}<A extends Dim, B extends Dim, C extends Dim, Batch extends Dim[]>(${params}) {`);
    out.push(`  return ${c.call};`);
    const genericLine = out.length;
    out.push("}");
    out.push(c.shapes.map((s, k) => `declare const n${i}x${k}: ${tensor}<${named(s)}>;`).join(" "));
    out.push(`export const n${i} = ${c.call.replaceAll(/\bx(\d)/g, `n${i}x$1`)};`);
    return { generic: genericLine, named: out.length };
  });
  return { text: `${out.join("\n")}\n`, lines };
}

describe("a type parameter is a name: generic code gets the verdict and the result named dims get", () => {
  // TypeScript 7 checks the same cases in a file of its own (one `tsc` run, alongside TypeScript 6's check).
  const dir = path.join(root, ".run/generic-names");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "cases.ts"), source(CASES, "../../src").text);
  // `skipLibCheck` repeats the repository's setting, so this tsconfig is not taken for one the repository's own TypeScript 7 run serves.
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true, skipLibCheck: true }, include: ["./cases.ts"], exclude: [] }));
  const ts7 = tsc7DiagnosticsAsync(path.join(dir, "tsconfig.json"));
  const checker = sharedChecker();
  const { text, lines } = source(CASES);
  const fileName = path.join(root, "test/__generic_names.ts");
  const file = checker.project.createSourceFile(fileName, text, { overwrite: true });
  const found = checker.diagnostics({ code: text, fileName });
  const program = checker.project.getProgram().compilerObject;
  const typeChecker = program.getTypeChecker();
  const sf = program.getSourceFile(file.getFilePath())!;
  const print = (t: ts.Type) => typeChecker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
  /** The result types: each generic function's return type and each named constant's type, by case. */
  const results = new Map<string, string>();
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      const signature = typeChecker.getSignatureFromDeclaration(statement)!;
      results.set(statement.name.text, print(typeChecker.getReturnTypeOfSignature(signature)));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && /^n\d+$/.test(declaration.name.text)) results.set(declaration.name.text, print(typeChecker.getTypeAtLocation(declaration.name)));
      }
    }
  }
  checker.project.removeSourceFile(file);

  /** The distinct codes on a line (a generic call may report one mistake at two arguments), or "ok". */
  const codeAt = (line: number) => {
    const here = found.filter((d) => d.line === line);
    return here.length === 0 ? "ok" : [...new Set(here.map((d) => d.code))].sort().join(" ");
  };

  it("generates cases of every kind, both valid and invalid", () => {
    const verdicts = lines.map(({ named: line }) => codeAt(line));
    expect(verdicts.filter((v) => v === "ok").length).toBeGreaterThan(60);
    for (const code of ["SHAPE_BROADCAST", "SHAPE_IMPLICIT_OUTER", "SHAPE_MATMUL", "SHAPE_CONCAT", "SHAPE_STACK", "SHAPE_BROADCAST_TO", "SHAPE_MISMATCH", "SHAPE_LABELS", "SHAPE_EINSUM", "SHAPE_SQUEEZE", "SHAPE_CONV", "SHAPE_AXIS", "SHAPE_RESHAPE", "SHAPE_SPLIT", "SHAPE_GRAD"]) {
      expect(verdicts.filter((v) => v === code).length, code).toBeGreaterThanOrEqual(3);
    }
  });

  it("no diagnostic lands anywhere but on an op's line", () => {
    const opLines = new Set(lines.flatMap((l) => [l.generic, l.named]));
    expect(found.filter((d) => !opLines.has(d.line)).map((d) => `${d.line}: ${d.text}`)).toEqual([]);
  });

  it("the same verdict: no error, or an error with the same code", () => {
    const mismatches = CASES.flatMap((c, i) => {
      const { generic: g, named: n } = lines[i]!;
      const [gv, nv] = [codeAt(g), codeAt(n)];
      return gv === nv ? [] : [`${c.call} on ${c.shapes.map(generic).join(", ")}: generic ${gv}, named ${nv}`];
    });
    expect(mismatches).toEqual([]);
  });

  it("TypeScript 7 gives every case the verdict TypeScript 6 gives it", async () => {
    const found7 = await ts7;
    const codeAt7 = (line: number) => {
      const here = found7.filter((d) => d.line === line && d.file.endsWith("cases.ts"));
      return here.length === 0 ? "ok" : [...new Set(here.map((d) => d.code))].sort().join(" ");
    };
    expect(found7.filter((d) => !d.file.endsWith("cases.ts")).map((d) => `${d.file}:${d.line}: ${d.text}`)).toEqual([]);
    // The code is the shape error's, read from the message; a diagnostic without one keeps the compiler's code, which TypeScript 7 may number differently.
    const kind = (code: string) => [...new Set(code.split(" ").map((c) => (c.startsWith("SHAPE_") ? c : "TS")))].join(" ");
    const mismatches = lines.flatMap(({ generic: g, named: n }, i) =>
      [g, n].flatMap((line) => (kind(codeAt(line)) === kind(codeAt7(line)) ? [] : [`${CASES[i]!.call} on ${CASES[i]!.shapes.map(generic).join(", ")} (line ${line}): TypeScript 6 ${codeAt(line)}, TypeScript 7 ${codeAt7(line)}`])),
    );
    expect(mismatches).toEqual([]);
  });

  it("where both compile, the same result shape", () => {
    const mismatches = CASES.flatMap((c, i) => {
      const { generic: g, named: n } = lines[i]!;
      if (codeAt(g) !== "ok" || codeAt(n) !== "ok" || c.verdictOnly) return [];
      // A concatenation's axis around type parameters is `AxisSum<[X, Y]>`, a dim equal only to itself
      // (types/ops/concat.ts); with names it is their sum in normal form: both read as "<sum>".
      // A type parameter broadcast against `number` stays `BroadcastDim<B, number>`, which is `number` by
      // the rules (README, "Limits"; TypeScript cannot decide it for a type parameter).
      const genericType = results.get(`g${i}`)!.replaceAll(/AxisSum<readonly \[[^\]]*\]>/g, '"<sum>"').replaceAll(/BroadcastDim<(?:number, [ABC]|[ABC], number)>/g, "number").replaceAll("...Batch", '"p", "q"').replaceAll(/\b[ABC]\b/g, (p) => NAMES[p]!);
      const namedType = results.get(`n${i}`)!.replaceAll(/"[^"]*[+*][^"]*"/g, '"<sum>"');
      return genericType === namedType ? [] : [`${c.call} on ${c.shapes.map(generic).join(", ")}: generic ${results.get(`g${i}`)}, named ${namedType}`];
    });
    expect(mismatches).toEqual([]);
  });
});

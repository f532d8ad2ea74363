/**
 * einsum, proven three ways:
 * 1. the type level (`EinsumShape`, evaluated by the compiler) and the runtime rule (`einsumShape`)
 *    agree — the same shape, or byte-identical messages — on generated subscripts and shapes, valid
 *    and broken on purpose (a size, a rank, the operand count, the output's letters, the syntax),
 *    with known and symbolic dims;
 * 2. the values equal an oracle written here from the definition — for every assignment of all the
 *    letters, the product of the operands' entries (read from nested arrays by their letters' values)
 *    added into the output entry — and the classic identities against other ops (matmul, batched
 *    matmul, transpose, diagonal, trace, outer product);
 * 3. gradients match finite differences (float64), diagonals and summed-out letters included.
 * Half again of the cases carry `...` (NumPy's: at most one per term, the axes it stands for broadcast
 * across the operands, the output keeps them where it has one), valid and broken.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { Tensor, configure, einsum, einsumShape, fromArray, tensor } from "../../src/index.js";
import { einsumFor } from "../../src/ops/einsum.js";
import { outcome, sameResult } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { expectGradientsMatch, uniform } from "../gradients/check.js";
import { expectClose as close } from "../runtime/close.js";

const random = seeded(20261203);
const LETTERS = "ijklmn";

interface Case {
  readonly subscripts: string;
  readonly shapes: (number | string)[][];
}

/** A valid case: letters with sizes, operands naming some of them (a diagonal now and then), an output. */
function valid(): Case {
  const letters = LETTERS.slice(0, random.int(1, 4)).split("");
  const size = new Map(letters.map((l) => [l, random.int(1, 4)] as const));
  const symbolic = random.chance(0.2) ? letters[0]! : undefined;
  const operands = Array.from({ length: random.int(1, 3) }, () => {
    const subs = letters.filter(() => random.chance(0.6));
    if (subs.length > 0 && random.chance(0.1)) subs.push(subs[0]!); // a diagonal
    return subs.join("");
  });
  const used = [...new Set(operands.join(""))];
  const output = used.filter(() => random.chance(0.5)).join("");
  const shapes = operands.map((subs) => [...subs].map((l) => (l === symbolic ? "n" : size.get(l)!)));
  return { subscripts: `${operands.join(",")}->${output}`, shapes };
}

function broken(c: Case): Case {
  const [left, output] = c.subscripts.split("->") as [string, string];
  const r = random.int(0, 6);
  if (r === 0) return { ...c, shapes: [...c.shapes, [2]] };
  if (r === 1 && c.shapes.some((s) => s.length > 0)) {
    const i = c.shapes.findIndex((s) => s.length > 0);
    return { ...c, shapes: c.shapes.map((s, k) => (k === i ? [...s, 3] : s)) };
  }
  if (r === 2) return { ...c, subscripts: `${left}->${output}z` };
  if (r === 3 && output.length > 0) return { ...c, subscripts: `${left}->${output}${output[0]}` };
  if (r === 4) return { ...c, subscripts: left };
  if (r === 5) return { ...c, subscripts: `${left}->${output}1` };
  // a size that disagrees: bump the first dim of an operand whose first letter appears again somewhere
  const operands = left.split(",");
  const i = operands.findIndex((subs) => subs.length > 0 && left.split(subs[0]!).length > 2);
  if (i < 0) return { ...c, shapes: c.shapes.slice(1) };
  return { ...c, shapes: c.shapes.map((s, k) => (k === i ? [typeof s[0] === "number" ? s[0] + 1 : 7, ...s.slice(1)] : s)) };
}

/**
 * A valid case with `...`: a broadcast group of 0–2 axes (a symbolic one now and then); each operand
 * takes `...` (at its front, middle or end) or not, standing for the group's last axes with some
 * sizes 1 (NumPy broadcasting); the output has `...` where the group is not empty (and sometimes
 * where it is).
 */
function validEllipsis(): Case {
  const base = valid();
  const group = Array.from({ length: random.int(0, 2) }, (): number | string => (random.chance(0.15) ? "g" : random.int(2, 4)));
  const [left, output] = base.subscripts.split("->") as [string, string];
  const terms = left.split(",");
  const shapes = base.shapes.map((s) => [...s]);
  let any = false;
  terms.forEach((term, i) => {
    if (!random.chance(0.7)) return;
    any = true;
    const own = group.slice(random.int(0, group.length)).map((d) => (random.chance(0.3) ? 1 : d));
    const at = random.int(0, term.length);
    terms[i] = `${term.slice(0, at)}...${term.slice(at)}`;
    shapes[i] = [...shapes[i]!.slice(0, at), ...own, ...shapes[i]!.slice(at)];
  });
  const at = random.int(0, output.length);
  const out = any || random.chance(0.2) ? `${output.slice(0, at)}...${output.slice(at)}` : output;
  return { subscripts: `${terms.join(",")}->${out}`, shapes };
}

/** A case with `...` broken on purpose: the groups clash, the output drops `...`, a term holds two, a stray dot, too few axes. */
function brokenEllipsis(c: Case): Case {
  const [left, output] = c.subscripts.split("->") as [string, string];
  const terms = left.split(",");
  const r = random.int(0, 5);
  if (r === 5) return { ...c, subscripts: `${left}->...${output}` };
  if (r === 0) return { ...c, subscripts: `${left}->${output.replace("...", "")}` };
  if (r === 1) return { ...c, subscripts: `${terms.map((t, i) => (i === 0 ? `${t}...` : t)).join(",")}->${output}` };
  if (r === 2) return { ...c, subscripts: `${left}->${output}.` };
  const i = terms.findIndex((t) => t.includes("..."));
  if (i < 0) return { ...c, subscripts: `${left}->${output}..` };
  const at = terms[i]!.indexOf("...");
  if (r === 3) {
    // the group's last axis made 7 (added where the group is empty): it clashes where another group has a size other than 1 or 7 there
    const end = at + c.shapes[i]!.length - (terms[i]!.length - 3);
    return { ...c, shapes: c.shapes.map((s, k) => (k !== i ? s : end > at ? [...s.slice(0, end - 1), 7, ...s.slice(end)] : [...s.slice(0, at), 7, ...s.slice(at)])) };
  }
  return { ...c, shapes: c.shapes.map((s, k) => (k === i ? s.slice(0, Math.max(0, at - 1)) : s)) }; // too few axes
}

const cases: Case[] = [
  ...Array.from({ length: 400 }, () => (random.chance(0.55) ? valid() : broken(valid()))),
  ...Array.from({ length: 300 }, () => (random.chance(0.55) ? validEllipsis() : random.chance(0.7) ? brokenEllipsis(validEllipsis()) : broken(validEllipsis()))),
];
const typeOf = (c: Case) => `EinsumShape<${JSON.stringify(c.subscripts)}, ${JSON.stringify(c.shapes)}>`;

describe(`einsum: ${cases.length} generated cases, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { EinsumShape } from "../types/ops/einsum.js";`, cases.map(typeOf));
  const typed = texts.map(parseTypeText);
  const outcomes = cases.map((c) => outcome(() => einsumShape(c.subscripts as never, ...(c.shapes as never[]))));

  it("covers results and every kind of error", () => {
    expect(outcomes.filter((o) => o.kind === "ok").length).toBeGreaterThan(150);
    const withGroups = outcomes.filter((o, i) => o.kind === "ok" && cases[i]!.subscripts.includes("...") && o.value.length > cases[i]!.subscripts.split("->")[1]!.length - 3);
    expect(withGroups.length, "valid cases whose '...' stands for axes").toBeGreaterThan(60);
    const messages = outcomes.flatMap((o) => (o.kind === "error" ? [o.message] : []));
    for (const fragment of [
      "operands, got", "axes, but", "an index stands for one size", "the output repeats", "is in no operand", "one '->'", "is not an index",
      "names at least", "which do not broadcast", "but the output has no '...'", "have more than one '...'", "not part of '...'", "the output has more than one '...'",
    ]) {
      expect(messages.some((m) => m.includes(fragment)), fragment).toBe(true);
    }
  });

  it("the same shape, or byte-identical messages", () => {
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      if (!sameResult(typed[i]!, outcomes[i]!)) disagreements.push(`${typeOf(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`);
    });
    expect(disagreements).toEqual([]);
  });
});

/**
 * The tensor op's rule is strict about the axes `...` stands for, as the elementwise ops are: an
 * implicit outer broadcast of two groups is `SHAPE_IMPLICIT_OUTER` (the pure rule above is NumPy's).
 * The same generated cases with `...`, through the tensor op's type rule and its runtime rule.
 */
describe("einsum's tensor op: the same cases with '...', strict about implicit outer broadcasts, type level vs runtime", () => {
  const strictCases: Case[] = [
    ...cases.filter((c) => c.subscripts.includes("...")),
    // written out: groups of different ranks both stretched (errors), and the same with the size-1 axes stated (fine)
    { subscripts: "...i,...i->...i", shapes: [[3, 5], [4, 1, 5]] },
    { subscripts: "...i,...i->...i", shapes: [[1, 3, 5], [4, 1, 5]] },
    { subscripts: "...ij,...jk->...ik", shapes: [[5, 1, 2, 3], [7, 3, 4]] },
    { subscripts: "...ij,...jk->...ik", shapes: [[5, 1, 2, 3], [1, 7, 3, 4]] },
    { subscripts: "i...,...->i...", shapes: [[2, 3], [4, 1]] },
    { subscripts: "...,...,...->...", shapes: [[2], [3, 1], [3, 2]] },
    { subscripts: "...,...,...->...", shapes: [[3, 2], [2], [4, 1, 1]] },
  ];
  const texts = evaluateTypes(`import type { EinsumShape } from "../types/ops/einsum.js";`, strictCases.map((c) => `EinsumShape<${JSON.stringify(c.subscripts)}, ${JSON.stringify(c.shapes)}, "einsum", false>`));
  const outcomes = strictCases.map((c) => outcome(() => einsumFor("einsum", c.subscripts, c.shapes, true).out));

  it("the same shape, or byte-identical messages, implicit outer broadcasts included", () => {
    expect(outcomes.filter((o) => o.kind === "error" && o.message.startsWith("SHAPE_IMPLICIT_OUTER")).length).toBeGreaterThan(3);
    const disagreements = strictCases.flatMap((c, i) => (sameResult(parseTypeText(texts[i]!), outcomes[i]!) ? [] : [`${c.subscripts} ${JSON.stringify(c.shapes)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`]));
    expect(disagreements).toEqual([]);
  });
});

/**
 * The definition, from nested arrays: Σ over all indices of the product of the operands' entries.
 * A `...` is written out here on its own terms: each operand's axes it covers are named `#k`, counted
 * from the right (`#0` the last), sized by the largest (NumPy broadcasting: the others are 1 or the
 * same), and read at 0 where an operand's own size is 1.
 */
function oracle(subscripts: string, operands: Tensor[]): { shape: number[]; values: number[] } {
  const [left, output] = subscripts.split("->") as [string, string];
  const axesOf = (term: string, rank: number): string[] => {
    const [before, after] = term.split("...") as [string, string | undefined];
    if (after === undefined) return [...before];
    const covered = rank - before.length - after.length;
    return [...before, ...Array.from({ length: covered }, (_, j) => `#${covered - 1 - j}`), ...after];
  };
  const subs = left.split(",").map((term, i) => axesOf(term, operands[i]!.dims.length));
  const nested = operands.map((t) => t.toArray() as unknown);
  const size = new Map<string, number>();
  subs.forEach((s, i) => s.forEach((l, axis) => size.set(l, Math.max(size.get(l) ?? 1, operands[i]!.dims[axis]!))));
  const groupRank = [...size.keys()].filter((l) => l.startsWith("#")).length;
  const outAxes = axesOf(output, output.replace("...", "").length + (output.includes("...") ? groupRank : 0));
  const letters = [...size.keys()];
  const shape = outAxes.map((l) => size.get(l)!);
  const values = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const read = (value: unknown, s: string[], dims: readonly number[], at: Map<string, number>): number =>
    s.reduce((v, l, axis) => (v as unknown[])[dims[axis] === 1 ? 0 : at.get(l)!], value) as number;
  const assign = (k: number, at: Map<string, number>): void => {
    if (k === letters.length) {
      const product = subs.reduce((p, s, i) => p * read(nested[i], s, operands[i]!.dims, at), 1);
      const flat = outAxes.reduce((f, l) => f * size.get(l)! + at.get(l)!, 0);
      values[flat]! += product;
      return;
    }
    for (let v = 0; v < size.get(letters[k]!)!; v++) assign(k + 1, new Map(at).set(letters[k]!, v));
  };
  assign(0, new Map());
  return { shape, values };
}

const numericCases = [...Array.from({ length: 80 }, valid), ...Array.from({ length: 80 }, validEllipsis)].map((c) => ({ ...c, shapes: c.shapes.map((s) => s.map((d) => (typeof d === "string" ? 3 : d))) }));

describe("einsum on tensors", () => {
  it("values equal the definition on generated cases (NumPy's broadcasting of '...': the strict check has its own test above)", () => {
    const previous = configure({ broadcasting: "numpy" });
    onTestFinished(() => void configure(previous));
    numericCases.forEach((c, n) => {
      const operands = c.shapes.map((s, i) => uniform(s as number[], 100 * n + i));
      const y = einsum(c.subscripts as never, ...(operands as never[])) as Tensor;
      const { shape, values } = oracle(c.subscripts, operands);
      expect(y.shape, c.subscripts).toEqual(shape);
      close(y.toFlatArray(), values, 1e-12);
    });
  });

  it("the classic identities: matmul, batched matmul, transpose, diagonal, trace, outer product", () => {
    const a = uniform([2, 3], 1);
    const b = uniform([3, 4], 2);
    close(einsum("ij,jk->ik", a, b).toFlatArray(), a.matmul(b).toFlatArray(), 1e-12);
    const p = uniform([5, 2, 3], 3);
    const q = uniform([5, 3, 4], 4);
    close(einsum("bij,bjk->bik", p, q).toFlatArray(), p.matmul(q).toFlatArray(), 1e-12);
    expect(einsum("ij->ji", a).toArray()).toEqual(a.transpose().toArray());
    const m = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(einsum("ii->i", m).toArray()).toEqual([1, 5, 9]);
    expect(einsum("ii->", m).item()).toBe(15);
    expect(einsum("i,j->ij", tensor([1, 2]), tensor([3, 4, 5])).toArray()).toEqual([[3, 4, 5], [6, 8, 10]]);
    expect(einsum("ij->", fromArray([1, 2, 3, 4], [2, 2])).item()).toBe(10);
  });

  it("with '...': a broadcasting matmul, a batched diagonal and transpose, a sum over the leading axis", () => {
    const a = uniform([5, 1, 2, 3], 5);
    const b = uniform([1, 7, 3, 4], 6);
    const product = einsum("...ij,...jk->...ik", a, b);
    expect(product.shape).toEqual([5, 7, 2, 4]);
    close(product.toFlatArray(), a.matmul(b).toFlatArray(), 1e-12);
    const m = uniform([4, 3, 3], 7);
    expect(einsum("...ii->...i", m).toArray()).toEqual((m.toArray() as number[][][]).map((x) => x.map((row, i) => row[i])));
    expect(einsum("...ij->...ji", m).toArray()).toEqual(m.mT.toArray());
    close(einsum("i...->...", m).toFlatArray(), m.sum(0).toFlatArray(), 1e-12);
    expect(einsum("...->...", m).toArray()).toEqual(m.toArray());
  });

  it("gradients match finite differences (diagonals and summed-out letters included)", () => {
    for (const [subscripts, shapes] of [
      ["ij,jk->ik", [[2, 3], [3, 4]]],
      ["ii->i", [[3, 3]]],
      ["iij,jk->k", [[2, 2, 3], [3, 2]]],
      ["bij,bjk->bik", [[2, 2, 3], [2, 3, 2]]],
      ["i,j,k->ijk", [[2], [3], [2]]],
      ["ij->", [[3, 2]]],
      ["...ij,...jk->...ik", [[2, 1, 2, 3], [1, 3, 3, 2]]],
      ["i...,...->i...", [[2, 3, 1], [1, 4]]],
      ["...ii->...", [[2, 3, 3]]],
    ] as const) {
      const operands = shapes.map((s, i) => uniform([...s], 40 + i));
      expectGradientsMatch((...xs) => einsum(subscripts as never, ...(xs as never[])) as Tensor, operands);
    }
  });
});

/**
 * shapecheck/tfjs's einsum (tfjs's own `einsum`, typed):
 * - on generated subscripts and shapes, valid and broken (sizes, ranks, counts, diagonals, `...`, three
 *   operands), the type rule `TfEinsumShape` through the compiler and the runtime rule `tfEinsumShape`
 *   give the same shape or the byte-identical message;
 * - the rule accepts exactly the subscripts tfjs 4.22's einsum computes right: on every one- and
 *   two-operand case over three letters (3,000 and more), tfjs's own einsum, run here without
 *   shapecheck, is compared with shapecheck's (held to the definition in
 *   test/differential/einsum.test.ts); it throws, or returns a wrong shape or wrong values, on the
 *   rest — an operand without the first index summed over is left out of that sum — and on a
 *   diagonal, `...` or a third operand, which the rule refuses too;
 * - on the generated cases, tfjs's results through the typed einsum have the predicted shape and
 *   shapecheck's values (cpu backend: tfjs's wasm backend has no einsum kernel).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as sc from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { tfEinsumShape } from "../../src/tfjs/rules.js";
import { outcome, sameResult } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { expectClose as close } from "../runtime/close.js";
import { useBackend } from "./backends.js";

const random = seeded(20261204);

interface Case {
  readonly subscripts: string;
  readonly shapes: number[][];
}

/** Subscripts over up to four letters: one to three operands, a diagonal or a `...` now and then, sizes that agree or (a third of the time) one that does not. */
function generate(): Case {
  const letters = "ijkl".slice(0, random.int(1, 4)).split("");
  const size = new Map(letters.map((l) => [l, random.int(1, 4)] as const));
  const operands = Array.from({ length: random.chance(0.15) ? 3 : random.int(1, 2) }, () => {
    const subs = letters.filter(() => random.chance(0.6));
    if (subs.length > 0 && random.chance(0.1)) subs.push(subs[0]!);
    return subs;
  });
  const used = [...new Set(operands.flat())];
  const output = used.filter(() => random.chance(0.5));
  const shapes = operands.map((subs) => subs.map((l) => size.get(l)!));
  const ellipsis = random.chance(0.1);
  const terms = operands.map((subs) => (ellipsis ? `...${subs.join("")}` : subs.join("")));
  const c = { subscripts: `${terms.join(",")}->${ellipsis ? "..." : ""}${output.join("")}`, shapes };
  if (random.chance(0.3) && shapes.some((s) => s.length > 0)) {
    const i = shapes.findIndex((s) => s.length > 0);
    return { ...c, shapes: shapes.map((s, k) => (k === i ? [s[0]! + 1, ...s.slice(1)] : s)) };
  }
  return c;
}

const cases = Array.from({ length: 300 }, generate);
const outcomes = cases.map((c) => outcome(() => tfEinsumShape(c.subscripts, c.shapes)));
const typeOf = (c: Case) => `TfEinsumShape<${JSON.stringify(c.subscripts)}, ${JSON.stringify(c.shapes)}>`;

describe(`tfjs einsum: ${cases.length} generated cases, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { TfEinsumShape } from "../types/tfjs/rules.js";`, cases.map(typeOf));

  it("covers results and tfjs's limits", () => {
    expect(outcomes.filter((o) => o.kind === "ok").length).toBeGreaterThan(80);
    const messages = outcomes.flatMap((o) => (o.kind === "error" ? [o.message] : []));
    for (const fragment of ["an index stands for one size", "takes one or two operands", "does not take an index twice", "does not read '...'"]) {
      expect(messages.some((m) => m.includes(fragment)), fragment).toBe(true);
    }
  });

  it("the same shape, or byte-identical messages", () => {
    const disagreements = cases.flatMap((c, i) => (sameResult(parseTypeText(texts[i]!), outcomes[i]!) ? [] : [`${typeOf(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`]));
    expect(disagreements).toEqual([]);
  });

  it("covers the operand tfjs leaves out of a sum", () => {
    expect(outcomes.filter((o) => o.kind === "error" && o.message.includes("gives a wrong result here")).length).toBeGreaterThan(10);
  });
});

/** tfjs's own einsum (no shapecheck in the way) against shapecheck's: "right", "wrong" (shape or values), or "throws". */
function tfjsVerdict(subscripts: string, shapes: readonly number[][], seed: number): "right" | "wrong" | "throws" {
  const values = shapes.map((s) => Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, k) => Math.sin(7 * seed + 3 * k + 1)));
  const mine = sc.einsum(subscripts as never, ...(shapes.map((s, k) => sc.fromArray(values[k]!, s, { dtype: "float64" })) as never[])) as sc.Tensor;
  let theirs: tfc.Tensor;
  try {
    theirs = tfc.einsum(subscripts, ...shapes.map((s, k) => tfc.tensor(values[k]!, s)));
  } catch {
    return "throws";
  }
  const got = [...theirs.dataSync()];
  const want = mine.toFlatArray();
  const same = JSON.stringify(theirs.shape) === JSON.stringify(mine.shape) && got.every((v, i) => Math.abs(v - want[i]!) <= 1e-4 * (1 + Math.abs(want[i]!)));
  theirs.dispose();
  return same ? "right" : "wrong";
}

/** Every one- and two-operand subscripts over the letters `ijk` (no letter twice in an operand), each order of each subset, every output. */
function allSubscripts(): string[] {
  const perms = (s: string): string[] => (s.length <= 1 ? [s] : [...s].flatMap((c, i) => perms(s.slice(0, i) + s.slice(i + 1)).map((p) => c + p)));
  const terms = Array.from({ length: 8 }, (_, m) => [..."ijk"].filter((_, bit) => m & (1 << bit)).join("")).flatMap(perms);
  return [...terms.map((t) => [t]), ...terms.flatMap((a) => terms.map((b) => [a, b]))].flatMap((operands) => {
    const used = [...new Set(operands.join(""))].join("");
    return Array.from({ length: 1 << used.length }, (_, m) => [...used].filter((_, bit) => m & (1 << bit)).join("")).flatMap(perms).map((out) => `${operands.join(",")}->${out}`);
  });
}

describe("tfjs einsum on the cpu backend (tfjs's wasm backend has no einsum kernel)", () => {
  beforeAll(() => useBackend("cpu"));

  it("the rule accepts exactly the subscripts tfjs computes right: every one- and two-operand case over three letters", () => {
    const size: Record<string, number> = { i: 2, j: 3, k: 4 };
    const all = allSubscripts();
    expect(all.length).toBeGreaterThan(3000);
    const disagreements: string[] = [];
    let wrong = 0;
    all.forEach((subscripts, n) => {
      const shapes = subscripts.split("->")[0]!.split(",").map((t) => [...t].map((l) => size[l]!));
      const accepted = outcome(() => tfEinsumShape(subscripts, shapes)).kind === "ok";
      const verdict = tfjsVerdict(subscripts, shapes, n);
      if (verdict !== "right") wrong++;
      if (accepted !== (verdict === "right")) disagreements.push(`${subscripts}: rule ${accepted ? "accepts" : "refuses"}, tfjs ${verdict}`);
    });
    expect(wrong, "tfjs's einsum is wrong on many of them").toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });

  it("on the generated cases: where the rule accepts, tfjs's result has its shape and shapecheck's own values; what it refuses beyond NumPy's, tfjs refuses or gets wrong", () => {
    cases.forEach((c, n) => {
      const o = outcomes[n]!;
      if (o.kind === "ok") {
        const values = c.shapes.map((s) => Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, k) => Math.sin(7 * n + 3 * k + 1)));
        const mine = sc.einsum(c.subscripts as never, ...(c.shapes.map((s, k) => sc.fromArray(values[k]!, s, { dtype: "float64" })) as never[])) as sc.Tensor;
        const theirs = tf.einsum(c.subscripts as never, ...(c.shapes.map((s, k) => tf.tensor(values[k]!, s)) as never[])) as tf.TfTensor;
        expect(theirs.shape, c.subscripts).toEqual(mine.shape);
        close([...theirs.dataSync()], mine.toFlatArray(), 1e-4);
        theirs.dispose();
      } else if (o.message.includes("TensorFlow.js's einsum")) {
        expect(tfjsVerdict(c.subscripts, c.shapes, n), c.subscripts).not.toBe("right");
      }
    });
  });

  it("a mistake throws the message before tfjs runs", () => {
    expect(() => tf.einsum("ij,jk->ik" as never, tf.zeros([2, 3]), tf.zeros([4, 5]) as never)).toThrow(
      "SHAPE_EINSUM: einsum: 'ij,jk->ik': index 'j' is 3 in operand 0 (axis 1) but 4 in operand 1 (axis 0); an index stands for one size",
    );
    expect(() => tf.einsum("ii->i" as never, tf.zeros([3, 3]))).toThrow(
      "SHAPE_EINSUM: einsum: 'ii->i': TensorFlow.js's einsum does not take an index twice in one operand (operand 0's 'ii' repeats 'i'); the built-in einsum (shapecheck's own tensors) takes it",
    );
    expect(() => tf.einsum("i,ij->i" as never, tf.ones([2]), tf.ones([2, 3]))).toThrow(
      "SHAPE_EINSUM: einsum: 'i,ij->i': TensorFlow.js's einsum gives a wrong result here, without an error: it sums 'j' first and leaves operand 0 ('i'), which lacks it, out of that sum; sum 'j' out of its operand beforehand (tf.sum); the built-in einsum (shapecheck's own tensors) takes it",
    );
  });
});

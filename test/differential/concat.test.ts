/**
 * The concat and stack mirrors, proven on generated cases (see broadcast.test.ts for the method): for
 * each seeded case `ConcatShape` / `StackShape` (evaluated by the compiler) and `concatShape` /
 * `stackShape` (run) must agree — the same shape, or byte-identical messages — whenever every dim is
 * known or symbolic. Cases start from one base shape copied into a list, the axis dim of each copy
 * replaced (concat); then some copies are perturbed (another dim, the rank), the axis pushed out of
 * range, the list emptied. Dims: small, 0, up to 2^53 − 1, names and expressions written in
 * different orders (`"n+m"` / `"m+n"`). Cases with `number` dims or unknown ranks are checked for
 * soundness: a compile error implies every concrete run fails, and a run that succeeds fits. The
 * rule as the tensor ops ask it (shapes valid by construction, not validated again) gives the same
 * text as `ConcatShape` and `StackShape` on every case.
 */
import { describe, expect, it } from "vitest";
import { concatShape } from "../../src/ops/concat.js";
import { stackShape } from "../../src/ops/stack.js";
import { concreteShape, fits, isDynamicShape, outcome, sameResult, type Outcome } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(20260501);
const SYMBOLS = ["b", "s", "n", "m"] as const;
const EXPRESSIONS = ["n+m", "m+n", "s*768", "768*s", "n*2", "n+n", "2*3"] as const;
const HUGE = [2 ** 31, 50257, 2 ** 52, 2 ** 53 - 1] as const;

type Kind = "concat" | "stack";
interface Case {
  readonly kind: Kind;
  readonly shapes: readonly SourceShape[];
  readonly axis: number;
}

function randomDim(dynamic: boolean): SourceDim {
  if (dynamic && random.chance(0.15)) return DYNAMIC;
  const r = random.next();
  if (r < 0.15) return 1;
  if (r < 0.22) return 0;
  if (r < 0.55) return random.int(2, 9);
  if (r < 0.65) return random.pick(HUGE);
  if (r < 0.85) return random.pick(SYMBOLS);
  return random.pick(EXPRESSIONS);
}

function generate(count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const kind: Kind = random.chance(0.6) ? "concat" : "stack";
    const dynamic = random.chance(0.3);
    const rank = random.chance(0.06) ? 0 : random.int(1, 4);
    const base = Array.from({ length: rank }, () => randomDim(dynamic));
    const positions = kind === "concat" ? rank : rank + 1;
    const axis = random.chance(0.08) ? random.pick([positions, -positions - 1, positions + 1]) : random.int(-positions, Math.max(0, positions - 1));
    const index = axis < 0 ? axis + positions : axis;
    const count = random.chance(0.03) ? 0 : random.pick([1, 2, 2, 2, 3, 4]);
    const shapes: SourceShape[] = [];
    for (let k = 0; k < count; k++) {
      let shape: SourceDim[] = [...base];
      if (kind === "concat" && index < rank) shape[index] = random.chance(0.3) ? base[index]! : randomDim(dynamic);
      const r = random.next();
      if (r < 0.12 && rank > 0) shape[random.int(0, rank - 1)] = randomDim(dynamic);
      else if (r < 0.16) shape = random.chance(0.5) ? shape.slice(1) : [...shape, randomDim(dynamic)];
      else if (r < 0.2 && rank > 0) {
        const at = random.int(0, rank - 1); // the same size written another way
        const d = shape[at];
        if (d === "n+m") shape[at] = "m+n";
        else if (d === "n*2") shape[at] = "n+n";
        else if (d === 6) shape[at] = "2*3";
      }
      shapes.push(dynamic && random.chance(0.06) ? "unknown-rank" : shape);
    }
    cases.push({ kind, shapes, axis });
  }
  return cases;
}

const cases = generate(1200);
const hasDynamic = (c: Case) => c.shapes.some(isDynamicShape);

function typeExpression(c: Case): string {
  return `${c.kind === "concat" ? "ConcatShape" : "StackShape"}<[${c.shapes.map(shapeType).join(", ")}], ${c.axis}>`;
}

function run(kind: Kind, shapes: readonly (readonly (number | string)[])[], axis: number): Outcome {
  return outcome(() => (kind === "concat" ? concatShape(shapes as never, axis as never) : stackShape(shapes as never, axis as never)));
}

/** The tensor op's rule (`Validate` false: a tensor's shape is not validated again) on a case. */
const tensorExpression = (c: Case) =>
  `ErrorOf<${c.kind === "concat" ? "ConcatResult" : "StackResult"}<[${c.shapes.map(shapeType).join(", ")}], ${c.axis}, "${c.kind}Shape", false>>`;

describe(`differential: ${cases.length} generated concat and stack cases, type level vs runtime`, () => {
  const all = evaluateTypes(
    `import type { ConcatResult, ConcatShape, ErrorOf } from "../types/ops/concat.js";\nimport type { StackResult, StackShape } from "../types/ops/stack.js";`,
    [...cases.map(typeExpression), ...cases.map(tensorExpression)],
  );
  const texts = all.slice(0, cases.length);
  const tensorTexts = all.slice(cases.length);

  it("the tensor ops' rules (not validating again) read exactly as ConcatShape and StackShape", () => {
    for (const kind of ["concat", "stack"] as const) expect(cases.filter((c) => c.kind === kind && c.shapes.length === 2).length).toBeGreaterThan(150);
    // One documented difference: a sum above 2^53 − 1 is the pure rule's error, and `number` for
    // tensors (`AxisSum`: no two tensors hold it; the runtime throws on the allocation).
    const tooLarge = /^ShapeError<"SHAPE_CONCAT: [^"]* it would have size \d+, above the largest safe integer 9007199254740991">$/;
    const differ = cases.flatMap((c, i) => {
      const pure = texts[i]!;
      const same = tensorTexts[i] === pure || (tooLarge.test(pure) && parseTypeText(tensorTexts[i]!).kind === "shape" && tensorTexts[i]!.includes("number"));
      return same ? [] : [`${tensorExpression(c)}: ${tensorTexts[i]} vs ${pure}`];
    });
    expect(differ).toEqual([]);
  });
  const typed = texts.map(parseTypeText);

  it("covers both ops, successes and every error, symbols and dynamic dims", () => {
    const kinds = new Set(cases.map((c, i) => `${c.kind}:${typed[i]!.kind}`));
    expect(kinds.size).toBe(4);
    const codes = new Set(typed.flatMap((t, i) => (t.kind === "error" ? [`${cases[i]!.kind}:${t.message.split(":")[0]}`] : [])));
    expect([...codes].sort()).toEqual(["concat:SHAPE_AXIS", "concat:SHAPE_CONCAT", "concat:SHAPE_RANK", "stack:SHAPE_AXIS", "stack:SHAPE_STACK"]);
    const sums = typed.filter((t, i) => cases[i]!.kind === "concat" && t.kind === "shape" && t.dims.some((d) => typeof d === "string" && /[+*]/.test(d)));
    expect(sums.length).toBeGreaterThan(50);
    expect(cases.filter(hasDynamic).length).toBeGreaterThan(150);
    expect(cases.filter((c) => !hasDynamic(c)).length).toBeGreaterThan(800);
  });

  it("known and symbolic dims: same result, or byte-identical error messages", () => {
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      if (hasDynamic(c)) return;
      const runtime = run(c.kind, c.shapes as (number | string)[][], c.axis);
      const t = typed[i]!;
      if (!sameResult(t, runtime)) disagreements.push(`${typeExpression(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(runtime)}`);
    });
    expect(disagreements).toEqual([]);
  });

  it("dynamic dims and unknown ranks: never a false compile error, and results fit", () => {
    const problems: string[] = [];
    cases.forEach((c, i) => {
      if (!hasDynamic(c)) return;
      const t = typed[i]!;
      const rank = Math.max(0, ...c.shapes.map((s) => (s === "unknown-rank" ? 0 : s.length)));
      for (const sizes of [() => 1, () => random.pick([0, 2, 3, 5, 7])]) {
        // An unknown rank mostly takes the others' rank (else concat fails on rank alone).
        const shapes = c.shapes.map((s) => concreteShape(s, sizes, () => (random.chance(0.8) ? rank : random.int(0, 3))));
        const runtime = run(c.kind, shapes, c.axis);
        if (t.kind === "error" && runtime.kind === "ok") problems.push(`${typeExpression(c)} is a compile error but ${JSON.stringify(shapes)} runs`);
        if (t.kind === "shape" && runtime.kind === "ok" && !fits(runtime.value, t))
          problems.push(`${typeExpression(c)} gives ${texts[i]} but ${JSON.stringify(shapes)} gives ${JSON.stringify(runtime.value)}`);
      }
    });
    expect(problems).toEqual([]);
  });
});

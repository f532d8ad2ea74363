/**
 * The mirror, proven on generated cases: for each seeded case the type-level rule (evaluated by the
 * compiler) and the runtime rule must agree — the same shape, or errors with byte-identical
 * messages. Cases with dynamic (`number`) dims or unknown rank cannot be byte-compared (the compiler
 * prints `number`, the runtime a size), so for them the rule is soundness: a compile error implies
 * every concrete run fails, and when the run succeeds its shape fits the compile-time shape.
 */
import { describe, expect, it } from "vitest";
import { broadcastShapes, broadcastToShape, reductionAxes } from "../../src/ops/broadcast.js";
import { concreteShape, fits, isDynamicShape, outcome, sameResult, type Outcome } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(20261125);
const SYMBOLS = ["batch", "seq", "n", "m"] as const;
const HUGE = [2 ** 31, 50257, 2 ** 52, 2 ** 53 - 1] as const;

type Kind = "broadcast" | "broadcastTo" | "reductionAxes";
interface Case {
  readonly kind: Kind;
  readonly shapes: readonly SourceShape[];
}

function randomDim(): SourceDim {
  const r = random.next();
  if (r < 0.25) return 1;
  if (r < 0.32) return 0;
  if (r < 0.6) return random.int(2, 9);
  if (r < 0.7) return random.pick(HUGE);
  if (r < 0.85) return random.pick(SYMBOLS);
  return DYNAMIC;
}

/** A shape loosely derived from `base`: a suffix of it, some dims set to 1, some replaced. */
function relatedShape(base: readonly SourceDim[], allowUnknown: boolean): SourceShape {
  if (allowUnknown && random.chance(0.04)) return "unknown-rank";
  const rank = random.int(0, base.length);
  return base.slice(base.length - rank).map((d) => (random.chance(0.3) ? 1 : random.chance(0.12) ? randomDim() : d));
}

function generate(count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const base = Array.from({ length: random.int(0, 6) }, randomDim);
    const r = random.next();
    if (r < 0.6) {
      const arity = random.pick([1, 2, 2, 2, 2, 3, 4]);
      cases.push({ kind: "broadcast", shapes: Array.from({ length: arity }, () => relatedShape(base, true)) });
    } else if (r < 0.85) {
      cases.push({ kind: "broadcastTo", shapes: [relatedShape(base, false), base] });
    } else {
      cases.push({ kind: "reductionAxes", shapes: [relatedShape(base, false), base] });
    }
  }
  return cases;
}

const cases = generate(1500);
const hasDynamic = (c: Case) => c.shapes.some(isDynamicShape);

function run(kind: Kind, shapes: readonly (readonly (number | string)[])[]): Outcome {
  return outcome(() =>
    kind === "broadcast"
      ? broadcastShapes(...(shapes as never[]))
      : kind === "broadcastTo"
        ? broadcastToShape(shapes[0] as never, shapes[1] as never)
        : reductionAxes(shapes[0] as never, shapes[1] as never),
  );
}

function typeExpression(c: Case): string {
  const types = c.shapes.map(shapeType);
  if (c.kind === "broadcast") return `BroadcastShapes<[${types.join(", ")}]>`;
  if (c.kind === "broadcastTo") return `BroadcastToShape<${types[0]}, ${types[1]}>`;
  return `ReductionAxes<${types[0]}, ${types[1]}>`;
}




describe(`differential: ${cases.length} generated broadcasting cases, type level vs runtime`, () => {
  const texts = evaluateTypes(
    `import type { BroadcastShapes, BroadcastToShape, ReductionAxes } from "../types/ops/broadcast.js";`,
    cases.map(typeExpression),
  );
  const typed = texts.map(parseTypeText);

  it("covers every kind, errors and successes, symbols, dynamic dims and unknown ranks", () => {
    const kinds = new Set(cases.map((c) => `${c.kind}:${typed[cases.indexOf(c)]!.kind}`));
    expect(kinds.size).toBe(6);
    expect(cases.filter(hasDynamic).length).toBeGreaterThan(100);
    expect(cases.filter((c) => JSON.stringify(c.shapes).includes('"batch"')).length).toBeGreaterThan(100);
  });

  it("known and symbolic dims: same result, or byte-identical error messages", () => {
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      if (hasDynamic(c)) return;
      const runtime = run(c.kind, c.shapes as (number | string)[][]);
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
      for (const sizes of [() => 1, () => random.pick([0, 2, 3, 5, 7])]) {
        const shapes = c.shapes.map((s) => concreteShape(s, sizes, () => random.int(0, 3)));
        const runtime = run(c.kind, shapes);
        if (t.kind === "error" && runtime.kind === "ok") problems.push(`${typeExpression(c)} is a compile error but ${JSON.stringify(shapes)} runs`);
        if (t.kind === "shape" && runtime.kind === "ok" && !fits(runtime.value, t))
          problems.push(`${typeExpression(c)} gives ${texts[i]} but ${JSON.stringify(shapes)} gives ${JSON.stringify(runtime.value)}`);
      }
    });
    expect(problems).toEqual([]);
  });
});

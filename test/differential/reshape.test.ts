/**
 * The reshape mirror, proven on generated cases (see broadcast.test.ts for the method): for each
 * seeded case `ReshapeShape` / `FlattenShape` (evaluated by the compiler) and `reshapeShape` /
 * `flattenShape` (run) must agree — the same shape, or byte-identical messages — whenever every dim
 * is known or symbolic. Cases are built to land on both sides of the line: targets derived from the
 * source by merging, splitting, permuting dims and inserting 1s or a `-1` (valid), then perturbed
 * (invalid), plus two `-1`s, negative dims, zero sizes, dims up to 2^53 − 1 and symbolic expressions.
 *
 * Where the compiler cannot decide a symbolic `-1` (a divisor that stays a sum after cancelling) it
 * answers `number`, and the runtime's shape function, which has no sizes either, throws the
 * "symbolic sizes" message; those cases are counted and checked separately. Cases with `number`
 * dims or unknown ranks are checked for soundness: a compile error implies every concrete run fails,
 * and a run that succeeds fits the compile-time shape.
 */
import { describe, expect, it } from "vitest";
import { flattenShape, reshapeShape } from "../../src/ops/reshape.js";
import { concreteShape, fits, isDynamicShape, outcome, sameResult, type Outcome } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(20260417);
const SYMBOLS = ["b", "s", "n", "m"] as const;
const EXPRESSIONS = ["n+m", "m+n", "s*768", "b*s", "n*2", "n+1", "2*3"] as const;
const HUGE = [2 ** 31, 50257, 2 ** 52, 2 ** 53 - 1] as const;
const MAX = Number.MAX_SAFE_INTEGER;

type Kind = "reshape" | "flatten";
interface Case {
  readonly kind: Kind;
  readonly from: SourceShape;
  readonly to: SourceShape;
}

function randomDim(dynamic: boolean): SourceDim {
  if (dynamic && random.chance(0.15)) return DYNAMIC;
  const r = random.next();
  if (r < 0.15) return 1;
  if (r < 0.22) return 0;
  if (r < 0.55) return random.int(2, 12);
  if (r < 0.62) return random.pick([64, 768, 784, 28]);
  if (r < 0.68) return random.pick(HUGE);
  if (r < 0.82) return random.pick(SYMBOLS);
  return random.pick(EXPRESSIONS);
}

const isNum = (d: SourceDim): d is number => typeof d === "number";
const text = (d: SourceDim) => (typeof d === "string" ? d : String(d));

/** Merges two adjacent dims into one of the same size (a product), or `undefined` when it cannot. */
function merge(a: SourceDim, b: SourceDim): SourceDim | undefined {
  if (a === DYNAMIC || b === DYNAMIC) return DYNAMIC;
  if (isNum(a) && isNum(b)) return a * b <= MAX ? a * b : undefined;
  if (text(a).includes("+") || text(b).includes("+")) return undefined; // no parentheses in the grammar
  return `${text(a)}*${text(b)}`;
}

/** A target with the same element count as `from`: dims merged, split, permuted, 1s inserted. */
function related(from: readonly SourceDim[]): SourceDim[] {
  const dims: SourceDim[] = [...from];
  for (let step = random.int(0, 3); step > 0; step--) {
    const r = random.next();
    if (r < 0.35 && dims.length >= 2) {
      const i = random.int(0, dims.length - 2);
      const merged = merge(dims[i]!, dims[i + 1]!);
      if (merged !== undefined) dims.splice(i, 2, merged);
    } else if (r < 0.65) {
      const i = random.int(0, Math.max(0, dims.length - 1));
      const d = dims[i];
      const factor = random.pick([2, 3, 4, 8]);
      if (isNum(d) && d % factor === 0 && d > 0) dims.splice(i, 1, factor, d / factor);
    } else if (r < 0.8) {
      dims.splice(random.int(0, dims.length), 0, 1);
    } else if (dims.length >= 2) {
      const i = random.int(0, dims.length - 1);
      const j = random.int(0, dims.length - 1);
      const swapped = dims[i]!;
      dims[i] = dims[j]!;
      dims[j] = swapped;
    }
  }
  return dims;
}

function generate(count: number): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const dynamic = random.chance(0.3);
    const from: SourceShape = dynamic && random.chance(0.1) ? "unknown-rank" : Array.from({ length: random.int(0, 4) }, () => randomDim(dynamic));
    if (random.chance(0.12)) {
      cases.push({ kind: "flatten", from, to: [-1] });
      continue;
    }
    const base = from === "unknown-rank" ? Array.from({ length: random.int(1, 3) }, () => randomDim(true)) : from;
    let to: SourceDim[] = related(base);
    const r = random.next();
    if (r < 0.45 && to.length > 0) {
      to[random.int(0, to.length - 1)] = -1; // infer one dim
    } else if (r < 0.65 && to.length > 0) {
      const i = random.int(0, to.length - 1); // perturb one dim
      to[i] = random.chance(0.5) && isNum(to[i]!) ? (to[i] as number) + random.int(1, 3) : randomDim(dynamic);
      if (random.chance(0.3)) to[random.int(0, to.length - 1)] = -1;
    } else if (r < 0.72) {
      to.splice(random.int(0, to.length), 0, -1); // one or two -1s
      if (random.chance(0.6)) to.splice(random.int(0, to.length), 0, -1);
    } else if (r < 0.76) {
      to.splice(random.int(0, to.length), 0, random.pick([-2, -3, -1]));
    } else if (r < 0.84) {
      to = Array.from({ length: random.int(0, 3) }, () => randomDim(dynamic));
      if (random.chance(0.5)) to.splice(random.int(0, to.length), 0, -1);
    }
    cases.push({ kind: "reshape", from, to: dynamic && random.chance(0.05) ? "unknown-rank" : to });
  }
  return cases;
}

const cases = generate(1400);
const hasDynamic = (c: Case) => [c.from, c.to].some(isDynamicShape);

function typeExpression(c: Case): string {
  return c.kind === "flatten" ? `FlattenShape<${shapeType(c.from)}>` : `ReshapeShape<${shapeType(c.from)}, ${shapeType(c.to)}>`;
}

function run(kind: Kind, from: readonly (number | string)[], to: readonly (number | string)[]): Outcome {
  return outcome(() => (kind === "flatten" ? flattenShape(from as never) : reshapeShape(from as never, to as never)));
}

const UNDECIDED = "-1 cannot be inferred from symbolic sizes";

describe(`differential: ${cases.length} generated reshape cases, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { FlattenShape, ReshapeShape } from "../types/ops/reshape.js";`, cases.map(typeExpression));
  const typed = texts.map(parseTypeText);
  const outcomes = cases.map((c) => (hasDynamic(c) ? undefined : run(c.kind, c.from as (number | string)[], c.to as (number | string)[])));

  it("covers successes and errors, symbols, expressions, zeros, huge dims, dynamic dims", () => {
    const known = cases.filter((c) => !hasDynamic(c));
    expect(known.length).toBeGreaterThan(1000);
    const ok = typed.filter((t, i) => t.kind === "shape" && !hasDynamic(cases[i]!)).length;
    const errors = typed.filter((t, i) => t.kind === "error" && !hasDynamic(cases[i]!)).length;
    expect(ok).toBeGreaterThan(300);
    expect(errors).toBeGreaterThan(300);
    const codes = new Set(typed.flatMap((t) => (t.kind === "error" ? [t.message.split(":")[0]] : [])));
    expect([...codes].sort()).toEqual(["SHAPE_INVALID_SHAPE", "SHAPE_RESHAPE", "SHAPE_RESHAPE_ORDER"]);
    // permuted symbolic targets reorder named factors: both levels must refuse them alike
    expect(typed.filter((t) => t.kind === "error" && t.message.startsWith("SHAPE_RESHAPE_ORDER")).length).toBeGreaterThan(10);
    const symbolicOk = typed.filter((t) => t.kind === "shape" && t.dims.some((d) => typeof d === "string" && d !== "number" && /[+*]/.test(d)));
    expect(symbolicOk.length).toBeGreaterThan(30);
    const messages = typed.flatMap((t) => (t.kind === "error" ? [t.message] : []));
    for (const fragment of ["element counts differ", "is not a multiple of", "so any size would fit", "above the largest safe integer", "only one dim can be -1", "is negative"]) {
      expect(messages.some((m) => m.includes(fragment)), fragment).toBe(true);
    }
    expect(cases.filter(hasDynamic).length).toBeGreaterThan(150);
  });

  it("known and symbolic dims: same result, or byte-identical error messages", () => {
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const runtime = outcomes[i];
      if (runtime === undefined) return;
      const t = typed[i]!;
      if (runtime.kind === "error" && runtime.message.includes(UNDECIDED) && t.kind === "shape" && t.dims.includes("number")) return;
      if (!sameResult(t, runtime)) disagreements.push(`${typeExpression(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(runtime)}`);
    });
    expect(disagreements).toEqual([]);
  });

  it("an undecided symbolic -1 is `number` at compile time and the runtime's symbolic-sizes error", () => {
    const undecided = cases.filter((_, i) => outcomes[i]?.kind === "error" && (outcomes[i] as { message: string }).message.includes(UNDECIDED));
    for (const c of undecided) {
      const t = typed[cases.indexOf(c)]!;
      expect(t.kind === "shape" && t.dims.includes("number"), typeExpression(c)).toBe(true);
    }
  });

  it("dynamic dims and unknown ranks: never a false compile error, and results fit", () => {
    const problems: string[] = [];
    cases.forEach((c, i) => {
      if (!hasDynamic(c)) return;
      const t = typed[i]!;
      for (const sizes of [() => 1, () => random.pick([0, 2, 3, 4, 6, 12])]) {
        const from = concreteShape(c.from, sizes, () => random.int(0, 3));
        const to = c.kind === "flatten" ? [-1] : concreteShape(c.to, sizes, () => random.int(0, 3));
        const runtime = run(c.kind, from, to);
        if (t.kind === "error" && runtime.kind === "ok") problems.push(`${typeExpression(c)} is a compile error but ${JSON.stringify([from, to])} runs`);
        if (t.kind === "shape" && runtime.kind === "ok" && !fits(runtime.value, t))
          problems.push(`${typeExpression(c)} gives ${texts[i]} but ${JSON.stringify([from, to])} gives ${JSON.stringify(runtime.value)}`);
      }
    });
    expect(problems).toEqual([]);
  });
});

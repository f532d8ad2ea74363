/**
 * The comparison at the heart of every differential test (test/differential/): what a runtime rule
 * did on concrete shapes, and whether it agrees with what the type rule said through the compiler.
 */
import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import { seeded } from "./random.js";
import { DYNAMIC, evaluateTypeBatches, parseTypeText, type SourceDim, type SourceShape, type TypeResult } from "./types.js";

/** What a runtime rule did: a shape (or axis list), or a ShapeError's message. */
export type Outcome = { kind: "error"; message: string } | { kind: "ok"; value: readonly (number | string)[] };

/** Runs a runtime rule; a ShapeError becomes an "error" outcome, anything else thrown is a bug. */
export function outcome(run: () => unknown): Outcome {
  try {
    return { kind: "ok", value: run() as readonly (number | string)[] };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: "error", message: error.message };
    throw error;
  }
}

/** `true` for a shape with a `number` dim or of unknown rank: the compiler cannot print what the runtime will. */
export const isDynamicShape = (shape: SourceShape): boolean => shape === "unknown-rank" || shape.includes(DYNAMIC);

/** A concrete stand-in for a run: `number` dims get `sizes()`, an unknown rank gets `rank()` axes. */
export function concreteShape(shape: SourceShape, sizes: () => number, rank: () => number): (number | string)[] {
  if (shape === "unknown-rank") return Array.from({ length: rank() }, sizes);
  return shape.map((d) => (d === DYNAMIC ? sizes() : d));
}

/** Known and symbolic shapes: the same result, or errors with byte-identical messages. */
export function sameResult(typed: TypeResult, runtime: Outcome): boolean {
  return runtime.kind === "error"
    ? typed.kind === "error" && typed.message === runtime.message
    : typed.kind === "shape" && !typed.rest && JSON.stringify(typed.dims) === JSON.stringify(runtime.value);
}

/** Does a concrete runtime result fit a compile-time shape (`number` fits any size, `...` any prefix)? */
export function fits(value: readonly (number | string)[], typed: TypeResult & { kind: "shape" }): boolean {
  if (typed.rest ? value.length < typed.dims.length : value.length !== typed.dims.length) return false;
  const tail = value.slice(value.length - typed.dims.length);
  return typed.dims.every((d, i) => d === "number" || d === tail[i]);
}

/**
 * Random dims and shapes for generated cases, from a seeded generator: 1 (25%), 0 (7%), small sizes,
 * huge sizes up to 2^53 − 1, names, and `number` (16%); a shape is of unknown rank 5% of the time.
 */
export function shapeSampler(random: ReturnType<typeof seeded>) {
  const SYMBOLS = ["batch", "seq", "n", "m"] as const;
  const HUGE = [2 ** 31, 50257, 2 ** 52, 2 ** 53 - 1] as const;
  const dim = (): SourceDim => {
    const r = random.next();
    if (r < 0.25) return 1;
    if (r < 0.32) return 0;
    if (r < 0.6) return random.int(2, 9);
    if (r < 0.67) return random.pick(HUGE);
    if (r < 0.84) return random.pick(SYMBOLS);
    return DYNAMIC;
  };
  return {
    dim,
    shape: (lo: number, hi: number): SourceDim[] => Array.from({ length: random.int(lo, hi) }, dim),
    maybeUnknown: (shape: SourceDim[]): SourceShape => (random.chance(0.05) ? "unknown-rank" : shape),
  };
}

/** One generated call of a rule: its shapes (which may hold `number` dims or be of unknown rank) and its other arguments. */
export interface RuleCase {
  readonly shapes: readonly SourceShape[];
  readonly args: readonly unknown[];
}

/** How a shape rule maps onto a type expression and a runtime call, and which results are degraded on purpose. */
export interface Rule {
  readonly name: string;
  readonly generate: () => RuleCase;
  readonly type: (c: RuleCase) => string;
  readonly run: (shapes: readonly (number | string)[][], args: readonly unknown[]) => unknown;
  /** `true` when a known/symbolic case is degraded on purpose and is checked for soundness only. */
  readonly loose?: (c: RuleCase) => boolean;
}

/**
 * The differential suite for rules whose cases are `RuleCase`s: each rule's generated cases are
 * evaluated by the compiler in one pass and run at run time, then
 * - known and symbolic dims: the same result, or byte-identical error messages;
 * - `number` dims, unknown ranks and documented degradations: soundness — a compile error implies
 *   every concrete stand-in fails, and a successful run fits the compile-time shape.
 */
export function differentialSuite(rules: readonly Rule[], imports: string, casesPerRule: number, seed: number): void {
  const random = seeded(seed);
  const hasDynamic = (c: RuleCase) => c.shapes.some(isDynamicShape);
  // Every rule's cases are generated first, in rule order, and evaluated by one program (a file per rule).
  const generated = rules.map((rule) => Array.from({ length: casesPerRule }, () => rule.generate()));
  const evaluated = evaluateTypeBatches(rules.map((rule, i) => ({ imports, expressions: generated[i]!.map(rule.type) })));
  describe.each(rules.map((rule, index) => ({ name: rule.name, rule, index })))("differential: $name, type level vs runtime", ({ rule, index }) => {
    const cases = generated[index]!;
    const texts = evaluated[index]!;
    const typed = texts.map(parseTypeText);
    const exact = (c: RuleCase) => !hasDynamic(c) && !(rule.loose?.(c) ?? false);

    it(`covers ${casesPerRule} cases: errors and results, symbols, dynamic dims and unknown ranks`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(500);
      expect(cases.filter((c, i) => exact(c) && typed[i]!.kind === "error").length).toBeGreaterThan(40);
      expect(cases.filter((c, i) => exact(c) && typed[i]!.kind === "shape").length).toBeGreaterThan(100);
      expect(cases.filter((c) => exact(c) && JSON.stringify(c.shapes).match(/"(batch|seq|n|m)"/)).length).toBeGreaterThan(40);
      expect(cases.filter(hasDynamic).length).toBeGreaterThan(60);
      expect(cases.filter((c) => c.shapes.includes("unknown-rank")).length).toBeGreaterThan(5);
    });

    it("known and symbolic dims: the same result, or byte-identical error messages", () => {
      const disagreements: string[] = [];
      cases.forEach((c, i) => {
        if (!exact(c)) return;
        const runtime = outcome(() => rule.run(c.shapes as (number | string)[][], c.args));
        if (!sameResult(typed[i]!, runtime)) disagreements.push(`${rule.type(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(runtime)}`);
      });
      expect(disagreements).toEqual([]);
    });

    it("dynamic dims, unknown ranks and documented degradations: never a false compile error, and results fit", () => {
      const problems: string[] = [];
      let checked = 0;
      cases.forEach((c, i) => {
        if (exact(c)) return;
        const t = typed[i]!;
        for (const sizes of [() => 1, () => random.pick([0, 2, 3, 5, 7])]) {
          const shapes = c.shapes.map((s) => concreteShape(s, sizes, () => random.int(0, 4)));
          const runtime = outcome(() => rule.run(shapes, c.args));
          checked++;
          if (t.kind === "error" && runtime.kind === "ok") problems.push(`${rule.type(c)} is a compile error but ${JSON.stringify(shapes)} runs`);
          if (t.kind === "shape" && runtime.kind === "ok" && !fits(runtime.value, t))
            problems.push(`${rule.type(c)} gives ${texts[i]} but ${JSON.stringify(shapes)} gives ${JSON.stringify(runtime.value)}`);
        }
      });
      expect(checked).toBeGreaterThan(100);
      expect(problems).toEqual([]);
    });
  });
}

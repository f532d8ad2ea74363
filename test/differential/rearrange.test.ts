/**
 * rearrange, proven three ways on generated patterns:
 * 1. the type level (`RearrangeShape`, evaluated by the compiler) and the runtime rule
 *    (`rearrangeShape`) agree — the same shape, or byte-identical messages — on valid patterns and on
 *    patterns broken on purpose (a wrong size, a missing size, an axis dropped, repeated or added, a
 *    bad name, unbalanced parentheses, a wrong rank), with known and symbolic dims;
 * 2. the values equal an independent oracle written here with plain index arithmetic: every output
 *    element is read from the input through the elementary axes' strides (no reshape, no permute);
 * 3. gradients match finite differences (float64).
 */
import { describe, expect, it } from "vitest";
import { Tensor, arange, fromArray, rearrange, rearrangeShape, tensor } from "../../src/index.js";
import { labelsOf } from "../../src/symbolic.js";
import { outcome, sameResult } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { expectGradientsMatch, uniform } from "../gradients/check.js";

const random = seeded(20261202);
const NAMES = ["a", "b", "c", "d", "e", "f", "g"];

interface Case {
  /** The elementary axes' sizes, by name. */
  readonly sizes: ReadonlyMap<string, number>;
  readonly left: string[][];
  readonly right: string[][];
  readonly pattern: string;
  readonly shape: (number | string)[];
  readonly given: Record<string, number>;
}

const side = (groups: string[][]) => groups.map((g) => (g.length === 1 && random.chance(0.7) ? g[0] : `(${g.join(" ")})`)).join(" ");

/** Splits `names` into consecutive groups. */
function groupNames(names: string[]): string[][] {
  const groups: string[][] = [];
  for (const name of names) {
    if (groups.length > 0 && random.chance(0.35)) groups[groups.length - 1]!.push(name);
    else groups.push([name]);
  }
  return groups;
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function valid(): Case {
  const names = NAMES.slice(0, random.int(1, 5));
  const sizes = new Map(names.map((n) => [n, random.int(1, 4)] as const));
  const left = groupNames(names);
  const right = groupNames(shuffle(names));
  const given: Record<string, number> = {};
  for (const group of left) {
    if (group.length === 1) continue;
    const open = random.chance(0.8) ? random.pick(group) : undefined; // sometimes every size is given
    for (const name of group) if (name !== open) given[name] = sizes.get(name)!;
  }
  const symbolic = random.chance(0.25);
  const shape = left.map((group) => (symbolic && group.length === 1 && random.chance(0.5) ? `s${group[0]}` : group.reduce((p, n) => p * sizes.get(n)!, 1)));
  return { sizes, left, right, pattern: `${side(left)} -> ${side(right)}`, shape, given };
}

/** A valid case broken in one of the ways the rule must refuse. */
function broken(c: Case): Case {
  const r = random.int(0, 8);
  const with_ = (changes: Partial<Case>): Case => ({ ...c, ...changes });
  if (r === 0) return with_({ shape: [...c.shape, 2] });
  if (r === 1) return with_({ pattern: `${side(c.left)} -> ${side(c.right)} z` });
  if (r === 2) return with_({ pattern: `${side(c.left)} -> ${side(c.right.slice(1))}` });
  if (r === 3) return with_({ pattern: `${side([...c.left, [c.left[0]![0]!]])} -> ${side(c.right)}`, shape: [...c.shape, 1] });
  if (r === 4) return with_({ pattern: `${side(c.left)} -> (${side(c.right)}` });
  if (r === 5) return with_({ pattern: `${side(c.left)} 9x -> ${side(c.right)}`, shape: [...c.shape, 1] });
  if (r === 6) return with_({ pattern: side(c.left) });
  const group = c.left.find((g) => g.length > 1);
  if (group === undefined) return with_({ shape: c.shape.slice(1) });
  const given = { ...c.given };
  if (r === 7) for (const name of group) delete given[name]; // two or more sizes missing
  else for (const name of group) given[name] = (given[name] ?? c.sizes.get(name)!) + 1; // a product that does not fit
  return with_({ given });
}

const cases: Case[] = Array.from({ length: 500 }, () => (random.chance(0.6) ? valid() : broken(valid())));
const literal = (value: unknown) => JSON.stringify(value);
const typeOf = (c: Case) => `RearrangeShape<${literal(c.shape)}, ${literal(c.pattern)}, ${literal(c.given)}>`;

describe(`rearrange: ${cases.length} generated patterns, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { RearrangeShape } from "../types/ops/rearrange.js";`, cases.map(typeOf));
  const typed = texts.map(parseTypeText);
  const outcomes = cases.map((c) => outcome(() => rearrangeShape(c.shape as never, c.pattern as never, c.given as never)));

  it("covers results and every kind of error", () => {
    expect(outcomes.filter((o) => o.kind === "ok").length).toBeGreaterThan(250);
    const messages = outcomes.flatMap((o) => (o.kind === "error" ? [o.message] : []));
    for (const fragment of ["input axes, but the input", "is on the right only", "is on the left only", "appears twice", "without", "is not an axis name", "one '->'", "are unknown", "but ("]) {
      expect(messages.some((m) => m.includes(fragment)), fragment).toBe(true);
    }
    expect(outcomes.some((o) => o.kind === "ok" && o.value.some((d) => typeof d === "string"))).toBe(true);
  });

  it("the same shape, or byte-identical messages", () => {
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      if (!sameResult(typed[i]!, outcomes[i]!)) disagreements.push(`${typeOf(c)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`);
    });
    expect(disagreements).toEqual([]);
  });
});

/** The oracle: out[j…] = x[i…] through the elementary axes, by index arithmetic alone. */
function oracle(c: Case, input: number[]): number[] {
  const names = c.left.flat();
  const order = c.right.flat();
  const size = (n: string) => c.sizes.get(n)!;
  // row-major strides of the elementary axes in the input
  const stride = new Map<string, number>();
  let step = 1;
  for (let k = names.length - 1; k >= 0; k--) {
    stride.set(names[k]!, step);
    step *= size(names[k]!);
  }
  const out: number[] = [];
  const index = new Map(order.map((n) => [n, 0]));
  const total = order.reduce((p, n) => p * size(n), 1);
  for (let count = 0; count < total; count++) {
    out.push(input[order.reduce((at, n) => at + index.get(n)! * stride.get(n)!, 0)]!);
    for (let k = order.length - 1; k >= 0; k--) {
      const n = order[k]!;
      index.set(n, index.get(n)! + 1);
      if (index.get(n)! < size(n)) break;
      index.set(n, 0);
    }
  }
  return out;
}

describe("rearrange on tensors", () => {
  const numeric = Array.from({ length: 120 }, valid).map((c) => ({ ...c, shape: c.left.map((g) => g.reduce((p, n) => p * c.sizes.get(n)!, 1)) }));

  it("values equal the index-arithmetic oracle, shapes the rule's", () => {
    for (const c of numeric) {
      const count = c.shape.reduce<number>((p, d) => p * (d as number), 1);
      const input = Array.from({ length: count }, (_, i) => i);
      const x = tensor(input).reshape(c.shape as never) as Tensor;
      const y = rearrange(x, c.pattern as never, c.given as never) as Tensor;
      expect(y.shape, c.pattern).toEqual(rearrangeShape(c.shape as never, c.pattern as never, c.given as never));
      expect(y.toFlatArray(), c.pattern).toEqual(oracle(c, input));
    }
  });

  it("a strided (transposed) input gives the same values as its contiguous copy", () => {
    const x = arange(24).reshape([4, 6]);
    const t = x.transpose(); // [6, 4], not contiguous
    const copy = fromArray(t.toFlatArray(), [6, 4]);
    expect(t.rearrange("(a b) c -> c b a", { a: 2 }).toArray()).toEqual(copy.rearrange("(a b) c -> c b a", { a: 2 }).toArray());
  });

  it("gradients match finite differences", () => {
    for (const c of numeric.slice(0, 25)) {
      const x = uniform(c.shape as number[], 7);
      expectGradientsMatch((t) => rearrange(t, c.pattern as never, c.given as never) as Tensor, [x]);
    }
  });

  it("names on the axes follow the pattern", () => {
    const x = arange(48).reshape([2, 3, 8]).as(["b", "t", 8]);
    const heads = x.rearrange("b t (h d) -> b h t d", { h: 2 });
    expect(heads.shape).toEqual([2, 2, 3, 4]);
    expect(labelsOf(heads)).toEqual(["b", undefined, "t", undefined]);
    // merging the heads back by reshape, without moving "t" first, would scramble: the names say so
    const named = heads.as(["b", "h", "t", "d"]);
    expect(() => named.reshape(["b", "t", "h*d"] as never)).toThrow("SHAPE_RESHAPE_ORDER");
    expect(labelsOf(named.rearrange("b h t d -> b t (h d)"))).toEqual(["b", "t", "d*h"]);
    // and back: a named axis split into its own names takes their bound sizes
    const merged = named.rearrange("b h t d -> b t (h d)");
    const split = merged.rearrange("b t (h d) -> b h t d");
    expect(split.shape).toEqual([2, 2, 3, 4]);
    expect(split.toArray()).toEqual(heads.toArray());
    expect(labelsOf(split)).toEqual(["b", "h", "t", "d"]);
    expect(heads.rearrange("b h t d -> b t (h d)").toArray()).toEqual(x.toArray());
  });
});

/**
 * `...` (einops): the axes the other items leave. Each case is a generated pattern with `k` (0–2)
 * axes of their own names put in at one place on each side, written once with `...` there and once
 * with the names — the pattern without `...` is the oracle, which the tests above hold to the index
 * arithmetic. The rule must give the same shape, or fail on both; the type level must give the
 * runtime's shape or byte-identical message; the values must be the named pattern's.
 */
interface EllipsisCase {
  readonly pattern: string;
  readonly named: string;
  readonly shape: (number | string)[];
  readonly given: Record<string, number>;
}

/**
 * A valid case with 0–2 extra axes of their own names (`e0`, `e1`) to put in at `at` on the left and
 * at `to` on the right: the items of both sides as written, the shape with the extra sizes in place.
 */
function withExtraAxes() {
  const c = valid();
  const extra = Array.from({ length: random.int(0, 2) }, (_, i) => `e${i}`);
  const extraSizes = extra.map(() => random.int(1, 4));
  const print = (groups: string[][]) => groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(" ")})`));
  const [left, right] = [print(c.left), print(c.right)];
  const [at, to] = [random.int(0, left.length), random.int(0, right.length)];
  const shape = [...c.shape.slice(0, at), ...extraSizes, ...c.shape.slice(at)];
  return { c, extra, left, right, at, to, shape };
}

/** `items` with `middle` put in at `index`, as a side of a pattern. */
const put = (items: string[], index: number, middle: string[]) => [...items.slice(0, index), ...middle, ...items.slice(index)].join(" ");

function ellipsisCase(): EllipsisCase {
  const { c, extra, left, right, at, to, shape } = withExtraAxes();
  const base: EllipsisCase = { pattern: `${put(left, at, ["..."])} -> ${put(right, to, ["..."])}`, named: `${put(left, at, extra)} -> ${put(right, to, extra)}`, shape, given: c.given };
  // now and then too few axes for the items (`... has at least n input axes`)
  return random.chance(0.15) && c.shape.length > 0 ? { ...base, shape: c.shape.slice(0, random.int(0, c.shape.length - 1)) } : base;
}

/**
 * `...` merged on the right (einops: `"b ... c -> b (...) c"`): the same cases with the axes `...`
 * stands for in a group of their own on the right, or in one with a name beside them
 * (`"(... c)"`, `"(c ...)"`); with the names, `(e0 e1)`, `(e0 e1 c)` — `()` where they are none, an
 * axis of size 1.
 */
function groupedEllipsisCase(): EllipsisCase {
  const { c, extra, left, right, at, to, shape } = withExtraAxes();
  const beside = to < right.length && !right[to]!.startsWith("(") && random.chance(0.5) ? right[to]! : undefined;
  const first = random.chance(0.5);
  const group = (middle: string) => `(${beside === undefined ? middle : first ? `${middle} ${beside}` : `${beside} ${middle}`})`.replace("( ", "(").replace(" )", ")");
  const rest = beside === undefined ? right : [...right.slice(0, to), ...right.slice(to + 1)];
  return {
    pattern: `${put(left, at, ["..."])} -> ${put(rest, to, [group("...")])}`,
    named: `${put(left, at, extra)} -> ${put(rest, to, [group(extra.join(" "))])}`,
    shape,
    given: c.given,
  };
}

const ellipses: EllipsisCase[] = [...Array.from({ length: 200 }, ellipsisCase), ...Array.from({ length: 100 }, groupedEllipsisCase)];

describe(`rearrange with '...': ${ellipses.length} generated patterns against the same patterns with the axes named`, () => {
  const texts = evaluateTypes(
    `import type { RearrangeShape } from "../types/ops/rearrange.js";`,
    ellipses.map((c) => `RearrangeShape<${literal(c.shape)}, ${literal(c.pattern)}, ${literal(c.given)}>`),
  );
  const typed = texts.map(parseTypeText);
  const outcomes = ellipses.map((c) => outcome(() => rearrangeShape(c.shape as never, c.pattern as never, c.given as never)));
  const named = ellipses.map((c) => outcome(() => rearrangeShape(c.shape as never, c.named as never, c.given as never)));

  it("covers results, errors and every width of '...'", () => {
    expect(outcomes.filter((o) => o.kind === "ok").length).toBeGreaterThan(100);
    expect(ellipses.filter((c, i) => outcomes[i]!.kind === "ok" && /\((\w+ )?\.\.\.( \w+)?\)/.test(c.pattern)).length, "'...' merged in a group").toBeGreaterThan(40);
    expect(outcomes.some((o) => o.kind === "error" && o.message.includes("has at least"))).toBe(true);
    for (const width of [0, 1, 2]) expect(ellipses.some((c, i) => outcomes[i]!.kind === "ok" && c.named.split("->")[0]!.split(" ").filter((w) => /^e\d$/.test(w)).length === width)).toBe(true);
  });

  it("the rule gives the named pattern's shape, or fails where it fails", () => {
    const disagreements = ellipses.flatMap((c, i) => {
      const [e, n] = [outcomes[i]!, named[i]!];
      if (e.kind === "ok" && n.kind === "ok" && JSON.stringify(e.value) === JSON.stringify(n.value)) return [];
      if (e.kind === "error" && (n.kind === "error" || e.message.includes("has at least"))) return [];
      return [`${c.pattern} on ${literal(c.shape)}: ${JSON.stringify(e)} vs ${c.named}: ${JSON.stringify(n)}`];
    });
    expect(disagreements).toEqual([]);
  });

  it("the type level gives the runtime's shape or byte-identical message", () => {
    const disagreements = ellipses.flatMap((c, i) => (sameResult(typed[i]!, outcomes[i]!) ? [] : [`${c.pattern} on ${literal(c.shape)}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`]));
    expect(disagreements).toEqual([]);
  });

  it("values and gradients are the named pattern's", () => {
    const numeric = ellipses.filter((c, i) => outcomes[i]!.kind === "ok" && c.shape.every((d) => typeof d === "number"));
    expect(numeric.length).toBeGreaterThan(50);
    for (const c of numeric) {
      const count = c.shape.reduce<number>((p, d) => p * (d as number), 1);
      const x = tensor(Array.from({ length: count }, (_, i) => i)).reshape(c.shape as never) as Tensor;
      expect((rearrange(x, c.pattern as never, c.given as never) as Tensor).toArray(), c.pattern).toEqual((rearrange(x, c.named as never, c.given as never) as Tensor).toArray());
    }
    // ten of each kind: `...` standing alone, and merged into a group on the right
    const grouped = (c: EllipsisCase) => /\([^)]*\.\.\./.test(c.pattern);
    const checked = [...numeric.filter((c) => !grouped(c)).slice(0, 10), ...numeric.filter(grouped).slice(0, 10)];
    expect(checked.filter(grouped).length).toBe(10);
    for (const c of checked) expectGradientsMatch((t) => rearrange(t, c.pattern as never, c.given as never) as Tensor, [uniform(c.shape as number[], 11)]);
  });
});

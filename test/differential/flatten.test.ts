/**
 * The flatten(start, end) mirror, proven on generated cases (see broadcast.test.ts for the method):
 * `FlattenRangeShape` (evaluated by the compiler) and `flattenRangeShape` (run) must give the same
 * shape or byte-identical messages, on known and symbolic dims, axes in and out of range, start
 * before, at and after end, and scalars. The merged dim is also checked against its definition
 * here — the product of the merged dims (PyTorch's `flatten`) — and tensors of those shapes flatten
 * to it at run time with their elements in the same order.
 */
import { describe, expect, it } from "vitest";
import { flattenRangeShape } from "../../src/ops/reshape.js";
import { arange } from "../../src/index.js";
import { outcome, sameResult } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { evaluateTypes, parseTypeText, shapeType, type SourceDim } from "../harness/types.js";

const random = seeded(20261202);

interface Case {
  readonly shape: SourceDim[];
  readonly start: number | undefined;
  readonly end: number | undefined;
}

function randomDim(): SourceDim {
  const r = random.next();
  if (r < 0.15) return 1;
  if (r < 0.2) return 0;
  if (r < 0.75) return random.int(2, 7);
  return random.pick(["b", "n", "s*768", "n+m"]);
}

function generate(count: number): Case[] {
  return Array.from({ length: count }, () => {
    const rank = random.int(0, 5);
    const shape = Array.from({ length: rank }, randomDim);
    const axis = () => random.int(-rank - 1, rank);
    const r = random.next();
    return r < 0.15 ? { shape, start: undefined, end: undefined } : r < 0.35 ? { shape, start: axis(), end: undefined } : { shape, start: axis(), end: axis() };
  });
}

/** Each case where the compiler's answer and the run's differ, with both. */
function disagreements(expressions: readonly string[], texts: readonly string[], typed: readonly ReturnType<typeof parseTypeText>[], outcomes: readonly ReturnType<typeof outcome>[]): string[] {
  return expressions.flatMap((expression, i) =>
    sameResult(typed[i]!, outcomes[i]!) ? [] : [`${expression}\n  type:    ${texts[i]}\n  runtime: ${JSON.stringify(outcomes[i])}`],
  );
}

const cases = generate(600);
const typeExpression = (c: Case) => `FlattenRangeShape<${shapeType(c.shape)}, ${c.start ?? 0}, ${c.end ?? -1}, "flattenRangeShape">`;
const run = (c: Case) => outcome(() => flattenRangeShape(c.shape as never, c.start as never, c.end as never));

describe(`differential: ${cases.length} generated flatten(start, end) cases, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { FlattenRangeShape } from "../types/ops/reshape.js";`, cases.map(typeExpression));
  const typed = texts.map(parseTypeText);
  const outcomes = cases.map(run);

  it("covers merges, single axes, scalars and every kind of axis error", () => {
    expect(typed.filter((t) => t.kind === "shape").length).toBeGreaterThan(250);
    const messages = typed.flatMap((t) => (t.kind === "error" ? [t.message] : []));
    expect(messages.some((m) => m.includes("the start axis comes after the end axis"))).toBe(true);
    expect(messages.some((m) => m.includes("is out of range for"))).toBe(true);
    expect(cases.some((c, i) => c.shape.length === 0 && typed[i]!.kind === "shape")).toBe(true);
  });

  it("the same shape, or byte-identical error messages", () => {
    expect(disagreements(cases.map(typeExpression), texts, typed, outcomes)).toEqual([]);
  });

  it("known dims: the merged dim is the product of the merged dims, and a tensor flattens to it with its elements in order", () => {
    let checked = 0;
    cases.forEach((c, i) => {
      const result = outcomes[i]!;
      if (result.kind !== "ok" || !c.shape.every((d) => typeof d === "number")) return;
      const dims = c.shape as number[];
      const rank = dims.length;
      const first = rank === 0 ? 0 : ((c.start ?? 0) + rank) % rank;
      const last = rank === 0 ? 0 : ((c.end ?? -1) + rank) % rank;
      const expected = rank === 0 ? [1] : [...dims.slice(0, first), dims.slice(first, last + 1).reduce((a, b) => a * b, 1), ...dims.slice(last + 1)];
      expect(result.value).toEqual(expected);
      const size = dims.reduce((a, b) => a * b, 1);
      const x = arange(size).reshape(dims as never);
      const flat = x.flatten(c.start as never, c.end as never);
      expect(flat.shape).toEqual(expected);
      expect(flat.toFlatArray()).toEqual(x.toFlatArray());
      checked++;
    });
    expect(checked).toBeGreaterThan(150);
  });
});

// ---------------------------------------------------------------------------------------------
// unflatten(axis, sizes), the inverse: the same method on its own generated cases.
import { unflattenShape } from "../../src/ops/reshape.js";

interface SplitCase {
  readonly shape: SourceDim[];
  readonly axis: number;
  readonly sizes: SourceDim[];
}

/** Sizes whose product is `d` (a split), sometimes with a `-1`, sometimes off by one. */
function sizesFor(d: SourceDim): SourceDim[] {
  const factor = random.pick([1, 2, 3, 4]);
  let sizes: SourceDim[] = typeof d === "number" && d % factor === 0 ? [factor, d / factor] : [d];
  const r = random.next();
  if (r < 0.3) sizes[random.int(0, sizes.length - 1)] = -1;
  else if (r < 0.5) sizes = sizes.map((s) => (typeof s === "number" ? s + 1 : s));
  else if (r < 0.6) sizes = [...sizes, 1];
  return sizes;
}

const splits: SplitCase[] = Array.from({ length: 400 }, () => {
  const rank = random.int(1, 4);
  const shape = Array.from({ length: rank }, randomDim);
  const axis = random.int(-rank - 1, rank);
  const inRange = axis >= -rank && axis < rank ? shape[(axis + rank) % rank]! : 6;
  return { shape, axis, sizes: sizesFor(inRange) };
});
const splitExpression = (c: SplitCase) => `UnflattenShape<${shapeType(c.shape)}, ${c.axis}, ${shapeType(c.sizes)}, "unflattenShape">`;

describe(`differential: ${splits.length} generated unflatten(axis, sizes) cases, type level vs runtime`, () => {
  const texts = evaluateTypes(`import type { UnflattenShape } from "../types/ops/reshape.js";`, splits.map(splitExpression));
  const typed = texts.map(parseTypeText);
  const outcomes = splits.map((c) => outcome(() => unflattenShape(c.shape as never, c.axis as never, c.sizes as never)));

  it("covers splits, inferred sizes, wrong sizes and axes out of range", () => {
    expect(typed.filter((t) => t.kind === "shape").length).toBeGreaterThan(120);
    const codes = new Set(typed.flatMap((t) => (t.kind === "error" ? [t.message.split(":")[0]] : [])));
    expect([...codes].sort()).toEqual(expect.arrayContaining(["SHAPE_AXIS", "SHAPE_RESHAPE"]));
  });

  it("the same shape, or byte-identical error messages", () => {
    expect(disagreements(splits.map(splitExpression), texts, typed, outcomes)).toEqual([]);
  });

  it("known dims: a tensor unflattens with its elements in order, and flattening the split axes back gives the tensor", () => {
    let checked = 0;
    splits.forEach((c, i) => {
      const result = outcomes[i]!;
      if (result.kind !== "ok" || !c.shape.every((d) => typeof d === "number")) return;
      const dims = c.shape as number[];
      const x = arange(dims.reduce((a, b) => a * b, 1)).reshape(dims as never);
      const split = x.unflatten(c.axis as never, c.sizes as never);
      expect(split.shape).toEqual(result.value);
      expect(split.toFlatArray()).toEqual(x.toFlatArray());
      const index = (c.axis + dims.length) % dims.length;
      expect(split.flatten(index as never, (index + c.sizes.length - 1) as never).shape).toEqual(dims);
      checked++;
    });
    expect(checked).toBeGreaterThan(60);
  });
});

/**
 * Axis arguments whose type is a union of literals (`0 | 1`: a variable typed so, a conditional
 * expression): the run picks one of them, so the type rules treat such an axis as they treat a
 * `number` axis — the axis is unknown until run time. Checked on generated cases for every rule that
 * takes an axis, against the runtime run with each member of the union in turn:
 * - a compile-time result must fit every member's successful run (a `number` dim fits any size);
 * - a compile error must mean that every member fails at run time (no false compile error).
 * Before, unions were distributed or read as a set of axes: `mean(0 | 1, true)` of `[2, 3]` was
 * typed `[1, 1]` (the runtime gives `[1, 3]` or `[2, 1]`) and `transpose(0 | 1, 1)` was `[3, 3]`.
 */
import { describe, expect, it } from "vitest";
import { argmaxShape } from "../../src/ops/argmax.js";
import { concatShape } from "../../src/ops/concat.js";
import { gatherShape, indexSelectShape } from "../../src/ops/indexing.js";
import { permuteShape, swapaxesShape, transposeShape } from "../../src/ops/permute.js";
import { reduceShape } from "../../src/ops/reduce.js";
import { flattenRangeShape, unflattenShape } from "../../src/ops/reshape.js";
import { sliceShape } from "../../src/ops/slice.js";
import { chunkShape, splitShape } from "../../src/ops/split.js";
import { softmaxShape } from "../../src/ops/softmax.js";
import { squeezeShape } from "../../src/ops/squeeze.js";
import { stackShape } from "../../src/ops/stack.js";
import { unsqueezeShape } from "../../src/ops/unsqueeze.js";
import { concreteShape, fits, outcome, type Outcome } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, evaluateTypeBatches, parseTypeText, shapeType, type SourceDim } from "../harness/types.js";

const random = seeded(2026_1202);

/** An axis argument that is a union of literals. */
class Union {
  constructor(readonly members: readonly number[]) {}
}

/** An argument as a type: a union in parentheses, a list as a tuple, `undefined`, or the literal. */
function argType(value: unknown): string {
  if (value instanceof Union) return `(${value.members.join(" | ")})`;
  if (Array.isArray(value)) return `[${value.map(argType).join(", ")}]`;
  return value === undefined ? "undefined" : JSON.stringify(value);
}

/** Every way to pick one member of each union in `args` (deep, in lists): the runs a program can make. */
function choices(args: readonly unknown[]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const arg of args) {
    const options = arg instanceof Union ? [...arg.members] : Array.isArray(arg) ? choices(arg) : [arg];
    out = out.flatMap((prefix) => options.map((option) => [...prefix, option]));
  }
  return out;
}

const dim = (): SourceDim => {
  const r = random.next();
  if (r < 0.3) return 1;
  if (r < 0.75) return random.int(2, 6);
  if (r < 0.9) return random.pick(["n", "m"]);
  return DYNAMIC;
};
const shapeOf = (lo: number, hi: number): SourceDim[] => Array.from({ length: random.int(lo, hi) }, dim);

/** A union of two or three distinct axes of a rank-`rank` shape (negative ones too), now and then one out of range. */
function unionAxis(rank: number, positions = rank): Union {
  const pool = Array.from({ length: 2 * positions }, (_, i) => i - positions);
  const members = new Set<number>();
  const size = Math.min(random.int(2, 3), Math.max(pool.length, 2));
  while (members.size < size) members.add(random.chance(0.1) || pool.length < 2 ? random.pick([positions, -positions - 1, positions + 2]) : random.pick(pool));
  return new Union([...members].sort((a, b) => a - b));
}
const axisIn = (positions: number): number => random.int(-positions, Math.max(positions - 1, 0));

interface UnionRule {
  readonly name: string;
  readonly generate: () => { shapes: SourceDim[][]; args: unknown[] };
  readonly type: (shapes: string[], args: string[]) => string;
  readonly run: (shapes: (number | string)[][], args: unknown[]) => unknown;
}

const rules: UnionRule[] = [
  {
    name: "reduceShape",
    generate() {
      const shape = shapeOf(1, 4);
      const axes = random.chance(0.6) ? unionAxis(shape.length) : [unionAxis(shape.length), axisIn(shape.length)];
      return { shapes: [shape], args: [axes, random.chance(0.5)] };
    },
    type: ([s], [axes, keep]) => `ReduceShape<${s}, ${axes}, ${keep}>`,
    run: ([s], [axes, keep]) => reduceShape(s as never, axes as never, keep as never),
  },
  {
    name: "argmaxShape",
    generate() {
      const shape = shapeOf(1, 4);
      return { shapes: [shape], args: [unionAxis(shape.length), random.chance(0.5)] };
    },
    type: ([s], [axis, keep]) => `ArgmaxShape<${s}, ${axis}, ${keep}>`,
    run: ([s], [axis, keep]) => argmaxShape(s as never, axis as never, keep as never),
  },
  {
    name: "softmaxShape",
    generate() {
      const shape = shapeOf(1, 4);
      return { shapes: [shape], args: [unionAxis(shape.length)] };
    },
    type: ([s], [axis]) => `SoftmaxShape<${s}, ${axis}>`,
    run: ([s], [axis]) => softmaxShape(s as never, axis as never),
  },
  {
    name: "squeezeShape",
    generate() {
      const shape = shapeOf(1, 4).map((d) => (random.chance(0.4) ? 1 : d));
      return { shapes: [shape], args: [random.chance(0.7) ? unionAxis(shape.length) : [unionAxis(shape.length)]] };
    },
    type: ([s], [axes]) => `SqueezeShape<${s}, ${axes}>`,
    run: ([s], [axes]) => squeezeShape(s as never, axes as never),
  },
  {
    name: "unsqueezeShape",
    generate() {
      const shape = shapeOf(0, 4);
      return { shapes: [shape], args: [unionAxis(shape.length + 1)] };
    },
    type: ([s], [axis]) => `UnsqueezeShape<${s}, ${axis}>`,
    run: ([s], [axis]) => unsqueezeShape(s as never, axis as never),
  },
  {
    name: "sliceShape",
    generate() {
      const shape = shapeOf(1, 4);
      return { shapes: [shape], args: [unionAxis(shape.length), random.int(0, 2), random.chance(0.3) ? undefined : random.int(1, 5), random.pick([undefined, 1, 2])] };
    },
    type: ([s], [axis, start, end, step]) => `SliceShape<${s}, ${axis}, ${start}, ${end}, ${step}>`,
    run: ([s], [axis, start, end, step]) => sliceShape(s as never, axis as never, start as never, end as never, step as never),
  },
  {
    name: "swapaxesShape",
    generate() {
      const shape = shapeOf(1, 4);
      return { shapes: [shape], args: [unionAxis(shape.length), random.chance(0.5) ? axisIn(shape.length) : unionAxis(shape.length)] };
    },
    type: ([s], [first, second]) => `SwapaxesShape<${s}, ${first}, ${second}>`,
    run: ([s], [first, second]) => swapaxesShape(s as never, first as never, second as never),
  },
  {
    name: "permuteShape / transposeShape",
    generate() {
      const shape = shapeOf(2, 4);
      const axes: unknown[] = Array.from({ length: shape.length }, (_, i) => i).sort(() => random.next() - 0.5);
      axes[random.int(0, axes.length - 1)] = unionAxis(shape.length);
      return { shapes: [shape], args: [random.chance(0.5) ? "permute" : "transpose", axes] };
    },
    type: ([s], [kind, axes]) => `${kind === '"permute"' ? "PermuteShape" : "TransposeShape"}<${s}, ${axes}>`,
    run: ([s], [kind, axes]) => (kind === "permute" ? permuteShape(s as never, axes as never) : transposeShape(s as never, axes as never)),
  },
  {
    name: "indexSelectShape",
    generate() {
      const shape = shapeOf(1, 4);
      return { shapes: [shape, shapeOf(0, 2)], args: [unionAxis(shape.length)] };
    },
    type: ([s, i], [axis]) => `IndexSelectShape<${s}, ${axis}, ${i}>`,
    run: ([s, i], [axis]) => indexSelectShape(s as never, axis as never, i as never),
  },
  {
    name: "gatherShape",
    generate() {
      const shape = shapeOf(1, 4);
      const index = shape.map((d) => (random.chance(0.3) ? random.int(1, 4) : d));
      return { shapes: [shape, index], args: [unionAxis(shape.length)] };
    },
    type: ([s, i], [axis]) => `GatherShape<${s}, ${axis}, ${i}>`,
    run: ([s, i], [axis]) => gatherShape(s as never, axis as never, i as never),
  },
  {
    name: "concatShape / stackShape",
    generate() {
      const shape = shapeOf(1, 4);
      const other = shape.map((d) => (random.chance(0.3) ? random.int(1, 4) : d));
      const stack = random.chance(0.4);
      return { shapes: [shape, other], args: [stack ? "stack" : "concat", unionAxis(stack ? shape.length + 1 : shape.length)] };
    },
    type: ([a, b], [kind, axis]) => `${kind === '"stack"' ? "StackShape" : "ConcatShape"}<[${a}, ${b}], ${axis}>`,
    run: ([a, b], [kind, axis]) => (kind === "stack" ? stackShape([a, b] as never, axis as never) : concatShape([a, b] as never, axis as never)),
  },
  {
    name: "flattenRangeShape",
    generate() {
      const shape = shapeOf(1, 4);
      return random.chance(0.5)
        ? { shapes: [shape], args: [unionAxis(shape.length), -1] }
        : { shapes: [shape], args: [0, unionAxis(shape.length)] };
    },
    type: ([s], [start, end]) => `FlattenRangeShape<${s}, ${start}, ${end}>`,
    run: ([s], [start, end]) => flattenRangeShape(s as never, start as never, end as never),
  },
  {
    name: "unflattenShape",
    generate() {
      const shape = shapeOf(1, 3).map((d) => (random.chance(0.5) ? random.pick([4, 6]) : d));
      return { shapes: [shape], args: [unionAxis(shape.length), random.pick([[2, 2], [2, 3], [-1, 2]])] };
    },
    type: ([s], [axis, sizes]) => `UnflattenShape<${s}, ${axis}, ${sizes}>`,
    run: ([s], [axis, sizes]) => unflattenShape(s as never, axis as never, sizes as never),
  },
  {
    name: "chunkShape / splitShape",
    generate() {
      const shape = shapeOf(1, 4).map((d) => (random.chance(0.5) ? random.pick([6, 12]) : d));
      const split = random.chance(0.4);
      return { shapes: [shape], args: [split ? "split" : "chunk", split ? random.pick([[2, 4], [3, 3], [6], [1, 1, 4]]) : random.pick([1, 2, 3]), unionAxis(shape.length)] };
    },
    type: ([s], [kind, pieces, axis]) => (kind === '"split"' ? `FlatPieces<SplitShape<${s}, ${pieces}, ${axis}>>` : `ChunkShape<${s}, ${pieces}, ${axis}>`),
    run: ([s], [kind, pieces, axis]) =>
      kind === "split" ? (splitShape(s as never, pieces as never, axis as never) as unknown as (number | string)[][]).flat() : chunkShape(s as never, pieces as never, axis as never),
  },
];

const IMPORTS = [
  `import type { ArgmaxShape } from "../types/ops/argmax.js";`,
  `import type { ConcatShape } from "../types/ops/concat.js";`,
  `import type { GatherShape, IndexSelectShape } from "../types/ops/indexing.js";`,
  `import type { PermuteShape, SwapaxesShape, TransposeShape } from "../types/ops/permute.js";`,
  `import type { ReduceShape } from "../types/ops/reduce.js";`,
  `import type { FlattenRangeShape, UnflattenShape } from "../types/ops/reshape.js";`,
  `import type { SliceShape } from "../types/ops/slice.js";`,
  `import type { SoftmaxShape } from "../types/ops/softmax.js";`,
  `import type { SqueezeShape } from "../types/ops/squeeze.js";`,
  `import type { StackShape } from "../types/ops/stack.js";`,
  `import type { UnsqueezeShape } from "../types/ops/unsqueeze.js";`,
  `import type { ChunkShape, SplitShape } from "../types/ops/split.js";`,
  // split's pieces flattened into one tuple, as in test/differential/movement.test.ts
  `type FlatPieces<P> = P extends readonly [infer H extends readonly unknown[], ...infer R] ? [...H, ...FlatPieces<R>] : P extends readonly [] ? [] : P;`,
].join("\n");

const CASES_PER_RULE = 60;
const generated = rules.map((rule) => Array.from({ length: CASES_PER_RULE }, () => rule.generate()));
const expression = (rule: UnionRule, c: { shapes: SourceDim[][]; args: unknown[] }) => rule.type(c.shapes.map(shapeType), c.args.map(argType));
const evaluated = evaluateTypeBatches([{ imports: IMPORTS, expressions: rules.flatMap((rule, i) => generated[i]!.map((c) => expression(rule, c))) }])[0]!;

describe("an axis typed as a union of literals is unknown until run time, as a number axis is", () => {
  rules.forEach((rule, r) => {
    it(`${rule.name}: the compile-time result fits the run with every member, and no compile error unless every run fails`, () => {
      const problems: string[] = [];
      let fitted = 0;
      generated[r]!.forEach((c, i) => {
        const text = evaluated[r * CASES_PER_RULE + i]!;
        const typed = parseTypeText(text);
        for (const args of choices(c.args)) {
          for (const sizes of [() => 1, () => random.pick([2, 3, 5])]) {
            const shapes = c.shapes.map((s) => concreteShape(s, sizes, () => 0));
            const runtime: Outcome = outcome(() => rule.run(shapes, args));
            if (typed.kind === "error" && runtime.kind === "ok") problems.push(`${expression(rule, c)} is a compile error (${typed.message}) but ${JSON.stringify([shapes, args])} runs`);
            if (typed.kind === "shape" && runtime.kind === "ok") {
              if (fits(runtime.value, typed)) fitted++;
              else problems.push(`${expression(rule, c)} is ${text} but ${JSON.stringify([shapes, args])} gives ${JSON.stringify(runtime.value)}`);
            }
          }
        }
      });
      expect(problems).toEqual([]);
      expect(fitted).toBeGreaterThan(CASES_PER_RULE); // not vacuous: most cases run with some member, and their results were compared
    });
  });
});

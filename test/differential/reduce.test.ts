/**
 * The mirror for the axis-taking reductions (`reduceShape`, the rule of sum/mean/max/min/logsumexp),
 * `softmaxShape` and the three-way broadcast of `whereShape`, proven on generated cases with the shared
 * differential suite (test/harness/differential.ts): byte-identical results and messages for known and
 * symbolic dims, soundness for `number` dims and unknown ranks.
 */
import { reduceShape } from "../../src/ops/reduce.js";
import { softmaxShape } from "../../src/ops/softmax.js";
import { whereShape } from "../../src/ops/where.js";
import { differentialSuite, shapeSampler, type Rule } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(2026_1125);

const IMPORTS = [
  `import type { ReduceShape } from "../types/ops/reduce.js";`,
  `import type { SoftmaxShape } from "../types/ops/softmax.js";`,
  `import type { WhereShape } from "../types/ops/where.js";`,
].join("\n");

const { dim: randomDim, shape: randomShape, maybeUnknown } = shapeSampler(random);
const literal = (value: unknown): string => (value === undefined ? "undefined" : JSON.stringify(value));
/** An axis, mostly in range (negative ones too), sometimes just outside it. */
const randomAxis = (rank: number): number => (random.chance(0.85) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1, rank + 3]));

const reduce: Rule = {
  name: "reduceShape",
  generate() {
    const shape = randomShape(0, random.chance(0.2) ? 10 : 5); // ranks to 10: past the table of negative axes (rank ≤ 8)
    const rank = shape.length;
    const r = random.next();
    const axes = r < 0.2 ? undefined : r < 0.6 ? randomAxis(rank) : Array.from({ length: random.int(0, 3) }, () => randomAxis(rank));
    return { shapes: [maybeUnknown(shape)], args: [axes, random.chance(0.5)] };
  },
  type: (c) => `ReduceShape<${shapeType(c.shapes[0]!)}, ${literal(c.args[0])}, ${c.args[1]}>`,
  run: ([shape], [axes, keepdims]) => reduceShape(shape as never, axes as never, keepdims as never),
};

const softmax: Rule = {
  name: "softmaxShape",
  generate() {
    const shape = randomShape(0, random.chance(0.2) ? 10 : 4);
    return { shapes: [maybeUnknown(shape)], args: [random.chance(0.3) ? undefined : randomAxis(shape.length)] };
  },
  type: (c) => `SoftmaxShape<${shapeType(c.shapes[0]!)}, ${literal(c.args[0])}>`,
  run: ([shape], [axis]) => (axis === undefined ? softmaxShape(shape as never) : softmaxShape(shape as never, axis as never)),
};

/** A shape loosely derived from `base`: a suffix of it, some dims set to 1, some replaced. */
const related = (base: readonly SourceDim[]): SourceShape =>
  maybeUnknown(base.slice(base.length - random.int(0, base.length)).map((d) => (random.chance(0.3) ? 1 : random.chance(0.25) ? randomDim() : d)));

const where: Rule = {
  name: "whereShape",
  generate() {
    // Three operands each with a chance of a `number` dim would leave few exact cases: keep most known.
    const base = randomShape(0, 5).map((d) => (d === DYNAMIC && random.chance(0.7) ? random.int(2, 9) : d));
    return { shapes: [related(base), related(base), related(base)], args: [] };
  },
  type: (c) => `WhereShape<${c.shapes.map(shapeType).join(", ")}>`,
  run: ([cond, a, b]) => whereShape(cond as never, a as never, b as never),
};

differentialSuite([reduce, softmax, where], IMPORTS, 600, 2026_1126);

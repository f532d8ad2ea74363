/**
 * The mirror for the dtype-era shape rules — `argmaxShape`, `indexSelectShape`, `gatherShape`,
 * `embeddingShape` and `lossShape` — proven on generated cases with the shared differential suite
 * (test/harness/differential.ts): byte-identical results and messages for known and symbolic dims,
 * soundness for `number` dims and unknown ranks.
 */
import { argmaxShape } from "../../src/ops/argmax.js";
import { embeddingShape, gatherShape, indexSelectShape } from "../../src/ops/indexing.js";
import { lossShape } from "../../src/ops/loss.js";
import { differentialSuite, shapeSampler, type Rule } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(2026_1202);

const IMPORTS = [
  `import type { ArgmaxShape } from "../types/ops/argmax.js";`,
  `import type { EmbeddingShape, GatherShape, IndexSelectShape } from "../types/ops/indexing.js";`,
  `import type { LossShape } from "../types/ops/loss.js";`,
].join("\n");

const { dim: randomDim, shape: randomShape, maybeUnknown } = shapeSampler(random);
/** An axis, mostly in range (negative ones too), sometimes just outside it. */
const randomAxis = (rank: number): number => (random.chance(0.85) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1, rank + 3]));
/** A shape like `base`: the same dims, some replaced, some made smaller; sometimes of another rank. */
const related = (base: readonly SourceDim[]): SourceShape => {
  if (random.chance(0.15)) return maybeUnknown(randomShape(0, 4));
  return maybeUnknown(base.map((d) => (random.chance(0.25) ? randomDim() : typeof d === "number" && d > 1 && random.chance(0.3) ? random.int(0, d) : d)));
};

const argmax: Rule = {
  name: "argmaxShape",
  generate() {
    const shape = randomShape(0, 5);
    return { shapes: [maybeUnknown(shape)], args: [randomAxis(shape.length), random.chance(0.5)] };
  },
  type: (c) => `ArgmaxShape<${shapeType(c.shapes[0]!)}, ${c.args[0]}, ${c.args[1]}>`,
  run: ([shape], [axis, keepdims]) => argmaxShape(shape as never, axis as never, keepdims as never),
};

const indexSelect: Rule = {
  name: "indexSelectShape",
  generate() {
    const shape = randomShape(0, 4);
    return { shapes: [maybeUnknown(shape), maybeUnknown(randomShape(0, 3))], args: [randomAxis(shape.length)] };
  },
  type: (c) => `IndexSelectShape<${shapeType(c.shapes[0]!)}, ${c.args[0]}, ${shapeType(c.shapes[1]!)}>`,
  run: ([shape, indices], [axis]) => indexSelectShape(shape as never, axis as never, indices as never),
};

const gather: Rule = {
  name: "gatherShape",
  generate() {
    const shape = randomShape(1, 4);
    return { shapes: [maybeUnknown(shape), related(shape)], args: [randomAxis(shape.length)] };
  },
  type: (c) => `GatherShape<${shapeType(c.shapes[0]!)}, ${c.args[0]}, ${shapeType(c.shapes[1]!)}>`,
  run: ([shape, index], [axis]) => gatherShape(shape as never, axis as never, index as never),
};

const embedding: Rule = {
  name: "embeddingShape",
  generate() {
    const weight = random.chance(0.75) ? randomShape(2, 2) : randomShape(0, 4);
    return { shapes: [maybeUnknown(weight), maybeUnknown(randomShape(0, 3))], args: [] };
  },
  type: (c) => `EmbeddingShape<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}>`,
  run: ([weight, ids]) => embeddingShape(weight as never, ids as never),
};

const loss: Rule = {
  name: "lossShape",
  generate() {
    const scores = random.chance(0.8) ? randomShape(2, 2) : randomShape(0, 4);
    const labels: SourceDim[] = random.chance(0.8) ? [random.chance(0.6) && scores.length > 0 ? scores[0]! : randomDim()] : randomShape(0, 3);
    return { shapes: [maybeUnknown(scores), maybeUnknown(labels)], args: [random.pick(["mean", "sum", "none"])] };
  },
  type: (c) => `LossShape<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}, ${JSON.stringify(c.args[0])}>`,
  run: ([scores, labels], [reduction]) => lossShape(scores as never, labels as never, reduction as never),
};

differentialSuite([argmax, indexSelect, gather, embedding, loss], IMPORTS, 600, 2026_1203);

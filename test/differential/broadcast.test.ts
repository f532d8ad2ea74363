/**
 * The mirror for broadcasting, proven on generated cases with the shared differential suite
 * (test/harness/differential.ts): for each seeded case the type-level rule (evaluated by the compiler)
 * and the runtime rule agree — the same shape, or errors with byte-identical messages. Cases with
 * dynamic (`number`) dims or unknown rank cannot be byte-compared (the compiler prints `number`, the
 * runtime a size), so for them the rule is soundness: a compile error implies every concrete run
 * fails, and when a run succeeds its shape fits the compile-time shape.
 */
import { broadcastShapes, broadcastToShape, reductionAxes } from "../../src/ops/broadcast.js";
import { differentialSuite, shapeSampler, type Rule } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(20261125);
const { dim: randomDim, shape: sampledShape } = shapeSampler(random);
/** A base shape; most `number` dims become known sizes, so that many cases can be byte-compared. */
const randomShape = (lo: number, hi: number): SourceDim[] =>
  sampledShape(lo, hi).map((d) => (typeof d === "symbol" && random.chance(0.6) ? random.int(2, 9) : d));

const IMPORTS = `import type { BroadcastShapes, BroadcastToShape, ReductionAxes } from "../types/ops/broadcast.js";`;

/** A shape loosely derived from `base`: a suffix of it, some dims set to 1, some replaced; rarely of unknown rank. */
function relatedShape(base: readonly SourceDim[]): SourceShape {
  if (random.chance(0.04)) return "unknown-rank";
  const rank = random.int(0, base.length);
  return base.slice(base.length - rank).map((d) => (random.chance(0.3) ? 1 : random.chance(0.2) ? randomDim() : d));
}

const broadcast: Rule = {
  name: "broadcastShapes (1 to 4 operands)",
  generate() {
    const base = randomShape(0, 6);
    const arity = random.pick([1, 2, 2, 2, 2, 3, 4]);
    return { shapes: Array.from({ length: arity }, () => relatedShape(base)), args: [] };
  },
  type: (c) => `BroadcastShapes<[${c.shapes.map(shapeType).join(", ")}]>`,
  run: (shapes) => broadcastShapes(...(shapes as never[])),
};

/** One-way: a shape related to the target, and the target (sometimes of unknown rank itself). */
const oneWay = (): { shapes: SourceShape[]; args: [] } => {
  const base = randomShape(0, 6);
  return { shapes: [relatedShape(base), random.chance(0.03) ? "unknown-rank" : base], args: [] };
};

const broadcastTo: Rule = {
  name: "broadcastToShape",
  generate: oneWay,
  type: (c) => `BroadcastToShape<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}>`,
  run: ([from, to]) => broadcastToShape(from as never, to as never),
};

const reduction: Rule = {
  name: "reductionAxes",
  generate: oneWay,
  type: (c) => `ReductionAxes<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}>`,
  run: ([operand, out]) => reductionAxes(operand as never, out as never),
};

differentialSuite([broadcast, broadcastTo, reduction], IMPORTS, 800, 20261126);

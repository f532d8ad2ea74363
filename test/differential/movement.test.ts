/**
 * The mirror for matmul, permute/transpose, squeeze, unsqueeze, slice and narrow, proven on generated cases:
 * for each seeded case the type-level rule (evaluated by the compiler) and the runtime rule agree.
 * - Known and symbolic dims: the same shape, or errors with byte-identical messages. Two documented
 *   degradations are checked for soundness instead: `squeeze()` without axes over a shape with a
 *   name (`number[]`: a name may be 1 at run time), and slicing a named dim (`number`: its length is
 *   not known from the name).
 * - Dynamic (`number`) dims and unknown ranks: soundness — a compile error implies every concrete run
 *   fails, and when a run succeeds its shape fits the compile-time shape.
 */
import { matmulShape } from "../../src/ops/matmul.js";
import { permuteShape, transposeShape } from "../../src/ops/permute.js";
import { squeezeShape } from "../../src/ops/squeeze.js";
import { unsqueezeShape } from "../../src/ops/unsqueeze.js";
import { sliceShape } from "../../src/ops/slice.js";
import { narrowShape } from "../../src/ops/narrow.js";
import { chunkShape, splitShape, unbindShape } from "../../src/ops/split.js";
import { differentialSuite, shapeSampler, type Rule } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { shapeType, type SourceDim } from "../harness/types.js";

const random = seeded(4_2026_0611);
const CASES_PER_RULE = 600;

const IMPORTS = [
  `import type { MatmulShape } from "../types/ops/matmul.js";`,
  `import type { PermuteShape, TransposeShape } from "../types/ops/permute.js";`,
  `import type { SqueezeShape } from "../types/ops/squeeze.js";`,
  `import type { UnsqueezeShape } from "../types/ops/unsqueeze.js";`,
  `import type { SliceShape } from "../types/ops/slice.js";`,
  `import type { NarrowShape } from "../types/ops/narrow.js";`,
  `import type { ChunkShape, SplitShape, UnbindShape } from "../types/ops/split.js";`,
  // split's pieces flattened into one tuple (an error as it is), so that one shape is compared
  `type FlatPieces<P> = P extends readonly [infer H extends readonly unknown[], ...infer R] ? [...H, ...FlatPieces<R>] : P extends readonly [] ? [] : P;`,
].join("\n");

const { dim: randomDim, shape: randomShape, maybeUnknown } = shapeSampler(random);
const literal = (value: unknown): string => (value === undefined ? "undefined" : typeof value === "number" ? String(value) : JSON.stringify(value));
const tuple = (values: readonly unknown[]): string => `[${values.map(literal).join(", ")}]`;

/** A dim that usually equals `dim` (so that most cases pass the rule), else a random one. */
const near = (dim: SourceDim, p = 0.75): SourceDim => (random.chance(p) ? dim : randomDim());

// ---------------------------------------------------------------------------------------------
// The rules

const matmul: Rule = {
  name: "matmul",
  generate() {
    const batch = randomShape(0, 3);
    const inner = randomDim();
    const leftRank = random.pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
    const rightRank = random.pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
    const batchFor = (rank: number) => batch.slice(Math.max(0, batch.length - (rank - 2))).map((d) => (random.chance(0.25) ? 1 : near(d, 0.85)));
    const left: SourceDim[] = leftRank === 0 ? [] : leftRank === 1 ? [near(inner)] : [...batchFor(leftRank), randomDim(), near(inner)];
    const right: SourceDim[] = rightRank === 0 ? [] : rightRank === 1 ? [near(inner)] : [...batchFor(rightRank), near(inner), randomDim()];
    return { shapes: [maybeUnknown(left), maybeUnknown(right)], args: [] };
  },
  type: (c) => `MatmulShape<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}>`,
  run: ([left, right]) => matmulShape(left as never, right as never),
};

function randomAxes(rank: number): number[] {
  const axes = Array.from({ length: rank }, (_, i) => i);
  for (let i = axes.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [axes[i], axes[j]] = [axes[j]!, axes[i]!];
  }
  const out = axes.map((a) => (random.chance(0.3) ? a - rank : a));
  const r = random.next();
  if (r < 0.08 && out.length > 0) out.splice(random.int(0, out.length - 1), 1); // an axis left out
  else if (r < 0.14 && out.length > 0) out[random.int(0, out.length - 1)] = out[random.int(0, out.length - 1)]!; // a duplicate
  else if (r < 0.2) out[random.int(0, out.length)] = random.pick([rank, -rank - 1, rank + 2]); // out of range
  else if (r < 0.22) out.push(random.int(0, rank)); // one too many
  return out;
}

const permute: Rule = {
  name: "permute",
  generate() {
    const shape = randomShape(0, 5);
    const transposeOmitted = random.chance(0.15);
    return { shapes: [maybeUnknown(shape)], args: [transposeOmitted ? "transpose" : random.chance(0.2) ? "transpose-axes" : "permute", transposeOmitted ? undefined : randomAxes(shape.length)] };
  },
  type: (c) => {
    const [kind, axes] = c.args as [string, number[] | undefined];
    const s = shapeType(c.shapes[0]!);
    if (kind === "transpose") return `TransposeShape<${s}>`;
    return kind === "permute" ? `PermuteShape<${s}, ${tuple(axes!)}>` : `TransposeShape<${s}, ${tuple(axes!)}>`;
  },
  run: ([shape], [kind, axes]) =>
    kind === "transpose" ? transposeShape(shape as never) : kind === "permute" ? permuteShape(shape as never, axes as never) : transposeShape(shape as never, axes as never),
};

const squeeze: Rule = {
  name: "squeeze",
  generate() {
    const shape = randomShape(0, 5).map((d) => (random.chance(0.3) ? 1 : d));
    const rank = shape.length;
    const r = random.next();
    const axis = () => (random.chance(0.9) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1]));
    const onesAt = shape.flatMap((d, i) => (d === 1 ? [random.chance(0.3) ? i - rank : i] : []));
    const axes = r < 0.3 ? undefined : r < 0.6 ? axis() : r < 0.8 ? onesAt : Array.from({ length: random.int(0, 3) }, axis);
    return { shapes: [maybeUnknown(shape)], args: [axes] };
  },
  type: (c) => `SqueezeShape<${shapeType(c.shapes[0]!)}, ${Array.isArray(c.args[0]) ? tuple(c.args[0]) : literal(c.args[0])}>`,
  run: ([shape], [axes]) => squeezeShape(shape as never, axes as never),
  loose: (c) => c.args[0] === undefined && c.shapes[0] !== "unknown-rank" && c.shapes[0]!.some((d) => typeof d === "string"),
};

const unsqueeze: Rule = {
  name: "unsqueeze",
  generate() {
    const shape = randomShape(0, 5);
    return { shapes: [maybeUnknown(shape)], args: [random.int(-shape.length - 2, shape.length + 1)] };
  },
  type: (c) => `UnsqueezeShape<${shapeType(c.shapes[0]!)}, ${literal(c.args[0])}>`,
  run: ([shape], [axis]) => unsqueezeShape(shape as never, axis as never),
};

function randomBound(size: number): number | undefined {
  const r = random.next();
  if (r < 0.25) return undefined;
  if (r < 0.85) return random.int(-Math.min(size, 12) - 3, Math.min(size, 12) + 3);
  if (r < 0.95) return random.pick([-(2 ** 53 - 1), 2 ** 53 - 1, -(2 ** 40), 2 ** 40, 2 ** 52 + 7, 1e21, -1e22]);
  return random.pick([0.5, -1.5]);
}

const slice: Rule = {
  name: "slice",
  generate() {
    const shape = randomShape(0, 4).map((d) => (random.chance(0.35) ? random.int(0, 14) : d));
    const rank = shape.length;
    const axis = random.chance(0.92) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1]);
    const dim = shape[axis < 0 ? axis + rank : axis];
    const size = typeof dim === "number" ? dim : 10;
    const stepRoll = random.next();
    const step =
      stepRoll < 0.3 ? undefined : stepRoll < 0.85 ? random.pick([1, 1, 2, 3, 5, -1, -1, -2, -3, -7]) : stepRoll < 0.93 ? random.pick([2 ** 40, -(2 ** 52), 2 ** 53 - 1, 1e21, -1e21]) : random.pick([0, 0, 2.5]);
    const whole = random.chance(0.08);
    const args = whole ? [axis, step !== undefined && step < 0 ? -1 : 0, undefined, step !== undefined && step < 0 ? -1 : undefined] : [axis, randomBound(size), randomBound(size), step];
    return { shapes: [maybeUnknown(shape)], args };
  },
  type: (c) => `SliceShape<${shapeType(c.shapes[0]!)}, ${c.args.map(literal).join(", ")}>`,
  run: ([shape], [axis, start, end, step]) => sliceShape(shape as never, axis as never, start as never, end as never, step as never),
  loose: (c) => {
    if (c.shapes[0] === "unknown-rank") return false;
    const shape = c.shapes[0]!;
    const axis = c.args[0] as number;
    return typeof shape[axis < 0 ? axis + shape.length : axis] === "string";
  },
};

/**
 * A start and a length for an axis of `size` (10 for a name or `number`): mostly a window that fits,
 * else out of range by a little or by far (2^53 − 1, 1e21), negative, fractional, or a name as the
 * length (an error: a name has no size at run time).
 */
function narrowWindow(size: number): [start: number, length: number | string] {
  const r = random.next();
  if (r < 0.6) {
    const start = random.int(-size, size);
    const from = start < 0 ? start + size : start;
    return [start, random.int(0, size - from)];
  }
  if (r < 0.75) return [random.int(-size - 2, size + 2), random.int(0, size + 3)];
  if (r < 0.83) return [random.int(0, size), random.pick([-1, -3, 2 ** 53 - 1, 1e21])];
  if (r < 0.9) return [random.pick([-(2 ** 53 - 1), 2 ** 53 - 1, 1e21, -1e22]), random.int(0, 3)];
  if (r < 0.96) return random.chance(0.5) ? [0.5, 1] : [0, 2.5];
  return [0, random.pick(["n", "seq"])];
}

const narrow: Rule = {
  name: "narrow",
  generate() {
    const shape = randomShape(1, 4).map((d) => (random.chance(0.35) ? random.int(0, 14) : d));
    const rank = shape.length;
    const axis = random.chance(0.93) ? random.int(-rank, rank - 1) : random.pick([rank, -rank - 1]);
    const dim = shape[axis < 0 ? axis + rank : axis];
    const size = typeof dim === "number" ? Math.min(dim, 2 ** 40) : 10;
    return { shapes: [maybeUnknown(shape)], args: [axis, ...narrowWindow(size)] };
  },
  type: (c) => `NarrowShape<${shapeType(c.shapes[0]!)}, ${c.args.map(literal).join(", ")}>`,
  run: ([shape], [axis, start, length]) => narrowShape(shape as never, axis as never, start as never, length as never),
};

/** A dim on the axis to split: usually a multiple of `count` (a size, or a size expression such as `"2*n"`), else a random dim. */
function splitDim(count: number): SourceDim {
  const r = random.next();
  if (r < 0.45) return count * random.int(0, 5);
  if (r < 0.55) return random.pick([`${count}*n`, `${count}*seq+${count}*m`, `n*${Math.max(count, 2)}`]);
  return randomDim();
}

/** A number of chunks: mostly 1 to 6, else not a count (0, negative, fractional, above 2^53 − 1). */
const chunkCount = (): number => (random.chance(0.9) ? random.pick([1, 2, 2, 3, 4, 6]) : random.pick([0, -2, 1.5, 2 ** 53, 2 ** 53 - 1]));

const chunk: Rule = {
  name: "chunk",
  generate() {
    const chunks = chunkCount();
    const shape = randomShape(1, 4);
    const rank = shape.length;
    const axis = random.chance(0.93) ? random.int(-rank, rank - 1) : random.pick([rank, -rank - 1]);
    const index = axis < 0 ? axis + rank : axis;
    if (index >= 0 && index < rank) shape[index] = splitDim(Number.isInteger(chunks) && chunks > 0 && chunks < 100 ? chunks : 2);
    return { shapes: [maybeUnknown(shape)], args: [chunks, axis] };
  },
  type: (c) => `ChunkShape<${shapeType(c.shapes[0]!)}, ${c.args.map(literal).join(", ")}>`,
  run: ([shape], [chunks, axis]) => chunkShape(shape as never, chunks as never, axis as never),
};

/** Sizes for an axis of `size` (10 for a name or `number`): mostly adding up to it, else off by some, or with a size that is not one. */
function splitSizes(size: number): number[] {
  const count = random.int(0, 4);
  const sizes = Array.from({ length: count }, () => random.int(0, 4));
  const r = random.next();
  if (r < 0.6 && count > 0) sizes[count - 1] = Math.max(0, size - sizes.slice(0, -1).reduce((a, b) => a + b, 0));
  else if (r < 0.7) sizes.push(random.pick([-1, 2.5, 2 ** 53]));
  else if (r < 0.75) sizes.push(2 ** 53 - 1, 2 ** 53 - 1);
  return sizes;
}

const split: Rule = {
  name: "split",
  generate() {
    const shape = randomShape(1, 4).map((d) => (random.chance(0.4) ? random.int(0, 9) : d));
    const rank = shape.length;
    const axis = random.chance(0.93) ? random.int(-rank, rank - 1) : random.pick([rank, -rank - 1]);
    const dim = shape[axis < 0 ? axis + rank : axis];
    return { shapes: [maybeUnknown(shape)], args: [splitSizes(typeof dim === "number" ? Math.min(dim, 12) : 10), axis] };
  },
  type: (c) => `FlatPieces<SplitShape<${shapeType(c.shapes[0]!)}, ${tuple(c.args[0] as number[])}, ${literal(c.args[1])}>>`,
  run: ([shape], [sizes, axis]) => (splitShape(shape as never, sizes as never, axis as never) as unknown as (number | string)[][]).flat(),
};

const unbind: Rule = {
  name: "unbind",
  generate() {
    const shape = randomShape(0, 4);
    const rank = shape.length;
    return { shapes: [maybeUnknown(shape)], args: [random.chance(0.88) ? random.int(-rank, Math.max(rank - 1, 0)) : random.pick([rank, -rank - 1, rank + 3])] };
  },
  type: (c) => `UnbindShape<${shapeType(c.shapes[0]!)}, ${literal(c.args[0])}>`,
  run: ([shape], [axis]) => unbindShape(shape as never, axis as never),
};

differentialSuite([matmul, permute, squeeze, unsqueeze, slice, narrow, chunk, split, unbind], IMPORTS, CASES_PER_RULE, 4_2026_0612);

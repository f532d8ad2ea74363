/**
 * The mirror for `conv1dShape`, `conv2dShape` and `pool2dShape`, proven on generated cases with the
 * shared differential suite (test/harness/differential.ts): byte-identical results and messages for
 * known and symbolic dims, soundness for `number` dims and unknown ranks. A named spatial dim whose
 * output is not the name (`number` at compile time, `NaN` from the pure rule: documented) is checked
 * for soundness only. A table of hand-picked cases runs the same comparison first.
 */
import { describe, expect, it } from "vitest";
import { conv1dShape, conv2dShape } from "../../src/ops/conv.js";
import { pool2dShape } from "../../src/ops/pool.js";
import { differentialSuite, outcome, sameResult, type Rule, type RuleCase } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { DYNAMIC, evaluateTypes, parseTypeText, shapeType, type SourceDim, type SourceShape } from "../harness/types.js";

const random = seeded(2026_1203);

const IMPORTS = [
  `import type { Conv1dShape, Conv2dShape } from "../types/ops/conv.js";`,
  `import type { Pool2dShape } from "../types/ops/pool.js";`,
].join("\n");

const NAMES = ["batch", "seq", "n", "m"] as const;
const HUGE = [2 ** 31, 50257, 2 ** 52, 2 ** 53 - 1] as const;

/** A dim that is usually `value`, sometimes a name, `number`, or a huge size. */
const vary = (value: number, name = 0.1, dynamic = 0.06, huge = 0): SourceDim => {
  const r = random.next();
  if (r < name) return random.pick(NAMES);
  if (r < name + dynamic) return DYNAMIC;
  if (r < name + dynamic + huge) return random.pick(HUGE);
  return value;
};
const rankNoise = (shape: SourceDim[]): SourceShape => {
  const r = random.next();
  if (r < 0.05) return "unknown-rank";
  if (r < 0.1) return shape.slice(1);
  if (r < 0.12) return [...shape, 2];
  return shape;
};
const perAxis = (spatial: number, f: () => number): number | number[] => (random.chance(0.5) ? f() : Array.from({ length: spatial }, f));

function convCase(spatial: 1 | 2): RuleCase {
  const groups = random.pick([1, 1, 1, 2, 3, 4]);
  const cg = random.int(1, 3);
  const c = random.chance(0.85) ? groups * cg : random.int(1, 7);
  const o = random.chance(0.85) ? groups * random.int(1, 3) : random.int(1, 7);
  const kernel = Array.from({ length: spatial }, () => random.int(0, 5) || 1);
  const opts: Record<string, unknown> = {};
  if (random.chance(0.5)) opts.stride = perAxis(spatial, () => random.int(1, 3));
  if (random.chance(0.4)) opts.dilation = perAxis(spatial, () => random.int(1, 3));
  const p = random.next();
  if (p < 0.25) opts.padding = "same";
  else if (p < 0.3) opts.padding = "valid";
  else if (p < 0.7) opts.padding = perAxis(spatial, () => random.int(0, 3));
  if (groups !== 1 || random.chance(0.1)) opts.groups = groups;
  if (random.chance(0.3)) opts.bias = random.chance(0.8) ? [vary(o, 0.05, 0)] : [o, 1]; // no `number` in options: JSON has no such value
  const x: SourceDim[] = [vary(random.int(1, 3)), vary(c, 0.08, 0.08), ...Array.from({ length: spatial }, () => vary(random.chance(0.05) ? 0 : random.int(2, 16), 0.12, 0.06, 0.04))];
  const w: SourceDim[] = [vary(o, 0.05, 0.05), vary(cg, 0.05, 0.05), ...kernel.map((k) => vary(k, 0.03, 0.05))];
  return { shapes: [rankNoise(x), rankNoise(w)], args: [opts] };
}

/**
 * Documented degradations, checked for soundness only: a named spatial dim whose output is not the
 * name (`NaN` from the pure rule, `number` at compile time), and an output size above 2^53 − 1
 * (`number` at compile time; the runtime's double is not exact there).
 */
const degraded = (run: () => unknown) => {
  const result = outcome(run);
  return result.kind === "ok" && result.value.some((d) => typeof d === "number" && (Number.isNaN(d) || d > Number.MAX_SAFE_INTEGER));
};

const conv = (spatial: 1 | 2): Rule => {
  const run = (shapes: readonly (number | string)[][], args: readonly unknown[]) =>
    spatial === 1 ? conv1dShape(shapes[0] as never, shapes[1] as never, args[0] as never) : conv2dShape(shapes[0] as never, shapes[1] as never, args[0] as never);
  return {
    name: `conv${spatial}dShape`,
    generate: () => convCase(spatial),
    type: (c) => `Conv${spatial}dShape<${shapeType(c.shapes[0]!)}, ${shapeType(c.shapes[1]!)}, ${JSON.stringify(c.args[0])}>`,
    run,
    loose: (c) => degraded(() => run(c.shapes as (number | string)[][], c.args)),
  };
};

const pool: Rule = {
  name: "pool2dShape",
  generate() {
    const kernel = perAxis(2, () => random.int(1, 4));
    const opts: Record<string, unknown> = { kernel };
    if (random.chance(0.6)) opts.stride = perAxis(2, () => random.int(1, 3));
    if (random.chance(0.5)) opts.padding = perAxis(2, () => random.int(0, 2));
    if (random.chance(0.5)) opts.ceilMode = random.chance(0.5);
    const x: SourceDim[] = [vary(random.int(1, 3)), vary(random.int(1, 4)), vary(random.int(0, 9), 0.1, 0.1, 0.05), vary(random.int(0, 9), 0.1, 0.1, 0.05)];
    return { shapes: [rankNoise(x)], args: [random.chance(0.1) && typeof kernel === "number" ? kernel : opts] };
  },
  type: (c) => `Pool2dShape<${shapeType(c.shapes[0]!)}, ${JSON.stringify(c.args[0])}>`,
  run: ([x], [opts]) => pool2dShape(x as never, opts as never),
  loose: (c) => degraded(() => pool2dShape(c.shapes[0] as never, c.args[0] as never)),
};

// The table calls the rules untyped: several rows are compile errors on purpose.
const conv1dAny = conv1dShape as (...args: unknown[]) => unknown;
const conv2dAny = conv2dShape as (...args: unknown[]) => unknown;
const pool2dAny = pool2dShape as (...args: unknown[]) => unknown;

describe("conv and pool: a table of hand-picked cases, type level = runtime", () => {
  const cases: [string, () => unknown][] = [
    ['Conv2dShape<[64, 1, 8, 8], [8, 1, 3, 3], { "padding": 1 }>', () => conv2dAny([64, 1, 8, 8], [8, 1, 3, 3], { padding: 1 })],
    ['Conv2dShape<[64, 8, 4, 4], [16, 8, 3, 3]>', () => conv2dAny([64, 8, 4, 4], [16, 8, 3, 3])],
    ['Conv2dShape<[1, 4, 28, 28], [6, 2, 5, 5], { "stride": [2, 1], "groups": 2 }>', () => conv2dAny([1, 4, 28, 28], [6, 2, 5, 5], { stride: [2, 1], groups: 2 })],
    ['Conv2dShape<[2, 3, 7, 5], [4, 3, 4, 2], { "padding": "same", "dilation": 2 }>', () => conv2dAny([2, 3, 7, 5], [4, 3, 4, 2], { padding: "same", dilation: 2 })],
    ['Conv2dShape<["b", 3, "h", "w"], [4, 3, 3, 3], { "padding": [1, 1] }>', () => conv2dAny(["b", 3, "h", "w"], [4, 3, 3, 3], { padding: [1, 1] })],
    ['Conv2dShape<[1, 3, 8, 8], [4, 3, 3, 3], { "padding": "same", "stride": [1, 2] }>', () => conv2dAny([1, 3, 8, 8], [4, 3, 3, 3], { padding: "same", stride: [1, 2] })],
    ['Conv2dShape<[1, 6, 8, 8], [4, 3, 3, 3], { "groups": 3 }>', () => conv2dAny([1, 6, 8, 8], [4, 3, 3, 3], { groups: 3 })],
    ['Conv2dShape<[1, 6, 8, 8], [6, 3, 3, 3], { "groups": 3 }>', () => conv2dAny([1, 6, 8, 8], [6, 3, 3, 3], { groups: 3 })],
    ['Conv2dShape<[1, 6, 8, 8], [6, 1, 3, 3], { "groups": 3 }>', () => conv2dAny([1, 6, 8, 8], [6, 1, 3, 3], { groups: 3 })],
    ['Conv2dShape<[1, 3, 8, 8], [4, 3, 3, 3], { "bias": [4, 1] }>', () => conv2dAny([1, 3, 8, 8], [4, 3, 3, 3], { bias: [4, 1] })],
    ['Conv2dShape<[1, 3, 5, 5], [4, 3, 3, 3], { "dilation": [1, 3] }>', () => conv2dAny([1, 3, 5, 5], [4, 3, 3, 3], { dilation: [1, 3] })],
    ['Conv1dShape<[1, 1, 9007199254740991], [1, 1, 2], { "stride": 3 }>', () => conv1dAny([1, 1, 2 ** 53 - 1], [1, 1, 2], { stride: 3 })],
    ['Conv1dShape<[1, 1, 9007199254740991], [1, 1, 3], { "dilation": 4503599627370495 }>', () => conv1dAny([1, 1, 2 ** 53 - 1], [1, 1, 3], { dilation: 2 ** 52 - 1 })],
    ['Conv1dShape<[8, 3, 100], [16, 3, 5, 5]>', () => conv1dAny([8, 3, 100], [16, 3, 5, 5])],
    ['Pool2dShape<[1, 1, 5, 5], { "kernel": 2, "stride": 2, "padding": 1, "ceilMode": true }>', () => pool2dAny([1, 1, 5, 5], { kernel: 2, stride: 2, padding: 1, ceilMode: true })],
    ['Pool2dShape<[1, 1, 9007199254740991, 4], { "kernel": [3, 2], "stride": [1000, 2], "ceilMode": true }>', () => pool2dAny([1, 1, 2 ** 53 - 1, 4], { kernel: [3, 2], stride: [1000, 2], ceilMode: true })],
    ['Pool2dShape<[1, 1, 5, 5], { "kernel": [2, 4], "padding": [1, 3] }>', () => pool2dAny([1, 1, 5, 5], { kernel: [2, 4], padding: [1, 3] })],
    ["Pool2dShape<[2, 3, 4, 4], 4>", () => pool2dAny([2, 3, 4, 4], 4)],
  ];
  const typed = evaluateTypes(IMPORTS, cases.map(([type]) => type)).map(parseTypeText);
  it.each(cases.map(([type], i) => [type, i] as const))("%s", (_type, i) => {
    const runtime = outcome(cases[i]![1]);
    expect(sameResult(typed[i]!, runtime), `${JSON.stringify(typed[i])} vs ${JSON.stringify(runtime)}`).toBe(true);
  });
});

differentialSuite([conv(1), conv(2), pool], IMPORTS, 520, 2026_1204);

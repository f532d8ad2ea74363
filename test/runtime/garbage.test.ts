// Property: the public runtime entry points given garbage (wrong types, NaN, ±Infinity, huge,
// negative and fractional numbers, nested and cyclic arrays, cyclic objects, null/undefined, strings,
// symbols, bigints) either return or throw an InputError/ShapeError with a code — never a raw
// TypeError/RangeError, a stack overflow, an InternalError, or a hang. Seeded, so a failure replays:
// the report names the seed, the call and the arguments.
import { describe, expect, it } from "vitest";
import {
  avgPool2d,
  clamp,
  conv2d,
  conv2dShape,
  dropout,
  einsum,
  einsumShape,
  layerNorm,
  loadTensors,
  maxPool2d,
  mseLoss,
  pool2dShape,
  rearrange,
  rearrangeShape,
  swapaxes,
  argmax,
  argmaxShape,
  argmin,
  crossEntropy,
  embedding,
  embeddingShape,
  eq,
  gather,
  gatherShape,
  ge,
  gt,
  indexSelect,
  indexSelectShape,
  le,
  lossShape,
  lt,
  ne,
  nllLoss,
  InputError,
  SGD,
  ShapeError,
  Tensor,
  arange,
  concat,
  concatShape,
  flatten,
  flattenShape,
  fromArray,
  full,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  ones,
  permute,
  permuteShape,
  reduceShape,
  reshape,
  reshapeShape,
  slice,
  sliceShape,
  narrow,
  narrowShape,
  chunk,
  chunkShape,
  split,
  splitShape,
  unbind,
  unbindShape,
  tril,
  triu,
  triangularShape,
  softmax,
  softmaxShape,
  squeeze,
  squeezeShape,
  stack,
  stackShape,
  sum,
  tensor,
  transpose,
  transposeShape,
  unsqueeze,
  unsqueezeShape,
  zeros,
} from "../../src/index.js";
import { expand } from "../../src/ops/broadcast.js";

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cyclicArray: unknown[] = [1, 2];
cyclicArray.push(cyclicArray);
const cyclicObject: Record<string, unknown> = { a: 1 };
cyclicObject.self = cyclicObject;
let deepArray: unknown = 0;
for (let i = 0; i < 5000; i++) deepArray = [deepArray];
const sparse = new Array(5);
sparse[2] = 1;

/** A view of 2^54 elements: any op that loops over it would never return. */
const hugeView = expand(ones([1, 1]), [2 ** 27, 2 ** 27]);

/**
 * Garbage scalars. Valid sizes are kept to 0–3 so that a shape of valid dims stays small: the only
 * large numbers are ones no allocation can satisfy (≥ 2^40, or not safe integers), which must fail
 * fast rather than allocate gigabytes.
 */
const SCALARS: readonly unknown[] = [
  null,
  undefined,
  Number.NaN,
  Infinity,
  -Infinity,
  -1,
  -2,
  -0,
  0,
  1,
  2,
  3,
  1.5,
  -0.5,
  2 ** 40,
  2 ** 53 - 1,
  2 ** 53,
  1e21,
  1e300,
  Number.MIN_VALUE,
  "1",
  "",
  "batch",
  'a"b',
  "n+m",
  "float64",
  true,
  false,
  3n,
  Symbol("s"),
  {},
  Object.create(null),
  cyclicObject,
  () => 1,
  new Float32Array(3),
];

/** A tensor argument: a few real tensors (a scalar, an empty one, a 2^54-element view) or garbage. */
function someTensor(random: () => number): unknown {
  const pick = Math.floor(random() * 7);
  if (pick === 0) return tensor(2);
  if (pick === 1) return zeros([2, 1, 3]);
  if (pick === 2) return zeros([0, 3], { dtype: "float64" });
  if (pick === 3) return arange(6).reshape([2, 3]);
  if (pick === 4) return hugeView;
  return garbage(random, 1);
}

/** An index argument: int32 tensors in and out of range, of a few ranks, or any tensor argument. */
function someIndex(random: () => number): unknown {
  const pick = Math.floor(random() * 6);
  if (pick === 0) return zeros([2, 1], { dtype: "int32" });
  if (pick === 1) return tensor([[0, 1, 5]], { dtype: "int32" });
  if (pick === 2) return tensor([-1, 0], { dtype: "int32" });
  if (pick === 3) return tensor([1, 0], { dtype: "bool" });
  return someTensor(random);
}

/** Any garbage value; `depth` bounds the nesting of the arrays it builds. */
function garbage(random: () => number, depth = 2): unknown {
  const pick = random();
  if (pick < 0.45 || depth <= 0) return SCALARS[Math.floor(random() * SCALARS.length)];
  if (pick < 0.75) return shapeLike(random, depth - 1);
  if (pick < 0.8) return cyclicArray;
  if (pick < 0.83) return deepArray;
  if (pick < 0.86) return sparse;
  if (pick < 0.9) return [[1, 2], [3]];
  return someTensor(random);
}

/** Mostly a list of small dims, sometimes with garbage in it: what a shape, an axis list or nested data looks like. */
function shapeLike(random: () => number, depth = 1): unknown[] {
  const rank = Math.floor(random() * 5);
  const out: unknown[] = [];
  for (let i = 0; i < rank; i++) out.push(random() < 0.7 ? Math.floor(random() * 4) - (random() < 0.2 ? 2 : 0) : garbage(random, depth));
  return out;
}

/** An axis-like argument: usually a small integer (sometimes out of range), else garbage. */
function axisLike(random: () => number): unknown {
  const pick = random();
  if (pick < 0.5) return Math.floor(random() * 9) - 4;
  if (pick < 0.6) return undefined;
  if (pick < 0.75) return shapeLike(random);
  return garbage(random, 1);
}

/** A `.grad` for a parameter of shape [2, 3]: right, wrong shape, or garbage. */
function gradLike(random: () => number): unknown {
  const pick = random();
  if (pick < 0.3) return zeros([2, 3]);
  if (pick < 0.4) return null;
  return someTensor(random);
}

type Call = readonly [name: string, run: (random: () => number) => readonly [args: unknown[], thunk: () => unknown]];

type Fn = (...args: unknown[]) => unknown;
const f = (fn: unknown) => fn as Fn;
/** Named entry points, typed loosely (their own signatures would make the compiler check each garbage call). */
const entries = (list: readonly (readonly [string, Fn])[]) => list;

/** Each entry point, with a generator of its arguments. */
const CALLS: readonly Call[] = [
  ...entries([
    ["tensor", f(tensor)],
    ["zeros", f(zeros)],
    ["ones", f(ones)],
    ["arange", f(arange)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [r() < 0.3 ? garbage(r) : name === "arange" ? axisLike(r) : shapeLike(r), r() < 0.8 ? undefined : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ["full", (r) => {
    const args = [shapeLike(r), r() < 0.5 ? 1 : garbage(r), r() < 0.8 ? undefined : garbage(r, 1)];
    return [args, () => f(full)(...args)];
  }],
  ["fromArray", (r) => {
    const args = [r() < 0.5 ? [1, 2, 3, 4, 5, 6] : garbage(r), shapeLike(r), r() < 0.8 ? { dtype: "float64" } : garbage(r, 1)];
    return [args, () => f(fromArray)(...args)];
  }],
  ...entries([
    ["sum", f(sum)],
    ["mean", f(mean)],
    ["max", f(max)],
    ["min", f(min)],
    ["logsumexp", f(logsumexp)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), axisLike(r), r() < 0.5 ? true : garbage(r, 0)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["softmax", f(softmax)],
    ["logSoftmax", f(logSoftmax)],
    ["squeeze", f(squeeze)],
    ["unsqueeze", f(unsqueeze)],
    ["permute", f(permute)],
    ["transpose", f(transpose)],
    ["reshape", f(reshape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), name === "reshape" && r() < 0.6 ? shapeLike(r) : axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ["flatten", (r) => {
    const args = [someTensor(r)];
    return [args, () => f(flatten)(...args)];
  }],
  ["slice", (r) => {
    const args = [someTensor(r), axisLike(r), axisLike(r), axisLike(r), axisLike(r)];
    return [args, () => f(slice)(...args)];
  }],
  ...entries([
    ["concat", f(concat)],
    ["stack", f(stack)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const list = r() < 0.2 ? garbage(r) : Array.from({ length: Math.floor(r() * 4) }, () => someTensor(r));
    const args = [list, axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["reduceShape", f(reduceShape)],
    ["squeezeShape", f(squeezeShape)],
    ["unsqueezeShape", f(unsqueezeShape)],
    ["permuteShape", f(permuteShape)],
    ["transposeShape", f(transposeShape)],
    ["softmaxShape", f(softmaxShape)],
    ["reshapeShape", f(reshapeShape)],
    ["flattenShape", f(flattenShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r), name === "reshapeShape" && r() < 0.6 ? shapeLike(r) : axisLike(r), garbage(r, 0)];
    return [args, () => fn(...args)];
  }]),
  ["narrow", (r) => {
    const args = [someTensor(r), axisLike(r), axisLike(r), axisLike(r)];
    return [args, () => f(narrow)(...args)];
  }],
  ["narrowShape", (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r), axisLike(r), axisLike(r), axisLike(r)];
    return [args, () => f(narrowShape)(...args)];
  }],
  ...entries([
    ["chunk", f(chunk)],
    ["split", f(split)],
    ["unbind", f(unbind)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), r() < 0.5 ? axisLike(r) : shapeLike(r), axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["chunkShape", f(chunkShape)],
    ["splitShape", f(splitShape)],
    ["unbindShape", f(unbindShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r), r() < 0.5 ? axisLike(r) : shapeLike(r), axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["tril", f(tril)],
    ["triu", f(triu)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = r() < 0.5 ? [someTensor(r)] : [someTensor(r), axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ["triangularShape", (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r)];
    return [args, () => f(triangularShape)(...args)];
  }],
  ["sliceShape", (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r), axisLike(r), axisLike(r), axisLike(r), axisLike(r)];
    return [args, () => f(sliceShape)(...args)];
  }],
  ...entries([
    ["concatShape", f(concatShape)],
    ["stackShape", f(stackShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const list = r() < 0.2 ? garbage(r) : Array.from({ length: Math.floor(r() * 4) }, () => (r() < 0.8 ? shapeLike(r) : garbage(r)));
    const args = [list, axisLike(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["gt", f(gt)],
    ["ge", f(ge)],
    ["lt", f(lt)],
    ["le", f(le)],
    ["eq", f(eq)],
    ["ne", f(ne)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), r() < 0.3 ? garbage(r, 0) : someTensor(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["argmax", f(argmax)],
    ["argmin", f(argmin)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), axisLike(r), r() < 0.5 ? true : garbage(r, 0)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["indexSelect", f(indexSelect)],
    ["gather", f(gather)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [someTensor(r), axisLike(r), someIndex(r)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["embedding", f(embedding)],
    ["crossEntropy", f(crossEntropy)],
    ["nllLoss", f(nllLoss)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [r() < 0.3 ? zeros([3, 2]) : someTensor(r), someIndex(r), r() < 0.5 ? { reduction: r() < 0.5 ? "none" : garbage(r, 0) } : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["argmaxShape", f(argmaxShape)],
    ["indexSelectShape", f(indexSelectShape)],
    ["gatherShape", f(gatherShape)],
    ["embeddingShape", f(embeddingShape)],
    ["lossShape", f(lossShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const args = [r() < 0.7 ? shapeLike(r) : garbage(r), name === "embeddingShape" || name === "lossShape" ? shapeLike(r) : axisLike(r), r() < 0.5 ? shapeLike(r) : garbage(r, 0)];
    return [args, () => fn(...args)];
  }]),
  // Patterns: a valid one on a fitting shape, a valid one on garbage, or garbage (this round's ops).
  ...entries([
    ["rearrange", f(rearrange)],
    ["rearrangeShape", f(rearrangeShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const pattern = r() < 0.5 ? "a (b c) -> c b a" : r() < 0.5 ? "a b -> b (a" : garbage(r, 0);
    const input = name === "rearrange" ? (r() < 0.5 ? arange(6).reshape([1, 6]) : someTensor(r)) : r() < 0.5 ? [1, 6] : shapeLike(r);
    const args = [input, pattern, r() < 0.5 ? { b: 2 } : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["einsum", f(einsum)],
    ["einsumShape", f(einsumShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const subscripts = r() < 0.5 ? "ij,jk->ik" : r() < 0.5 ? "ii->i" : garbage(r, 0);
    const operand = () => (name === "einsum" ? someTensor(r) : r() < 0.5 ? [2, 2] : shapeLike(r));
    const args = [subscripts, operand(), ...(r() < 0.5 ? [operand()] : [])];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["conv2d", f(conv2d)],
    ["conv2dShape", f(conv2dShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const x = name === "conv2d" ? (r() < 0.4 ? zeros([1, 2, 5, 5]) : someTensor(r)) : r() < 0.4 ? [1, 2, 5, 5] : shapeLike(r);
    const w = name === "conv2d" ? (r() < 0.4 ? zeros([3, 2, 3, 3]) : someTensor(r)) : r() < 0.4 ? [3, 2, 3, 3] : shapeLike(r);
    const args = [x, w, r() < 0.4 ? { padding: r() < 0.5 ? "same" : garbage(r, 0), stride: r() < 0.5 ? 1 : garbage(r, 0) } : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["maxPool2d", f(maxPool2d)],
    ["avgPool2d", f(avgPool2d)],
    ["pool2dShape", f(pool2dShape)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const x = name === "pool2dShape" ? (r() < 0.4 ? [1, 2, 4, 4] : shapeLike(r)) : r() < 0.4 ? zeros([1, 2, 4, 4]) : someTensor(r);
    const args = [x, r() < 0.4 ? { kernel: r() < 0.5 ? 2 : garbage(r, 0), padding: r() < 0.5 ? 0 : garbage(r, 0) } : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ...entries([
    ["mseLoss", f(mseLoss)],
    ["layerNorm", f(layerNorm)],
    ["clamp", f(clamp)],
    ["dropout", f(dropout)],
    ["swapaxes", f(swapaxes)],
  ]).map(([name, fn]): Call => [name, (r) => {
    const second = name === "layerNorm" ? (r() < 0.5 ? [3] : shapeLike(r)) : name === "mseLoss" ? someTensor(r) : r() < 0.5 ? axisLike(r) : garbage(r, 1);
    const args = [someTensor(r), second, r() < 0.5 ? axisLike(r) : garbage(r, 1)];
    return [args, () => fn(...args)];
  }]),
  ["loadTensors", (r) => {
    const bytes = new Uint8Array(Math.floor(r() * 40));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    if (bytes.length >= 8 && r() < 0.5) new DataView(bytes.buffer).setBigUint64(0, BigInt(Math.floor(r() * 64)), true);
    const args = [r() < 0.7 ? bytes : garbage(r, 1), r() < 0.5 ? undefined : garbage(r, 1)];
    return [args, () => f(loadTensors)(...args)];
  }],
  ["new SGD", (r) => {
    const params = r() < 0.3 ? garbage(r) : [zeros([2], { requiresGrad: true }), ...(r() < 0.5 ? [garbage(r, 1)] : [])];
    const options = r() < 0.4 ? { lr: garbage(r, 0), momentum: garbage(r, 0) } : garbage(r, 1);
    const args = [params, options];
    return [args, () => new SGD(params as never, options as never)];
  }],
  ["SGD.step", (r) => {
    const w = zeros([2, 3], { requiresGrad: true });
    const optimizer = new SGD([w], { lr: 0.1, momentum: r() < 0.5 ? 0 : 0.9 });
    const grads = [gradLike(r), gradLike(r)];
    return [
      grads,
      () => {
        for (const grad of grads) {
          w.grad = grad as never;
          optimizer.step();
        }
      },
    ];
  }],
];

/** An argument list, printable whatever it holds. */
function show(args: readonly unknown[]): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(args, (_key, value: unknown) => {
      if (typeof value === "bigint") return `${value}n`;
      if (typeof value === "symbol" || typeof value === "function" || value === undefined) return String(value);
      if (typeof value === "number" && !Number.isFinite(value)) return String(value);
      if (value instanceof Tensor) return `Tensor(${JSON.stringify(value.dims)})`;
      if (typeof value === "object" && value !== null) {
        if (seen.has(value)) return "<cycle>";
        seen.add(value);
      }
      return value;
    })
      .slice(0, 300);
  } catch {
    return "<unprintable>";
  }
}

/** What one call did wrong, or `undefined` when it returned or threw a coded error. */
function misbehaviour(thunk: () => unknown): string | undefined {
  let result: unknown;
  try {
    result = thunk();
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ShapeError)) {
      return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 300);
    }
    if (!/^(INPUT|SHAPE)_[A-Z_]+$/.test(error.code)) return `threw code ${String(error.code)}`;
    if (!error.message.startsWith(`${error.code}: `)) return `threw a message not starting with its code: ${error.message}`;
    return undefined;
  }
  if (result instanceof Tensor) {
    // A tensor that was returned can be used: its size is a safe integer (no 2^54-element views).
    const size = result.size;
    if (!Number.isSafeInteger(size) || result.dims.some((dim) => !Number.isSafeInteger(dim) || dim < 0)) return `returned a tensor of shape ${show([result.dims])}`;
  }
  return undefined;
}

describe("garbage in, a coded error (or a result) out", () => {
  const SEEDS = [1, 2, 3, 12, 2024];
  const PER_SEED = 600;
  /**
   * Runaway work, not speed: a call on these tiny inputs that spends a whole second of this
   * process's CPU is a hang or a huge allocation the input checks let through. Measured as CPU time
   * (`process.cpuUsage`), not wall time, so a loaded machine does not fail it.
   */
  const RUNAWAY_CPU_MS = 1_000;

  it.each(SEEDS)("seed %i: every entry point returns or throws InputError/ShapeError with a code, without runaway work", (seed) => {
    const random = generator(seed);
    const failures: string[] = [];
    for (let i = 0; i < PER_SEED; i++) {
      const [name, make] = CALLS[Math.floor(random() * CALLS.length)]!;
      const [args, thunk] = make(random);
      const started = process.cpuUsage();
      const problem = misbehaviour(thunk);
      const used = process.cpuUsage(started);
      const took = (used.user + used.system) / 1000;
      if (problem !== undefined) failures.push(`seed ${seed}, call ${i}: ${name}(${show(args)}) ${problem}`);
      else if (took > RUNAWAY_CPU_MS) failures.push(`seed ${seed}, call ${i}: ${name}(${show(args)}) used ${took.toFixed(0)} ms of CPU`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  }, 60_000);

  it("the generator covers every entry point", () => {
    const random = generator(7);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(CALLS[Math.floor(random() * CALLS.length)]![0]);
    expect([...seen].sort()).toEqual(CALLS.map(([name]) => name).sort());
  });
});

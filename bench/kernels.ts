/**
 * Kernel benchmark. Each case times shapecheck (through its public API, output allocation and
 * autograd bookkeeping included) against a reference doing the same work, in the same process:
 *
 * - the tuned plain-JS kernels of bench/reference.ts (matmul, add, axis-0 sum, forward+backward of a
 *   broadcast add), and
 * - tfjs-wasm on an MLP training step, when `@tensorflow/tfjs-core`, `@tensorflow/tfjs-backend-wasm`
 *   and `@tensorflow/tfjs` (for its gradient functions) are installed (dev dependencies, loaded
 *   dynamically; the bench runs without them and says what is missing).
 *
 * Samples alternate between the two sides (so both see the same machine load); a case reports the
 * median time of each side and the median of the per-sample ratios (ours / reference; < 1 is faster).
 * `spread` is p90 / p10 over the samples (ours / the reference's): how much a time swings between
 * calls; `GFLOP/s` is ours / the reference's. Not part of `npm test` — timings are never assertions.
 *
 * Run: `npm run bench` (compiles to .run/ with tsc, then runs on Node).
 */
import { performance } from "node:perf_hooks";
import { SGD, Tensor, fromArray, permute, sum, zeroGrad } from "../src/index.js";
import { type Floats, referenceAddForwardBackward, referenceMatmul, referenceSumRows, referenceTranspose } from "./reference.js";

// ---------------------------------------------------------------------------------------------
// Measuring

interface Case {
  readonly name: string;
  readonly ours: () => unknown;
  readonly reference: () => unknown;
  /** Floating-point operations per call, for a GFLOP/s column (matmul). */
  readonly flops?: number;
  /** Shown for comparison only: not held to the section's target (not in its worst ratio). */
  readonly comparison?: boolean;
}

interface Timing {
  readonly ours: number;
  readonly reference: number;
  readonly ratio: number;
  /** p90 / p10 of the samples, ours and the reference's. */
  readonly spread: number;
  readonly referenceSpread: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const quantile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

/** Times one call: `samples` samples of enough calls to take about `target` ms, the sides alternating. */
function measure(bench: Case, samples = 31, target = 4): Timing {
  const warm = performance.now();
  let calls = 0;
  while (calls < 10 || performance.now() - warm < 150) {
    bench.ours();
    bench.reference();
    calls++;
  }
  const perCall = (performance.now() - warm) / calls / 2;
  const reps = Math.max(1, Math.round(target / Math.max(perCall, 1e-3)));
  const ours: number[] = [];
  const reference: number[] = [];
  const ratios: number[] = [];
  for (let s = 0; s < samples; s++) {
    // alternate which side goes first, so neither always runs right after the other's garbage
    const first = s % 2 === 0 ? bench.ours : bench.reference;
    const second = s % 2 === 0 ? bench.reference : bench.ours;
    let start = performance.now();
    for (let r = 0; r < reps; r++) first();
    const a = (performance.now() - start) / reps;
    start = performance.now();
    for (let r = 0; r < reps; r++) second();
    const b = (performance.now() - start) / reps;
    const [o, ref] = s % 2 === 0 ? [a, b] : [b, a];
    ours.push(o);
    reference.push(ref);
    ratios.push(o / ref);
  }
  const spread = (times: readonly number[]) => quantile(times, 0.9) / quantile(times, 0.1);
  return { ours: median(ours), reference: median(reference), ratio: median(ratios), spread: spread(ours), referenceSpread: spread(reference) };
}

const ms = (t: number) => `${t < 1 ? t.toFixed(3) : t.toFixed(2)} ms`;

function report(title: string, referenceName: string, cases: readonly Case[], target: string): number {
  console.log(`\n${title}`);
  console.log("case".padEnd(46) + "shapecheck".padStart(12) + referenceName.padStart(12) + "ratio".padStart(8) + "spread".padStart(12) + "  GFLOP/s");
  let worst = 0;
  for (const bench of cases) {
    const t = measure(bench);
    if (bench.comparison !== true) worst = Math.max(worst, t.ratio);
    const gflops = bench.flops === undefined ? "" : `  ${(bench.flops / t.ours / 1e6).toFixed(2)} / ${(bench.flops / t.reference / 1e6).toFixed(2)}`;
    console.log(bench.name.padEnd(46) + ms(t.ours).padStart(12) + ms(t.reference).padStart(12) + `${t.ratio.toFixed(2)}×`.padStart(8) + `${t.spread.toFixed(1)} / ${t.referenceSpread.toFixed(1)}`.padStart(12) + gflops);
  }
  const note = cases.some((bench) => bench.comparison === true) ? "; [*] for comparison, not counted" : "";
  console.log(`worst ratio ${worst.toFixed(2)}× (${target}${note})`);
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Data

function filled(size: number, seed: number, dtype: "float32" | "float64" = "float32"): Floats {
  const data = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    data[i] = (x / 4294967296) * 2 - 1;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// matmul

function matmulCases(): Case[] {
  const cases: Case[] = [];
  const plain = (m: number, k: number, n: number, dtype: "float32" | "float64", note = "") => {
    const A = filled(m * k, 1, dtype);
    const B = filled(k * n, 2, dtype);
    const a = fromArray(A, [m, k], { dtype }) as Tensor;
    const b = fromArray(B, [k, n], { dtype }) as Tensor;
    cases.push({
      name: `[${m}, ${k}] @ [${k}, ${n}] ${dtype}${note}`,
      ours: () => a.matmul(b as never),
      reference: () => referenceMatmul(A, B, m, k, n),
      flops: 2 * m * k * n,
    });
  };
  plain(64, 784, 128, "float32", " (MLP layer 1)");
  plain(64, 128, 10, "float32", " (MLP layer 2)");
  plain(256, 256, 256, "float32");
  plain(33, 17, 65, "float32", " (odd sizes)");
  plain(64, 784, 128, "float64");
  plain(256, 256, 256, "float64");

  // Strided operands: a transposed view in the library; the reference transposes to a contiguous copy first.
  {
    const X = filled(64 * 784, 3);
    const G = filled(64 * 128, 4);
    const xT = permute(fromArray(X, [64, 784]), [1, 0]) as Tensor;
    const g = fromArray(G, [64, 128]) as Tensor;
    cases.push({
      name: "[64, 784]ᵀ @ [64, 128] float32 (MLP dW1)",
      ours: () => xT.matmul(g as never),
      reference: () => referenceMatmul(referenceTranspose(X, 64, 784), G, 784, 64, 128),
      flops: 2 * 784 * 64 * 128,
    });
  }
  {
    const G = filled(64 * 10, 5);
    const W = filled(128 * 10, 6);
    const g = fromArray(G, [64, 10]) as Tensor;
    const wT = permute(fromArray(W, [128, 10]), [1, 0]) as Tensor;
    cases.push({
      name: "[64, 10] @ [128, 10]ᵀ float32 (MLP dh)",
      ours: () => g.matmul(wT as never),
      reference: () => referenceMatmul(G, referenceTranspose(W, 128, 10), 64, 10, 128),
      flops: 2 * 64 * 10 * 128,
    });
  }
  // Batched, and broadcast-batched (one right side for every batch matrix).
  {
    const [batch, m, k, n] = [16, 64, 64, 64];
    const A = filled(batch * m * k, 7);
    const B = filled(batch * k * n, 8);
    const a = fromArray(A, [batch, m, k]) as Tensor;
    const b = fromArray(B, [batch, k, n]) as Tensor;
    const b1 = fromArray(B.subarray(0, k * n), [k, n]) as Tensor;
    const batched = (shared: boolean) => () => {
      const out = new Float32Array(batch * m * n);
      for (let i = 0; i < batch; i++) {
        const Bi = shared ? B.subarray(0, k * n) : B.subarray(i * k * n, (i + 1) * k * n);
        out.set(referenceMatmul(A.subarray(i * m * k, (i + 1) * m * k), Bi, m, k, n), i * m * n);
      }
      return out;
    };
    cases.push({ name: "[16, 64, 64] @ [16, 64, 64] float32 (batched)", ours: () => a.matmul(b as never), reference: batched(false), flops: 2 * batch * m * k * n });
    cases.push({ name: "[16, 64, 64] @ [64, 64] float32 (broadcast)", ours: () => a.matmul(b1 as never), reference: batched(true), flops: 2 * batch * m * k * n });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// add, axis-0 sum, forward + backward

function elementwiseCases(): Case[] {
  const rowsA = filled(1024 * 1024, 1);
  const rowB = filled(1024, 2);
  const colB = filled(1024, 3);
  const big = filled(32 * 64 * 32 * 32, 4);
  const channel = filled(64, 5);
  const a = fromArray(rowsA, [1024, 1024]) as Tensor;
  const row = fromArray(rowB, [1024]) as Tensor;
  const column = fromArray(colB, [1024, 1]) as Tensor;
  const x4 = fromArray(big, [32, 64, 32, 32]) as Tensor;
  const perChannel = fromArray(channel, [64, 1, 1]) as Tensor;
  return [
    {
      name: "[1024, 1024] + [1024]",
      ours: () => a.add(row as never),
      reference: () => {
        const out = new Float32Array(1024 * 1024);
        for (let i = 0; i < 1024; i++) {
          const base = i * 1024;
          for (let j = 0; j < 1024; j++) out[base + j] = rowsA[base + j]! + rowB[j]!;
        }
        return out;
      },
    },
    {
      name: "[1024, 1024] + [1024, 1]",
      ours: () => a.add(column as never),
      reference: () => {
        const out = new Float32Array(1024 * 1024);
        for (let i = 0; i < 1024; i++) {
          const base = i * 1024;
          const v = colB[i]!;
          for (let j = 0; j < 1024; j++) out[base + j] = rowsA[base + j]! + v;
        }
        return out;
      },
    },
    {
      name: "[32, 64, 32, 32] + [64, 1, 1]",
      ours: () => x4.add(perChannel as never),
      reference: () => {
        const out = new Float32Array(32 * 64 * 1024);
        for (let n = 0; n < 32; n++) {
          for (let c = 0; c < 64; c++) {
            const base = (n * 64 + c) * 1024;
            const v = channel[c]!;
            for (let k = 0; k < 1024; k++) out[base + k] = big[base + k]! + v;
          }
        }
        return out;
      },
    },
    {
      name: "sum over axis 0 of [1024, 1024]",
      ours: () => a.sum(0),
      reference: () => referenceSumRows(rowsA, 1024, 1024),
    },
    {
      name: "[32, 64, 32, 32] reduced to [64, 1, 1]",
      // The gradient reduction of a [64, 1, 1] operand broadcast to [32, 64, 32, 32] (expand's rule).
      ours: () => sum(x4, [0, 2, 3], true),
      reference: () => {
        const out = new Float32Array(64);
        for (let n = 0; n < 32; n++) {
          for (let c = 0; c < 64; c++) {
            const base = (n * 64 + c) * 1024;
            let s = 0;
            for (let k = 0; k < 1024; k++) s += big[base + k]!;
            out[c] += s;
          }
        }
        return out;
      },
    },
  ];
}

function forwardBackwardCases(): Case[] {
  const A = filled(1024 * 1024, 6);
  const Bv = filled(1024, 7);
  const G = filled(1024 * 1024, 8);
  const a = fromArray(A, [1024, 1024], { requiresGrad: true }) as Tensor;
  const b = fromArray(Bv, [1024], { requiresGrad: true }) as Tensor;
  const g = fromArray(G, [1024, 1024]) as Tensor;
  return [
    {
      name: "y = [1024, 1024] + [1024]; y.backward(g)",
      ours: () => {
        zeroGrad(a, b);
        a.add(b as never).backward(g as never);
        return a.grad;
      },
      reference: () => referenceAddForwardBackward(A, Bv, G, 1024, 1024),
    },
    {
      name: "the same as (y · g).sum().backward() [*]",
      comparison: true,
      ours: () => {
        zeroGrad(a, b);
        (a.add(b as never).mul(g as never).sum() as Tensor<[]>).backward();
        return a.grad;
      },
      reference: () => referenceAddForwardBackward(A, Bv, G, 1024, 1024),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The MLP step: shapecheck against tfjs-wasm

const [BATCH, IN, HIDDEN, OUT] = [64, 784, 128, 10];
const LR = 0.01;

/** One SGD step of a 784 → 128 (relu) → 10 MLP on a batch of 64, mean softmax cross-entropy. */
function shapecheckMlp(): () => number {
  const x = fromArray(filled(BATCH * IN, 11), [BATCH, IN]);
  const onehotData = new Float32Array(BATCH * OUT);
  for (let i = 0; i < BATCH; i++) onehotData[i * OUT + (i % OUT)] = 1;
  const onehot = fromArray(onehotData, [BATCH, OUT]);
  const scaled = (size: number, seed: number, scale: number) => filled(size, seed).map((v) => v * scale);
  const w1 = fromArray(scaled(IN * HIDDEN, 12, 0.05), [IN, HIDDEN], { requiresGrad: true });
  const b1 = fromArray(new Float32Array(HIDDEN), [HIDDEN], { requiresGrad: true });
  const w2 = fromArray(scaled(HIDDEN * OUT, 13, 0.1), [HIDDEN, OUT], { requiresGrad: true });
  const b2 = fromArray(new Float32Array(OUT), [OUT], { requiresGrad: true });
  const optimizer = new SGD([w1, b1, w2, b2], { lr: LR });
  return () => {
    const hidden = x.matmul(w1).add(b1).relu();
    const logits = hidden.matmul(w2).add(b2);
    const loss = onehot.mul(logits.logSoftmax(-1)).sum(-1).mean().neg();
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad();
    return loss.item();
  };
}

/** The parts of tfjs-core the MLP step uses (typed here: the packages are optional). */
interface TfTensor {
  dataSync(): ArrayLike<number>;
  dispose(): void;
}
interface TfVariable extends TfTensor {
  assign(value: TfTensor): void;
}
interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  tensor2d(values: Float32Array, shape: [number, number]): TfTensor;
  variable(initial: TfTensor): TfVariable;
  zeros(shape: number[]): TfTensor;
  matMul(a: TfTensor, b: TfTensor): TfTensor;
  add(a: TfTensor, b: TfTensor): TfTensor;
  relu(x: TfTensor): TfTensor;
  tidy<T>(fn: () => T): T;
  variableGrads(f: () => TfTensor): { value: TfTensor; grads: Record<string, TfTensor> };
  losses: { softmaxCrossEntropy(onehot: TfTensor, logits: TfTensor): TfTensor };
  train: { sgd(lr: number): { applyGradients(grads: Record<string, TfTensor>): void } };
}

/** Why the tfjs side is missing, or the loaded tfjs. */
type TfLoad = { readonly tf: Tf } | { readonly missing: string };

/**
 * tfjs-core with the wasm backend, loaded dynamically (names in variables: TypeScript must not try to
 * resolve these optional packages). tfjs-core's Node build registers no gradient functions — the
 * `@tensorflow/tfjs` package does, on the same tfjs-core — so that is loaded too when present.
 */
async function loadTfjs(): Promise<TfLoad> {
  const names = { core: "@tensorflow/tfjs-core", wasm: "@tensorflow/tfjs-backend-wasm", union: "@tensorflow/tfjs" };
  let tf: Tf;
  try {
    const loaded = (await import(names.core)) as Partial<Tf> & { default?: Tf };
    // Node may expose a CommonJS build's exports only on `default`.
    tf = (typeof loaded.setBackend === "function" ? loaded : loaded.default) as Tf;
    await import(names.wasm);
  } catch {
    return { missing: "not installed (npm i -D @tensorflow/tfjs-core @tensorflow/tfjs-backend-wasm)" };
  }
  try {
    await import(names.union);
  } catch {
    return { missing: "@tensorflow/tfjs-core alone registers no gradient functions; install @tensorflow/tfjs too (npm i -D @tensorflow/tfjs)" };
  }
  if (!(await tf.setBackend("wasm"))) return { missing: "the wasm backend failed to initialize" };
  await tf.ready();
  return { tf };
}

/** The same step in plain tfjs style, on the wasm backend. */
function tfjsMlp(tf: Tf): () => number {
  const x = tf.tensor2d(filled(BATCH * IN, 11) as Float32Array, [BATCH, IN]);
  const onehotData = new Float32Array(BATCH * OUT);
  for (let i = 0; i < BATCH; i++) onehotData[i * OUT + (i % OUT)] = 1;
  const onehot = tf.tensor2d(onehotData, [BATCH, OUT]);
  const scaled = (size: number, seed: number, scale: number) => (filled(size, seed) as Float32Array).map((v) => v * scale);
  const w1 = tf.variable(tf.tensor2d(scaled(IN * HIDDEN, 12, 0.05), [IN, HIDDEN]));
  const b1 = tf.variable(tf.zeros([HIDDEN]));
  const w2 = tf.variable(tf.tensor2d(scaled(HIDDEN * OUT, 13, 0.1), [HIDDEN, OUT]));
  const b2 = tf.variable(tf.zeros([OUT]));
  const optimizer = tf.train.sgd(LR);
  return () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const hidden = tf.relu(tf.add(tf.matMul(x, w1), b1));
        const logits = tf.add(tf.matMul(hidden, w2), b2);
        return tf.losses.softmaxCrossEntropy(onehot, logits); // mean over the batch
      });
      optimizer.applyGradients(grads);
      return value.dataSync()[0]!;
    });
}

// ---------------------------------------------------------------------------------------------

console.log(`node ${process.version}; median of 31 alternating samples per case; ratio = median of (shapecheck / reference) per sample`);
report("matmul against the tuned plain-JS kernel (bench/reference.ts: 4 × 4 register-tiled i-k-j)", "reference", matmulCases(), "target ≤ 1.00×");
report("elementwise and reductions against tuned plain-JS loops", "hand loop", elementwiseCases(), "target ≤ 1.5×");
report("forward + backward of a broadcast add against a hand-written forward + backward", "hand loop", forwardBackwardCases(), "target ≤ 1.5×");

const ours = shapecheckMlp();
const tfjs = await loadTfjs();
if ("missing" in tfjs) {
  const t = measure({ name: "mlp", ours, reference: ours });
  console.log(`\nMLP step (64 × 784 → 128 → 10, forward + backward + SGD): shapecheck ${ms(t.ours)} (spread ${t.spread.toFixed(2)})`);
  console.log(`tfjs-wasm: ${tfjs.missing}`);
} else {
  report(`MLP step (64 × 784 → 128 → 10, forward + backward + SGD) against tfjs-wasm (${tfjs.tf.getBackend()})`, "tfjs-wasm", [{ name: "MLP step", ours, reference: tfjsMlp(tfjs.tf) }], "target < 1.00×");
}

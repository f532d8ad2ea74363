// The cost of shapecheck/tfjs over raw TensorFlow.js on one MLP training step: a batch of 64 × 784
// through 784 → 128 (relu) → 10, softmax cross-entropy, backward, SGD — the same program written
// with tfjs-core's functions and with the typed layer's, on the same variables and data. Samples
// alternate (raw, typed, raw, typed, …) so drift hits both alike; each sample times `STEPS` steps;
// the overhead is the median over pairs of typed / raw − 1.
//
// Run: npm run bench:tfjs  (BENCH_BACKEND=cpu for the cpu backend; wasm by default)
import { createRequire } from "node:module";
import path from "node:path";
import "@tensorflow/tfjs"; // registers tfjs's gradient functions in Node
import * as tfc from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "../src/tfjs/index.js";
import { broadcastPair, checkImplicitOuter } from "../src/ops/broadcast.js";

const BATCH = 64;
const STEPS = Number(process.env["BENCH_STEPS"] ?? 20);
const PAIRS = Number(process.env["BENCH_PAIRS"] ?? 31);
const BACKEND = process.env["BENCH_BACKEND"] ?? "wasm";

const require = createRequire(import.meta.url);
setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
await tfc.setBackend(BACKEND);
await tfc.ready();

const x = tf.randomNormal([BATCH, 784], 0, 1, "float32", 1);
const labels = tf.as(tf.typed(tfc.oneHot(tfc.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), "int32"), 10, 1, 0, "float32")), [BATCH, 10]);
const w1 = tf.variable(tf.randomNormal([784, 128], 0, 0.05, "float32", 2));
const b1 = tf.variable(tf.zeros([128]));
const w2 = tf.variable(tf.randomNormal([128, 10], 0, 0.1, "float32", 3));
const b2 = tf.variable(tf.zeros([10]));
const optimizer = tf.train.sgd(0.01);
const rawOptimizer = tfc.train.sgd(0.01);
const raw = tf.untyped;

/** One step with tfjs-core's own functions. */
function rawStep(): void {
  rawOptimizer.minimize(() => {
    const hidden = tfc.relu(tfc.add(tfc.matMul(raw(x), raw(w1)), raw(b1)));
    const logits = tfc.add(tfc.matMul(hidden, raw(w2)), raw(b2));
    return tfc.losses.softmaxCrossEntropy(raw(labels), logits) as tfc.Scalar;
  });
}

/** The same step through shapecheck/tfjs: every call checks its shapes first. */
function typedStep(): void {
  optimizer.minimize(() => {
    const hidden: tf.TfTensor<[64, 128]> = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits: tf.TfTensor<[64, 10]> = tf.add(tf.matMul(hidden, w2), b2);
    return tf.losses.softmaxCrossEntropy(labels, logits);
  });
}

function time(step: () => void): number {
  const started = performance.now();
  for (let i = 0; i < STEPS; i++) tfc.tidy(step);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

for (let i = 0; i < 3; i++) time(rawStep), time(typedStep); // warm-up: kernels, JIT
const rawTimes: number[] = [];
const typedTimes: number[] = [];
const ratios: number[] = [];
for (let pair = 0; pair < PAIRS; pair++) {
  const [first, second] = pair % 2 === 0 ? [rawStep, typedStep] : [typedStep, rawStep];
  const a = time(first);
  const b = time(second);
  const [r, t] = first === rawStep ? [a, b] : [b, a];
  rawTimes.push(r / STEPS);
  typedTimes.push(t / STEPS);
  ratios.push(t / r);
}

const overhead = (median(ratios) - 1) * 100;
console.log(`MLP step 64×784 → 128 → 10 (forward, backward, SGD) on tfjs's ${tfc.getBackend()} backend, ${PAIRS} pairs of ${STEPS} steps`);
console.log(`raw tfjs:          ${median(rawTimes).toFixed(3)} ms/step (median)`);
console.log(`shapecheck/tfjs:   ${median(typedTimes).toFixed(3)} ms/step (median)`);
console.log(`overhead:          ${overhead >= 0 ? "+" : ""}${overhead.toFixed(2)}% (median of paired ratios; budget 5%)`);

// The checks alone, without tfjs: the shape rules one step runs (two matMuls, two bias adds, the
// loss's same-shape check), timed over many repetitions. This is the typed layer's whole added work
// per step; the paired figure above is it plus the machine's noise.
const REPEATS = 100_000;
const checksStarted = performance.now();
for (let i = 0; i < REPEATS; i++) {
  tf.tfMatMulShape([BATCH, 784], [784, 128]);
  tf.tfMatMulShape([BATCH, 128], [128, 10]);
  checkImplicitOuter("add", [BATCH, 128], [128], broadcastPair("add", [BATCH, 128], [128]) as number[]);
  checkImplicitOuter("add", [BATCH, 10], [10], broadcastPair("add", [BATCH, 10], [10]) as number[]);
  tf.checkSameShape("softmaxCrossEntropy", "onehotLabels", "logits", [BATCH, 10], [BATCH, 10]);
}
const checksMs = (performance.now() - checksStarted) / REPEATS;
console.log(`checks alone:      ${(checksMs * 1000).toFixed(2)} µs/step = ${((100 * checksMs) / median(rawTimes)).toFixed(3)}% of the raw step`);
if (overhead > 5) process.exitCode = 1;

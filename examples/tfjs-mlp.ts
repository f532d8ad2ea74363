// The MLP of examples/mlp.ts in plain TensorFlow.js style, typed end to end by shapecheck/tfjs, and
// trained on tfjs's wasm backend.
//
// The code is what a tfjs user writes — `tf.variable`, `tf.matMul`, `.add(b).tanh()`,
// `tf.losses.softmaxCrossEntropy`, `tf.train.adam().minimize(...)` — with `import * as tf from
// "shapecheck/tfjs"` instead of tfjs's own import. Every tensor is tfjs's own object, typed with its
// shape (`TfTensor<["batch", 64]>`), so a forgotten transpose or a bias of the wrong orientation is a
// compile error (test/fixtures/tfjs-mlp.fixture.ts holds three such mistakes), and a shape known
// only at run time throws shapecheck's message before tfjs runs.
//
// Run: npm run example:tfjs
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import "@tensorflow/tfjs"; // in Node: registers tfjs's gradient functions (tfjs-core alone has none)
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "../src/tfjs/index.js";
import { HIDDEN, spirals } from "./mlp.js";

/** The spirals as tfjs tensors: points `["batch", 2]`, one-hot classes `["batch", 2]`, labels. */
export interface TfDataset {
  readonly x: tf.TfTensor<["batch", 2]>;
  readonly onehot: tf.TfTensor<["batch", 2]>;
  readonly labels: readonly number[];
}

/** examples/mlp.ts's spirals (same seed, same points), moved into tfjs tensors. */
export function tfSpirals(perClass: number, seed: number): TfDataset {
  const data = spirals(perClass, seed);
  const n = data.labels.length;
  const onehot = new Array<number>(2 * n).fill(0);
  data.labels.forEach((label, i) => (onehot[2 * i + label] = 1));
  return {
    x: tf.as(tf.tensor(data.x.toFlatArray(), [n, 2]), ["batch", 2]),
    onehot: tf.as(tf.tensor(onehot, [n, 2]), ["batch", 2]),
    labels: data.labels,
  };
}

/** The model's parameters: tfjs variables with known shapes. */
export interface Model {
  readonly w1: tf.TfVariable<[2, typeof HIDDEN]>;
  readonly b1: tf.TfVariable<[typeof HIDDEN]>;
  readonly w2: tf.TfVariable<[typeof HIDDEN, 2]>;
  readonly b2: tf.TfVariable<[2]>;
}

/** Fresh parameters: normal weights (seeded), zero output bias. */
export function initModel(seed: number): Model {
  return {
    w1: tf.variable(tf.randomNormal([2, HIDDEN], 0, 3, "float32", seed)),
    b1: tf.variable(tf.randomNormal([HIDDEN], 0, 1.5, "float32", seed + 1)),
    w2: tf.variable(tf.randomNormal([HIDDEN, 2], 0, 1 / Math.sqrt(HIDDEN), "float32", seed + 2)),
    b2: tf.variable(tf.zeros([2])),
  };
}

/** The logits: tanh(x·W1 + b1)·W2 + b2. */
export function forward({ w1, b1, w2, b2 }: Model, x: tf.TfTensor<["batch", 2]>): tf.TfTensor<["batch", 2]> {
  const hidden: tf.TfTensor<["batch", 64]> = tf.matMul(x, w1).add(b1).tanh();
  return hidden.matMul(w2).add(b2);
}

/** The mean softmax cross-entropy of the logits against the one-hot classes. */
export function loss(model: Model, data: TfDataset): tf.TfTensor<[]> {
  return tf.losses.softmaxCrossEntropy(data.onehot, forward(model, data.x));
}

/** The fraction of points whose largest logit is their class's. */
export function accuracy(model: Model, data: TfDataset): number {
  const predicted = tf.tidy(() => tf.argMax(forward(model, data.x), 1).arraySync() as number[]);
  return predicted.filter((label, i) => label === data.labels[i]).length / data.labels.length;
}

/** What `train` may be told. */
export interface TrainOptions {
  readonly steps?: number;
  readonly learningRate?: number;
  readonly perClass?: number;
  readonly seed?: number;
  readonly onStep?: (step: number, loss: number) => void;
  readonly logEvery?: number;
}

/** Full-batch Adam on the spirals; returns the model, the data, the losses seen and the accuracy. */
export function train(options: TrainOptions = {}) {
  const { steps = 300, learningRate = 0.02, perClass = 200, seed = 1, logEvery = 50 } = options;
  const data = tfSpirals(perClass, seed);
  const model = initModel(seed + 1);
  const optimizer = tf.train.adam(learningRate);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const cost = optimizer.minimize(() => loss(model, data), true)!;
    losses.push(cost.dataSync()[0]!);
    tf.dispose(cost);
    if (step % logEvery === 0) options.onStep?.(step, losses[step]!);
  }
  const finalLoss = tf.tidy(() => loss(model, data).dataSync()[0]!);
  options.onStep?.(steps, finalLoss);
  return { model, data, losses, finalLoss, accuracy: accuracy(model, data), optimizer };
}

/** Switches tfjs to the wasm backend, its .wasm files read from the installed package (no network). */
export async function useWasm(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not start");
  await tf.ready();
}

export async function main(log: (line: string) => void = console.log) {
  await useWasm();
  tf.installChecks(); // the chained methods (.add, .tanh, .matMul) check shapes at run time too
  log(`two spirals, ${HIDDEN} tanh units, full-batch Adam, tfjs backend: ${tf.getBackend()}`);
  log("step   loss");
  const started = performance.now();
  const result = train({ onStep: (step, value) => log(`${String(step).padStart(4)}   ${value.toFixed(4)}`) });
  const seconds = (performance.now() - started) / 1000;
  const test = tfSpirals(500, 7);
  log(`training accuracy: ${(100 * result.accuracy).toFixed(1)}% of ${result.data.labels.length} points`);
  log(`test accuracy:     ${(100 * accuracy(result.model, test)).toFixed(1)}% of ${test.labels.length} fresh points`);
  log(`trained in ${seconds.toFixed(1)} s`);
  return { ...result, test };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

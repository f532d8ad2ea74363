// A small convolutional network, typed end to end: 12×12 digit images (examples/data/digits.ts,
// seeded) → conv 3×3 (8 channels, "same") → relu → max-pool 2 → conv 3×3 (16 channels, "same") →
// relu → max-pool 2 → flatten → dense → 10 logits, trained with Adam on the mean cross-entropy
// against int32 labels, in mini-batches. Every shape below is checked by the compiler: the
// activations are typed `Tensor<["batch", 8, 12, 12]>` and so on, a weight with the wrong number of
// input channels or a flatten to the wrong width is a compile error on its line.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Adam, RandomGenerator, crossEntropy, fromArray, noGrad, type Tensor } from "../src/index.js";
import { SIDE, digits, type Digits } from "./data/digits.js";

/** The model's parameters. */
export interface Params {
  readonly conv1: Tensor<[8, 1, 3, 3]>;
  readonly bias1: Tensor<[8]>;
  readonly conv2: Tensor<[16, 8, 3, 3]>;
  readonly bias2: Tensor<[16]>;
  readonly dense: Tensor<[144, 10]>;
  readonly bias3: Tensor<[10]>;
}

/** He-initialised weights (normal, std √(2 / fan-in)), zero biases; leaves that require grad. */
export function initParams(seed: number): Params {
  const random = new RandomGenerator(seed);
  const normals = (count: number, fanIn: number) => Float32Array.from({ length: count }, () => Math.sqrt(2 / fanIn) * random.normal());
  const leaf = { requiresGrad: true } as const;
  return {
    conv1: fromArray(normals(8 * 9, 9), [8, 1, 3, 3], leaf),
    bias1: fromArray(new Float32Array(8), [8], leaf),
    conv2: fromArray(normals(16 * 8 * 9, 72), [16, 8, 3, 3], leaf),
    bias2: fromArray(new Float32Array(16), [16], leaf),
    dense: fromArray(normals(144 * 10, 144), [144, 10], leaf),
    bias3: fromArray(new Float32Array(10), [10], leaf),
  };
}

/** The logits for a batch of images. */
export function forward(p: Params, images: Tensor<["batch", 1, 12, 12]>): Tensor<["batch", 10]> {
  const a1: Tensor<["batch", 8, 12, 12]> = images.conv2d(p.conv1, { padding: "same", bias: p.bias1 }).relu();
  const p1: Tensor<["batch", 8, 6, 6]> = a1.maxPool2d(2);
  const a2: Tensor<["batch", 16, 6, 6]> = p1.conv2d(p.conv2, { padding: 1, bias: p.bias2 }).relu();
  const p2: Tensor<["batch", 16, 3, 3]> = a2.maxPool2d(2);
  const features: Tensor<["batch", 144]> = p2.reshape(["batch", 144]);
  return features.matmul(p.dense).add(p.bias3);
}

/** Images `from … from + count` of a dataset as a batch, with their labels. */
export function batch(data: Digits, from: number, count: number): { images: Tensor<["batch", 1, 12, 12]>; labels: Tensor<["batch"]> } {
  const pixels = SIDE * SIDE;
  return {
    images: fromArray(data.images.subarray(from * pixels, (from + count) * pixels), [count, 1, SIDE, SIDE]).as(["batch", 1, 12, 12]),
    labels: fromArray(data.labels.subarray(from, from + count), [count], { dtype: "int32" }).as(["batch"]),
  };
}

/** The fraction of a dataset's images whose largest logit is their label's. */
export function accuracy(p: Params, data: Digits): number {
  const { images, labels } = batch(data, 0, data.count);
  return noGrad(() => forward(p, images).argmax(-1).eq(labels).astype("float32").mean().item());
}

export interface TrainResult {
  readonly params: Params;
  readonly losses: number[];
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
}

/** Mini-batch Adam on the mean cross-entropy; `onEpoch` sees each epoch's mean loss. */
export function train(options: { epochs?: number; batchSize?: number; lr?: number; onEpoch?: (epoch: number, loss: number) => void } = {}): TrainResult {
  const { epochs = 6, batchSize = 50, lr = 0.01, onEpoch } = options;
  const data = digits(2000, 1);
  const params = initParams(2);
  const optimizer = new Adam(Object.values(params), { lr });
  const losses: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    for (let from = 0; from < data.count; from += batchSize) {
      const { images, labels } = batch(data, from, batchSize);
      const loss = crossEntropy(forward(params, images), labels);
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      total += loss.item();
    }
    losses.push(total / (data.count / batchSize));
    onEpoch?.(epoch, losses.at(-1)!);
  }
  return { params, losses, trainAccuracy: accuracy(params, data), testAccuracy: accuracy(params, digits(1000, 99)) };
}

export function main(log: (line: string) => void = console.log): TrainResult {
  log("12×12 digits: conv(8) → pool → conv(16) → pool → dense(10), Adam, batches of 50");
  log("epoch   mean loss");
  const started = performance.now();
  const result = train({ onEpoch: (epoch, loss) => log(`${String(epoch).padStart(5)}   ${loss.toFixed(4)}`) });
  log(`training accuracy: ${(100 * result.trainAccuracy).toFixed(1)}% of 2000 images`);
  log(`test accuracy:     ${(100 * result.testAccuracy).toFixed(1)}% of 1000 fresh images`);
  log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * A trained result as JSON: the losses, the accuracies and each parameter's shape and values (float32
 * values print exactly as JSON numbers, so `fromArray(Float32Array.from(values), shape)` restores them).
 */
export function resultJson(result: TrainResult): string {
  const params = Object.fromEntries(Object.entries(result.params).map(([name, p]: [string, Tensor]) => [name, { shape: p.shape, values: p.toFlatArray() }]));
  return JSON.stringify({ losses: result.losses, trainAccuracy: result.trainAccuracy, testAccuracy: result.testAccuracy, params });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = main();
  // The test suite runs this file once per run (the last step of `npm run demo`) and reads what it
  // trained from here rather than training it again (test/harness/demo.ts).
  const out = process.env["SHAPECHECK_CNN_RESULT"];
  if (out) writeFileSync(out, resultJson(result));
}

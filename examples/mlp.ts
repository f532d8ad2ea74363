// A two-layer MLP learns two interleaved spirals, with the batch size a symbolic dim.
//
// The data is a `Tensor<["batch", 2]>` (x, y points) and an int32 `Tensor<["batch"]>` (the class of
// each point), and the model maps ["batch", 2] → ["batch", HIDDEN] → ["batch", 2] with weights of known
// sizes: the compiler checks every product and sum in it without knowing how many points there are,
// so one `forward` serves the 400 training points, a fresh test set of another size and the grid
// the decision map is drawn from. Training is full-batch SGD with momentum on the mean cross-entropy
// (`crossEntropy(logits, classes)`: the labels' "batch" must be the logits' "batch", checked by the
// compiler), and accuracy is `argmax` + `eq` + a mean, all on tensors.
//
// Run: npm run example:mlp
import { pathToFileURL } from "node:url";
import { RandomGenerator, SGD, Tensor, crossEntropy, fromArray, noGrad, type DType } from "../src/index.js";

/** Hidden units: a literal, so the hidden activations are typed `Tensor<["batch", 64]>`. */
export const HIDDEN = 64;

/** The two spirals: points in about [−1, 1]², labels 0 and 1. */
export interface Dataset {
  /** One point per row. */
  readonly x: Tensor<["batch", 2]>;
  /** The class of each row, 0 or 1, as an int32 tensor. */
  readonly classes: Tensor<["batch"]>;
  /** The class of each row, as plain numbers. */
  readonly labels: readonly number[];
}

/**
 * `perClass` points on each of two spirals that wind around each other (each 1.75 turns, the second
 * the first turned by half a turn), with Gaussian noise; the same seed gives the same points.
 */
export function spirals(perClass: number, seed: number, dtype: DType = "float32", noise = 0.03): Dataset {
  const random = new RandomGenerator(seed);
  const n = 2 * perClass;
  const points = new Float64Array(2 * n);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2; // interleave the classes
    const t = (Math.floor(i / 2) + random.uniform()) / perClass; // 0 … 1 along the spiral
    const radius = 0.1 + 0.9 * t;
    const angle = 1.75 * 2 * Math.PI * t + label * Math.PI;
    points[2 * i] = radius * Math.cos(angle) + noise * random.normal();
    points[2 * i + 1] = radius * Math.sin(angle) + noise * random.normal();
    labels.push(label);
  }
  return {
    x: fromArray(points, [n, 2], { dtype }).as(["batch", 2]),
    classes: fromArray(labels, [n], { dtype: "int32" }).as(["batch"]),
    labels,
  };
}

/** The model's parameters; their shapes are all known, only the batch is symbolic. */
export interface Params {
  readonly w1: Tensor<[2, typeof HIDDEN]>;
  readonly b1: Tensor<[typeof HIDDEN]>;
  readonly w2: Tensor<[typeof HIDDEN, 2]>;
  readonly b2: Tensor<[2]>;
}

/** Fresh parameters (leaves that require grad): normal weights with the given scales, zero biases. */
export function initParams(seed: number, dtype: DType = "float32", scale1 = 3, scale2 = 1 / Math.sqrt(HIDDEN)): Params {
  const random = new RandomGenerator(seed);
  const normals = (count: number, std: number) => Float64Array.from({ length: count }, () => std * random.normal());
  const leaf = { dtype, requiresGrad: true } as const;
  return {
    w1: fromArray(normals(2 * HIDDEN, scale1), [2, HIDDEN], leaf),
    b1: fromArray(normals(HIDDEN, scale1 / 2), [HIDDEN], leaf),
    w2: fromArray(normals(HIDDEN * 2, scale2), [HIDDEN, 2], leaf),
    b2: fromArray(new Float64Array(2), [2], leaf),
  };
}

/** The logits: tanh(x·W1 + b1)·W2 + b2, for any number of points. */
export function forward({ w1, b1, w2, b2 }: Params, x: Tensor<["batch", 2]>): Tensor<["batch", 2]> {
  const hidden: Tensor<["batch", 64]> = x.matmul(w1).add(b1).tanh();
  return hidden.matmul(w2).add(b2);
}

/** The mean cross-entropy of the logits against the classes: −mean over the batch of logSoftmax(logits)[class]. */
export function loss(params: Params, data: Dataset): Tensor<[]> {
  return crossEntropy(forward(params, data.x), data.classes);
}

/** The fraction of points whose larger logit is their class's (ties go to class 0, argmax's first index). */
export function accuracy(params: Params, data: Dataset): number {
  const predicted: Tensor<["batch"]> = noGrad(() => forward(params, data.x)).argmax(-1);
  return predicted.eq(data.classes).astype("float64").mean().item();
}

/** What `train` may be told. */
export interface TrainOptions {
  readonly steps?: number;
  readonly lr?: number;
  readonly momentum?: number;
  readonly perClass?: number;
  readonly seed?: number;
  readonly dtype?: DType;
  /** Called every `logEvery` steps (and after the last) with the step and the loss. */
  readonly onStep?: (step: number, loss: number) => void;
  readonly logEvery?: number;
}

/** What `train` returns. */
export interface TrainResult {
  readonly params: Params;
  readonly data: Dataset;
  /** The loss before each step (index 0: the untrained model). */
  readonly losses: readonly number[];
  /** The loss after the last step. */
  readonly finalLoss: number;
  /** Training accuracy after the last step. */
  readonly accuracy: number;
}

/** Full-batch SGD with momentum on the mean cross-entropy of the spirals. */
export function train(options: TrainOptions = {}): TrainResult {
  const { steps = 300, lr = 0.5, momentum = 0.9, perClass = 200, seed = 1, dtype = "float32", logEvery = 50 } = options;
  const data = spirals(perClass, seed, dtype);
  const params = initParams(seed + 1, dtype);
  const optimizer = new SGD([params.w1, params.b1, params.w2, params.b2], { lr, momentum });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const value = loss(params, data);
    losses.push(value.item());
    if (step % logEvery === 0) options.onStep?.(step, value.item());
    value.backward();
    optimizer.step();
    optimizer.zeroGrad();
  }
  const finalLoss = noGrad(() => loss(params, data).item());
  options.onStep?.(steps, finalLoss);
  return { params, data, losses, finalLoss, accuracy: accuracy(params, data) };
}

/**
 * The plane as text: each character is a cell of a `width` × `height` grid over [−1.1, 1.1]², `·` where
 * the model says class 0 and blank where it says class 1, with the training points on top (`o` class
 * 0, `x` class 1). The grid's centres go through `forward` as one more batch, of width × height points.
 */
export function decisionMap(params: Params, data: Dataset, width = 64, height = 26): string[] {
  const cell = (value: number, cells: number) => Math.floor(((value + 1.1) / 2.2) * cells);
  const centres = new Float64Array(2 * width * height);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      centres[2 * (row * width + column)] = -1.1 + (2.2 * (column + 0.5)) / width;
      centres[2 * (row * width + column) + 1] = 1.1 - (2.2 * (row + 0.5)) / height; // row 0 at the top
    }
  }
  const grid: Tensor<["batch", 2]> = fromArray(centres, [width * height, 2], { dtype: data.x.dtype }).as(["batch", 2]);
  const logits = noGrad(() => forward(params, grid)).toFlatArray();
  const rows: string[][] = Array.from({ length: height }, (_, row) =>
    Array.from({ length: width }, (_, column) => (logits[2 * (row * width + column) + 1] > logits[2 * (row * width + column)] ? " " : "·")),
  );
  const points = data.x.toFlatArray();
  data.labels.forEach((label, i) => {
    const column = cell(points[2 * i], width);
    const row = height - 1 - cell(points[2 * i + 1], height);
    if (row >= 0 && row < height && column >= 0 && column < width) rows[row][column] = label === 0 ? "o" : "x";
  });
  return rows.map((row) => row.join("").trimEnd());
}

export function main(log: (line: string) => void = console.log): TrainResult {
  log(`two spirals, ${HIDDEN} tanh units, full-batch SGD with momentum`);
  log("step   loss");
  const result = train({ onStep: (step, loss) => log(`${String(step).padStart(4)}   ${loss.toFixed(4)}`) });
  const test = spirals(500, 7);
  log(`training accuracy: ${(100 * result.accuracy).toFixed(1)}% of ${result.data.labels.length} points`);
  log(`test accuracy:     ${(100 * accuracy(result.params, test)).toFixed(1)}% of ${test.labels.length} fresh points`);
  log("");
  log("where the model puts class 0 (·) and class 1 (blank); training points o (class 0) and x (class 1):");
  for (const line of decisionMap(result.params, result.data)) log(line);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

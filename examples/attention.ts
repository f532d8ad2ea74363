// One layer of causal self-attention learns to say, at each position, the token before it — written
// once, generic in the batch `B` and the sequence length `T`.
//
// The layer is the generic code a transformer is made of: token embeddings looked up from int32 ids
// (`embedding`), learned positions narrowed to the input's length (`narrow(0, 0, ids.shape[1])` is
// `Tensor<[T, 32]>`, not a slice of unknown length), queries and keys whose product is `[B, T, T]`, a
// causal mask `ones([T, T], bool).tril()`, and a residual. Every line's shape is checked by the
// compiler with `B` and `T` as names, and the same `forward` then trains on batches of 32 sequences
// whose length changes from batch to batch (6 to 16 tokens), and is tested on 500 sequences of 16 and
// of 9: the types never said how long.
//
// Run: npm run example:attention
import { pathToFileURL } from "node:url";
import { Adam, RandomGenerator, Tensor, crossEntropy, embedding, fromArray, noGrad, ones, where, type Dim } from "../src/index.js";

/** Tokens 1 … 7 and the start token 0; the width of the embeddings; the longest sequence the positions cover. */
export const VOCAB = 8;
export const WIDTH = 32;
export const MAX_LENGTH = 16;

/** The layer's parameters: every shape known, none mentions the batch or the length. */
export interface Params {
  readonly tokens: Tensor<[typeof VOCAB, typeof WIDTH]>;
  readonly positions: Tensor<[typeof MAX_LENGTH, typeof WIDTH]>;
  readonly query: Tensor<[typeof WIDTH, typeof WIDTH]>;
  readonly key: Tensor<[typeof WIDTH, typeof WIDTH]>;
  readonly value: Tensor<[typeof WIDTH, typeof WIDTH]>;
  readonly out: Tensor<[typeof WIDTH, typeof VOCAB]>;
}

/** Fresh parameters (leaves that require grad), normal with standard deviation `1/√fan-in`. */
export function initParams(seed: number): Params {
  const random = new RandomGenerator(seed);
  const normal = <const S extends number[]>(shape: S, std: number) =>
    fromArray(Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => std * random.normal()), shape, { requiresGrad: true });
  return {
    tokens: normal([VOCAB, WIDTH], 1),
    positions: normal([MAX_LENGTH, WIDTH], 1),
    query: normal([WIDTH, WIDTH], 1 / Math.sqrt(WIDTH)),
    key: normal([WIDTH, WIDTH], 1 / Math.sqrt(WIDTH)),
    value: normal([WIDTH, WIDTH], 1 / Math.sqrt(WIDTH)),
    out: normal([WIDTH, VOCAB], 1 / Math.sqrt(WIDTH)),
  };
}

/** The logits over the vocabulary at every position: `[B, T, 8]` for ids `[B, T]`, whatever B and T are. */
export function forward<B extends Dim, T extends Dim>(p: Params, ids: Tensor<[B, T]>): Tensor<[B, T, typeof VOCAB]> {
  const x = embedding(p.tokens, ids).add(p.positions.narrow(0, 0, ids.shape[1])); // [B, T, 32]
  const scores = x.matmul(p.query).matmul(x.matmul(p.key).transpose(1, 2)).mul(1 / Math.sqrt(WIDTH)); // [B, T, T]
  const causal = ones([ids.shape[1], ids.shape[1]], { dtype: "bool" }).tril(); // [T, T]: position t sees 0 … t
  const weights = where(causal, scores, -1e9).softmax(-1); // [B, T, T]
  const mixed = weights.matmul(x.matmul(p.value)).add(x); // [B, T, 32], with the residual
  return mixed.matmul(p.out);
}

/** A batch of sequences and their targets: the token before each position (the start token 0 first). */
export interface Batch<B extends Dim, T extends Dim> {
  readonly ids: Tensor<[B, T]>;
  readonly targets: Tensor<[B, T]>;
}

/** `count` sequences of `length` random tokens 1 … 7, int32, and their targets; the same seed gives the same batch. */
export function sequences<B extends number, T extends number>(count: B, length: T, random: RandomGenerator): Batch<B, T> {
  const ids = new Int32Array(count * length);
  const targets = new Int32Array(count * length);
  for (let s = 0; s < count; s++) {
    for (let t = 0; t < length; t++) {
      ids[s * length + t] = 1 + Math.floor(random.uniform() * (VOCAB - 1));
      targets[s * length + t] = t === 0 ? 0 : ids[s * length + t - 1]!;
    }
  }
  return { ids: fromArray(ids, [count, length]), targets: fromArray(targets, [count, length]) };
}

/** The mean cross-entropy over every position of every sequence. */
export function loss<B extends Dim, T extends Dim>(p: Params, batch: Batch<B, T>): Tensor<[]> {
  return crossEntropy(forward(p, batch.ids).flatten(0, 1), batch.targets.flatten(0, 1));
}

/** The fraction of positions whose most likely token is the target. */
export function accuracy<B extends Dim, T extends Dim>(p: Params, batch: Batch<B, T>): number {
  const predicted = noGrad(() => forward(p, batch.ids)).argmax(-1); // [B, T]
  return predicted.eq(batch.targets).astype("float64").mean().item();
}

/** What `train` returns. */
export interface TrainResult {
  readonly params: Params;
  /** The loss of each step's batch, before the step. */
  readonly losses: readonly number[];
}

/** Adam on fresh batches of 32 sequences, each batch of a length drawn from 6 … 16 (a `number` for `T`). */
export function train(steps = 300, seed = 1, onStep?: (step: number, loss: number) => void, logEvery = 50): TrainResult {
  const params = initParams(seed);
  const random = new RandomGenerator(seed + 1);
  const optimizer = new Adam(Object.values(params), { lr: 0.01 });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const length = 6 + Math.floor(random.uniform() * (MAX_LENGTH - 5));
    const l = loss(params, sequences(32, length, random));
    losses.push(l.item());
    if (step % logEvery === 0) onStep?.(step, losses[step]!);
    optimizer.zeroGrad();
    l.backward();
    optimizer.step();
  }
  return { params, losses };
}

/** Trains, printing the loss every 50 steps, then the accuracy on fresh sequences of two lengths. */
export function main(log: (line: string) => void = console.log): TrainResult & { readonly testAccuracy: number; readonly shortAccuracy: number } {
  log(`one causal self-attention layer, width ${WIDTH}: repeat the token before each position`);
  log("step   loss");
  const result = train(300, 1, (step, l) => log(`${String(step).padStart(4)}   ${l.toFixed(4)}`));
  const random = new RandomGenerator(99);
  const testAccuracy = accuracy(result.params, sequences(500, 16, random));
  const shortAccuracy = accuracy(result.params, sequences(500, 9, random));
  log(`test accuracy: ${(100 * testAccuracy).toFixed(1)}% of 500 fresh sequences of 16 tokens, ${(100 * shortAccuracy).toFixed(1)}% of 500 of 9`);
  return { ...result, testAccuracy, shortAccuracy };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

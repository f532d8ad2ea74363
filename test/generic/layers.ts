// Generic layers that must type-check, with the result types a user sees (`// type:` is asserted by
// test/generic.test.ts against the compiler's own printing, under TypeScript 6 and 7). A dim that is
// a type parameter is a name: the rules compute around it.
import { arange, argmin, avgPool2d, concat, conv1d, conv2d, crossEntropy, einsum, embedding, gather, indexSelect, maximum, nllLoss, ones, unflatten, variance, where, randn, rearrange, stack, zeros, type Dim, type Shape, type Tensor } from "../../src/index.js";
import type { Exact } from "../../types/internal/dims.js";
import type { Product } from "../../types/ops/reshape.js";
import type { AxisSum } from "../../types/ops/concat.js";
import type { ConvSize } from "../../types/ops/conv.js";
import type { PoolSize } from "../../types/ops/pool.js";
import type { SliceSize } from "../../types/ops/slice.js";
import type { TfWindowSize } from "../../types/tfjs/rules.js";
import type { ChunkSize } from "../../types/ops/split.js";
import * as tf from "../../src/tfjs/index.js";

/** `true` only when `Actual` is exactly `Expected` (the same type, type parameters included). */
type Exactly<Actual, Expected> = Exact<Actual> extends Exact<Expected> ? true : false;

/** A dense layer over a generic batch. */
export function dense<B extends Dim>(x: Tensor<[B, 784]>, w: Tensor<[784, 128]>, b: Tensor<[128]>): Tensor<[B, 128]> {
  const z = x.matmul(w).add(b); // type: Tensor<[B, 128]>
  const exact: Exactly<typeof z, Tensor<[B, 128]>> = true;
  return z.relu();
}

/** The same over `B`, `In` and `Out`. */
export function affine<B extends Dim, In extends Dim, Out extends Dim>(x: Tensor<[B, In]>, w: Tensor<[In, Out]>, b: Tensor<[Out]>): Tensor<[B, Out]> {
  const h = x.matmul(w); // type: Tensor<[B, Out]>
  const exact: Exactly<typeof h, Tensor<[B, Out]>> = true;
  return h.add(b).tanh();
}

/** `affine` whose weight and bias follow the input's and the weight's dims (`NoInfer`): a call whose arguments disagree is an error at the disagreeing argument. */
export function affineFrom<B extends Dim, In extends Dim, Out extends Dim>(x: Tensor<[B, In]>, w: Tensor<[NoInfer<In>, Out]>, b: Tensor<[NoInfer<Out>]>): Tensor<[B, Out]> {
  return x.matmul(w).add(b).tanh();
}

/** One attention head over `B` and `T` (head size 64), with an additive mask. */
export function attention<B extends Dim, T extends Dim>(q: Tensor<[B, T, 64]>, k: Tensor<[B, T, 64]>, v: Tensor<[B, T, 64]>, mask: Tensor<[T, T]>): Tensor<[B, T, 64]> {
  const keys = k.transpose([0, 2, 1]); // type: Tensor<[B, 64, T]>
  const scores = q.matmul(keys).div(8).add(mask); // type: Tensor<[B, T, T]>
  const weights = scores.softmax(-1); // type: Tensor<[B, T, T]>
  const exact: Exactly<[typeof keys, typeof scores, typeof weights], [Tensor<[B, 64, T]>, Tensor<[B, T, T]>, Tensor<[B, T, T]>]> = true;
  return weights.matmul(v);
}

/** A residual tower: the activation is carried through the loop. */
export function tower<B extends Dim, D extends Dim>(x: Tensor<[B, D]>, weights: readonly Tensor<[D, D]>[]): Tensor<[B, D]> {
  let h = x;
  for (const w of weights) h = h.add(h.matmul(w).relu());
  return h;
}

/** A layer as a class: the widths are the class's parameters, the batch is `forward`'s. */
export class Linear<In extends Dim, Out extends Dim> {
  constructor(
    readonly weight: Tensor<[In, Out]>,
    readonly bias: Tensor<[Out]>,
  ) {}

  forward<B extends Dim>(x: Tensor<[B, In]>): Tensor<[B, Out]> {
    return x.matmul(this.weight).add(this.bias);
  }
}

/** Layer normalization over the last axis of `[...Batch, D]`. */
export function layerNorm<Batch extends Dim[], D extends Dim>(x: Tensor<[...Batch, D]>, gamma: Tensor<[D]>, beta: Tensor<[D]>): Tensor<[...Batch, D]> {
  const centered = x.sub(x.mean(-1, true)); // type: Tensor<[...Batch, D]>
  const variance = centered.pow(2).mean(-1, true); // type: Tensor<[...Batch, 1]>
  const exact: Exactly<[typeof centered, typeof variance], [Tensor<[...Batch, D]>, Tensor<[...Batch, 1]>]> = true;
  return centered.div(variance.add(1e-5).sqrt()).mul(gamma).add(beta);
}

/** Attention over any batch group `[...Batch, T, D]` (heads, examples, …): both products batched over the same group. */
export function batchedAttention<Batch extends Dim[], T extends Dim, D extends Dim>(q: Tensor<[...Batch, T, D]>, k: Tensor<[...Batch, T, D]>, v: Tensor<[...Batch, T, D]>, gate: Tensor<[...Batch, 1, D]>) {
  const scores = q.matmul(k.mT); // type: Tensor<[...Batch, T, T]>
  const mixed = scores.softmax(-1).matmul(v); // type: Tensor<[...Batch, T, D]>
  const gated = mixed.mul(gate); // type: Tensor<[...Batch, T, D]>
  const exact: Exactly<[typeof scores, typeof mixed, typeof gated], [Tensor<[...Batch, T, T]>, Tensor<[...Batch, T, D]>, Tensor<[...Batch, T, D]>]> = true;
  return gated;
}

/** Padding masked out over a batch group: a `[...Batch, T, 1]` mask selects among `[...Batch, T, D]` rows and a fallback row `[T, 1]`. */
export function maskedRows<Batch extends Dim[], T extends Dim, D extends Dim>(x: Tensor<[...Batch, T, D]>, keep: Tensor<[...Batch, T, 1]>, fallback: Tensor<[T, 1]>) {
  const zeroed = where(keep.gt(0), x, 0); // type: Tensor<[...Batch, T, D]>
  const filled = where(fallback.gt(0), keep, fallback); // type: Tensor<[...Batch, T, 1]>
  const spread = where(x.gt(0), keep, x); // type: Tensor<[...Batch, T, D]>
  const exact: Exactly<[typeof zeroed, typeof filled, typeof spread], [Tensor<[...Batch, T, D]>, Tensor<[...Batch, T, 1]>, Tensor<[...Batch, T, D]>]> = true;
  return zeroed.mul(filled).add(spread);
}

/** A feed-forward block over `[...Batch, D]`: a vector and a stack of vectors alike (`[...Batch, D] @ [D, 256]`). */
export function feedForward<Batch extends Dim[], D extends Dim>(x: Tensor<[...Batch, D]>, w: Tensor<[D, 256]>, b: Tensor<[256]>, back: Tensor<[256, D]>): Tensor<[...Batch, D]> {
  const hidden = x.matmul(w).add(b).relu(); // type: Tensor<[...Batch, 256]>
  const out = hidden.matmul(back).add(x); // type: Tensor<[...Batch, D]>
  const exact: Exactly<[typeof hidden, typeof out], [Tensor<[...Batch, 256]>, Tensor<[...Batch, D]>]> = true;
  return out;
}

/** A projection of the last axis, and pooling over the second-to-last, under `[...Batch, T, D]`. */
export function projectAndPool<Batch extends Dim[], T extends Dim, D extends Dim>(x: Tensor<[...Batch, T, D]>, w: Tensor<[D, 32]>): Tensor<[...Batch, 32]> {
  const projected = x.matmul(w); // type: Tensor<[...Batch, T, 32]>
  const exact: Exactly<typeof projected, Tensor<[...Batch, T, 32]>> = true;
  return projected.max(-2);
}

/** A whole-shape parameter: same-shape ops and scalars. */
export function meanSquaredError<S extends Shape>(prediction: Tensor<S>, target: Tensor<S>): Tensor<[]> {
  const error = prediction.sub(target).mul(0.5); // type: Tensor<S>
  const exact: Exactly<typeof error, Tensor<S>> = true;
  return error.pow(2).mean();
}

/** A whole-shape parameter through `where`: a leaky ReLU and a select of two tensors of the same shape. */
export function leakyRelu<S extends Shape>(x: Tensor<S>, fallback: Tensor<S>) {
  const leaky = where(x.gt(0), x, x.mul(0.01)); // type: Tensor<S>
  const clipped = where(x.gt(1), 1, x); // type: Tensor<S>
  const picked = where(fallback.lt(0), fallback, 0); // type: Tensor<S>
  return [leaky, clipped, picked];
}

/** Multi-head attention over `[B, H, T, D]` with a padding mask `[B, 1, 1, T]`. */
export function multiHead<B extends Dim, H extends Dim, T extends Dim, D extends Dim>(q: Tensor<[B, H, T, D]>, k: Tensor<[B, H, T, D]>, v: Tensor<[B, H, T, D]>, mask: Tensor<[B, 1, 1, T]>): Tensor<[B, H, T, D]> {
  const scores = q.matmul(k.transpose([0, 1, 3, 2])).mul(0.125).add(mask); // type: Tensor<[B, H, T, T]>
  const exact: Exactly<typeof scores, Tensor<[B, H, T, T]>> = true;
  return scores.softmax(-1).matmul(v);
}

/** Batch normalization over `[B, C]`: statistics over the batch axis. */
export function batchNorm<B extends Dim, C extends Dim>(x: Tensor<[B, C]>, gamma: Tensor<[C]>): Tensor<[B, C]> {
  const centered = x.sub(x.mean(0)); // type: Tensor<[B, C]>
  const variance = centered.pow(2).mean(0, true); // type: Tensor<[1, C]>
  const exact: Exactly<[typeof centered, typeof variance], [Tensor<[B, C]>, Tensor<[1, C]>]> = true;
  return centered.div(variance.add(1e-5).sqrt()).mul(gamma);
}

/**
 * A whole-shape parameter against another shape cannot be lined up at compile time: it is checked
 * at run time, like `number[]`. Axes merged from type parameters (`flatten(start, end)`) make a dim
 * that is their product, `Product<[B, T]>`, equal only to itself.
 */
export function unknownStructure<S extends Shape, B extends Dim, T extends Dim>(s: Tensor<S>, x: Tensor<[B, T, 64]>) {
  const scaled = s.add(zeros([3]));
  const rows = x.flatten(0, 1).add(zeros([64])); // type: Tensor<[Product<[B, T]>, 64]>
  const back = rows.unflatten(0, [x.shape[0], x.shape[1]]); // type: Tensor<[B, T, 64]>
  const exact: Exactly<[typeof rows, typeof back], [Tensor<[Product<[B, T]>, 64]>, Tensor<[B, T, 64]>]> = true;
  return [scaled, rows, back] as const;
}

/** `flatten()` over every axis of a shape with type parameters: one dim, their product. */
export function flattenedWhole<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, y: Tensor<[3, B]>) {
  const all = x.flatten(); // type: Tensor<[Product<[B, T, 64]>]>
  const pair = y.flatten(); // type: Tensor<[Product<[3, B]>]>
  const exact: Exactly<[typeof all, typeof pair], [Tensor<[Product<[B, T, 64]>]>, Tensor<[Product<[3, B]>]>]> = true;
  return [all, pair] as const;
}

/**
 * Heads split and merged by reshape: the dims kept in place (`B`, `T`) are matched by identity, and
 * the known axes between them are split and merged exactly.
 */
export function splitHeads<B extends Dim, T extends Dim>(x: Tensor<[B, T, 512]>, mask: Tensor<[T, T]>): Tensor<[B, T, 512]> {
  const heads = x.reshape([x.shape[0], x.shape[1], 8, 64]).transpose([0, 2, 1, 3]); // type: Tensor<[B, 8, T, 64]>
  const scores = heads.matmul(heads.mT).add(mask).softmax(-1); // type: Tensor<[B, 8, T, T]>
  const merged = scores.matmul(heads).transpose([0, 2, 1, 3]).reshape([x.shape[0], x.shape[1], 512]); // type: Tensor<[B, T, 512]>
  const exact: Exactly<[typeof heads, typeof scores, typeof merged], [Tensor<[B, 8, T, 64]>, Tensor<[B, 8, T, T]>, Tensor<[B, T, 512]>]> = true;
  return merged;
}

/** Features joined along their last axis, and an ensemble stacked on a new one, around `B` and `T`. */
export function joinFeatures<B extends Dim, T extends Dim>(words: Tensor<[B, T, 64]>, tags: Tensor<[B, T, 16]>, models: readonly [Tensor<[B, T, 80]>, Tensor<[B, T, 80]>]) {
  const joined = concat([words, tags], -1); // type: Tensor<[B, T, 80]>
  const ensemble = stack([joined, ...models], 0); // type: Tensor<[3, B, T, 80]>
  const pairs = stack([words, words], -1); // type: Tensor<[B, T, 64, 2]>
  const exact: Exactly<[typeof joined, typeof ensemble, typeof pairs], [Tensor<[B, T, 80]>, Tensor<[3, B, T, 80]>, Tensor<[B, T, 64, 2]>]> = true;
  return ensemble.mean(0);
}

/** A stated shape, a broadcast to one, a concatenation along a generic axis, einsum and rearrange, over `B` and `T`. */
export function statedAndRearranged<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, w: Tensor<[64, 32]>, token: Tensor<[B, 1, 64]>) {
  const stated = x.as([x.shape[0], x.shape[1], 64]); // type: Tensor<[B, T, 64]>
  const tokens = token.broadcastTo([x.shape[0], 5, 64]); // type: Tensor<[B, 5, 64]>
  const longer = concat([x, x], 1); // type: Tensor<[B, AxisSum<readonly [T, T]>, 64]>
  const projected = einsum("btd,de->bte", x, w); // type: Tensor<[B, T, 32]>
  const heads = rearrange(x, "b t (h d) -> b h t d", { h: 8 }); // type: Tensor<[B, 8, T, 8]>
  const exact: Exactly<
    [typeof stated, typeof tokens, typeof longer, typeof projected, typeof heads],
    [Tensor<[B, T, 64]>, Tensor<[B, 5, 64]>, Tensor<[B, AxisSum<readonly [T, T]>, 64]>, Tensor<[B, T, 32]>, Tensor<[B, 8, T, 8]>]
  > = true;
  return heads;
}

/** Heads split off the features over any batch group with einops' `...`, and merged back. */
export function headsOverAnyBatch<Batch extends Dim[]>(x: Tensor<[...Batch, 512]>) {
  const heads = rearrange(x, "... (h d) -> ... h d", { h: 8 }); // type: Tensor<[...Batch, 8, 64]>
  const merged = heads.rearrange("... h d -> ... (h d)"); // type: Tensor<[...Batch, 512]>
  const rows = merged.rearrange("... d -> (...) d"); // type: Tensor<[Product<[...Batch]>, 512]>
  const exact: Exactly<[typeof heads, typeof merged, typeof rows], [Tensor<[...Batch, 8, 64]>, Tensor<[...Batch, 512]>, Tensor<[Product<[...Batch]>, 512]>]> = true;
  return merged;
}

/** Attention scores and their weighted sum by einsum over any batch group: `...` stands for `Batch`. */
export function einsumAttentionOverAnyBatch<Batch extends Dim[], T extends Dim, S extends Dim, D extends Dim>(q: Tensor<[...Batch, T, D]>, k: Tensor<[...Batch, S, D]>, v: Tensor<[...Batch, S, D]>, w: Tensor<[D, 16]>) {
  const scores = einsum("...td,...sd->...ts", q, k); // type: Tensor<[...Batch, T, S]>
  const mixed = einsum("...ts,...sd->...td", scores.softmax(-1), v); // type: Tensor<[...Batch, T, D]>
  const projected = einsum("...d,de->...e", mixed, w); // type: Tensor<[...Batch, T, 16]>
  const exact: Exactly<[typeof scores, typeof mixed, typeof projected], [Tensor<[...Batch, T, S]>, Tensor<[...Batch, T, D]>, Tensor<[...Batch, T, 16]>]> = true;
  return projected;
}

/** A dynamic axis bound by `.as()` beside a type parameter restated in place: `[B, number]` as `[B, 64]`. */
export function boundFeatures<B extends Dim>(x: Tensor<[B, number]>, w: Tensor<[64, 10]>) {
  const bound = x.as([x.shape[0], 64]); // type: Tensor<[B, 64]>
  const logits = bound.matmul(w); // type: Tensor<[B, 10]>
  const exact: Exactly<[typeof bound, typeof logits], [Tensor<[B, 64]>, Tensor<[B, 10]>]> = true;
  return logits;
}

/** A learned class token (ViT) and a per-example scale stretched to the input's batch: size-1 axes stretched to type parameters of another tensor. */
export function classToken<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, token: Tensor<[1, 1, 64]>, scale: Tensor<[B, 1]>) {
  const tokens = token.broadcastTo([x.shape[0], 1, 64]); // type: Tensor<[B, 1, 64]>
  const scales = scale.broadcastTo([x.shape[0], x.shape[1]]); // type: Tensor<[B, T]>
  const exact: Exactly<[typeof tokens, typeof scales], [Tensor<[B, 1, 64]>, Tensor<[B, T]>]> = true;
  return concat([tokens, x.mul(scales.unsqueeze(-1))], 1);
}

/** A positional table and a bias expanded over new leading axes that are type parameters (`[T, 64]` to `[B, T, 64]`). */
export function expandedOverTheBatch<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, positions: Tensor<[T, 64]>, bias: Tensor<[64]>) {
  const table = positions.broadcastTo(x.shape); // type: Tensor<[B, T, 64]>
  const biases = bias.broadcastTo([x.shape[0], x.shape[1], 64]); // type: Tensor<[B, T, 64]>
  return x.add(table).add(biases);
}

/** A convolutional feature map flattened for a dense head, with the batch kept in place. */
export function denseHead<B extends Dim>(features: Tensor<[B, 16, 7, 7]>, w: Tensor<[784, 10]>): Tensor<[B, 10]> {
  const flat = features.reshape([features.shape[0], 784]); // type: Tensor<[B, 784]>
  const same = features.flatten(1); // type: Tensor<[B, 784]>
  const exact: Exactly<[typeof flat, typeof same], [Tensor<[B, 784]>, Tensor<[B, 784]>]> = true;
  return flat.matmul(w);
}

// Called with concrete shapes, the concrete rules come back.
export const layer = new Linear(randn([784, 128], { seed: 1 }), zeros([128]));
export const out = layer.forward(randn([32, 784], { seed: 2 })); // type: Tensor<[32, 128]>
export const normalized = layerNorm(randn([4, 6, 16], { seed: 3 }), zeros([16]), zeros([16])); // type: Tensor<[4, 6, 16]>
export const attended = attention(randn([2, 5, 64], { seed: 4 }), randn([2, 5, 64], { seed: 5 }), randn([2, 5, 64], { seed: 6 }), zeros([5, 5])); // type: Tensor<[2, 5, 64]>
export const concrete: Exactly<[typeof out, typeof normalized, typeof attended], [Tensor<[32, 128]>, Tensor<[4, 6, 16]>, Tensor<[2, 5, 64]>]> = true;

// ---------------------------------------------------------------------------------------------
// The ops real models need (issue 11): swapaxes / transpose(dim0, dim1) / mT, the losses and the
// normalization, around type parameters.
import { layerNorm as layerNormOp, mseLoss, swapaxes } from "../../src/index.js";

/** Attention over `[B, H, T, D]` with the keys transposed by `.mT` and by `transpose(-1, -2)`. */
export function attentionMT<B extends Dim, H extends Dim, T extends Dim, D extends Dim>(q: Tensor<[B, H, T, D]>, k: Tensor<[B, H, T, D]>): Tensor<[B, H, T, T]> {
  const keys = k.mT; // type: Tensor<[B, H, D, T]>
  const same = k.transpose(-1, -2); // type: Tensor<[B, H, D, T]>
  const heads = swapaxes(q, 1, 2); // type: Tensor<[B, T, H, D]>
  const exact: Exactly<[typeof keys, typeof same, typeof heads], [Tensor<[B, H, D, T]>, Tensor<[B, H, D, T]>, Tensor<[B, T, H, D]>]> = true;
  return q.matmul(keys).mul(0.125);
}

/** `.mT` and a negative swap keep a variadic batch group. */
export function batchedTranspose<Batch extends Dim[], T extends Dim, D extends Dim>(x: Tensor<[...Batch, T, D]>) {
  const flipped = x.mT; // type: Tensor<[...Batch, D, T]>
  const swapped = x.swapaxes(-2, -1); // type: Tensor<[...Batch, D, T]>
  const transposed = x.transpose(-1, -2); // type: Tensor<[...Batch, D, T]>
  const exact: Exactly<[typeof flipped, typeof swapped, typeof transposed], [Tensor<[...Batch, D, T]>, Tensor<[...Batch, D, T]>, Tensor<[...Batch, D, T]>]> = true;
  return flipped;
}

/** Tensors made inside generic code from the input's dims: a mask, an initial state, noise of the batch's size. */
export function madeFromShape<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>) {
  const state = zeros([x.shape[0], 64]); // type: Tensor<[B, 64]>
  const mask = ones([x.shape[0], x.shape[1]]); // type: Tensor<[B, T]>
  const noise = randn([x.shape[1], 64], { seed: 1 }); // type: Tensor<[T, 64]>
  const exact: Exactly<[typeof state, typeof mask, typeof noise], [Tensor<[B, 64]>, Tensor<[B, T]>, Tensor<[T, 64]>]> = true;
  return x.mul(mask.unsqueeze(-1)).add(noise).sum(1).add(state);
}

/** Layer norm over trailing dims that are type parameters, with no weight: the normalized shape read from `x.shape`. */
export function normalizedTrailing<B extends Dim, T extends Dim, D extends Dim>(x: Tensor<[B, T, D]>) {
  const last = layerNormOp(x, [x.shape[2]]); // type: Tensor<[B, T, D]>
  const lastTwo = layerNormOp(x, [x.shape[1], x.shape[2]]); // type: Tensor<[B, T, D]>
  const exact: Exactly<[typeof last, typeof lastTwo], [Tensor<[B, T, D]>, Tensor<[B, T, D]>]> = true;
  return exact;
}

/** Layer norm over `[...Batch, D]`, the normalized shape read from the weight's own `[D]` (or a known width). */
export function normalizedBatched<Batch extends Dim[], D extends Dim>(x: Tensor<[...Batch, D]>, gamma: Tensor<[D]>, beta: Tensor<[D]>, wide: Tensor<[...Batch, 64]>) {
  const normed = layerNormOp(x, [gamma.shape[0]], gamma, beta); // type: Tensor<[...Batch, D]>
  const fixed = layerNormOp(wide, [64]); // type: Tensor<[...Batch, 64]>
  return [normed, fixed];
}

/** A transformer block's normalization and a regression loss over generic dims. */
export function normalizedLoss<B extends Dim, D extends number>(x: Tensor<[B, D]>, gamma: Tensor<[D]>, target: Tensor<[B, D]>) {
  const normed = layerNormOp(x, [x.shape[1]], gamma); // type: Tensor<[B, D]>
  const loss = mseLoss(normed, target); // type: Tensor<[]>
  const spread = x.variance(-1, { keepdims: true }); // type: Tensor<[B, 1]>
  const exact: Exactly<[typeof normed, typeof loss, typeof spread], [Tensor<[B, D]>, Tensor<[]>, Tensor<[B, 1]>]> = true;
  return loss;
}

/**
 * The axis ops around type parameters, one call each: reductions over each axis (positive and
 * negative), keepdims, argmax, softmax, the transposes, permute, swapaxes, slice, squeeze of a
 * size-1 axis. Each result is the op's rule applied by hand to the type parameters as names.
 */
export function axisOps<B extends Dim, T extends Dim>(x: Tensor<[B, T, 4]>, m: Tensor<[B, T]>, column: Tensor<[B, 1, 4]>) {
  const first = x.sum(0); // type: Tensor<[T, 4]>
  const middle = x.sum(1); // type: Tensor<[B, 4]>
  const last = x.max(-1); // type: Tensor<[B, T]>
  const kept = x.mean(-2, true); // type: Tensor<[B, 1, 4]>
  const index = x.argmax(-1); // type: Tensor<[B, T]>
  const probabilities = x.softmax(-1); // type: Tensor<[B, T, 4]>
  const flipped = m.transpose(); // type: Tensor<[T, B]>
  const reversed = x.transpose(); // type: Tensor<[4, T, B]>
  const permuted = x.permute([2, 0, 1]); // type: Tensor<[4, B, T]>
  const swapped = x.swapaxes(0, 2); // type: Tensor<[4, T, B]>
  const window = x.slice(2, 1, 3); // type: Tensor<[B, T, 2]>
  const squeezed = column.squeeze(1); // type: Tensor<[B, 4]>
  const exact: Exactly<
    [typeof first, typeof middle, typeof last, typeof kept, typeof index, typeof probabilities, typeof flipped, typeof reversed, typeof permuted, typeof swapped, typeof window, typeof squeezed],
    [Tensor<[T, 4]>, Tensor<[B, 4]>, Tensor<[B, T]>, Tensor<[B, 1, 4]>, Tensor<[B, T]>, Tensor<[B, T, 4]>, Tensor<[T, B]>, Tensor<[4, T, B]>, Tensor<[4, B, T]>, Tensor<[4, T, B]>, Tensor<[B, T, 2]>, Tensor<[B, 4]>]
  > = true;
  return exact;
}

/**
 * max, min, argmax and argmin over axes whose dims are type parameters: those have no identity, so an
 * empty axis is an error — but a type parameter is a name, of any size, and the runtime checks it (as
 * for `"n"`); a known 0 is still a compile error (test/fixtures/reduce.fixture.ts).
 */
export function noIdentityReductions<B extends Dim, C extends Dim>(logits: Tensor<[B, C]>) {
  const peak = logits.max(-1, true); // type: Tensor<[B, 1]>
  const stable = logits.sub(peak).exp(); // type: Tensor<[B, C]>
  const label = logits.argmax(-1); // type: Tensor<[B]>
  const lowest = logits.min(0); // type: Tensor<[C]>
  const first = argmin(logits, 1, true); // type: Tensor<[B, 1]>
  const top = logits.max(); // type: Tensor<[]>
  const exact: Exactly<
    [typeof peak, typeof stable, typeof label, typeof lowest, typeof first, typeof top],
    [Tensor<[B, 1]>, Tensor<[B, C]>, Tensor<[B]>, Tensor<[C]>, Tensor<[B, 1]>, Tensor<[]>]
  > = true;
  return exact;
}

/**
 * A convolutional block over spatial dims that are type parameters: a type parameter is a name, of a
 * size the runtime checks against the kernel (as `"h"` is), so every padding and stride compiles.
 */
export function convBlock<B extends Dim, H extends Dim, W extends Dim>(x: Tensor<[B, 3, H, W]>, k: Tensor<[8, 3, 3, 3]>) {
  const same = x.conv2d(k, { padding: "same" }); // type: Tensor<[B, 8, H, W]>
  const kept = x.conv2d(k, { padding: 1 }); // type: Tensor<[B, 8, H, W]>
  const valid = x.conv2d(k); // type: Tensor<[B, 8, ConvSize<H, 3, 1, 0, 1>, ConvSize<W, 3, 1, 0, 1>]>
  const strided = conv2d(x, k, { padding: 1, stride: 2 }); // type: Tensor<[B, 8, ConvSize<H, 3, 2, 1, 1>, ConvSize<W, 3, 2, 1, 1>]>
  const pooled = x.maxPool2d(2); // type: Tensor<[B, 3, PoolSize<H, 2, 2, 0, false>, PoolSize<W, 2, 2, 0, false>]>
  const averaged = avgPool2d(x, { kernel: 3, stride: 1, padding: 1 }); // type: Tensor<[B, 3, H, W]>
  const line = conv1d(x.flatten(2), zeros([4, 3, 5]), { padding: 2 }); // type: Tensor<[B, 4, Product<[H, W]>]>
  const window = x.slice(2, 0, 2); // type: Tensor<[B, 3, SliceSize<H, 0, 2, undefined>, W]>
  const exact: Exactly<
    [typeof same, typeof kept, typeof valid, typeof strided, typeof pooled, typeof averaged, typeof line, typeof window],
    [
      Tensor<[B, 8, H, W]>,
      Tensor<[B, 8, H, W]>,
      Tensor<[B, 8, ConvSize<H, 3, 1, 0, 1>, ConvSize<W, 3, 1, 0, 1>]>,
      Tensor<[B, 8, ConvSize<H, 3, 2, 1, 1>, ConvSize<W, 3, 2, 1, 1>]>,
      Tensor<[B, 3, PoolSize<H, 2, 2, 0, false>, PoolSize<W, 2, 2, 0, false>]>,
      Tensor<[B, 3, H, W]>,
      Tensor<[B, 4, Product<[H, W]>]>,
      Tensor<[B, 3, SliceSize<H, 0, 2, undefined>, W]>,
    ]
  > = true;
  return exact;
}

/** Masked attention scores: a `[B, 1, T]` mask as `where`'s condition keeps the scores' `[B, T, T]`. */
export function maskedScores<B extends Dim, T extends Dim, D extends Dim>(q: Tensor<[B, T, D]>, k: Tensor<[B, T, D]>, mask: Tensor<[B, 1, T]>): Tensor<[B, T, T]> {
  const scores = q.matmul(k.mT); // type: Tensor<[B, T, T]>
  const masked = where(mask.gt(0), scores, -1e9); // type: Tensor<[B, T, T]>
  const kept = where(mask.gt(0), scores, scores); // type: Tensor<[B, T, T]>
  const exact: Exactly<[typeof scores, typeof masked, typeof kept], [Tensor<[B, T, T]>, Tensor<[B, T, T]>, Tensor<[B, T, T]>]> = true;
  return masked.softmax(-1);
}

/**
 * The indexing, loss, comparison and movement ops of issue 11 around type parameters, one call each,
 * with the results their rules give when the type parameters are names.
 */
export function modelOps<B extends Dim, T extends Dim, D extends Dim, C extends Dim>(x: Tensor<[B, T, D]>, logits: Tensor<[B, C]>, labels: Tensor<[B]>, ids: Tensor<[B, T]>, table: Tensor<[100, D]>) {
  const embedded = embedding(table, ids.astype("int32")); // type: Tensor<[B, T, D]>
  const loss = crossEntropy(logits, labels.astype("int32")); // type: Tensor<[]>
  const nll = nllLoss(logits.logSoftmax(-1), labels.astype("int32")); // type: Tensor<[]>
  const picked = gather(logits, 1, labels.astype("int32").unsqueeze(1)); // type: Tensor<[B, 1]>
  const chosen = indexSelect(x, 2, zeros([5], { dtype: "int32" })); // type: Tensor<[B, T, 5]>
  const pairs = stack([x, x], -1); // type: Tensor<[B, T, D, 2]>
  const column = x.unsqueeze(-1); // type: Tensor<[B, T, D, 1]>
  const below = x.lt(x.mean(-1, true)); // type: Tensor<[B, T, D]>
  const clipped = maximum(x, 0).pow(2); // type: Tensor<[B, T, D]>
  const spread = variance(x, [1, 2]); // type: Tensor<[B]>
  const deviation = x.std(-1, { keepdims: true }); // type: Tensor<[B, T, 1]>
  const rows = rearrange(x, "b t d -> (b t) d"); // type: Tensor<[Product<[B, T]>, D]>
  const back = unflatten(rows, 0, [x.shape[0], x.shape[1]]); // type: Tensor<[B, T, D]>
  const exact: Exactly<
    [typeof embedded, typeof loss, typeof nll, typeof picked, typeof chosen, typeof pairs, typeof column, typeof below, typeof clipped, typeof spread, typeof deviation, typeof rows, typeof back],
    [
      Tensor<[B, T, D]>,
      Tensor<[]>,
      Tensor<[]>,
      Tensor<[B, 1]>,
      Tensor<[B, T, 5]>,
      Tensor<[B, T, D, 2]>,
      Tensor<[B, T, D, 1]>,
      Tensor<[B, T, D]>,
      Tensor<[B, T, D]>,
      Tensor<[B]>,
      Tensor<[B, T, 1]>,
      Tensor<[Product<[B, T]>, D]>,
      Tensor<[B, T, D]>,
    ]
  > = true;
  return exact;
}

/** Learned positions narrowed to the input's length (PyTorch's `wpe[:T]`, as `narrow`): the window is exactly `T` long. */
export function learnedPositions<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, table: Tensor<[1024, 64]>) {
  const window = table.narrow(0, 0, x.shape[1]); // type: Tensor<[T, 64]>
  const out = x.add(window); // type: Tensor<[B, T, 64]>
  return out;
}

/** Positions embedded the PyTorch way, `wpe(arange(T))`: `arange` of the input's length is `Tensor<[T]>`. */
export function embeddedPositions<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, table: Tensor<[1024, 64]>) {
  const steps = arange(x.shape[1], { dtype: "int32" }); // type: Tensor<[T]>
  const positions = embedding(table, steps); // type: Tensor<[T, 64]>
  return x.add(positions);
}

/** Causal attention weights: a lower-triangular mask over the input's length (`tril`), `Tensor<[T, T]>`. */
export function causalWeights<B extends Dim, T extends Dim>(q: Tensor<[B, T, 64]>, k: Tensor<[B, T, 64]>) {
  const mask = ones([q.shape[1], q.shape[1]], { dtype: "bool" }).tril(); // type: Tensor<[T, T]>
  const scores = q.matmul(k.transpose(1, 2)).mul(0.125); // type: Tensor<[B, T, T]>
  const weights = where(mask, scores, -1e9).softmax(-1); // type: Tensor<[B, T, T]>
  return weights;
}

/** A recurrent loop over time steps: a loop-carried state, and the states of an array of unknown length stacked. */
export function recurrent<B extends Dim, T extends Dim, D extends number>(xs: Tensor<[B, T, D]>, wx: Tensor<[D, D]>, wh: Tensor<[D, D]>, steps: number) {
  let h = zeros([xs.shape[0], xs.shape[2]]);
  const states: Tensor<[B, D]>[] = [];
  for (let t = 0; t < steps; t++) {
    h = xs.narrow(1, t, 1).squeeze(1).matmul(wx).add(h.matmul(wh)).tanh();
    states.push(h);
  }
  const all = stack(states, 1); // type: Tensor<[B, number, D]>
  const joined = concat(states, 0); // type: Tensor<[number, D]>
  return [all, joined];
}

/** A convolution generic in its input channels too (a ResNet-style block takes any `C`): the channels are the same type parameter. */
export function channelsGeneric<B extends Dim, C extends Dim, H extends Dim, W extends Dim>(x: Tensor<[B, C, H, W]>, k: Tensor<[16, C, 3, 3]>, bias: Tensor<[16]>) {
  const y = x.conv2d(k, { padding: 1, bias }); // type: Tensor<[B, 16, H, W]>
  const z = conv2d(x, k); // type: Tensor<[B, 16, ConvSize<H, 3, 1, 0, 1>, ConvSize<W, 3, 1, 0, 1>]>
  return [y, z];
}

/** A 3×3 max-pooling window with stride 1 and padding 1 keeps any size, channels a type parameter too. */
export function sameSizePooling<B extends Dim, C extends Dim, H extends Dim, W extends Dim>(x: Tensor<[B, C, H, W]>) {
  const pooled = x.maxPool2d({ kernel: 3, stride: 1, padding: 1 }); // type: Tensor<[B, C, H, W]>
  return pooled;
}

/** A size-1 axis on the left of a type parameter's axis: a learned row `[1, T]` against `[B, T]`, in either order and chained. */
export function rowOnTheLeft<B extends Dim, T extends Dim>(x: Tensor<[B, T]>, row: Tensor<[1, T]>): Tensor<[B, T]> {
  const shifted = row.sub(x); // type: Tensor<[B, T]>
  const scaled = shifted.mul(x).div(row); // type: Tensor<[B, T]>
  const top = maximum(row, x); // type: Tensor<[B, T]>
  const picked = where(row.gt(0), row, x); // type: Tensor<[B, T]>
  return scaled.add(top).add(picked);
}

/**
 * A causal mask compared from positions, `[T, 1]` against `[1, T]`, and a `where` whose fallback is a
 * column `[B, T, 1]` (the mask meets the scores first; against the column first it would be an
 * implicit outer broadcast, bugs.ts `columnBeforeScores`).
 */
export function causalFromPositions<B extends Dim, T extends Dim>(scores: Tensor<[B, T, T]>, fallback: Tensor<[B, T, 1]>) {
  const position = arange(scores.shape[1]);
  const causal = position.unsqueeze(1).ge(position.unsqueeze(0)); // type: Tensor<[T, T]>
  const masked = where(causal, scores, fallback); // type: Tensor<[B, T, T]>
  return masked;
}

/** tfjs's own convolution and pooling over spatial dims that are type parameters, with windows that change the size. */
export function tfDownsample<B extends Dim, H extends Dim, W extends Dim>(x: tf.TfTensor<[B, H, W, 3]>, k: tf.TfTensor<[3, 3, 3, 16]>) {
  const same = tf.conv2d(x, k, 1, "same"); // type: tf.TfTensor<[B, H, W, 16]>
  const strided = tf.conv2d(x, k, 2, "same"); // type: tf.TfTensor<[B, TfWindowSize<H, 3, 2, "same", 1>, TfWindowSize<W, 3, 2, "same", 1>, 16]>
  const pooled = tf.maxPool(same, 2, 2, "valid"); // type: tf.TfTensor<[B, TfWindowSize<H, 2, 2, "valid", 1>, TfWindowSize<W, 2, 2, "valid", 1>, 16]>
  const features = tf.mean(pooled, [1, 2]); // type: tf.TfTensor<[B, 16]>
  return [strided, features];
}

/** Size-1 axes added and removed at the end of `[...Batch, …]` shapes: a gate column and a scalar score per row. */
export function gatedRows<Batch extends Dim[], T extends Dim, D extends Dim>(x: Tensor<[...Batch, T, D]>, gate: Tensor<[...Batch, T]>, score: Tensor<[...Batch, T, 1]>) {
  const gated = x.mul(gate.unsqueeze(-1)); // type: Tensor<[...Batch, T, D]>
  const perRow = score.squeeze(-1); // type: Tensor<[...Batch, T]>
  const column = perRow.unsqueeze(-2); // type: Tensor<[...Batch, 1, T]>
  return [gated, column];
}

/** A fused query/key/value projection over `[...Batch, T, 1536]`, split along its last axis by `narrow`. */
export function splitFused<Batch extends Dim[], T extends Dim>(fused: Tensor<[...Batch, T, 1536]>) {
  const q = fused.narrow(-1, 0, 512); // type: Tensor<[...Batch, T, 512]>
  const v = fused.narrow(-1, 1024, 512); // type: Tensor<[...Batch, T, 512]>
  return q.add(v);
}

/** Heads merged at the end of `[...Batch, H, 64]` by `flatten(-2)`, and a reduction over the last two axes in either order. */
export function mergedHeads<Batch extends Dim[], H extends Dim>(perHead: Tensor<[...Batch, H, 64]>, known: Tensor<[...Batch, 8, 64]>) {
  const merged = perHead.flatten(-2); // type: Tensor<[...Batch, Product<[H, 64]>]>
  const knownMerged = known.flatten(-2, -1); // type: Tensor<[...Batch, 512]>
  const total = known.sum([-2, -1]); // type: Tensor<[...Batch]>
  const reversed = known.sum([-1, -2]); // type: Tensor<[...Batch]>
  return [merged, knownMerged, total, reversed];
}

/** Features joined along the last axis of `[...Batch, T, …]` shapes with the same group. */
export function joinedFeatures<Batch extends Dim[], T extends Dim>(words: Tensor<[...Batch, T, 64]>, tags: Tensor<[...Batch, T, 16]>) {
  const joined = concat([words, tags], -1); // type: Tensor<[...Batch, T, 80]>
  const twice = concat([words, words, tags], -1); // type: Tensor<[...Batch, T, 144]>
  return [joined, twice];
}

/** Two views of `[...Batch, T, 64]` stacked along a new last or second-to-last axis. */
export function stackedViews<Batch extends Dim[], T extends Dim>(a: Tensor<[...Batch, T, 64]>, b: Tensor<[...Batch, T, 64]>) {
  const pair = stack([a, b], -1); // type: Tensor<[...Batch, T, 64, 2]>
  const rows = stack([a, b, a], -2); // type: Tensor<[...Batch, T, 3, 64]>
  return [pair, rows];
}

/**
 * `[...Batch, …]` shapes joined or stacked along an axis counted from the front: which dim that is
 * depends on the group's length, so the rank is left to the runtime (`number[]`); a shape of fixed rank
 * beside one gives the result its structure.
 */
export function joinedFromTheFront<Batch extends Dim[], T extends Dim>(a: Tensor<[...Batch, T, 64]>, b: Tensor<[...Batch, T, 64]>, row: Tensor<[2, 64]>) {
  const joined = concat([a, b], 0); // type: Tensor<number[]>
  const stacked = stack([a, b], 1); // type: Tensor<number[]>
  const withRow = concat([row, a], 0); // type: Tensor<[number, 64]>
  return [joined, stacked, withRow] as const;
}

/** A fused projection cut into query, key and value by `chunk`, around `B` and `T`, and unequal parts by `split`. */
export function fusedChunks<B extends Dim, T extends Dim>(fused: Tensor<[B, T, 1536]>) {
  const [q, k, v] = fused.chunk(3, -1);
  const query = q; // type: Tensor<[B, T, 512]>
  const [head, rest] = fused.split([512, 1024], -1);
  const tail = rest; // type: Tensor<[B, T, 1024]>
  return [query.matmul(k.transpose(1, 2)).softmax(-1).matmul(v), head, tail] as const;
}

/** An LSTM step's four gates from one product, chunked along the last axis of `[B, 4 * 32]`. */
export function lstmGates<B extends Dim>(z: Tensor<[B, 128]>, c: Tensor<[B, 32]>) {
  const [i, f, g, o] = z.chunk(4, 1);
  const input = i; // type: Tensor<[B, 32]>
  const next = f.sigmoid().mul(c).add(input.sigmoid().mul(g.tanh())); // type: Tensor<[B, 32]>
  return o.sigmoid().mul(next.tanh());
}

/** Halves of a width that is a type parameter: each is `ChunkSize<D, 2>`, a dim equal only to itself, so the halves combine. */
export function halves<B extends Dim, D extends Dim>(x: Tensor<[B, D]>) {
  const [left, right] = x.chunk(2, -1);
  const gated = left.mul(right.sigmoid()); // type: Tensor<[B, ChunkSize<D, 2>]>
  return gated;
}

/** The same cut within the trailing dims of `[...Batch, T, 96]`. */
export function batchedChunks<Batch extends Dim[], T extends Dim>(fused: Tensor<[...Batch, T, 96]>) {
  const [q, k] = fused.chunk(3, -1);
  const query = q; // type: Tensor<[...Batch, T, 32]>
  return query.add(k);
}

/** A recurrent state `[2, B, H]` unbound into h and c, and a sequence `[B, T, H]` walked step by step (`unbind(1)`: an array, its length being `T`). */
export function stepsOfSequence<B extends Dim, T extends Dim, H extends Dim>(state: Tensor<[2, B, H]>, xs: Tensor<[B, T, H]>) {
  const [h, c] = state.unbind(0);
  const hidden = h; // type: Tensor<[B, H]>
  const steps = xs.unbind(1); // type: Tensor<[B, H]>[]
  const last = steps.reduce((carry, step) => carry.add(step).tanh(), hidden.mul(c)); // type: Tensor<[B, H]>
  return last;
}

/** A backward pass seeded with an upstream gradient of the output's own shape, declared or made from its dims. */
export function seededBackward<B extends Dim, D extends Dim>(x: Tensor<[B, D]>, w: Tensor<[D, 3]>, grad: Tensor<[B, 3]>) {
  const y = x.matmul(w); // type: Tensor<[B, 3]>
  y.backward(grad);
  y.backward(ones([y.shape[0], 3]));
  return y;
}

/** The top-2 scores picked along the last axis over any batch group (`gather` of shapes with the same group). */
export function pickedOverBatch<Batch extends Dim[], C extends Dim>(scores: Tensor<[...Batch, C]>, picks: Tensor<[...Batch, 2]>) {
  const picked = gather(scores, -1, picks.astype("int32")); // type: Tensor<[...Batch, 2]>
  return picked.softmax(-1);
}

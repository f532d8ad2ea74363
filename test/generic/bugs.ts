// The buggy versions of test/generic/layers.ts. Each is a compile error on the bug line, with the
// message asserted by test/generic.test.ts (`// message:` above the annotation), under TypeScript 6
// and 7 and in the CLI's report; called with concrete shapes, each throws at run time.
import { arange, concat, crossEntropy, einsum, gather, layerNorm, mseLoss, randn, stack, where, zeros, type Dim, type Tensor } from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { affine, affineFrom } from "./layers.js";

/** A bias of the wrong width. */
export function biasWidth<B extends Dim>(x: Tensor<[B, 784]>, w: Tensor<[784, 128]>, b: Tensor<[64]>) {
  // message: SHAPE_BROADCAST: add: axis -1 is 128 vs 64; each axis must be equal or 1 (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.matmul(w).add(b);
}

/** Attention scores without transposing the keys. */
export function missingTranspose<B extends Dim, T extends Dim>(q: Tensor<[B, T, 64]>, k: Tensor<[B, T, 64]>) {
  // message: SHAPE_MATMUL: matmul: inner dims 64 vs ${T}; the left's last axis must equal the right's second-to-last, and a type parameter is equal only to itself (transpose one of them?)
  // @shape-error SHAPE_MATMUL
  return q.matmul(k);
}

/** Two different parameters where one is needed. */
export function twoParameters<N extends Dim, M extends Dim>(a: Tensor<[N, 3]>, b: Tensor<[M, 3]>) {
  // message: SHAPE_BROADCAST: add: axis -2 is ${N} vs ${M}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return a.add(b);
}

/** A bias stored as a column. */
export function columnBias<B extends Dim>(x: Tensor<[B, 128]>, b: Tensor<[128, 1]>) {
  // message: SHAPE_BROADCAST: add: axis -2 is ${B} vs 128; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.add(b);
}

/** A loop that changes the width of its carried activation. */
export function wideningLoop<B extends Dim>(x: Tensor<[B, 64]>, w: Tensor<[64, 128]>) {
  let h = x;
  for (let i = 0; i < 2; i++) {
    // message: SHAPE_DECLARED: declared: [B, 128] is not assignable to [B, 64]
    // @shape-error SHAPE_DECLARED
    h = h.matmul(w);
  }
  return h;
}

/** A declared result that disagrees with what the body computes. */
export function declaredResult<B extends Dim>(x: Tensor<[B, 784]>, w: Tensor<[784, 128]>): Tensor<[B, 10]> {
  // message: SHAPE_DECLARED: declared: [B, 128] is not assignable to [B, 10]
  // @shape-error SHAPE_DECLARED
  return x.matmul(w);
}

/** A wrong trailing axis under `[...Batch, D]`. */
export function wrongTrailingAxis<Batch extends Dim[], D extends Dim>(x: Tensor<[...Batch, D]>, scale: Tensor<[10]>) {
  // message: SHAPE_BROADCAST: mul: axis -1 is ${D} vs 10; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.mul(scale);
}

/**
 * A generic function called with arguments that disagree on a type parameter: TypeScript infers
 * `Out` as `128 | 64` and accepts the call; the union dim it returns is rejected by the next op.
 */
export function disagreeingArguments() {
  const y = affine(randn([32, 784], { seed: 1 }), randn([784, 128], { seed: 2 }), zeros([64]));
  // message: SHAPE_BROADCAST: add: axis -1 of the left operand is a union of sizes, not one size; a generic function was called with arguments that disagree on a dim (make them agree)
  // @shape-error SHAPE_BROADCAST
  return y.add(zeros([128]));
}

/** The same call to a signature that says where `Out` is decided (`NoInfer` on the bias): the call is the error. */
export function disagreeingArgumentsAtTheCall() {
  // message: SHAPE_DECLARED: declared: [64] is not assignable to [128]
  // @shape-error SHAPE_DECLARED
  return affineFrom(randn([32, 784], { seed: 1 }), randn([784, 128], { seed: 2 }), zeros([64]));
}

/** Features of two sequences of different lengths joined along the feature axis. */
export function joinedLengths<B extends Dim, T extends Dim, S extends Dim>(words: Tensor<[B, T, 64]>, tags: Tensor<[B, S, 16]>) {
  // message: SHAPE_CONCAT: concat: axis 1 is ${T} in tensor 0 but ${S} in tensor 1; only axis 2 may differ, and a type parameter is equal only to itself
  // @shape-error SHAPE_CONCAT
  void concat([words, tags], -1);
}

/** Two batches of different sizes stacked. */
export function stackedBatches<B extends Dim, N extends Dim>(a: Tensor<[B, 10]>, b: Tensor<[N, 10]>) {
  // message: SHAPE_STACK: stack: axis 0 is ${B} in tensor 0 but ${N} in tensor 1; stacked tensors must have the same shape, and a type parameter is equal only to itself
  // @shape-error SHAPE_STACK
  return stack([a, b]);
}

/** A vector whose dim is another type parameter than the last axis it meets. */
export function vectorOfAnotherParameter<B extends Dim, T extends Dim, D extends Dim>(x: Tensor<[B, T]>, v: Tensor<[D]>) {
  // message: SHAPE_BROADCAST: add: axis -1 is ${T} vs ${D}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.add(v);
}

/** A known vector against a type parameter's axis. */
export function knownVectorAgainstParameter<B extends Dim, T extends Dim>(x: Tensor<[B, T]>) {
  // message: SHAPE_BROADCAST: mul: axis -1 is ${T} vs 64; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.mul(zeros([64]));
}

/** A convolution whose input channels are a type parameter and whose weight takes 3. */
export function channelsOfParameter<B extends Dim, C extends Dim, H extends Dim, W extends Dim>(x: Tensor<[B, C, H, W]>) {
  // message: SHAPE_CONV: conv2d: the input's channels (axis 1) are ${C} but the weight takes 3 (its axis 1); a type parameter is equal only to itself
  // @shape-error SHAPE_CONV
  return x.conv2d(zeros([8, 3, 3, 3]));
}

/** A bias whose width is the input's channels where the weight has 8 output channels. */
export function biasOfParameter<B extends Dim, C extends Dim, H extends Dim, W extends Dim>(x: Tensor<[B, C, H, W]>, w: Tensor<[8, C, 3, 3]>, bias: Tensor<[C]>) {
  // message: SHAPE_CONV: conv2d: the bias has ${C} values but the weight has 8 output channels (its axis 0); a type parameter is equal only to itself
  // @shape-error SHAPE_CONV
  return x.conv2d(w, { bias });
}

/** A masked choice whose alternative has another length than the scores. */
export function maskedOtherLength<B extends Dim, T extends Dim, S extends Dim>(mask: Tensor<[B, 1, T]>, scores: Tensor<[B, T, T]>, other: Tensor<[B, S, T]>) {
  // message: SHAPE_BROADCAST: where: axis -2 is ${T} vs ${S}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return where(mask.gt(0), scores, other);
}

/** Attention scores by einsum whose keys have another feature width than the queries. */
export function einsumOtherWidth<B extends Dim, T extends Dim, S extends Dim, D extends Dim>(q: Tensor<[B, T, D]>, k: Tensor<[B, S, 32]>) {
  // message: SHAPE_EINSUM: einsum: 'btd,bsd->bts': index 'd' is ${D} in one operand but 32 in another; an index stands for one size, and a type parameter is equal only to itself
  // @shape-error SHAPE_EINSUM
  void einsum("btd,bsd->bts", q, k);
}

/** Attention scores by einsum over a batch group whose keys have another feature width than the queries. */
export function einsumOtherWidthOverAnyBatch<Batch extends Dim[], T extends Dim, S extends Dim, D extends Dim>(q: Tensor<[...Batch, T, D]>, k: Tensor<[...Batch, S, 32]>) {
  // message: SHAPE_EINSUM: einsum: '...td,...sd->...ts': index 'd' is ${D} in one operand but 32 in another; an index stands for one size, and a type parameter is equal only to itself
  // @shape-error SHAPE_EINSUM
  void einsum("...td,...sd->...ts", q, k);
}

/** Queries and keys over two different batch groups, which '...' cannot tell to be one. */
export function einsumTwoBatchGroups<Batch extends Dim[], Other extends Dim[], T extends Dim, D extends Dim>(q: Tensor<[...Batch, T, D]>, k: Tensor<[...Other, T, D]>) {
  // message: SHAPE_EINSUM: einsum: '...td,...sd->...ts': '...' in operand 1 stands for another batch group than before it; the axes '...' stands for must broadcast, and a type parameter is equal only to itself
  // @shape-error SHAPE_EINSUM
  void einsum("...td,...sd->...ts", q, k);
}

/** Queries and keys over two different batch axes, `[B]` and `[C]`, which '...' stands for in each. */
export function einsumOtherBatchAxis<B extends Dim, C extends Dim, T extends Dim, D extends Dim>(q: Tensor<[B, T, D]>, k: Tensor<[C, T, D]>) {
  // message: SHAPE_EINSUM: einsum: '...td,...sd->...ts': '...' in operand 1 is ${C} at axis -1 but ${B} before it; the axes '...' stands for must broadcast (equal or 1), and a type parameter is equal only to itself
  // @shape-error SHAPE_EINSUM
  void einsum("...td,...sd->...ts", q, k);
}

/** Labels of another batch than the logits'. */
export function labelsOfAnotherBatch<B extends Dim, T extends Dim, C extends Dim>(logits: Tensor<[B, C]>, labels: Tensor<[T]>) {
  // message: SHAPE_LABELS: crossEntropy: the labels' N is ${T} but the scores' is ${B}; one label per row, and a type parameter is equal only to itself
  // @shape-error SHAPE_LABELS
  return crossEntropy(logits, labels.astype("int32"));
}

/** A regression target of another batch than the predictions'. */
export function targetOfAnotherBatch<B extends Dim, T extends Dim, D extends Dim>(prediction: Tensor<[B, D]>, target: Tensor<[T, D]>) {
  // message: SHAPE_MISMATCH: mseLoss: input and target must have the same shape: axis 0 is ${B} vs ${T}, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return mseLoss(prediction, target);
}

/** A batched product whose batch dims are different type parameters. */
export function batchOfAnotherParameter<B extends Dim, C extends Dim, T extends Dim, D extends Dim, E extends Dim>(a: Tensor<[B, T, D]>, b: Tensor<[C, D, E]>) {
  // message: SHAPE_BROADCAST: matmul: axis -1 is ${B} vs ${C}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return a.matmul(b);
}

/** A condition of another length than the values it chooses between. */
export function conditionOfAnotherLength<B extends Dim, S extends Dim, T extends Dim>(condition: Tensor<[B, S]>, values: Tensor<[B, T]>) {
  // message: SHAPE_BROADCAST: where: axis -1 is ${S} vs ${T}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return where(condition.gt(0), values, 0);
}

/**
 * A reshape used where a transpose was meant: it keeps the element count, so with concrete shapes it
 * runs and scrambles the data (the bug that runs, issue 10); around type parameters it moves `B`'s and
 * `T`'s axes, which is the error.
 */
export function reshapeForTranspose<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, ${T}, 64] to [${T}, ${B}, 64]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return x.reshape([x.shape[1], x.shape[0], 64]);
}

/** A per-example column stretched to the rows of another batch. */
export function stretchedToAnotherBatch<B extends Dim, T extends Dim>(scale: Tensor<[B, 1]>, x: Tensor<[T, 64]>) {
  // message: SHAPE_BROADCAST_TO: broadcastTo: axis -2 is ${B} vs ${T}; only size-1 axes can be stretched, and a type parameter is equal only to itself
  // @shape-error SHAPE_BROADCAST_TO
  return scale.broadcastTo([x.shape[0], 64]);
}

/** A batch stretched to a fixed size, as if it were 1. */
export function batchStretchedToKnown<B extends Dim>(x: Tensor<[B, 64]>) {
  // message: SHAPE_BROADCAST_TO: broadcastTo: axis -2 is ${B} vs 32; only size-1 axes can be stretched, and a type parameter is equal only to itself
  // @shape-error SHAPE_BROADCAST_TO
  return x.broadcastTo([32, 64]);
}

/** A layer norm over the sequence axis's size where the feature axis's was meant. */
export function normalizedOverAnotherAxis<B extends Dim, T extends Dim, D extends Dim>(x: Tensor<[B, T, D]>) {
  // message: SHAPE_MISMATCH: layerNorm: the normalized shape does not match the input's trailing dims: axis -1 is ${D} vs ${T}, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return layerNorm(x, [x.shape[1]]);
}

/** A layer norm over `[...Batch, D]` whose weight has another type parameter's width. */
export function normalizedBatchedOtherWidth<Batch extends Dim[], D extends Dim, E extends Dim>(x: Tensor<[...Batch, D]>, gamma: Tensor<[E]>) {
  // message: SHAPE_MISMATCH: layerNorm: the normalized shape does not match the input's trailing dims: axis -1 is ${D} vs ${E}, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return layerNorm(x, [gamma.shape[0]], gamma);
}

/** A layer norm over a fixed width that a type parameter's axis may not have. */
export function normalizedFixedWidth<B extends Dim, D extends Dim>(x: Tensor<[B, D]>) {
  // message: SHAPE_MISMATCH: layerNorm: the normalized shape does not match the input's trailing dims: axis -1 is ${D} vs 64, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return layerNorm(x, [64]);
}

/** Learned positions narrowed to the batch's size where the sequence's was meant. */
export function positionsOfTheBatch<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>, table: Tensor<[1024, 64]>) {
  // message: SHAPE_BROADCAST: add: axis -2 is ${T} vs ${B}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return x.add(table.narrow(0, 0, x.shape[0]));
}

/** A batch restated with its batch and sequence axes swapped: `.as()` binds names, and these are two. */
export function restatedSwapped<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>) {
  // message: SHAPE_AS: as: cannot restate [${B}, ${T}, 64] as [${T}, ${B}, 64]: axis 0 is ${B} vs ${T}, and a type parameter is equal only to itself
  // @shape-error SHAPE_AS
  return x.as([x.shape[1], x.shape[0], 64]);
}

/** The states of a recurrent loop stacked along an axis past the end. */
export function stackedPastTheEnd<B extends Dim, D extends Dim>(states: Tensor<[B, D]>[]) {
  // message: SHAPE_AXIS: stack: axis 3 is out of range for [${B}, ${D}]: valid axes are integers from -3 to 2
  // @shape-error SHAPE_AXIS
  return stack(states, 3);
}

/** The same swap through shapecheck/tfjs's `as`. */
export function tfRestatedSwapped<B extends Dim, T extends Dim>(x: tf.TfTensor<[B, T, 64]>) {
  // message: SHAPE_AS: as: cannot restate [${B}, ${T}, 64] as [${T}, ${B}, 64]: axis 0 is ${B} vs ${T}, and a type parameter is equal only to itself
  // @shape-error SHAPE_AS
  return tf.as(x, [x.shape[1], x.shape[0], 64]);
}

/** A tfjs loss of two batches of different sizes (tfjs does not broadcast its losses' operands). */
export function tfLossOfAnotherBatch<B extends Dim, T extends Dim>(labels: tf.TfTensor<[B, 10]>, predictions: tf.TfTensor<[T, 10]>) {
  // message: SHAPE_MISMATCH: meanSquaredError: labels and predictions must have the same shape: axis 0 is ${B} vs ${T}, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return tf.losses.meanSquaredError(labels, predictions);
}

/** The transpose written as a reshape, through shapecheck/tfjs (with numbers it runs and scrambles the data). */
export function tfReshapeForTranspose<B extends Dim, T extends Dim>(x: tf.TfTensor<[B, T, 64]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, ${T}, 64] to [${T}, ${B}, 64]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return tf.reshape(x, [x.shape[1], x.shape[0], 64]);
}

/** tfjs's convolution of an input whose channels are a type parameter with a filter that takes 4. */
export function tfChannelsOfParameter<B extends Dim, H extends Dim, W extends Dim, C extends Dim>(x: tf.TfTensor<[B, H, W, C]>, k: tf.TfTensor<[3, 3, 4, 8]>) {
  // message: SHAPE_CONV: conv2d: the input's channels (axis 3) are ${C} but the filter takes 4 (its axis 2); a type parameter is equal only to itself
  // @shape-error SHAPE_CONV
  return tf.conv2d(x, k, 1, "same");
}

/** A learned row on the left whose length is another type parameter than the input's. */
export function rowOfAnotherLength<B extends Dim, T extends Dim, S extends Dim>(x: Tensor<[B, T]>, row: Tensor<[1, S]>) {
  // message: SHAPE_BROADCAST: sub: axis -1 is ${S} vs ${T}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return row.sub(x);
}

/** A residual around a strided tfjs convolution, without downsampling the shortcut. */
export function tfResidualAroundStride<B extends Dim, H extends Dim, W extends Dim>(x: tf.TfTensor<[B, H, W, 8]>, k: tf.TfTensor<[3, 3, 8, 8]>) {
  // message: SHAPE_BROADCAST: add: axis -2 is ${W} vs ${TfWindowSize<W, 3, 2, "same", 1>}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return tf.add(x, tf.conv2d(x, k, 2, "same"));
}

/** A squeeze of the feature axis of `[...Batch, D]` where the score's size-1 axis was meant. */
export function squeezedFeatures<Batch extends Dim[], D extends Dim>(x: Tensor<[...Batch, D]>) {
  // message: SHAPE_SQUEEZE: squeeze: cannot squeeze axis -1: its dim is a type parameter, which may not be 1; a type parameter is a name, equal only to itself (squeeze only axes whose type is 1)
  // @shape-error SHAPE_SQUEEZE
  return x.squeeze(-1);
}

/** A squeeze of a known width at the end of `[...Batch, 1, 4]`: the size-1 axis is the one before it. */
export function squeezedKnownWidth<Batch extends Dim[]>(x: Tensor<[...Batch, 1, 4]>) {
  // message: SHAPE_SQUEEZE: squeeze: cannot squeeze axis -1 of [..., 4]: its size is 4, not 1; only size-1 axes can be removed
  // @shape-error SHAPE_SQUEEZE
  return x.squeeze(-1);
}

/** A fused projection split with a length that runs past its last axis (the value slice taken twice as wide). */
export function splitPastTheEnd<Batch extends Dim[], T extends Dim>(fused: Tensor<[...Batch, T, 1536]>) {
  // message: SHAPE_SLICE: narrow: cannot narrow axis -1 of [..., 1536] to length 1024 from start 1024: the axis has 1536 elements, and start + length must not exceed them
  // @shape-error SHAPE_SLICE
  return fused.narrow(-1, 1024, 1024);
}

/** Features of two sequences of different lengths joined along their last axis. */
export function joinedOtherLengths<Batch extends Dim[], T extends Dim, S extends Dim>(words: Tensor<[...Batch, T, 64]>, tags: Tensor<[...Batch, S, 16]>) {
  // message: SHAPE_CONCAT: concat: the dims before axis -1 differ between tensor 0 and tensor 1; they must be the same, and a type parameter is equal only to itself
  // @shape-error SHAPE_CONCAT
  void concat([words, tags], -1);
}

/** Two sequences of different lengths stacked along a new last axis. */
export function stackedOtherLengths<Batch extends Dim[], T extends Dim, S extends Dim>(a: Tensor<[...Batch, T, 64]>, b: Tensor<[...Batch, S, 64]>) {
  // message: SHAPE_STACK: stack: the dims before axis -1 differ between tensor 0 and tensor 1; they must be the same, and a type parameter is equal only to itself
  // @shape-error SHAPE_STACK
  void stack([a, b], -1);
}

/** A fused projection of three parts chunked into five. */
export function chunkedIntoFive<B extends Dim, T extends Dim>(fused: Tensor<[B, T, 1536]>) {
  // message: SHAPE_SPLIT: chunk: cannot split axis 2 of [${B}, ${T}, 1536] into 5 equal chunks: 1536 is not a multiple of 5; split(x, sizes, axis) takes pieces of different sizes
  // @shape-error SHAPE_SPLIT
  return fused.chunk(5, -1);
}

/** Unequal parts whose sizes do not add up to the axis. */
export function splitShortOfTheAxis<B extends Dim>(x: Tensor<[B, 256]>) {
  // message: SHAPE_SPLIT: split: cannot split axis 1 of [${B}, 256] into sizes [128, 64]: they add up to 192, not 256
  // @shape-error SHAPE_SPLIT
  return x.split([128, 64], 1);
}

/** A half of a generic width added back to the whole: `ChunkSize<D, 2>` is not `D`. */
export function halfAgainstWhole<B extends Dim, D extends Dim>(x: Tensor<[B, D]>) {
  const [left] = x.chunk(2, -1);
  // message: SHAPE_BROADCAST: add: axis -1 is ${ChunkSize<D, 2>} vs ${D}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return left.add(x);
}

/** A regression loss whose targets are a column: `[N] − [N, 1]` is the `[N, N]` matrix of every difference. */
export function columnTargets<N extends Dim>(predictions: Tensor<[N]>, targets: Tensor<[N, 1]>) {
  // message: SHAPE_IMPLICIT_OUTER: sub: both operands are stretched across ranks (an implicit outer broadcast); if that is meant, unsqueeze the lower-rank operand first
  // @shape-error SHAPE_IMPLICIT_OUTER
  return predictions.sub(targets).pow(2).mean();
}

/** A bias vector of one parameter's width subtracted from a column of another's: `[D] − [B, 1]` is `[B, D]`. */
export function vectorMinusColumn<B extends Dim, D extends Dim>(bias: Tensor<[D]>, column: Tensor<[B, 1]>) {
  // message: SHAPE_IMPLICIT_OUTER: sub: both operands are stretched across ranks (an implicit outer broadcast); if that is meant, unsqueeze the lower-rank operand first
  // @shape-error SHAPE_IMPLICIT_OUTER
  return bias.sub(column);
}

/** A `[T, T]` mask meeting a column `[B, T, 1]` before the scores: both are stretched into `[B, T, T]`. */
export function columnBeforeScores<B extends Dim, T extends Dim>(scores: Tensor<[B, T, T]>, fallback: Tensor<[B, T, 1]>) {
  const position = arange(scores.shape[1]);
  const causal = position.unsqueeze(1).ge(position.unsqueeze(0));
  // message: SHAPE_IMPLICIT_OUTER: where: both operands are stretched across ranks (an implicit outer broadcast); if that is meant, unsqueeze the lower-rank operand first
  // @shape-error SHAPE_IMPLICIT_OUTER
  return where(causal, fallback, scores);
}

/** Keys of another length than the values under a batch group: `[...Batch, T, T] @ [...Batch, S, D]`. */
export function batchedValuesOfAnotherLength<Batch extends Dim[], T extends Dim, S extends Dim, D extends Dim>(q: Tensor<[...Batch, T, D]>, k: Tensor<[...Batch, T, D]>, v: Tensor<[...Batch, S, D]>) {
  const scores = q.matmul(k.mT);
  // message: SHAPE_MATMUL: matmul: inner dims ${T} vs ${S}; the left's last axis must equal the right's second-to-last, and a type parameter is equal only to itself (transpose one of them?)
  // @shape-error SHAPE_MATMUL
  return scores.matmul(v);
}

/** Two feature maps of different heights under the same batch group: `[...Batch, H, C] + [...Batch, W, C]`. */
export function batchedOtherHeight<Batch extends Dim[], H extends Dim, W extends Dim, C extends Dim>(a: Tensor<[...Batch, H, C]>, b: Tensor<[...Batch, W, C]>) {
  // message: SHAPE_BROADCAST: add: axis -2 is ${H} vs ${W}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return a.add(b);
}

/** Each row's top-k indices gathered from rows of another batch: off the gather axis the index may not be larger. */
export function gatheredFromAnotherBatch<B extends Dim, N extends Dim, C extends Dim>(logits: Tensor<[B, C]>, topk: Tensor<[N, 5]>) {
  // message: SHAPE_GATHER: gather: axis 0 of the index is ${N} but ${B} in x; off the gather axis 1, index may be at most x's size, and a type parameter is equal only to itself
  // @shape-error SHAPE_GATHER
  return gather(logits, 1, topk);
}

/** Two feature maps joined along their height under a batch group, with widths of different parameters. */
export function joinedOtherWidths<Batch extends Dim[], H extends Dim, W extends Dim, V extends Dim>(a: Tensor<[...Batch, H, W]>, b: Tensor<[...Batch, H, V]>) {
  // message: SHAPE_CONCAT: concat: axis -1 is ${W} in tensor 0 but ${V} in tensor 1; only axis -2 may differ, and a type parameter is equal only to itself
  // @shape-error SHAPE_CONCAT
  return concat([a, b], -2);
}

/** Two sequences stacked along a new axis before their features, under a batch group, with features of different parameters. */
export function stackedOtherFeatures<Batch extends Dim[], T extends Dim, D extends Dim, E extends Dim>(a: Tensor<[...Batch, T, D]>, b: Tensor<[...Batch, T, E]>) {
  // message: SHAPE_STACK: stack: axis -1 is ${D} in tensor 0 but ${E} in tensor 1; stacked tensors must have the same shape, and a type parameter is equal only to itself
  // @shape-error SHAPE_STACK
  return stack([a, b], -2);
}

/** A regression loss over a batch group whose targets have another width. */
export function batchedTargetsOfAnotherWidth<Batch extends Dim[], T extends Dim, D extends Dim, E extends Dim>(predictions: Tensor<[...Batch, T, D]>, targets: Tensor<[...Batch, T, E]>) {
  // message: SHAPE_MISMATCH: mseLoss: input and target must have the same shape: axis -1 is ${D} vs ${E} after the same batch group; mseLoss does not broadcast
  // @shape-error SHAPE_MISMATCH
  return mseLoss(predictions, targets);
}

/** A row of width 3 stretched to a column of another tensor's length: 3 cannot become 1, whatever `T` is. */
export function rowStretchedToColumn<T extends Dim>(row: Tensor<[3]>, column: Tensor<[T, 1]>) {
  // message: SHAPE_BROADCAST_TO: broadcastTo: axis -1 is 3 vs 1; only size-1 axes can be stretched
  // @shape-error SHAPE_BROADCAST_TO
  return row.broadcastTo(column.shape);
}

/** A backward pass seeded with an upstream gradient of another width: 3 vs 4 beside the batch parameter. */
export function gradientOfAnotherWidth<B extends Dim>(y: Tensor<[B, 3]>, grad: Tensor<[B, 4]>) {
  // message: SHAPE_GRAD: backward: the upstream gradient has shape [${B}, 4], the tensor [${B}, 3]; give a gradient of the tensor's own shape
  // @shape-error SHAPE_GRAD
  y.backward(grad);
}

/** A layer norm whose weight is sized by the batch, not by the normalized width. */
export function normWeightOfBatch<B extends Dim>(x: Tensor<[B, 4]>, weight: Tensor<[B]>) {
  // message: SHAPE_MISMATCH: layerNorm: weight and normalized shape must have the same shape: axis 0 is ${B} vs 4, and a type parameter is equal only to itself
  // @shape-error SHAPE_MISMATCH
  return layerNorm(x, [4], weight);
}

/** The same over a batch group: the gradient's last axis is 3 where the output's is 4. */
export function batchedGradientOfAnotherWidth<Batch extends Dim[]>(y: Tensor<[...Batch, 4]>, grad: Tensor<[...Batch, 3]>) {
  // message: SHAPE_GRAD: backward: the upstream gradient ends in [3], the tensor in [4], after the same batch group; give a gradient of the tensor's own shape
  // @shape-error SHAPE_GRAD
  y.backward(grad);
}

/** Picks over a batch group whose index has more rows than the scores: 3 rows of picks for 1 row. */
export function picksOfMoreRows<Batch extends Dim[], C extends Dim>(scores: Tensor<[...Batch, 1, C]>, picks: Tensor<[...Batch, 3, 2]>) {
  // message: SHAPE_GATHER: gather: the index ends in [3, 2] but x in [1, ${C}], after the same batch group; off the gather axis -1, index may be at most x's size
  // @shape-error SHAPE_GATHER
  return gather(scores, -1, picks);
}

/** A layer norm over a batch group, normalized over a width the input does not end in. */
export function normalizedOfAnotherWidth<Batch extends Dim[]>(x: Tensor<[...Batch, 3]>) {
  // message: SHAPE_MISMATCH: layerNorm: the normalized shape does not match the input's trailing dims: axis -1 is 3 vs 4
  // @shape-error SHAPE_MISMATCH
  return layerNorm(x, [4]);
}

/** A weight of another height than the input's width, beside the batch parameter: 64 vs 32 is a clash of known sizes. */
export function weightOfAnotherHeight<B extends Dim>(x: Tensor<[B, 64]>, w: Tensor<[32, 10]>) {
  // message: SHAPE_MATMUL: matmul: inner dims 64 vs 32; the left's last axis must equal the right's second-to-last (transpose one of them?)
  // @shape-error SHAPE_MATMUL
  return x.matmul(w);
}

/** A masked fill over a batch group whose fallback ends in another width than the scores. */
export function fallbackOfAnotherWidth<Batch extends Dim[], T extends Dim, S extends Dim>(scores: Tensor<[...Batch, T]>, fallback: Tensor<[...Batch, S]>) {
  // message: SHAPE_BROADCAST: where: axis -1 is ${T} vs ${S}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)
  // @shape-error SHAPE_BROADCAST
  return where(scores.gt(0), scores, fallback);
}

/** A backward pass from a batch of losses not reduced first: `[...Batch, T]` is never a scalar. */
export function unreducedBatchLoss<Batch extends Dim[], T extends Dim>(losses: Tensor<[...Batch, T]>) {
  // message: SHAPE_NOT_SCALAR: backward: needs a scalar, got a shape with at least one axis beside its batch group or unknown rank; reduce it first (sum() or mean())
  // @shape-error SHAPE_NOT_SCALAR
  losses.backward();
}

// Generic code the compiler cannot follow, each an error with a message that says what to write
// instead (asserted by test/generic.test.ts like bugs.ts, under TypeScript 6 and 7 and in the CLI).
// Unlike bugs.ts these run fine with concrete shapes: a type parameter is a name, and a reshape with a
// -1 beside its axis makes a dim the compiler cannot size.
import { rearrange, type Dim, type Shape, type Tensor } from "../../src/index.js";

/** Rows of a `[B, T, 64]` batch for a dense layer: `flatten(0, 1)` says it (`[Product<[B, T]>, 64]`). */
export function mergedBatch<B extends Dim, T extends Dim>(x: Tensor<[B, T, 64]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, ${T}, 64] to [-1, 64]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return x.reshape([-1, 64]);
}

/** A feature map flattened with `-1` beside a kept batch: `flatten(1)` says it (`[B, 784]`). */
export function flattenedFeatures<B extends Dim>(x: Tensor<[B, 16, 7, 7]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, 16, 7, 7] to [${B}, -1]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return x.reshape([x.shape[0], -1]);
}

/**
 * Heads split off the features with `-1`: the `-1` is the element count over the other dims, which
 * holds `B` and `T` (and a `[0, T, 512]` batch leaves it undefined at run time); `unflatten(-1, [8,
 * -1])` counts it within the one axis (`[B, T, 8, 64]`), and so does writing 64 out.
 */
export function headsByMinusOne<B extends Dim, T extends Dim>(x: Tensor<[B, T, 512]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, ${T}, 512] to [${B}, ${T}, 8, -1]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return x.reshape([x.shape[0], x.shape[1], 8, -1]);
}

/** A wrong count between the axes kept in place is a bug, named with its counts. */
export function wrongCount<B extends Dim>(x: Tensor<[B, 28, 28]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${B}, 28, 28] to [${B}, 785]: with the type parameters' axes kept in place, cannot reshape [28, 28] (784 elements) to [785] (785 elements): element counts differ
  // @shape-error SHAPE_RESHAPE
  return x.reshape([x.shape[0], 785]);
}

/** An axis of a whole-shape parameter: its rank is unknown, so `[...Batch, D]` says where the axis is. */
export function softmaxOfAnyShape<S extends Shape>(x: Tensor<S>) {
  // message: SHAPE_AXIS: softmax: axis -1 of a shape whose rank depends on a type parameter; spell out the dims it counts from (Tensor<[...Batch, D]> for the last axes)
  // @shape-error SHAPE_AXIS
  return x.softmax(-1);
}

/** The same for the other axis ops: `unsqueeze` on a whole-shape parameter. */
export function unsqueezedAnyShape<S extends Shape>(x: Tensor<S>) {
  // message: SHAPE_AXIS: unsqueeze: axis 0 of a shape whose rank depends on a type parameter; spell out the dims it counts from (Tensor<[...Batch, D]> for the last axes)
  // @shape-error SHAPE_AXIS
  return x.unsqueeze(0);
}

/** An axis whose dim is a type parameter: the compiler cannot know it is 1 (`x.as([b, 1])` or a type that says 1 can). */
export function squeezedParameterAxis<B extends Dim, T extends Dim>(x: Tensor<[B, T]>) {
  // message: SHAPE_SQUEEZE: squeeze: cannot squeeze axis 1: its dim is a type parameter, which may not be 1; a type parameter is a name, equal only to itself (squeeze only axes whose type is 1)
  // @shape-error SHAPE_SQUEEZE
  return x.squeeze(1);
}

/** A type parameter's axis split into a group: a name has no factors (with a known last axis, `{ h: 8 }` works). */
export function headsOfParameter<B extends Dim, T extends Dim, D extends Dim>(x: Tensor<[B, T, D]>) {
  // message: SHAPE_REARRANGE: rearrange: cannot follow 'b t (h d) -> b h t d' on [${B}, ${T}, ${D}]: a type parameter is a name, which a group cannot split, and a whole-shape parameter has no axes to name; split an axis of known size, or spell the dims out (Tensor<[B, T, 8, 64]>)
  // @shape-error SHAPE_REARRANGE
  void rearrange(x, "b t (h d) -> b h t d", { h: 8 });
}

/** A per-channel vector reshaped to broadcast over `[B, C, H, W]`: the size-1 axes are `unsqueeze`'s to add (`[1, C, 1, 1]`). */
export function channelsForBroadcast<C extends Dim>(gamma: Tensor<[C]>) {
  // message: SHAPE_RESHAPE: reshape: cannot reshape [${C}] to [1, ${C}, 1, 1]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze
  // @shape-error SHAPE_RESHAPE
  return gamma.reshape([1, gamma.shape[0], 1, 1]);
}

/**
 * The type-level API: shapes, dims, errors and the type rule of every shape rule, each named after its
 * runtime function in PascalCase (`broadcastShapes()` ↔ `BroadcastShapes<…>`).
 */
export type { Dim, Shape, IsFixedRank } from "./shape.js";
export type { ShapecheckConfig } from "./config.js";
export type { IsShapeError, CheckArg, ShapeError, ShapeErrorCode } from "./errors.js";
export type { BroadcastShapes, BroadcastToShape, ReductionAxes, BroadcastArgs } from "./ops/broadcast.js";
export type { MatmulShape } from "./ops/matmul.js";
export type { PermuteShape, TransposeShape, SwapaxesShape, MatrixTransposeShape } from "./ops/permute.js";
export type { SqueezeShape } from "./ops/squeeze.js";
export type { UnsqueezeShape } from "./ops/unsqueeze.js";
export type { SliceShape } from "./ops/slice.js";
export type { NarrowShape } from "./ops/narrow.js";
export type { ChunkShape, ChunkSize, SplitShape, UnbindShape } from "./ops/split.js";
export type { TriangularShape } from "./ops/triangular.js";
export type { ReshapeShape, FlattenShape, FlattenRangeShape, UnflattenShape, Product } from "./ops/reshape.js";
export type { ConcatShape } from "./ops/concat.js";
export type { StackShape } from "./ops/stack.js";
export type { RearrangeShape, RearrangeSizes, CheckRearrangeSizes, ReadPattern } from "./ops/rearrange.js";
export type { EinsumShape, ReadEinsum } from "./ops/einsum.js";
export type { ElementwiseShape } from "./ops/elementwise.js";
export type { ReduceShape } from "./ops/reduce.js";
export type { SoftmaxShape } from "./ops/softmax.js";
export type { ArgmaxShape } from "./ops/argmax.js";
export type { IndexSelectShape, GatherShape, EmbeddingShape } from "./ops/indexing.js";
export type { LossShape, LossReduction } from "./ops/loss.js";
export type { WhereShape } from "./ops/where.js";
export type { Conv1dShape, Conv2dShape, Conv1dOptions, Conv2dOptions, ConvShapeOptions } from "./ops/conv.js";
export type { Pool2dShape, Pool2dOptions } from "./ops/pool.js";
export type { AsShape, ScalarOnly, WriteNotScalarMessage } from "./tensor.js";
export type { GradShapeCheck, WriteGradShapeMessage } from "./tensor.js";
export type { NestedShape, NestedArray, NestedNumbers } from "./creation.js";
export type { EqualShapesCheck, TrailingDimsCheck } from "./ops/same-shape.js";
export type { LossOptions, LossOutput, MseLossShape } from "./ops/mse-loss.js";
export type { LayerNormShape } from "./ops/layer-norm.js";
export type { VarianceOptions, VarianceShape } from "./ops/variance.js";

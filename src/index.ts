/**
 * The package root, `shapecheck`: tensors, their ops (each a method and a free function), the shape
 * rules, errors, and the type rules of every op. Importing it installs every op's method on `Tensor`.
 */
export { Tensor } from "./tensor.js";
export { DTYPES, type DType } from "./dtype.js";
export { ShapeError, InputError, InternalError, SHAPE_ERROR_CODES, type ShapeErrorCode } from "./errors.js";
export { noGrad, zeroGrad } from "./autograd.js";
export { SGD, type SGDOptions } from "./optim.js";
export { tensor, zeros, ones, full, arange, fromArray, type TensorOptions } from "./creation.js";
export { randn, rand, manualSeed, Generator, type RandomOptions } from "./random.js";
export { add, sub, mul, div, pow, maximum, minimum, elementwiseShape, type Operand } from "./ops/elementwise.js";
export { neg, exp, log, sqrt, abs, tanh, sigmoid, relu, astype } from "./ops/unary.js";
export { sum, mean, max, min, logsumexp, reduceShape } from "./ops/reduce.js";
export { softmax, logSoftmax, softmaxShape } from "./ops/softmax.js";
export { where, whereShape } from "./ops/where.js";
export { broadcastShapes, broadcastToShape, reductionAxes, broadcastTo } from "./ops/broadcast.js";
export { matmul, matmulShape } from "./ops/matmul.js";
export { permute, transpose, permuteShape, transposeShape } from "./ops/permute.js";
export { squeeze, squeezeShape } from "./ops/squeeze.js";
export { unsqueeze, unsqueezeShape } from "./ops/unsqueeze.js";
export { slice, sliceShape } from "./ops/slice.js";
export { reshape, flatten, reshapeShape, flattenShape } from "./ops/reshape.js";
export { concat, concatShape } from "./ops/concat.js";
export { stack, stackShape } from "./ops/stack.js";

// Types: shapes, errors, and the type rule of every shape rule.
export type { Dim, Shape, IsFixedRank } from "../types/shape.js";
export type { IsShapeError, CheckArg } from "../types/errors.js";
export type { BroadcastShapes, BroadcastToShape, ReductionAxes } from "../types/ops/broadcast.js";
export type { ElementwiseShape } from "../types/ops/elementwise.js";
export type { ReduceShape } from "../types/ops/reduce.js";
export type { SoftmaxShape } from "../types/ops/softmax.js";
export type { WhereShape } from "../types/ops/where.js";
export type { MatmulShape } from "../types/ops/matmul.js";
export type { PermuteShape, TransposeShape } from "../types/ops/permute.js";
export type { SqueezeShape } from "../types/ops/squeeze.js";
export type { UnsqueezeShape } from "../types/ops/unsqueeze.js";
export type { SliceShape } from "../types/ops/slice.js";
export type { ReshapeShape, FlattenShape } from "../types/ops/reshape.js";
export type { ConcatShape } from "../types/ops/concat.js";
export type { StackShape } from "../types/ops/stack.js";
export type { AsShape, ScalarOnly } from "../types/tensor.js";
export type { NestedShape, NestedArray, NestedNumbers } from "../types/creation.js";

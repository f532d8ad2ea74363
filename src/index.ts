/**
 * The package root, `shapecheck`: tensors, their ops (each a method and a free function), the shape
 * rules, errors, and the type rules of every op. Importing it installs every op's method on `Tensor`.
 */
export { Tensor } from "./tensor.js";
export { DTYPES, type DType } from "./dtype.js";
export { ShapeError, InputError, InternalError, SHAPE_ERROR_CODES, type ShapeErrorCode } from "./errors.js";
export { noGrad, zeroGrad } from "./autograd.js";
export { SGD, Adam, AdamW, type SGDOptions, type AdamOptions } from "./optim.js";
export { tensor, zeros, ones, full, arange, fromArray, type TensorOptions } from "./creation.js";
export { randn, rand, manualSeed, RandomGenerator, type RandomOptions } from "./random.js";
export { add, sub, mul, div, pow, maximum, minimum, elementwiseShape, type Operand } from "./ops/elementwise.js";
export { gt, ge, lt, le, eq, ne } from "./ops/elementwise.js";
export { neg, exp, log, sqrt, abs, tanh, sigmoid, relu, astype } from "./ops/unary.js";
export { sum, mean, max, min, logsumexp, reduceShape } from "./ops/reduce.js";
export { softmax, logSoftmax, softmaxShape } from "./ops/softmax.js";
export { argmax, argmin, argmaxShape } from "./ops/argmax.js";
export { indexSelect, gather, embedding, indexSelectShape, gatherShape, embeddingShape } from "./ops/indexing.js";
export { crossEntropy, nllLoss, lossShape, type LossOptions } from "./ops/loss.js";
export { where, whereShape } from "./ops/where.js";
export { broadcastShapes, broadcastToShape, reductionAxes, broadcastTo, configure, type BroadcastingMode } from "./ops/broadcast.js";
export { matmul, matmulShape } from "./ops/matmul.js";
export { permute, transpose, permuteShape, transposeShape, swapaxes, swapaxesShape, matrixTransposeShape } from "./ops/permute.js";
export { squeeze, squeezeShape } from "./ops/squeeze.js";
export { unsqueeze, unsqueezeShape } from "./ops/unsqueeze.js";
export { slice, sliceShape } from "./ops/slice.js";
export { narrow, narrowShape } from "./ops/narrow.js";
export { chunk, split, unbind, chunkShape, splitShape, unbindShape } from "./ops/split.js";
export { tril, triangularShape, triu } from "./ops/triangular.js";
export { reshape, flatten, unflatten, reshapeShape, flattenShape, flattenRangeShape, unflattenShape } from "./ops/reshape.js";
export { concat, concatShape } from "./ops/concat.js";
export { stack, stackShape } from "./ops/stack.js";
export { rearrange, rearrangeShape } from "./ops/rearrange.js";
export { einsum, einsumShape } from "./ops/einsum.js";
export { conv1d, conv2d, conv1dShape, conv2dShape } from "./ops/conv.js";
export { maxPool2d, avgPool2d, pool2dShape } from "./ops/pool.js";
export { mseLoss, mseLossShape } from "./ops/mse-loss.js";
export { layerNorm, layerNormShape } from "./ops/layer-norm.js";
export { variance, std, varianceShape } from "./ops/variance.js";
export { clamp } from "./ops/clamp.js";
export { dropout, type DropoutOptions } from "./ops/dropout.js";
export { saveTensors, loadTensors, type SaveTensorsOptions, type LoadedTensors } from "./safetensors.js";

// Types: shapes, errors, and the type rule of every shape rule — one list, in types/index.ts. (The
// runtime `ShapeError` class exported above is also the `ShapeError<Message>` type.)
export type * from "../types/index.js";

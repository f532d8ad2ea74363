/**
 * The type-level API: shapes, dims, errors and the type rule of every shape rule, each named after its
 * runtime function in PascalCase (`broadcastShapes()` ↔ `BroadcastShapes<…>`).
 */
export type { Dim, Shape, IsFixedRank } from "./shape.js";
export type { IsShapeError, CheckArg, ShapeError, ShapeErrorCode } from "./errors.js";
export type { BroadcastShapes, BroadcastToShape, ReductionAxes, BroadcastArgs } from "./ops/broadcast.js";
export type { MatmulShape } from "./ops/matmul.js";
export type { PermuteShape, TransposeShape } from "./ops/permute.js";
export type { SqueezeShape } from "./ops/squeeze.js";
export type { UnsqueezeShape } from "./ops/unsqueeze.js";
export type { SliceShape } from "./ops/slice.js";

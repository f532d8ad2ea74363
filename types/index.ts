/**
 * The type-level API: shapes, dims, errors and the type rule of every shape rule, each named after its
 * runtime function in PascalCase (`broadcastShapes()` ↔ `BroadcastShapes<…>`).
 */
export type { Dim, Shape, IsFixedRank } from "./shape.js";
export type { IsShapeError, CheckArg, ShapeError, ShapeErrorCode } from "./errors.js";
export type { BroadcastShapes, BroadcastToShape, ReductionAxes, BroadcastArgs } from "./ops/broadcast.js";

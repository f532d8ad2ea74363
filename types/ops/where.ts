/**
 * `where(cond, a, b)` at the type level: the result is the three-way NumPy broadcast of the
 * condition and both branches (a plain number is a scalar, `[]`), folded left as the runtime folds
 * it; the error lands on the branch whose shape makes the fold fail (`a` when `cond` and `a` clash,
 * else `b`). Mirrors src/ops/where.ts.
 */
import type { Shape } from "../shape.js";
import type { ShapeError, ResultShape } from "../errors.js";
import type { BroadcastShapes } from "./broadcast.js";

/**
 * The shape of `where(cond, a, b)`, or the `SHAPE_BROADCAST` error.
 * @example
 * type Out = WhereShape<[3, 1], [4], []>; //=> [3, 4]
 */
export type WhereShape<Cond extends Shape, Left extends Shape, Right extends Shape, Op extends string = "whereShape"> =
  BroadcastShapes<[Cond, Left, Right], Op>;

/** The error to report at `a`: the broadcast of `cond` with `a` when it fails, else `unknown`. */
export type WhereLeftCheck<Cond extends Shape, Left extends Shape, Op extends string = "where"> =
  BroadcastShapes<[Cond, Left], Op> extends infer Out ? ([Out] extends [ShapeError<string>] ? Out : unknown) : never;

/** The error to report at `b`: the three-way broadcast when only `b` makes it fail, else `unknown`. */
export type WhereRightCheck<Cond extends Shape, Left extends Shape, Right extends Shape, Op extends string = "where"> =
  [WhereLeftCheck<Cond, Left, Op>] extends [ShapeError<string>]
    ? unknown
    : WhereShape<Cond, Left, Right, Op> extends infer Out
      ? [Out] extends [ShapeError<string>] ? Out : unknown
      : never;

/** `WhereShape` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type WhereResult<Cond extends Shape, Left extends Shape, Right extends Shape> =
  ResultShape<WhereShape<Cond, Left, Right, "where">>;

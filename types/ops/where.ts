/**
 * `where(cond, a, b)` at the type level: the result is the three-way NumPy broadcast of the
 * condition and both branches (a plain number is a scalar, `[]`), folded left as the runtime folds
 * it; the error lands on the branch whose shape makes the fold fail (`a` when `cond` and `a` clash,
 * else `b`). Mirrors src/ops/where.ts.
 */
import type { Shape } from "../shape.js";
import type { Checked, ShapeError } from "../errors.js";
import type { Exact, FixedRank } from "../internal/dims.js";
import type { BroadcastOperands, BroadcastShapes } from "./broadcast.js";

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

/** `cond` and `a` broadcast, for the tensor op: `[result, check]` (see `BroadcastOperands`). */
type WhereFirst<Cond extends Shape, Left extends Shape> = BroadcastOperands<Cond, Left, "where">;

/**
 * The check on `a` of the tensor op: its broadcast with `cond` (type parameters are names), read from
 * the broadcast's outcome — which for a whole-shape parameter (`where(cond: Tensor<S>, a: Tensor<S>,
 * 0)`) stays unresolved and so is left to the run time. (An identity test of `cond` against `a` first
 * was undecided for `[B, S]` against `[B, T]`, and let that clash through.)
 */
export type WhereTensorLeftCheck<Cond extends Shape, Left extends Shape> = WhereFirst<Cond, Left>[1];

/**
 * The parameter type of `b` in the tensor op (`Param` is its operand type): its broadcast with what
 * `cond` and `a` broadcast to. A scalar passes first. Shapes of fixed rank are broadcast, which
 * decides around type parameters (`[B, T, 1]` against `[B, T, T]`); otherwise `a`'s own shape passes
 * (its broadcast with `cond` is the left check's) — a whole-shape `S` with `S`, `S` — where the
 * broadcast of a whole-shape parameter would stay undecided. That identity test is the parameter
 * type's own last test, not a check inside `Checked`: for variadic shapes that only broadcast
 * (`[...Batch, B, A]` beside `[...Batch, 1, A]`) it stays undecided, and TypeScript then relates the
 * argument to both branches — `Param`, and the broadcast's check, which decides variadic shapes of
 * the same group (a check inside `Checked` reaches `MessageOf`'s `infer` there, and failed: a false
 * error). (Asked first for every shape, the identity test was itself undecided for `[B, T, 1]`
 * against `[B, T, T]` and rejected it.)
 */
export type WhereRightParam<Cond extends Shape, Left extends Shape, Right extends Shape, Param> = [Right] extends readonly [readonly []] // `readonly`: a tuple written on both sides would leave a variadic `Right` undecided
  ? Param
  : [Left, Right] extends readonly [FixedRank, FixedRank] // dims in place: the broadcast decides, around type parameters too
    ? Checked<Param, WhereTensorRightBroadcast<Cond, Left, Right>>
    : WhereOtherRight<WhereTensorRightBroadcast<Cond, Left, Right>, Left, Right, Param>;

/**
 * `WhereRightParam` for shapes not both of fixed rank: `a`'s shape again passes (its broadcast with
 * `cond` is the left check's), else the broadcast's check. The check comes first among the alias's
 * arguments, so that where the identity test stays undecided (`[...Batch, A]` against `[...Batch,
 * B]`) the diagnostic, which prints this alias, shows its message.
 */
type WhereOtherRight<Check, Left extends Shape, Right extends Shape, Param> = Exact<Right> extends Exact<Left> // `a`'s shape again
  ? Param
  : Checked<Param, Check>;

/** The check on `b`: its broadcast with the broadcast of `a` and `cond`. */
type WhereTensorRightBroadcast<Cond extends Shape, Left extends Shape, Right extends Shape> =
  WhereFirst<Cond, Left> extends readonly [infer First extends Shape, unknown] // bound first (TS2589 otherwise), and matched as a pair: a variadic first result (`[...Batch, C, 1]`) bound by index left this undecided
    ? BroadcastOperands<First, Right, "where">[1]
    : never;

/**
 * The branches of `where`'s same-shape overload: `[a, b]` when each is exactly the condition's tensor
 * type (`Self`, type parameters included) or a plain number, else no argument at all — so for any
 * other call that overload does not apply by its arity and the broadcasting one reports (as
 * `SameShapeOperand` for the binary ops). A whole-shape parameter has no axes to line up, so this is
 * how `where(x.gt(0), x, 0)` and `where(mask, a, b)` over `Tensor<S>` are `Tensor<S>`.
 */
export type WhereSameShapeBranches<Self, A, B> = [SameOrScalar<Self, A>, SameOrScalar<Self, B>] extends [true, true] ? [a: A, b: B] : [];
type SameOrScalar<Self, X> = [X] extends [number] ? true : Exact<X> extends Exact<Self> ? true : false;

/**
 * The result shape of the tensor op: the three-way broadcast, computed structurally around type
 * parameters (a clashing axis is `number`; the checks report it). `cond` is broadcast with `a` in
 * the order of the left check (`WhereFirst`), whose outcome this reads, so the pair is walked once
 * per call (it was `a` with `cond`, for a 1 on the left of a type parameter, which `BroadcastDim` now
 * resolves either way round: 405 → 281 instantiations per call). The right check
 * (`WhereRightParam`) reads the same shape.
 */
export type WhereResult<Cond extends Shape, Left extends Shape, Right extends Shape> =
  WhereFirst<Cond, Left> extends readonly [infer First extends Shape, unknown] // matched as a pair: bound by index, a variadic first result (`[...Batch, T, D]`) left this undecided
    ? BroadcastOperands<First, Right, "where">[0]
    : never;

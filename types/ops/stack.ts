/**
 * Stacking at the type level: `StackShape<[A, B, …], Axis>`. Mirrors src/ops/stack.ts rule for rule
 * and message for message.
 *
 * - At least one shape (`SHAPE_STACK`); every shape valid (`SHAPE_INVALID_SHAPE`).
 * - Every shape equals the first: same rank, and every dim equal as a size (`"n+m"` equals `"m+n"`);
 *   a difference is `SHAPE_STACK`, naming the axis, both dims and both tensors. As in NumPy, shapes
 *   are checked before the axis.
 * - `Axis` is the new axis's index in the result, −rank−1 … rank (`SHAPE_AXIS`).
 * - The result is the first shape with a new axis of size "number of shapes" inserted at `Axis`.
 * - Dynamic input degrades to run-time checks: a `number` (or union) dim matches anything and the
 *   result keeps the known side; a shape of unknown rank is checked at run time only (the first
 *   fixed-rank shape stands for "the first shape"; none → `number[]`); a list of unknown length
 *   gives a new axis of size `number`; an `Axis` that is not a literal gives `number[]`.
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError } from "../errors.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { NegativeCount, NormalizeAxis, Predecessor, SplitAt } from "../internal/axes.js";
import type { FixedRank } from "../internal/dims.js";
import type { InvalidSizesMessage, SizeClashHint } from "../internal/symbolic.js";
import type { ErrorOf, Failure, FirstFixed, FirstInvalid, GroupChecks, GroupedOperands, GroupedResult, ListArgs, ListNameChecks, MergeDims, SourceOf, Clash } from "./concat.js";

/** `SHAPE_STACK: stack: cannot stack an empty list: needs at least one tensor`. Mirrors `writeStackEmptyMessage`. */
export type WriteStackEmptyMessage<Op extends string> = `SHAPE_STACK: ${Op}: cannot stack an empty list: needs at least one tensor`;

/**
 * `SHAPE_STACK: stack: cannot stack [2, 3] with [2]: tensor 0 has rank 2 but tensor 1 has rank 1;
 * stacked tensors must have the same shape`. Mirrors `writeStackRankMessage`.
 */
export type WriteStackRankMessage<Op extends string, First extends Shape, S extends Shape, FirstIndex extends number, Index extends number> =
  `SHAPE_STACK: ${Op}: cannot stack ${PrintShape<First>} with ${PrintShape<S>}: tensor ${FirstIndex} has rank ${First["length"]} but tensor ${Index} has rank ${S["length"]}; stacked tensors must have the same shape`;

/**
 * `SHAPE_STACK: stack: cannot stack [2, 3] with [2, 4]: axis 1 is 3 in tensor 0 but 4 in tensor 1;
 * stacked tensors must have the same shape`. Mirrors `writeStackMessage`.
 */
export type WriteStackMessage<
  Op extends string,
  First extends Shape,
  S extends Shape,
  FirstIndex extends number,
  Index extends number,
  At extends number,
  FirstDim extends Dim,
  D extends Dim,
  Kind,
> = `SHAPE_STACK: ${Op}: cannot stack ${PrintShape<First>} with ${PrintShape<S>}: axis ${At} is ${PrintDim<FirstDim>} in tensor ${FirstIndex} but ${PrintDim<D>} in tensor ${Index}; ${SizeClashHint<Kind, FirstDim, D, "stacked tensors must have the same shape">}`;

/** Folds the shapes: each must equal the merged shape so far. */
type StackFold<
  All extends readonly Shape[],
  Op extends string,
  First extends Shape,
  FirstIndex extends number,
  Merged extends readonly Dim[],
  Rest extends readonly Shape[] = All,
  Index extends 0[] = [],
> = Rest extends readonly [infer S extends Shape, ...infer Tail extends readonly Shape[]]
  ? number extends S["length"]
    ? StackFold<All, Op, First, FirstIndex, Merged, Tail, [...Index, 0]>
    : S["length"] extends First["length"]
      ? MergeDims<Merged, S, -1> extends infer Step
        ? Step extends [infer Next extends readonly Dim[]]
          ? StackFold<All, Op, First, FirstIndex, Next, Tail, [...Index, 0]>
          : Step extends Clash<infer At, infer M, infer D, infer Kind>
            ? SourceOf<All, At, Index["length"]> extends infer Source extends number
              ? Failure<Index["length"], ShapeError<WriteStackMessage<Op, All[Source], S, Source, Index["length"], At, M, D, Kind>>>
              : never
            : never
        : never
      : Failure<Index["length"], ShapeError<WriteStackRankMessage<Op, First, S, FirstIndex, Index["length"]>>>
  : Merged;

/** `Dims` with `Value` inserted before index `At`. */
type InsertAt<Dims extends readonly Dim[], At extends number, Value extends Dim> = SplitAt<Dims, At> extends [infer Before extends Shape, infer After extends Shape]
  ? [...Before, Value, ...After]
  : never;

/** The new axis inserted into the merged shape, after the axis check. */
type StackAxis<Merged extends readonly Dim[], First extends Shape, Axis extends number, Count extends number, Op extends string> = number extends Axis
  ? number[]
  : NormalizeAxis<Op, First, Axis, [...First, unknown]> extends infer Index
    ? Index extends ShapeError<string>
      ? Failure<"axis", Index>
      : Index extends number
        ? number extends Index // a union of axes: one of them, known at run time
          ? number[]
          : InsertAt<Merged, Index, Count>
        : never
    : never;

/** The stack of a list of shapes: the result shape, or a `Failure` (`Validate`: see `ConcatResult`). */
export type StackResult<Shapes extends readonly Shape[], Axis extends number, Op extends string, Validate extends boolean = true> = number extends Shapes["length"]
  ? number extends Shapes[number]["length"]
    ? number[]
    : (Validate extends true ? InvalidSizesMessage<Op, Shapes[number]> : never) extends infer Message extends string // a tensor's shape is valid: not validated again (which a type parameter's dim would leave undecided)
      ? [Message] extends [never]
        ? StackAxis<Shapes[number], Shapes[number], Axis, number, Op>
        : Failure<0, ShapeError<Message>>
      : never
  : Shapes extends readonly []
    ? Failure<"list", ShapeError<WriteStackEmptyMessage<Op>>>
    : (Validate extends true ? FirstInvalid<Shapes, Op> : never) extends infer Invalid
      ? [Invalid] extends [never]
        ? ([FirstFixed<Shapes>] extends [never] ? false : FirstFixed<Shapes>) extends [infer FirstIndex extends number, infer First extends Shape, infer After extends readonly Shape[], infer Next extends 0[]]
          ? StackFold<Shapes, Op, First, FirstIndex, First, After, Next> extends infer Merged
            ? [Merged] extends [infer Dims extends readonly Dim[]] // resolves for dims that are type parameters (`[B, 64]`)
              ? StackAxis<Dims, First, Axis, Shapes["length"], Op>
              : Merged
            : never
          : number[]
        : Invalid
      : never;

/**
 * The shape of the stack of `Shapes` along a new axis `Axis` (default 0): the common shape with an
 * axis of size "number of shapes" inserted, or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = StackShape<[[2, 3], [2, 3], [2, 3]], -1>; //=> [2, 3, 3]
 */
export type StackShape<Shapes extends readonly Shape[], Axis extends number = 0, Op extends string = "stackShape"> =
  ErrorOf<StackResult<Shapes, Axis, Op>>;

/** The list argument of a stack: the failing shape (the whole list when it is empty) intersected with its error. */
export type StackArgs<Shapes extends readonly Shape[], Axis extends number, Op extends string> = ListArgs<Shapes, StackResult<Shapes, Axis, Op>>;

/** The name checks of a stack's tensors (`ListNameChecks`): every axis. */
export type StackNameChecks<Shapes extends readonly Shape[], Op extends string> = ListNameChecks<Shapes, -1, "stack", Op>;

/** The list argument of a stack of tensors (`Items`, whose shapes are `Shapes`); see `ConcatTensorsArgs`. */
export type StackTensorsArgs<Items extends readonly unknown[], Shapes extends readonly Shape[], Axis extends number, Op extends string> = ListArgs<
  Items,
  StackOfShapes<Shapes, Axis, Op>,
  [GroupCount<Axis>] extends [never] ? StackNameChecks<Shapes, Op> : StackGroupChecks<Shapes, Axis, Op>
>;

/**
 * How many trailing dims a negative stack axis `-k` counts within (`k − 1`: the new axis is not one of
 * the tensors'), else `never`.
 */
type GroupCount<Axis extends number> = [NegativeCount<Axis>] extends [never] ? never : Predecessor[NegativeCount<Axis> & keyof Predecessor];

/**
 * The rule on tensors' shapes: `StackResult`, or — for shapes with the same variadic group stacked
 * along a negative axis (`[...Batch, T, 64]` twice at -1) — the rule on their trailing dims (the
 * result has the group in front: `[...Batch, T, 64, 2]`).
 */
export type StackOfShapes<Shapes extends readonly Shape[], Axis extends number, Op extends string> = StackResult<GroupedOperands<Shapes, GroupCount<Axis>>, Axis, Op, false>;

/** The name checks of variadic shapes stacked along a negative axis: the same group, then the trailing dims' name checks. */
type StackGroupChecks<Shapes extends readonly Shape[], Axis extends number, Op extends string> = Shapes extends readonly [infer First extends Shape, ...infer Rest extends readonly Shape[]]
  ? [First] extends readonly [FixedRank]
    ? StackNameChecks<Shapes, Op>
    : GroupChecks<First, Rest, GroupCount<Axis>, Axis, "stack", Op>
  : unknown[];

/** The shape of a stack of tensors whose shapes are `Shapes` (`number[]` when it failed; a variadic group stays in front). */
export type StackOfTensors<Shapes extends readonly Shape[], Axis extends number, Op extends string> = GroupedResult<Shapes, GroupCount<Axis>, StackOfShapes<Shapes, Axis, Op>>;

/** The axis argument's check: the `SHAPE_AXIS` error when the axis is out of range, else `unknown`. */
export type StackAxisArg<Shapes extends readonly Shape[], Axis extends number, Op extends string, Validate extends boolean = true> = number extends Shapes["length"] | Axis
  ? StackResult<Shapes, Axis, Op, Validate> extends Failure<"axis", infer Error> ? Error : unknown
  : (Validate extends true ? FirstInvalid<Shapes, Op> : never) extends infer Invalid
    ? [Invalid] extends [never]
      ? ([FirstFixed<Shapes>] extends [never] ? false : FirstFixed<Shapes>) extends [infer FirstIndex extends number, infer First extends Shape, infer After extends readonly Shape[], infer Next extends 0[]]
        ? StackFold<Shapes, Op, First, FirstIndex, First, After, Next> extends Failure
          ? unknown // the shapes are reported first, as at run time
          : NormalizeAxis<Op, First, Axis, [...First, unknown]> extends infer Index
            ? Index extends ShapeError<string>
              ? Index
              : unknown
            : never
        : unknown
      : unknown
    : never;

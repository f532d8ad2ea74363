/**
 * Inserting a size-1 axis at the type level: `UnsqueezeShape<S, Axis>`. Mirrors src/ops/unsqueeze.ts.
 *
 * - `Axis` is the new axis's index in the result, so the valid axes are −rank−1 … rank (negative
 *   axes count from the end of the result); anything else is a `SHAPE_AXIS` error
 *   (types/internal/axes.ts, with rank + 1 positions).
 * - Every dim of `S` (known, symbolic, `number`) is kept as it is.
 * - `S` of unknown rank, or an axis that is not a literal: `number[]`.
 * - A scalar `[]` becomes `[1]` (axis 0 or −1).
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, ResultShape } from "../errors.js";
import type { FixedRank, InvalidShapeMessage } from "../internal/dims.js";
import type { AfterGroup, NegativeCount, NormalizeAxis, Predecessor, SplitTail } from "../internal/axes.js";

/** `S` with a `1` inserted before index `Index` (tail recursion over the rank). */
type Insert<S extends Shape, Index extends number, Acc extends Dim[] = []> = Acc["length"] extends Index
  ? [...Acc, 1, ...S]
  : S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
    ? Insert<Rest, Index, [...Acc, Head]>
    : [...Acc, 1];

/** The unsqueeze of a shape with valid dims. */
export type UnsqueezeChecked<S extends Shape, Axis extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? UnsqueezeFixed<S, Axis, Op>
  : UnsqueezeVariadic<S, Axis, Op>;

/**
 * A negative axis of a variadic shape (`[...Batch, T, D]` at `-1`) counts within its fixed trailing
 * dims: `[group, those dims]`, or `"too short"` where the axis reaches into the group (and
 * `"non-negative"`) — the runtime checks those.
 */
type VariadicSplit<S extends Shape, Axis extends number> = [NegativeCount<Axis>] extends [never]
  ? "non-negative"
  : SplitTail<S, Predecessor[NegativeCount<Axis> & keyof Predecessor]>;

/**
 * The check for a variadic shape: the rule on the fixed trailing dims (a tuple of fixed rank, which
 * TypeScript decides; an error is theirs, printed without the group), or `number[]`.
 */
type UnsqueezeVariadic<S extends Shape, Axis extends number, Op extends string> =
  VariadicSplit<S, Axis> extends readonly [unknown, infer Tail extends Shape] ? UnsqueezeFixed<Tail, Axis, Op> : number[];

/**
 * The result for a variadic shape: the size-1 axis goes into the trailing dims, the group stays in
 * front (`[...Batch, T, D, 1]`). Built from the tail's result, never tested as a whole: a test on a
 * variadic tuple itself stays undecided.
 */
type UnsqueezeVariadicResult<S extends Shape, Axis extends number, Op extends string> =
  VariadicSplit<S, Axis> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, UnsqueezeFixed<Tail, Axis, Op>>
    : number[];

type UnsqueezeFixed<S extends Shape, Axis extends number, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis, [...S, unknown]> extends infer Index
    ? Index extends ShapeError<string>
      ? Index
      : number extends Index
        ? number[]
        : Insert<S, Index & number>
    : never;

/**
 * `S` with a size-1 axis inserted so that it becomes axis `Axis` of the result (−rank−1 … rank), or
 * a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = UnsqueezeShape<[3, 4], 1>; //=> [3, 1, 4]
 * type Last = UnsqueezeShape<["batch", 784], -1>; //=> ["batch", 784, 1]
 */
export type UnsqueezeShape<S extends Shape, Axis extends number, Op extends string = "unsqueezeShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? UnsqueezeWhole<S, Axis, Op>
      : ShapeError<Invalid>
    : never;

/** `UnsqueezeChecked` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type UnsqueezeResult<S extends Shape, Axis extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? ResultShape<UnsqueezeChecked<S, Axis, Op>> // the argument's own check (one evaluation for both)
  : UnsqueezeVariadicResult<S, Axis, Op>;

/** The rule's answer for the whole shape: the error, or the result (a variadic shape's is built after its group). */
type UnsqueezeWhole<S extends Shape, Axis extends number, Op extends string> = [S] extends readonly [FixedRank]
  ? UnsqueezeFixed<S, Axis, Op>
  : UnsqueezeVariadic<S, Axis, Op> extends ShapeError<string>
    ? UnsqueezeVariadic<S, Axis, Op>
    : UnsqueezeVariadicResult<S, Axis, Op>;

/**
 * Removing size-1 axes at the type level: `SqueezeShape<S, Axes?>`. Mirrors src/ops/squeeze.ts rule
 * for rule and message for message.
 *
 * - With axes (one axis or a list; negative axes count from the end): each must be in range and named
 *   once (`SHAPE_AXIS`, types/internal/axes.ts) and have size 1. A known size other than 1, or a
 *   symbolic dim (a name may stand for any size), is a `SHAPE_SQUEEZE` error naming the axis and its
 *   size; a `number`, `string` or union dim is allowed and checked at run time. Those axes are removed.
 * - Without axes: every axis of size 1 is removed. That needs every dim known: if any dim is `number`,
 *   a union or a name (each may be 1 at run time or not), the result's rank is unknown → `number[]`.
 * - `S` of unknown rank, or axes that are not literals: `number[]`.
 * - A scalar `[]` squeezes to `[]` (with axes: out of range); size 0 is not 1 (squeezing it is an error).
 */
import type { Dim, Shape } from "../shape.js";
import type { NamedCheckedArg, ShapeError, ResultShape } from "../errors.js";
import type { FixedRank, InvalidShapeMessage, IsKnownSize, IsSingle } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AfterGroup, NormalizeAxes, PrintAxes, RestateForGroup, SplitForAxes, WithoutAxes, WriteUnknownRankAxisMessage } from "../internal/axes.js";

/** What `squeeze`'s axis argument may be: one axis, a list, or `undefined` for every size-1 axis. */
export type SqueezeAxesArg = number | readonly number[] | undefined;

/**
 * `SHAPE_SQUEEZE: squeeze: cannot squeeze axis 1 of [2, 3]: its size is 3, not 1; only size-1 axes
 * can be removed`. Mirrors `writeSqueezeMessage`.
 */
export type WriteSqueezeMessage<Op extends string, S extends Shape, Axis extends number, D extends Dim> =
  `SHAPE_SQUEEZE: ${Op}: cannot squeeze axis ${Axis} of ${PrintShape<S>}: its size is ${PrintDim<D>}, not 1; ${D extends string ? "a named dim may not be 1 (state its size with .as())" : "only size-1 axes can be removed"}`;

/**
 * `SHAPE_SQUEEZE: squeeze: cannot squeeze axis 1: its dim is a type parameter, which may not be 1; …`
 * — the message of a squeeze that a type parameter keeps undecided (`[B, T]` squeezed at 1). Compile
 * time only: at run time every dim is a number, and `WriteSqueezeMessage` says which.
 */
export type WriteSqueezeNamesMessage<Op extends string, Axes> =
  `SHAPE_SQUEEZE: ${Op}: cannot squeeze axis ${Axes extends number ? Axes : Axes extends readonly number[] ? PrintAxes<Axes> : "?"}: its dim is a type parameter, which may not be 1; a type parameter is a name, equal only to itself (squeeze only axes whose type is 1)`;

/**
 * The axes argument of `squeeze`, as a parameter type: the axes, or the rule's message; where a type
 * parameter keeps the rule undecided, the diagnostic's message is the one that says why — an axis
 * whose dim is a type parameter (`WriteSqueezeNamesMessage`), or an axis of a shape whose rank is a
 * type parameter's (`WriteUnknownRankAxisMessage`).
 */
export type CheckedSqueezeAxes<S extends Shape, Axes extends SqueezeAxesArg, Op extends string> = NamedCheckedArg<
  // unknown rank first, so that where a whole-shape parameter leaves this undecided its message prints first
  ([S] extends readonly [FixedRank] ? false : [S] extends readonly [readonly [...infer _Front extends Shape, unknown]] ? false : true) extends true
    ? WriteUnknownRankAxisMessage<Op, Axes>
    : WriteSqueezeNamesMessage<Op, Axes>,
  Axes,
  SqueezeChecked<S, Axes, Op>
>;

/** Every size-1 axis removed; `number[]` as soon as a dim is not one known size. */
type SqueezeAll<S extends Shape, Acc extends Dim[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? IsKnownSize<Head> extends true
    ? SqueezeAll<Rest, Head extends 1 ? Acc : [...Acc, Head]>
    : number[]
  : Acc;

/** The first of `Indices` (in the order given) whose dim may not be 1, as an error; else `never`. */
type FirstNotOne<Op extends string, S extends Shape, Indices extends readonly number[]> = Indices extends readonly [
  infer Head extends number,
  ...infer Rest extends readonly number[],
]
  ? S[Head] extends infer D extends Dim
    ? [D] extends [1]
      ? Rest extends readonly [] // the last axis: no step more
        ? never
        : FirstNotOne<Op, S, Rest>
      : number extends D
        ? FirstNotOne<Op, S, Rest>
        : string extends D
          ? FirstNotOne<Op, S, Rest>
          : IsSingle<D> extends true
            ? ShapeError<WriteSqueezeMessage<Op, S, Head, D>>
            : FirstNotOne<Op, S, Rest>
    : never
  : never;

/** The squeeze of a shape with valid dims, as the axes argument checks it: for a variadic shape, the squeeze of the trailing dims its negative axes count within (`SqueezeWhole` is the whole shape's). */
export type SqueezeChecked<S extends Shape, Axes extends SqueezeAxesArg, Op extends string> = [S] extends readonly [FixedRank]
  ? SqueezeFixed<S, Axes, Op>
  : SplitForAxes<S, AxesOf<Axes>> extends readonly [unknown, infer Tail extends Shape]
    ? RestateForGroup<SqueezeFixed<Tail, Axes, Op>, Tail>
    : number[];

/** `squeeze`'s result for result types: `SqueezeChecked` gated to a shape; for a variadic shape, the squeezed trailing dims after the group. */
export type SqueezeResult<S extends Shape, Axes extends SqueezeAxesArg, Op extends string> = [S] extends readonly [FixedRank]
  ? ResultShape<SqueezeChecked<S, Axes, Op>> // the argument's own check (one evaluation for both)
  : SplitForAxes<S, AxesOf<Axes>> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
    ? AfterGroup<Prefix, SqueezeFixed<Tail, Axes, Op>>
    : number[];

/** The axes argument as a list (none, every axis, as `[0]`: a variadic shape cannot be squeezed over every axis at compile time). */
type AxesOf<Axes extends SqueezeAxesArg> = [Axes] extends [readonly number[]] ? Axes : [Axes] extends [number] ? [Axes] : [0];

type SqueezeFixed<S extends Shape, Axes extends SqueezeAxesArg, Op extends string> = number extends S["length"]
  ? number[]
  : [Axes] extends [undefined]
    ? SqueezeAll<S>
    : NormalizeAxes<Op, S, [Axes] extends [readonly number[]] ? Axes : [Axes & number]> extends infer Indices
      ? Indices extends ShapeError<string>
        ? Indices
        : Indices extends readonly number[]
          ? number extends Indices["length"]
            ? number[]
            : FirstNotOne<Op, S, Indices> extends infer Error
              ? [Error] extends [never]
                ? WithoutAxes<S, Indices>
                : Error
              : never
          : never
      : never;

/**
 * `S` without its size-1 axes: the axes given (each must have size 1), or every size-1 axis when
 * `Axes` is omitted; or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = SqueezeShape<[1, 3, 1, 4]>; //=> [3, 4]
 * type One = SqueezeShape<["batch", 1, 784], 1>; //=> ["batch", 784]
 */
export type SqueezeShape<S extends Shape, Axes extends SqueezeAxesArg = undefined, Op extends string = "squeezeShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? SqueezeWhole<S, Axes, Op>
      : ShapeError<Invalid>
    : never;

/** The rule's answer for the whole shape: the error, or the result (a variadic shape's is built after its group). */
type SqueezeWhole<S extends Shape, Axes extends SqueezeAxesArg, Op extends string> = [S] extends readonly [FixedRank]
  ? SqueezeFixed<S, Axes, Op>
  : SqueezeChecked<S, Axes, Op> extends ShapeError<string>
    ? SqueezeChecked<S, Axes, Op>
    : SqueezeResult<S, Axes, Op>;

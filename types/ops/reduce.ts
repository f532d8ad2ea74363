/**
 * Reductions at the type level: `ReduceShape<S, Axes, KeepDims>` for `sum mean max min logsumexp`.
 * Mirrors src/ops/reduce.ts rule for rule and message for message.
 *
 * - `Axes` is one axis, a list of axes, or `undefined` (every axis). Negative axes count from the end;
 *   an axis out of range or named twice is a `SHAPE_AXIS` error (types/internal/axes.ts).
 * - Without `KeepDims` the reduced axes are removed; with it they stay as size 1.
 * - `max` and `min` have no identity, so reducing them over an axis of size `0` is an error.
 * - A shape of unknown rank, or axes that are not literals, give `number[]` (the runtime checks);
 *   `number` and symbolic dims are carried through untouched.
 */
import type { Shape } from "../shape.js";
import type { CheckArg, RuntimeDecidesArg, ShapeError } from "../errors.js";
import type { CheckedAxis } from "../internal/axes.js";
import type { NormalizeAxes, SplitTail, TailNeeded, WithoutAxes } from "../internal/axes.js";
import type { FixedRank } from "../internal/dims.js";
import type { PrintShape } from "../internal/print.js";

/** What a reduction's `axis` argument may be: one axis, a list, or `undefined` for every axis. */
export type ReduceAxesArg = number | readonly number[] | undefined;

/** The ops whose reduction has no identity: reducing them over an empty axis is an error. */
export type NoIdentityOp = "max" | "min" | "argmax" | "argmin";

/**
 * `SHAPE_AXIS: max: cannot reduce [0, 3] over axis 0: it has size 0 and max has no identity`.
 * Mirrors `writeEmptyReductionMessage`.
 */
export type WriteEmptyReductionMessage<Op extends string, S extends Shape, Axis extends number> =
  `SHAPE_AXIS: ${Op}: cannot reduce ${PrintShape<S>} over axis ${Axis}: it has size 0 and ${Op} has no identity`;

type AxesList<Axes extends ReduceAxesArg> = [Axes] extends [readonly number[]] ? Axes : [Axes] extends [number] ? [Axes] : [];

/** `[0, 1, …, rank − 1]` for a shape of fixed rank (recursion over the dims, so `never` ends it). */
type AllAxes<S extends Shape, Acc extends number[] = []> = S extends readonly [unknown, ...infer Rest extends Shape]
  ? AllAxes<Rest, [...Acc, Acc["length"]]>
  : Acc;

/** The normalised axes `Axes` select from `S` (every axis for `undefined`), or a `ShapeError`. */
export type ReducedAxes<S extends Shape, Axes extends ReduceAxesArg, Op extends string> = [Axes] extends [undefined]
  ? number extends S["length"]
    ? number[]
    : AllAxes<S>
  : NormalizeAxes<Op, S, AxesList<Axes>>;



/**
 * A reduction over negative axes of a shape whose leading axes are a variadic group
 * (`[...Batch, T, D]` over `-1`): the axes are taken within the fixed trailing dims, the group stays
 * (`[...Batch, T]`, or `[...Batch, T, 1]` with `KeepDims`). `Done` is `[result]`, or `[]` when the
 * axes reach into the group (the runtime checks those).
 */
type ReduceVariadic<S extends Shape, Axes extends readonly number[], KeepDims extends boolean, Op extends string> =
  TailNeeded<Axes> extends infer Count extends 0[]
    ? SplitTail<S, Count["length"]> extends readonly [infer Prefix extends Shape, infer Tail extends Shape]
      ? NormalizeAxes<Op, Tail, Axes> extends infer Indices
        ? Indices extends ShapeError<string>
          ? [number[], Indices]
          : Indices extends readonly number[]
            ? [[...Prefix, ...ReduceKnown<Tail, Indices, KeepDims>], unknown]
            : never
        : never
      : []
    : [];

/** The first of `Indices` (in the order given) whose dim in `S` is exactly 0, else `never`. */
type FirstEmpty<S extends Shape, Indices extends readonly number[]> = Indices extends readonly [infer Head extends number, ...infer Rest extends readonly number[]]
  ? [S[Head]] extends [0]
    ? Head
    : FirstEmpty<S, Rest>
  : never;

/** `FirstEmpty` over every axis: the index of the first dim of `S` that is exactly 0, else `never`. */
type FirstZero<S extends Shape, Index extends 0[] = []> = S extends readonly [infer Head, ...infer Rest extends Shape]
  ? [Head] extends [0]
    ? Index["length"]
    : FirstZero<Rest, [...Index, 0]>
  : never;

type KeepAxes<S extends Shape, Indices extends readonly number[]> = {
  -readonly [K in keyof S]: K extends `${Indices[number]}` ? 1 : S[K];
};

type Unknown<S extends Shape, KeepDims extends boolean> = [KeepDims] extends [true]
  ? number extends S["length"]
    ? number[]
    : { -readonly [K in keyof S]: number }
  : number[];

/**
 * The shape of a reduction of `S` over `Axes` (`undefined`: every axis), keeping the reduced axes as
 * size 1 when `KeepDims` is `true`, or a `SHAPE_AXIS` error whose message is the runtime's.
 * @example
 * type Out = ReduceShape<[2, 3, 4], [0, -1]>; //=> [3]
 * type Kept = ReduceShape<[2, 3, 4], 1, true>; //=> [2, 1, 4]
 */
export type ReduceShape<S extends Shape, Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false, Op extends string = "reduceShape"> =
  [ReduceOutcome<S, Axes, KeepDims, Op, true>[1]] extends [ShapeError<string>] // one test, so an undecided check shows as `ReduceShape<…>`
    ? ReduceOutcome<S, Axes, KeepDims, Op, true>[1]
    : ReduceOutcome<S, Axes, KeepDims, Op, true>[0];

/**
 * The reduction as `[result, check]`: the result shape (`number[]` after an error) and `unknown` or
 * the `ShapeError`. The result is read out by indexing, not by a conditional: that way it resolves
 * around type parameters and variadic groups (`[...Batch]`), where a test on the shape itself would
 * stay undecided. `EmptyCheck` adds max/min's empty-axis check: the check needs it, the result does
 * not (so reducing an axis whose size is a type parameter still has an exact result type).
 */
type ReduceOutcome<S extends Shape, Axes extends ReduceAxesArg, KeepDims extends boolean, Op extends string, EmptyCheck extends boolean> =
  [Axes] extends [undefined]
    ? [KeepDims, EmptyCheck] extends [false, false]
      ? [[], unknown]
      : [S] extends readonly [FixedRank]
        ? ReduceAllFixed<S, KeepDims, Op, EmptyCheck>
        : [Unknown<S, KeepDims>, unknown]
    : [S] extends readonly [FixedRank]
      ? ReduceFixed<S, Axes, KeepDims, Op, EmptyCheck>
      : ReduceVariadic<S, AxesList<Axes>, KeepDims, Op> extends infer Done
        ? Done extends readonly [readonly unknown[], unknown]
          ? Done
          : [Unknown<S, KeepDims>, unknown]
        : never;

/** `ReduceOutcome` for a shape of fixed rank (or of unknown rank). */
type ReduceFixed<S extends Shape, Axes extends ReduceAxesArg, KeepDims extends boolean, Op extends string, EmptyCheck extends boolean> =
  ReducedAxes<S, Axes, Op> extends infer Indices extends readonly number[] // bound with `infer … extends`, not narrowed by a second test:
    ? number extends Indices["length"] //  a narrowed `Indices` would keep the result undecided around type parameters
      ? [Unknown<S, KeepDims>, unknown]
      : [ // the result does not wait for the empty check (it stays undecided where a reduced dim is a type parameter)
          ReduceKnown<S, Indices, KeepDims>,
          [EmptyCheck, Op] extends [true, NoIdentityOp] // `Op` a single one of them, so never for `reduceShape`
            ? [FirstEmpty<S, Indices>] extends [never]
              ? unknown
              : ShapeError<WriteEmptyReductionMessage<Op, S, FirstEmpty<S, Indices>>>
            : unknown,
        ]
    : [number[], ReducedAxes<S, Axes, Op>];

/** `ReduceFixed` with `Axes` omitted: every axis reduced, the result written out at once (`[]`, or all 1s). */
type ReduceAllFixed<S extends Shape, KeepDims extends boolean, Op extends string, EmptyCheck extends boolean> =
  [EmptyCheck, Op] extends [true, NoIdentityOp]
    ? [FirstZero<S>] extends [never]
      ? [AllReduced<S, KeepDims>, unknown]
      : [number[], ShapeError<WriteEmptyReductionMessage<Op, S, FirstZero<S>>>]
    : [AllReduced<S, KeepDims>, unknown];

/** What `ReduceKnown` gives with every axis in `Indices`. */
type AllReduced<S extends Shape, KeepDims extends boolean> = boolean extends KeepDims
  ? Unknown<S, false>
  : KeepDims extends true
    ? { -readonly [K in keyof S]: 1 }
    : [];

type ReduceKnown<S extends Shape, Indices extends readonly number[], KeepDims extends boolean> = boolean extends KeepDims
  ? Unknown<S, false>
  : KeepDims extends true
    ? KeepAxes<S, Indices>
    : WithoutAxes<S, Indices>;

/**
 * The result shape of a reduction, for return types: the rule's shape (exact around type parameters
 * and variadic groups), or `number[]` after an error (see `ResultShape`).
 */
export type ReduceResult<S extends Shape, Axes extends ReduceAxesArg, KeepDims extends boolean, Op extends string> =
  ReduceOutcome<S, Axes, KeepDims, Op, false>[0]; // the outcome `ReduceAxesCheck` computes, once

/**
 * The ops' check of their axes: `ReduceShape` without the test for an empty reduced axis, which the
 * ops that have one (max, min, argmax, argmin) add with `EmptyGuard`.
 */
export type ReduceAxesCheck<S extends Shape, Axes extends ReduceAxesArg, KeepDims extends boolean, Op extends string> = ReduceOutcome<S, Axes, KeepDims, Op, false>[1];

/**
 * The empty-axis test of max, min, argmax and argmin as a parameter type: `Param` (the argument's
 * other checks), or the `SHAPE_AXIS` message where a reduced axis is 0 — on the axis argument when
 * axes are given (`Where` `"axis"`), on the tensor when they are omitted and every axis is reduced
 * (`"tensor"`). A reduced dim that is a type parameter may be any size, as a name may: the runtime
 * checks it (`RuntimeDecidesArg`).
 */
export type EmptyGuard<S extends Shape, Axes extends ReduceAxesArg, Op extends string, Param, Where extends "axis" | "tensor"> = RuntimeDecidesArg<
  S,
  Param,
  EmptyTest<S, Axes, Op, Where>
>;

/** The empty-axis test: `unknown`, or the error. */
type EmptyTest<S extends Shape, Axes extends ReduceAxesArg, Op extends string, Where extends "axis" | "tensor"> = [S] extends readonly [FixedRank]
  ? [Axes] extends [undefined]
    ? Where extends "tensor"
      ? EmptyAt<S, FirstZero<S>, Op>
      : unknown
    : Where extends "axis"
      ? ReducedAxes<S, Axes, Op> extends infer Indices extends readonly number[]
        ? number extends Indices["length"]
          ? unknown
          : EmptyAt<S, FirstEmpty<S, Indices>, Op>
        : unknown
      : unknown
  : unknown;

/** `unknown`, or the empty-reduction error of axis `Axis` (`never`: no empty axis). */
type EmptyAt<S extends Shape, Axis, Op extends string> = [Axis] extends [never] ? unknown : ShapeError<WriteEmptyReductionMessage<Op, S, Axis & number>>;

/**
 * Where a rule's error lands when the axis argument is optional. With the axis given, on the axis
 * (`CheckGivenAxis`); with it omitted (`Axes` is `undefined`) there is no argument to mark, so on the
 * tensor itself — `this` of a method or the first argument of a free function (`CheckOmittedAxis`).
 */
export type CheckGivenAxis<Axes, Result> = [Axes] extends [undefined] ? unknown : CheckArg<Result>;
/** `CheckGivenAxis` as a parameter type (`CheckedArg`): `Axes`, or the message when the rule fails on it. */
export type CheckedGivenAxis<Axes, Result, Op extends string = string> = CheckedAxis<Axes, [Axes] extends [undefined] ? unknown : Result, Op>;

/** See `CheckGivenAxis`. */
export type CheckOmittedAxis<Axes, Result> = [Axes] extends [undefined] ? CheckArg<Result> : unknown;

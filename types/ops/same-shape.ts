/**
 * Equal-shape checks at the type level, for the ops that do not broadcast: `mseLoss` (input and
 * target), `layerNorm` (the normalized shape against the input's trailing dims, and the weight and
 * bias against the normalized shape), and shapecheck/tfjs's losses (with their own message tail). Mirrors src/ops/same-shape.ts message for message.
 *
 * Per axis: the same dim (a type parameter is the same as itself) → fine; `number` on either side →
 * fine (the runtime checks it); anything else — two different known sizes, two different names, a
 * name against a known size — is a `SHAPE_MISMATCH` error naming the axis. A shape of unknown rank is
 * the runtime's to check. A type parameter against a different dim leaves the check undecided, which
 * `CheckArg` accepts: the runtime checks it.
 */
import type { Dim, Shape } from "../shape.js";
import type { CheckedArg, IdentityFirst, ShapeError, Uninferred } from "../errors.js";
import type { Exact, FixedRank, IsKnownSize, KnownDimsMessage, NoTypeParameters, SameDimCheck } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { WriteAsNamesMessage } from "../tensor.js";
import type { SameGroupTails } from "./broadcast.js";
import type { WriteGatherNamesMessage } from "./indexing.js";

/**
 * `SHAPE_MISMATCH: mseLoss: input [8] and target [8, 1] must have the same shape: rank 1 vs 2;
 * mseLoss does not broadcast`. Mirrors `writeSameShapeMessage`.
 */
export type WriteSameShapeMessage<
  Op extends string,
  LeftName extends string,
  Left extends Shape,
  RightName extends string,
  Right extends Shape,
  Detail extends string,
  Tail extends string = `${Op} does not broadcast`,
> = `SHAPE_MISMATCH: ${Op}: ${LeftName} ${PrintShape<Left>} and ${RightName} ${PrintShape<Right>} must have the same shape: ${Detail}; ${Tail}`;

/**
 * `SHAPE_MISMATCH: layerNorm: normalized shape [768] does not match the trailing dims of [8, 512]:
 * axis -1 is 512 vs 768`. Mirrors `writeTrailingShapeMessage`.
 */
export type WriteTrailingShapeMessage<Op extends string, S extends Shape, Normalized extends Shape, Detail extends string> =
  `SHAPE_MISMATCH: ${Op}: normalized shape ${PrintShape<Normalized>} does not match the trailing dims of ${PrintShape<S>}: ${Detail}`;

/** `true` when two dims may be equal at run time without a statement: the same dim, or `number` on a side. */
type DimsAgree<Left extends Dim, Right extends Dim> = Exact<Left> extends Exact<Right>
  ? true
  : number extends Left
    ? true
    : number extends Right
      ? true
      : [Left] extends [Right]
        ? [Right] extends [Left]
          ? true
          : false
        : false;

/** The first axis (from the left) where the dims of two shapes of one rank disagree, as a detail, else `never`. */
type FirstClash<Left extends Shape, Right extends Shape, Index extends 0[] = []> = Left extends readonly [infer L extends Dim, ...infer LeftRest extends Shape]
  ? Right extends readonly [infer R extends Dim, ...infer RightRest extends Shape]
    ? DimsAgree<L, R> extends true
      ? FirstClash<LeftRest, RightRest, [...Index, 0]>
      : `axis ${Index["length"]} is ${PrintDim<L>} vs ${PrintDim<R>}`
    : never
  : never;

/**
 * `unknown` when `Left` and `Right` may be the same shape, else the `SHAPE_MISMATCH` error (rank first,
 * then the first axis that differs). Unknown ranks are the runtime's to check.
 * @example
 * type Ok = EqualShapesCheck<"mseLoss", "input", [8, 1], "target", [8, 1]>; //=> unknown
 */
export type EqualShapesCheck<
  Op extends string,
  LeftName extends string,
  Left extends Shape,
  RightName extends string,
  Right extends Shape,
  Tail extends string = `${Op} does not broadcast`,
> = number extends Left["length"] | Right["length"]
  ? unknown
  : Left["length"] extends Right["length"]
    ? FirstClash<Left, Right> extends infer Detail extends string
      ? [Detail] extends [never]
        ? unknown
        : ShapeError<WriteSameShapeMessage<Op, LeftName, Left, RightName, Right, Detail, Tail>>
      : unknown
    : ShapeError<WriteSameShapeMessage<Op, LeftName, Left, RightName, Right, `rank ${Left["length"]} vs ${Right["length"]}`, Tail>>;

/**
 * `unknown` when the last dims of `S` may equal `Normalized`, else the `SHAPE_MISMATCH` error: the
 * first axis from the end whose dims differ, or `S` having fewer axes. Walks from the end, so a
 * variadic shape (`[...Batch, D]`) is checked on its fixed trailing dims.
 * @example
 * type Ok = TrailingDimsCheck<"layerNorm", ["batch", 768], [768]>; //=> unknown
 */
export type TrailingDimsCheck<Op extends string, S extends Shape, Normalized extends Shape, Rest extends Shape = S, NormalizedRest extends Shape = Normalized, Index extends 0[] = [0]> =
  number extends Normalized["length"]
    ? unknown
    : NormalizedRest extends readonly [...infer NormalizedFront extends Shape, infer N extends Dim]
      ? Rest extends readonly [...infer Front extends Shape, infer D extends Dim]
        ? DimsAgree<D, N> extends true
          ? TrailingDimsCheck<Op, S, Normalized, Front, NormalizedFront, [...Index, 0]>
          : ShapeError<WriteTrailingShapeMessage<Op, S, Normalized, `axis -${Index["length"]} is ${PrintDim<D>} vs ${PrintDim<N>}`>>
        : number extends Rest["length"]
          ? unknown
          : ShapeError<WriteTrailingShapeMessage<Op, S, Normalized, `the input has rank ${S["length"]}, the normalized shape ${Normalized["length"]}`>>
      : unknown;

/**
 * `TrailingDimsCheck`'s identity check around type parameters, from the end: each pair of the input's
 * trailing dim and the normalized shape's by `SameDimCheck` — `unknown` where they are the same dim or
 * known or named (the rule compares those, with the runtime's message); where a type parameter meets
 * another dim (`layerNorm(x, [x.shape[1]])` on `[B, T, D]`, or `[64]` on `[B, D]`), TypeScript cannot
 * decide the pair and holds the argument to `WriteTrailingNamesMessage`. Asked apart from the rule,
 * whose own test accepts what it leaves undecided.
 */
export type TrailingAxesCheck<Op extends string, S extends Shape, Normalized extends Shape> = unknown &
  ([[S, Normalized]] extends [NoTypeParameters] ? unknown : TrailingAxesWalk<Op, S, Normalized, [S] extends readonly [FixedRank] ? false : true>);

/**
 * The walk of `TrailingAxesCheck`, from the end. For a variadic input (`Variadic`), two known sizes
 * that differ are its error too: the rule cannot compare them there (it sees a shape it cannot line
 * up), so without this the argument failed with no message.
 */
type TrailingAxesWalk<Op extends string, S extends Shape, Normalized extends Shape, Variadic extends boolean, Index extends 0[] = [0]> = Normalized extends readonly [
  ...infer NormalizedFront extends Shape,
  infer N extends Dim,
]
  ? [S] extends readonly [readonly [...infer Front extends Shape, infer D extends Dim]] // wrapped: decided for a variadic `[...Batch, D]` too
    ? Exact<D> extends Exact<N>
      ? TrailingAxesWalk<Op, Front, NormalizedFront, Variadic, [...Index, 0]>
      : Variadic extends true
        ? [IsKnownSize<D>, IsKnownSize<N>] extends [true, true]
          ? KnownDimsMessage<WriteTrailingNamesMessage<Op, Index["length"], D, N>>
          : SameDimCheck<WriteTrailingNamesMessage<Op, Index["length"], D, N>, D, N>
        : SameDimCheck<WriteTrailingNamesMessage<Op, Index["length"], D, N>, D, N>
    : unknown
  : unknown;

/**
 * `SHAPE_MISMATCH: layerNorm: the normalized shape does not match the input's trailing dims: axis -1
 * is ${D} vs ${T}, and a type parameter is equal only to itself` — where a type parameter keeps the
 * pair undecided. Compile time only: at run time every dim is a number.
 */
export type WriteTrailingNamesMessage<Op extends string, Axis extends number, D extends Dim, N extends Dim> =
  `SHAPE_MISMATCH: ${Op}: the normalized shape does not match the input's trailing dims: axis -${Axis} is ${D} vs ${N}, and a type parameter is equal only to itself`;

/**
 * The axes of two shapes that must be the same, each by `SameDimCheck` (by index, with no `infer`):
 * `unknown` where each pair is the same dim, or known or named (the rule, `EqualShapesCheck`, compares
 * those with the runtime's message); where a type parameter meets another dim TypeScript cannot decide
 * the pair and holds the argument to its message, `WriteSameShapeNamesMessage`: a type parameter is
 * a name, equal only to itself (`mseLoss` of `[B, D]` and `[T, D]`). Shapes of different or unknown
 * rank are the rule's.
 */
export type SameAxesCheck<Op extends string, LeftName extends string, Left extends Shape, RightName extends string, Right extends Shape> = unknown &
  ([[Left, Right]] extends [NoTypeParameters]
    ? unknown
    : [Left, Right] extends readonly [FixedRank, FixedRank] // decided for a variadic shape (`[...Batch, D]`), whose length is not
      ? Left["length"] extends Right["length"]
        ? SameAxesWalk<Op, LeftName, Left, RightName, Right>
        : unknown
      : SameGroupAxesCheck<Op, LeftName, Left, RightName, Right>);

/**
 * Two shapes with the same variadic group (`[...Batch, B, C]` and `[...Batch, B, A]`): their fixed
 * tails axis by axis, from the end — the rule cannot compare them (it sees shapes of unknown rank),
 * so every pair that is not the same dim (nor `number`) is the message, known sizes included.
 * Other shapes of unknown or variadic rank are the runtime's.
 */
type SameGroupAxesCheck<Op extends string, LeftName extends string, Left extends Shape, RightName extends string, Right extends Shape> =
  SameGroupTails<Left, Right> extends readonly [unknown, infer LeftTail, infer RightTail] ? TailPairsCheck<Op, LeftName, RightName, LeftTail, RightTail> : unknown;

type TailPairsCheck<Op extends string, LeftName extends string, RightName extends string, L, R, At extends 0[] = [], Check = unknown> =
  [L, R] extends readonly [readonly [...infer LRest, infer LDim extends Dim], readonly [...infer RRest, infer RDim extends Dim]]
    ? TailPairsCheck<
        Op,
        LeftName,
        RightName,
        LRest,
        RRest,
        [...At, 0],
        Exact<LDim> extends Exact<RDim>
          ? Check
          : number extends LDim | RDim
            ? Check
            : Check & ShapeError<WriteSameShapeTailMessage<Op, LeftName, RightName, TailAxis[At["length"]], LDim, RDim>>
      >
    : Check;

/** `TailAxis[i]` is `-(i + 1)`. */
type TailAxis = [-1, -2, -3, -4];

/**
 * `SHAPE_MISMATCH: mseLoss: input and target must have the same shape: axis -1 is ${C} vs ${A} after
 * the same batch group; mseLoss does not broadcast` — two variadic shapes whose fixed tails differ.
 * Compile time only: at run time every shape has a rank.
 */
export type WriteSameShapeTailMessage<Op extends string, LeftName extends string, RightName extends string, Axis extends number, L extends Dim, R extends Dim> =
  `SHAPE_MISMATCH: ${Op}: ${LeftName} and ${RightName} must have the same shape: axis ${Axis} is ${PrintDim<L>} vs ${PrintDim<R>} after the same batch group; ${Op} does not broadcast`;

type SameAxesWalk<Op extends string, LeftName extends string, Left extends Shape, RightName extends string, Right extends Shape> = AxisPairsCheck<
  Left,
  Right,
  ["same-shape", Op, LeftName, RightName]
>;

/**
 * Each axis of `Left` against the same axis of `Right` but `Skip`, by `SameDimCheck` (by index, with no
 * `infer`), with the names message `Message` names: `["same-shape", op, left name, right name]`
 * (`WriteSameShapeNamesMessage`), `["as", op]` (`.as()`'s, types/tensor.ts) or `["gather", op,
 * gather axis]` (an index against x off the gather axis, types/ops/indexing.ts). The one walk of the
 * checks that ask two shapes of one rank to be the same dim for dim.
 */
export type AxisPairsCheck<Left extends Shape, Right extends Shape, Message extends readonly string[], Skip extends number = -1, At extends 0[] = [], Check = unknown> =
  At["length"] extends Left["length"] | 32
    ? Check
    : AxisPairsCheck<
        Left,
        Right,
        Message,
        Skip,
        [...At, 0],
        At["length"] extends Skip
          ? Check
          : Check & SameDimCheck<AxisPairMessage<Left, Right, Message, At["length"], Left[At["length"]], Right[At["length"]]>, Left[At["length"]], Right[At["length"]]>
      >;

/** The names message of one axis for `AxisPairsCheck`. */
type AxisPairMessage<Left extends Shape, Right extends Shape, Message extends readonly string[], Axis extends number, L extends Dim, R extends Dim> =
  Message extends readonly ["same-shape", infer Op extends string, infer LeftName extends string, infer RightName extends string]
    ? WriteSameShapeNamesMessage<Op, LeftName, RightName, Axis, L, R>
    : Message extends readonly ["as", infer Op extends string]
      ? WriteAsNamesMessage<Op, Left, Right, Axis, L, R>
      : Message extends readonly ["gather", infer Op extends string, `${infer GatherAxis extends number}`]
        ? WriteGatherNamesMessage<Op, Axis, L, R, GatherAxis>
        : never;

/**
 * The parameter type of an argument that must have another operand's shape exactly (mseLoss's target,
 * tfjs's losses' labels): `Param` where the two shapes are the same type — decided first, so a
 * whole-shape type parameter matches itself, and cheap — else the identity checks (`SameAxesCheck`: a
 * type parameter against another dim, with its names message) and then the rule (`EqualShapesCheck`:
 * known and named dims, the runtime's message). A shape not inferred yet passes (`Uninferred`:
 * `mseLoss`'s `Target` defaults to `never`).
 */
export type SameShapeArg<Param, Op extends string, LeftName extends string, Left extends Shape, RightName extends string, Right extends Shape, Tail extends string = `${Op} does not broadcast`> =
  IdentityFirst<
    Exact<Left> extends Exact<Right> ? unknown : true extends Uninferred<Left> | Uninferred<Right> ? unknown : SameAxesCheck<Op, LeftName, Left, RightName, Right>,
    CheckedArg<Param, Exact<Left> extends Exact<Right> ? unknown : true extends Uninferred<Left> | Uninferred<Right> ? unknown : EqualShapesCheck<Op, LeftName, Left, RightName, Right, Tail>>
  >;

/**
 * `SHAPE_MISMATCH: mseLoss: input and target must have the same shape: axis 0 is ${B} vs ${T}, and a
 * type parameter is equal only to itself` — where a type parameter keeps the pair undecided. Compile
 * time only: at run time every dim is a number.
 */
export type WriteSameShapeNamesMessage<Op extends string, LeftName extends string, RightName extends string, Axis extends number, L extends Dim, R extends Dim> =
  `SHAPE_MISMATCH: ${Op}: ${LeftName} and ${RightName} must have the same shape: axis ${Axis} is ${PrintDim<L>} vs ${PrintDim<R>}, and a type parameter is equal only to itself`;

/**
 * Broadcasting at the type level: `BroadcastShapes`, `BroadcastToShape`, `ReductionAxes`.
 * Mirrors src/ops/broadcast.ts rule for rule and message for message.
 *
 * Per axis (shapes aligned on the right, missing leading axes count as 1):
 * - equal dims → that dim; `1` against anything → the other side;
 * - `number` (dynamic) against anything → no compile error; the known side when it is not 1,
 *   else `number`; the runtime checks it;
 * - two different symbols, or a symbol against a known dim other than 1 → error (state the relation
 *   with `.as()`); two different known dims, neither 1 → error.
 * A union dim (`2 | 3`) is treated like `number`. A shape of unknown rank (`number[]`) broadcasts to
 * `[...number[], …]` keeping what is known of the other side's trailing axes.
 *
 * Type parameters (generic code). A dim that is a type parameter (`B extends Dim`) is a name: equal to
 * itself and to nothing else, not 1, not `number`. Two mechanisms carry that policy, both plain
 * TypeScript semantics rather than tricks:
 * - **Results resolve structurally.** A conditional type resolves in generic code exactly when its
 *   answer holds for every instantiation. The rules ask questions of that kind first — "is this the
 *   same dim?" (`Exact`, see types/internal/dims.ts), "is the other side 1?", "is one side empty?" —
 *   so `[B, 784] + [784]`, `[B, T] + [B, 1]` and `[...Batch, D] + [...Batch, 1]` resolve to
 *   `[B, 784]`, `[B, T]` and `[...Batch, D]`, and hover shows exactly that.
 * - **Checks hold in every branch.** Each axis is checked by its own conditional (`BroadcastAxisCheck`)
 *   with no `infer`. When TypeScript cannot decide it (a type parameter against another one, or
 *   against a known size), it relates the argument to both branches, and the error branch rejects it:
 *   `[B, 3] + [M, 3]` and `[B, T, 64] + [B, 64, T]` are compile errors at the argument, whose text
 *   names the op, the axis and both dims. Where every branch is fine (a type parameter against 1 or
 *   `number`), the call is accepted.
 * Two shapes whose axes cannot be lined up at compile time (a whole-shape parameter `S` against a
 * different shape, variadic prefixes that differ, a result an op could not compute structurally)
 * leave the rule unresolved; the ops' checks index into it (`ElementwiseCheck`), which TypeScript
 * relates through its constraint, so such shapes are checked at run time, like `number[]`.
 *
 * The tensor ops are also strict (`ImplicitOuterCheck`, types/config.ts): operands of different rank
 * that are both stretched are `SHAPE_IMPLICIT_OUTER`. The pure rule `BroadcastShapes` stays
 * NumPy-exact, after putting size expressions in normal form (`"m+n"` → `"n+m"`).
 */
import type { Dim, Shape } from "../shape.js";
import type { CheckArg, ShapeError } from "../errors.js";
import type { Exact, FixedRank, IsSingle, KnownDimsMessage, InvalidShapeMessage, InvalidShapesMessage, NoTypeParameters, SameDimCheck, SwapLastTwo } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { Add } from "../internal/digits.js";
import type { StrictBroadcasting } from "../config.js";
import type { CompareDims, InvalidSizesMessage, NormalizeShape } from "../internal/symbolic.js";

/** Why two dims do not broadcast. */
type ClashKind = "known" | "symbols" | "symbol-known";

/**
 * Why two concrete dims do not broadcast: `"ok"` when they do (equal, a side is 1, `number`), else
 * the kind of clash — `"union-left"`/`"union-right"` when a dim is a union of sizes (`128 | 64`, what
 * inference makes of a generic function's arguments that disagree). One-way broadcasting
 * (`BroadcastToShape`) and the messages use it; one-way broadcasting lets unions through as before.
 */
type AxisKind<Left extends Dim, Right extends Dim> = [Left] extends [Right]
  ? [Right] extends [Left]
    ? "ok"
    : MixedKind<Left, Right>
  : MixedKind<Left, Right>;

type MixedKind<Left extends Dim, Right extends Dim> = [Left] extends [1]
  ? "ok"
  : [Right] extends [1]
    ? "ok"
    : number extends Left
      ? "ok"
      : number extends Right
        ? "ok"
        : IsSingle<Left> extends true
          ? IsSingle<Right> extends true
            ? [Left] extends [string]
              ? [Right] extends [string]
                ? "symbols"
                : "symbol-known"
              : [Right] extends [string]
                ? "symbol-known"
                : "known"
            : "union-right"
          : "union-left";

/**
 * Broadcasts one axis: the result dim. One test answers "the same dim, or a 1 on either side?" and
 * reads off the kept dim, so that it resolves around type parameters on both sides of a 1 (`[B, B]`,
 * `[B, 1]` and `[1, B]` → `B`):
 * - `pair` holds when the two dims are the same or one of them is 1. `Exact` makes it an identity
 *   test, which TypeScript decides for a type parameter against itself or against 1; a test that
 *   asked "is `Left` 1?" first stayed undecided for `[B, 1]` and the other order for `[1, B]`.
 * - `Kept` is what remains of `Left | Right` once the 1s are taken out: inferring `1 | Kept` from
 *   `1 | B` matches the 1s to each other and leaves `B`; from `B` (or `7`) it is that dim; from `1`
 *   alone, nothing is left and TypeScript infers the whole, 1. `Kept` is constrained to `Left | Right`,
 *   not `Dim`: where TypeScript relates a shape with its type parameters stripped of their
 *   constraints, a `Kept` that failed `Dim` would fall back to `Dim` and leave the rule undecided.
 * Asked together, so that for the alias's own parameters (`Left`, `Right`, unrelated) `pair` stays
 * undecided: TypeScript does not settle the rule once for all instantiations (with `Kept` bound to
 * `Left | Right`) but for each pair of dims. A clash gives `number` — the check reports it, and the
 * result carries on with an axis the runtime checks (error recovery).
 */
export type BroadcastDim<Left extends Dim, Right extends Dim> = DimPair<Left, Right> extends BroadcastablePair<Left, Right, infer Kept extends Left | Right>
  ? Kept
  : number extends Left
    ? KnownOrNumber<Right>
    : number extends Right
      ? KnownOrNumber<Left>
      : number;

interface DimPair<Left extends Dim, Right extends Dim> {
  dims: Left | Right;
  pair: Exact<[Left, Right]>;
}

interface BroadcastablePair<Left extends Dim, Right extends Dim, Kept> {
  dims: 1 | Kept;
  pair: Exact<[Left, Left]> | Exact<[Left, 1]> | Exact<[1, Right]>;
}

/** What a dynamic dim broadcasts to against `D`: `D` when it is a known size (not 1), else `number`. */
type KnownOrNumber<D extends Dim> = [D] extends [number] ? (number extends D ? number : IsSingle<D> extends true ? D : number) : number;

/** The hint that ends a clash message. Mirrors `clashHint` in src/ops/broadcast.ts. */
type ClashHint<Kind, Left extends Dim, Right extends Dim, KnownHint extends string> = Kind extends "known"
  ? KnownHint
  : Kind extends "symbols"
    ? "different names may be different sizes (state that they are equal with .as())"
    : `a named dim may not be ${PrintDim<Extract<Left | Right, number>>} (state its size with .as())`;

/**
 * `SHAPE_BROADCAST: add: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal
 * or 1 (unsqueeze adds a size-1 axis)`. Mirrors `writeBroadcastMessage`.
 */
export type WriteBroadcastMessage<
  Op extends string,
  Left extends Shape,
  Right extends Shape,
  Axis extends number,
  LeftDim extends Dim,
  RightDim extends Dim,
  Kind,
  Fix extends TrailingFixSide = "none",
> = `SHAPE_BROADCAST: ${Op}: cannot broadcast ${PrintShape<Left>} with ${PrintShape<Right>}: axis -${Axis} is ${WriteBroadcastDetail<Left, Right, LeftDim, RightDim, Kind, Fix>}`;

/**
 * What follows `axis -k is` in a broadcasting message: `3 vs 4; <hint>`. Shared with matmul, which
 * restates a batch-dim clash for its whole operands (`WriteMatmulBatchMessage`).
 */
export type WriteBroadcastDetail<Left extends Shape, Right extends Shape, LeftDim extends Dim, RightDim extends Dim, Kind, Fix extends TrailingFixSide> =
  `${PrintDim<LeftDim>} vs ${PrintDim<RightDim>}; ${Fix extends "right"
    ? WriteTrailingFixHint<Right>
    : Fix extends "left"
      ? WriteTrailingFixHint<Left>
      : Fix extends "right-swap"
        ? WriteSwapFixHint<Right>
        : Fix extends "left-swap"
          ? WriteSwapFixHint<Left>
          : ClashHint<Kind, LeftDim, RightDim, "each axis must be equal or 1 (unsqueeze adds a size-1 axis)">}`;

/**
 * The message of an axis TypeScript cannot decide because a type parameter is involved:
 * `` SHAPE_BROADCAST: add: axis -2 is ${B} vs ${M}; … `` — the compiler prints the parameters'
 * names in place. Compile time only: at run time every dim is a number.
 */
export type WriteBroadcastNamesMessage<Op extends string, Axis extends number, LeftDim extends Dim, RightDim extends Dim> =
  `SHAPE_BROADCAST: ${Op}: axis -${Axis} is ${LeftDim} vs ${RightDim}; each axis must be equal or 1, and a type parameter is equal only to itself (unsqueeze adds a size-1 axis)`;

/**
 * `SHAPE_BROADCAST: matmul: cannot broadcast the batch dims of [2, 2, 1] and [3, 1, 2]: axis -3 is 2
 * vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)`: a clash among the batch dims
 * (all but the last two axes) restated for the whole operands, whose axis -`Axis` it is.
 * Mirrors `writeMatmulBatchMessage`; matmul exports it as `WriteMatmulBatchMessage`.
 */
export type WriteBatchDimsMessage<Op extends string, Left extends Shape, Right extends Shape, Axis extends number, Detail extends string> =
  `SHAPE_BROADCAST: ${Op}: cannot broadcast the batch dims of ${PrintShape<Left>} and ${PrintShape<Right>}: axis -${Axis} is ${Detail}`;

/**
 * `SHAPE_BROADCAST: add: axis -1 of the right operand is a union of sizes, not one size; …`: a dim
 * that is a union (`128 | 64`) is what TypeScript infers when a generic function is called with
 * arguments that disagree on a type parameter. Compile time only (at run time a dim is a number).
 */
export type WriteUnionDimMessage<Op extends string, Axis extends number, Side extends "left" | "right"> =
  `SHAPE_BROADCAST: ${Op}: axis -${Axis} of the ${Side} operand is a union of sizes, not one size; a generic function was called with arguments that disagree on a dim (make them agree)`;

/** Which operand, given a trailing size-1 axis (or its last two axes swapped), would broadcast (without changing the result's rank). */
export type TrailingFixSide = "left" | "right" | "left-swap" | "right-swap" | "none";

/**
 * The hint when a trailing size-1 axis fixes the clash — the seed's bias of shape `[3]` against
 * `[3, batch]`: `shapes align on the right; unsqueeze(-1) on [3] gives [3, 1], which broadcasts`.
 * Mirrors `writeTrailingFixHint`.
 */
export type WriteTrailingFixHint<Operand extends Shape> =
  `shapes align on the right; unsqueeze(-1) on ${PrintShape<Operand>} gives ${PrintShape<[...Operand, 1]>}, which broadcasts`;

/**
 * The hint when swapping an operand's last two axes fixes the clash — a bias column `[128, 1]` against
 * `["batch", 128]`, or a weight used the wrong way round: `the last two axes look swapped;
 * transpose(-1, -2) on [128, 1] gives [1, 128], which broadcasts`. Mirrors `writeSwapFixHint`.
 */
export type WriteSwapFixHint<Operand extends Shape> =
  `the last two axes look swapped; transpose(-1, -2) on ${PrintShape<Operand>} gives ${PrintShape<SwapLastTwo<Operand>>}, which broadcasts`;

/**
 * The likely fix of a clash, tried in this order: a trailing size-1 axis on the right (else the left)
 * operand, then the right (else the left) operand's last two axes swapped — each only when the other
 * side then broadcasts with it keeping its rank. Mirrors `trailingFix`.
 */
type TrailingFix<Left extends Shape, Right extends Shape> = number extends Left["length"] | Right["length"]
  ? "none"
  : FitsKeepingRank<Left, [...Right, 1], Left["length"]> extends true
    ? "right"
    : FitsKeepingRank<[...Left, 1], Right, Right["length"]> extends true
      ? "left"
      : Right extends readonly [unknown, unknown, ...unknown[]]
        ? FitsKeepingRank<Left, SwapLastTwo<Right>, Left["length"]> extends true
          ? "right-swap"
          : SwapLeft<Left, Right>
        : SwapLeft<Left, Right>;

type SwapLeft<Left extends Shape, Right extends Shape> = Left extends readonly [unknown, unknown, ...unknown[]]
  ? FitsKeepingRank<SwapLastTwo<Left>, Right, Right["length"]> extends true
    ? "left-swap"
    : "none"
  : "none";

type FitsKeepingRank<Left extends Shape, Right extends Shape, Rank extends number> =
  BroadcastPair<Left, Right, "", false> extends readonly [infer Out extends Shape, infer Check]
    ? unknown extends Check
      ? Out["length"] extends Rank
        ? true
        : false
      : false
    : false;

/**
 * What a clash message needs besides the two dims: the op, both shapes, the axis, whether to hint, and
 * — for matmul's batch dims — the whole operands the message restates the clash for.
 */
export type ClashContext = readonly [Op: string, Left: Shape, Right: Shape, Axis: number, Hint: boolean, BatchOf?: readonly [Shape, Shape]];

/**
 * One axis's check: `unknown` when it broadcasts, the error when it does not. `Failed` is `true` once
 * an axis to the right has clashed (only the first clash is reported, as at run time).
 */
type BroadcastAxisCheck<Names extends string, LeftDim extends Dim, RightDim extends Dim, Failed, Context extends ClashContext> = true extends Failed
  ? unknown
  : BroadcastsWith<Names, LeftDim, RightDim, Context>;

/**
 * `true` when two dims are the same dim or one of them is 1, else `false`: an identity test, which
 * TypeScript decides for a type parameter against itself or 1 and leaves undecided against anything
 * else. One alias, so that each pair of dims is tested once for every rule that asks.
 */
type SameOrOne<LeftDim extends Dim, RightDim extends Dim> = Exact<[LeftDim, RightDim]> extends Exact<[LeftDim, LeftDim]> | Exact<[LeftDim, 1]> | Exact<[1, RightDim]> ? true : false;

/**
 * Whether two dims broadcast, as a check with no `infer`: where a type parameter keeps TypeScript from
 * deciding it, the argument is related to both branches and must pass the error branch too, so a type
 * parameter broadcasts only with itself, 1 and `number`. A diagnostic shows this type with `Names`,
 * the message, first.
 */
export type BroadcastsWith<Names extends string, LeftDim extends Dim, RightDim extends Dim, Context extends ClashContext> =
  SameOrOne<LeftDim, RightDim> extends true
    ? unknown
    : number extends LeftDim
      ? unknown
      : number extends RightDim
        ? unknown
        : BroadcastAxisError<KnownDimsMessage<Names>, LeftDim, RightDim, Context>; // reached by two dims that are not type parameters

/**
 * The error of an axis whose dims clash: the runtime's message when the shapes can be printed (every
 * dim known or named); where they hold type parameters it stays this type, whose first argument,
 * `Names`, is the message.
 */
export type BroadcastAxisError<Names extends string, LeftDim extends Dim, RightDim extends Dim, Context extends ClashContext> =
  PrintShape<Context[1]> extends infer LeftText extends string
    ? AxisKind<LeftDim, RightDim> extends infer Kind
      ? Kind extends "ok"
        ? unknown
        : Kind extends `union-${infer Side extends "left" | "right"}`
          ? ShapeError<WriteUnionDimMessage<Context[0], Context[3], Side>>
        : Kind extends ClashKind
          ? Context[5] extends readonly [infer WholeLeft extends Shape, infer WholeRight extends Shape]
            ? ShapeError<WriteBatchDimsMessage<Context[0], WholeLeft, WholeRight, Add<Context[3], 2> & number, WriteBroadcastDetail<Context[1], Context[2], LeftDim, RightDim, Kind, "none">>>
            : ShapeError<WriteBroadcastMessage<Context[0], Context[1], Context[2], Context[3], LeftDim, RightDim, Kind, Context[4] extends true ? TrailingFix<Context[1], Context[2]> : "none">>
          : ShapeError<Names>
      : never
    : never;

/**
 * `true` when this axis clashes (known dims). The same dim or a 1 on either side is decided first, by
 * identity, so that it is `false` around type parameters too (`[N]` with `[N, 1]`: the implicit outer
 * check that follows must not be left behind an undecided flag, or its message would not print);
 * other pairs with a type parameter stay undecided, which the gate tolerates.
 */
type AxisFails<LeftDim extends Dim, RightDim extends Dim> = SameOrOne<LeftDim, RightDim> extends true // the same dim or a 1: decided around type parameters too
  ? false
  : MixedKind<LeftDim, RightDim> extends "ok" ? false : true;

/**
 * Broadcasts two valid shapes: `[result, check]`. The result always resolves to a tuple for shapes
 * that line up (clashing axes become `number`); the check is `unknown`, an error, or — where a type
 * parameter keeps TypeScript from deciding — axis checks that must hold in every branch.
 * `Hint` says whether a failure looks for the trailing-axis fix (off for probes, and for matmul's
 * batch dims).
 */
export type BroadcastPair<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  BatchOf extends readonly [Shape, Shape] | undefined = undefined,
  Strict extends boolean = false,
> = [Right] extends readonly [readonly []]
  ? [Left, unknown]
  : [Left] extends readonly [readonly []]
    ? [Right, unknown]
    : [Left, Right] extends readonly [FixedRank, FixedRank] // equal ranks: no implicit outer broadcast to look for
      ? WalkFixed<Left, Right, Op, Hint, BatchOf, Strict extends true ? (Left["length"] extends Right["length"] ? false : true) : false>
      : [Left] extends readonly [FixedRank]
        ? WalkPair<Left, Right, Op, Hint, BatchOf, Strict>
        : [Right] extends readonly [FixedRank]
          ? WalkPair<Left, Right, Op, Hint, BatchOf, Strict>
          : VariadicPair<Left, Right, Op, Hint, BatchOf>;

/**
 * Walks two shapes right to left, at least one of fixed rank (or of unknown rank). `Acc` holds the
 * result's trailing axes, `Check` the axis checks so far, `Failed` whether an axis has clashed.
 * Both shapes are matched in one test, which TypeScript resolves for a variadic shape
 * (`[...Batch, D]`) too.
 */
type WalkPair<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  BatchOf extends readonly [Shape, Shape] | undefined,
  Strict extends boolean,
  L extends Shape = Left,
  R extends Shape = Right,
  Acc extends Dim[] = [],
  Check = unknown,
  Failed = false,
  StretchedLeft = false,
  StretchedRight = false,
> = [L, R] extends readonly [readonly [...infer LRest extends Shape, infer LDim extends Dim], readonly [...infer RRest extends Shape, infer RDim extends Dim]]
  ? WalkPair<
      Left,
      Right,
      Op,
      Hint,
      BatchOf,
      Strict,
      LRest,
      RRest,
      [BroadcastDim<LDim, RDim>, ...Acc],
      Check & (SameOrOne<LDim, RDim> extends true ? unknown : BroadcastAxisCheck<WriteBroadcastNamesMessage<Op, [0, ...Acc]["length"], LDim, RDim>, LDim, RDim, Failed, [Op, Left, Right, [0, ...Acc]["length"], Hint, BatchOf]>),
      Failed | AxisFails<LDim, RDim>,
      Strict extends true ? StretchedLeft | Stretched<LDim, RDim> : false,
      Strict extends true ? StretchedRight | Stretched<RDim, LDim> : false
    >
  : WalkEnd<Left, Right, Op, Strict, L, R, Acc, Check, Failed, StretchedLeft, StretchedRight>;

/**
 * `WalkPair` for two shapes of fixed rank, the common case: the same steps, with each shape matched
 * on its own (two small tests cost less to instantiate than one test of the pair).
 */
type WalkFixed<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  BatchOf extends readonly [Shape, Shape] | undefined,
  Strict extends boolean,
  L extends Shape = Left,
  R extends Shape = Right,
  Acc extends Dim[] = [],
  Check = unknown,
  Failed = false,
  StretchedLeft = false,
  StretchedRight = false,
> = L extends readonly [...infer LRest extends Shape, infer LDim extends Dim]
  ? R extends readonly [...infer RRest extends Shape, infer RDim extends Dim]
    ? [LRest, RRest] extends readonly [unknown, readonly []] | readonly [readonly [], unknown] // a side used up: end here rather than in one more step
      ? WalkEnd<
          Left,
          Right,
          Op,
          Strict,
          LRest,
          RRest,
          [BroadcastDim<LDim, RDim>, ...Acc],
          Check & (SameOrOne<LDim, RDim> extends true ? unknown : BroadcastAxisCheck<WriteBroadcastNamesMessage<Op, [0, ...Acc]["length"], LDim, RDim>, LDim, RDim, Failed, [Op, Left, Right, [0, ...Acc]["length"], Hint, BatchOf]>),
          Failed | AxisFails<LDim, RDim>,
          Strict extends true ? StretchedLeft | Stretched<LDim, RDim> : false,
          Strict extends true ? StretchedRight | Stretched<RDim, LDim> : false
        >
      : WalkFixed<
          Left,
          Right,
          Op,
          Hint,
          BatchOf,
          Strict,
          LRest,
          RRest,
          [BroadcastDim<LDim, RDim>, ...Acc],
          Check & (SameOrOne<LDim, RDim> extends true ? unknown : BroadcastAxisCheck<WriteBroadcastNamesMessage<Op, [0, ...Acc]["length"], LDim, RDim>, LDim, RDim, Failed, [Op, Left, Right, [0, ...Acc]["length"], Hint, BatchOf]>),
          Failed | AxisFails<LDim, RDim>,
          Strict extends true ? StretchedLeft | Stretched<LDim, RDim> : false,
          Strict extends true ? StretchedRight | Stretched<RDim, LDim> : false
        >
    : WalkEnd<Left, Right, Op, Strict, L, R, Acc, Check, Failed, StretchedLeft, StretchedRight>
  : WalkEnd<Left, Right, Op, Strict, L, R, Acc, Check, Failed, StretchedLeft, StretchedRight>;

/** The end of a walk: one side is used up (or has unknown rank). */
type WalkEnd<Left extends Shape, Right extends Shape, Op extends string, Strict extends boolean, L extends Shape, R extends Shape, Acc extends Dim[], Check, Failed, StretchedLeft, StretchedRight> =
  [L, R] extends readonly [unknown, readonly []] | readonly [readonly [], unknown]
    ? [
        [...L, ...R, ...Acc],
        Strict extends true ? Check & ImplicitOuterCheck<Op, Left, Right, [...L, ...R, ...Acc], L, R, StretchedLeft, StretchedRight, Failed> : Check,
      ]
    : [BroadcastRest<L, R, Acc>, Check];

/**
 * Whether an operand whose dim is `D` is stretched on this axis (`D` is 1, the other side is not 1):
 * decided where both are known, `false` where the axis is the same dim or the other side is 1 (type
 * parameters included), and undecided for 1 against a type parameter — which the check treats as
 * stretched, a type parameter being a name, not 1. Against `number` it is not stretched (the
 * runtime decides).
 */
type Stretched<D extends Dim, Other extends Dim> = Exact<[D, Other]> extends Exact<[D, D]> | Exact<[D, 1]>
  ? false
  : [D] extends [1]
    ? number extends Other
      ? false
      : true
    : false;

/**
 * Whether the lower-rank operand is stretched along the axes it lacks: one of `Extra` is not 1 (nor
 * `number`). Written without `infer`: around a type parameter (`[N]` beside `[N, 1]`) this test stays
 * undecided and TypeScript holds the argument to both outcomes, the error included; with an `infer`
 * it took the test as settled and let `[N] − [N, 1]` through in generic code.
 */
type StretchedAcross<Extra extends Shape> = [Extra[number]] extends [1] ? false : number extends Extra[number] ? false : true;

/**
 * The strict tensor ops' extra check: operands of different rank that are both stretched — an
 * implicit outer broadcast, `[N] − [N, 1]` → `[N, N]` — are `SHAPE_IMPLICIT_OUTER`. `LeftExtra` and
 * `RightExtra` are the axes one operand has beyond the other's rank (one of them is empty). With a
 * clash reported already (`Failed`), nothing more. Written without `infer`: where a type parameter
 * leaves a flag undecided, TypeScript holds the argument to both outcomes.
 */
type ImplicitOuterCheck<Op extends string, Left extends Shape, Right extends Shape, Out extends Shape, LeftExtra extends Shape, RightExtra extends Shape, StretchedLeft, StretchedRight, Failed> =
  true extends Failed
    ? unknown
    : [LeftExtra] extends [readonly []] // wrapped: a distributive test here would keep TypeScript from holding both outcomes
      ? [RightExtra] extends [readonly []]
        ? unknown
        : [StretchedRight] extends [false]
          ? unknown
          : ImplicitOuter<WriteImplicitOuterNamesMessage<Op>, StretchedRight, StretchedLeft | StretchedAcross<RightExtra>, [Op, Left, Right, Out, RightExtra, Left]>
      : [StretchedLeft] extends [false]
        ? unknown
        : ImplicitOuter<WriteImplicitOuterNamesMessage<Op>, StretchedLeft, StretchedRight | StretchedAcross<LeftExtra>, [Op, Left, Right, Out, LeftExtra, Right]>;

type MapToOnes<S extends Shape> = { -readonly [K in keyof S]: 1 };

/**
 * Both operands stretched (each flag not just `false`: some axis stretched) → the error; a diagnostic
 * shows this type, with `Names`, the message, first, where type parameters keep it undecided.
 */
export type ImplicitOuter<Names extends string, HigherStretched, LowerStretched, Context extends readonly [string, Shape, Shape, Shape, Shape, Shape]> =
  [HigherStretched] extends [false] // not `true extends …`: TypeScript's shortcut for a test that is false for
    ? unknown //                       every instantiation would then skip the error branch in generic code
    : [LowerStretched] extends [false]
      ? unknown
      : ImplicitOuterError<Names, Context>;

/** The error, with the runtime's message where the shapes print (no type parameters). */
type ImplicitOuterError<Names extends string, Context extends readonly [string, Shape, Shape, Shape, Shape, Shape]> =
  PrintShape<Context[1]> extends infer LeftText extends string ? ShapeError<WriteImplicitOuterMessage<Context[0], Context[1], Context[2], Context[3], [...MapToOnes<Context[4]>, ...Context[5]]>> : ShapeError<Names>;

/**
 * `SHAPE_IMPLICIT_OUTER: sub: [3] with [4, 1] stretches both operands across ranks into the outer
 * [4, 3]; if that is meant, unsqueeze the lower-rank operand to [1, 3] first`.
 * Mirrors `writeImplicitOuterMessage`.
 */
export type WriteImplicitOuterMessage<Op extends string, Left extends Shape, Right extends Shape, Out extends Shape, LowerUnsqueezed extends Shape> =
  `SHAPE_IMPLICIT_OUTER: ${Op}: ${PrintShape<Left>} with ${PrintShape<Right>} stretches both operands across ranks into the outer ${PrintShape<Out>}; if that is meant, unsqueeze the lower-rank operand to ${PrintShape<LowerUnsqueezed>} first`;

/** The message where type parameters keep the shapes from printing (compile time only). */
export type WriteImplicitOuterNamesMessage<Op extends string> =
  `SHAPE_IMPLICIT_OUTER: ${Op}: both operands are stretched across ranks (an implicit outer broadcast); if that is meant, unsqueeze the lower-rank operand first`;

/**
 * Two shapes of variadic rank (`[...Batch, T, D]` against `[...Batch, 1, D]`): the fixed trailing
 * axes broadcast pairwise, and what precedes them must be the same (`Batch`). The common case, two
 * shapes with the same number (up to 4) of fixed trailing axes after the same group, is taken apart
 * in one test (`SameGroupTails`), which TypeScript decides for a variadic shape; its fixed tails are
 * then walked pairwise and the group put back in front. Walking the whole shapes instead asked at
 * every step whether the rests were already the same, which `[...Batch, B, C]` against
 * `[...Batch, A, C]` left undecided — so the clash of `B` and `A` compiled. Other variadic pairs
 * (groups that differ, tails of different lengths) cannot be lined up at compile time: the axes
 * their walk peels are checked, the rest is left to the run time (see the note at the top).
 */
type VariadicPair<Left extends Shape, Right extends Shape, Op extends string, Hint extends boolean, BatchOf extends readonly [Shape, Shape] | undefined> =
  SameGroupTails<Left, Right> extends readonly [infer Group extends Shape, infer LeftTail, infer RightTail]
    ? TailPair<Left, Right, Op, Hint, BatchOf, Group, LeftTail, RightTail>
    : VariadicWalk<Left, Right, Op, Hint, BatchOf>;

/**
 * `[group, left tail, right tail]` when both shapes are the same group followed by as many fixed
 * axes (1 to 4; the group compared by identity), else `false`. Each split is one test of the pair,
 * which TypeScript decides for variadic shapes (a split asking for more fixed axes than a shape has
 * fails), and the groups it infers are the bare group parameter, whose identity it decides.
 */
export type SameGroupTails<Left extends Shape, Right extends Shape> =
  [Left, Right] extends readonly [readonly [...infer LG extends Shape, infer A3, infer A2, infer A1, infer A0], readonly [...infer RG extends Shape, infer B3, infer B2, infer B1, infer B0]]
    ? SameGroup<LG, RG, [A3, A2, A1, A0], [B3, B2, B1, B0]>
    : [Left, Right] extends readonly [readonly [...infer LG extends Shape, infer A2, infer A1, infer A0], readonly [...infer RG extends Shape, infer B2, infer B1, infer B0]]
      ? SameGroup<LG, RG, [A2, A1, A0], [B2, B1, B0]>
      : [Left, Right] extends readonly [readonly [...infer LG extends Shape, infer A1, infer A0], readonly [...infer RG extends Shape, infer B1, infer B0]]
        ? SameGroup<LG, RG, [A1, A0], [B1, B0]>
        : [Left, Right] extends readonly [readonly [...infer LG extends Shape, infer A0], readonly [...infer RG extends Shape, infer B0]]
          ? SameGroup<LG, RG, [A0], [B0]>
          : false;

type SameGroup<LeftGroup extends Shape, RightGroup extends Shape, LeftTail, RightTail> = Exact<LeftGroup> extends Exact<RightGroup> ? [LeftGroup, LeftTail, RightTail] : false;

/** The fixed tails of two shapes with the same group, broadcast pairwise (checked against the whole shapes), the group in front. */
type TailPair<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  BatchOf extends readonly [Shape, Shape] | undefined,
  Group extends Shape,
  L,
  R,
  Acc extends Dim[] = [],
  Check = unknown,
> = [L, R] extends readonly [readonly [...infer LRest, infer LDim extends Dim], readonly [...infer RRest, infer RDim extends Dim]]
  ? TailPair<Left, Right, Op, Hint, BatchOf, Group, LRest, RRest, [BroadcastDim<LDim, RDim>, ...Acc], Check & VariadicAxisCheck<Op, Left, Right, Hint, BatchOf, LDim, RDim, [0, ...Acc]["length"]>>
  : [[...Group, ...Acc], Check];

/** Two variadic shapes walked from the right until the rests are the same (see `VariadicPair`). */
type VariadicWalk<
  Left extends Shape,
  Right extends Shape,
  Op extends string,
  Hint extends boolean,
  BatchOf extends readonly [Shape, Shape] | undefined,
  L extends Shape = Left,
  R extends Shape = Right,
  Acc extends Dim[] = [],
  Check = unknown,
> = [L, R] extends readonly [readonly [...infer LRest extends Shape, infer LDim extends Dim], readonly [...infer RRest extends Shape, infer RDim extends Dim]]
  ? Exact<LRest> extends Exact<RRest>
    ? [[...LRest, BroadcastDim<LDim, RDim>, ...Acc], Check & VariadicAxisCheck<Op, Left, Right, Hint, BatchOf, LDim, RDim, [0, ...Acc]["length"]>]
    : VariadicWalk<Left, Right, Op, Hint, BatchOf, LRest, RRest, [BroadcastDim<LDim, RDim>, ...Acc], Check & VariadicAxisCheck<Op, Left, Right, Hint, BatchOf, LDim, RDim, [0, ...Acc]["length"]>>
  : [BroadcastRest<L, R, Acc>, Check];

type VariadicAxisCheck<Op extends string, Left extends Shape, Right extends Shape, Hint extends boolean, BatchOf extends readonly [Shape, Shape] | undefined, LDim extends Dim, RDim extends Dim, Axis extends number> =
  BroadcastsWith<WriteBroadcastNamesMessage<Op, Axis, LDim, RDim>, LDim, RDim, [Op, Left, Right, Axis, Hint, BatchOf]>;

/** Maps the dims of a shape broadcast against dims of unknown rank: known sizes other than 1 stay. */
type AgainstUnknown<S extends Shape, Acc extends Dim[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
  ? AgainstUnknown<Rest, [...Acc, [Head] extends [1] ? number : KnownOrNumber<Head>]>
  : Acc;

/** One side has no fixed trailing axis left and the other is not empty: one has unknown rank. */
type BroadcastRest<L extends Shape, R extends Shape, Acc extends Dim[]> = L extends readonly [...infer _, unknown]
  ? [...number[], ...AgainstUnknown<L>, ...Acc]
  : R extends readonly [...infer _, unknown]
    ? [...number[], ...AgainstUnknown<R>, ...Acc]
    : [...number[], ...Acc];

/** Left fold over the operands: `{ shape, checks }`, one check per operand (its clash with the operands before it). */
type BroadcastFold<
  Shapes extends readonly Shape[],
  Op extends string,
  Hint extends boolean,
  Acc extends Shape = [],
  Checks extends unknown[] = [],
> = Shapes extends readonly [infer Head extends Shape, ...infer Tail extends readonly Shape[]]
  ? InvalidSizesMessage<Op, Head> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? BroadcastPair<Acc, NormalizeShape<Head>, Op, Hint> extends readonly [infer Out extends Shape, infer Check]
        ? BroadcastFold<Tail, Op, Hint, Out, [...Checks, Check]>
        : never
      : BroadcastFold<Tail, Op, Hint, number[], [...Checks, ShapeError<Invalid>]>
    : never
  : { shape: Acc; checks: Checks };

/** The first check of `Checks` that is an error, or `never`. */
type FirstError<Checks extends unknown[]> = Checks extends [infer Head, ...infer Rest]
  ? [Head] extends [ShapeError<string>]
    ? Head
    : FirstError<Rest>
  : never;

type FoldResult<Shapes extends readonly Shape[], Op extends string, Hint extends boolean> = number extends Shapes["length"]
  ? { shape: number[]; checks: [] }
  : BroadcastFold<Shapes, Op, Hint>;

/**
 * The NumPy broadcast of any number of shapes (zero shapes → `[]`), or a `ShapeError` whose message
 * is the runtime's. `Hint = false` leaves out the trailing-axis hint (matmul's batch dims use that).
 * @example
 * type Out = BroadcastShapes<[[8, 1, 6, 1], [7, 1, 5]]>; //=> [8, 7, 6, 5]
 */
export type BroadcastShapes<Shapes extends readonly Shape[], Op extends string = "broadcastShapes", Hint extends boolean = true> =
  FoldResult<Shapes, Op, Hint> extends { shape: infer Out; checks: infer Checks extends unknown[] }
    ? [FirstError<Checks>] extends [never]
      ? Out
      : FirstError<Checks>
    : never;

/**
 * The arguments of an n-ary broadcasting call, each intersected with its own check (its clash with
 * the operands before it), so the compiler reports an error at the operand that makes it.
 */
export type BroadcastArgs<Shapes extends readonly Shape[], Op extends string> = {
  [K in keyof Shapes]: Shapes[K] & CheckArg<OperandCheck<FoldResult<Shapes, Op, true>, K>>;
};

/** Operand `K`'s check in a fold. */
type OperandCheck<Folded, K> = Folded extends { checks: infer Checks extends unknown[] } ? (K extends keyof Checks ? Checks[K] : unknown) : unknown;

/**
 * For the tensor ops (shapes already valid): the broadcast of `Left` and `Right` as `[result, check]`.
 * The check goes on the argument, the result into the op's return type. Strict unless the project
 * set `broadcasting: "numpy"` (types/config.ts): an implicit outer broadcast is then an error too;
 * the pure rule `BroadcastShapes` stays NumPy-exact.
 */
export type BroadcastOperands<Left extends Shape, Right extends Shape, Op extends string> = BroadcastPair<Left, Right, Op, true, undefined, StrictBroadcasting>;

// ---------------------------------------------------------------------------------------------
// One-way broadcasting

/**
 * `SHAPE_BROADCAST_TO: broadcastTo: cannot broadcast [3] to [4]: axis -1 is 3 vs 4; only size-1 axes
 * can be stretched`. Mirrors `writeBroadcastToMessage`.
 */
export type WriteBroadcastToMessage<
  Op extends string,
  From extends Shape,
  To extends Shape,
  Axis extends number,
  FromDim extends Dim,
  ToDim extends Dim,
  Kind,
> = `SHAPE_BROADCAST_TO: ${Op}: cannot broadcast ${PrintShape<From>} to ${PrintShape<To>}: axis -${Axis} is ${PrintDim<FromDim>} vs ${PrintDim<ToDim>}; ${ClashHint<Kind, FromDim, ToDim, "only size-1 axes can be stretched">}`;

/** `SHAPE_BROADCAST_TO: op: cannot broadcast [1, 2] to [2]: it has 2 axes, the target 1; …`. */
export type WriteBroadcastToRankMessage<Op extends string, From extends Shape, To extends Shape> =
  `SHAPE_BROADCAST_TO: ${Op}: cannot broadcast ${PrintShape<From>} to ${PrintShape<To>}: it has ${From["length"]} axes, the target ${To["length"]}; broadcasting only adds leading axes`;

type BroadcastToDims<
  From extends Shape,
  To extends Shape,
  Op extends string,
  F extends Shape = From,
  T extends Shape = To,
  Acc extends Dim[] = [],
> = T extends readonly [...infer TRest extends Shape, infer TDim extends Dim]
  ? F extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? Exact<[FDim, TDim]> extends Exact<[TDim, TDim]> | Exact<[1, TDim]> // the same dim, or 1 stretched (a type parameter included)
      ? BroadcastToDims<From, To, Op, FRest, TRest, [TDim, ...Acc]>
      : AxisKind<FDim, TDim> extends infer Kind
      ? Kind extends ClashKind
        ? ShapeError<WriteBroadcastToMessage<Op, From, To, [0, ...Acc]["length"], FDim, TDim, Kind>>
        : BroadcastDim<FDim, TDim> extends infer Out
        ? number extends TDim
          ? BroadcastToDims<From, To, Op, FRest, TRest, [Out & Dim, ...Acc]>
          : [Out] extends [TDim]
            ? BroadcastToDims<From, To, Op, FRest, TRest, [TDim, ...Acc]>
            : number extends Out
              ? BroadcastToDims<From, To, Op, FRest, TRest, [TDim, ...Acc]>
              : ShapeError<WriteBroadcastToMessage<Op, From, To, [0, ...Acc]["length"], FDim, TDim, [FDim] extends [string] ? "symbol-known" : "known">>
          : never
      : never
    : [...T, ...Acc] // `From` is used up (leading axes are added) or has unknown rank (the runtime checks)
  : T extends readonly []
    ? F extends readonly [...infer _, unknown]
      ? ShapeError<WriteBroadcastToRankMessage<Op, From, To>>
      : Acc
    : [...T, ...Acc]; // the target has unknown rank: it stands, the runtime checks

/**
 * One-way broadcast of `From` to `To` (what `broadcastTo`, in-place updates and gradient reduction
 * need): `To`, refined where `To` has `number` and `From` a known size, or a `ShapeError`.
 * @example
 * type Out = BroadcastToShape<[3, 1], [2, 3, 4]>; //=> [2, 3, 4]
 */
export type BroadcastToShape<From extends Shape, To extends Shape, Op extends string = "broadcastToShape"> =
  InvalidShapesMessage<Op, [From, To]> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? BroadcastToDims<From, To, Op>
      : ShapeError<Invalid>
    : never;

/**
 * `BroadcastToShape` of a tensor's shape (valid by construction, not validated again) to `To`,
 * whose dims are validated except those that are the tensor's own aligned dims — so a target written
 * from the tensor's dims (`[x.shape[0], 5, 64]` on `[B, 1, 64]`) resolves around type parameters.
 */
export type BroadcastToOf<From extends Shape, To extends Shape, Op extends string> = number extends From["length"] | To["length"]
  ? BroadcastToShape<From, To, Op>
  : InvalidShapeMessage<Op, MaskKept<From, To>> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? BroadcastToDims<From, To, Op>
      : ShapeError<InvalidShapeMessage<Op, To>>
    : never;

/**
 * `SHAPE_BROADCAST_TO: broadcastTo: axis -2 is ${B} vs ${T}; …` — the message of a one-way broadcast
 * that a type parameter keeps undecided: a dim stretched to, or from, a type parameter other than
 * itself. Compile time only (at run time every dim is a number).
 */
export type WriteBroadcastToNamesMessage<Op extends string, Axis extends number, FromDim extends Dim, ToDim extends Dim> =
  `SHAPE_BROADCAST_TO: ${Op}: axis -${Axis} is ${FromDim} vs ${ToDim}; only size-1 axes can be stretched, and a type parameter is equal only to itself`;

/**
 * `broadcastTo`'s identity check around type parameters, aligned on the right: an axis whose dims are
 * the same (a type parameter with itself included) or whose own dim is 1 is passed over; at the first
 * other axis, two known or named dims end the check (the rule decides them), and a type parameter
 * against anything else is the names message — `[B, 1]` to `[T, 3]`, or `[B, 3]` to `[4, 3]`, which
 * TypeScript cannot decide and so holds the argument to `SameDimCheck`'s message. Asked apart from the
 * rule, like reshape's `ReshapeIdentityCheck`: the rule's own check accepts what it leaves undecided.
 */
export type BroadcastToIdentityCheck<From extends Shape, To extends Shape, Op extends string> = unknown &
  ([[From, To]] extends [NoTypeParameters] ? unknown : number extends From["length"] | To["length"] ? unknown : BroadcastToIdentityWalk<Op, From, To, [0]>);

type BroadcastToIdentityWalk<Op extends string, F extends Shape, T extends Shape, Axis extends 0[], Check = unknown> =
  F extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? T extends readonly [...infer TRest extends Shape, infer TDim extends Dim]
      ? Exact<FDim> extends Exact<TDim>
        ? BroadcastToIdentityWalk<Op, FRest, TRest, [...Axis, 0], Check>
        : [FDim] extends [1]
          ? BroadcastToIdentityWalk<Op, FRest, TRest, [...Axis, 0], Check>
          : BroadcastToIdentityWalk<Op, FRest, TRest, [...Axis, 0], Check & StretchCheck<WriteBroadcastToNamesMessage<Op, Axis["length"], FDim, TDim>, FDim, TDim>>
      : Check
    : Check;

/**
 * One axis of `broadcastTo`'s walk around type parameters, past the same dim and a 1: `SameDimCheck`
 * for a type parameter against another dim, and — since the rule, undecided on such an axis, accepts
 * there (its target's validation cannot decide a type parameter) — two known or named dims that
 * differ too (`3` to `1` beside `B` to `C`): the walk goes on to every axis so that a clash among
 * known dims is an error even when other dims are generic.
 */
type StretchCheck<Message extends string, F extends Dim, T extends Dim> = SameDimCheck<Message, F, T> &
  ([F, T] extends [number | string, number | string] ? (CompareDims<F, T> extends "equal" | "dynamic" ? unknown : KnownDimsMessage<Message>) : unknown);

/**
 * The shape `broadcastTo` gives a tensor of shape `From`: the rule's result without validating the
 * target again — its check (`BroadcastToOf`, on the argument) does that — so that a size-1 axis
 * stretched to a type parameter from another tensor (`[1, 64]` to `[y.shape[0], 64]`) resolves to
 * `[B, 64]`, which a target dim that is a type parameter would keep the validation from deciding.
 */
export type BroadcastToResult<From extends Shape, To extends Shape, Op extends string> = number extends From["length"] | To["length"]
  ? BroadcastToShape<From, To, Op>
  : BroadcastToDims<From, To, Op>;

/** `To` with each dim that is the same as `From`'s aligned one (on the right) replaced by 1. */
type MaskKept<From extends Shape, To extends Shape, Acc extends Dim[] = []> = To extends readonly [...infer TRest extends Shape, infer TDim extends Dim]
  ? From extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? MaskKept<FRest, TRest, [Exact<FDim> extends Exact<TDim> ? 1 : TDim, ...Acc]>
    : [...To, ...Acc]
  : Acc;

// ---------------------------------------------------------------------------------------------
// Gradient reduction

/** Per output axis, right to left: `true` when a gradient is summed over it, `"?"` when unknown. */
type ReducedFlags<From extends Shape, To extends Shape, Acc extends unknown[] = []> = To extends readonly [
  ...infer TRest extends Shape,
  infer TDim extends Dim,
]
  ? From extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? ReducedFlags<FRest, TRest, [number extends FDim ? "?" : [FDim] extends [1] ? ([TDim] extends [1] ? false : number extends TDim ? "?" : true) : false, ...Acc]>
    : From extends readonly []
      ? ReducedFlags<[], TRest, [true, ...Acc]>
      : ["?"]
  : Acc;

type TrueIndices<Flags extends unknown[], Index extends 0[] = [], Acc extends number[] = []> = Flags extends [
  infer Head,
  ...infer Rest,
]
  ? TrueIndices<Rest, [...Index, 0], Head extends true ? [...Acc, Index["length"]] : Acc>
  : Acc;

/**
 * The output axes over which the gradient of an operand of shape `Operand` is summed when it was
 * broadcast to `Out`: prepended axes, and axes stretched from 1 (ascending, TF.js's
 * `getReductionAxes` order). `number[]` when a dynamic dim makes it unknowable.
 * @example
 * type Axes = ReductionAxes<[4, 1, 3], [4, 5, 3]>; //=> [1]
 */
export type ReductionAxes<Operand extends Shape, Out extends Shape> =
  BroadcastToShape<Operand, Out, "reductionAxes"> extends infer Checked
    ? [Checked] extends [ShapeError<string>]
      ? Checked
      : number extends Out["length"] | Operand["length"]
        ? number[]
        : ReducedFlags<Operand, Out> extends infer Flags extends unknown[]
          ? "?" extends Flags[number]
            ? number[]
            : TrueIndices<Flags>
          : never
    : never;

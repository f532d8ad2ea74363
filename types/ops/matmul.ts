/**
 * Matrix product at the type level: `MatmulShape<Left, Right>`, NumPy's `@`. Mirrors
 * src/ops/matmul.ts rule for rule and message for message.
 *
 * - Both operands need at least one axis: a scalar (`[]`) operand is a `SHAPE_MATMUL` error.
 * - A 1-D left operand `[k]` is promoted to `[1, k]`, a 1-D right operand `[k]` to `[k, 1]`, and the
 *   promoted axis is removed from the result: `[k] @ [k]` → `[]`, `[m, k] @ [k]` → `[m]`,
 *   `[k] @ [k, n]` → `[n]`.
 * - The inner dims (the left's last axis, the right's second-to-last) must be equal: two different
 *   known sizes, two different names, or a name against a known size are `SHAPE_MATMUL` errors; a
 *   `number`, `string` or union inner dim is never an error (the runtime checks it).
 * - The batch dims (all but the last two) broadcast with `BroadcastShapes` (types/ops/broadcast.ts);
 *   a clash there is a `SHAPE_BROADCAST` error that names matmul, both operands and the axis.
 * - A shape of unknown rank (`number[]`) gives `[...number[], n]` when the right operand is a matrix
 *   stack `[…, k, n]` of fixed rank, else `number[]`; only a scalar other operand is still an error.
 * - Size 0 is an ordinary size (`[0, 3] @ [3, 0]` → `[0, 0]`; `[2, 0] @ [0, 3]` → `[2, 3]`, all zeros).
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, Uninferred } from "../errors.js";
import type { Exact, FixedRank, IsSingle, KnownDimsMessage, SwapLastTwo } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { InvalidSizesMessage, NormalizeShape } from "../internal/symbolic.js";
import type { BroadcastPair, WriteBatchDimsMessage } from "./broadcast.js";

/**
 * Why two inner dims do not match, or `"ok"` (a `number` or `string` dim is never a mismatch; a union
 * of sizes is `"union"`, see `WriteMatmulUnionMessage`).
 */
type InnerKind<Left extends Dim, Right extends Dim> = number extends Left
  ? "ok"
  : number extends Right
    ? "ok"
    : string extends Left | Right
      ? "ok"
      : IsSingle<Left> extends true
        ? IsSingle<Right> extends true
          ? [Left] extends [Right]
            ? "ok"
            : [Left] extends [string]
              ? [Right] extends [string]
                ? "symbols"
                : "symbol-known"
              : [Right] extends [string]
                ? "symbol-known"
                : "known"
          : "union"
        : "union";

/**
 * The hint that ends an inner-dim message: the likely fix when the right operand holds the left's last
 * dim elsewhere — as its own last axis (a forgotten transpose: `.mT`), or as its first axis at rank 3
 * or more (`transpose()` reversed every axis where `.mT` swaps two) — else what the rule wants.
 * Mirrors `innerHint` in src/ops/matmul.ts.
 */
type InnerHint<Kind, LeftDim extends Dim, RightDim extends Dim, Right extends Shape> = Right extends readonly [...Dim[], Dim, infer Last extends Dim]
  ? Exact<[Last]> extends Exact<[LeftDim]>
    ? `the right's last axis is ${PrintDim<Last>}: .mT (transpose(-1, -2)) on the right gives ${PrintShape<SwapLastTwo<Right>>}`
    : Right extends readonly [infer First extends Dim, unknown, unknown, ...unknown[]]
      ? Exact<[First]> extends Exact<[LeftDim]>
        ? `the right's first axis is ${PrintDim<First>}: if transpose() made it, it reversed every axis; .mT (transpose(-1, -2)) swaps only the last two`
        : RuleHint<Kind, LeftDim, RightDim, Right["length"]>
      : RuleHint<Kind, LeftDim, RightDim, Right["length"]>
  : RuleHint<Kind, LeftDim, RightDim, Right["length"]>;

type RuleHint<Kind, Left extends Dim, Right extends Dim, RightRank extends number> = Kind extends "known"
  ? RightRank extends 1
    ? "the left's last axis must equal the right's length"
    : "the left's last axis must equal the right's second-to-last (transpose one of them?)"
  : Kind extends "symbols"
    ? "different names may be different sizes (state that they are equal with .as())"
    : `a named dim may not be ${PrintDim<Extract<Left | Right, number>>} (state its size with .as())`;

/**
 * `SHAPE_MATMUL: matmul: cannot multiply [2, 3] by [4, 5]: inner dims 3 vs 4; the left's last axis
 * must equal the right's second-to-last (transpose one of them?)`. Mirrors `writeMatmulMessage`.
 */
export type WriteMatmulMessage<
  Op extends string,
  Left extends Shape,
  Right extends Shape,
  LeftDim extends Dim,
  RightDim extends Dim,
  Kind,
> = `SHAPE_MATMUL: ${Op}: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: inner dims ${PrintDim<LeftDim>} vs ${PrintDim<RightDim>}; ${InnerHint<Kind, LeftDim, RightDim, Right>}`;

/**
 * `SHAPE_MATMUL: matmul: cannot multiply [] by [3]: the left operand is a scalar; matmul needs at
 * least one axis on each side (mul scales by a scalar)`. Mirrors `writeMatmulScalarMessage`.
 */
export type WriteMatmulScalarMessage<Op extends string, Left extends Shape, Right extends Shape, Side extends "left" | "right"> =
  `SHAPE_MATMUL: ${Op}: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: the ${Side} operand is a scalar; matmul needs at least one axis on each side (mul scales by a scalar)`;

/**
 * `SHAPE_BROADCAST: matmul: cannot broadcast the batch dims of [2, 2, 1] and [3, 1, 2]: axis -3 is 2
 * vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)`. Mirrors `writeMatmulBatchMessage`
 * (written once, in types/ops/broadcast.ts, where the batch dims are checked).
 */
export type WriteMatmulBatchMessage<Op extends string, Left extends Shape, Right extends Shape, Axis extends number, Detail extends string> =
  WriteBatchDimsMessage<Op, Left, Right, Axis, Detail>;

/**
 * The message of inner dims TypeScript cannot compare because a type parameter is involved:
 * `` SHAPE_MATMUL: matmul: inner dims ${T} vs 64; … `` (compile time only).
 */
export type WriteMatmulNamesMessage<Op extends string, LeftDim extends Dim, RightDim extends Dim> =
  `SHAPE_MATMUL: ${Op}: inner dims ${LeftDim} vs ${RightDim}; the left's last axis must equal the right's second-to-last, and a type parameter is equal only to itself (transpose one of them?)`;

/**
 * `SHAPE_MATMUL: matmul: an inner dim is a union of sizes, not one size; …` (compile time only: see
 * `WriteUnionDimMessage`).
 */
export type WriteMatmulUnionMessage<Op extends string> =
  `SHAPE_MATMUL: ${Op}: an inner dim is a union of sizes, not one size; a generic function was called with arguments that disagree on a dim (make them agree)`;

/**
 * The inner-dim check, with no `infer`: where a type parameter keeps TypeScript from deciding it, the
 * argument must pass every branch, so a type parameter matches only itself (and `number`, `string`, a
 * union: those are the runtime's to check). A diagnostic shows this type with `Names` first.
 */
export type InnerDimsMatch<Names extends string, LeftDim extends Dim, RightDim extends Dim, Context extends readonly [string, Shape, Shape]> =
  Exact<[LeftDim]> extends Exact<[RightDim]>
    ? unknown
    : number extends LeftDim
      ? unknown
      : number extends RightDim
        ? unknown
        : InnerDimsError<KnownDimsMessage<Names>, LeftDim, RightDim, Context>; // reached by two dims that are not type parameters

/** The inner-dim error: the runtime's message where the operands print (no type parameters), else `Names`. */
type InnerDimsError<Names extends string, LeftDim extends Dim, RightDim extends Dim, Context extends readonly [string, Shape, Shape]> =
  PrintShape<Context[1]> extends infer LeftText extends string
    ? InnerKind<LeftDim, RightDim> extends infer Kind
      ? Kind extends "ok"
        ? unknown
        : Kind extends "union"
          ? ShapeError<WriteMatmulUnionMessage<Context[0]>>
          : ShapeError<WriteMatmulMessage<Context[0], Context[1], Context[2], LeftDim, RightDim, Kind>>
      : never
    : ShapeError<Names>;

type Inner<Op extends string, Left extends Shape, Right extends Shape, LeftDim extends Dim, RightDim extends Dim> =
  InnerDimsMatch<WriteMatmulNamesMessage<Op, LeftDim, RightDim>, LeftDim, RightDim, [Op, Left, Right]>;

/**
 * The result when the inner dims match, `number[]` when they clash (error recovery: the mistake is
 * reported once, at the argument). Asked in a form that resolves for a type parameter against
 * itself or `number`, so generic results stay exact.
 */
type InnerResult<LeftDim extends Dim, RightDim extends Dim, Out extends Shape> =
  Exact<[LeftDim, RightDim]> extends Exact<[LeftDim, LeftDim]> | Exact<[number, RightDim]> | Exact<[LeftDim, number]>
    ? Out
    : InnerKind<LeftDim, RightDim> extends "ok"
      ? Out
      : number[];

/** The inner-dim check, and the batch dims' only when the inner dims match (one error per call, as at run time). */
type InnerFirst<InnerCheck, BatchCheck> = [InnerCheck] extends [ShapeError<string>] ? InnerCheck : InnerCheck & BatchCheck;

/**
 * The batch dims (all but the last two axes) broadcast: `[dims, check]`. For operands of fixed rank:
 * no batch dims on one side resolve as the other's, then the broadcasting walk (its per-axis checks
 * hold around type parameters), whose clash message is restated for the whole operands. For variadic
 * operands (`[...Batch, T, D] @ [...Batch, D, E]`) the same group on both sides is asked first, by
 * identity: the group alone (`Batch`, as the operands' patterns give it) is neither known to be empty
 * nor of fixed rank, so the other tests stayed undecided there and left the result unevaluated.
 */
type BatchDims<Op extends string, Left extends Shape, Right extends Shape, LeftBatch extends Shape, RightBatch extends Shape> =
  [Left, Right] extends readonly [FixedRank, FixedRank]
    ? FixedBatchDims<Op, Left, Right, LeftBatch, RightBatch>
    : Exact<LeftBatch> extends Exact<RightBatch> // the same variadic group on both sides (`[...Batch, T, D] @ [...Batch, D, E]`): as it is —
      ? [LeftBatch, unknown] //                     decided first, for the group alone is neither known to be empty nor of fixed rank
      : FixedBatchDims<Op, Left, Right, LeftBatch, RightBatch>;

/** `BatchDims` past the shared-group case. */
type FixedBatchDims<Op extends string, Left extends Shape, Right extends Shape, LeftBatch extends Shape, RightBatch extends Shape> =
  [LeftBatch, RightBatch] extends readonly [unknown, readonly []] | readonly [readonly [], unknown]
    ? [[...LeftBatch, ...RightBatch], unknown]
    : [LeftBatch, RightBatch] extends readonly [FixedRank, FixedRank] // fixed ranks: the walk (its per-axis checks hold around type parameters)
      ? BroadcastPair<LeftBatch, RightBatch, Op, false, [Left, Right]>
      : Exact<LeftBatch> extends Exact<RightBatch> // a variadic group (`Batch` against `Batch`): as it is; an identity
        ? [LeftBatch, unknown] //                     test between fixed-rank batches would leave a clash (`[B]` against
        : BroadcastPair<LeftBatch, RightBatch, Op, false, [Left, Right]>; //  `[C]`) undecided, which the argument accepts

/**
 * For the tensor op (shapes already valid): `[result, check]` of `Left @ Right`. The result resolves
 * structurally around type parameters (`[B, 784] @ [784, 128]` is `[B, 128]`); the check goes on the
 * argument. Operands of fixed rank or with fixed trailing axes (`[...Batch, T, D]`) are walked.
 * Matrices (two axes or more) are matched first: they are the common case, and a pattern that fails
 * costs about as much to test as one that matches.
 */
export type MatmulOperands<Left extends Shape, Right extends Shape, Op extends string> = Uninferred<Right> extends true
  ? [number[], unknown]
  : [Right] extends readonly [readonly [infer RightInner extends Dim, infer Columns extends Dim]] // a matrix on the right (a weight): `[...Front, k] @ [k, n]` is `[...Front, n]` for a vector and a stack alike
    ? [Left] extends readonly [readonly [...infer Front extends Shape, infer LeftInner extends Dim]]
      ? [InnerResult<LeftInner, RightInner, [...Front, Columns]>, Inner<Op, Left, Right, LeftInner, RightInner>]
      : MatmulUnknownRank<Left, Right, Op>
    : MatmulStacks<Left, Right, Op>;

/** `MatmulOperands` when the right operand is not a single matrix. */
type MatmulStacks<Left extends Shape, Right extends Shape, Op extends string> =
  [Left] extends readonly [readonly [...infer LeftBatch extends Shape, infer Rows extends Dim, infer LeftInner extends Dim]]
    ? [Right] extends readonly [readonly [...infer RightBatch extends Shape, infer RightInner extends Dim, infer Columns extends Dim]]
      ? BatchDims<Op, Left, Right, LeftBatch, RightBatch> extends readonly [infer Batch extends Shape, infer BatchCheck]
        ? [InnerResult<LeftInner, RightInner, [...Batch, Rows, Columns]>, InnerFirst<Inner<Op, Left, Right, LeftInner, RightInner>, BatchCheck>]
        : never
      : [Right] extends readonly [readonly [infer RightInner extends Dim]]
        ? [InnerResult<LeftInner, RightInner, [...LeftBatch, Rows]>, Inner<Op, Left, Right, LeftInner, RightInner>]
        : MatmulUnknownRank<Left, Right, Op>
    : [Left] extends readonly [readonly [infer LeftInner extends Dim]]
      ? [Right] extends readonly [readonly [...infer RightBatch extends Shape, infer RightInner extends Dim, infer Columns extends Dim]]
        ? [InnerResult<LeftInner, RightInner, [...RightBatch, Columns]>, Inner<Op, Left, Right, LeftInner, RightInner>]
        : [Right] extends readonly [readonly [infer RightInner extends Dim]]
          ? [InnerResult<LeftInner, RightInner, []>, Inner<Op, Left, Right, LeftInner, RightInner>]
          : MatmulUnknownRank<Left, Right, Op>
      : MatmulUnknownRank<Left, Right, Op>;

/**
 * A scalar, or an operand of unknown rank: `[result, check]`. Only a scalar is known to be wrong;
 * `number[]` gives `[...number[], n]` when the right operand is a matrix stack `[…, k, n]` of fixed
 * rank, else `number[]`.
 */
type MatmulUnknownRank<Left extends Shape, Right extends Shape, Op extends string> = [Left] extends [readonly []]
  ? [number[], ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "left">>]
  : [Right] extends [readonly []]
    ? [number[], ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "right">>]
    : number extends Right["length"]
      ? [number[], unknown]
      : Right extends readonly [unknown, unknown, ...unknown[]]
        ? Right extends readonly [...Shape, infer Columns extends Dim]
          ? [[...number[], Columns], unknown]
          : [number[], unknown]
        : [number[], unknown];



/**
 * The shape of `Left @ Right` (NumPy's `matmul`: 1-D operands promoted and the promoted axis removed,
 * batch dims broadcast), or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = MatmulShape<[8, 1, 3, 4], [5, 4, 2]>; //=> [8, 5, 3, 2]
 * type Vec = MatmulShape<[3, 4], [4]>; //=> [3]
 */
export type MatmulShape<Left extends Shape, Right extends Shape, Op extends string = "matmulShape"> =
  ([InvalidSizesMessage<Op, Left>] extends [never] ? InvalidSizesMessage<Op, Right> : InvalidSizesMessage<Op, Left>) extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? MatmulChecked<NormalizeShape<Left>, NormalizeShape<Right>, Op>
      : ShapeError<Invalid>
    : never;

/**
 * `MatmulShape` for operands whose dims are already valid (a tensor's shape): the result, or the error.
 */
export type MatmulChecked<Left extends Shape, Right extends Shape, Op extends string> =
  MatmulOperands<Left, Right, Op> extends readonly [infer Out, infer Check]
    ? [Check] extends [ShapeError<string>]
      ? Check
      : Out
    : never;

/** The result shape of the tensor op, for return types (an axis whose check fails carries on). */
export type MatmulResult<Left extends Shape, Right extends Shape, Op extends string> =
  MatmulOperands<Left, Right, Op>[0];

/** The check on the tensor op's argument (see `ElementwiseCheck`). */
export type MatmulCheck<Left extends Shape, Right extends Shape, Op extends string> = MatmulOperands<Left, Right, Op>[1];

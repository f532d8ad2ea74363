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
import type { ShapeError, ResultShape } from "../errors.js";
import type { InvalidShapesMessage, IsSingle } from "../internal/dims.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { Add } from "../internal/digits.js";
import type { BroadcastShapes } from "./broadcast.js";

/** Why two inner dims do not match, or `"ok"` (a `number`, `string` or union dim is never a mismatch). */
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
          : "ok"
        : "ok";

/** The hint that ends an inner-dim message. Mirrors `innerHint` in src/ops/matmul.ts. */
type InnerHint<Kind, Left extends Dim, Right extends Dim, RightRank extends number> = Kind extends "known"
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
> = `SHAPE_MATMUL: ${Op}: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: inner dims ${PrintDim<LeftDim>} vs ${PrintDim<RightDim>}; ${InnerHint<Kind, LeftDim, RightDim, Right["length"]>}`;

/**
 * `SHAPE_MATMUL: matmul: cannot multiply [] by [3]: the left operand is a scalar; matmul needs at
 * least one axis on each side (mul scales by a scalar)`. Mirrors `writeMatmulScalarMessage`.
 */
export type WriteMatmulScalarMessage<Op extends string, Left extends Shape, Right extends Shape, Side extends "left" | "right"> =
  `SHAPE_MATMUL: ${Op}: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: the ${Side} operand is a scalar; matmul needs at least one axis on each side (mul scales by a scalar)`;

/**
 * `SHAPE_BROADCAST: matmul: cannot broadcast the batch dims of [2, 2, 1] and [3, 1, 2]: axis -3 is 2
 * vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)`: the broadcasting message of the
 * batch dims (`Detail`: what follows its axis) restated for the whole operands, whose axis -`Axis` it
 * is. Mirrors `writeMatmulBatchMessage`.
 */
export type WriteMatmulBatchMessage<Op extends string, Left extends Shape, Right extends Shape, Axis extends number, Detail extends string> =
  `SHAPE_BROADCAST: ${Op}: cannot broadcast the batch dims of ${PrintShape<Left>} and ${PrintShape<Right>}: axis -${Axis} is ${Detail}`;

/** The inner-dim check, then `Out`. */
type CheckInner<Op extends string, Left extends Shape, Right extends Shape, LeftDim extends Dim, RightDim extends Dim, Out> =
  InnerKind<LeftDim, RightDim> extends infer Kind
    ? Kind extends "ok"
      ? Out
      : ShapeError<WriteMatmulMessage<Op, Left, Right, LeftDim, RightDim, Kind>>
    : never;

/** The broadcast batch dims, or the batch error restated for the whole operands. */
type BatchDims<Op extends string, Left extends Shape, Right extends Shape, LeftBatch extends Shape, RightBatch extends Shape> =
  LeftBatch extends readonly []
    ? RightBatch
    : RightBatch extends readonly []
      ? LeftBatch
      : BroadcastShapes<[LeftBatch, RightBatch], Op, false> extends infer Batch
        ? Batch extends ShapeError<infer Message>
          ? Message extends `SHAPE_BROADCAST: ${Op}: cannot broadcast ${PrintShape<LeftBatch>} with ${PrintShape<RightBatch>}: axis -${infer Axis extends number} is ${infer Detail}`
            ? ShapeError<WriteMatmulBatchMessage<Op, Left, Right, Add<Axis, 2> & number, Detail>>
            : Batch
          : Batch
        : never;

/** Both operands have fixed rank and valid dims. */
type MatmulDims<Left extends Shape, Right extends Shape, Op extends string> = Left extends readonly [infer LeftInner extends Dim]
  ? Right extends readonly [infer RightInner extends Dim]
    ? CheckInner<Op, Left, Right, LeftInner, RightInner, []>
    : Right extends readonly [...infer RightBatch extends Shape, infer RightInner extends Dim, infer Columns extends Dim]
      ? CheckInner<Op, Left, Right, LeftInner, RightInner, [...RightBatch, Columns]>
      : ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "right">>
  : Left extends readonly [...infer LeftBatch extends Shape, infer Rows extends Dim, infer LeftInner extends Dim]
    ? Right extends readonly [infer RightInner extends Dim]
      ? CheckInner<Op, Left, Right, LeftInner, RightInner, [...LeftBatch, Rows]>
      : Right extends readonly [...infer RightBatch extends Shape, infer RightInner extends Dim, infer Columns extends Dim]
        ? CheckInner<Op, Left, Right, LeftInner, RightInner, BatchDims<Op, Left, Right, LeftBatch, RightBatch>> extends infer Batch
          ? Batch extends Shape
            ? [...Batch, Rows, Columns]
            : Batch
          : never
        : ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "right">>
    : ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "left">>;

/** At least one operand has unknown rank: only a scalar other operand is known to be wrong. */
type MatmulUnknownRank<Left extends Shape, Right extends Shape, Op extends string> = Left extends readonly []
  ? ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "left">>
  : Right extends readonly []
    ? ShapeError<WriteMatmulScalarMessage<Op, Left, Right, "right">>
    : number extends Right["length"]
      ? number[]
      : Right extends readonly [Dim, Dim, ...Dim[]]
        ? Right extends readonly [...Shape, infer Columns extends Dim]
          ? [...number[], Columns]
          : number[]
        : number[];

/**
 * The shape of `Left @ Right` (NumPy's `matmul`: 1-D operands promoted and the promoted axis removed,
 * batch dims broadcast), or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = MatmulShape<[8, 1, 3, 4], [5, 4, 2]>; //=> [8, 5, 3, 2]
 * type Vec = MatmulShape<[3, 4], [4]>; //=> [3]
 */
export type MatmulShape<Left extends Shape, Right extends Shape, Op extends string = "matmulShape"> =
  InvalidShapesMessage<Op, [Left, Right]> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? MatmulChecked<Left, Right, Op>
      : ShapeError<Invalid>
    : never;

/**
 * `MatmulShape` for operands whose dims are already valid (a tensor's shape): skips the invalid-dim
 * check that only literal shapes need.
 */
export type MatmulChecked<Left extends Shape, Right extends Shape, Op extends string> = number extends Left["length"] | Right["length"]
  ? MatmulUnknownRank<Left, Right, Op>
  : MatmulDims<Left, Right, Op>;

/** `MatmulChecked` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type MatmulResult<Left extends Shape, Right extends Shape, Op extends string> =
  ResultShape<MatmulChecked<Left, Right, Op>>;

/**
 * The type rules of `shapecheck/tfjs` where TensorFlow.js's semantics differ from the built-in ops'
 * (NumPy's): matMul's rank and transpose flags, softmax's last-axis limit, the losses' same-shape
 * rule, gather, oneHot. Everything else in the tfjs layer reuses types/ops/* as it is. Mirrors
 * src/tfjs/rules.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../shape.js";
import type { ResultShape, ShapeError } from "../errors.js";
import type { IsSingle } from "../internal/dims.js";
import type { NormalizeAxis } from "../internal/axes.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { MatmulCheck, MatmulResult } from "../ops/matmul.js";

// ---------------------------------------------------------------------------------------------
// matMul(a, b, transposeA, transposeB)

/**
 * `SHAPE_MATMUL: matMul: cannot multiply [3] by [3, 2]: the left operand has 1 axis; tfjs's matMul
 * needs at least 2 on each side (expandDims adds one)`. Mirrors `writeTfMatMulRankMessage`.
 */
export type WriteTfMatMulRankMessage<Left extends Shape, Right extends Shape, Side extends "left" | "right"> =
  `SHAPE_MATMUL: matMul: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: the ${Side} operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)`;

/** `S` with its last two axes swapped (what a transpose flag multiplies); other shapes as they are. */
export type SwapLastTwo<S extends Shape> = S extends readonly [...infer Batch extends Shape, infer Rows extends Dim, infer Columns extends Dim]
  ? [...Batch, Columns, Rows]
  : S;

/** The operand a transpose flag makes: swapped when the flag is `true`, as it is when `false`. */
type Operand<S extends Shape, Transpose extends boolean> = [Transpose] extends [true] ? SwapLastTwo<S> : S;

/** The rank-1 error of tfjs's matMul (a scalar is the built-in rule's error, checked after). */
type MatMulRankError<Left extends Shape, Right extends Shape> = [Left] extends [readonly [Dim]]
  ? ShapeError<WriteTfMatMulRankMessage<Left, Right, "left">>
  : [Right] extends [readonly [Dim]]
    ? [Left] extends [readonly []]
      ? never
      : ShapeError<WriteTfMatMulRankMessage<Left, Right, "right">>
    : never;

/**
 * The check on matMul's second operand: the rank-1 error, else the built-in matmul check on the
 * operands as multiplied (`aᵀ` for `transposeA`, `bᵀ` for `transposeB`), whose messages name
 * `matmul` and print the multiplied shapes — exactly `matmul(a.transpose(), b)`'s.
 */
export type TfMatMulCheck<Left extends Shape, Right extends Shape, TransposeA extends boolean, TransposeB extends boolean> =
  MatMulRankError<Left, Right> extends infer Error
    ? [Error] extends [never]
      ? MatmulCheck<Operand<Left, TransposeA>, Operand<Right, TransposeB>, "matmul">
      : Error
    : never;

/** The result of matMul: the built-in rule's result on the operands as multiplied. */
export type TfMatMulResult<Left extends Shape, Right extends Shape, TransposeA extends boolean, TransposeB extends boolean> =
  MatmulResult<Operand<Left, TransposeA>, Operand<Right, TransposeB>, "matmul">;

// ---------------------------------------------------------------------------------------------
// softmax / logSoftmax: tfjs computes them along the last axis only

/**
 * `SHAPE_AXIS: softmax: axis 0 of [2, 3] is not the last axis; tfjs computes softmax only along
 * the last axis (transpose that axis to the end first)`. Mirrors `writeTfLastAxisMessage`.
 */
export type WriteTfLastAxisMessage<Op extends string, S extends Shape, Axis extends number> =
  `SHAPE_AXIS: ${Op}: axis ${Axis} of ${PrintShape<S>} is not the last axis; tfjs computes ${Op} only along the last axis (transpose that axis to the end first)`;

/**
 * `S` when `Axis` (default `-1`) is S's last axis; the built-in `SHAPE_AXIS` range error (op `softmax`
 * or `logSoftmax`, as the built-in ops say), or tfjs's last-axis error.
 */
export type TfSoftmaxShape<S extends Shape, Axis extends number | undefined, Op extends string> =
  NormalizeAxis<Op, S, [Axis] extends [number] ? Axis : -1> extends infer Index
    ? [Index] extends [ShapeError<string>]
      ? Index
      : number extends Index
        ? S
        : S extends readonly [...infer Init extends Shape, Dim]
          ? [Index] extends [Init["length"]]
            ? S
            : ShapeError<WriteTfLastAxisMessage<Op, S, Axis & number>>
          : S
    : never;

// ---------------------------------------------------------------------------------------------
// Same shapes (the losses): tfjs does not broadcast labels against predictions

/**
 * `SHAPE_MISMATCH: softmaxCrossEntropy: onehotLabels [64, 1] and logits [64, 10] must have the
 * same shape: axis 1 is 1 vs 10; tfjs does not broadcast them`. Mirrors `writeSameShapeMessage`.
 */
export type WriteSameShapeMessage<Op extends string, LeftName extends string, RightName extends string, Left extends Shape, Right extends Shape, Detail extends string> =
  `SHAPE_MISMATCH: ${Op}: ${LeftName} ${PrintShape<Left>} and ${RightName} ${PrintShape<Right>} must have the same shape: ${Detail}; tfjs does not broadcast them`;

/** A single known size or a single name: the dims two shapes can be seen to disagree on. */
type IsLiteral<D extends Dim> = number extends D ? false : string extends D ? false : IsSingle<D>;

/** The first axis whose dims differ, as `axis i is a vs b`, else `never`. */
type FirstDifference<Left extends Shape, Right extends Shape, Index extends 0[] = []> = Left extends readonly [
  infer LeftDim extends Dim,
  ...infer LeftRest extends Shape,
]
  ? Right extends readonly [infer RightDim extends Dim, ...infer RightRest extends Shape]
    ? IsLiteral<LeftDim> extends true
      ? IsLiteral<RightDim> extends true
        ? [LeftDim] extends [RightDim]
          ? FirstDifference<LeftRest, RightRest, [...Index, 0]>
          : `axis ${Index["length"]} is ${PrintDim<LeftDim>} vs ${PrintDim<RightDim>}`
        : FirstDifference<LeftRest, RightRest, [...Index, 0]>
      : FirstDifference<LeftRest, RightRest, [...Index, 0]>
    : never
  : never;

/**
 * The check that `Right` has `Left`'s shape: `unknown`, or the `SHAPE_MISMATCH` error (rank first,
 * then the first axis whose known sizes or names differ; `number` dims and type parameters are the
 * runtime's to check).
 */
export type SameShapeCheck<Op extends string, LeftName extends string, RightName extends string, Left extends Shape, Right extends Shape> =
  number extends Left["length"] | Right["length"]
    ? unknown
    : [Left["length"]] extends [Right["length"]]
      ? FirstDifference<Left, Right> extends infer Detail extends string
        ? [Detail] extends [never]
          ? unknown
          : ShapeError<WriteSameShapeMessage<Op, LeftName, RightName, Left, Right, Detail>>
        : unknown
      : ShapeError<WriteSameShapeMessage<Op, LeftName, RightName, Left, Right, `rank ${Left["length"]} vs ${Right["length"]}`>>;

/** `S` without its last axis (a per-example loss with `Reduction.NONE`). */
export type DropLastAxis<S extends Shape> = S extends readonly [...infer Init extends Shape, Dim] ? Init : number[];

// ---------------------------------------------------------------------------------------------
// gather(x, indices, axis) and oneHot(indices, depth)

type Before<S extends Shape, Index extends number, Acc extends Dim[] = []> = Acc["length"] extends Index
  ? Acc
  : S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
    ? Before<Rest, Index, [...Acc, Head]>
    : Acc;

type After<S extends Shape, Index extends number, Count extends 0[] = []> = Count["length"] extends Index
  ? S extends readonly [Dim, ...infer Rest extends Shape]
    ? Rest
    : []
  : S extends readonly [Dim, ...infer Rest extends Shape]
    ? After<Rest, Index, [...Count, 0]>
    : [];

/**
 * The shape of `gather(x, indices, axis)`: `x`'s axis `axis` replaced by `indices`' axes
 * (`x.shape[:axis] + indices.shape + x.shape[axis + 1:]`), or the `SHAPE_AXIS` error.
 * @example
 * type Out = GatherShape<[10, 4], [3], 0>; //=> [3, 4]
 */
export type GatherShape<S extends Shape, Indices extends Shape, Axis extends number = 0, Op extends string = "gather"> =
  NormalizeAxis<Op, S, Axis> extends infer Index
    ? [Index] extends [ShapeError<string>]
      ? Index
      : number extends Index | Indices["length"]
        ? number[]
        : [...Before<S, Index & number>, ...Indices, ...After<S, Index & number>]
    : never;

/** The result type of gather (`number[]` after an error). */
export type GatherResult<S extends Shape, Indices extends Shape, Axis extends number> =
  ResultShape<GatherShape<S, Indices, Axis>>;

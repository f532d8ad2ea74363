/**
 * `shapecheck/tfjs`: compile-time shapes for TensorFlow.js code. `import * as tf from "shapecheck/tfjs"`
 * gives tfjs's own functions, with tfjs's names and argument orders, typed with shape tuples: the
 * values are tfjs's own tensors (no wrapper, no copy), typed `TfTensor<S>`. Every function checks its
 * operands' shapes with shapecheck's rule before tfjs runs and throws shapecheck's message — the
 * byte-identical message of the built-in op with the same semantics (`matMul` → `matmul`,
 * `expandDims` → `unsqueeze`); where tfjs's semantics differ (matMul's rank and transpose flags,
 * softmax along the last axis only, losses that need equal shapes, gather), the rule follows tfjs
 * (src/tfjs/rules.ts). Chained methods (`x.matMul(w)`) are typed the same way; at run time they are
 * checked after `installChecks()` (see its doc). Docs: docs/tfjs.md.
 */
import type { CheckedAxis } from "../../types/internal/axes.js";
import * as tfc from "@tensorflow/tfjs-core";
import type { DataType, Rank, TensorLike } from "@tensorflow/tfjs-core";
import type { Dim, Shape } from "../../types/shape.js";
import type { Checked, CheckedArg, IdentityFirst, ResultShape, RuntimeDecidesArg } from "../../types/errors.js";
import type { SameShapeArg } from "../../types/ops/same-shape.js";
import type { NestedNumbers, NestedShape, CheckNested, CheckShape, ShapeArg } from "../../types/creation.js";
import type { AsChecked, AsIdentityCheck, AsResult, ScalarOnly } from "../../types/tensor.js";
import type { ElementwiseCheck, ElementwiseResult, SameShapeCheck as ExactlySame, SameShapeOperand } from "../../types/ops/elementwise.js";
import type { CheckedGivenAxis, CheckOmittedAxis, EmptyGuard, NoIdentityOp, ReduceAxesArg, ReduceAxesCheck, ReduceResult } from "../../types/ops/reduce.js";
import type { FlattenRangeShape, ReshapeIdentityCheck, ReshapeOf } from "../../types/ops/reshape.js";
import type { PermuteCheck, PermuteResult } from "../../types/ops/permute.js";
import type { SqueezeChecked, SqueezeResult } from "../../types/ops/squeeze.js";
import type { UnsqueezeChecked, UnsqueezeResult } from "../../types/ops/unsqueeze.js";
import type { ConcatAxisArg, ConcatTensorsArgs, ConcatOfTensors } from "../../types/ops/concat.js";
import type { StackAxisArg, StackTensorsArgs, StackOfTensors } from "../../types/ops/stack.js";
import type { ConcatShape } from "../../types/ops/concat.js";
import type { StackShape } from "../../types/ops/stack.js";
import type { DropLastAxis, GatherAxisCheck, GatherBatchCheck, GatherResult, TfMatMulCheck, TfMatMulResult, TfSoftmaxShape } from "../../types/tfjs/rules.js";
import type { TfSliceCheck, TfSliceShape } from "../../types/tfjs/rules.js";
import type { TfConv2dResult, TfConv2dShape, TfConvChannelsIdentity, TfPoolResult, TfPoolShape } from "../../types/tfjs/rules.js";
import type { TfEinsumShape, TfReshapeShape } from "../../types/tfjs/rules.js";
import type { EinsumIdentityChecks } from "../../types/ops/einsum.js";
import type { AxisOf, ChunkCheck, ChunkCount, Counted, PieceOf, SplitCheck, UnbindChecked, UnbindResult } from "../../types/ops/split.js";
import { InputError } from "../errors.js";
import { broadcastPair, checkImplicitOuter } from "../ops/broadcast.js";
import { reducedAxesFor } from "../ops/reduce.js";
import { reshapedFor } from "../ops/reshape.js";
import { permutationFor } from "../ops/permute.js";
import { squeezedAxesFor } from "../ops/squeeze.js";
import { unsqueezedFor } from "../ops/unsqueeze.js";
import { concatenatedFor } from "../ops/concat.js";
import { stackedFor } from "../ops/stack.js";
import { chunkPieceFor, splitSizesFor } from "../ops/split.js";
import { normalizeAxis } from "../axes.js";
import { creationShape } from "../creation.js";
import { assertScalar, checkAs } from "../tensor.js";
import { validateSizes } from "../symbolic.js";
import { checkSameShape, gatherShape, tfMatMulShape, tfSliceShape, tfSoftmaxAxis } from "./rules.js";
import { tfConv2dShape, tfPoolShape, type TfDataFormat, type TfPad } from "./rules.js";
import { tfEinsumShape, tfReshapeShape, type TfReshapeMethod } from "./rules.js";

export { checkSameShape, gatherShape, tfMatMulShape, tfSliceShape, tfSoftmaxAxis, swapLastTwo } from "./rules.js";
export { tfConv2dShape, tfPoolShape, type TfDataFormat, type TfPad } from "./rules.js";
export { tfEinsumShape, tfReshapeShape, type TfReshapeMethod } from "./rules.js";
export { ShapeError, InputError } from "../errors.js";
export { configure } from "../ops/broadcast.js";
export type { Dim, Shape } from "../../types/shape.js";

// ---------------------------------------------------------------------------------------------
// The typed tensor

/** The chained methods shapecheck types (tfjs's own typing of them is replaced), and `shape`. */
type Typed =
  | "shape"
  | "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum" | "squaredDifference"
  | "neg" | "exp" | "log" | "sqrt" | "abs" | "tanh" | "sigmoid" | "relu" | "square"
  | "matMul" | "reshape" | "transpose" | "expandDims" | "squeeze" | "concat" | "stack"
  | "sum" | "mean" | "max" | "min" | "argMax" | "softmax" | "logSoftmax" | "gather"
  | "slice" | "split" | "unstack" | "oneHot" | "conv2d" | "maxPool" | "avgPool"
  | "flatten" | "as1D" | "as2D" | "as3D" | "as4D" | "as5D" | "asScalar"
  | "cast" | "asType" | "toFloat" | "toInt" | "toBool";

/** tfjs's `Tensor` without the members shapecheck types. */
type TensorBase = Omit<tfc.Tensor, Typed>;

/** A second operand of a binary op: a tensor, or a plain number (a scalar). */
export type Operand<S extends Shape> = TfTensor<S> | number;

type BinaryMethod<Op extends string> = {
  <Self extends Shape, Right extends Shape>(this: TfTensor<Self>, ...other: SameShapeOperand<Self, Right, TfTensor<Right>>): TfTensor<Self>;
  <Self extends Shape, Right extends Shape = []>(this: TfTensor<Self>, other: Checked<Operand<Right>, ElementwiseCheck<Self, Right, Op>>): TfTensor<ElementwiseResult<Self, Right, Op>>;
};
type UnaryMethod = <Self extends Shape>(this: TfTensor<Self>) => TfTensor<Self>;
/** `x.cast(dtype)`, `x.asType(dtype)`: the same shape (the dtype is not part of the type). */
type CastMethod = <Self extends Shape>(this: TfTensor<Self>, dtype: DataType) => TfTensor<Self>;
/**
 * `x.asScalar()` (`[]`, one element): tfjs's reshape of `x`, checked on `x` by the built-in reshape
 * rule (`TfReshapeShape`), messages naming the method.
 */
type ReshapeToMethod<Op extends "asScalar"> = <Self extends Shape>(
  this: CheckedArg<TfTensor<Self>, TfReshapeShape<Op, Self>>,
) => TfTensor<ResultShape<TfReshapeShape<Op, Self>>>;
/**
 * `x.flatten()`, `x.as1D()`: `[size]`, the built-in `flatten()` of all axes — it cannot fail on a
 * tensor (its count is the count), so it merges type parameters' axes too (`[Product<[B, 6]>]`).
 */
type FlattenToMethod<Op extends "flatten" | "as1D"> = <Self extends Shape>(this: TfTensor<Self>) => TfTensor<ResultShape<FlattenRangeShape<Self, 0, -1, Op>>>;
/**
 * `x.as2D(rows, columns)` … `x.as5D(…)`: tfjs's reshape to exactly those dims (one `-1` inferred),
 * the built-in reshape rule; a mistake lands on the first dim.
 */
type As2DMethod = <Self extends Shape, const D0 extends number, const D1 extends number>(
  this: TfTensor<Self>,
  rows: CheckedArg<D0, ReshapeOf<Self, [D0, D1], "as2D">> & NoInfer<ReshapeIdentityCheck<Self, [D0, D1], "as2D">>,
  columns: D1,
) => TfTensor<ResultShape<ReshapeOf<Self, [D0, D1], "as2D">>>;
type As3DMethod = <Self extends Shape, const D0 extends number, const D1 extends number, const D2 extends number>(
  this: TfTensor<Self>,
  rows: CheckedArg<D0, ReshapeOf<Self, [D0, D1, D2], "as3D">> & NoInfer<ReshapeIdentityCheck<Self, [D0, D1, D2], "as3D">>,
  columns: D1,
  depth: D2,
) => TfTensor<ResultShape<ReshapeOf<Self, [D0, D1, D2], "as3D">>>;
type As4DMethod = <Self extends Shape, const D0 extends number, const D1 extends number, const D2 extends number, const D3 extends number>(
  this: TfTensor<Self>,
  rows: CheckedArg<D0, ReshapeOf<Self, [D0, D1, D2, D3], "as4D">> & NoInfer<ReshapeIdentityCheck<Self, [D0, D1, D2, D3], "as4D">>,
  columns: D1,
  depth: D2,
  depth2: D3,
) => TfTensor<ResultShape<ReshapeOf<Self, [D0, D1, D2, D3], "as4D">>>;
type As5DMethod = <Self extends Shape, const D0 extends number, const D1 extends number, const D2 extends number, const D3 extends number, const D4 extends number>(
  this: TfTensor<Self>,
  rows: CheckedArg<D0, ReshapeOf<Self, [D0, D1, D2, D3, D4], "as5D">> & NoInfer<ReshapeIdentityCheck<Self, [D0, D1, D2, D3, D4], "as5D">>,
  columns: D1,
  depth: D2,
  depth2: D3,
  depth3: D4,
) => TfTensor<ResultShape<ReshapeOf<Self, [D0, D1, D2, D3, D4], "as5D">>>;
type MatMulMethod = <Self extends Shape, Right extends Shape, const TransposeA extends boolean = false, const TransposeB extends boolean = false>(
  this: TfTensor<Self>,
  b: Checked<TfTensor<Right>, TfMatMulCheck<Self, Right, TransposeA, TransposeB>>,
  transposeA?: TransposeA,
  transposeB?: TransposeB,
) => TfTensor<TfMatMulResult<Self, Right, TransposeA, TransposeB>>;
type ReshapeMethod = <Self extends Shape, const To extends Dim[]>(
  this: TfTensor<Self>,
  shape: CheckedArg<To, ReshapeOf<Self, To, "reshape">> & NoInfer<ReshapeIdentityCheck<Self, To, "reshape">>,
) => TfTensor<ResultShape<ReshapeOf<Self, To, "reshape">>>;
type TransposeMethod = <Self extends Shape, const Perm extends readonly number[] | undefined = undefined>(
  this: TfTensor<Self>,
  perm?: CheckedArg<Perm, PermuteCheck<Self, Perm, "transpose">>,
) => TfTensor<PermuteResult<Self, Perm, "transpose">>;
type ExpandDimsMethod = <Self extends Shape, const Axis extends number = 0>(
  this: TfTensor<Self>,
  axis?: CheckedAxis<Axis, UnsqueezeChecked<Self, Axis, "unsqueeze">, "unsqueeze">,
) => TfTensor<UnsqueezeResult<Self, Axis, "unsqueeze">>;
type SqueezeMethod = <Self extends Shape, const Axis extends readonly number[] | undefined = undefined>(
  this: TfTensor<Self>,
  axis?: CheckedAxis<Axis, SqueezeChecked<Self, Axis, "squeeze">, "squeeze">,
) => TfTensor<SqueezeResult<Self, Axis, "squeeze">>;
type ReduceMethod<Op extends string> = <Self extends Shape, const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  this: Op extends NoIdentityOp ? EmptyGuard<Self, Axes, Op, TfTensor<Self>, "tensor"> : TfTensor<Self>,
  axis?: Op extends NoIdentityOp
    ? EmptyGuard<Self, Axes, Op, CheckedGivenAxis<Axes, ReduceAxesCheck<Self, Axes, KeepDims, Op>, Op>, "axis">
    : CheckedGivenAxis<Axes, ReduceAxesCheck<Self, Axes, KeepDims, Op>, Op>,
  keepDims?: KeepDims,
) => TfTensor<ReduceResult<Self, Axes, KeepDims, Op>>;
type ArgMaxMethod = <Self extends Shape, const Axis extends number = 0>(
  this: TfTensor<Self>,
  axis?: CheckedAxis<Axis, ReduceAxesCheck<Self, Axis, false, "argMax">, "argMax">,
) => TfTensor<ReduceResult<Self, Axis, false, "argMax">>;
type SoftmaxMethod<Op extends string> = <Self extends Shape, const Axis extends number | undefined = undefined>(
  this: CheckedArg<TfTensor<Self>, CheckOmittedAxis<Axis, TfSoftmaxShape<Self, Axis, Op>>>,
  axis?: CheckedGivenAxis<Axis, TfSoftmaxShape<Self, Axis, Op>, Op>,
) => TfTensor<Self>;
type GatherMethod = <Self extends Shape, Indices extends Shape, const Axis extends number = 0, const BatchDims extends number = 0>(
  this: TfTensor<Self>,
  indices: TfTensor<Indices>,
  axis?: CheckedArg<Axis, GatherAxisCheck<Self, Indices, Axis>>,
  batchDims?: CheckedArg<BatchDims, GatherBatchCheck<Self, Indices, Axis, BatchDims>>,
) => TfTensor<GatherResult<Self, Indices, Axis, BatchDims>>;
type SliceMethod = <Self extends Shape, const Begin extends number | readonly number[], const Size extends number | readonly number[] | undefined = undefined>(
  this: TfTensor<Self>,
  begin: CheckedArg<Begin, TfSliceCheck<Self, Begin, Size, "begin">>,
  size?: CheckedArg<Size, TfSliceCheck<Self, Begin, Size, "size">>,
) => TfTensor<ResultShape<TfSliceShape<Self, Begin, Size>>>;
type SplitMethod = <Self extends Shape, const Splits extends number | readonly number[], const Axis extends number | undefined = undefined>(
  this: TfTensor<Self>,
  numOrSizeSplits: RuntimeDecidesArg<Self, Splits, TfSplitCheck<Self, Splits, Axis, "pieces">>,
  axis?: CheckedAxis<Axis, TfSplitCheck<Self, Splits, Axis, "axis">, "split">,
) => TfSplitResult<Self, Splits, Axis>;
type UnstackMethod = <Self extends Shape, const Axis extends number | undefined = undefined>(
  this: CheckedArg<TfTensor<Self>, CheckOmittedAxis<Axis, UnbindChecked<Self, 0, "unstack">>>,
  axis?: CheckedGivenAxis<Axis, UnbindChecked<Self, AxisOf<Axis>, "unstack">, "unstack">,
) => TfTensor<UnbindResult<Self, AxisOf<Axis>, "unstack">>[];
type OneHotMethod = <Self extends Shape, const Depth extends number>(
  this: TfTensor<Self>,
  depth: CheckedArg<Depth, CheckShape<"oneHot", [Depth]>>,
  onValue?: number,
  offValue?: number,
) => TfTensor<[...Self, Depth]>;
type Conv2dMethod = <
  Self extends Shape,
  F extends Shape,
  const Strides extends TfPair,
  const Pad extends TfPad,
  const DataFormat extends TfDataFormat = "NHWC",
  const Dilations extends TfPair = 1,
>(
  this: TfTensor<Self>,
  filter: IdentityFirst<TfConvChannelsIdentity<Self, F, DataFormat>, CheckedArg<TfTensor<F>, TfConv2dShape<Self, F, Strides, Pad, DataFormat, Dilations>>>,
  strides: Strides,
  pad: Pad,
  dataFormat?: DataFormat,
  dilations?: Dilations,
) => TfTensor<TfConv2dResult<Self, F, Strides, Pad, DataFormat, Dilations>>;
type PoolMethod<Op extends string> = <Self extends Shape, const FilterSize extends TfPair, const Strides extends TfPair, const Pad extends TfPad>(
  this: TfTensor<Self>,
  filterSize: CheckedArg<FilterSize, TfPoolShape<Op, Self, FilterSize, Strides, Pad>>,
  strides: Strides,
  pad: Pad,
) => TfTensor<TfPoolResult<Self, FilterSize, Strides, Pad>>;
/** The shapes a chained concat/stack joins: `x`'s, then the other tensor's, or each listed tensor's. */
type JoinedShapes<Self extends Shape, Other> = Other extends readonly TfTensor[]
  ? [Self, ...ShapesOf<Other>]
  : Other extends TfTensor<infer Right>
    ? [Self, Right]
    : Shape[];
/** `x.concat(other, axis?)`, or tfjs's list form `x.concat([a, b, …], axis?)` (`x` first). */
type ConcatMethod = <Self extends Shape, const Other extends TfTensor | readonly TfTensor[], const Axis extends number = 0>(
  this: TfTensor<Self>,
  other: CheckedArg<Other, ConcatShape<JoinedShapes<Self, Other>, Axis, "concat">>,
  axis?: Axis,
) => TfTensor<ResultShape<ConcatShape<JoinedShapes<Self, Other>, Axis, "concat">>>;
/** `x.stack(other, axis?)`, or tfjs's list form `x.stack([a, b, …], axis?)` (`x` first). */
type StackMethod = <Self extends Shape, const Other extends TfTensor | readonly TfTensor[], const Axis extends number = 0>(
  this: TfTensor<Self>,
  other: CheckedArg<Other, StackShape<JoinedShapes<Self, Other>, Axis, "stack">>,
  axis?: Axis,
) => TfTensor<ResultShape<StackShape<JoinedShapes<Self, Other>, Axis, "stack">>>;

/**
 * A TensorFlow.js tensor typed with its shape `S`: at run time it is tfjs's own `Tensor` object
 * (`x instanceof tf.Tensor`), with all its members; the chained ops shapecheck knows (`add`, `matMul`,
 * `reshape`, `sum`, …) are redeclared with shape-checked signatures, and `shape` is the tuple `S`.
 * Pass it to untyped tfjs code with `untyped(x)`; type a tfjs tensor with `typed(x)` or `as(x, shape)`.
 */
export interface TfTensor<out S extends Shape = Shape> extends TensorBase {
  /** The sizes of the axes; the type may say more than the numbers (`"batch"`). */
  readonly shape: S;
  add: BinaryMethod<"add">;
  sub: BinaryMethod<"sub">;
  mul: BinaryMethod<"mul">;
  div: BinaryMethod<"div">;
  pow: BinaryMethod<"pow">;
  maximum: BinaryMethod<"maximum">;
  minimum: BinaryMethod<"minimum">;
  squaredDifference: BinaryMethod<"squaredDifference">;
  neg: UnaryMethod;
  exp: UnaryMethod;
  log: UnaryMethod;
  sqrt: UnaryMethod;
  abs: UnaryMethod;
  tanh: UnaryMethod;
  sigmoid: UnaryMethod;
  relu: UnaryMethod;
  square: UnaryMethod;
  matMul: MatMulMethod;
  reshape: ReshapeMethod;
  transpose: TransposeMethod;
  expandDims: ExpandDimsMethod;
  squeeze: SqueezeMethod;
  concat: ConcatMethod;
  stack: StackMethod;
  sum: ReduceMethod<"sum">;
  mean: ReduceMethod<"mean">;
  max: ReduceMethod<"max">;
  min: ReduceMethod<"min">;
  argMax: ArgMaxMethod;
  softmax: SoftmaxMethod<"softmax">;
  logSoftmax: SoftmaxMethod<"logSoftmax">;
  gather: GatherMethod;
  slice: SliceMethod;
  split: SplitMethod;
  unstack: UnstackMethod;
  oneHot: OneHotMethod;
  conv2d: Conv2dMethod;
  maxPool: PoolMethod<"maxPool">;
  avgPool: PoolMethod<"avgPool">;
  flatten: FlattenToMethod<"flatten">;
  as1D: FlattenToMethod<"as1D">;
  as2D: As2DMethod;
  as3D: As3DMethod;
  as4D: As4DMethod;
  as5D: As5DMethod;
  asScalar: ReshapeToMethod<"asScalar">;
  cast: CastMethod;
  asType: CastMethod;
  toFloat: UnaryMethod;
  toInt: UnaryMethod;
  toBool: UnaryMethod;
}

/** A tfjs `Variable` typed with its shape: `assign` takes a tensor of the same shape. */
export interface TfVariable<out S extends Shape = Shape> extends TfTensor<S> {
  readonly name: string;
  trainable: boolean;
  assign: <Self extends Shape, New extends Self>(this: TfVariable<Self>, newValue: TfTensor<New> & ExactlySame<Self, New>) => void;
}

/** Throws `INPUT_OPERAND` unless `value` is a tfjs tensor; returns its shape. */
function shapeOf(op: string, value: unknown, name = "x"): number[] {
  if (!(value instanceof tfc.Tensor)) throw new InputError("INPUT_OPERAND", `${op}: ${name} must be a tfjs Tensor`);
  return value.shape;
}

const raw = (x: unknown) => x as tfc.Tensor;

// ---------------------------------------------------------------------------------------------
// Interop

/** A tfjs tensor as a `TfTensor` of unknown rank (every op then checks at run time). No copy. */
export function typed(x: tfc.Tensor): TfTensor<number[]> {
  shapeOf("typed", x);
  return x as never;
}

/**
 * Restates a tensor's shape, as the built-in `x.as(shape)`: checks the rank and every known dim at
 * run time (names are claims the compiler then tracks). Returns the same tensor.
 * @throws ShapeError `SHAPE_AS`
 */
export function as<Self extends Shape, const To extends Dim[]>(x: TfTensor<Self>, shape: CheckedArg<To, AsChecked<Self, To>> & NoInfer<AsIdentityCheck<Self, To, "as">>): TfTensor<AsResult<Self, To>> {
  checkAs("as", shapeOf("as", x), validateSizes("as", shape));
  return x as never;
}

/** The tensor typed as tfjs's own `Tensor`, to pass to untyped tfjs code. No copy. */
export function untyped(x: TfTensor): tfc.Tensor {
  return x as never;
}

// ---------------------------------------------------------------------------------------------
// Creation

type CreationOptions = DataType | undefined;

/**
 * `tf.tensor(values)`: the shape is inferred from a nested array literal (`[[1, 2], [3, 4]]` is
 * `TfTensor<[2, 2]>`), or given (`tensor(data, [2, 3])`).
 * @throws ShapeError `SHAPE_INVALID_SHAPE`
 */
export function tensor<const N extends NestedNumbers>(values: N & CheckNested<N>, shape?: undefined, dtype?: CreationOptions): TfTensor<NestedShape<N>>;
export function tensor<const S extends Dim[]>(values: TensorLike, shape: ShapeArg<"tensor", S>, dtype?: CreationOptions): TfTensor<S>;
export function tensor(values: TensorLike, shape?: number[], dtype?: DataType): TfTensor {
  return tfc.tensor(values, shape === undefined ? undefined : creationShape("tensor", shape), dtype) as never;
}

/** `tf.tensor1d(values)`: `TfTensor<[n]>` for a literal of length n. */
export function tensor1d<const N extends readonly number[]>(values: N, dtype?: CreationOptions): TfTensor<NestedShape<N>> {
  return tfc.tensor1d(values as unknown as number[], dtype) as never;
}

/** `tf.tensor2d(values, shape?)`: the shape from a nested literal, or given. */
export function tensor2d<const N extends readonly (readonly number[])[]>(values: N & CheckNested<N, "tensor2d">, shape?: undefined, dtype?: CreationOptions): TfTensor<NestedShape<N>>;
export function tensor2d<const S extends [number, number]>(values: TensorLike, shape: ShapeArg<"tensor2d", S>, dtype?: CreationOptions): TfTensor<S>;
export function tensor2d(values: TensorLike, shape?: number[], dtype?: DataType): TfTensor {
  return tfc.tensor2d(values as never, shape === undefined ? undefined : (creationShape("tensor2d", shape) as [number, number]), dtype) as never;
}

/** `tf.tensor3d(values, shape?)`. */
export function tensor3d<const N extends readonly (readonly (readonly number[])[])[]>(values: N & CheckNested<N, "tensor3d">, shape?: undefined, dtype?: CreationOptions): TfTensor<NestedShape<N>>;
export function tensor3d<const S extends [number, number, number]>(values: TensorLike, shape: ShapeArg<"tensor3d", S>, dtype?: CreationOptions): TfTensor<S>;
export function tensor3d(values: TensorLike, shape?: number[], dtype?: DataType): TfTensor {
  return tfc.tensor3d(values as never, shape === undefined ? undefined : (creationShape("tensor3d", shape) as [number, number, number]), dtype) as never;
}

/** `tf.tensor4d(values, shape?)`. */
export function tensor4d<const N extends readonly (readonly (readonly (readonly number[])[])[])[]>(values: N & CheckNested<N, "tensor4d">, shape?: undefined, dtype?: CreationOptions): TfTensor<NestedShape<N>>;
export function tensor4d<const S extends [number, number, number, number]>(values: TensorLike, shape: ShapeArg<"tensor4d", S>, dtype?: CreationOptions): TfTensor<S>;
export function tensor4d(values: TensorLike, shape?: number[], dtype?: DataType): TfTensor {
  return tfc.tensor4d(values as never, shape === undefined ? undefined : (creationShape("tensor4d", shape) as [number, number, number, number]), dtype) as never;
}

/** `tf.zeros(shape, dtype?)`. @throws ShapeError `SHAPE_INVALID_SHAPE` */
export function zeros<const S extends Dim[]>(shape: ShapeArg<"zeros", S>, dtype?: CreationOptions): TfTensor<S> {
  return tfc.zeros(creationShape("zeros", shape), dtype) as never;
}

/** `tf.ones(shape, dtype?)`. @throws ShapeError `SHAPE_INVALID_SHAPE` */
export function ones<const S extends Dim[]>(shape: ShapeArg<"ones", S>, dtype?: CreationOptions): TfTensor<S> {
  return tfc.ones(creationShape("ones", shape), dtype) as never;
}

/** `tf.randomNormal(shape, mean?, stdDev?, dtype?, seed?)`. @throws ShapeError `SHAPE_INVALID_SHAPE` */
export function randomNormal<const S extends Dim[]>(
  shape: ShapeArg<"randomNormal", S>,
  mean?: number,
  stdDev?: number,
  dtype?: "float32" | "int32",
  seed?: number,
): TfTensor<S> {
  return tfc.randomNormal(creationShape("randomNormal", shape), mean, stdDev, dtype, seed) as never;
}

/** `tf.variable(initialValue, trainable?, name?, dtype?)`: a variable of the initial value's shape. */
export function variable<S extends Shape>(initialValue: TfTensor<S>, trainable?: boolean, name?: string, dtype?: DataType): TfVariable<S> {
  shapeOf("variable", initialValue, "initialValue");
  return tfc.variable(raw(initialValue), trainable, name, dtype) as never;
}

// ---------------------------------------------------------------------------------------------
// Elementwise and unary ops

type BinaryFn<Op extends string> = {
  <Left extends Shape, Right extends Shape>(a: TfTensor<Left>, ...b: SameShapeOperand<Left, Right, TfTensor<Right>>): TfTensor<Left>;
  <Left extends Shape, Right extends Shape = []>(a: TfTensor<Left>, b: Checked<Operand<Right>, ElementwiseCheck<Left, Right, Op>>): TfTensor<ElementwiseResult<Left, Right, Op>>;
};

/** The broadcast check of the built-in binary ops (strict broadcasting included), then tfjs. */
function binary<Op extends string>(op: Op, kernel: (a: tfc.Tensor, b: tfc.Tensor | number) => tfc.Tensor): BinaryFn<Op> {
  return ((a: unknown, b: unknown) => {
    const left = shapeOf(op, a, "a");
    const right = typeof b === "number" ? [] : shapeOf(op, b, "b");
    const out = broadcastPair(op, left, right) as number[];
    checkImplicitOuter(op, left, right, out);
    return kernel(a as tfc.Tensor, b as tfc.Tensor | number);
  }) as never;
}

/** `a + b`, broadcasting (NumPy rules, strict about implicit outer broadcasts as the built-in `add`). @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const add = binary("add", (a, b) => tfc.add(a, b));
/** `a − b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const sub = binary("sub", (a, b) => tfc.sub(a, b));
/** `a × b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const mul = binary("mul", (a, b) => tfc.mul(a, b));
/** `a ÷ b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const div = binary("div", (a, b) => tfc.div(a, b));
/** `a ** b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const pow = binary("pow", (a, b) => tfc.pow(a, b));
/** The larger of `a` and `b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const maximum = binary("maximum", (a, b) => tfc.maximum(a, b));
/** The smaller of `a` and `b`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const minimum = binary("minimum", (a, b) => tfc.minimum(a, b));
/** `(a − b)²`, broadcasting. @throws ShapeError `SHAPE_BROADCAST`, `SHAPE_IMPLICIT_OUTER` */
export const squaredDifference = binary("squaredDifference", (a, b) => tfc.squaredDifference(a, b));

function unary(op: string, kernel: (x: tfc.Tensor) => tfc.Tensor): <S extends Shape>(x: TfTensor<S>) => TfTensor<S> {
  return ((x: unknown) => {
    shapeOf(op, x);
    return kernel(x as tfc.Tensor);
  }) as never;
}

/** `−x`. */
export const neg = unary("neg", tfc.neg);
/** `eˣ`. */
export const exp = unary("exp", tfc.exp);
/** `ln x`. */
export const log = unary("log", tfc.log);
/** `√x`. */
export const sqrt = unary("sqrt", tfc.sqrt);
/** `|x|`. */
export const abs = unary("abs", tfc.abs);
/** `tanh x`. */
export const tanh = unary("tanh", tfc.tanh);
/** `1 / (1 + e⁻ˣ)`. */
export const sigmoid = unary("sigmoid", tfc.sigmoid);
/** `max(x, 0)`. */
export const relu = unary("relu", tfc.relu);
/** `x²`. */
export const square = unary("square", tfc.square);

/**
 * `tf.cast(x, dtype)`: the same shape in another dtype (tfjs's own dtype checks apply; the dtype is
 * not part of the type). The chained `x.cast(dtype)`, `x.asType(dtype)`, `x.toFloat()`, `x.toInt()`
 * and `x.toBool()` are this function.
 */
export function cast<S extends Shape>(x: TfTensor<S>, dtype: DataType): TfTensor<S> {
  shapeOf("cast", x);
  return tfc.cast(raw(x), dtype) as never;
}

// ---------------------------------------------------------------------------------------------
// matMul and the movement ops

/**
 * tfjs's `matMul(a, b, transposeA?, transposeB?)`: both operands need at least 2 axes (tfjs does not
 * promote vectors); a flag transposes the last two axes of its operand before the product; the inner
 * dims must be equal and the batch dims broadcast (each operand is broadcast to the product's batch
 * dims before tfjs multiplies, which it gets wrong otherwise). A mistake throws the built-in `matmul`'s message
 * for the operands as multiplied (`matMul(a, b, true)` reports what `matmul(a.transpose(), b)` does).
 * @example
 * matMul(zeros([64, 784]), zeros([128, 784]), false, true).shape; //=> [64, 128]
 * @throws ShapeError `SHAPE_MATMUL`, `SHAPE_BROADCAST`
 */
export function matMul<Left extends Shape, Right extends Shape, const TransposeA extends boolean = false, const TransposeB extends boolean = false>(
  a: TfTensor<Left>,
  b: Checked<TfTensor<Right>, TfMatMulCheck<Left, Right, TransposeA, TransposeB>>,
  transposeA?: TransposeA,
  transposeB?: TransposeB,
): TfTensor<TfMatMulResult<Left, Right, TransposeA, TransposeB>> {
  const [left, right] = [shapeOf("matMul", a, "a"), shapeOf("matMul", b, "b")];
  const batch = tfMatMulShape(left, right, transposeA === true, transposeB === true).slice(0, -2) as number[];
  // tfjs (4.22, cpu and wasm) multiplies operands whose batch dims broadcast — a 1 against a size —
  // into wrong values without an error ([2, 1, 1, 4] @ [2, 2, 4, 1]): each operand is broadcast to
  // the product's batch dims first (tfjs's broadcastTo, whose gradient sums back), where they differ.
  const full = (shape: readonly number[]) => shape.length - 2 === batch.length && batch.every((d, i) => d === shape[i]);
  if (full(left) && full(right)) return tfc.matMul(raw(a), raw(b), transposeA, transposeB) as never;
  const widened = (x: unknown, shape: readonly number[]) => (full(shape) ? raw(x) : tfc.broadcastTo(raw(x), [...batch, ...shape.slice(-2)]));
  return tfc.tidy(() => tfc.matMul(widened(a, left), widened(b, right), transposeA, transposeB)) as never;
}

/**
 * tfjs's `einsum(equation, ...tensors)`: NumPy's subscripts with an explicit `->`, read by the
 * compiler as the built-in `einsum`'s (the same result types and messages), within what tfjs's einsum
 * supports — one or two operands, no index twice in one operand, no `...` — each refused on the
 * subscripts with a message that says so. tfjs registers no gradient for it.
 * @example
 * einsum("bij,bjk->bik", zeros([8, 2, 3]), zeros([8, 3, 5])).shape; //=> [8, 2, 5]
 * @throws ShapeError `SHAPE_EINSUM`; InputError `INPUT_VALUE`, `INPUT_OPERAND`
 */
export function einsum<const P extends string, Shapes extends Shape[]>(
  equation: IdentityFirst<EinsumIdentityChecks<P, Shapes, "einsum">, CheckedArg<P, TfEinsumShape<P, Shapes>>>,
  ...tensors: { [K in keyof Shapes]: TfTensor<Shapes[K]> }
): TfTensor<ResultShape<TfEinsumShape<P, Shapes>>> {
  const operands = (tensors as readonly unknown[]).map((t, i) => shapeOf("einsum", t, `operand ${i}`));
  tfEinsumShape(equation, operands);
  return tfc.einsum(equation as string, ...(tensors as readonly unknown[] as tfc.Tensor[])) as never;
}

/** A per-spatial-axis option of conv2d and pooling: one number for both axes, or `[h, w]`. */
export type TfPair = number | readonly [number, number];

/**
 * tfjs's `conv2d(x, filter, strides, pad, dataFormat = "NHWC", dilations = 1)`: `x` `[N, H, W, C]`
 * (`"NCHW"`: `[N, C, H, W]`), `filter` `[kH, kW, C, outC]`; the result is `[N, H', W', outC]` (or
 * `[N, outC, H', W']`) with TensorFlow's output sizes: effective kernel `k' = (k − 1)·d + 1`;
 * `"valid"` `ceil((in − k' + 1) / s)`, `"same"` `ceil(in / s)`, a number `p`
 * `floor((in + 2p − k') / s) + 1`. tfjs's unbatched rank-3 form is rejected (`expandDims` adds the
 * batch axis); explicit per-side padding and `dimRoundingMode` are not typed (use `untyped`).
 * @example
 * conv2d(zeros([1, 28, 28, 1]), zeros([5, 5, 1, 8]), 2, "same").shape; //=> [1, 14, 14, 8]
 * @throws ShapeError `SHAPE_CONV`; InputError `INPUT_OPTION`
 */
export function conv2d<
  X extends Shape,
  F extends Shape,
  const Strides extends TfPair,
  const Pad extends TfPad,
  const DataFormat extends TfDataFormat = "NHWC",
  const Dilations extends TfPair = 1,
>(
  x: TfTensor<X>,
  filter: IdentityFirst<TfConvChannelsIdentity<X, F, DataFormat>, CheckedArg<TfTensor<F>, TfConv2dShape<X, F, Strides, Pad, DataFormat, Dilations>>>,
  strides: Strides,
  pad: Pad,
  dataFormat?: DataFormat,
  dilations?: Dilations,
): TfTensor<TfConv2dResult<X, F, Strides, Pad, DataFormat, Dilations>> {
  tfConv2dShape(shapeOf("conv2d", x), shapeOf("conv2d", filter, "filter"), strides, pad, dataFormat ?? "NHWC", dilations ?? 1);
  const run = (input: tfc.Tensor, padding: "valid" | "same") => tfc.conv2d(input as tfc.Tensor4D, raw(filter) as tfc.Tensor4D, strides as never, padding, dataFormat, dilations as never);
  if (typeof pad !== "number") return run(raw(x), pad) as never;
  return tfc.tidy(() => run(padSpatial(raw(x), pad, dataFormat ?? "NHWC", 0), "valid")) as never;
}

/**
 * `x` padded by `pad` on both sides of its spatial axes, with `value`. tfjs 4.22 sizes both output
 * axes of a numeric `pad` by the kernel's (or window's) height and stride, so where they are not
 * square its own conv2d and pools return a wrong width, without an error (`conv2d([1, 5, 3, 1],
 * [1, 3, 1, 1], 1, 1)` returns a width of 5, not 3; a `[1, 2]` maxPool window fills columns with NaN;
 * the wasm backend reads out of bounds): the typed ops pad the input themselves and run tfjs's
 * `"valid"`, which is right.
 */
function padSpatial(x: tfc.Tensor, pad: number, dataFormat: TfDataFormat, value: number): tfc.Tensor {
  if (pad === 0) return x;
  const paddings: [number, number][] = dataFormat === "NCHW" ? [[0, 0], [0, 0], [pad, pad], [pad, pad]] : [[0, 0], [pad, pad], [pad, pad], [0, 0]];
  return tfc.pad(x, paddings, value);
}

type PoolFn<Op extends string> = <X extends Shape, const FilterSize extends TfPair, const Strides extends TfPair, const Pad extends TfPad>(
  x: TfTensor<X>,
  filterSize: CheckedArg<FilterSize, TfPoolShape<Op, X, FilterSize, Strides, Pad>>,
  strides: Strides,
  pad: Pad,
) => TfTensor<TfPoolResult<X, FilterSize, Strides, Pad>>;

function pool<Op extends "maxPool" | "avgPool">(op: Op, kernel: typeof tfc.maxPool): PoolFn<Op> {
  return ((x: unknown, filterSize: TfPair, strides: TfPair, pad: TfPad) => {
    tfPoolShape(op, shapeOf(op, x), filterSize, strides, pad);
    const run = (input: tfc.Tensor, padding: "valid" | "same") => kernel(input as tfc.Tensor4D, filterSize as never, strides as never, padding);
    if (typeof pad !== "number") return run(raw(x), pad);
    // A numeric pad, made explicit (see `padSpatial`) with tfjs's own meaning: a max ignores the
    // padding (-Infinity), an average counts only the input's values in its window, and a window
    // with none of them (a pad as large as the window) is NaN, as tfjs's own ops give it.
    return tfc.tidy(() => {
      const inside = run(padSpatial(tfc.onesLike(raw(x)), pad, "NHWC", 0), "valid"); // the share of each window on the input
      if (op === "avgPool") return tfc.div(run(padSpatial(raw(x), pad, "NHWC", 0), "valid"), inside);
      const max = run(padSpatial(raw(x), pad, "NHWC", -Infinity), "valid");
      return tfc.where(tfc.greater(inside, 0), max, tfc.mul(tfc.onesLike(max), Number.NaN));
    });
  }) as never;
}

/**
 * tfjs's `maxPool(x, filterSize, strides, pad)`: `x` `[N, H, W, C]` gives `[N, H', W', C]`, the
 * output sizes as conv2d's with the window `filterSize`. (`dimRoundingMode` is not typed.)
 * @example
 * maxPool(zeros([1, 28, 28, 8]), 2, 2, "valid").shape; //=> [1, 14, 14, 8]
 * @throws ShapeError `SHAPE_POOL`; InputError `INPUT_OPTION`
 */
export const maxPool = pool("maxPool", tfc.maxPool);
/**
 * tfjs's `avgPool(x, filterSize, strides, pad)`: as `maxPool`, averaging each window.
 * @throws ShapeError `SHAPE_POOL`; InputError `INPUT_OPTION`
 */
export const avgPool = pool("avgPool", tfc.avgPool as typeof tfc.maxPool);

/**
 * `tf.reshape(x, shape)`: the same elements in `shape` (one `-1` inferred); the built-in rule.
 * @throws ShapeError `SHAPE_RESHAPE`
 */
export function reshape<S extends Shape, const To extends Dim[]>(
  x: TfTensor<S>,
  shape: CheckedArg<To, ReshapeOf<S, To, "reshape">> & NoInfer<ReshapeIdentityCheck<S, To, "reshape">>,
): TfTensor<ResultShape<ReshapeOf<S, To, "reshape">>> {
  const dims = reshapedFor("reshape", shapeOf("reshape", x), shape) as number[];
  return tfc.reshape(raw(x), dims) as never;
}

/**
 * tfjs's reshaping methods (`x.flatten()`, `x.as1D()` … `x.as5D(…)`, `x.asScalar()`, which tfjs has
 * only as methods): the rule `tfReshapeShape` on `x`'s shape (the built-in reshape rule, messages
 * naming the method), then tfjs's reshape, as tfjs's own methods do.
 * @throws ShapeError `SHAPE_RESHAPE`
 */
function reshapeMethod(op: TfReshapeMethod, x: unknown, dims?: readonly unknown[]): TfTensor {
  const out = tfReshapeShape(op, shapeOf(op, x), dims) as number[];
  return tfc.reshape(raw(x), out) as never;
}

/**
 * `tf.transpose(x, perm?)`: the axes in the order `perm` (omitted: reversed); the built-in rule.
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_PERMUTE`
 */
export function transpose<S extends Shape, const Perm extends readonly number[] | undefined = undefined>(
  x: TfTensor<S>,
  perm?: CheckedArg<Perm, PermuteCheck<S, Perm, "transpose">>,
): TfTensor<PermuteResult<S, Perm, "transpose">> {
  const order = permutationFor("transpose", shapeOf("transpose", x), perm as readonly number[] | undefined);
  return tfc.transpose(raw(x), order) as never;
}

/**
 * `tf.expandDims(x, axis = 0)`: a size-1 axis inserted as axis `axis` of the result; the built-in
 * `unsqueeze` rule and message (tfjs's default axis is 0).
 * @throws ShapeError `SHAPE_AXIS`
 */
export function expandDims<S extends Shape, const Axis extends number = 0>(
  x: TfTensor<S>,
  axis?: CheckedAxis<Axis, UnsqueezeChecked<S, Axis, "unsqueeze">, "unsqueeze">,
): TfTensor<UnsqueezeResult<S, Axis, "unsqueeze">> {
  const dims = unsqueezedFor("unsqueeze", shapeOf("expandDims", x), (axis as number | undefined) ?? 0) as number[];
  return tfc.reshape(raw(x), dims) as never;
}

/**
 * `tf.squeeze(x, axis?)`: without the size-1 axes listed (tfjs takes a list), or every size-1 axis.
 * @throws ShapeError `SHAPE_SQUEEZE`, `SHAPE_AXIS`
 */
export function squeeze<S extends Shape, const Axis extends readonly number[] | undefined = undefined>(
  x: TfTensor<S>,
  axis?: CheckedAxis<Axis, SqueezeChecked<S, Axis, "squeeze">, "squeeze">,
): TfTensor<SqueezeResult<S, Axis, "squeeze">> {
  const dims = shapeOf("squeeze", x);
  const removed = squeezedAxesFor("squeeze", dims, axis as readonly number[] | undefined);
  return tfc.reshape(raw(x), dims.filter((_, index) => !removed.includes(index))) as never;
}

type ShapesOf<Tensors extends readonly TfTensor[]> = { [K in keyof Tensors]: Tensors[K]["shape"] };

function shapesOf(op: string, tensors: unknown): number[][] {
  if (!Array.isArray(tensors)) throw new InputError("INPUT_NOT_TENSORS", `${op}: expected a list of tensors`);
  return tensors.map((t, index) => shapeOf(op, t, `tensor ${index}`));
}

/**
 * `tf.concat(tensors, axis = 0)`: same rank, equal dims off the axis; the built-in rule.
 * @throws ShapeError `SHAPE_CONCAT`, `SHAPE_RANK`, `SHAPE_AXIS`
 */
export function concat<const Tensors extends readonly TfTensor[], const Axis extends number = 0>(
  tensors: ConcatTensorsArgs<Tensors, ShapesOf<Tensors>, Axis, "concat">,
  axis?: CheckedAxis<Axis, ConcatAxisArg<ShapesOf<Tensors>, Axis, "concat", false>, "concat">,
): TfTensor<ConcatOfTensors<ShapesOf<Tensors>, Axis, "concat">> {
  concatenatedFor("concat", shapesOf("concat", tensors), (axis as number | undefined) ?? 0);
  return tfc.concat(tensors as unknown as tfc.Tensor[], axis as number | undefined) as never;
}

/**
 * `tf.stack(tensors, axis = 0)`: equal shapes, stacked along a new axis; the built-in rule.
 * @throws ShapeError `SHAPE_STACK`, `SHAPE_AXIS`
 */
export function stack<const Tensors extends readonly TfTensor[], const Axis extends number = 0>(
  tensors: StackTensorsArgs<Tensors, ShapesOf<Tensors>, Axis, "stack">,
  axis?: CheckedAxis<Axis, StackAxisArg<ShapesOf<Tensors>, Axis, "stack", false>, "stack">,
): TfTensor<StackOfTensors<ShapesOf<Tensors>, Axis, "stack">> {
  stackedFor("stack", shapesOf("stack", tensors), (axis as number | undefined) ?? 0);
  return tfc.stack(tensors as unknown as tfc.Tensor[], axis as number | undefined) as never;
}

/**
 * `tf.gather(x, indices, axis = 0, batchDims = 0)`: `x.shape[:axis] + indices.shape[batchDims:] +
 * x.shape[axis + 1:]`. `batchDims` (from `-rank(indices)` to `rank(indices)`, at most the axis) says
 * how many leading axes `x` and the indices share: they must be equal, and each batch entry gathers
 * from its own slice of `x`.
 * @example
 * gather(zeros([10, 4]), tensor1d([0, 2, 4], "int32")).shape; //=> [3, 4]
 * gather(zeros([2, 5, 4]), zeros([2, 3], "int32"), 1, 1).shape; //=> [2, 3, 4]
 * @throws ShapeError `SHAPE_AXIS`, `SHAPE_GATHER`
 */
export function gather<S extends Shape, Indices extends Shape, const Axis extends number = 0, const BatchDims extends number = 0>(
  x: TfTensor<S>,
  indices: TfTensor<Indices>,
  axis?: CheckedArg<Axis, GatherAxisCheck<S, Indices, Axis>>,
  batchDims?: CheckedArg<BatchDims, GatherBatchCheck<S, Indices, Axis, BatchDims>>,
): TfTensor<GatherResult<S, Indices, Axis, BatchDims>> {
  const [shape, at] = [shapeOf("gather", x), shapeOf("gather", indices, "indices")];
  const [given, batch] = [(axis as number | undefined) ?? 0, (batchDims as number | undefined) ?? 0];
  gatherShape(shape, at, given, batch);
  if (batch === 0) return tfc.gather(raw(x), raw(indices), given) as never;
  return batchedGather(raw(x), raw(indices), normalizeAxis("gather", shape, given), batch < 0 ? batch + at.length : batch) as never;
}

/**
 * A gather with batch axes, as a gather without them: tfjs-wasm 4.22 computes some batched gathers
 * wrong, reading past its input (and can abort the module), so each batch's rows are laid end to end
 * and the indices offset into them. `x` `[...B, ...P, A, ...R]` (`B` the batch axes, `A` the gathered
 * one) and `indices` `[...B, ...I]` give `[...B, ...P, ...I, ...R]`; tfjs's own ops (reshape,
 * transpose, gather), whose gradients compose.
 */
function batchedGather(x: tfc.Tensor, indices: tfc.Tensor, axis: number, batch: number): tfc.Tensor {
  const size = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
  const [b, p, a, r] = [x.shape.slice(0, batch), x.shape.slice(batch, axis), x.shape[axis]!, x.shape.slice(axis + 1)];
  const i = indices.shape.slice(batch);
  return tfc.tidy(() => {
    const rows = tfc.reshape(tfc.transpose(tfc.reshape(x, [size(b), size(p), a, size(r)]), [0, 2, 1, 3]), [size(b) * a, size(p), size(r)]);
    const offsets = tfc.reshape(tfc.mul(tfc.range(0, size(b), 1, "int32"), tfc.scalar(a, "int32")), [size(b), 1]);
    const flat = tfc.add(tfc.reshape(tfc.cast(indices, "int32"), [size(b), size(i)]), offsets);
    const gathered = tfc.gather(rows, flat, 0); // [B, I, P, R]
    return tfc.reshape(tfc.transpose(gathered, [0, 2, 1, 3]), [...b, ...p, ...i, ...r]);
  });
}

/**
 * tfjs's `slice(x, begin, size?)`: `begin` and `size` list one entry per axis from the first (a
 * number is the first axis's); a missing `begin` entry is 0, a missing `size` entry — or an omitted
 * `size` — is -1, the rest of the axis. Each begin is an index from 0 (tfjs does not count from the
 * end), each size a non-negative integer or -1, and the slice must end within its axis. The result
 * has `size` (`dim − begin` for -1) on each axis.
 * @example
 * slice(zeros([4, 5]), [1, 2], [2, -1]).shape; //=> [2, 3]
 * slice(zeros([4, 5]), 1).shape; //=> [3, 5]
 * @throws ShapeError `SHAPE_SLICE`; InputError `INPUT_OPTION`
 */
export function slice<S extends Shape, const Begin extends number | readonly number[], const Size extends number | readonly number[] | undefined = undefined>(
  x: TfTensor<S>,
  begin: CheckedArg<Begin, TfSliceCheck<S, Begin, Size, "begin">>,
  size?: CheckedArg<Size, TfSliceCheck<S, Begin, Size, "size">>,
): TfTensor<ResultShape<TfSliceShape<S, Begin, Size>>> {
  tfSliceShape(shapeOf("slice", x), begin, size);
  return tfc.slice(raw(x), begin as number | number[], size as number | number[] | undefined) as never;
}

/**
 * The check of `tf.split`'s second argument (`"pieces"`) or its axis (`"axis"`): a number of equal
 * pieces is core `chunk`'s rule (the axis a multiple of it), a list of sizes core `split`'s (sizes that
 * add up to the axis). tfjs's `-1` in the sizes ("the rest") is not accepted: write the size (tfjs
 * computes it wrongly when the `-1` comes first, and fails).
 */
type TfSplitCheck<S extends Shape, Splits, Axis extends number | undefined, Part extends "pieces" | "axis"> = Splits extends number
  ? ChunkCheck<S, Axis, Splits, "split", Part extends "axis" ? "axis" : "chunks">
  : Splits extends readonly number[]
    ? SplitCheck<S, Axis, Splits, "split", Part extends "axis" ? "axis" : "sizes">
    : unknown;

/** The tensors `tf.split` returns: a tuple of equal pieces for a number, one per size for a list. */
export type TfSplitResult<S extends Shape, Splits, Axis extends number | undefined> = Splits extends number
  ? TfChunkTuple<Counted<ChunkCount<Splits>>, S, Axis, Splits>
  : Splits extends readonly number[]
    ? TfSizesTuple<Splits, S, Axis>
    : TfTensor[];
type TfChunkTuple<Count extends readonly unknown[], S extends Shape, Axis extends number | undefined, Chunks extends number> = {
  -readonly [K in keyof Count]: TfTensor<PieceOf<S, Axis, number, Chunks, "split">>;
};
type TfSizesTuple<Sizes extends readonly number[], S extends Shape, Axis extends number | undefined> = {
  -readonly [K in keyof Sizes]: TfTensor<PieceOf<S, Axis, Sizes[K] & number, undefined, "split">>;
};

/**
 * `tf.split(x, numOrSizeSplits, axis = 0)`: `numOrSizeSplits` equal pieces (the axis must be a
 * multiple: core `chunk`'s rule), or pieces of the sizes listed (they must add up to the axis: core
 * `split`'s rule, without tfjs's `-1`). The pieces are a tuple: `tf.split(gates, 4, 1)` of `[B, 128]` is
 * four `TfTensor<[B, 32]>`.
 * @example
 * split(zeros([2, 12]), 3, 1).map((t) => t.shape); //=> [[2, 4], [2, 4], [2, 4]]
 * split(zeros([2, 10]), [3, 7], 1)[1].shape; //=> [2, 7]
 * @throws ShapeError `SHAPE_SPLIT`, `SHAPE_AXIS`
 */
export function split<S extends Shape, const Splits extends number | readonly number[], const Axis extends number | undefined = undefined>(
  x: TfTensor<S>,
  numOrSizeSplits: RuntimeDecidesArg<S, Splits, TfSplitCheck<S, Splits, Axis, "pieces">>,
  axis?: CheckedAxis<Axis, TfSplitCheck<S, Splits, Axis, "axis">, "split">,
): TfSplitResult<S, Splits, Axis> {
  const dims = shapeOf("split", x);
  if (typeof numOrSizeSplits === "number") {
    chunkPieceFor("split", dims, numOrSizeSplits, axis);
    return tfc.split(raw(x), numOrSizeSplits, (axis as number | undefined) ?? 0) as never;
  }
  const checked = splitSizesFor("split", dims, numOrSizeSplits, axis);
  return tfc.split(raw(x), [...checked.sizes], (axis as number | undefined) ?? 0) as never;
}

/**
 * `tf.unstack(x, axis = 0)`: the axis's slices with the axis removed (core `unbind`'s rule, messages
 * naming `unstack`), as an array: `tf.unstack(xs, 1)` of `[B, T, 64]` is `TfTensor<[B, 64]>[]`.
 * @example
 * unstack(zeros([2, 3, 4]), 1).map((t) => t.shape); //=> [[2, 4], [2, 4], [2, 4]]
 * @throws ShapeError `SHAPE_AXIS`
 */
export function unstack<S extends Shape, const Axis extends number | undefined = undefined>(
  x: CheckedArg<TfTensor<S>, CheckOmittedAxis<Axis, UnbindChecked<S, 0, "unstack">>>,
  axis?: CheckedGivenAxis<Axis, UnbindChecked<S, AxisOf<Axis>, "unstack">, "unstack">,
): TfTensor<UnbindResult<S, AxisOf<Axis>, "unstack">>[] {
  const index = normalizeAxis("unstack", shapeOf("unstack", x), axis === undefined ? 0 : (axis as number));
  return tfc.unstack(raw(x), index) as never;
}

/** `tf.oneHot(indices, depth)`: `[...indices.shape, depth]` (indices are int32). */
export function oneHot<S extends Shape, const Depth extends number>(
  indices: TfTensor<S>,
  depth: CheckedArg<Depth, CheckShape<"oneHot", [Depth]>>,
  onValue?: number,
  offValue?: number,
  dtype?: DataType,
): TfTensor<[...S, Depth]> {
  shapeOf("oneHot", indices, "indices");
  creationShape("oneHot", [depth]); // the depth, as the type checks it (the same message)
  return tfc.oneHot(raw(indices), depth as number, onValue, offValue, dtype) as never;
}

// ---------------------------------------------------------------------------------------------
// Reductions and softmax

type ReduceFn<Op extends string> = <S extends Shape, const Axes extends ReduceAxesArg = undefined, KeepDims extends boolean = false>(
  x: Op extends NoIdentityOp ? EmptyGuard<S, Axes, Op, TfTensor<S>, "tensor"> : TfTensor<S>,
  axis?: Op extends NoIdentityOp
    ? EmptyGuard<S, Axes, Op, CheckedGivenAxis<Axes, ReduceAxesCheck<S, Axes, KeepDims, Op>, Op>, "axis">
    : CheckedGivenAxis<Axes, ReduceAxesCheck<S, Axes, KeepDims, Op>, Op>,
  keepDims?: KeepDims,
) => TfTensor<ReduceResult<S, Axes, KeepDims, Op>>;

function reduction<Op extends string>(op: Op, kernel: (x: tfc.Tensor, axis: number[], keepDims: boolean) => tfc.Tensor): ReduceFn<Op> {
  return ((x: unknown, axis?: ReduceAxesArg, keepDims?: boolean) => {
    const axes = reducedAxesFor(op, shapeOf(op, x), axis);
    return kernel(x as tfc.Tensor, axes, keepDims === true);
  }) as never;
}

/** `tf.sum(x, axis?, keepDims?)`: the built-in reduction rule. @throws ShapeError `SHAPE_AXIS` */
export const sum = reduction("sum", tfc.sum);
/** `tf.mean(x, axis?, keepDims?)`. @throws ShapeError `SHAPE_AXIS` */
export const mean = reduction("mean", tfc.mean);
/** `tf.max(x, axis?, keepDims?)`; an empty axis has no maximum. @throws ShapeError `SHAPE_AXIS` */
export const max = reduction("max", tfc.max);
/** `tf.min(x, axis?, keepDims?)`. @throws ShapeError `SHAPE_AXIS` */
export const min = reduction("min", tfc.min);

/**
 * `tf.argMax(x, axis = 0)`: the index of the largest value along `axis` (tfjs's default axis is 0,
 * not "all"), which is removed. @throws ShapeError `SHAPE_AXIS`
 */
export function argMax<S extends Shape, const Axis extends number = 0>(
  x: TfTensor<S>,
  axis?: CheckedAxis<Axis, ReduceAxesCheck<S, Axis, false, "argMax">, "argMax">,
): TfTensor<ReduceResult<S, Axis, false, "argMax">> {
  reducedAxesFor("argMax", shapeOf("argMax", x), (axis as number | undefined) ?? 0);
  return tfc.argMax(raw(x), axis as number | undefined) as never;
}

type SoftmaxFn<Op extends string> = <S extends Shape, const Axis extends number | undefined = undefined>(
  x: CheckedArg<TfTensor<S>, CheckOmittedAxis<Axis, TfSoftmaxShape<S, Axis, Op>>>,
  axis?: CheckedGivenAxis<Axis, TfSoftmaxShape<S, Axis, Op>, Op>,
) => TfTensor<S>;

/** `tf.softmax(logits, dim = -1)`: tfjs computes it along the last axis only. @throws ShapeError `SHAPE_AXIS` */
export const softmax: SoftmaxFn<"softmax"> = (x, axis) => {
  tfSoftmaxAxis("softmax", shapeOf("softmax", x, "logits"), (axis as number | undefined) ?? -1);
  return tfc.softmax(raw(x), axis as number | undefined) as never;
};
/** `tf.logSoftmax(logits, axis = -1)`: along the last axis only. @throws ShapeError `SHAPE_AXIS` */
export const logSoftmax: SoftmaxFn<"logSoftmax"> = (x, axis) => {
  tfSoftmaxAxis("logSoftmax", shapeOf("logSoftmax", x, "logits"), (axis as number | undefined) ?? -1);
  return tfc.logSoftmax(raw(x), axis as number | undefined) as never;
};

// ---------------------------------------------------------------------------------------------
// Losses

/** The shape a loss gives: a scalar, or (with `Reduction.NONE`) the per-example losses. */
type LossShape<S extends Shape, Reduction, PerExample extends Shape> = [Reduction] extends [tfc.Reduction.NONE] ? PerExample : [];

/**
 * `tf.losses.softmaxCrossEntropy(onehotLabels, logits, weights?, labelSmoothing?, reduction?)`: the
 * labels must have the logits' shape (tfjs does not broadcast them: `SHAPE_MISMATCH`); a scalar
 * (default reduction) or, with `Reduction.NONE`, one loss per row.
 * @throws ShapeError `SHAPE_MISMATCH`
 */
function softmaxCrossEntropy<Labels extends Shape, Logits extends Shape, const Reduction extends tfc.Reduction = tfc.Reduction.SUM_BY_NONZERO_WEIGHTS>(
  onehotLabels: SameShapeArg<TfTensor<Labels>, "softmaxCrossEntropy", "onehotLabels", Labels, "logits", Logits, "tfjs does not broadcast them">,
  logits: TfTensor<Logits>,
  weights?: TfTensor,
  labelSmoothing?: number,
  reduction?: Reduction,
): TfTensor<LossShape<Logits, Reduction, DropLastAxis<Logits>>> {
  checkSameShape("softmaxCrossEntropy", "onehotLabels", "logits", shapeOf("softmaxCrossEntropy", onehotLabels, "onehotLabels"), shapeOf("softmaxCrossEntropy", logits, "logits"));
  return tfc.losses.softmaxCrossEntropy(raw(onehotLabels), raw(logits), weights === undefined ? undefined : raw(weights), labelSmoothing, reduction) as never;
}

/**
 * `tf.losses.meanSquaredError(labels, predictions, weights?, reduction?)`: equal shapes (`SHAPE_MISMATCH`).
 * @throws ShapeError `SHAPE_MISMATCH`
 */
function meanSquaredError<Labels extends Shape, Predictions extends Shape, const Reduction extends tfc.Reduction = tfc.Reduction.SUM_BY_NONZERO_WEIGHTS>(
  labels: SameShapeArg<TfTensor<Labels>, "meanSquaredError", "labels", Labels, "predictions", Predictions, "tfjs does not broadcast them">,
  predictions: TfTensor<Predictions>,
  weights?: TfTensor,
  reduction?: Reduction,
): TfTensor<LossShape<Predictions, Reduction, Predictions>> {
  checkSameShape("meanSquaredError", "labels", "predictions", shapeOf("meanSquaredError", labels, "labels"), shapeOf("meanSquaredError", predictions, "predictions"));
  return tfc.losses.meanSquaredError(raw(labels), raw(predictions), weights === undefined ? undefined : raw(weights), reduction) as never;
}

/** tfjs's `losses`, typed: `softmaxCrossEntropy`, `meanSquaredError`. */
export const losses = { softmaxCrossEntropy, meanSquaredError };
export const Reduction = tfc.Reduction;

// ---------------------------------------------------------------------------------------------
// Memory, gradients, training

/** `tf.tidy(fn)`: runs `fn`, disposing the tensors it made except those it returns. */
export function tidy<Result>(fn: () => Result): Result {
  return tfc.tidy(fn as never) as never;
}

/** `tf.dispose(tensors)`. */
export function dispose(container: TfTensor | readonly TfTensor[] | Readonly<Record<string, TfTensor>>): void {
  tfc.dispose(container as never);
}

/** `tf.keep(x)`: keeps `x` alive past the enclosing `tidy`. */
export function keep<S extends Shape>(x: TfTensor<S>): TfTensor<S> {
  return tfc.keep(raw(x)) as never;
}

type Gradients<Args extends readonly TfTensor[]> = { -readonly [K in keyof Args]: TfTensor<Args[K]["shape"]> };

/** `tf.grad(f)`: the gradient of `f` at `x`, with `x`'s shape. */
export function grad<S extends Shape>(f: (x: TfTensor<S>) => TfTensor): (x: TfTensor<S>, dy?: TfTensor) => TfTensor<S> {
  return tfc.grad(f as never) as never;
}

/** `tf.grads(f)`: the gradients of `f` at `args`, each with its argument's shape. */
export function grads<const Args extends readonly TfTensor[]>(f: (...args: Args) => TfTensor): (args: Args, dy?: TfTensor) => Gradients<Args> {
  return tfc.grads(f as never) as never;
}

/** `f` with the built-in check that it returns a scalar, before tfjs sees its value. */
function scalarResult(op: string, f: () => unknown): () => tfc.Scalar {
  return () => {
    const y = f();
    assertScalar(op, shapeOf(op, y, "f()"));
    return y as tfc.Scalar;
  };
}

/**
 * `tf.variableGrads(f, varList?)`: the value of the scalar `f()` and its gradients with respect to the
 * trainable variables. `f` must return a scalar (`SHAPE_NOT_SCALAR`).
 * @throws ShapeError `SHAPE_NOT_SCALAR`
 */
export function variableGrads<Out extends Shape>(
  f: CheckedArg<(() => TfTensor<Out>), ScalarOnly<Out, "variableGrads">>,
  varList?: readonly TfVariable[],
): { value: TfTensor<[]>; grads: Record<string, TfTensor> } {
  return tfc.variableGrads(scalarResult("variableGrads", f as () => TfTensor<Out>), varList as tfc.Variable[] | undefined) as never;
}

type MinimizeMethod = <Out extends Shape>(
  f: CheckedArg<(() => TfTensor<Out>), ScalarOnly<Out, "minimize">>,
  returnCost?: boolean,
  varList?: readonly TfVariable[],
) => TfTensor<[]> | null;

/** A tfjs optimizer whose `minimize` takes a function returning a scalar `TfTensor<[]>`. */
export type TfOptimizer = Omit<tfc.Optimizer, "minimize"> & { minimize: MinimizeMethod };

/** The optimizer itself, its `minimize` (an own property, not the prototype's) checking `f()`'s shape. */
function checkedOptimizer(optimizer: tfc.Optimizer): TfOptimizer {
  const minimize = optimizer.minimize;
  Object.defineProperty(optimizer, "minimize", {
    configurable: true,
    writable: true,
    value: (f: () => unknown, returnCost?: boolean, varList?: tfc.Variable[]) => minimize.call(optimizer, scalarResult("minimize", f), returnCost, varList),
  });
  return optimizer as never;
}

/** tfjs's `train`, typed: `sgd`, `adam`, `momentum`; `minimize(f)` requires `f` to return a scalar. */
export const train = {
  /** `tf.train.sgd(learningRate)`. */
  sgd: (learningRate: number): TfOptimizer => checkedOptimizer(tfc.train.sgd(learningRate)),
  /** `tf.train.momentum(learningRate, momentum, useNesterov?)`. */
  momentum: (learningRate: number, momentum: number, useNesterov?: boolean): TfOptimizer => checkedOptimizer(tfc.train.momentum(learningRate, momentum, useNesterov)),
  /** `tf.train.adam(learningRate?, beta1?, beta2?, epsilon?)`. */
  adam: (learningRate?: number, beta1?: number, beta2?: number, epsilon?: number): TfOptimizer => checkedOptimizer(tfc.train.adam(learningRate, beta1, beta2, epsilon)),
};

// tfjs's environment functions, unchanged.
export { setBackend, getBackend, ready, memory, engine, env } from "@tensorflow/tfjs-core";
export type { DataType, Rank, TensorLike };

// ---------------------------------------------------------------------------------------------
// Checked chained methods

/** The chained methods `installChecks()` installs, each calling the checked free function. */
const CHAINED: Record<string, (self: unknown, ...args: unknown[]) => unknown> = {
  add: (x, b) => add(x as never, b as never),
  sub: (x, b) => sub(x as never, b as never),
  mul: (x, b) => mul(x as never, b as never),
  div: (x, b) => div(x as never, b as never),
  pow: (x, b) => pow(x as never, b as never),
  maximum: (x, b) => maximum(x as never, b as never),
  minimum: (x, b) => minimum(x as never, b as never),
  squaredDifference: (x, b) => squaredDifference(x as never, b as never),
  neg: (x) => neg(x as never),
  exp: (x) => exp(x as never),
  log: (x) => log(x as never),
  sqrt: (x) => sqrt(x as never),
  abs: (x) => abs(x as never),
  tanh: (x) => tanh(x as never),
  sigmoid: (x) => sigmoid(x as never),
  relu: (x) => relu(x as never),
  square: (x) => square(x as never),
  matMul: (x, b, ta, tb) => matMul(x as never, b as never, ta as never, tb as never),
  reshape: (x, shape) => reshape(x as never, shape as never),
  transpose: (x, perm) => transpose(x as never, perm as never),
  expandDims: (x, axis) => expandDims(x as never, axis as never),
  squeeze: (x, axis) => squeeze(x as never, axis as never),
  concat: (x, other, axis) => concat([x, ...(Array.isArray(other) ? other : [other])] as never, axis as never),
  stack: (x, other, axis) => stack([x, ...(Array.isArray(other) ? other : [other])] as never, axis as never),
  sum: (x, axis, keepDims) => sum(x as never, axis as never, keepDims as never),
  mean: (x, axis, keepDims) => mean(x as never, axis as never, keepDims as never),
  max: (x, axis, keepDims) => max(x as never, axis as never, keepDims as never),
  min: (x, axis, keepDims) => min(x as never, axis as never, keepDims as never),
  argMax: (x, axis) => argMax(x as never, axis as never),
  softmax: (x, axis) => softmax(x as never, axis as never),
  logSoftmax: (x, axis) => logSoftmax(x as never, axis as never),
  gather: (x, indices, axis, batchDims) => gather(x as never, indices as never, axis as never, batchDims as never),
  slice: (x, begin, size) => slice(x as never, begin as never, size as never),
  split: (x, numOrSizeSplits, axis) => split(x as never, numOrSizeSplits as never, axis as never),
  unstack: (x, axis) => unstack(x as never, axis as never),
  oneHot: (x, depth, onValue, offValue) => oneHot(x as never, depth as never, onValue as never, offValue as never),
  conv2d: (x, filter, strides, pad, dataFormat, dilations, dimRoundingMode) => {
    if (dimRoundingMode !== undefined) throw new InputError("INPUT_OPTION", "conv2d: dimRoundingMode is not supported by shapecheck/tfjs (call tfjs through untyped)");
    return conv2d(x as never, filter as never, strides as never, pad as never, dataFormat as never, dilations as never);
  },
  maxPool: (x, filterSize, strides, pad, dimRoundingMode) => {
    if (dimRoundingMode !== undefined) throw new InputError("INPUT_OPTION", "maxPool: dimRoundingMode is not supported by shapecheck/tfjs (call tfjs through untyped)");
    return maxPool(x as never, filterSize as never, strides as never, pad as never);
  },
  avgPool: (x, filterSize, strides, pad, dimRoundingMode) => {
    if (dimRoundingMode !== undefined) throw new InputError("INPUT_OPTION", "avgPool: dimRoundingMode is not supported by shapecheck/tfjs (call tfjs through untyped)");
    return avgPool(x as never, filterSize as never, strides as never, pad as never);
  },
  flatten: (x) => reshapeMethod("flatten", x),
  as1D: (x) => reshapeMethod("as1D", x),
  as2D: (x, rows, columns) => reshapeMethod("as2D", x, [rows, columns]),
  as3D: (x, rows, columns, depth) => reshapeMethod("as3D", x, [rows, columns, depth]),
  as4D: (x, rows, columns, depth, depth2) => reshapeMethod("as4D", x, [rows, columns, depth, depth2]),
  as5D: (x, rows, columns, depth, depth2, depth3) => reshapeMethod("as5D", x, [rows, columns, depth, depth2, depth3]),
  asScalar: (x) => reshapeMethod("asScalar", x),
  cast: (x, dtype) => cast(x as never, dtype as never),
  asType: (x, dtype) => cast(x as never, dtype as never),
  toFloat: (x) => cast(x as never, "float32"),
  toInt: (x) => cast(x as never, "int32"),
  toBool: (x) => cast(x as never, "bool"),
};

/** The names of the chained methods `installChecks()` installs. */
export const CHECKED_METHODS: readonly string[] = Object.keys(CHAINED);

/** The installed functions, one per name (made once, so a second install can recognise them). */
const CHECKED = new Map(
  Object.entries(CHAINED).map(([name, call]) => [
    name,
    function (this: unknown, ...args: unknown[]) {
      return call(this, ...args);
    },
  ]),
);

/**
 * What each prototype member would be without the checks (`undefined`: absent): what it was before
 * `installChecks()` first replaced it, or what replaced the checked method since.
 */
const replaced = new Map<string, PropertyDescriptor | undefined>();

/** Restores the prototype members `installChecks()` replaced. */
function uninstallChecks(): void {
  const prototype = tfc.Tensor.prototype as unknown as Record<string, unknown>;
  for (const [name, descriptor] of replaced) {
    if (descriptor === undefined) delete prototype[name];
    else Object.defineProperty(prototype, name, descriptor);
  }
  replaced.clear();
}

/**
 * Installs shape-checked chained methods (`x.matMul(w)`, `x.add(b)`, … — the ones `TfTensor` types,
 * `CHECKED_METHODS`) on tfjs's `Tensor` prototype, each calling this module's checked function (which
 * calls tfjs's op). Opt-in, because it changes every tensor in the process: tfjs-core alone has no
 * chained methods (the `@tensorflow/tfjs` bundle registers its own, unchecked), and other code that
 * relies on tfjs's exact behaviour (an implicit outer broadcast, say) would now get shapecheck's
 * errors. Returns a function that restores what was there before. Calling it again is harmless: it
 * reinstalls a method that something replaced since, and the restore function then puts back that
 * replacement — what the prototype would hold without the checks — not what was there before the
 * first install: tfjs's bundle, loaded after a first install, registers its own chained methods
 * (`toFloat`, `flatten`, …) where there were none, and restoring "none" would delete them.
 */
export function installChecks(): () => void {
  const prototype = tfc.Tensor.prototype as unknown as Record<string, unknown>;
  for (const [name, method] of CHECKED) {
    const current = Object.getOwnPropertyDescriptor(prototype, name);
    if (current?.value === method) continue;
    replaced.set(name, current);
    Object.defineProperty(prototype, name, { configurable: true, writable: true, value: method });
  }
  return uninstallChecks;
}

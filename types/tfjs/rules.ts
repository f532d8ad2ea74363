/**
 * The type rules of `shapecheck/tfjs` where TensorFlow.js's semantics differ from the built-in ops'
 * (NumPy's): matMul's rank and transpose flags, softmax's last-axis limit, the losses' same-shape
 * rule, gather, oneHot, and the reshaping methods (`flatten`, `asND`, `asScalar`: the built-in
 * reshape rule under tfjs's method names). Everything else in the tfjs layer reuses types/ops/* as it
 * is. Mirrors src/tfjs/rules.ts rule for rule and message for message.
 */
import type { Dim, Shape } from "../shape.js";
import type { ResultShape, ShapeError } from "../errors.js";
import type { NormalizeAxis, SplitAt } from "../internal/axes.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { MatmulCheck, MatmulResult } from "../ops/matmul.js";
import type { AllNatural, AxisValue, PrintOption } from "../ops/conv.js";
import type { AddDigits, CompareDigits, Digit, DivModDigits, FromDigits, IsNatural, MulDigits, SubDigits, ToDigits } from "../internal/digits.js";
import type { CompareDims } from "../internal/symbolic.js";
import type { FlattenShape, ReshapeShape } from "../ops/reshape.js";
import type { EinsumShape, ReadEinsum } from "../ops/einsum.js";
import type { Exact, NoTypeParameters, SameDimCheck, SwapLastTwo } from "../internal/dims.js";

// ---------------------------------------------------------------------------------------------
// matMul(a, b, transposeA, transposeB)

/**
 * `SHAPE_MATMUL: matMul: cannot multiply [3] by [3, 2]: the left operand has 1 axis; tfjs's matMul
 * needs at least 2 on each side (expandDims adds one)`. Mirrors `writeTfMatMulRankMessage`.
 */
export type WriteTfMatMulRankMessage<Left extends Shape, Right extends Shape, Side extends "left" | "right"> =
  `SHAPE_MATMUL: matMul: cannot multiply ${PrintShape<Left>} by ${PrintShape<Right>}: the ${Side} operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)`;

/** `S` with its last two axes swapped (what a transpose flag multiplies). */
export type { SwapLastTwo };

/** The operand a transpose flag makes: swapped when the flag is `true`, as it is when `false`. */
type Operand<S extends Shape, Transpose extends boolean> = [Transpose] extends [true] ? SwapLastTwo<S> : S;

/**
 * The rank-1 error of tfjs's matMul (a scalar is the built-in rule's error, checked after). Ranks are
 * matched as `[unknown]`, not `[Dim]`: TypeScript decides that for a dim that is a type parameter.
 */
type MatMulRankError<Left extends Shape, Right extends Shape> = [Left] extends [readonly [unknown]]
  ? ShapeError<WriteTfMatMulRankMessage<Left, Right, "left">>
  : [Right] extends [readonly [unknown]]
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
        : S extends readonly [...infer Init extends Shape, unknown]
          ? [Index] extends [Init["length"]]
            ? S
            : ShapeError<WriteTfLastAxisMessage<Op, S, Axis & number>>
          : S
    : never;

// ---------------------------------------------------------------------------------------------
// Same shapes (the losses): tfjs does not broadcast labels against predictions

/** `S` without its last axis (a per-example loss with `Reduction.NONE`). */
export type DropLastAxis<S extends Shape> = S extends readonly [...infer Init extends Shape, unknown] ? Init : number[];

// ---------------------------------------------------------------------------------------------
// gather(x, indices, axis) and oneHot(indices, depth)

/** `S[:Index]`. */
type Before<S extends Shape, Index extends number> = SplitAt<S, Index>[0];

/** `S[Index + 1:]`. */
type After<S extends Shape, Index extends number> = SplitAt<S, Index>[1] extends readonly [unknown, ...infer Rest extends Shape] ? Rest : [];

/**
 * `SHAPE_GATHER: gather: cannot gather from [2, 5, 4] by indices [3, 2] at axis 1 with batchDims 1:
 * batch axis 0 is 2 in x but 3 in the indices; they must be equal`. Mirrors `writeTfGatherMessage`.
 */
export type WriteTfGatherMessage<S extends Shape, Indices extends Shape, Axis extends number, BatchDims extends number, Detail extends string> =
  `SHAPE_GATHER: gather: cannot gather from ${PrintShape<S>} by indices ${PrintShape<Indices>} at axis ${Axis} with batchDims ${BatchDims}: ${Detail}`;

/** The first `Count` axes of `S` dropped. */
type DropFirst<S extends Shape, Count extends number> = SplitAt<S, Count>[1];

/** `BatchDims` as a count of leading axes of indices of rank `Rank`: `number` when it is not a literal; `never` out of range. */
type BatchCount<BatchDims extends number, Rank extends number> = number extends BatchDims
  ? number
  : IsNatural<BatchDims> extends true
    ? CompareDigits<ToDigits<BatchDims>, ToDigits<Rank>> extends "gt"
      ? never
      : BatchDims
    : `${BatchDims}` extends `-${infer Count extends number}`
      ? IsNatural<Count> extends true
        ? CompareDigits<ToDigits<Count>, ToDigits<Rank>> extends "gt"
          ? never
          : FromDigits<SubDigits<ToDigits<Rank>, ToDigits<Count>>>
        : never
      : never;

/**
 * The first batch axis `I < Count` where `S` and `Indices` differ (as `[I]`), or `[]`. The same dim
 * on both sides (a type parameter too) is equal without comparing sizes.
 */
type BatchClash<S extends Shape, Indices extends Shape, Count extends number, I extends 0[] = []> = I["length"] extends Count
  ? []
  : SameDim<S[I["length"]], Indices[I["length"]]> extends true
    ? BatchClash<S, Indices, Count, [...I, 0]>
    : CompareDims<S[I["length"]] & Dim, Indices[I["length"]] & Dim> extends "equal" | "dynamic"
      ? BatchClash<S, Indices, Count, [...I, 0]>
      : [I["length"]];

/** `true` when two dims are the same type, a type parameter included (`Exact`, types/internal/dims.ts). */
type SameDim<Left, Right> = Exact<Left> extends Exact<Right> ? true : false;

/** The batchDims part of gather's rule on a normalised axis `Index`: the shape or the `SHAPE_GATHER` error. */
type GatherBatch<S extends Shape, Indices extends Shape, Axis extends number, BatchDims extends number, Index extends number> =
  BatchCount<BatchDims, Indices["length"]> extends infer Batch extends number
    ? [Batch] extends [never]
      ? ShapeError<WriteTfGatherMessage<S, Indices, Axis, BatchDims, Indices extends readonly [] ? "the indices are a scalar, so batchDims must be 0" : `batchDims must be an integer from -${Indices["length"]} to ${Indices["length"]} (the indices have ${Indices["length"]} axes)`>>
      : number extends Batch
        ? number[]
        : CompareDigits<ToDigits<Batch>, ToDigits<Index>> extends "gt"
          ? ShapeError<WriteTfGatherMessage<S, Indices, Axis, BatchDims, `batchDims ${Batch} is more than the gathered axis ${Index} (the batch axes must come before it)`>>
          : BatchClash<S, Indices, Batch> extends [infer At extends number]
            ? ShapeError<WriteTfGatherMessage<S, Indices, Axis, BatchDims, `batch axis ${At} is ${PrintDim<S[At]>} in x but ${PrintDim<Indices[At]>} in the indices; they must be equal`>>
            : [...Before<S, Index>, ...DropFirst<Indices, Batch>, ...After<S, Index>]
    : never;

/**
 * The shape of tfjs's `gather(x, indices, axis, batchDims)`:
 * `x.shape[:axis] + indices.shape[batchDims:] + x.shape[axis + 1:]`, or the `SHAPE_AXIS` error (the
 * axis), or the `SHAPE_GATHER` error (batchDims out of range, past the axis, unequal batch axes), as
 * `gatherShape`.
 * @example
 * type Out = GatherShape<[10, 4], [3], 0>; //=> [3, 4]
 * type Batched = GatherShape<[2, 5, 4], [2, 3], 1, 1>; //=> [2, 3, 4]
 */
export type GatherShape<S extends Shape, Indices extends Shape, Axis extends number = 0, BatchDims extends number = 0> =
  NormalizeAxis<"gather", S, Axis> extends infer Index
    ? [Index] extends [ShapeError<string>]
      ? Index
      : number extends Index | Indices["length"]
        ? number[]
        : [BatchDims] extends [0]
          ? [...Before<S, Index & number>, ...Indices, ...After<S, Index & number>]
          : GatherBatch<S, Indices, Axis, BatchDims, Index & number>
    : never;

/** gather's check on its axis: the `SHAPE_AXIS` error only (the batchDims errors land on batchDims). */
export type GatherAxisCheck<S extends Shape, Indices extends Shape, Axis extends number> = GatherShape<S, Indices, Axis, 0>;

/** gather's check on batchDims: its errors once the axis is valid. */
export type GatherBatchCheck<S extends Shape, Indices extends Shape, Axis extends number, BatchDims extends number> =
  [GatherShape<S, Indices, Axis, 0>] extends [ShapeError<string>] ? unknown : GatherShape<S, Indices, Axis, BatchDims>;

/** The result type of gather (`number[]` after an error). */
export type GatherResult<S extends Shape, Indices extends Shape, Axis extends number, BatchDims extends number = 0> =
  ResultShape<GatherShape<S, Indices, Axis, BatchDims>>;

// ---------------------------------------------------------------------------------------------
// slice(x, begin, size): tfjs's begin/size form

/** `SHAPE_SLICE: slice: cannot slice [4, 5]: axis 1: begin 2 + size 4 = 6 is past the end (5)`. Mirrors `writeTfSliceMessage`. */
export type WriteTfSliceMessage<S extends Shape, Detail extends string> = `SHAPE_SLICE: slice: cannot slice ${PrintShape<S>}: ${Detail}`;

/** A failed slice: the message, and the argument it lands on. */
interface SliceFail<Arg extends "begin" | "size", Message extends string> {
  readonly arg: Arg;
  readonly message: Message;
}

/** `begin`/`size` as a list (a number is the first axis's; `undefined`, an omitted size, is `[]`). */
type SliceList<Value> = Value extends number ? [Value] : Value extends readonly number[] ? Value : [];

/** The first entry of a list, `Default` past its end, `number` for a list of unknown length. */
type FirstOf<List extends readonly number[], Default extends number> = number extends List["length"]
  ? number
  : List extends readonly [infer Head extends number, ...unknown[]]
    ? Head
    : Default;

/** The list without its first entry (a list of unknown length stays as it is). */
type RestOf<List extends readonly number[]> = number extends List["length"] ? List : List extends readonly [unknown, ...infer Rest extends readonly number[]] ? Rest : [];

/** The digit strings of 0…99 (their own text: no arithmetic needed to read them). */
type SmallDigits = Digit | `${Exclude<Digit, "0">}${Digit}`;

/**
 * A `begin`/`size` entry or a dim, read once: its digit string when it is a natural literal, `"?"`
 * when it is not known (`number`, a name), `"-1"` for -1, `"!"` for any other number (negative,
 * fractional, a union). Small values are read off their text; larger ones go through `ToDigits`.
 */
type Entry<Value> = [Value] extends [string]
  ? "?"
  : number extends Value
    ? "?"
    : [Value] extends [-1]
      ? "-1"
      : `${Value & number}` extends SmallDigits
        ? `${Value & number}`
        : ToDigits<Value & number> extends infer Text extends string
          ? [Text] extends [never]
            ? "!"
            : Text
          : "!";

/**
 * One axis of the slice: its result dim as `[dim]` (a tuple, so that a type-parameter dim is told
 * apart from a failure without deferring), or the failure. `Bd`, `Zd`, `Dd` are the entries as read
 * by `Entry`.
 */
type SliceAxis<S extends Shape, Axis extends number, D extends Dim, B extends number, Z extends number, Bd extends string, Zd extends string, Dd extends string> =
  Bd extends "!" | "-1"
    ? SliceFail<"begin", WriteTfSliceMessage<S, `axis ${Axis}: begin ${B} is not a non-negative integer (tfjs's slice does not count from the end)`>>
    : Zd extends "!"
      ? SliceFail<"size", WriteTfSliceMessage<S, `axis ${Axis}: size ${Z} is neither a non-negative integer nor -1 (the rest of the axis)`>>
      : Zd extends "?"
        ? [number]
        : Zd extends "-1"
          ? Bd extends "0"
            ? [D]
            : "?" extends Bd | Dd
              ? [number]
              : CompareDigits<Bd, Dd> extends "gt"
                ? SliceFail<"begin", WriteTfSliceMessage<S, `axis ${Axis}: begin ${B} is past the end (${Dd})`>>
                : [FromDigits<SubDigits<Dd, Bd>>]
          : "?" extends Bd | Dd
            ? [Z]
            : (Bd extends "0" ? Zd : AddDigits<Bd, Zd>) extends infer End extends string
              ? CompareDigits<End, Dd> extends "gt"
                ? SliceFail<"size", WriteTfSliceMessage<S, `axis ${Axis}: begin ${B} + size ${Z} = ${End} is past the end (${Dd})`>>
                : [Z]
              : never;

/** The axes of the slice in order, stopping at the first failure. */
type SliceAxes<S extends Shape, Dims extends Shape, Begins extends readonly number[], Sizes extends readonly number[], Acc extends Dim[] = []> =
  Dims extends readonly [infer D extends Dim, ...infer Rest extends Shape]
    ? [FirstOf<Begins, 0>, FirstOf<Sizes, -1>] extends [infer B extends number, infer Z extends number]
      ? SliceAxis<S, Acc["length"], D, B, Z, Entry<B>, Entry<Z>, Entry<D>> extends infer Out
        ? Out extends [infer Kept extends Dim]
          ? SliceAxes<S, Rest, RestOf<Begins>, RestOf<Sizes>, [...Acc, Kept]>
          : Out
        : never
      : never
    : Acc;

/** The slice rule: the result shape, or the failure and where it lands. */
type TfSliceRule<S extends Shape, Begin, Size> =
  number extends S["length"]
    ? number[]
    : S extends readonly []
      ? SliceFail<"begin", WriteTfSliceMessage<S, "a scalar has no axes to slice">>
      : [SliceList<Begin>, SliceList<Size>] extends [infer Begins extends readonly number[], infer Sizes extends readonly number[]]
        ? number extends Begins["length"]
          ? SliceAxes<S, S, Begins, Sizes>
          : CompareDigits<ToDigits<Begins["length"]>, ToDigits<S["length"]>> extends "gt"
            ? SliceFail<"begin", WriteTfSliceMessage<S, `begin has ${Begins["length"]} entries but the tensor has ${S["length"]} axes`>>
            : number extends Sizes["length"]
              ? SliceAxes<S, S, Begins, Sizes>
              : CompareDigits<ToDigits<Sizes["length"]>, ToDigits<S["length"]>> extends "gt"
                ? SliceFail<"size", WriteTfSliceMessage<S, `size has ${Sizes["length"]} entries but the tensor has ${S["length"]} axes`>>
                : SliceAxes<S, S, Begins, Sizes>
        : never;

/**
 * The shape of tfjs's `slice(x, begin, size)`: per axis `size` (or `dim − begin` for -1, "the rest"),
 * a missing begin entry being 0 and a missing size entry -1 (a number is the first axis's); or the
 * `SHAPE_SLICE` error, as `tfSliceShape`. `number` where a dim or an entry is not known.
 * @example
 * type Out = TfSliceShape<[4, 5], [1, 2], [2, -1]>; //=> [2, 3]
 */
export type TfSliceShape<S extends Shape, Begin, Size = undefined> =
  TfSliceRule<S, Begin, Size> extends infer Rule ? (Rule extends SliceFail<"begin" | "size", infer Message> ? ShapeError<Message> : Rule) : never;

/** The slice error that lands on argument `Arg` (`unknown` when there is none there). */
export type TfSliceCheck<S extends Shape, Begin, Size, Arg extends "begin" | "size"> =
  TfSliceRule<S, Begin, Size> extends infer Rule ? (Rule extends SliceFail<Arg, infer Message> ? ShapeError<Message> : unknown) : never;

// ---------------------------------------------------------------------------------------------
// conv2d, maxPool, avgPool (TensorFlow's layouts and output sizes)

type TfInputLayout<DataFormat> = [DataFormat] extends ["NCHW"] ? "[N, C, H, W]" : "[N, H, W, C]";

/**
 * `SHAPE_CONV: conv2d: cannot convolve [28, 28, 1] with [5, 5, 1, 8]: the input has 3 axes, conv2d
 * needs 4 ([N, H, W, C])`. Mirrors `writeTfConvRankMessage`.
 */
export type WriteTfConvRankMessage<X extends Shape, F extends Shape, Operand extends "input" | "filter", DataFormat> =
  `SHAPE_CONV: conv2d: cannot convolve ${PrintShape<X>} with ${PrintShape<F>}: the ${Operand} has ${Operand extends "input" ? X["length"] : F["length"]} axes, conv2d needs 4 (${Operand extends "input" ? TfInputLayout<DataFormat> : "[kH, kW, inC, outC]"})`;

/**
 * `SHAPE_CONV: conv2d: cannot convolve [1, 28, 28, 3] with [5, 5, 1, 8]: the input has 3 channels
 * (axis 3), the filter takes 1 (axis 2); they must be equal`. Mirrors `writeTfConvChannelsMessage`.
 */
export type WriteTfConvChannelsMessage<X extends Shape, F extends Shape, Axis extends 1 | 3> =
  `SHAPE_CONV: conv2d: cannot convolve ${PrintShape<X>} with ${PrintShape<F>}: the input has ${PrintDim<X[Axis]>} channels (axis ${Axis}), the filter takes ${PrintDim<F[2]>} (axis 2); they must be equal`;

/**
 * `SHAPE_CONV: conv2d: the input's channels (axis 3) are ${C} but the filter takes 4 (its axis 2); a
 * type parameter is equal only to itself` — where a type parameter keeps the channels' identity
 * undecided. Compile time only: at run time every dim is a number.
 */
export type WriteTfConvNamesMessage<X extends Shape, F extends Shape, Axis extends 1 | 3> =
  `SHAPE_CONV: conv2d: the input's channels (axis ${Axis}) are ${PrintDim<X[Axis] & Dim>} but the filter takes ${PrintDim<F[2] & Dim>} (its axis 2); a type parameter is equal only to itself`;

/**
 * conv2d's channels around type parameters, by `SameDimCheck`, asked apart from the rule (whose own
 * check accepts what a type parameter leaves undecided), and only where a shape holds one.
 */
export type TfConvChannelsIdentity<X extends Shape, F extends Shape, DataFormat> = unknown &
  ([[X, F]] extends [NoTypeParameters]
    ? unknown
    : [X["length"], F["length"]] extends [4, 4]
      ? ([DataFormat] extends ["NCHW"] ? 1 : 3) extends infer Axis extends 1 | 3
        ? SameDimCheck<WriteTfConvNamesMessage<X, F, Axis>, X[Axis] & Dim, F[2] & Dim>
        : unknown
      : unknown);

/** `SHAPE_CONV: conv2d: cannot convolve … : the filter's axis 0 is 0; …`. Mirrors `writeTfConvEmptyKernelMessage`. */
export type WriteTfConvEmptyKernelMessage<X extends Shape, F extends Shape, Axis extends 0 | 1> =
  `SHAPE_CONV: conv2d: cannot convolve ${PrintShape<X>} with ${PrintShape<F>}: the filter's axis ${Axis} is 0; a kernel needs at least one tap per axis`;

/** `SHAPE_CONV: conv2d: cannot convolve … : axis 1: the kernel spans 5 but the padded input is 4; …`. Mirrors `writeTfConvKernelMessage`. */
export type WriteTfConvKernelMessage<X extends Shape, F extends Shape, Axis extends number, Span extends string, Padded extends string> =
  `SHAPE_CONV: conv2d: cannot convolve ${PrintShape<X>} with ${PrintShape<F>}: axis ${Axis}: the kernel spans ${Span} but the padded input is ${Padded}; pad more, or use a smaller kernel or dilation`;

/** `SHAPE_POOL: maxPool: cannot pool [28, 28, 8] with filterSize 2: the input has 3 axes, maxPool needs 4 ([N, H, W, C])`. Mirrors `writeTfPoolRankMessage`. */
export type WriteTfPoolRankMessage<Op extends string, X extends Shape, FilterSize> =
  `SHAPE_POOL: ${Op}: cannot pool ${PrintShape<X>} with filterSize ${PrintOption<FilterSize>}: the input has ${X["length"]} axes, ${Op} needs 4 ([N, H, W, C])`;

/** `SHAPE_POOL: maxPool: cannot pool … : axis 1: the window spans 3 but the padded input is 2; …`. Mirrors `writeTfPoolWindowMessage`. */
export type WriteTfPoolWindowMessage<Op extends string, X extends Shape, FilterSize, Axis extends number, Span extends string, Padded extends string> =
  `SHAPE_POOL: ${Op}: cannot pool ${PrintShape<X>} with filterSize ${PrintOption<FilterSize>}: axis ${Axis}: the window spans ${Span} but the padded input is ${Padded}; pad more, or use a smaller filterSize`;

/** A window that does not fit the padded input (digit strings), for the op's message. */
export interface TooBig<Span extends string, Padded extends string> {
  readonly tooBig: [Span, Padded];
}

/**
 * Whether a window's output `Out` for an input dim `In` is `TooBig`: `false` at once where the output is
 * the input's dim itself (`"same"` with stride 1 — decided for a type parameter too, which a test of
 * `Out` alone would not be).
 */
type IsTooBig<Out, In> = Exact<Out> extends Exact<In> ? false : Out extends TooBig<string, string> ? true : false;

/**
 * One spatial axis, TensorFlow's output size on digit strings: with `span = (k − 1)·d + 1`,
 * `"same"` gives `ceil(in / s)`, `"valid"` `floor((in − span) / s) + 1`, a number `p`
 * `floor((in + 2p − span) / s) + 1`; `TooBig` when the window does not fit; `number` where a dim or
 * an option is not a literal (or a name, except `"same"` with stride 1, which keeps it).
 */
type TfWindow<In extends Dim, K extends Dim, Stride, Pad, Dilation> =
  0 extends Stride | Dilation
    ? number // not a positive integer: an INPUT_OPTION error at run time
    : [Pad, Stride] extends ["same", 1]
      ? In // ceil(in / 1): any dim stays itself — a name, `number`, a type parameter — decided without testing it
      : [Pad] extends ["same"]
      ? [In] extends [string]
        ? number
        : AllNatural<[In, Stride]> extends true
          ? [Stride] extends [1]
            ? In
            : DivModDigits<SubDigits<AddDigits<ToDigits<In & number>, ToDigits<Stride & number>>, "1">, ToDigits<Stride & number>> extends [infer Q extends string, string]
              ? FromDigits<Q>
              : never
          : number
      : ([Pad] extends ["valid"] ? 0 : Pad) extends infer P
        ? AllNatural<[In, K, Stride, Dilation, P]> extends true
          ? AddDigits<MulDigits<ToDigits<Dilation & number>, SubDigits<ToDigits<K & number>, "1">>, "1"> extends infer Span extends string
            ? AddDigits<ToDigits<In & number>, MulDigits<"2", ToDigits<P & number>>> extends infer Padded extends string
              ? CompareDigits<Padded, Span> extends "lt"
                ? TooBig<Span, Padded>
                : DivModDigits<SubDigits<Padded, Span>, ToDigits<Stride & number>> extends [infer Q extends string, string]
                  ? FromDigits<AddDigits<Q, "1">>
                  : never
              : never
            : never
          : number
        : never;

/** The spatial axes of a conv2d input: `[H, W]` and the index of H. */
type SpatialOf<X extends Shape, DataFormat> = [DataFormat] extends ["NCHW"] ? [X[2], X[3], 2] : [X[1], X[2], 1];

/**
 * The spatial outputs `[H', W']` of conv2d, or its error. Each axis's window is passed on as it is
 * (not bound by `infer`: where it is the input's dim, a type parameter, the binding could not be decided).
 */
type TfConvSpatial<X extends Shape, F extends Shape, Strides, Pad, DataFormat, Dilations> =
  SpatialOf<X, DataFormat> extends [infer H extends Dim, infer W extends Dim, infer First extends number]
    ? TfConvAxes<X, F, First, H, W, TfWindow<H, F[0], AxisValue<Strides, 0>, Pad, AxisValue<Dilations, 0>>, TfWindow<W, F[1], AxisValue<Strides, 1>, Pad, AxisValue<Dilations, 1>>>
    : never;

type TfConvAxes<X extends Shape, F extends Shape, First extends number, H extends Dim, W extends Dim, OutH, OutW> = [F[0]] extends [0]
  ? ShapeError<WriteTfConvEmptyKernelMessage<X, F, 0>>
  : IsTooBig<OutH, H> extends true
    ? OutH extends TooBig<infer Span, infer Padded> ? ShapeError<WriteTfConvKernelMessage<X, F, First, Span, Padded>> : never
    : [F[1]] extends [0]
      ? ShapeError<WriteTfConvEmptyKernelMessage<X, F, 1>>
      : IsTooBig<OutW, W> extends true
        ? OutW extends TooBig<infer Span, infer Padded> ? ShapeError<WriteTfConvKernelMessage<X, F, Add1<First>, Span, Padded>> : never
        : [OutH & Dim, OutW & Dim];


type Add1<N extends number> = N extends 1 ? 2 : 3;

/**
 * What conv2d's operands allow before any window is computed: `"ok"`, `"dynamic"` (a rank that is not
 * known), or the error of the input's rank, the filter's rank or the channels. Channels are compared
 * as the same dim first, so a type parameter meets itself. Shared by the rule and the result type.
 */
type TfConvOperands<X extends Shape, F extends Shape, DataFormat> = number extends X["length"] | F["length"]
  ? "dynamic"
  : X extends readonly [unknown, unknown, unknown, unknown]
    ? F extends readonly [unknown, unknown, unknown, unknown]
      ? ([DataFormat] extends ["NCHW"] ? 1 : 3) extends infer Axis extends 1 | 3
        ? (Exact<X[Axis]> extends Exact<F[2]> ? "equal" : CompareDims<X[Axis] & Dim, F[2] & Dim>) extends "equal" | "dynamic"
          ? "ok"
          : ShapeError<WriteTfConvChannelsMessage<X, F, Axis>>
        : never
      : ShapeError<WriteTfConvRankMessage<X, F, "filter", DataFormat>>
    : ShapeError<WriteTfConvRankMessage<X, F, "input", DataFormat>>;

/**
 * The shape of tfjs's `conv2d(x, filter, strides, pad, dataFormat, dilations)`: `[N, H, W, C]` (or
 * `[N, C, H, W]`) with `[kH, kW, C, outC]` gives `[N, H', W', outC]` (or `[N, outC, H', W']`), or the
 * `SHAPE_CONV` error (rank, channels, an empty or too-large kernel), as `tfConv2dShape`.
 * @example
 * type Out = TfConv2dShape<[1, 28, 28, 1], [5, 5, 1, 8], 2, "same", "NHWC", 1>; //=> [1, 14, 14, 8]
 */
export type TfConv2dShape<X extends Shape, F extends Shape, Strides, Pad, DataFormat, Dilations> = TfConvOperands<X, F, DataFormat> extends infer Operands
  ? Operands extends "ok"
    ? TfConvSpatial<X, F, Strides, Pad, DataFormat, Dilations> extends infer Out
      ? Out extends readonly [infer OutH extends Dim, infer OutW extends Dim]
        ? [DataFormat] extends ["NCHW"]
          ? [X[0], F[3], OutH, OutW]
          : [X[0], OutH, OutW, F[3]]
        : Out
      : never
    : Operands extends "dynamic"
      ? number[]
      : Operands
  : never;

/**
 * The shape of tfjs's `maxPool`/`avgPool(x, filterSize, strides, pad)`: `[N, H, W, C]` gives
 * `[N, H', W', C]`, or the `SHAPE_POOL` error (rank, a window larger than the padded input).
 * @example
 * type Out = TfPoolShape<"maxPool", [1, 28, 28, 8], 2, 2, "valid">; //=> [1, 14, 14, 8]
 */
export type TfPoolShape<Op extends string, X extends Shape, FilterSize, Strides, Pad> =
  number extends X["length"]
    ? number[]
    : X extends readonly [infer N extends Dim, infer H extends Dim, infer W extends Dim, infer C extends Dim]
      ? TfPoolAxes<
          Op,
          X,
          FilterSize,
          N,
          H,
          W,
          C,
          TfWindow<H, AxisValue<FilterSize, 0>, AxisValue<Strides, 0>, Pad, 1>,
          TfWindow<W, AxisValue<FilterSize, 1>, AxisValue<Strides, 1>, Pad, 1>
        >
      : ShapeError<WriteTfPoolRankMessage<Op, X, FilterSize>>;

type TfPoolAxes<Op extends string, X extends Shape, FilterSize, N extends Dim, H extends Dim, W extends Dim, C extends Dim, OutH, OutW> = IsTooBig<OutH, H> extends true
  ? OutH extends TooBig<infer Span, infer Padded> ? ShapeError<WriteTfPoolWindowMessage<Op, X, FilterSize, 1, Span, Padded>> : never
  : IsTooBig<OutW, W> extends true
    ? OutW extends TooBig<infer Span, infer Padded> ? ShapeError<WriteTfPoolWindowMessage<Op, X, FilterSize, 2, Span, Padded>> : never
    : [N, OutH & Dim, OutW & Dim, C];

/**
 * One spatial axis's output dim for result types: the input's dim where the window keeps the size
 * (`"same"` with stride 1), else `TfWindowSize`. Decided by the options alone, so around a type
 * parameter the result reads `[B, H, W, 8]` or `[B, TfWindowSize<H, 3, 2, "same", 1>, …]`.
 */
type TfResultAxis<In extends Dim, K, Stride, Pad, Dilation> = 0 extends Stride | Dilation
  ? number // not a positive integer: an INPUT_OPTION error at run time
  : [Pad, Stride] extends ["same", 1]
    ? In
    : TfWindowSize<In, K & Dim, Stride, Pad, Dilation>;

/**
 * TensorFlow's output size of a window along an axis whose input dim is `In`, for result types: the
 * number on known sizes (`number` for a name or a `number` dim, and where the window does not fit,
 * which the argument check reports). Around a type parameter it stays as written,
 * `TfWindowSize<H, 3, 2, "same", 1>` (input, window, stride, padding, dilation): a dim equal only to
 * itself — TypeScript cannot tell a type parameter from a name, so the first test stays undecided.
 */
export type TfWindowSize<In extends Dim, K extends Dim, Stride, Pad, Dilation> = [In] extends [string]
  ? number
  : TfWindow<In, K, Stride, Pad, Dilation> extends infer Out extends number // a window that does not fit is `TooBig`
    ? Out
    : number;

/**
 * The result shape of tfjs's `conv2d` (`TfConv2dShape`'s shape on success), computed around type
 * parameters: spatial dims by `TfResultAxis`, the batch and output channels as they are; `number[]`
 * for a rank error or channels that differ (what the argument check reports).
 */
export type TfConv2dResult<X extends Shape, F extends Shape, Strides, Pad, DataFormat, Dilations> = TfConvOperands<X, F, DataFormat> extends "ok"
  ? [DataFormat] extends ["NCHW"]
    ? X extends readonly [infer N extends Dim, unknown, infer H extends Dim, infer W extends Dim]
      ? [
          N,
          F[3],
          TfResultAxis<H, F[0], AxisValue<Strides, 0>, Pad, AxisValue<Dilations, 0>>,
          TfResultAxis<W, F[1], AxisValue<Strides, 1>, Pad, AxisValue<Dilations, 1>>,
        ]
      : never
    : X extends readonly [infer N extends Dim, infer H extends Dim, infer W extends Dim, unknown]
      ? [
          N,
          TfResultAxis<H, F[0], AxisValue<Strides, 0>, Pad, AxisValue<Dilations, 0>>,
          TfResultAxis<W, F[1], AxisValue<Strides, 1>, Pad, AxisValue<Dilations, 1>>,
          F[3],
        ]
      : never
  : number[];

/** The result shape of tfjs's `maxPool`/`avgPool` (`TfPoolShape`'s on success), around type parameters as `TfConv2dResult`. */
export type TfPoolResult<X extends Shape, FilterSize, Strides, Pad> = number extends X["length"]
  ? number[]
  : X extends readonly [infer N extends Dim, infer H extends Dim, infer W extends Dim, infer C extends Dim]
    ? [
        N,
        TfResultAxis<H, AxisValue<FilterSize, 0>, AxisValue<Strides, 0>, Pad, 1>,
        TfResultAxis<W, AxisValue<FilterSize, 1>, AxisValue<Strides, 1>, Pad, 1>,
        C,
      ]
    : number[];

// ---------------------------------------------------------------------------------------------
// The reshaping methods: x.flatten(), x.as1D() … x.as5D(…), x.asScalar()

/** tfjs's chained reshaping methods (each a `reshape` in tfjs-core's chained_ops). */
export type TfReshapeMethod = "flatten" | "as1D" | "as2D" | "as3D" | "as4D" | "as5D" | "asScalar";

/**
 * The shape of tfjs's reshaping methods: `flatten()` and `as1D()` reshape to `[x.size]` (the built-in
 * `FlattenShape`, a reshape to `[-1]`), `asScalar()` to `[]` (one element), `as2D(r, c)` … `as5D(…)`
 * to exactly `Dims` (tfjs's reshape, so one `-1` is inferred). The built-in reshape rule — exact
 * counts on digit strings, names as polynomials, `number` dims never an error — with the method's
 * name in its `SHAPE_RESHAPE` messages, as `tfReshapeShape`.
 * @example
 * type Flat = TfReshapeShape<"flatten", ["batch", 28, 28]>; //=> ["batch*784"]
 * type Grid = TfReshapeShape<"as2D", [6], [2, 3]>; //=> [2, 3]
 */
export type TfReshapeShape<Op extends TfReshapeMethod, S extends Shape, Dims extends Shape = []> =
  Op extends "flatten" | "as1D" ? FlattenShape<S, Op> : ReshapeShape<S, Op extends "asScalar" ? [] : Dims, Op>;

// ---------------------------------------------------------------------------------------------
// einsum(equation, ...tensors)

/** Mirrors `writeTfEinsumMessage`. */
export type WriteTfEinsumMessage<P extends string, Detail extends string> =
  `SHAPE_EINSUM: einsum: '${P}': TensorFlow.js's einsum ${Detail}; the built-in einsum (shapecheck's own tensors) takes it`;

/** The first operand's term with a letter twice, as the detail; else `never`. */
type RepeatedIndex<Terms extends string[], Index extends 0[] = []> = Terms extends [infer Term extends string, ...infer Rest extends string[]]
  ? FirstRepeat<Term> extends infer Letter extends string
    ? [Letter] extends [never]
      ? RepeatedIndex<Rest, [...Index, 0]>
      : `does not take an index twice in one operand (operand ${Index["length"]}'s '${Term}' repeats '${Letter}')`
    : never
  : never;

/** The first letter of `Term` that appeared before it, or `never`. */
type FirstRepeat<Term extends string, Seen extends string = never> = Term extends `${infer C}${infer Rest}` ? ([C] extends [Seen] ? C : FirstRepeat<Rest, Seen | C>) : never;

/** What tfjs's einsum does not support in subscripts NumPy reads, as the detail; else `never`. Mirrors `tfEinsumShape`. */
type TfEinsumLimit<P extends string, Count extends number> = Count extends 0 | 1 | 2
  ? SubscriptLimit<P>
  : number extends Count
    ? SubscriptLimit<P>
    : `takes one or two operands, not ${Count}`;

/** The limits on subscripts that the built-in rule has read (`ReadEinsum`'s terms: the same instantiation). */
type SubscriptLimit<P extends string> = P extends `${string}...${string}`
  ? "does not read '...' (name the axes with letters)"
  : [P, ReadEinsum<P, "einsum">] extends [`${infer L}->${infer R}`, { inputs: infer Terms extends string[] }]
    ? [RepeatedIndex<Terms>] extends [never]
      ? WrongSum<Terms, FirstSummed<L, R>>
      : RepeatedIndex<Terms>
    : never;

/** The first letter of the operands' subscripts that the output leaves out (summed over), or `never`. */
type FirstSummed<L extends string, R extends string> = L extends `${infer C}${infer Rest}`
  ? C extends ","
    ? FirstSummed<Rest, R>
    : R extends `${string}${C}${string}`
      ? FirstSummed<Rest, R>
      : C
  : never;

/**
 * tfjs (4.22) sums the indices the output leaves out one at a time, in the order the subscripts first
 * name them, and multiplies in each operand at the first of them it has: an operand (not a scalar)
 * without the first is left out of that sum — a wrong result, of the right shape or not, without an
 * error. The detail for the first such operand, else `never`. Mirrors `tfEinsumShape`.
 */
type WrongSum<Terms extends string[], First extends string, Index extends 0[] = []> = [First] extends [never]
  ? never
  : Terms extends [infer Term extends string, ...infer Rest extends string[]]
    ? Term extends ""
      ? WrongSum<Rest, First, [...Index, 0]>
      : Term extends `${string}${First}${string}`
        ? WrongSum<Rest, First, [...Index, 0]>
        : `gives a wrong result here, without an error: it sums '${First}' first and leaves operand ${Index["length"]} ('${Term}'), which lacks it, out of that sum; sum '${First}' out of its operand beforehand (tf.sum)`
    : never;

/**
 * tfjs's einsum: the built-in rule (`EinsumShape`), then tfjs's limits — one or two operands, no index
 * twice in one operand, no `...` — or the `ShapeError` the runtime throws.
 */
export type TfEinsumShape<P extends string, Shapes extends Shape[]> = EinsumShape<P, Shapes, "einsum", false> extends infer Out
  ? [Out] extends [ShapeError<string>]
    ? Out
    : [TfEinsumLimit<P, Shapes["length"]>] extends [never]
      ? Out
      : ShapeError<WriteTfEinsumMessage<P, TfEinsumLimit<P, Shapes["length"]>>>
  : never;

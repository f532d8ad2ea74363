/**
 * Convolution at the type level: `Conv1dShape<X, W, Opts>` and `Conv2dShape<X, W, Opts>`, PyTorch's
 * `conv1d`/`conv2d` on NCHW shapes. Mirrors src/ops/conv.ts rule for rule and message for message.
 *
 * - `X` is `[N, C, L]` or `[N, C, H, W]`, `W` is `[O, C/groups, K]` or `[O, C/groups, kH, kW]`; the
 *   result is `[N, O, …]` with, per spatial axis, `floor((in + 2·padding − dilation·(k − 1) − 1) /
 *   stride) + 1`, computed on decimal digit strings (types/internal/digits.ts), exact to 2^53 − 1.
 * - Errors (`SHAPE_CONV`, in the runtime's order): wrong rank of the input or the weight; groups not
 *   dividing C, then O; C ≠ the weight's axis 1 × groups (names compared by normal form when groups is
 *   1); a bias that is not `[O]`; `"same"` padding with a stride other than 1; per spatial axis, a
 *   kernel of size 0 or one that spans more than the padded input.
 * - `number` (a dim, or an option that is not a literal): never an error; the dims it affects are
 *   `number`. A shape of unknown rank gives `number[]`.
 * - A named spatial dim stays the name where the output equals the input (stride 1 and `"same"`
 *   padding, or explicit padding of total `dilation·(k − 1)`); otherwise its output is `number` (the
 *   size depends on the name's value).
 * - Options are read from an object literal through `const` type parameters.
 */
import type { Dim, Shape } from "../shape.js";
import type { Exact, IsKnownSize, NoTypeParameters, SameDimCheck } from "../internal/dims.js";
import type { IdentityFirst, ShapeError } from "../errors.js";
import type { Tensor } from "../../src/tensor.js";
import type { PrintDim, PrintShape } from "../internal/print.js";
import type { AddDigits, CompareDigits, DivModDigits, FromDigits, IsNatural, Mod, Mul, MulDigits, SubDigits, SubDigitsShort, ToDigits } from "../internal/digits.js";
import type { CompareDims, InvalidSizesMessage, NormalizeShape } from "../internal/symbolic.js";

// ---------------------------------------------------------------------------------------------
// Options

/** One value per spatial axis. */
type AxisTuple<Spatial extends 1 | 2> = Spatial extends 1 ? readonly [number] : readonly [number, number];

/** The options of `conv1dShape`/`conv2dShape`: as the op's, with `bias` given as the bias's shape. */
export interface ConvShapeOptions<Spatial extends 1 | 2> {
  readonly stride?: number | AxisTuple<Spatial>;
  readonly padding?: number | AxisTuple<Spatial> | "valid" | "same";
  readonly dilation?: number | AxisTuple<Spatial>;
  readonly groups?: number;
  readonly bias?: readonly Dim[];
}

/** The options of `conv1d`: `stride`, `padding` (a number, `"valid"` or `"same"`), `dilation`, `groups`, `bias` `[O]`. */
export interface Conv1dOptions {
  readonly stride?: number | readonly [number];
  readonly padding?: number | readonly [number] | "valid" | "same";
  readonly dilation?: number | readonly [number];
  readonly groups?: number;
  readonly bias?: Tensor;
}

/** The options of `conv2d`: `stride`, `padding` (per axis, `"valid"` or `"same"`), `dilation`, `groups`, `bias` `[O]`. */
export interface Conv2dOptions {
  readonly stride?: number | readonly [number, number];
  readonly padding?: number | readonly [number, number] | "valid" | "same";
  readonly dilation?: number | readonly [number, number];
  readonly groups?: number;
  readonly bias?: Tensor;
}

/**
 * An option's value: `Default` when it is absent, `number` when it may or may not be given (a
 * non-literal options object), else its literal type.
 */
export type OptionOf<Opts, Key extends string, Default> = Key extends keyof Opts
  ? [Opts[Key]] extends [undefined]
    ? Default
    : undefined extends Opts[Key]
      ? number
      : Opts[Key]
  : Default;

/** The value of a per-axis option on spatial axis `Index` (`number` when not a literal). */
export type AxisValue<Value, Index extends 0 | 1> = Value extends readonly [infer First extends number, infer Second extends number]
  ? Index extends 0
    ? First
    : Second
  : Value extends readonly [infer Only extends number]
    ? Only
    : Value extends number
      ? Value
      : number;

/** Prints an option as given: `2`, `[2, 1]`. Mirrors `formatOption`. */
export type PrintOption<Value> = Value extends readonly Dim[] ? PrintShape<Value> : Value extends number ? `${Value}` : "number";

/** `floor(Left / Right)` for natural literals; `number` when either is not one. */
export type FloorDiv<Left extends number, Right extends number> = AllNatural<[Left, Right]> extends true
  ? DivModDigits<ToDigits<Left>, ToDigits<Right>> extends [infer Quotient extends string, string]
    ? FromDigits<Quotient>
    : never
  : number; // an intermediate size above 2^53 − 1

/** `true` when every one of `Values` is a natural literal. */
export type AllNatural<Values extends readonly unknown[]> = Values extends readonly [infer Head, ...infer Rest]
  ? IsNatural<Head> extends true
    ? AllNatural<Rest>
    : false
  : true;

// ---------------------------------------------------------------------------------------------
// Messages

type InputLayout<Spatial extends 1 | 2> = Spatial extends 1 ? "[N, C, L]" : "[N, C, H, W]";
type WeightLayout<Spatial extends 1 | 2> = Spatial extends 1 ? "[O, C/groups, K]" : "[O, C/groups, kH, kW]";

/**
 * `SHAPE_CONV: conv2d: cannot convolve [3, 8, 8] with [4, 3, 3, 3]: the input has 3 axes, conv2d
 * needs 4 ([N, C, H, W])`. Mirrors `writeConvRankMessage`.
 */
export type WriteConvRankMessage<Op extends string, X extends Shape, W extends Shape, Operand extends "input" | "weight", Spatial extends 1 | 2> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: the ${Operand} has ${Operand extends "input" ? X["length"] : W["length"]} axes, ${Op} needs ${Spatial extends 1 ? 3 : 4} (${Operand extends "input" ? InputLayout<Spatial> : WeightLayout<Spatial>})`;

/**
 * `SHAPE_CONV: conv2d: cannot convolve [1, 3, 8, 8] with [4, 1, 3, 3]: groups 2 does not divide the
 * input's 3 channels (axis 1)`. Mirrors `writeConvGroupsMessage`.
 */
export type WriteConvGroupsMessage<Op extends string, X extends Shape, W extends Shape, Groups extends number, Operand extends "input" | "weight"> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: groups ${Groups} does not divide ${Operand extends "input" ? `the input's ${PrintDim<X[1]>} channels (axis 1)` : `the weight's ${PrintDim<W[0]>} output channels (axis 0)`}`;

/**
 * `SHAPE_CONV: conv2d: cannot convolve [1, 3, 8, 8] with [4, 2, 3, 3]: the input has 3 channels, the
 * weight takes 2 per group × groups 1; …`. Mirrors `writeConvChannelsMessage`.
 */
export type WriteConvChannelsMessage<Op extends string, X extends Shape, W extends Shape, Groups extends number> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: the input has ${PrintDim<X[1]>} channels, the weight takes ${PrintDim<W[1]>} per group × groups ${Groups}; the input's axis 1 must be the weight's axis 1 × groups`;

/** `SHAPE_CONV: conv2d: bias [5] does not fit the weight [4, 3, 3, 3]: the bias must be [4], …`. Mirrors `writeConvBiasMessage`. */
export type WriteConvBiasMessage<Op extends string, W extends Shape, Bias extends Shape> =
  `SHAPE_CONV: ${Op}: bias ${PrintShape<Bias>} does not fit the weight ${PrintShape<W>}: the bias must be ${PrintShape<[W[0]]>}, one value per output channel`;

/** `SHAPE_CONV: conv2d: cannot convolve … : padding "same" needs stride 1, got stride 2; …`. Mirrors `writeConvSameMessage`. */
export type WriteConvSameMessage<Op extends string, X extends Shape, W extends Shape, Stride> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: padding 'same' needs stride 1, got stride ${PrintOption<Stride>}; give the padding as numbers`;

/** `SHAPE_CONV: conv2d: cannot convolve … : axis 2: the kernel spans 3 but the padded input is 2; …`. Mirrors `writeConvKernelMessage`. */
export type WriteConvKernelMessage<Op extends string, X extends Shape, W extends Shape, Axis extends number, Span extends string, Padded extends string> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: axis ${Axis}: the kernel spans ${Span} but the padded input is ${Padded}; pad more, or use a smaller kernel or dilation`;

/** `SHAPE_CONV: conv2d: cannot convolve … : the kernel's axis 2 is 0; …`. Mirrors `writeConvEmptyKernelMessage`. */
export type WriteConvEmptyKernelMessage<Op extends string, X extends Shape, W extends Shape, Axis extends number> =
  `SHAPE_CONV: ${Op}: cannot convolve ${PrintShape<X>} with ${PrintShape<W>}: the kernel's axis ${Axis} is 0; a kernel needs at least one tap per axis`;

// ---------------------------------------------------------------------------------------------
// The rule

/** The checks before the spatial axes, in the runtime's order: `unknown` or the first error. */
type ChannelChecks<Op extends string, X extends Shape, W extends Shape, Groups, Bias, Padding, Stride, Spatial extends 1 | 2> =
  GroupsCheck<Op, X, W, Groups> extends infer Failed extends ShapeError<string>
    ? Failed
    : BiasCheck<Op, W, Bias> extends infer Failed extends ShapeError<string>
      ? Failed
      : [Padding] extends ["same"]
        ? StrideNotOne<Stride, Spatial> extends true
          ? ShapeError<WriteConvSameMessage<Op, X, W, Stride>>
          : unknown
        : unknown;

type GroupsCheck<Op extends string, X extends Shape, W extends Shape, Groups> = [Groups] extends [1]
  ? Exact<X[1]> extends Exact<W[1]> // the same dim (a type parameter with itself included) first, so the result resolves in generic code
    ? unknown
    : CompareDims<X[1], W[1]> extends "equal" | "dynamic"
      ? unknown
      : ShapeError<WriteConvChannelsMessage<Op, X, W, 1>>
  : IsNatural<Groups> extends true
    ? Groups extends 0
      ? unknown // an INPUT_OPTION error at run time
      : Groups extends number
        ? IsKnownSize<X[1]> extends true
          ? Mod<X[1] & number, Groups> extends 0
            ? OutChannelsCheck<Op, X, W, Groups>
            : ShapeError<WriteConvGroupsMessage<Op, X, W, Groups, "input">>
          : OutChannelsCheck<Op, X, W, Groups>
        : unknown
    : unknown;

type OutChannelsCheck<Op extends string, X extends Shape, W extends Shape, Groups extends number> =
  IsKnownSize<W[0]> extends true
    ? Mod<W[0] & number, Groups> extends 0
      ? InChannelsCheck<Op, X, W, Groups>
      : ShapeError<WriteConvGroupsMessage<Op, X, W, Groups, "weight">>
    : InChannelsCheck<Op, X, W, Groups>;

type InChannelsCheck<Op extends string, X extends Shape, W extends Shape, Groups extends number> =
  [IsKnownSize<X[1]>, IsKnownSize<W[1]>] extends [true, true]
    ? [Mul<W[1] & number, Groups>] extends [X[1]]
      ? unknown
      : ShapeError<WriteConvChannelsMessage<Op, X, W, Groups>>
    : unknown;

type BiasCheck<Op extends string, W extends Shape, Bias> = [Bias] extends [undefined]
  ? unknown
  : Bias extends Shape
    ? number extends Bias["length"]
      ? unknown
      : Bias extends readonly [infer Only extends Dim]
        ? Exact<Only> extends Exact<W[0]>
          ? unknown
          : CompareDims<Only, W[0]> extends "equal" | "dynamic"
            ? unknown
            : ShapeError<WriteConvBiasMessage<Op, W, Bias>>
        : ShapeError<WriteConvBiasMessage<Op, W, Bias>>
    : unknown;

/** `true` when a literal stride on some spatial axis is not 1. */
type StrideNotOne<Stride, Spatial extends 1 | 2> = NotOne<AxisValue<Stride, 0>> extends true
  ? true
  : Spatial extends 2
    ? NotOne<AxisValue<Stride, 1>>
    : false;
type NotOne<Value> = number extends Value ? false : [Value] extends [1] ? false : true;

/**
 * One spatial axis: its output dim, or the error. `Axis` is its index in the input (2 or 3).
 * Explicit padding is `Before`/`After`; `Same` is `true` for `"same"` (whose output is the input).
 */
type SpatialAxis<Op extends string, X extends Shape, W extends Shape, Axis extends number, In extends Dim, K extends Dim, Stride, Before, After, Dilation, Same extends boolean> =
  [K] extends [0]
    ? ShapeError<WriteConvEmptyKernelMessage<Op, X, W, Axis>>
    : 0 extends Stride | Dilation
      ? number // not a positive integer: an INPUT_OPTION error at run time
      : Same extends true
      ? [In] extends [0]
        ? [IsKnownSize<K>, IsNatural<Dilation>] extends [true, true]
          ? TotalPadding<K & number, Dilation & number> extends infer Total extends string
            ? ShapeError<WriteConvKernelMessage<Op, X, W, Axis, AddDigits<Total, "1">, Total>>
            : never
          : In
        : In
      : KernelReach<K, Dilation, Before, After> extends [infer Span extends string, infer Pad extends string, infer Keeps extends boolean]
        ? [In] extends [string]
          ? string extends In
            ? number
            : [Stride, Keeps] extends [1, true]
              ? In
              : number
          : [IsKnownSize<In>, IsNatural<Stride>] extends [true, true]
            ? [Stride, Keeps] extends [1, true]
              ? [In] extends [0]
                ? WindowCount<Op, X, W, Axis, 0, Span, Pad, 1>
                : In // the common fast path: no arithmetic on the input's size
              : WindowCount<Op, X, W, Axis, In & number, Span, Pad, Stride & number>
            : number
        : number;

/**
 * What a spatial axis's output size needs from the kernel and the options alone, computed once for
 * every call with the same kernel and options: `[span, pad, keeps]` — the kernel's span
 * `dilation·(k − 1) + 1` and the total padding as digit strings, and whether the padding is the
 * span less one (stride 1 then keeps the input's size, e.g. 3×3 with padding 1) — or `undefined`
 * when one of them is not a known natural (the output size is then `number`).
 */
export type KernelReach<K extends Dim, Dilation, Before, After> = [IsKnownSize<K>, AllNatural<[Dilation, Before, After]>] extends [true, true]
  ? TotalPadding<K & number, Dilation & number> extends infer Total extends string
    ? AddDigits<ToDigits<Before & number>, ToDigits<After & number>> extends infer Pad extends string
      ? [AddDigits<Total, "1">, Pad, [Pad] extends [Total] ? true : false]
      : never
    : never
  : undefined;

/** `dilation·(k − 1)` as a digit string: the padding "same" adds, and the kernel's span less one. */
type TotalPadding<K extends number, Dilation extends number> = MulDigits<ToDigits<Dilation>, SubDigits<ToDigits<K>, "1">>;

/**
 * The output size `floor((In + Pad − Span) / Stride) + 1`, or the error when `Span > In + Pad`. On
 * digit strings (`Span`, `Pad`), so intermediate sizes above 2^53 − 1 stay exact; the result is
 * `number` only when it is itself above 2^53 − 1.
 */
type WindowCount<Op extends string, X extends Shape, W extends Shape, Axis extends number, In extends number, Span extends string, Pad extends string, Stride extends number> =
  Windows<In, Span, Pad, Stride> extends [infer Padded extends string, infer Size]
    ? [Size] extends [never]
      ? ShapeError<WriteConvKernelMessage<Op, X, W, Axis, Span, Padded>>
      : Size
    : never;

/** `[the padded input In + Pad, the output size]` (digit strings in, a number out); the size is `never` when `Span > In + Pad`. */
type Windows<In extends number, Span extends string, Pad extends string, Stride extends number> =
  AddDigits<ToDigits<In>, Pad> extends infer Padded extends string
    ? CompareDigits<Padded, Span> extends "lt"
      ? [Padded, never]
      : DivModDigits<SubDigitsShort<Padded, Span>, ToDigits<Stride>> extends [infer Quotient extends string, string]
        ? [Padded, FromDigits<AddDigits<Quotient, "1">>]
        : never
    : never;

/**
 * The output size of a convolution along a spatial axis whose input dim is `In` (padding `Padding`
 * on each side), for result types: `floor((In + 2·Padding − Dilation·(K − 1) − 1) / Stride) + 1` on
 * known sizes, `number` for a name or a `number` dim — and where the kernel spans more than the
 * padded input, which the argument check reports. Around a type parameter it stays as written,
 * `ConvSize<H, 3, 2, 1, 1>`: a dim equal only to itself. (Where stride 1 and padding keep the size,
 * the result is `In` itself, without this type.)
 */
export type ConvSize<In extends Dim, K, Stride, Padding, Dilation> = [In] extends [string]
  ? number
  : [IsKnownSize<In>, IsNatural<Stride>, KernelReach<K & Dim, Dilation, Padding, Padding>] extends [true, true, [infer Span extends string, infer Pad extends string, boolean]]
    ? Windows<In & number, Span, Pad, Stride & number> extends [string, infer Size extends number]
      ? [Size] extends [never]
        ? number
        : Size
      : never
    : number;

/**
 * A spatial axis's output dim for result types: `In` where the kernel and options keep the size
 * (`"same"`; stride 1 with padding `dilation·(k − 1) / 2`), else `ConvSize`; `number` for a kernel
 * or option the check rejects. Decided by the kernel and options alone, so around a type parameter
 * the result reads `[B, 8, H, W]` or `[B, 8, ConvSize<H, …>, …]`.
 */
type ResultAxis<In extends Dim, K extends Dim, Stride, Padding, Dilation, Same extends boolean> = [K] extends [0]
  ? number
  : 0 extends Stride | Dilation
    ? number
    : Same extends true
      ? In
      : KernelReach<K, Dilation, Padding, Padding> extends [string, string, infer Keeps extends boolean]
        ? [Stride, Keeps] extends [1, true]
          ? In
          : ConvSize<In, K, Stride, Padding, Dilation>
        : number;

/** `[Before, After]` of explicit padding on spatial axis `Index` (`"valid"` is 0). */
type AxisPadding<Padding, Index extends 0 | 1> = Padding extends "valid" ? 0 : Padding extends "same" ? number : AxisValue<Padding, Index>;

/**
 * A convolution's `[outcome, result]`: the outcome is the result shape or the first error (what the
 * weight argument reports); the result is the shape for return types — `number[]` after a rank or
 * channel error, each spatial dim as `ResultAxis` gives it. One pass computes both.
 */
type ConvOutcome<Spatial extends 1 | 2, Op extends string, X extends Shape, W extends Shape, Stride, Padding, Dilation, Groups, Bias> =
  number extends X["length"]
    ? [number[], number[]]
    : number extends W["length"]
      ? [number[], number[]]
      : X extends readonly [infer N extends Dim, unknown, ...infer XSpatial extends Shape]
        ? XSpatial["length"] extends Spatial
          ? W extends readonly [infer O extends Dim, unknown, ...infer KSpatial extends Shape]
            ? KSpatial["length"] extends Spatial
              ? ChannelChecks<Op, X, W, Groups, Bias, Padding, Stride, Spatial> extends infer Failed extends ShapeError<string>
                ? [Failed, number[]]
                : [Padding] extends ["same"] ? SpatialOutcome<Spatial, Op, X, W, N, O, XSpatial, KSpatial, Stride, number, Dilation, true>
                : SpatialOutcome<Spatial, Op, X, W, N, O, XSpatial, KSpatial, Stride, Padding, Dilation, false>
              : [ShapeError<WriteConvRankMessage<Op, X, W, "weight", Spatial>>, number[]]
            : [ShapeError<WriteConvRankMessage<Op, X, W, "weight", Spatial>>, number[]]
          : [ShapeError<WriteConvRankMessage<Op, X, W, "input", Spatial>>, number[]]
        : [ShapeError<WriteConvRankMessage<Op, X, W, "input", Spatial>>, number[]];

/** The spatial axes' `[outcome, result]` (see `ConvOutcome`). */
type SpatialOutcome<Spatial extends 1 | 2, Op extends string, X extends Shape, W extends Shape, N extends Dim, O extends Dim, XSpatial extends Shape, KSpatial extends Shape, Stride, Padding, Dilation, Same extends boolean> = [
  SpatialAxis<Op, X, W, 2, XSpatial[0], KSpatial[0], AxisValue<Stride, 0>, AxisPadding<Padding, 0>, AxisPadding<Padding, 0>, AxisValue<Dilation, 0>, Same> extends infer First
    ? First extends ShapeError<string>
      ? First
      : Spatial extends 1
        ? [N, O, First & Dim]
        : SpatialAxis<Op, X, W, 3, XSpatial[1], KSpatial[1], AxisValue<Stride, 1>, AxisPadding<Padding, 1>, AxisPadding<Padding, 1>, AxisValue<Dilation, 1>, Same> extends infer Second
          ? Second extends ShapeError<string>
            ? Second
            : [N, O, First & Dim, Second & Dim]
          : never
    : never,
  Spatial extends 1
    ? [N, O, ResultAxis<XSpatial[0], KSpatial[0], AxisValue<Stride, 0>, AxisPadding<Padding, 0>, AxisValue<Dilation, 0>, Same>]
    : [
        N,
        O,
        ResultAxis<XSpatial[0], KSpatial[0], AxisValue<Stride, 0>, AxisPadding<Padding, 0>, AxisValue<Dilation, 0>, Same>,
        ResultAxis<XSpatial[1], KSpatial[1], AxisValue<Stride, 1>, AxisPadding<Padding, 1>, AxisValue<Dilation, 1>, Same>,
      ],
];

/** The rule's `[outcome, result]` with options read from `Opts`; `Bias` is the bias's shape (or `undefined`). */
type ConvFromOptions<Spatial extends 1 | 2, Op extends string, X extends Shape, W extends Shape, Opts, Bias> = ConvOutcome<
  Spatial,
  Op,
  X,
  W,
  OptionOf<Opts, "stride", 1>,
  OptionOf<Opts, "padding", 0>,
  OptionOf<Opts, "dilation", 1>,
  OptionOf<Opts, "groups", 1>,
  Bias
>;

/** The pure rule: dims validated and normalised first (`SHAPE_INVALID_SHAPE`), as at run time. */
type ConvShapeRule<Spatial extends 1 | 2, Op extends string, X extends Shape, W extends Shape, Opts> =
  OptionOf<Opts, "bias", undefined> extends infer Bias
    ? (
        [InvalidSizesMessage<Op, X>] extends [never]
          ? [InvalidSizesMessage<Op, W>] extends [never]
            ? Bias extends Shape
              ? InvalidSizesMessage<Op, Bias>
              : never
            : InvalidSizesMessage<Op, W>
          : InvalidSizesMessage<Op, X>
      ) extends infer Invalid extends string
      ? [Invalid] extends [never]
        ? ConvFromOptions<Spatial, Op, NormalizeShape<X>, NormalizeShape<W>, Opts, Bias extends Shape ? NormalizeShape<Bias> : Bias>[0]
        : ShapeError<Invalid>
      : never
    : never;

/**
 * The shape of `conv1d(x, w, Opts)`: `[N, C, L]` with `[O, C/groups, K]` gives `[N, O, L']`, or a
 * `ShapeError` whose message is the runtime's. `Opts["bias"]` is the bias's shape.
 * @example
 * type Out = Conv1dShape<[8, 3, 100], [16, 3, 5], { stride: 2 }>; //=> [8, 16, 48]
 */
export type Conv1dShape<X extends Shape, W extends Shape, Opts = {}> = ConvShapeRule<1, "conv1dShape", X, W, Opts>;

/**
 * The shape of `conv2d(x, w, Opts)`: `[N, C, H, W]` with `[O, C/groups, kH, kW]` gives `[N, O, H', W']`,
 * or a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = Conv2dShape<[64, 1, 8, 8], [8, 1, 3, 3], { padding: 1 }>; //=> [64, 8, 8, 8]
 * type Named = Conv2dShape<["b", 3, "h", "w"], [8, 3, 3, 3], { padding: "same" }>; //=> ["b", 8, "h", "w"]
 */
export type Conv2dShape<X extends Shape, W extends Shape, Opts = {}> = ConvShapeRule<2, "conv2dShape", X, W, Opts>;

/** The bias's shape from the op's options (a tensor), or `undefined`. */
type BiasShape<Opts> = OptionOf<Opts, "bias", undefined> extends infer Bias
  ? [Bias] extends [undefined]
    ? undefined
    : Bias extends { readonly shape: infer B extends Shape }
      ? B
      : number[]
  : never;

/**
 * The tensor op's outcome (shapes already valid): the result shape or the error, which the weight
 * argument reports (`RuntimeDecidesArg`: a spatial dim that is a type parameter is a name, whose
 * window count the runtime checks).
 */
export type ConvOutcomeOf<Spatial extends 1 | 2, X extends Shape, W extends Shape, Opts, Op extends string> = ConvFromOptions<Spatial, Op, X, W, Opts, BiasShape<Opts>>[0];

/**
 * The identity checks of a convolution's channels around type parameters, as a parameter type: with
 * `groups` 1 the input's channels (axis 1) against the weight's axis 1, and a bias against the
 * weight's output channels (axis 0). Known and named dims pass here (the rule compares them, with the
 * runtime's message); where a type parameter meets another dim TypeScript cannot decide
 * `SameDimCheck`, relates the argument to both outcomes, and the message one rejects it: a type
 * parameter is a name, equal only to itself (`[B, C, H, W]` with an `[8, 3, 3, 3]` weight). The window
 * and divisibility tests in `Param` are the runtime's (`RuntimeDecidesArg`).
 */
export type ConvIdentityChecked<X extends Shape, W extends Shape, Opts, Op extends string, Param> = IdentityFirst<
  ([[X, W]] extends [NoTypeParameters]
    ? unknown
    : [OptionOf<Opts, "groups", 1>] extends [1]
      ? SameDimCheck<WriteConvNamesMessage<Op, X[1] & Dim, W[1] & Dim, "channels">, X[1] & Dim, W[1] & Dim>
      : unknown) &
    BiasIdentity<Opts, W[0] & Dim, Op>,
  Param
>;

/**
 * The bias in `Opts` (a `[O]` tensor) against the weight's output channels `O`, by `SameDimCheck`;
 * its dim read from the tensor's type without a test of the dim itself.
 */
type BiasIdentity<Opts, O extends Dim, Op extends string> = OptionOf<Opts, "bias", undefined> extends infer Bias
  ? Bias extends { readonly shape: readonly [infer D extends Dim] }
    ? [[[D, O]]] extends [NoTypeParameters]
      ? unknown
      : SameDimCheck<WriteConvNamesMessage<Op, D, O, "bias">, D, O>
    : unknown
  : unknown;

/**
 * `SHAPE_CONV: conv2d: the input's channels (axis 1) are ${C} but the weight takes 3 (its axis 1); a
 * type parameter is equal only to itself` (or the bias's against the weight's output channels) — the
 * message where a type parameter keeps the channels' identity undecided. Compile time only: at run
 * time every dim is a number.
 */
export type WriteConvNamesMessage<Op extends string, F extends Dim, D extends Dim, Kind extends "channels" | "bias"> = Kind extends "channels"
  ? `SHAPE_CONV: ${Op}: the input's channels (axis 1) are ${PrintDim<F>} but the weight takes ${PrintDim<D>} (its axis 1); a type parameter is equal only to itself`
  : `SHAPE_CONV: ${Op}: the bias has ${PrintDim<F>} values but the weight has ${PrintDim<D>} output channels (its axis 0); a type parameter is equal only to itself`;

/**
 * The result shape of the tensor op: `number[]` after a rank or channel error, a `number` dim where
 * a kernel does not fit (the argument check reports both); each spatial dim as `ResultAxis` gives it,
 * so that around a type parameter it reads as a shape.
 */
export type ConvResult<Spatial extends 1 | 2, X extends Shape, W extends Shape, Opts, Op extends string> = ConvFromOptions<Spatial, Op, X, W, Opts, BiasShape<Opts>>[1];

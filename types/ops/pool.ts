/**
 * 2-D pooling at the type level: `Pool2dShape<X, Opts>`, the rule of PyTorch's `max_pool2d` and
 * `avg_pool2d` on NCHW shapes. Mirrors src/ops/pool.ts rule for rule and message for message.
 *
 * - `X` is `[N, C, H, W]`; the result is `[N, C, H', W']` with, per axis, `floor((in + 2·padding −
 *   kernel) / stride) + 1` (ceil mode: `ceil(…) + 1`, less one when the last window would start in
 *   the right padding), on decimal digit strings, exact to 2^53 − 1. `stride` defaults to `kernel`.
 * - Errors (`SHAPE_POOL`, in the runtime's order): an input that is not 4-D; `2·padding > kernel` on
 *   axis 2, then 3; an empty output on axis 2, then 3.
 * - `number` (a dim, or an option that is not a literal): never an error; the dims it affects are
 *   `number`. A named spatial dim gives `number`. A shape of unknown rank gives `number[]`.
 */
import type { Dim, Shape } from "../shape.js";
import type { RuntimeDecidesArg, ShapeError } from "../errors.js";
import type { PrintShape } from "../internal/print.js";
import type { Add, AddDigits, Compare, CompareDigits, DivModDigits, FromDigits, MulDigits, SubDigits, ToDigits } from "../internal/digits.js";
import type { InvalidSizesMessage, NormalizeShape } from "../internal/symbolic.js";
import type { AllNatural, AxisValue, FloorDiv, KernelReach, OptionOf } from "./conv.js";
import type { IsKnownSize } from "../internal/dims.js";

/**
 * The options of `maxPool2d`/`avgPool2d` (and `pool2dShape`): `kernel` (required), `stride`
 * (default `kernel`), `padding` (default 0), each a number or one per spatial axis, and `ceilMode`.
 * A bare number is the kernel.
 */
export type Pool2dOptions =
  | number
  | {
      readonly kernel: number | readonly [number, number];
      readonly stride?: number | readonly [number, number];
      readonly padding?: number | readonly [number, number];
      readonly ceilMode?: boolean;
    };

/** `SHAPE_POOL: maxPool2d: cannot pool [8, 8]: the input has 2 axes, maxPool2d needs 4 ([N, C, H, W])`. Mirrors `writePoolRankMessage`. */
export type WritePoolRankMessage<Op extends string, X extends Shape> =
  `SHAPE_POOL: ${Op}: cannot pool ${PrintShape<X>}: the input has ${X["length"]} axes, ${Op} needs 4 ([N, C, H, W])`;

/** `SHAPE_POOL: maxPool2d: cannot pool [1, 1, 8, 8]: axis 2: padding 2 is more than half the window 3 (at most 1)`. Mirrors `writePoolPaddingMessage`. */
export type WritePoolPaddingMessage<Op extends string, X extends Shape, Axis extends number, Padding extends number, Kernel extends number> =
  `SHAPE_POOL: ${Op}: cannot pool ${PrintShape<X>}: axis ${Axis}: padding ${Padding} is more than half the window ${Kernel} (at most ${FloorDiv<Kernel, 2>})`;

/** `SHAPE_POOL: maxPool2d: cannot pool [1, 1, 2, 2]: axis 2: the window 3 is larger than the padded input 2`. Mirrors `writePoolWindowMessage`. */
export type WritePoolWindowMessage<Op extends string, X extends Shape, Axis extends number, Kernel extends number, Padded extends string> =
  `SHAPE_POOL: ${Op}: cannot pool ${PrintShape<X>}: axis ${Axis}: the window ${Kernel} is larger than the padded input ${Padded}`;

/** The options as an object: a bare number is the kernel. */
type PoolOptions<Opts> = Opts extends number ? { kernel: Opts } : Opts;

/** `2·Padding > Kernel` on a spatial axis: the error, else `unknown`. */
type PaddingCheck<Op extends string, X extends Shape, Axis extends number, Padding, Kernel> = PaddingTooLarge<Padding, Kernel> extends true
  ? ShapeError<WritePoolPaddingMessage<Op, X, Axis, Padding & number, Kernel & number>>
  : unknown;

/** Whether `2·Padding > Kernel`: options only, so computed once for every call with the same options. */
type PaddingTooLarge<Padding, Kernel> = AllNatural<[Padding, Kernel]> extends true
  ? Compare<Add<Padding & number, Padding & number>, Kernel & number> extends "gt"
    ? true
    : false
  : false;

/** One spatial axis: its output size, or the error. */
type PoolAxis<Op extends string, X extends Shape, Axis extends number, In, Kernel, Stride, Padding, Ceil> =
  0 extends Kernel | Stride
    ? number // not a positive integer: an INPUT_OPTION error at run time
    : [IsKnownSize<In>, AllNatural<[Kernel, Stride, Padding]>] extends [true, true] // the input's dim is valid; the options are checked as given
      ? [Ceil] extends [false]
        ? PoolCount<Op, X, Axis, In & number, Kernel & number, Stride & number, Padding & number, false>
        : [Ceil] extends [true]
          ? PoolCount<Op, X, Axis, In & number, Kernel & number, Stride & number, Padding & number, true>
          : number
      : number;

/**
 * The window count by PyTorch's formula (see the module comment), or the error where the window
 * does not fit the (padded) input.
 */
type PoolCount<Op extends string, X extends Shape, Axis extends number, In extends number, Kernel extends number, Stride extends number, Padding extends number, Ceil extends boolean> =
  PoolWindows<In, Kernel, Stride, Padding, Ceil> extends [infer Padded extends string, infer Size]
    ? [Size] extends [never]
      ? ShapeError<WritePoolWindowMessage<Op, X, Axis, Kernel, Padded>>
      : Size
    : never;

/**
 * `[the padded input as the message prints it, the window count]`, the count `never` where the
 * window does not fit. On digit strings so that intermediate sizes above 2^53 − 1 stay exact; the
 * count is `number` only above 2^53 − 1.
 */
type PoolWindows<In extends number, Kernel extends number, Stride extends number, Padding extends number, Ceil extends boolean> =
  [ToDigits<In>, ToDigits<Kernel>, ToDigits<Stride>, ToDigits<Padding>] extends [infer I extends string, infer K extends string, infer S extends string, infer P extends string]
    ? [P, Ceil, K] extends ["0", false, S]
      ? // The common case (no padding, floor mode, stride = kernel): floor(In / Kernel), one division;
        // a quotient 0 is a window larger than the input.
        DivModDigits<I, K> extends [infer Quotient extends string, string]
        ? [I, Quotient extends "0" ? never : FromDigits<Quotient>]
        : never
      : AddDigits<I, AddDigits<P, P>> extends infer Padded extends string
        ? (Ceil extends true ? AddDigits<Padded, SubDigits<S, "1">> : Padded) extends infer Reach extends string
          ? CompareDigits<Reach, K> extends "lt"
            ? [Padded, never]
            : DivModDigits<SubDigits<Reach, K>, S> extends [infer Quotient extends string, string]
              ? Ceil extends true
                ? CompareDigits<MulDigits<Quotient, S>, AddDigits<I, P>> extends "lt"
                  ? [Padded, FromDigits<AddDigits<Quotient, "1">>]
                  : [Padded, Quotient extends "0" ? never : FromDigits<Quotient>]
                : [Padded, FromDigits<AddDigits<Quotient, "1">>]
              : never
          : never
        : never
    : never;

/**
 * The output size of a pooling window along an axis whose input dim is `In`, for result types:
 * PyTorch's count on known sizes (`number` where the window does not fit, which the argument check
 * reports), `number` for a name or a `number` dim. Around a type parameter it stays as written,
 * `PoolSize<H, 2, 2, 0, false>`: a dim equal only to itself.
 */
export type PoolSize<In extends Dim, Kernel, Stride, Padding, Ceil> = [IsKnownSize<In>, AllNatural<[Kernel, Stride, Padding]>] extends [true, true]
  ? 0 extends Kernel | Stride
    ? number // not a positive integer: an INPUT_OPTION error at run time
    : ([Ceil] extends [false] ? false : [Ceil] extends [true] ? true : undefined) extends infer Mode extends boolean
      ? PoolWindows<In & number, Kernel & number, Stride & number, Padding & number, Mode> extends [string, infer Size extends number]
        ? [Size] extends [never]
          ? number
          : Size
        : never
      : number
  : number;

/**
 * `true` when a window keeps any input's size: stride 1 and padding (kernel − 1) / 2, in either
 * rounding mode (a 3×3 window, stride 1, padding 1). Decided by the options alone, so a spatial dim
 * that is a type parameter stays itself in the result.
 */
type KeepsSize<Kernel, Stride, Padding> = [Stride] extends [1]
  ? 0 extends Kernel
    ? false
    : KernelReach<Kernel & Dim, 1, Padding, Padding> extends [string, string, true] // conv's test: the padding is the span less one
      ? true
      : false
  : false;

/**
 * A pooling's `[outcome, result]`: the outcome is the result shape or the first error (what the
 * options argument reports); the result is the shape for return types — `number[]` after a rank or
 * padding error, each spatial dim as `PoolSize` gives it. One pass computes both.
 */
type PoolOutcome<Op extends string, X extends Shape, Opts> =
  number extends X["length"]
    ? [number[], number[]]
    : X extends readonly [infer N extends Dim, infer C extends Dim, infer H extends Dim, infer W extends Dim]
      ? OptionOf<Opts, "kernel", number> extends infer Kernel
        ? PoolAxes<Op, X, N, C, H, W, Kernel, OptionOf<Opts, "stride", Kernel>, OptionOf<Opts, "padding", 0>, OptionOf<Opts, "ceilMode", false>>
        : never
      : [ShapeError<WritePoolRankMessage<Op, X>>, number[]];

type PoolAxes<Op extends string, X extends Shape, N extends Dim, C extends Dim, H extends Dim, W extends Dim, Kernel, Stride, Padding, Ceil> =
  PaddingCheck<Op, X, 2, AxisValue<Padding, 0>, AxisValue<Kernel, 0>> extends infer Failed extends ShapeError<string>
    ? [Failed, number[]]
    : PaddingCheck<Op, X, 3, AxisValue<Padding, 1>, AxisValue<Kernel, 1>> extends infer Failed extends ShapeError<string>
      ? [Failed, number[]]
      : [
          PoolAxis<Op, X, 2, H, AxisValue<Kernel, 0>, AxisValue<Stride, 0>, AxisValue<Padding, 0>, Ceil> extends infer First
            ? First extends ShapeError<string>
              ? First
              : PoolAxis<Op, X, 3, W, AxisValue<Kernel, 1>, AxisValue<Stride, 1>, AxisValue<Padding, 1>, Ceil> extends infer Second
                ? Second extends ShapeError<string>
                  ? Second
                  : [N, C, First & Dim, Second & Dim]
                : never
            : never,
          // each axis's size for the result, decided by the kernel and options where a dim is a type parameter
          [
            N,
            C,
            KeepsSize<AxisValue<Kernel, 0>, AxisValue<Stride, 0>, AxisValue<Padding, 0>> extends true ? H : PoolSize<H, AxisValue<Kernel, 0>, AxisValue<Stride, 0>, AxisValue<Padding, 0>, Ceil>,
            KeepsSize<AxisValue<Kernel, 1>, AxisValue<Stride, 1>, AxisValue<Padding, 1>> extends true ? W : PoolSize<W, AxisValue<Kernel, 1>, AxisValue<Stride, 1>, AxisValue<Padding, 1>, Ceil>,
          ],
        ];

/**
 * The shape of `maxPool2d(x, Opts)` / `avgPool2d(x, Opts)`: `[N, C, H, W]` gives `[N, C, H', W']`, or a
 * `ShapeError` whose message is the runtime's.
 * @example
 * type Out = Pool2dShape<[64, 8, 8, 8], { kernel: 2 }>; //=> [64, 8, 4, 4]
 * type Ceil = Pool2dShape<[1, 1, 5, 5], { kernel: 2; ceilMode: true }>; //=> [1, 1, 3, 3]
 */
export type Pool2dShape<X extends Shape, Opts> = [InvalidSizesMessage<"pool2dShape", X>] extends [never]
  ? PoolOutcome<"pool2dShape", NormalizeShape<X>, PoolOptions<Opts>>[0]
  : ShapeError<InvalidSizesMessage<"pool2dShape", X>>;

/** The options argument of the tensor ops, as a parameter type (`CheckedArg`): `Opts`, or the message. */
export type CheckedPool<X extends Shape, Opts, Op extends string> = RuntimeDecidesArg<X, Opts, PoolOutcome<Op, X, PoolOptions<Opts>>[0]>;

/** The result shape of the tensor op (see `PoolOutcome`). */
export type PoolResult<X extends Shape, Opts, Op extends string> = PoolOutcome<Op, X, PoolOptions<Opts>>[1];

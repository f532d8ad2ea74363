/**
 * Type rules of the tensor itself: which shapes may call the scalar-only methods (`backward`, `item`)
 * and which restatements `.as(shape)` accepts. Mirrors src/tensor.ts message for message.
 */
import type { Dim, Shape } from "./shape.js";
import type { CheckArg, ShapeError, Uninferred } from "./errors.js";
import type { Exact, FixedRank, IsKnownSize, NoTypeParameters } from "./internal/dims.js";
import type { SameGroupTails } from "./ops/broadcast.js";
import type { AxisPairsCheck } from "./ops/same-shape.js";
import type { InvalidSizesMessage, NormalizeShape } from "./internal/symbolic.js";
import type { PrintDim, PrintShape } from "./internal/print.js";

/**
 * `SHAPE_NOT_SCALAR: backward: needs a scalar, got [2, 3]; reduce it first (sum() or mean())`.
 * Mirrors `writeNotScalarMessage`.
 */
export type WriteNotScalarMessage<Op extends string, S extends Shape> =
  `SHAPE_NOT_SCALAR: ${Op}: needs a scalar, got ${PrintShape<S>}; reduce it first (sum() or mean())`;

/**
 * The `this`-side check of a scalar-only method (`backward`, `item`): `unknown` when `S` is `[]` (or
 * of unknown rank, which the runtime checks), else the `SHAPE_NOT_SCALAR` error, so the call fails to
 * compile with the runtime's message.
 * @example
 * type Ok = ScalarOnly<[], "item">; //=> unknown
 */
export type ScalarOnly<S extends Shape, Op extends string> = CheckArg<
  [S] extends readonly [readonly []] // `readonly`: a tuple written on both sides would leave a variadic `S` undecided
    ? S
    : [S] extends readonly [FixedRank]
      ? ShapeError<WriteNotScalarMessage<Op, S>>
      : readonly [[]] extends readonly [S] // may be empty (`[...Batch]`, `number[]`): the runtime's to check; decided false where an axis is written beside a group (`[...Batch, D]`)
        ? S
        : ShapeError<WriteNotScalarAxisMessage<Op>>
>;

/**
 * `SHAPE_NOT_SCALAR: backward: needs a scalar, got a shape with at least one axis beside its batch
 * group or unknown rank; …` — a shape that is not of fixed rank (`[...Batch, D]`, `[...number[], 3]`)
 * but holds an axis, so it is never a scalar. Compile time only: at run time every shape has a rank,
 * and the message prints it (`WriteNotScalarMessage`).
 */
export type WriteNotScalarAxisMessage<Op extends string> =
  `SHAPE_NOT_SCALAR: ${Op}: needs a scalar, got a shape with at least one axis beside its batch group or unknown rank; reduce it first (sum() or mean())`;

/**
 * `SHAPE_AS: as: cannot restate [2, 3] as [2, 3, 1]: it has 2 axes, the statement 3`.
 * Mirrors `writeAsRankMessage`.
 */
export type WriteAsRankMessage<Op extends string, From extends Shape, To extends Shape> =
  `SHAPE_AS: ${Op}: cannot restate ${PrintShape<From>} as ${PrintShape<To>}: it has ${From["length"]} axes, the statement ${To["length"]}`;

/**
 * `SHAPE_AS: as: cannot restate [2, 3] as [2, 4]: axis 1 is 3 vs 4`. Mirrors `writeAsDimMessage`.
 */
export type WriteAsDimMessage<Op extends string, From extends Shape, To extends Shape, Axis extends number, FromDim extends Dim, ToDim extends Dim> =
  `SHAPE_AS: ${Op}: cannot restate ${PrintShape<From>} as ${PrintShape<To>}: axis ${Axis} is ${PrintDim<FromDim>} vs ${PrintDim<ToDim>}`;


type AsDims<From extends Shape, To extends Shape, Op extends string, F extends Shape = From, T extends Shape = To, Index extends 0[] = []> =
  F extends readonly [infer FDim extends Dim, ...infer FRest extends Shape]
    ? T extends readonly [infer TDim extends Dim, ...infer TRest extends Shape]
      ? Exact<FDim> extends Exact<TDim> // the same dim (a type parameter restated in place included)
        ? AsDims<From, To, Op, FRest, TRest, [...Index, 0]>
        : IsKnownSize<FDim> extends true
          ? IsKnownSize<TDim> extends true
            ? [FDim] extends [TDim]
              ? AsDims<From, To, Op, FRest, TRest, [...Index, 0]>
              : ShapeError<WriteAsDimMessage<Op, From, To, Index["length"], FDim, TDim>>
            : AsDims<From, To, Op, FRest, TRest, [...Index, 0]>
          : AsDims<From, To, Op, FRest, TRest, [...Index, 0]>
      : To
    : To;

/**
 * `.as`'s check: the statement's dims are valid sizes (names, size expressions), then `AsShape`. A
 * statement of the tensor's own shape (type parameters included: `x.as([x.shape[0], 64])` on
 * `[B, 64]`) holds as it is, and so does each of its dims that is the tensor's own at that axis:
 * those are not validated again (`x.as([x.shape[0], 64])` on `[B, number]` binds the dynamic axis
 * and keeps `B`, which a size test cannot decide).
 */
export type AsChecked<Self extends Shape, To extends Shape> = Exact<Self> extends Exact<To>
  ? Self
  : [InvalidSizesMessage<"as", OwnDimsValid<Self, To>>] extends [never]
    ? AsShape<Self, To>
    : ShapeError<InvalidSizesMessage<"as", To>>;

/** `true` when axis `K` of the statement `To` is the tensor's own dim there (by identity, a type parameter included). */
type OwnDim<Self extends Shape, To extends Shape, K> = K extends keyof Self ? (Exact<Self[K]> extends Exact<To[K & keyof To]> ? true : false) : false;

/** `To` with each of the tensor's own dims replaced by 1 (valid by construction). */
type OwnDimsValid<Self extends Shape, To extends Shape> = { [K in keyof To]: OwnDim<Self, To, K> extends true ? 1 : To[K] };

/**
 * `.as`'s result: the statement in normal form, each dim that is the tensor's own at that axis as it
 * is (the tensor's own shape as it is), so that a type parameter restated in place stays itself:
 * `[B, number]` stated as `[x.shape[0], 64]` is `[B, 64]`.
 */
export type AsResult<Self extends Shape, To extends Shape> = Exact<Self> extends Exact<To>
  ? Self
  : { -readonly [K in keyof To]: OwnDim<Self, To, K> extends true ? To[K] : StatedDim<To[K]> };

/**
 * A stated dim in normal form. Through `NormalizeShape`, whose first test stays undecided for a type
 * parameter (`Tensor<[number, 4]>` stated as `[x.shape[1], 4]` with `T` there): normalizing the
 * parameter itself made TypeScript compute its constraint through the size parser, "excessively deep".
 */
type StatedDim<D extends Dim> = NormalizeShape<[D]>[0];
/**
 * `.as`'s identity check around type parameters: each axis of the statement against the tensor's, by
 * `SameDimCheck` — `unknown` where they are the same dim, where either is `number` (the runtime binds
 * it), or where both are known or named (`AsShape` compares those, with the runtime's message); where
 * a type parameter meets another dim (`[3, 64]` or `[${T}, ${B}, 64]` stated as `[${B}, ${T}, 64]`'s
 * own axes swapped) TypeScript cannot decide the pair and holds the argument to the names message: a
 * type parameter is a name, equal only to itself. Asked only where a shape holds a type parameter
 * (`NoTypeParameters`).
 */
export type AsIdentityCheck<From extends Shape, To extends Shape, Op extends string = "as"> = unknown &
  ([[From, To]] extends [NoTypeParameters]
    ? unknown
    : number extends From["length"] | To["length"]
      ? unknown
      : From["length"] extends To["length"]
        ? AxisPairsCheck<From, To, ["as", Op]>
        : unknown);

/**
 * `SHAPE_AS: as: cannot restate [${B}, ${T}, 64] as [${T}, ${B}, 64]: axis 0 is ${B} vs ${T}, and a type
 * parameter is equal only to itself` — where a type parameter keeps the pair undecided. Compile time
 * only: at run time every dim is a number.
 */
export type WriteAsNamesMessage<Op extends string, From extends Shape, To extends Shape, Axis extends number, F extends Dim, T extends Dim> =
  `SHAPE_AS: ${Op}: cannot restate ${PrintShape<From>} as ${PrintShape<To>}: axis ${Axis} is ${PrintDim<F>} vs ${PrintDim<T>}, and a type parameter is equal only to itself`;

/**
 * What `x.as(To)` gives for a tensor of shape `From`: `To` when the ranks match and no known dim of
 * `From` differs from a known dim of `To` (a symbolic or `number` dim on either side is the runtime's
 * to check), else a `SHAPE_AS` error.
 * @example
 * type Out = AsShape<[32, 784], ["batch", 784]>; //=> ["batch", 784]
 */
export type AsShape<From extends Shape, To extends Shape, Op extends string = "as"> = number extends To["length"]
  ? To
  : number extends From["length"]
    ? AsVariadic<From, To, Op>
    : From["length"] extends To["length"]
      ? AsDims<From, To, Op>
      : ShapeError<WriteAsRankMessage<Op, From, To>>;

/**
 * `SHAPE_AS: as: cannot restate [...number[], 3, 2] as [2]: it has at least 2 axes, the statement 1`.
 * Compile time only: at run time every rank is known, so the runtime reports `WriteAsRankMessage`.
 */
export type WriteAsMinRankMessage<Op extends string, From extends Shape, To extends Shape, Fixed extends number> =
  `SHAPE_AS: ${Op}: cannot restate ${PrintShape<From>} as ${PrintShape<To>}: it has at least ${Fixed} axes, the statement ${To["length"]}`;

/** `.as` from a shape of unknown rank with a fixed tail (`[...number[], 3, 2]`): check the tail. */
type AsVariadic<From extends Shape, To extends Shape, Op extends string, F extends Shape = From, T extends Shape = To, Fixed extends 0[] = []> =
  F extends readonly [...infer FRest extends Shape, infer FDim extends Dim]
    ? T extends readonly [...infer TRest extends Shape, infer TDim extends Dim]
      ? IsKnownSize<FDim> extends true
        ? IsKnownSize<TDim> extends true
          ? [FDim] extends [TDim]
            ? AsVariadic<From, To, Op, FRest, TRest, [...Fixed, 0]>
            : ShapeError<WriteAsDimMessage<Op, From, To, TRest["length"], FDim, TDim>>
          : AsVariadic<From, To, Op, FRest, TRest, [...Fixed, 0]>
        : AsVariadic<From, To, Op, FRest, TRest, [...Fixed, 0]>
      : ShapeError<WriteAsMinRankMessage<Op, From, To, AsFixedCount<From>>>
    : To;

/** How many fixed trailing dims a shape of unknown rank has. */
type AsFixedCount<S extends Shape, Count extends 0[] = []> = S extends readonly [...infer Rest extends Shape, unknown]
  ? AsFixedCount<Rest, [...Count, 0]>
  : Count["length"];

/**
 * `SHAPE_GRAD: backward: the upstream gradient has shape [2, 4], the tensor [2, 3]; give a gradient
 * of the tensor's own shape`. Mirrors `writeGradShapeMessage`.
 */
export type WriteGradShapeMessage<Op extends string, S extends Shape, G extends Shape> =
  `SHAPE_GRAD: ${Op}: the upstream gradient has shape ${PrintShape<G>}, the tensor ${PrintShape<S>}; give a gradient of the tensor's own shape`;

/**
 * `true` when some axis holds two different known sizes (the ranks are equal). Each axis gives a flag
 * (`AxisClash`): the same dim is passed first, by identity, so a type parameter against itself is
 * `false`, while a type parameter against another dim leaves its flag undecided. `true` is then asked
 * of the flags' union, which is decided where every flag is (`[B, 3]` against `[B, 4]`: 3 vs 4 is a
 * known clash beside a type parameter, as `["b", 3]` against `["b", 4]` is). Where a type parameter
 * meets another dim the test stays undecided; the argument check then accepts `[A, 3]` against
 * `[B, 3]` (as it accepts `["a", 3]` against `["b", 3]`: this rule compares known sizes only) and
 * rejects `[A, 3]` against `[B, 4]`.
 */
type KnownDimsDiffer<S extends Shape, G extends Shape> = true extends AxisClashes<S, G> ? true : false;

type AxisClashes<S extends Shape, G extends Shape> = S extends readonly [infer SDim extends Dim, ...infer SRest extends Shape]
  ? G extends readonly [infer GDim extends Dim, ...infer GRest extends Shape]
    ? AxisClash<SDim, GDim> | AxisClashes<SRest, GRest>
    : false
  : false;

type AxisClash<SDim extends Dim, GDim extends Dim> = Exact<SDim> extends Exact<GDim>
  ? false
  : IsKnownSize<SDim> extends true
    ? IsKnownSize<GDim> extends true
      ? true
      : false
    : false;

/**
 * The check on `backward(grad)`'s argument: `grad`'s shape `G` must be the tensor's own shape `S`. A
 * compile error (`SHAPE_GRAD`, with the runtime's message) when the ranks differ or an axis holds two
 * different known sizes; symbolic and `number` dims are the runtime's to check.
 * @example
 * type Ok = GradShapeCheck<[2, 3], [2, 3]>; //=> unknown
 */
export type GradShapeCheck<S extends Shape, G extends Shape, Op extends string = "backward"> = CheckArg<
  Exact<S> extends Exact<G> // the same shape (a whole-shape type parameter with itself included)
    ? G
    : Uninferred<G> extends true
      ? G
      : [S, G] extends readonly [FixedRank, FixedRank]
        ? S["length"] extends G["length"]
          ? KnownDimsDiffer<S, G> extends true
            ? ShapeError<WriteGradShapeMessage<Op, S, G>>
            : G
          : ShapeError<WriteGradShapeMessage<Op, S, G>>
        : SameGroupTails<S, G> extends readonly [unknown, infer STail extends Shape, infer GTail extends Shape] // `[...Batch, 4]` and `[...Batch, 3]`
          ? KnownDimsDiffer<STail, GTail> extends true
            ? ShapeError<WriteGradTailMessage<Op, STail, GTail>>
            : G
          : G // of unknown rank, or variadic shapes the compiler cannot line up: the runtime's
>;

/**
 * `SHAPE_GRAD: backward: the upstream gradient ends in [3], the tensor in [4], after the same batch
 * group; …` — two variadic shapes whose fixed tails hold different known sizes. Compile time only:
 * at run time every shape has a rank, and the message prints the shapes.
 */
export type WriteGradTailMessage<Op extends string, STail extends Shape, GTail extends Shape> =
  `SHAPE_GRAD: ${Op}: the upstream gradient ends in ${PrintShape<GTail>}, the tensor in ${PrintShape<STail>}, after the same batch group; give a gradient of the tensor's own shape`;

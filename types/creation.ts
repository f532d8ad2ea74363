/**
 * Type rules of tensor creation: the shape of a nested array literal (`tensor([[1, 2], [3, 4]])` is a
 * `Tensor<[2, 2]>`), a compile error for a ragged literal, and the check that a creation shape is made
 * of non-negative integers. Mirrors src/creation.ts message for message.
 */
import type { Dim, Shape } from "./shape.js";
import type { CheckMessage, CheckedArg, MessageCheck, ShapeError } from "./errors.js";
import type { BadDimsOf, InvalidShapeMessage, NaturalText, WriteInvalidShapeMessage } from "./internal/dims.js";
import type { AboveMaxSafe } from "./internal/digits.js";
import type { PrintShape } from "./internal/print.js";

/** A number, or a (nested) array of numbers: what `tensor()` takes. */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * The nested arrays `toArray()` returns for a shape: `number` for `[]`, `number[]` for `[n]`,
 * `number[][]` for `[m, n]`, and so on; `NestedNumbers` when the rank is unknown.
 * @example
 * type Rows = NestedArray<[2, 3]>; //=> number[][]
 */
export type NestedArray<S extends Shape> = number extends S["length"]
  ? NestedNumbers
  : S extends readonly [unknown, ...infer Rest extends Shape]
    ? NestedArray<Rest>[]
    : number;

/**
 * A ragged nested array, as the compile-time error of `tensor()`: the message is the one the runtime
 * throws as an `InputError`.
 */
export interface RaggedArray<Message extends string> {
  readonly raggedNestedArray: Message;
}

/**
 * `INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [2] but element [0] has shape [3]`.
 * Mirrors `writeRaggedMessage`.
 */
export type WriteRaggedMessage<Op extends string, Path extends string, Got extends Shape, FirstPath extends string, First extends Shape> =
  `INPUT_RAGGED: ${Op}: ragged nested array: element ${Path} has shape ${PrintShape<Got>} but element ${FirstPath} has shape ${PrintShape<First>}`;

/** An inner ragged spot: the path from the top, and the two shapes that differ. */
interface Ragged<Path extends string = string, Got extends Shape = Shape, FirstPath extends string = string, First extends Shape = Shape> {
  readonly path: Path;
  readonly got: Got;
  readonly firstPath: FirstPath;
  readonly first: First;
}

/** Prefixes the paths of an inner ragged spot with the index of the element that holds it. */
type Within<Index extends string, Spot> =
  Spot extends Ragged<infer Path, infer Got, infer FirstPath, infer First> ? Ragged<`[${Index}]${Path}`, Got, `[${Index}]${FirstPath}`, First> : never;

/**
 * Merges two element shapes: equal dims stay, a `number` dim accepts anything (the runtime checks),
 * known dims that differ or ranks that differ give `false`.
 */
type MergeShapes<Left extends Shape, Right extends Shape, Acc extends Dim[] = []> = Left extends readonly [
  infer L extends Dim,
  ...infer LRest extends Shape,
]
  ? Right extends readonly [infer R extends Dim, ...infer RRest extends Shape]
    ? number extends L
      ? MergeShapes<LRest, RRest, [...Acc, R]>
      : number extends R
        ? MergeShapes<LRest, RRest, [...Acc, L]>
        : [L] extends [R]
          ? [R] extends [L]
            ? MergeShapes<LRest, RRest, [...Acc, L]>
            : false
          : false
    : false
  : Right extends readonly []
    ? Acc
    : false;

/**
 * Element by element, in order (as the runtime walks): the first inner ragged spot, or the first
 * element whose shape does not merge with the shapes before it; else the merged element shape.
 */
type ScanElements<Shapes extends readonly unknown[], Index extends 0[] = [], Acc extends Shape | undefined = undefined> = Shapes extends readonly [
  infer Head,
  ...infer Tail,
]
  ? Head extends Ragged
    ? Within<`${Index["length"]}`, Head>
    : Head extends Shape
      ? Acc extends Shape
        ? MergeShapes<Acc, Head> extends infer Merged
          ? Merged extends Shape
            ? ScanElements<Tail, [...Index, 0], Merged>
            : Ragged<`[${Index["length"]}]`, Head, "[0]", Acc>
          : never
        : ScanElements<Tail, [...Index, 0], Head>
      : never
  : Acc;

/** The shapes of the elements of a tuple, or of the element type of an array. */
type ElementShapes<N extends readonly unknown[]> = { -readonly [K in keyof N]: ShapeOrRagged<N[K]> };

/** The shape of a nested array type, or a `Ragged` spot. `any` has a shape of unknown rank. */
type ShapeOrRagged<N> = 0 extends 1 & N
  ? number[]
  : N extends number
  ? []
  : N extends readonly unknown[]
    ? number extends N["length"]
      ? ShapeOrRagged<N[number]> extends infer Inner
        ? Inner extends Shape
          ? [number, ...Inner]
          : Inner
        : never
      : N extends readonly []
        ? [0]
        : ElementShapes<N> extends infer Shapes extends readonly unknown[]
          ? ([Shapes[number]] extends [Shapes[0]] ? (Shapes[0] extends Ragged ? ScanElements<Shapes> : Shapes[0]) : ScanElements<Shapes>) extends infer Inner
            ? Inner extends Shape
              ? [N["length"], ...Inner]
              : Inner
            : never
          : never
    : never;

/**
 * The shape of a nested array literal: `[]` for a number, the length of each level otherwise
 * (`number` where the level is an array of unknown length). `never` for a ragged literal.
 * @example
 * type Out = NestedShape<[[1, 2, 3], [4, 5, 6]]>; //=> [2, 3]
 */
export type NestedShape<N> = ShapeOrRagged<N> extends infer Out ? (Out extends Shape ? Out : never) : never;

/**
 * The parameter-side check of `tensor(data)`: `unknown` for a rectangular literal, the
 * `RaggedArray<Message>` error for a ragged one (the message equals the runtime's).
 */
export type CheckNested<N, Op extends string = "tensor"> =
  ShapeOrRagged<N> extends infer Out
    ? Out extends Ragged<infer Path, infer Got, infer FirstPath, infer First>
      ? RaggedArray<WriteRaggedMessage<Op, Path, Got, FirstPath, First>>
      : unknown
    : never;

/**
 * The parameter-side check of a creation shape (`zeros(shape)`, `full`, `randn`, …): `unknown` when
 * every dim is a non-negative integer (or `number`), else the `SHAPE_INVALID_SHAPE` error.
 */
export type CheckShape<Op extends string, S extends Shape> = CheckMessage<InvalidShapeMessage<Op, S>>;

/** `CheckShape` as a parameter type (`CheckedArg`): `Param`, or the message of `S`'s first invalid dim. */
export type CheckedShape<Param, Op extends string, S extends Shape> = CheckedArg<Param, MessageCheck<InvalidShapeMessage<Op, S>>>;

/**
 * A creation shape (`zeros(shape)`, `full`, `randn`, …) checked dim by dim: each dim's parameter type
 * is the dim itself, except the first invalid one's, which is the `SHAPE_INVALID_SHAPE` message — so
 * the error lands on that dim and the diagnostic is the message (`Type '-4' is not assignable to type
 * '"SHAPE_INVALID_SHAPE: zeros: …"'`). Each dim is judged on its own first, so a valid literal next
 * to a type parameter (`zeros([n, 3])`) stays exactly what it is, and a type-parameter dim (`N
 * extends number`, from `x.shape[0]`) is valid: its check resolves through its constraint.
 *
 * A shape whose dims are all valid (the common call) is its own parameter type: one test over its
 * dims' union, and `S` is inferred from the argument directly. Only a shape with a bad dim (or one
 * TypeScript cannot judge, a type parameter among its dims) is related to the per-dim form, which is
 * `NoInfer` so that inference does not reverse-map it (that cost ~30 instantiations per call).
 */
export type ShapeArg<Op extends string, S extends readonly Dim[]> = [S[number]] extends [number]
  ? [`${S[number]}`] extends [NaturalText] // plain non-negative integers, the common shape: only their size to check
    ? true extends AboveMaxSafe<`${S[number]}`>
      ? ShapeArgOf<Op, S>
      : S
    : ShapeArgOf<Op, S>
  : ShapeArgOf<Op, S>;

/** `ShapeArg` dim by dim: `S` when no dim is bad, else the per-dim checks. */
type ShapeArgOf<Op extends string, S extends readonly Dim[]> = [SizeBadDims<S[number]>] extends [never] ? S : NoInfer<ShapeDims<Op, S>>;

/**
 * The per-dim form: each dim as it is when valid, else checked with the message of the shape's first
 * bad dim. The valid case is tested outside the `CheckedArg` too: TypeScript types the shape literal
 * in the context of this type while `S` is still generic, and a test it cannot decide there costs it
 * one conditional instead of the `CheckedArg` around it (`zeros([n, m])` 84 → 62 per call). The
 * `CheckedArg` keeps its own test, so that a shape passed as a bare type parameter (`fromArray(data,
 * shape)` with `shape: S`) is related to it as before.
 */
type ShapeDims<Op extends string, S extends readonly Dim[]> = {
  [K in keyof S]: [SizeBadDims<S[K]>] extends [never] ? S[K] : CheckedArg<S[K], [SizeBadDims<S[K]>] extends [never] ? unknown : K extends `${FirstBadIndex<S>}` ? ShapeError<WriteInvalidShapeMessage<Op, S, S[K]>> : unknown>;
};

/**
 * A size given alone (`arange(n)`): `ShapeArg` for the one dim of `[N]` — the size itself when it is
 * valid or a type parameter (`arange(x.shape[1])` in generic code is `Tensor<[T]>`), else the
 * `SHAPE_INVALID_SHAPE` message of `[N]`, which a name (`"seq"`), a negative or a fraction gets.
 */
export type SizeArg<Op extends string, N extends Dim> = [SizeBadDims<N>] extends [never]
  ? N
  : NoInfer<CheckedArg<N, [SizeBadDims<N>] extends [never] ? unknown : ShapeError<WriteInvalidShapeMessage<Op, [N], N>>>>;

/**
 * The dims among `Dims` that a creation shape cannot take: invalid ones (`BadDimsOf`), and names — a
 * creation shape's dims are sizes, and a name has none at run time (`zeros(["batch", 3])` throws). A
 * dim that is a type parameter (`B extends Dim`, from `x.shape[0]`) is neither: it stands for a size
 * the caller has, and its test stays undecided, which the check accepts.
 */
type SizeBadDims<Dims> = BadDimsOf<Dims> | Extract<Dims, string>;

/** The index of the first dim of `S` that a creation shape cannot take. */
type FirstBadIndex<S extends readonly unknown[], Index extends 0[] = []> = S extends readonly [infer Head extends Dim, ...infer Rest]
  ? [SizeBadDims<Head>] extends [never]
    ? FirstBadIndex<Rest, [...Index, 0]>
    : Index["length"]
  : never;

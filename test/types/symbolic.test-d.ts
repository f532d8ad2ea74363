// Compile-time checks for the symbolic size normal form (types/internal/symbolic.ts) and the shape
// rules that use it. Every line is an assertion: a wrong result is a type error here. Run by
// test/symbolic-types.test.ts (ts-morph, TypeScript 6) and by `tsc --noEmit -p test/types/tsconfig.json`
// (TypeScript 7).
import type { CompareSizes, Dynamic, Malformed, NormalizeSize, Poly, PrintPoly, ShapeSize, SumDims } from "../../types/internal/symbolic.js";
import type { Dim } from "../../types/shape.js";
import type { FlattenShape, Product, ReshapeShape, WriteReshapeNamesMessage } from "../../types/ops/reshape.js";
import type { PrintShape } from "../../types/internal/print.js";
import type { ConcatShape } from "../../types/ops/concat.js";
import type { StackShape } from "../../types/ops/stack.js";
import type { IsShapeError, ShapeError } from "../../types/errors.js";
import type { BroadcastDim } from "../../types/ops/broadcast.js";

type Expect<T extends true> = T;
/** The element count of a shape as text, or the marker it gave. */
type Count<S extends readonly Dim[]> = ShapeSize<S> extends infer P extends Poly ? PrintPoly<P> : ShapeSize<S>;
/** The sum of dims as text, or the marker it gave. */
type Sum<Dims extends readonly Dim[]> = SumDims<Dims> extends infer P extends Poly ? PrintPoly<P> : SumDims<Dims>;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;

export type NormalForm = [
  // sums: terms in descending order of their names, the constant last
  Expect<Equal<NormalizeSize<"n+m">, "n+m">>,
  Expect<Equal<NormalizeSize<"m+n">, "n+m">>,
  Expect<Equal<NormalizeSize<"3+n">, "n+3">>,
  Expect<Equal<NormalizeSize<"1+a+2+b">, "b+a+3">>,
  Expect<Equal<NormalizeSize<"batch+seq+b">, "seq+batch+b">>,
  // like terms add up; coefficients multiply out; the coefficient goes last, 1 is not written
  Expect<Equal<NormalizeSize<"n+n">, "n*2">>,
  Expect<Equal<NormalizeSize<"2*n+n*3">, "n*5">>,
  Expect<Equal<NormalizeSize<"768*s">, "s*768">>,
  Expect<Equal<NormalizeSize<"2*s*3*b">, "b*s*6">>,
  Expect<Equal<NormalizeSize<"1*n">, "n">>,
  // names within a term in ascending order; repeats kept
  Expect<Equal<NormalizeSize<"s*b">, "b*s">>,
  Expect<Equal<NormalizeSize<"n*m*n">, "m*n*n">>,
  Expect<Equal<NormalizeSize<"s*b+b*s*2+a">, "b*s*3+a">>,
  // constants are numbers; zero terms vanish
  Expect<Equal<NormalizeSize<"2*3">, 6>>,
  Expect<Equal<NormalizeSize<"0*n">, 0>>,
  Expect<Equal<NormalizeSize<"n*0+m">, "m">>,
  Expect<Equal<NormalizeSize<"768">, 768>>,
  Expect<Equal<NormalizeSize<"007">, 7>>,
  // exact beyond 2^53 inside an expression
  Expect<Equal<NormalizeSize<"n*9007199254740991*2">, "n*18014398509481982">>,
  // plain names are untouched, including names that are not identifiers
  Expect<Equal<NormalizeSize<"batch">, "batch">>,
  Expect<Equal<NormalizeSize<"2n">, "2n">>,
  Expect<Equal<NormalizeSize<"n-1">, "n-1">>,
  Expect<Equal<NormalizeSize<"batch size">, "batch size">>,
  // order by code unit: uppercase before lowercase, "_" between them
  Expect<Equal<NormalizeSize<"a+B+_">, "a+_+B">>,
  Expect<Equal<NormalizeSize<"ab+a">, "ab+a">>,
  Expect<Equal<NormalizeSize<"a+ab">, "ab+a">>,
  // terms compare by their names as a whole, `*` included (code unit 42, below letters)
  Expect<Equal<NormalizeSize<"b*d2+batch*m">, "batch*m+b*d2">>,
  Expect<Equal<NormalizeSize<"b+b*c">, "b*c+b">>,
  // numbers and `number` pass through
  Expect<Equal<NormalizeSize<3>, 3>>,
  Expect<Equal<NormalizeSize<number>, number>>,
  // not size expressions
  Expect<Equal<NormalizeSize<"n+">, Malformed>>,
  Expect<Equal<NormalizeSize<"*n">, Malformed>>,
  Expect<Equal<NormalizeSize<"n++m">, Malformed>>,
  Expect<Equal<NormalizeSize<"">, Malformed>>,
  // names the compiler cannot order (outside printable ASCII) are left to the runtime …
  Expect<Equal<NormalizeSize<"é+a">, Dynamic>>,
  // … but a lone such name, which needs no ordering, is fine
  Expect<Equal<NormalizeSize<"é">, "é">>,
];

export type Comparisons = [
  Expect<Equal<CompareSizes<"n+m", "m+n">, "equal">>,
  Expect<Equal<CompareSizes<"b*s", "s*b">, "equal">>,
  Expect<Equal<CompareSizes<"2*3", 6>, "equal">>,
  Expect<Equal<CompareSizes<6, "2*3">, "equal">>,
  Expect<Equal<CompareSizes<"n", "n">, "equal">>,
  Expect<Equal<CompareSizes<3, 3>, "equal">>,
  Expect<Equal<CompareSizes<3, 4>, "known">>,
  Expect<Equal<CompareSizes<"2*3", 7>, "known">>,
  Expect<Equal<CompareSizes<"n", "m">, "symbols">>,
  Expect<Equal<CompareSizes<"n+1", "n">, "symbols">>,
  Expect<Equal<CompareSizes<"n", 3>, "symbol-known">>,
  Expect<Equal<CompareSizes<3, "n">, "symbol-known">>,
  Expect<Equal<CompareSizes<number, 3>, "dynamic">>,
  Expect<Equal<CompareSizes<"n", number>, "dynamic">>,
  Expect<Equal<CompareSizes<2 | 3, 2>, "dynamic">>,
  Expect<Equal<CompareSizes<string, "n">, "dynamic">>,
  Expect<Equal<CompareSizes<number, number>, "dynamic">>,
];

export type Products = [
  Expect<Equal<Count<["batch", 28, 28]>, "batch*784">>,
  Expect<Equal<Count<["b", "s", 768]>, "b*s*768">>,
  Expect<Equal<Count<["n+m", 2]>, "n*2+m*2">>,
  Expect<Equal<Count<["n+1", "n+1"]>, "n*n+n*2+1">>,
  Expect<Equal<Count<[]>, "1">>,
  Expect<Equal<Count<[0, "n"]>, "0">>,
  Expect<Equal<Count<[9007199254740991, 9007199254740991]>, "81129638414606663681390495662081">>,
  Expect<Equal<ShapeSize<[2, number]>, Dynamic>>,
  Expect<Equal<ShapeSize<number[]>, Dynamic>>,
  Expect<Equal<Sum<["n", "m", 3, "n"]>, "n*2+m+3">>,
];

export type ShapeRules = [
  // the examples, literally
  Expect<Equal<ConcatShape<[["n"], ["m"]]>, ["n+m"]>>,
  Expect<Equal<ConcatShape<[["m"], ["n"]]>, ["n+m"]>>,
  Expect<Equal<ConcatShape<[["n"], [3]]>, ["n+3"]>>,
  Expect<Equal<ReshapeShape<["batch", 28, 28], ["batch", 784]>, ["batch", 784]>>,
  Expect<Equal<ReshapeShape<["batch", "seq", 768], ["batch", "seq", 12, 64]>, ["batch", "seq", 12, 64]>>,
  Expect<Equal<IsShapeError<ReshapeShape<["batch", 784], ["batch", 780]>>, true>>,
  Expect<Equal<ReshapeShape<["b", "s", 768], ["b", -1]>, ["b", "s*768"]>>,
  // plain sizes on both sides take the digit products at once; what that shortcut must not take
  // (a union dim, a union holding -1, a second -1, a size above 2^53 − 1) goes dim by dim
  Expect<Equal<ReshapeShape<[6, 4], [3, 8]>, [3, 8]>>,
  Expect<Equal<ReshapeShape<[6, 4], [5, -1]>, ShapeError<"SHAPE_RESHAPE: reshapeShape: cannot reshape [6, 4] (24 elements) to [5, -1]: -1 cannot be inferred: the other dims hold 5 elements, and 24 is not a multiple of 5">>>,
  Expect<Equal<ReshapeShape<[6, 4], [2 | 3, 8]>, [2 | 3, 8]>>,
  Expect<Equal<ReshapeShape<[6, 4], [-1 | 2, 12]>, [-1 | 2, 12]>>,
  Expect<Equal<ReshapeShape<[6, 4], [-1, -1]>, ShapeError<"SHAPE_RESHAPE: reshapeShape: cannot reshape [6, 4] to [-1, -1]: only one dim can be -1 (inferred)">>>,
  Expect<Equal<IsShapeError<ReshapeShape<[6, 4], [9007199254740992, 1]>>, true>>,
  Expect<Equal<ReshapeShape<[0, 4], [0, -1]>, ShapeError<"SHAPE_RESHAPE: reshapeShape: cannot reshape [0, 4] (0 elements) to [0, -1]: -1 cannot be inferred: the other dims hold 0 elements, so any size would fit">>>,
  // sums meet products
  Expect<Equal<ConcatShape<[["n", 4], ["n", 4], ["m", 4]]>, ["n*2+m", 4]>>,
  Expect<Equal<ReshapeShape<["n+m", 768], ["m+n", 12, -1]>, ["m+n", 12, 64]>>,
  Expect<Equal<ReshapeShape<["n+m", 4], [-1]>, ["n*4+m*4"]>>,
  Expect<Equal<FlattenShape<["b", "s", 12, 64]>, ["b*s*768"]>>,
  Expect<Equal<ReshapeShape<["n", 6], ["n", 2, -1]>, ["n", 2, 3]>>,
  Expect<Equal<ReshapeShape<["n", "n"], ["n", -1]>, ["n", "n"]>>,
  // a divisor that stays a sum after cancelling: undecided, `number`, never an error
  Expect<Equal<ReshapeShape<["n+m", "k"], ["k+m", -1]>, ["k+m", number]>>,
  // dims equal in normal form match in concat and stack
  Expect<Equal<ConcatShape<[["m+n", 1], ["n+m", 2]], 1>, ["m+n", 3]>>,
  Expect<Equal<StackShape<[["b*s"], ["s*b"]]>, [2, "b*s"]>>,
  Expect<Equal<IsShapeError<StackShape<[["n"], ["m"]]>>, true>>,
  // numbers beside names: no compile error, the runtime checks
  Expect<Equal<ReshapeShape<["n", number], ["n", -1]>, ["n", number]>>,
  Expect<Equal<ConcatShape<[["n", 2], [number, 3]], 1>, ["n", 5]>>,
  // unions are dynamic too
  Expect<Equal<ReshapeShape<[2 | 3, 4], [-1]>, [number]>>,
  Expect<Equal<ReshapeShape<["a" | "b", 4], [2, 3]>, [2, 3]>>,
  Expect<Equal<ConcatShape<[[2 | 3, 1], [5, 1]], 1>, [5, 2]>>,
  Expect<Equal<CompareSizes<"a" | "b", "a">, "dynamic">>,
  // a clash names the tensor its merged dim came from: the first, or the one whose dim replaced a dynamic one
  Expect<Equal<ConcatShape<[[number, 3], [2, 3], [4, 3]], 1>, ShapeError<"SHAPE_CONCAT: concatShape: cannot concatenate [2, 3] with [4, 3] along axis 1: axis 0 is 2 in tensor 1 but 4 in tensor 2; only axis 1 may differ">>>,
  Expect<Equal<ConcatShape<[number[], [2, 3], [number, 3], [4, 3]], 1>, ShapeError<"SHAPE_CONCAT: concatShape: cannot concatenate [2, 3] with [4, 3] along axis 1: axis 0 is 2 in tensor 1 but 4 in tensor 3; only axis 1 may differ">>>,
  Expect<Equal<ConcatShape<[[number, 1], [number, 1], [5, 1], [6, 1]], 1>, ShapeError<"SHAPE_CONCAT: concatShape: cannot concatenate [5, 1] with [6, 1] along axis 1: axis 0 is 5 in tensor 2 but 6 in tensor 3; only axis 1 may differ">>>,
  Expect<Equal<ConcatShape<[["n", 2], [number, 2], ["m", 2]], 1>, ShapeError<"SHAPE_CONCAT: concatShape: cannot concatenate ['n', 2] with ['m', 2] along axis 1: axis 0 is 'n' in tensor 0 but 'm' in tensor 2; different names may be different sizes (state that they are equal with .as())">>>,
  Expect<Equal<StackShape<[[number], [2], [3]]>, ShapeError<"SHAPE_STACK: stackShape: cannot stack [2] with [3]: axis 0 is 2 in tensor 1 but 3 in tensor 2; stacked tensors must have the same shape">>>,
  Expect<Equal<StackShape<[[1, number], number[], [1, 4], [2, 4]]>, ShapeError<"SHAPE_STACK: stackShape: cannot stack [1, number] with [2, 4]: axis 0 is 1 in tensor 0 but 2 in tensor 3; stacked tensors must have the same shape">>>,
];

/** The message `WriteReshapeNamesMessage` writes, with the shapes printed by `PrintShape`. */
type NamesMessage<From extends readonly Dim[], To extends readonly Dim[]> =
  `SHAPE_RESHAPE: reshape: cannot reshape ${PrintShape<From>} to ${PrintShape<To>}: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze`;

export type ReshapeMessages = [
  // the generic-case message prints ranks 2 and 3 by index: the same text as PrintShape, at every rank
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [], [1]>, NamesMessage<[], [1]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [2, "b"], ["b", 2, -1]>, NamesMessage<[2, "b"], ["b", 2, -1]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [number, "n*2"], [0, 9007199254740991, string]>, NamesMessage<[number, "n*2"], [0, 9007199254740991, string]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [1, 2, 3, 4], [24]>, NamesMessage<[1, 2, 3, 4], [24]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [2 | 3, 4], [-1]>, NamesMessage<[2 | 3, 4], [-1]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [...number[], 3], [-1]>, NamesMessage<[...number[], 3], [-1]>>>,
  Expect<Equal<WriteReshapeNamesMessage<"reshape", [2, 3], [6]>, "SHAPE_RESHAPE: reshape: cannot reshape [2, 3] to [6]: a type parameter is a name, and this reshape merges, splits or moves its axis or counts it into a -1, which the compiler cannot size; keep its axis in place and write the other sizes out (reshape([x.shape[0], 8, 64])), or use unflatten(axis, [8, -1]), flatten(start, end), unsqueeze or squeeze">>,
];

export type DigitProducts = [
  // one or two dims are multiplied in one match, more dim by dim: the same products
  Expect<Equal<Product<[12, 13]>, 156>>,
  Expect<Equal<Product<[1, 9007199254740991]>, 9007199254740991>>,
  Expect<Equal<Product<[2, 4503599627370496]>, number>>, // 2^53: above the largest safe integer
  Expect<Equal<Product<[0, 7]>, 0>>,
  Expect<Equal<Product<[2 | 3, 4]>, number>>,
  Expect<Equal<Product<[2, 3, 4]>, 24>>,
  Expect<Equal<Product<[1, 1, 1]>, 1>>,
  Expect<Equal<FlattenShape<[5]>, [5]>>,
  Expect<Equal<FlattenShape<[]>, [1]>>,
  Expect<Equal<ReshapeShape<[99, 99], [-1]>, [9801]>>,
  Expect<Equal<ReshapeShape<[123456789, 1000], [-1, 1]>, [123456789000, 1]>>,
  Expect<Equal<ReshapeShape<[1, 7], [7, -1]>, [7, 1]>>,
  Expect<Equal<IsShapeError<ReshapeShape<[6, 7], [5, -1]>>, true>>,
  Expect<Equal<ReshapeShape<[2 | 3, 4], [4, -1]>, [4, number]>>,
];

/**
 * One broadcast axis, by the design's table (DESIGN.md, "Broadcasting"): equal → that dim, a 1 on
 * either side → the other, `number` against a known size → the size, else `number` (a clash is the
 * check's to report). A type parameter is a name, resolved on either side of a 1 and against itself.
 */
export function broadcastOneAxis<B extends Dim, T extends number, N extends "n">() {
  type Cases = [
    Expect<Equal<BroadcastDim<1, B>, B>>,
    Expect<Equal<BroadcastDim<B, 1>, B>>,
    Expect<Equal<BroadcastDim<B, B>, B>>,
    Expect<Equal<BroadcastDim<1, T>, T>>,
    Expect<Equal<BroadcastDim<N, 1>, N>>,
    Expect<Equal<BroadcastDim<1, 1>, 1>>,
    Expect<Equal<BroadcastDim<7, 1>, 7>>,
    Expect<Equal<BroadcastDim<1, 7>, 7>>,
    Expect<Equal<BroadcastDim<7, 7>, 7>>,
    Expect<Equal<BroadcastDim<0, 1>, 0>>,
    Expect<Equal<BroadcastDim<1, 0>, 0>>,
    Expect<Equal<BroadcastDim<7, 8>, number>>,
    Expect<Equal<BroadcastDim<"b", 1>, "b">>,
    Expect<Equal<BroadcastDim<1, "b">, "b">>,
    Expect<Equal<BroadcastDim<"b", "b">, "b">>,
    Expect<Equal<BroadcastDim<"b", "c">, number>>,
    Expect<Equal<BroadcastDim<"b", number>, number>>,
    Expect<Equal<BroadcastDim<number, 1>, number>>,
    Expect<Equal<BroadcastDim<1, number>, number>>,
    Expect<Equal<BroadcastDim<number, 7>, 7>>,
    Expect<Equal<BroadcastDim<7, number>, 7>>,
    Expect<Equal<BroadcastDim<number, number>, number>>,
  ];
  return null as unknown as Cases;
}

// chunk and split at run time: contents against a hand-written oracle (nested arrays cut with
// Array#slice along the axis, at offsets summed by hand), NumPy's np.split rule for chunk (the axis
// must be a multiple of the number of chunks) and PyTorch's for split with sizes (they must add up to
// the axis), views that share storage, names on the axes, and the errors; the same tables check the
// type level (`ChunkShape`, `SplitShape`) through the compiler.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, arange, chunk, chunkShape, ones, split, splitShape, unbind, unbindShape, zeros, type Tensor } from "../../src/index.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { thrown } from "../harness/runtime.js";

type Nested = number | Nested[];

/** The oracle: `values` cut along `axis` into pieces of `sizes`, by Array#slice at that depth. */
function pieces(values: Nested, axis: number, sizes: readonly number[]): Nested[] {
  let from = 0;
  return sizes.map((size) => {
    const piece = cut(values, axis, from, size);
    from += size;
    return piece;
  });
}

function cut(values: Nested, axis: number, from: number, length: number): Nested {
  if (!Array.isArray(values)) throw new Error("axis deeper than the array");
  if (axis === 0) return values.slice(from, from + length);
  return values.map((row) => cut(row, axis - 1, from, length));
}

const numbered = (shape: readonly number[]) => arange(shape.reduce((a, b) => a * b, 1)).reshape(shape as never) as Tensor;
const axisOf = (axis: number | undefined, rank: number) => (axis === undefined ? 0 : axis < 0 ? axis + rank : axis);

const CHUNKS: readonly (readonly [shape: number[], chunks: number, axis: number | undefined])[] = [
  [[6], 3, undefined],
  [[6], 1, 0],
  [[6], 6, -1],
  [[4, 6], 2, 0],
  [[4, 6], 3, 1],
  [[4, 6], 2, -1],
  [[2, 3, 8], 4, 2],
  [[2, 3, 8], 3, -2],
  [[0, 3], 5, 0],
];

const SPLITS: readonly (readonly [shape: number[], sizes: number[], axis: number | undefined])[] = [
  [[5], [2, 3], undefined],
  [[5], [5], 0],
  [[5], [0, 5, 0], 0],
  [[4, 6], [1, 2, 3], 1],
  [[4, 6], [4], -2],
  [[2, 3, 4], [1, 2], 1],
  [[2, 3, 4], [3, 1], -1],
  [[0, 2], [], 0],
];

describe("chunk and split: values", () => {
  it.each(CHUNKS)("chunk %j into %i along %j: equal pieces, the oracle's elements", (shape, chunks, axis) => {
    const x = numbered(shape);
    const index = axisOf(axis, shape.length);
    const out = chunk(x as Tensor<number[]>, chunks as never, axis as never) as Tensor[];
    const size = shape[index]! / chunks;
    expect(out.length).toBe(chunks);
    expect(out.map((t) => t.toArray())).toEqual(pieces(x.toArray() as Nested, index, Array.from({ length: chunks }, () => size)));
    expect(out.map((t) => t.shape)).toEqual(out.map(() => chunkShape(shape as never, chunks as never, axis as never)));
  });

  it.each(SPLITS)("split %j into %j along %j: the oracle's pieces", (shape, sizes, axis) => {
    const x = numbered(shape);
    const index = axisOf(axis, shape.length);
    const out = x.split(sizes as never, axis as never) as unknown as Tensor[];
    expect(out.map((t) => t.toArray())).toEqual(pieces(x.toArray() as Nested, index, sizes));
    expect(out.map((t) => t.shape)).toEqual(splitShape(shape as never, sizes as never, axis as never));
  });

  it("the pieces are views: they share the input's storage", () => {
    const x = arange(12).reshape([3, 4]);
    const [left, right] = x.chunk(2, 1);
    expect(left.data).toBe(x.data);
    expect(right.data).toBe(x.data);
    expect(right.toArray()).toEqual([
      [2, 3],
      [6, 7],
      [10, 11],
    ]);
    const [head, tail] = split(x.transpose(), [1, 3]);
    expect(head.toArray()).toEqual([[0, 4, 8]]);
    expect(tail.data).toBe(x.data);
  });

  it("on a named tensor: the pieces keep the names of the other axes", () => {
    const x = zeros([8, 6]).as(["batch", 6]);
    const [a, b] = x.chunk(2, 1);
    expect(a.as(["batch", 3]).shape).toEqual([8, 3]);
    expect(b.shape).toEqual([8, 3]);
    expect(chunkShape(["b", "3*d"], 3, -1)).toEqual(["b", "d"]);
    expect(chunkShape(["2*n+2*m", 4], 2, 0)).toEqual([chunkShape(["m+n", 4], 1, 0)[0], 4]);
  });
});

/** The runtime's errors, message for message; the type level says the same (below). */
const CHUNK_ERRORS: readonly (readonly [shape: (number | string)[], chunks: number | string, axis: number | undefined, message: string])[] = [
  [[2, 10], 3, 1, "SHAPE_SPLIT: chunkShape: cannot split axis 1 of [2, 10] into 3 equal chunks: 10 is not a multiple of 3; split(x, sizes, axis) takes pieces of different sizes"],
  [[6, 4], 0, undefined, "SHAPE_SPLIT: chunkShape: cannot split axis 0 of [6, 4] into 0 chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  [[6, 4], -2, 0, "SHAPE_SPLIT: chunkShape: cannot split axis 0 of [6, 4] into -2 chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  [[6, 4], 1.5, 1, "SHAPE_SPLIT: chunkShape: cannot split axis 1 of [6, 4] into 1.5 chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  [[6, 4], 9007199254740992, 0, "SHAPE_SPLIT: chunkShape: cannot split axis 0 of [6, 4] into 9007199254740992 chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  [[6, 4], "n", 0, "SHAPE_SPLIT: chunkShape: cannot split axis 0 of [6, 4] into 'n' chunks: the number of chunks must be an integer from 1 to 9007199254740991"],
  [["b", "d"], 3, 1, "SHAPE_SPLIT: chunkShape: cannot split axis 1 of ['b', 'd'] into 3 equal chunks: 'd' is not a multiple of 3; split(x, sizes, axis) takes pieces of different sizes"],
  [["b", "2*d"], 4, -1, "SHAPE_SPLIT: chunkShape: cannot split axis 1 of ['b', '2*d'] into 4 equal chunks: '2*d' is not a multiple of 4; split(x, sizes, axis) takes pieces of different sizes"],
  [[6, 4], 2, 2, "SHAPE_AXIS: chunkShape: axis 2 is out of range for [6, 4]: valid axes are integers from -2 to 1"],
  [[], 1, undefined, "SHAPE_AXIS: chunkShape: axis 0 is out of range for []: a scalar has no axes"],
];

const SPLIT_ERRORS: readonly (readonly [shape: (number | string)[], sizes: (number | string)[], axis: number | undefined, message: string])[] = [
  [[2, 10], [4, 4], 1, "SHAPE_SPLIT: splitShape: cannot split axis 1 of [2, 10] into sizes [4, 4]: they add up to 8, not 10"],
  [[2, 10], [], 1, "SHAPE_SPLIT: splitShape: cannot split axis 1 of [2, 10] into sizes []: they add up to 0, not 10"],
  [[2, 10], [13, -1], 1, "SHAPE_SPLIT: splitShape: cannot split axis 1 of [2, 10] with size -1: each size must be an integer from 0 to 9007199254740991"],
  [[2, 10], [2.5, 7.5], 1, "SHAPE_SPLIT: splitShape: cannot split axis 1 of [2, 10] with size 2.5: each size must be an integer from 0 to 9007199254740991"],
  [[2, 10], ["n", 3], -1, "SHAPE_SPLIT: splitShape: cannot split axis 1 of [2, 10] with size 'n': each size must be an integer from 0 to 9007199254740991"],
  [[2], [9007199254740991, 9007199254740991], 0, "SHAPE_SPLIT: splitShape: cannot split axis 0 of [2] into sizes [9007199254740991, 9007199254740991]: they add up to 18014398509481982, not 2"],
  [[2, 10], [1, 1], 2, "SHAPE_AXIS: splitShape: axis 2 is out of range for [2, 10]: valid axes are integers from -2 to 1"],
];

describe("chunk and split: errors", () => {
  it.each(CHUNK_ERRORS)("chunk %j into %j along %j", (shape, chunks, axis, message) => {
    const error = thrown(() => chunkShape(shape as never, chunks as never, axis as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
    if (shape.every((d) => typeof d === "number")) {
      expect(thrown(() => zeros(shape as never).chunk(chunks as never, axis as never)).message).toBe(message.replace("chunkShape", "chunk"));
    }
  });

  it.each(SPLIT_ERRORS)("split %j into %j along %j", (shape, sizes, axis, message) => {
    const error = thrown(() => splitShape(shape as never, sizes as never, axis as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
    expect(thrown(() => split(zeros(shape as never), sizes as never, axis as never)).message).toBe(message.replace("splitShape", "split"));
  });

  it("the type level gives the same messages and shapes (ChunkShape and SplitShape through the compiler)", () => {
    const lit = (v: unknown) => (v === undefined ? "0" : JSON.stringify(v));
    // a count that is not a number is an error of the argument's type at compile time (Chunks extends number)
    const chunkErrors = CHUNK_ERRORS.filter(([, chunks]) => typeof chunks === "number");
    expect(chunkErrors.length).toBe(CHUNK_ERRORS.length - 1);
    const expressions = [
      ...chunkErrors.map(([shape, chunks, axis]) => `ChunkShape<${lit(shape)}, ${lit(chunks)}, ${lit(axis)}>`),
      ...SPLIT_ERRORS.map(([shape, sizes, axis]) => `SplitShape<${lit(shape)}, ${lit(sizes)}, ${lit(axis)}>`),
      ...CHUNKS.map(([shape, chunks, axis]) => `ChunkShape<${lit(shape)}, ${chunks}, ${lit(axis)}>`),
    ];
    const imports = `import type { ChunkShape, SplitShape } from "../types/ops/split.js";`;
    const types = evaluateTypes(imports, expressions).map(parseTypeText);
    const errors = [...chunkErrors, ...SPLIT_ERRORS].map(([, , , message]) => ({ kind: "error", message }));
    expect(types.slice(0, errors.length)).toEqual(errors);
    expect(types.slice(errors.length)).toEqual(
      CHUNKS.map(([shape, chunks, axis]) => ({ kind: "shape", rest: false, dims: shape.map((d, i) => (i === axisOf(axis, shape.length) ? d / chunks : d)) })),
    );
    // size expressions divide by their normal form, as at run time
    const symbolic = [[["b", "3*d"], 3, -1], [["2*n+2*m", 4], 2, 0], [["h*w", 6], 1, 0]] as const;
    const symbolicTypes = evaluateTypes(imports, symbolic.map(([shape, chunks, axis]) => `ChunkShape<${lit(shape)}, ${chunks}, ${axis}>`)).map(parseTypeText);
    expect(symbolicTypes).toEqual(symbolic.map(([shape, chunks, axis]) => ({ kind: "shape", rest: false, dims: chunkShape(shape as never, chunks as never, axis as never) })));
    // split's pieces, one shape each
    const splitTypes = evaluateTypes(imports, SPLITS.map(([shape, sizes, axis]) => `SplitShape<${lit(shape)}, ${lit(sizes)}, ${lit(axis)}>`));
    expect(splitTypes).toEqual(SPLITS.map(([shape, sizes, axis]) => `[${sizes.map((size) => `[${shape.map((d, i) => (i === axisOf(axis, shape.length) ? size : d)).join(", ")}]`).join(", ")}]`));
  });

  it("a named axis leaves split's sum to the tensor: the pure rule keeps the sizes, a tensor checks its size", () => {
    expect(splitShape(["seq", 64], [2, 3], 0)).toEqual([
      [2, 64],
      [3, 64],
    ]);
    const x = zeros([4, 64]).as(["seq", 64]);
    expect(thrown(() => x.split([2, 3], 0)).message).toBe("SHAPE_SPLIT: split: cannot split axis 0 of [4, 64] into sizes [2, 3]: they add up to 5, not 4");
  });

  it("garbage: counts and sizes of the wrong type, NaN, a bad axis or operand — coded errors only", () => {
    const x = zeros([4, 6]);
    for (const [count, axis] of [["2", 0], [null, 0], [Number.NaN, 0], [Number.POSITIVE_INFINITY, 0], [2, 0.5], [2, "1"]] as const) {
      const error = thrown(() => x.chunk(count as never, axis as never));
      expect(error instanceof ShapeError || error instanceof InputError).toBe(true);
      expect((error as ShapeError).code).toMatch(/^(SHAPE|INPUT)_/);
    }
    for (const sizes of [null, 4, "4", [Number.NaN, 4], [undefined, 4], { length: 1 }]) {
      const error = thrown(() => x.split(sizes as never));
      expect(error instanceof ShapeError || error instanceof InputError).toBe(true);
      expect((error as ShapeError).code).toMatch(/^(SHAPE|INPUT)_/);
    }
    expect((thrown(() => chunk(null as never, 2 as never)) as InputError).code).toBe("INPUT_OPERAND");
    expect((thrown(() => split([1, 2] as never, [1, 1] as never)) as InputError).code).toBe("INPUT_OPERAND");
  });
});

describe("chunk of a broadcast view", () => {
  it("an axis of 2^40 elements chunked into 2^40 pieces is INPUT_TOO_LARGE, not a hang; into 2^12 pieces, views", () => {
    const wide = ones([1]).broadcastTo([2 ** 40]);
    expect((thrown(() => wide.chunk(2 ** 40)) as InputError).code).toBe("INPUT_TOO_LARGE");
    const pieces = wide.chunk(2 ** 12);
    expect(pieces.length).toBe(2 ** 12);
    expect(pieces[7]!.shape).toEqual([2 ** 28]);
  });
});

/** The oracle for unbind: the pieces of size 1 along `axis`, each with that axis dropped (the nesting one level shallower there). */
function unbound(values: Nested, axis: number, size: number): Nested[] {
  return pieces(values, axis, Array.from({ length: size }, () => 1)).map((piece) => dropAxis(piece, axis));
}
function dropAxis(values: Nested, axis: number): Nested {
  if (!Array.isArray(values)) throw new Error("axis deeper than the array");
  return axis === 0 ? values[0]! : values.map((row) => dropAxis(row, axis - 1));
}

const UNBINDS: readonly (readonly [shape: number[], axis: number | undefined])[] = [
  [[3], undefined],
  [[3, 2], 0],
  [[3, 2], -1],
  [[2, 3, 4], 1],
  [[2, 3, 4], -1],
  [[0, 3], 1],
  [[2, 0], 1],
];

describe("unbind", () => {
  it.each(UNBINDS)("%j along %j: the oracle's slices, the axis dropped, as views", (shape, axis) => {
    const x = numbered(shape);
    const index = axisOf(axis, shape.length);
    const out = unbind(x as never, axis as never) as unknown as Tensor[];
    expect(out.length).toBe(shape[index]);
    expect(out.map((t) => t.toArray())).toEqual(unbound(x.toArray() as Nested, index, shape[index]!));
    const piece = shape.filter((_, i) => i !== index);
    expect(out.map((t) => t.shape)).toEqual(out.map(() => piece));
    expect(unbindShape(shape as never, axis as never)).toEqual(piece);
    for (const t of out) expect(t.data).toBe(x.data);
  });

  it("errors: an axis out of range (a scalar has none), at both levels with the same message", () => {
    expect(thrown(() => unbindShape([2, 3], 2 as never)).message).toBe("SHAPE_AXIS: unbindShape: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    expect(thrown(() => zeros([2, 3]).unbind(2 as never)).message).toBe("SHAPE_AXIS: unbind: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    expect(thrown(() => unbind(zeros([]) as never)).message).toBe("SHAPE_AXIS: unbind: axis 0 is out of range for []: a scalar has no axes");
    const types = evaluateTypes(`import type { UnbindShape } from "../types/ops/split.js";`, [
      "UnbindShape<[2, 3], 2>",
      "UnbindShape<[]>",
      ...UNBINDS.map(([shape, axis]) => `UnbindShape<[${shape.join(", ")}], ${axis ?? 0}>`),
    ]).map(parseTypeText);
    expect(types).toEqual([
      { kind: "error", message: "SHAPE_AXIS: unbindShape: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1" },
      { kind: "error", message: "SHAPE_AXIS: unbindShape: axis 0 is out of range for []: a scalar has no axes" },
      ...UNBINDS.map(([shape, axis]) => ({ kind: "shape", rest: false, dims: shape.filter((_, i) => i !== axisOf(axis, shape.length)) })),
    ]);
  });

  it("garbage, and a broadcast view of 2^40 slices (INPUT_TOO_LARGE, not a hang)", () => {
    for (const axis of ["0", null, Number.NaN, 0.5]) {
      const error = thrown(() => zeros([2, 3]).unbind(axis as never));
      expect(error instanceof ShapeError || error instanceof InputError).toBe(true);
    }
    expect((thrown(() => unbind(null as never)) as InputError).code).toBe("INPUT_OPERAND");
    expect((thrown(() => ones([1]).broadcastTo([2 ** 40]).unbind()) as InputError).code).toBe("INPUT_TOO_LARGE");
  });
});

// indexSelect, gather, embedding: values against brute-force loops written here (NumPy's take along
// an axis, PyTorch's gather formula), shapes, dtypes, out-of-range indices, and shape errors.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, embedding, gather, indexSelect, indexSelectShape, rand, tensor, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

const strides = (dims: readonly number[]) => dims.map((_, k) => dims.slice(k + 1).reduce((p, d) => p * d, 1));
const unravel = (flat: number, dims: readonly number[]) => {
  const index: number[] = [];
  for (let k = dims.length - 1; k >= 0; k--) {
    index[k] = flat % dims[k]!;
    flat = Math.floor(flat / dims[k]!);
  }
  return index;
};
const at = (values: number[], dims: readonly number[], index: number[]) => values[index.reduce((p, x, k) => p + x * strides(dims)[k]!, 0)]!;

function ints(values: number[], dims: number[]): Tensor {
  return (tensor(values as never, { dtype: "int32" }) as Tensor).reshape(dims as never) as Tensor;
}

describe("indexSelect", () => {
  const x = rand([3, 4, 5], { seed: 3, dtype: "float64" }) as Tensor;
  const xs = x.toFlatArray();
  const cases: [number, number[], number[]][] = [
    [0, [2, 0, 2], [3]],
    [1, [3, 1, 1, 0, 2, 3], [2, 3]],
    [2, [4], []],
    [-1, [0, 4, 2, 1], [2, 2]],
  ];
  it.each(cases)("axis %s, indices %j of shape %j: np.take written as a loop", (axis, values, idims) => {
    const idx = ints(values, idims);
    const out = indexSelect(x, axis as never, idx as never) as Tensor;
    const a = axis < 0 ? axis + 3 : axis;
    const expectedDims = [...x.dims.slice(0, a), ...idims, ...x.dims.slice(a + 1)];
    expect(out.dims).toEqual(expectedDims);
    expect(indexSelectShape(x.dims as number[], axis, idims)).toEqual(expectedDims);
    const got = out.toFlatArray();
    got.forEach((value, flat) => {
      const o = unravel(flat, expectedDims);
      const j = o.slice(a, a + idims.length);
      const picked = values[j.reduce((p, v, k) => p + v * strides(idims)[k]!, 0)]!;
      const source = [...o.slice(0, a), picked, ...o.slice(a + idims.length)];
      expect(value).toBe(at(xs, x.dims, source));
    });
  });

  it("works on strided views and int32/bool sources; embedding is indexSelect on axis 0", () => {
    const m = tensor([[1, 2, 3], [4, 5, 6]]).transpose(); // [[1, 4], [2, 5], [3, 6]]
    expect(indexSelect(m, 0, ints([2, 0], [2])).toArray()).toEqual([[3, 6], [1, 4]]);
    expect(indexSelect(tensor([7, 8, 9], { dtype: "int32" }), 0, ints([1, 1], [2])).toArray()).toEqual([8, 8]);
    expect(indexSelect(tensor([7, 8, 9], { dtype: "int32" }), 0, ints([1], [1])).dtype).toBe("int32");
    const w = tensor([[0, 0.5], [1, 1.5], [2, 2.5]]);
    const e = embedding(w, ints([2, 0, 1, 2], [2, 2]));
    expect(e.dims).toEqual([2, 2, 2]);
    expect(e.toArray()).toEqual([[[2, 2.5], [0, 0.5]], [[1, 1.5], [2, 2.5]]]);
  });

  it("out-of-range and negative indices are INPUT_INDEX naming op, value, position and bound; non-int32 indices INPUT_DTYPE", () => {
    const error = thrown(() => indexSelect(zeros([5, 3]), 0, ints([1, 5], [2])));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe("INPUT_INDEX: indexSelect: index 5 (element 1 of indices) is out of range for axis 0 of [5, 3]: valid indices are 0 to 4");
    expect(thrown(() => embedding(zeros([4, 2]), ints([-1], [1]))).message).toBe(
      "INPUT_INDEX: embedding: index -1 (element 0 of indices) is out of range for axis 0 of [4, 2]: valid indices are 0 to 3",
    );
    expect(thrown(() => indexSelect(zeros([5]), 0, tensor([1]))).message).toBe("INPUT_DTYPE: indexSelect: indices must be int32, got float32; convert it first with .astype('int32')");
    expect(thrown(() => indexSelect(zeros([0, 2]), 0, ints([0], [1]))).message).toBe(
      "INPUT_INDEX: indexSelect: index 0 (element 0 of indices) is out of range for axis 0 of [0, 2]: valid indices are 0 to -1",
    );
    // empty indices: an empty result
    expect(indexSelect(zeros([3, 2]), 0, zeros([0], { dtype: "int32" })).dims).toEqual([0, 2]);
  });
});

describe("gather", () => {
  it("matches PyTorch's formula out[i][j][k] = x[i][index[i][j][k]][k] (axis 1) and its siblings", () => {
    const x = rand([3, 4, 2], { seed: 5, dtype: "float64" }) as Tensor;
    const xs = x.toFlatArray();
    const cases: [number, number[], number[]][] = [
      [0, [2, 3, 2], [2, 0, 1, 2, 0, 0, 1, 1, 2, 2, 0, 1]],
      [1, [3, 2, 2], [3, 0, 1, 1, 2, 2, 0, 3, 3, 3, 1, 0]],
      [2, [2, 4, 1], [1, 0, 1, 1, 0, 0, 1, 0]],
      [-2, [1, 1, 1], [3]],
    ];
    for (const [axis, idims, values] of cases) {
      const a = axis < 0 ? axis + 3 : axis;
      const out = gather(x, axis as never, ints(values, idims) as never) as Tensor;
      expect(out.dims).toEqual(idims);
      out.toFlatArray().forEach((value, flat) => {
        const p = unravel(flat, idims);
        const source = [...p];
        source[a] = values[flat]!;
        expect(value).toBe(at(xs, x.dims, source));
      });
    }
  });

  it("shape errors and out-of-range values", () => {
    const rank = thrown(() => gather(zeros([4, 10]) as Tensor, 1, zeros([4], { dtype: "int32" }) as never));
    expect(rank).toBeInstanceOf(ShapeError);
    expect(rank.message).toBe("SHAPE_RANK: gather: index [4] and x [4, 10] differ in rank: 1 vs 2; index must have x's rank");
    const fit = thrown(() => gather(zeros([4, 10]) as Tensor, 1, zeros([5, 1], { dtype: "int32" }) as never));
    expect((fit as ShapeError).code).toBe("SHAPE_GATHER");
    expect(fit.message).toBe("SHAPE_GATHER: gather: index [5, 1] does not fit x [4, 10]: axis 0 is 5 vs 4; off the gather axis 1, index may be at most x's size");
    expect(thrown(() => gather(zeros([2, 3]), 1, ints([0, 3], [2, 1]))).message).toBe(
      "INPUT_INDEX: gather: index 3 (element 1 of index) is out of range for axis 1 of [2, 3]: valid indices are 0 to 2",
    );
    // the gather axis itself may be larger than x's
    expect(gather(tensor([[1, 2]]), 1, ints([1, 1, 0], [1, 3])).toArray()).toEqual([[2, 2, 1]]);
  });
});

// swapaxes, transpose(dim0, dim1) and mT at run time: values against a brute-force index loop (the
// definition: out[..., i, ..., j, ...] = x[..., j, ..., i, ...]), views that share storage, and the
// run-time errors (the compile-time messages, see the fixture). Gradients: test/gradients/model-ops.test.ts.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, fromArray, matrixTransposeShape, swapaxes, swapaxesShape, transpose, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

const x = fromArray(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);

/** The swap of axes `a` and `b` of a row-major [d0, d1, d2] array, by a plain index loop. */
function swapReference(values: readonly number[], dims: readonly number[], a: number, b: number): number[] {
  const outDims = [...dims];
  [outDims[a], outDims[b]] = [outDims[b]!, outDims[a]!];
  const out: number[] = [];
  for (let i = 0; i < outDims[0]!; i++)
    for (let j = 0; j < outDims[1]!; j++)
      for (let k = 0; k < outDims[2]!; k++) {
        const index = [i, j, k];
        [index[a], index[b]] = [index[b]!, index[a]!];
        out.push(values[(index[0]! * dims[1]! + index[1]!) * dims[2]! + index[2]!]!);
      }
  return out;
}

const values = x.toFlatArray();

describe("swapaxes / transpose(dim0, dim1) / mT: values", () => {
  for (const [a, b] of [[0, 1], [0, 2], [1, 2], [2, 0]] as const) {
    it(`axes ${a} and ${b}, and the same with negative axes`, () => {
      const expected = swapReference(values, [2, 3, 4], a, b);
      const [first, second] = [a as number, b as number];
      expect(swapaxes(x, first, second).toFlatArray()).toEqual(expected);
      expect(x.swapaxes(first - 3, second).toFlatArray()).toEqual(expected);
      expect(x.transpose(first, second - 3).toFlatArray()).toEqual(expected);
      expect(transpose(x, second, first).toFlatArray()).toEqual(expected);
    });
  }

  it("mT swaps the last two axes of every matrix in the batch", () => {
    const t = x.mT;
    expect(t.shape).toEqual([2, 4, 3]);
    expect(t.toFlatArray()).toEqual(swapReference(values, [2, 3, 4], 1, 2));
    expect(fromArray([1, 2, 3, 4, 5, 6], [2, 3]).mT.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it("transpose() and transpose(list) are unchanged", () => {
    expect(x.transpose().shape).toEqual([4, 3, 2]);
    expect(x.transpose([1, 0, 2]).toFlatArray()).toEqual(swapReference(values, [2, 3, 4], 0, 1));
  });

  it("is a view with the two strides exchanged; one axis named twice is the tensor itself", () => {
    const t = x.swapaxes(0, 2);
    expect(t.data).toBe(x.data);
    expect(t.strides).toEqual([1, 4, 12]);
    expect(x.mT.data).toBe(x.data);
    expect(x.swapaxes(1, -2)).toBe(x);
  });

  it("size-0 axes move like any other", () => {
    expect(zeros([0, 3]).mT.shape).toEqual([3, 0]);
    expect(swapaxes(zeros([2, 0, 5]), 0, 1).shape).toEqual([0, 2, 5]);
  });

  it("the shape rules", () => {
    expect(swapaxesShape(["batch", 3, 4], 0, -1)).toEqual([4, 3, "batch"]);
    expect(matrixTransposeShape(["batch", 3, 4])).toEqual(["batch", 4, 3]);
  });
});

describe("errors: the compile-time messages, at run time", () => {
  const unknown = x as Tensor<number[]>;

  it("an axis out of range is SHAPE_AXIS naming the op", () => {
    const error = thrown(() => unknown.swapaxes(0, 3));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_AXIS: swapaxes: axis 3 is out of range for [2, 3, 4]: valid axes are integers from -3 to 2");
    expect(thrown(() => unknown.transpose(-4, 0)).message).toBe("SHAPE_AXIS: transpose: axis -4 is out of range for [2, 3, 4]: valid axes are integers from -3 to 2");
  });

  it("transpose with a single number is SHAPE_AXIS", () => {
    expect(thrown(() => unknown.transpose(1)).message).toBe(
      "SHAPE_AXIS: transpose: cannot transpose [2, 3, 4] by the single axis 1: give two axes to swap, or a list of all the axes",
    );
  });

  it("mT of a vector or scalar is SHAPE_RANK", () => {
    const error = thrown(() => (zeros([3]) as Tensor<number[]>).mT);
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).code).toBe("SHAPE_RANK");
    expect(error.message).toBe("SHAPE_RANK: mT: needs at least 2 axes, got [3]; the matrix transpose swaps the last two (add one with unsqueeze)");
  });

  it("an axis that is not a number, or a second axis after a list, is INPUT_AXIS", () => {
    expect(thrown(() => swapaxes(x, "1" as never, 0))).toBeInstanceOf(InputError);
    expect(thrown(() => swapaxes(x, "1" as never, 0)).message).toContain("INPUT_AXIS: swapaxes: dim0 must be an integer");
    expect(thrown(() => x.transpose([0, 1, 2] as never, 1 as never)).message).toBe("INPUT_AXIS: transpose: dim1 must be omitted when the axes are a list");
  });
});

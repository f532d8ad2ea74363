// permute/transpose at run time: values against NumPy 2.4 (`np.transpose`), views that share storage,
// composition with its inverse, and the run-time errors (the compile-time messages).
import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, fromArray, permute, permuteShape, transpose, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

const x = fromArray(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);

describe("permute and transpose: values against NumPy", () => {
  it("np.transpose(x, (2, 0, 1)), and the same with negative axes", () => {
    const expected = [[[0, 4, 8], [12, 16, 20]], [[1, 5, 9], [13, 17, 21]], [[2, 6, 10], [14, 18, 22]], [[3, 7, 11], [15, 19, 23]]];
    expect(x.permute([2, 0, 1]).toArray()).toEqual(expected);
    expect(permute(x, [-1, -3, 1]).toArray()).toEqual(expected);
  });

  it("np.transpose(x): all axes reversed", () => {
    const t = x.transpose();
    expect(t.shape).toEqual([4, 3, 2]);
    expect(t.toArray()).toEqual([[[0, 12], [4, 16], [8, 20]], [[1, 13], [5, 17], [9, 21]], [[2, 14], [6, 18], [10, 22]], [[3, 15], [7, 19], [11, 23]]]);
  });

  it("np.transpose(x, (0, 2, 1)), flattened row-major", () => {
    expect(transpose(x, [0, 2, 1]).toFlatArray()).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23]);
  });

  it("scalars, vectors and the identity permutation are the tensor itself", () => {
    const s = zeros([]);
    expect(s.transpose()).toBe(s);
    expect(permute(s, []).shape).toEqual([]);
    const v = fromArray([1, 2, 3], [3]);
    expect(v.transpose()).toBe(v);
    expect(x.permute([0, 1, 2])).toBe(x);
  });

  it("is a view: same storage, permuted strides; composing with the inverse gives the original back", () => {
    const p = x.permute([1, 2, 0]);
    expect(p.data).toBe(x.data);
    expect(p.strides).toEqual([4, 1, 12]);
    const back = p.permute([2, 0, 1]);
    expect(back.shape).toEqual([2, 3, 4]);
    expect(back.toArray()).toEqual(x.toArray());
  });

  it("size-0 axes move like any other", () => {
    expect(zeros([0, 3, 2]).permute([2, 0, 1]).shape).toEqual([2, 0, 3]);
    expect(zeros([0, 3]).transpose().toArray()).toEqual([[], [], []]);
  });
});

describe("permute and transpose: run-time errors carry the compile-time messages", () => {
  const t = x as Tensor;
  it.each([
    [() => t.permute([0, 1] as never), "SHAPE_PERMUTE: permute: axes [0, 1] do not permute [2, 3, 4]: axis 2 is missing; name each of the 3 axes once"],
    [() => t.permute([0, 1, 3] as never), "SHAPE_AXIS: permute: axis 3 is out of range for [2, 3, 4]: valid axes are integers from -3 to 2"],
    [() => t.permute([0, 2, -1] as never), "SHAPE_AXIS: permute: axes [0, 2, -1] name axis 2 twice for [2, 3, 4]; each axis may appear once"],
    [() => t.transpose([1, 0] as never), "SHAPE_PERMUTE: transpose: axes [1, 0] do not permute [2, 3, 4]: axis 2 is missing; name each of the 3 axes once"],
    [() => (zeros([]) as Tensor).permute([0] as never), "SHAPE_AXIS: permute: axis 0 is out of range for []: a scalar has no axes"],
  ] as const)("%#", (fn, message) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
  });

  it("the shape rule names itself", () => {
    expect(thrown(() => permuteShape([2, 3] as number[], [0] as number[])).message).toBe(
      "SHAPE_PERMUTE: permuteShape: axes [0] do not permute [2, 3]: axis 1 is missing; name each of the 2 axes once",
    );
  });
});

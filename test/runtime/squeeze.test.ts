// squeeze/unsqueeze at run time: shapes and values against NumPy semantics (`np.squeeze`,
// `np.expand_dims`), views that share storage (also of strided inputs), and the run-time errors.
import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, fromArray, squeeze, squeezeShape, unsqueeze, unsqueezeShape, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

describe("squeeze", () => {
  const x = fromArray([1, 2, 3, 4, 5, 6], [1, 2, 1, 3]);

  it("without axes removes every size-1 axis (np.squeeze(x))", () => {
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze().toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(squeeze(zeros([1, 1, 1])).shape).toEqual([]);
    expect(squeeze(zeros([1, 0, 1])).shape).toEqual([0]);
  });

  it("with axes removes exactly those (np.squeeze(x, axis))", () => {
    expect(x.squeeze(0).shape).toEqual([2, 1, 3]);
    expect(x.squeeze(-2).shape).toEqual([1, 2, 3]);
    expect(x.squeeze([2, 0]).toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(x.squeeze([]).shape).toEqual([1, 2, 1, 3]);
  });

  it("is a view, also of a strided input", () => {
    expect(x.squeeze().data).toBe(x.data);
    const t = x.permute([3, 1, 2, 0]); // [3, 2, 1, 1], strided
    const s = t.squeeze();
    expect(s.data).toBe(x.data);
    expect(s.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it("run-time errors carry the compile-time messages", () => {
    const t = x as Tensor;
    expect(thrown(() => t.squeeze(1 as never)).message).toBe(
      "SHAPE_SQUEEZE: squeeze: cannot squeeze axis 1 of [1, 2, 1, 3]: its size is 2, not 1; only size-1 axes can be removed",
    );
    expect(thrown(() => t.squeeze([0, -4] as never)).message).toBe(
      "SHAPE_AXIS: squeeze: axes [0, -4] name axis 0 twice for [1, 2, 1, 3]; each axis may appear once",
    );
    expect(thrown(() => t.squeeze(4 as never))).toBeInstanceOf(ShapeError);
    expect(thrown(() => squeezeShape(["n", 1] as (string | number)[], 0)).message).toBe(
      "SHAPE_SQUEEZE: squeezeShape: cannot squeeze axis 0 of ['n', 1]: its size is 'n', not 1; a named dim may not be 1 (state its size with .as())",
    );
  });
});

describe("unsqueeze", () => {
  const x = fromArray([1, 2, 3, 4, 5, 6], [2, 3]);

  it("inserts a size-1 axis at each valid position (np.expand_dims)", () => {
    expect([0, 1, 2, -1, -2, -3].map((axis) => x.unsqueeze(axis as never).shape)).toEqual([
      [1, 2, 3],
      [2, 1, 3],
      [2, 3, 1],
      [2, 3, 1],
      [2, 1, 3],
      [1, 2, 3],
    ]);
    expect(unsqueeze(x, 1).toArray()).toEqual([[[1, 2, 3]], [[4, 5, 6]]]);
    expect(unsqueeze(zeros([]), 0).shape).toEqual([1]);
  });

  it("is a view, and squeeze undoes it", () => {
    const u = x.transpose().unsqueeze(1);
    expect(u.data).toBe(x.data);
    expect(u.toArray()).toEqual([[[1, 4]], [[2, 5]], [[3, 6]]]);
    expect(u.squeeze(1).toArray()).toEqual(x.transpose().toArray());
  });

  it("run-time errors carry the compile-time messages", () => {
    const t = x as Tensor;
    expect(thrown(() => t.unsqueeze(3 as never)).message).toBe("SHAPE_AXIS: unsqueeze: axis 3 is out of range for [2, 3]: valid axes are integers from -3 to 2");
    expect(thrown(() => t.unsqueeze(-4 as never)).message).toBe("SHAPE_AXIS: unsqueeze: axis -4 is out of range for [2, 3]: valid axes are integers from -3 to 2");
    expect(thrown(() => unsqueezeShape([] as number[], 1)).message).toBe("SHAPE_AXIS: unsqueezeShape: axis 1 is out of range for []: valid axes are integers from -1 to 0");
  });
});

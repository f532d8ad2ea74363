// argmax / argmin: against a brute-force scan written here (first index on ties, NaN wins, as
// np.argmax), every axis of a 3-D tensor with many ties, keepdims, strided inputs, dtypes, errors.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, argmax, argmaxShape, argmin, rand, tensor, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

/** np.argmax along `axis` written out: walk every output index, scan the axis, keep the first best. */
function oracle(values: number[], dims: number[], axis: number, max: boolean): number[] {
  const strides = dims.map((_, k) => dims.slice(k + 1).reduce((p, d) => p * d, 1));
  const outDims = dims.filter((_, k) => k !== axis);
  const total = outDims.reduce((p, d) => p * d, 1);
  const out: number[] = [];
  for (let flat = 0; flat < total; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let k = outDims.length - 1; k >= 0; k--) {
      index.unshift(rest % outDims[k]!);
      rest = Math.floor(rest / outDims[k]!);
    }
    index.splice(axis, 0, 0);
    let best = 0;
    for (let i = 0; i < dims[axis]!; i++) {
      index[axis] = i;
      const v = values[index.reduce((p, x, k) => p + x * strides[k]!, 0)]!;
      index[axis] = best;
      const b = values[index.reduce((p, x, k) => p + x * strides[k]!, 0)]!;
      if (Number.isNaN(b)) break;
      if (Number.isNaN(v) || (max ? v > b : v < b)) best = i;
    }
    out.push(best);
  }
  return out;
}

describe("argmax and argmin", () => {
  const dims = [3, 4, 5];
  const x = (rand(dims as [3, 4, 5], { seed: 7, dtype: "float64" }) as Tensor).mul(3).astype("int32").astype("float64");
  for (const axis of [0, 1, 2]) {
    it(`match a brute-force scan over axis ${axis} (many ties: first index wins)`, () => {
      const values = x.toFlatArray();
      const am = argmax(x as Tensor<[3, 4, 5]>, axis);
      expect(am.dtype).toBe("int32");
      expect(am.dims).toEqual(dims.filter((_, k) => k !== axis));
      expect(am.toFlatArray()).toEqual(oracle(values, dims, axis, true));
      expect(argmin(x as Tensor<[3, 4, 5]>, axis - 3).toFlatArray()).toEqual(oracle(values, dims, axis, false));
      const kept = (x as Tensor<[3, 4, 5]>).argmax(axis, true);
      expect(kept.dims).toEqual(dims.map((d, k) => (k === axis ? 1 : d)));
      expect(kept.toFlatArray()).toEqual(am.toFlatArray());
    });
  }

  it("hand-checked values, NaN first occurrence, strided input, int32 and bool input", () => {
    expect(argmax(tensor([[1, 5, 5], [7, 2, 7]]), 1).toArray()).toEqual([1, 0]);
    expect(argmin(tensor([[1, 5, 1], [7, 2, 0]]), 1).toArray()).toEqual([0, 2]);
    expect(argmax(tensor([1, Number.NaN, 9, Number.NaN]), 0).item()).toBe(1);
    expect(argmin(tensor([1, Number.NaN, -9]), 0).item()).toBe(1);
    expect(argmax(tensor([[1, 9], [8, 2]]).transpose(), 1).toArray()).toEqual([1, 0]);
    expect(argmax(tensor([[3, -1, 3]], { dtype: "int32" }), -1).toArray()).toEqual([0]);
    expect(argmax(tensor([0, 0, 1, 1], { dtype: "bool" }), 0).item()).toBe(2);
  });

  it("no gradient; shape rule; errors", () => {
    const w = tensor([1, 3, 2], { requiresGrad: true });
    expect(argmax(w, 0).requiresGrad).toBe(false);
    expect(argmaxShape([2, 3, 4], -2)).toEqual([2, 4]);
    expect(argmaxShape([2, 3, 4], 0, true)).toEqual([1, 3, 4]);
    expect(argmaxShape([0, 3], 0)).toEqual([3]); // the rule has no empty check, like reduceShape
    const empty = thrown(() => argmax(zeros([2, 0]) as Tensor, 1 as never));
    expect(empty).toBeInstanceOf(ShapeError);
    expect(empty.message).toBe("SHAPE_AXIS: argmax: cannot reduce [2, 0] over axis 1: it has size 0 and argmax has no identity");
    expect(thrown(() => argmax(zeros([2]), "0" as never))).toBeInstanceOf(InputError);
    // a reduction over a non-empty axis of a tensor with no elements is fine and empty
    expect(argmin(zeros([0, 3]), 1).dims).toEqual([0]);
  });
});

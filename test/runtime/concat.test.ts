// concat/stack at run time: the shape rules against NumPy's `concatenate`/`stack` semantics written
// out by hand, exact messages, and values against a naive reference (element by element, by index
// arithmetic), also for strided inputs, zero-size pieces and negative axes.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, arange, concat, concatShape, fromArray, stack, stackShape, tensor, zeros } from "../../src/index.js";
import { seeded } from "../harness/random.js";
import { thrown } from "../harness/runtime.js";

type Dims = (number | string)[];
const concatRule = (shapes: Dims[], axis?: number) => concatShape(shapes as never, axis as never) as unknown;
const stackRule = (shapes: Dims[], axis?: number) => stackShape(shapes as never, axis as never) as unknown;

describe("concatShape (np.concatenate's rules)", () => {
  it("sums the axis, keeps the rest", () => {
    expect(concatRule([[2, 3], [2, 4]], 1)).toEqual([2, 7]);
    expect(concatRule([[2, 3], [5, 3], [0, 3]])).toEqual([7, 3]);
    expect(concatRule([[2, 3], [2, 4]], -1)).toEqual([2, 7]);
    expect(concatRule([[4]])).toEqual([4]);
    expect(concatRule([[9007199254740990], [1]])).toEqual([9007199254740991]);
  });

  it("sums names in normal form", () => {
    expect(concatRule([["n"], ["m"]])).toEqual(["n+m"]);
    expect(concatRule([["m"], ["n"]])).toEqual(["n+m"]);
    expect(concatRule([["n"], [3]])).toEqual(["n+3"]);
    expect(concatRule([["n", 2], ["n", 2], [1, 2]])).toEqual(["n*2+1", 2]);
    expect(concatRule([[2, "m+n"], [3, "n+m"]])).toEqual([5, "m+n"]);
  });

  it("throws the mirrored errors", () => {
    expect(thrown(() => concatRule([[2, 3], [4, 5]], 1)).message).toBe(
      "SHAPE_CONCAT: concatShape: cannot concatenate [2, 3] with [4, 5] along axis 1: axis 0 is 2 in tensor 0 but 4 in tensor 1; only axis 1 may differ",
    );
    expect(thrown(() => concatRule([["n", 1], ["m", 1]], 1)).message).toBe(
      "SHAPE_CONCAT: concatShape: cannot concatenate ['n', 1] with ['m', 1] along axis 1: axis 0 is 'n' in tensor 0 but 'm' in tensor 1; different names may be different sizes (state that they are equal with .as())",
    );
    expect(thrown(() => concatRule([[2, 3], [2]], 1)).message).toBe(
      "SHAPE_RANK: concatShape: cannot concatenate [2, 3] with [2]: tensor 0 has rank 2 but tensor 1 has rank 1; all tensors must have the same rank",
    );
    expect(thrown(() => concatRule([[], []])).message).toBe("SHAPE_AXIS: concatShape: axis 0 is out of range for []: a scalar has no axes");
    expect(thrown(() => concatRule([[2, 3]], 2)).message).toBe("SHAPE_AXIS: concatShape: axis 2 is out of range for [2, 3]: valid axes are integers from -2 to 1");
    expect(thrown(() => concatRule([])).message).toBe("SHAPE_CONCAT: concatShape: cannot concatenate an empty list: needs at least one tensor");
    expect(thrown(() => concatRule([[9007199254740991], [1]])).message).toBe(
      "SHAPE_CONCAT: concatShape: cannot concatenate [9007199254740991], [1] along axis 0: it would have size 9007199254740992, above the largest safe integer 9007199254740991",
    );
    expect(thrown(() => concatRule([[2], [-2]]))).toBeInstanceOf(ShapeError);
  });
});

describe("stackShape (np.stack's rules)", () => {
  it("inserts an axis of size 'number of shapes'", () => {
    expect(stackRule([[2, 3], [2, 3]])).toEqual([2, 2, 3]);
    expect(stackRule([[2, 3], [2, 3], [2, 3]], 1)).toEqual([2, 3, 3]);
    expect(stackRule([[2, 3], [2, 3], [2, 3]], -1)).toEqual([2, 3, 3]);
    expect(stackRule([[2, 3]], -3)).toEqual([1, 2, 3]);
    expect(stackRule([[], [], [], []])).toEqual([4]);
    expect(stackRule([["b*s"], ["s*b"]])).toEqual([2, "b*s"]);
  });

  it("checks the shapes before the axis, as NumPy does", () => {
    expect(thrown(() => stackRule([[2, 3], [2, 4]], 9)).message).toBe(
      "SHAPE_STACK: stackShape: cannot stack [2, 3] with [2, 4]: axis 1 is 3 in tensor 0 but 4 in tensor 1; stacked tensors must have the same shape",
    );
    expect(thrown(() => stackRule([[2, 3], [2, 3]], 3)).message).toBe("SHAPE_AXIS: stackShape: axis 3 is out of range for [2, 3]: valid axes are integers from -3 to 2");
    expect(thrown(() => stackRule([[2, 3], [3]])).message).toBe(
      "SHAPE_STACK: stackShape: cannot stack [2, 3] with [3]: tensor 0 has rank 2 but tensor 1 has rank 1; stacked tensors must have the same shape",
    );
    expect(thrown(() => stackRule([])).message).toBe("SHAPE_STACK: stackShape: cannot stack an empty list: needs at least one tensor");
  });
});

/** The naive concatenation of nested arrays along an axis (a reference independent of the kernel). */
function naiveConcat(parts: unknown[], axis: number): unknown {
  if (axis === 0) return (parts as unknown[][]).flat(0).reduce<unknown[]>((acc, p) => [...acc, ...(p as unknown[])], []);
  const first = parts[0] as unknown[];
  return first.map((_, i) => naiveConcat((parts as unknown[][]).map((p) => p[i]), axis - 1));
}

/** The naive stack of nested arrays along a new axis. */
function naiveStack(arrays: unknown[], axis: number): unknown {
  if (axis === 0) return arrays;
  return (arrays[0] as unknown[]).map((_, i) => naiveStack((arrays as unknown[][]).map((a) => a[i]), axis - 1));
}

describe("concat and stack on tensors", () => {
  it("join values (np.concatenate, np.stack)", () => {
    expect(concat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(concat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], 1).toArray()).toEqual([[1, 3, 4], [2, 5, 6]]);
    expect(concat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], -1).toArray()).toEqual([[1, 3, 4], [2, 5, 6]]);
    expect(stack([tensor([1, 2]), tensor([3, 4])]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([[1, 3], [2, 4]]);
    expect(stack([tensor(1), tensor(2), tensor(3)]).toArray()).toEqual([1, 2, 3]);
    expect(concat([zeros([2, 0]), tensor([[1], [2]]), zeros([2, 0])], 1).toArray()).toEqual([[1], [2]]);
    expect(concat([zeros([0, 3]), zeros([0, 3])]).shape).toEqual([0, 3]);
  });

  it("match a naive reference on random shapes, strided inputs included", () => {
    const random = seeded(909);
    for (let trial = 0; trial < 150; trial++) {
      const rank = random.int(1, 3);
      const base = Array.from({ length: rank }, () => random.int(1, 3));
      const axis = random.int(0, rank - 1);
      let next = 0;
      const parts = Array.from({ length: random.int(1, 4) }, () => {
        const dims = [...base];
        dims[axis] = random.int(0, 3);
        const size = dims.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: size }, () => next++);
        if (rank >= 2 && random.chance(0.5)) {
          // the same values, built transposed and transposed back: a strided input
          const swapped = [...dims].reverse();
          const order = swapped.map((_, i) => swapped.length - 1 - i);
          const raw = fromArray(Array.from({ length: size }, () => 0), swapped) as Tensor;
          const view = raw.permute(order as never) as Tensor;
          // fill `raw` so that `view` reads `values` row-major
          const strides = view.strides;
          values.forEach((v, flat) => {
            let rest = flat;
            let offset = 0;
            for (let a = dims.length - 1; a >= 0; a--) {
              offset += (rest % dims[a]!) * strides[a]!;
              rest = Math.floor(rest / dims[a]!);
            }
            raw.data[offset] = v;
          });
          return view;
        }
        return fromArray(values, dims) as Tensor;
      });
      const negative = random.chance(0.5) ? axis - rank : axis;
      const joined = concat(parts as never, negative as never) as Tensor;
      expect(joined.toArray()).toEqual(naiveConcat(parts.map((p) => p.toArray()), axis));
      const sameShape = parts.map((_, k) => parts[k]!.dims.join() === parts[0]!.dims.join() ? parts[k]! : parts[0]!);
      const at = random.int(0, rank);
      const stacked = stack(sameShape as never, (random.chance(0.5) ? at - rank - 1 : at) as never) as Tensor;
      expect(stacked.toArray()).toEqual(naiveStack(sameShape.map((p) => p.toArray()), at));
    }
  });

  it("is a fresh tensor", () => {
    const a = arange(3);
    expect(concat([a]).data).not.toBe(a.data);
    expect(concat([a]).toArray()).toEqual([0, 1, 2]);
  });

  it("run-time errors carry the compile-time messages; dtypes must agree", () => {
    const list = [zeros([2, 3]), zeros([4, 5])] as Tensor[];
    expect(thrown(() => concat(list as never, 1 as never)).message).toBe(
      "SHAPE_CONCAT: concat: cannot concatenate [2, 3] with [4, 5] along axis 1: axis 0 is 2 in tensor 0 but 4 in tensor 1; only axis 1 may differ",
    );
    expect(thrown(() => stack(list as never)).message).toBe(
      "SHAPE_STACK: stack: cannot stack [2, 3] with [4, 5]: axis 0 is 2 in tensor 0 but 4 in tensor 1; stacked tensors must have the same shape",
    );
    const mixed = thrown(() => concat([zeros([2]), zeros([2], { dtype: "float64" })] as never));
    expect(mixed).toBeInstanceOf(InputError);
    expect(mixed.message).toContain("INPUT_DTYPE_MISMATCH: concat: cannot mix float32 and float64");
    expect(thrown(() => concat([[1, 2]] as never))).toBeInstanceOf(InputError);
  });

  it("keeps float64", () => {
    expect(concat([zeros([1], { dtype: "float64" }), zeros([2], { dtype: "float64" })]).dtype).toBe("float64");
  });
});

// reshape/flatten at run time: the shape rule against NumPy's `reshape` semantics written out by hand,
// exact messages, views versus copies (NumPy's no-copy rule: a view whenever the strides allow), values
// of reshapes of strided tensors against a naive reference, and names in targets at run time.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, arange, flatten, flattenShape, fromArray, reshape, reshapeShape, tensor, zeros } from "../../src/index.js";
import { viewStrides } from "../../src/ops/reshape.js";
import { seeded } from "../harness/random.js";
import { thrown } from "../harness/runtime.js";

type Dims = (number | string)[];
const rule = (from: Dims, to: Dims) => reshapeShape(from as never, to as never) as unknown;

describe("reshapeShape (np.reshape's rules)", () => {
  it("keeps the element count; infers one -1 by exact division", () => {
    const table: [Dims, Dims, Dims][] = [
      [[2, 3, 4], [6, -1], [6, 4]],
      [[2, 3, 4], [-1], [24]],
      [[2, 3, 4], [4, -1, 2], [4, 3, 2]],
      [[2, 3, 4], [24], [24]],
      [[], [1, 1], [1, 1]],
      [[1], [], []],
      [[], [-1], [1]],
      [[0, 3], [3, 0], [3, 0]],
      [[0, 3], [-1], [0]],
      [[0, 3], [-1, 3], [0, 3]],
      [[4503599627370496, 4], [2251799813685248, 8], [2251799813685248, 8]], // 2^54 elements, exactly
      [[9007199254740991], [-1, 1], [9007199254740991, 1]],
    ];
    for (const [from, to, out] of table) expect(rule(from, to), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toEqual(out);
  });

  it("compares symbolic counts as polynomials and infers symbolic quotients", () => {
    const table: [Dims, Dims, Dims][] = [
      [["batch", 28, 28], ["batch", 784], ["batch", 784]],
      [["batch", "seq", 768], ["batch", "seq", 12, 64], ["batch", "seq", 12, 64]],
      [["b", "s", 768], ["b", -1], ["b", "s*768"]],
      [["b", "s", 768], [-1], ["b*s*768"]],
      [["n+m", 4], ["n+m", -1], ["n+m", 4]],
      [["m+n", 768], ["n+m", 12, -1], ["n+m", 12, 64]],
      [["n", 6], [-1, 3], ["n*2", 3]],
      [["n", "n"], ["n", -1], ["n", "n"]],
      [[0, "n"], ["n", -1], ["n", 0]],
    ];
    for (const [from, to, out] of table) expect(rule(from, to), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toEqual(out);
  });

  it("throws SHAPE_RESHAPE with exact messages", () => {
    const cases: [Dims, Dims, string][] = [
      [[2, 3], [4], "cannot reshape [2, 3] (6 elements) to [4] (4 elements): element counts differ"],
      [["batch", 784], ["batch", 780], "cannot reshape ['batch', 784] (batch*784 elements) to ['batch', 780] (batch*780 elements): element counts differ"],
      [[2, 3], [4, -1], "cannot reshape [2, 3] (6 elements) to [4, -1]: -1 cannot be inferred: the other dims hold 4 elements, and 6 is not a multiple of 4"],
      [[0, 3], [0, -1], "cannot reshape [0, 3] (0 elements) to [0, -1]: -1 cannot be inferred: the other dims hold 0 elements, so any size would fit"],
      [[0, 3], [-1, 0], "cannot reshape [0, 3] (0 elements) to [-1, 0]: -1 cannot be inferred: the other dims hold 0 elements, so any size would fit"],
      [[9007199254740991, 2], [-1], "cannot reshape [9007199254740991, 2] (18014398509481982 elements) to [-1]: -1 would be 18014398509481982, above the largest safe integer 9007199254740991"],
      [[2, 3], [-1, -1], "cannot reshape [2, 3] to [-1, -1]: only one dim can be -1 (inferred)"],
      [[2, 3], [-1, 2, -1], "cannot reshape [2, 3] to [-1, 2, -1]: only one dim can be -1 (inferred)"],
      [[2, 3], [3, -2], "cannot reshape [2, 3] to [3, -2]: dim -2 is negative; sizes are non-negative, and -1 stands for the one inferred size"],
      [["n", 3], [2, -1], "cannot reshape ['n', 3] (n*3 elements) to [2, -1]: -1 cannot be inferred: the other dims hold 2 elements, and n*3 is not a multiple of 2"],
      [["n+m", "k"], ["k+m", -1], "cannot reshape ['n+m', 'k'] (k*n+k*m elements) to ['k+m', -1]: -1 cannot be inferred from symbolic sizes: k*n+k*m over m+k has no simple quotient; write that dim out"],
    ];
    for (const [from, to, message] of cases) {
      const error = thrown(() => rule(from, to)) as ShapeError;
      expect(error).toBeInstanceOf(ShapeError);
      expect(error.code).toBe("SHAPE_RESHAPE");
      expect(error.message).toBe(`SHAPE_RESHAPE: reshapeShape: ${message}`);
    }
  });

  it("rejects invalid dims and malformed expressions with SHAPE_INVALID_SHAPE, source first", () => {
    expect(thrown(() => rule([2, -3], [-1])).message).toBe("SHAPE_INVALID_SHAPE: reshapeShape: invalid shape [2, -3]: dim -3 is not a non-negative integer");
    expect(thrown(() => rule([6], [2, 1.5])).message).toBe("SHAPE_INVALID_SHAPE: reshapeShape: invalid shape [2, 1.5]: dim 1.5 is not a non-negative integer");
    expect(thrown(() => rule([6], [Number.NaN]))).toBeInstanceOf(ShapeError);
    expect(thrown(() => rule(["n+"], [-1])).message).toBe(
      "SHAPE_INVALID_SHAPE: reshapeShape: invalid shape ['n+']: dim 'n+' is not a size expression (names and numbers joined by + and *, like 'n+m' or 's*768')",
    );
    expect(thrown(() => reshapeShape([2, 3], "6" as never)).message).toContain("a shape is an array of dims");
  });

  it("flattenShape is the reshape to [-1]", () => {
    expect(flattenShape([2, 3, 4])).toEqual([24]);
    expect(flattenShape([])).toEqual([1]);
    expect(flattenShape([3, 0, 5])).toEqual([0]);
    expect(flattenShape(["batch", 28, 28])).toEqual(["batch*784"]);
    expect(thrown(() => flattenShape([9007199254740991, 3] as never)).message).toBe(
      "SHAPE_RESHAPE: flattenShape: cannot reshape [9007199254740991, 3] (27021597764222973 elements) to [-1]: -1 would be 27021597764222973, above the largest safe integer 9007199254740991",
    );
  });
});

describe("reshape on tensors", () => {
  it("keeps row-major order (np.arange(6).reshape(2, 3))", () => {
    expect(arange(6).reshape([2, 3]).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(reshape(arange(6), [3, -1]).toArray()).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(tensor([[1, 2], [3, 4]]).flatten().toArray()).toEqual([1, 2, 3, 4]);
    expect(flatten(tensor(5)).toArray()).toEqual([5]);
    expect(tensor([7]).reshape([]).item()).toBe(7);
    expect(zeros([0, 4]).reshape([2, 0, 3]).shape).toEqual([2, 0, 3]);
  });

  it("is a view of a contiguous tensor, sharing storage", () => {
    const x = arange(24);
    const y = x.reshape([2, 3, 4]);
    expect(y.data).toBe(x.data);
    expect(y.strides).toEqual([12, 4, 1]);
    expect(y.reshape([6, 4]).data).toBe(x.data);
    expect(x.reshape([24])).toBe(x); // the same shape: the tensor itself
  });

  it("views a strided tensor when each group of merged axes is contiguous, else copies", () => {
    const x = arange(24).reshape([2, 3, 4]);
    const t = x.permute([1, 0, 2]); // [3, 2, 4], strides [4, 12, 1]
    const split = t.reshape([3, 2, 2, 2]); // 4 → 2, 2 splits a contiguous run: a view (NumPy too)
    expect(split.data).toBe(x.data);
    expect(split.toFlatArray()).toEqual(t.toFlatArray());
    const merged = t.reshape([3, 8]); // 2 and 4 merge, but axis 0 of t steps 12 where 4 would be needed
    expect(merged.data).not.toBe(x.data);
    expect(merged.toArray()).toEqual([
      [0, 1, 2, 3, 12, 13, 14, 15],
      [4, 5, 6, 7, 16, 17, 18, 19],
      [8, 9, 10, 11, 20, 21, 22, 23],
    ]);
    const sliced = arange(10).slice(0, 1, 9, 2); // [1, 3, 5, 7], stride 2
    const pairs = sliced.reshape([2, 2]);
    expect(pairs.data).toBe(sliced.data);
    expect(pairs.strides).toEqual([4, 2]);
    expect(pairs.toArray()).toEqual([[1, 3], [5, 7]]);
  });

  it("viewStrides: NumPy's no-copy cases", () => {
    expect(viewStrides([6, 4], [4, 1], [2, 3, 4])).toEqual([12, 4, 1]);
    expect(viewStrides([2, 3], [1, 2], [6])).toBeUndefined(); // a transpose cannot be flattened in place
    expect(viewStrides([2, 3], [1, 2], [2, 3, 1])).toEqual([1, 2, 0]);
    expect(viewStrides([1, 6, 1], [99, 1, 99], [2, 1, 3])).toEqual([3, 0, 1]);
    expect(viewStrides([4, 1, 3], [0, 7, 1], [4, 3])).toEqual([0, 1]); // a broadcast axis stays stride 0
    expect(viewStrides([4, 3], [0, 1], [12])).toBeUndefined();
  });

  it("reshapes of random strided tensors equal the reshape of their row-major values", () => {
    const random = seeded(4242);
    for (let trial = 0; trial < 200; trial++) {
      const dims = Array.from({ length: random.int(1, 4) }, () => random.int(1, 4));
      const size = dims.reduce((a, b) => a * b, 1);
      const base = fromArray(Array.from({ length: size }, (_, i) => i), dims);
      const order = dims.map((_, i) => i).sort(() => random.next() - 0.5);
      const x = base.permute(order as never) as Tensor;
      // a random factorisation of the size into a new shape
      const target: number[] = [];
      let rest = size;
      while (rest > 1) {
        const factors = [2, 3, 4, 6].filter((f) => rest % f === 0);
        const f = factors.length > 0 && random.chance(0.7) ? random.pick(factors) : rest;
        target.push(f);
        rest /= f;
      }
      if (random.chance(0.3)) target.splice(random.int(0, target.length), 0, 1);
      const y = x.reshape(target as never) as Tensor;
      expect(y.dims).toEqual(target);
      expect(y.toFlatArray()).toEqual(x.toFlatArray());
    }
  });

  it("sizes a name in the target from the element count at run time", () => {
    const x = zeros([32, 784]).as(["batch", 784]);
    expect(x.reshape(["batch", 28, 28]).shape).toEqual([32, 28, 28]);
    expect(x.reshape(["batch*784"]).shape).toEqual([25088]);
    expect((zeros([16]) as Tensor).reshape(["n", "n"] as never).shape).toEqual([4, 4]);
    expect((zeros([12]) as Tensor).reshape(["n+1", 3] as never).shape).toEqual([4, 3]);
    expect((zeros([12]) as Tensor).reshape(["2*3", -1] as never).shape).toEqual([6, 2]);
    const unknown = thrown(() => (zeros([2, 5, 768]) as Tensor).reshape(["batch", "seq", 12, 64] as never));
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toBe(
      "INPUT_SYMBOLIC_SIZE: reshape: the sizes of ['batch', 'seq', 12, 64] are not known at run time: 'batch', 'seq' cannot all be inferred from 7680 elements; restate the tensor with .as() first (it binds names to sizes), or give all but one as numbers",
    );
    expect(thrown(() => (zeros([15]) as Tensor).reshape(["n", "n"] as never)).message).toBe(
      "SHAPE_RESHAPE: reshape: cannot reshape [15] (15 elements) to ['n', 'n'] (n*n elements): element counts differ",
    );
  });

  it("uses the sizes .as() bound to names, also through other ops", () => {
    const x = zeros([2, 5, 768]).as(["batch", "seq", 768]);
    expect(x.reshape(["batch", "seq", 12, 64]).shape).toEqual([2, 5, 12, 64]);
    expect(x.reshape(["batch", -1]).shape).toEqual([2, 3840]);
    // the names follow the axes through mul: swapping them by reshape would scramble the data
    expect(thrown(() => x.mul(2).reshape(["seq", "batch", 768] as never)).message).toBe(
      "SHAPE_RESHAPE_ORDER: reshape: cannot reshape ['batch', 'seq', 768] to ['seq', 'batch', 768]: 'seq' comes after 'batch' in the source but before it in the target; a reshape keeps the elements in order, so moving an axis scrambles the data: split or merge axes with reshape, then move them with permute or transpose (or do both with rearrange)",
    );
    const heads = x.reshape(["batch", "seq", 12, 64]).transpose([0, 2, 1, 3]);
    expect(heads.reshape(["batch", 12, -1]).shape).toEqual([2, 12, 320]);
    // names a reshape sized are bound on its result
    const images = zeros([12, 784]).as(["n", 784]).flatten().reshape(["n", 28, 28]);
    expect(images.reshape(["n", -1]).shape).toEqual([12, 784]);
  });

  it("run-time errors carry the compile-time messages", () => {
    const t = zeros([2, 3]) as Tensor;
    expect(thrown(() => t.reshape([4] as never)).message).toBe("SHAPE_RESHAPE: reshape: cannot reshape [2, 3] (6 elements) to [4] (4 elements): element counts differ");
    expect(thrown(() => t.reshape([-1, -1] as never)).message).toBe("SHAPE_RESHAPE: reshape: cannot reshape [2, 3] to [-1, -1]: only one dim can be -1 (inferred)");
  });
});

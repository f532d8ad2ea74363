// tril and triu at run time: PyTorch's results on hand-checked matrices, every element of generated
// cases against a brute-force oracle written here (keep `x[..., i, j]` where `j − i ≤ d`, resp. `≥ d`),
// batches, views, dtypes, and the errors.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, arange, fromArray, ones, tril, triu, type Tensor } from "../../src/index.js";
import { seeded } from "../harness/random.js";
import { thrown } from "../harness/runtime.js";

type Nested = number | Nested[];

/** The oracle: `values` (of rank `rank` ≥ 2) with each matrix's element (i, j) kept when `keep(j − i)`, else 0. */
function oracle(values: Nested, rank: number, keep: (offset: number) => boolean): Nested {
  const rows = values as Nested[];
  if (rank > 2) return rows.map((m) => oracle(m, rank - 1, keep));
  return rows.map((row, i) => (row as Nested[]).map((v, j) => (keep(j - i) ? v : 0)));
}

describe("tril and triu: values", () => {
  it("PyTorch's results on a 3×3 and a 2×4 matrix (hand-checked)", () => {
    expect(tril(ones([3, 3])).toArray()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ]);
    expect(triu(ones([3, 3]), 1).toArray()).toEqual([
      [0, 1, 1],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(arange(8).reshape([2, 4]).tril(1).toArray()).toEqual([
      [0, 1, 0, 0],
      [4, 5, 6, 0],
    ]);
    expect(arange(8).reshape([2, 4]).triu(-1).toArray()).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it("every element of generated cases: batches, wide and tall matrices, diagonals past either corner", () => {
    const random = seeded(2026_1203);
    for (let n = 0; n < 60; n++) {
      const shape = [...Array.from({ length: random.int(0, 2) }, () => random.int(1, 3)), random.int(0, 6), random.int(0, 6)];
      const size = shape.reduce((a, b) => a * b, 1);
      const x = fromArray(Array.from({ length: size }, () => random.int(-9, 9)), shape as never);
      const d = random.int(-7, 7);
      expect(tril(x as Tensor, d).toArray()).toEqual(oracle(x.toArray() as Nested, shape.length, (offset) => offset <= d));
      expect(triu(x as Tensor, d).toArray()).toEqual(oracle(x.toArray() as Nested, shape.length, (offset) => offset >= d));
    }
  });

  it("reads a strided view (a transpose) as its logical elements, and keeps the dtype (bool, int32)", () => {
    const x = arange(6).reshape([2, 3]).transpose();
    expect(x.tril().toArray()).toEqual(oracle(x.toArray() as Nested, 2, (o) => o <= 0));
    const mask = ones([2, 2], { dtype: "bool" }).tril();
    expect(mask.dtype).toBe("bool");
    expect(mask.toArray()).toEqual([
      [1, 0],
      [1, 1],
    ]);
    const ints = arange(4, { dtype: "int32" }).reshape([2, 2]).triu();
    expect(ints.dtype).toBe("int32");
    expect(ints.toArray()).toEqual([
      [0, 1],
      [0, 3],
    ]);
  });

  it("the errors: fewer than 2 axes, a diagonal that is not an integer, not a tensor", () => {
    const vector = thrown(() => tril(ones([3]) as never));
    expect(vector).toBeInstanceOf(ShapeError);
    expect(vector.message).toBe("SHAPE_RANK: tril: cannot take a triangle of [3]: it needs at least 2 axes (a matrix, or a batch of them)");
    expect(thrown(() => (ones([]) as Tensor).triu()).message).toBe("SHAPE_RANK: triu: cannot take a triangle of []: it needs at least 2 axes (a matrix, or a batch of them)");
    for (const diagonal of [0.5, Number.NaN, "1", null]) {
      const error = thrown(() => tril(ones([2, 2]), diagonal as never));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe("INPUT_OPTION");
    }
    expect((thrown(() => triu(null as never)) as InputError).code).toBe("INPUT_OPERAND");
  });
});

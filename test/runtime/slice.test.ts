// slice at run time: lengths and contents against Python (`list(range(n))[start:end:step]`, rows
// computed with CPython 3 and pasted here), huge sizes and bounds (`len(range(*slice(...).indices(n)))`),
// views that share storage, chained and reversed slices, and the run-time errors. The same Python
// rows also check the type level (`SliceShape`) through the compiler.
import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, arange, fromArray, slice, sliceShape, tensor, zeros } from "../../src/index.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { thrown } from "../harness/runtime.js";

type Row = readonly [n: number, start: number | undefined, end: number | undefined, step: number | undefined, taken: readonly number[]];
type BigRow = readonly [n: number, start: number | undefined, end: number | undefined, step: number | undefined, length: number];

/** `list(range(n))[start:end:step]` in CPython. */
const PYTHON: readonly Row[] = [
  [8, 10, -3, -3, [7]],
  [8, 6, 7, 3, [6]],
  [2, 10, 7, 2, []],
  [0, -10, -10, -3, []],
  [0, -5, 4, -3, []],
  [8, -2, -1, -4, []],
  [4, 3, -4, -4, [3]],
  [0, 5, -7, -1, []],
  [2, 2, -2, undefined, []],
  [3, -9, 3, 2, [0, 2]],
  [5, 6, 9, 3, []],
  [1, -2, -4, -4, []],
  [3, undefined, -6, 3, []],
  [1, -8, -4, 2, []],
  [1, 3, 7, undefined, []],
  [2, -5, -2, -2, []],
  [8, -2, -5, 3, []],
  [3, 2, 3, -2, []],
  [0, 9, -9, -2, []],
  [4, 4, 1, -4, [3]],
  [2, 2, 7, 5, []],
  [2, -9, -8, -4, []],
  [1, 2, 7, -2, []],
  [0, -7, 4, 3, []],
  [4, 3, 5, 3, [3]],
  [1, 3, 8, -3, []],
  [6, -10, 7, undefined, [0, 1, 2, 3, 4, 5]],
  [6, -1, -10, -1, [5, 4, 3, 2, 1, 0]],
  [3, 6, 8, undefined, []],
  [1, 9, -1, 5, []],
  [3, 2, 6, -1, []],
  [6, -1, -5, 3, []],
  [3, 1, 10, undefined, [1, 2]],
  [8, -4, 1, 1, []],
  [0, undefined, -1, 3, []],
  [5, -4, -7, 1, []],
  [6, -10, -4, -1, []],
  [7, 7, -8, 3, []],
  [2, -1, -4, -1, [1, 0]],
  [2, -5, 0, -3, []],
  [7, 7, 2, 1, []],
  [2, 6, 0, undefined, []],
  [6, -4, 7, 3, [2, 5]],
  [1, 6, -6, -4, [0]],
  [3, 9, -9, -2, [2, 0]],
  [4, -7, -6, undefined, []],
  [0, -6, -9, 3, []],
  [7, -6, undefined, -4, [1]],
  [8, 7, 5, 3, []],
  [3, -8, 5, -2, []],
  [5, -9, -7, -3, []],
  [7, 2, -6, 1, []],
  [6, -2, 0, 2, []],
  [3, -10, 4, -4, []],
  [0, 3, 1, 1, []],
  [1, 2, 4, 5, []],
  [5, -8, -6, 5, []],
  [6, 10, -5, 5, []],
  [3, 7, -4, 1, []],
  [4, 3, -3, 5, []],
  [4, 2, -10, undefined, []],
  [3, -1, undefined, -4, [2]],
  [0, 7, -8, -1, []],
  [0, 4, 3, undefined, []],
  [8, 7, undefined, 3, [7]],
  [5, 3, 2, -4, [3]],
  [6, -9, 6, 1, [0, 1, 2, 3, 4, 5]],
  [4, -2, -3, undefined, []],
  [1, -5, 1, 2, [0]],
  [7, -5, 7, 2, [2, 4, 6]],
  [8, -5, 9, -4, []],
  [7, undefined, -6, 3, [0]],
  [6, undefined, -10, -1, [5, 4, 3, 2, 1, 0]],
  [1, -3, 7, -4, []],
  [2, 7, -3, 3, []],
  [6, 5, -2, undefined, []],
  [5, -5, 6, 2, [0, 2, 4]],
  [1, 3, 9, 3, []],
  [6, 10, undefined, -3, [5, 2]],
  [2, 0, -6, undefined, []],
  [0, undefined, undefined, -2, []],
  [5, 5, 3, 5, []],
  [1, 9, 8, 5, []],
  [0, -4, 9, -4, []],
  [5, -4, 1, undefined, []],
  [6, 10, -3, -3, [5]],
  [0, 10, -8, 2, []],
  [4, -7, -7, 5, []],
  [1, -5, -3, -3, []],
  [5, -5, 8, 3, [0, 3]],
  [3, 4, -3, 5, []],
  [0, 3, -9, -4, []],
  [5, 2, -5, 1, []],
  [3, -4, -7, -1, []],
  [3, -5, 7, -4, []],
  [1, undefined, -1, -2, []],
  [1, -7, 8, undefined, [0]],
  [4, 9, undefined, undefined, []],
  [7, -2, 0, -2, [5, 3, 1]],
  [1, 7, 3, 2, []],
  [5, 8, -8, 2, []],
  [7, -3, -4, -1, [4]],
  [7, 0, 5, 3, [0, 3]],
  [8, 5, -2, 3, [5]],
  [5, undefined, 6, -1, []],
  [4, 2, 1, 5, []],
  [0, 10, 2, 1, []],
  [0, 10, -5, 1, []],
  [8, 5, -9, -1, [5, 4, 3, 2, 1, 0]],
  [7, 2, 9, -3, []],
  [7, undefined, 5, 3, [0, 3]],
  [3, -1, 4, -1, []],
  [3, 10, 10, 5, []],
  [5, 6, 4, -1, []],
  [4, 3, -5, -3, [3, 0]],
  [4, 2, -3, -1, [2]],
  [5, 6, -9, -3, [4, 1]],
  [2, 7, 6, 5, []],
  [3, 2, -8, 2, []],
  [0, 0, -6, -2, []],
  [7, -10, -7, -2, []],
  [6, 5, -7, -3, [5, 2]],
  [5, 2, -8, 3, []],
  [3, 8, -6, 2, []],
  [3, 1, undefined, -3, [1]],
  [7, 0, -5, -4, []],
  [4, 8, 8, -1, []],
  [8, -1, -10, undefined, []],
  [5, -7, 3, -4, []],
  [4, -2, 1, 1, []],
  [5, 8, -5, 5, []],
  [2, 7, 5, 5, []],
  [5, -2, -9, -2, [3, 1]],
  [1, 5, -5, -4, [0]],
  [6, -9, 4, 1, [0, 1, 2, 3]],
  [1, -3, -6, 5, []],
  [5, 10, 8, undefined, []],
  [2, 10, 1, -3, []],
  [8, 10, -9, -3, [7, 4, 1]],
  [5, -2, -2, 1, []],
  [6, -6, -4, 2, [0]],
  [1, undefined, -3, 5, []],
  [3, -7, undefined, -3, []],
  [5, -6, 9, -3, []],
  [0, -1, 2, -1, []],
  [2, -7, 3, -4, []],
  [7, 7, 9, undefined, []],
  [8, undefined, 6, 5, [0, 5]],
  [2, -2, 9, 5, [0]],
  [6, 0, -8, -3, [0]],
  [6, 9, 6, 2, []],
  [2, 0, 5, -3, []],
  [3, 9, 2, 3, []],
  [5, 8, -10, undefined, []],
  [2, -8, -3, -3, []],
  [8, -5, -4, 5, [3]],
  [3, -10, 7, 1, [0, 1, 2]],
  [0, -8, 1, -4, []],
  [0, 3, 6, -1, []],
  [5, 6, -1, 3, []],
  [5, 7, 9, undefined, []],
  [7, 4, 10, -1, []],
  [6, -4, -10, 5, []],
  [8, -7, -10, -1, [1, 0]],
  [4, -2, 7, -4, []],
  [8, 9, 8, 5, []],
  [3, 10, -6, -3, [2]],
  [4, 0, 1, -4, []],
  [2, -2, undefined, -2, [0]],
  [4, -4, -10, -2, [0]],
  [7, -1, 2, -1, [6, 5, 4, 3]],
  [7, 9, -2, 3, []],
  [7, -3, 10, 2, [4, 6]],
  [0, 10, 9, 2, []],
  [0, -6, -8, 2, []],
  [1, 8, -2, 2, []],
  [7, -3, -9, 3, []],
  [1, -3, -9, -4, []],
  [4, -5, -3, 3, [0]],
  [7, -4, -5, -1, [3]],
  [0, 3, -2, -3, []],
  [0, 10, -9, 1, []],
  [6, -10, -10, -3, []],
  [2, -5, -8, -3, []],
  [0, 5, 7, undefined, []],
  [4, -2, -10, -1, [2, 1, 0]],
  [8, 3, 1, 2, []],
  [5, 9, 4, -3, []],
  [0, 5, 7, 2, []],
  [1, -1, 0, -2, []],
  [8, 5, -9, 5, []],
  [6, undefined, -3, -2, [5]],
  [6, -4, 8, -1, []],
  [5, -2, -3, 2, []],
  [5, -3, 7, -2, []],
  [6, 1, -5, 2, []],
  [2, -2, -3, -1, [0]],
  [5, 7, 8, -3, []],
  [3, 0, -5, -2, [0]],
  [0, -5, 4, 3, []],
  [0, 8, -8, 5, []],
  [3, undefined, -4, -3, [2]],
  [1, 8, 9, -3, []],
  [5, 8, 3, -1, [4]],
  [2, undefined, undefined, -1, [1, 0]],
  [7, 10, -5, undefined, []],
  [7, -9, -7, 2, []],
  [2, -3, 7, -2, []],
  [6, 9, 2, 2, []],
  [4, 10, -3, -3, [3]],
  [8, 9, 10, -4, []],
  [2, 5, 5, undefined, []],
  [6, -5, 8, 1, [1, 2, 3, 4, 5]],
  [1, 7, 5, 5, []],
  [4, 5, 5, -3, []],
  [1, 4, 2, 5, []],
  [8, -1, 9, 5, [7]],
  [3, 0, 2, -3, []],
  [4, -2, 5, -3, []],
  [1, -7, 3, -3, []],
  [3, 2, -1, 1, []],
  [2, -4, -2, 5, []],
  [0, 10, -9, -1, []],
  [5, -6, 5, -4, []],
  [8, 6, -5, -3, [6]],
  [5, 1, 5, -4, []],
  [7, -5, -1, -2, []],
  [5, -3, -8, 1, []],
  [1, -8, 10, undefined, [0]],
  [7, 1, -3, -3, []],
  [0, 6, -10, 3, []],
  [6, 6, -2, 3, []],
  [7, 0, -6, 2, [0]],
  [4, 2, 7, -4, []],
  [8, 3, undefined, -1, [3, 2, 1, 0]],
  [3, -6, 2, 1, [0, 1]],
  [5, 1, 9, 1, [1, 2, 3, 4]],
  [7, -1, 4, 3, []],
  [2, -1, -4, 3, []],
  [0, -9, 3, 1, []],
];

/** `len(range(*slice(start, end, step).indices(n)))` in CPython, for sizes and bounds up to 2^53 and beyond. */
const PYTHON_LENGTHS: readonly BigRow[] = [
  [9007199254740991, -9007199254740991, undefined, 7, 1286742750677285],
  [9007199254740991, 1, -1, 4503599627370496, 2],
  [9007199254740991, undefined, undefined, -3, 3002399751580331],
  [1000000000000000, -100000000000000000000, 100000000000000000000, 999, 1001001001002],
  [4503599627370499, 4503599627370496, undefined, -1, 4503599627370497],
  [50257, -100, undefined, undefined, 100],
  [0, -1, undefined, -1, 0],
  [5, 1000000000000000000000, undefined, -2, 3],
];

describe("slice: against Python", () => {
  it(`${PYTHON.length} rows: the elements taken, in order`, () => {
    const wrong = PYTHON.filter(([n, start, end, step, taken]) => {
      const got = slice(arange(n, { dtype: "float64" }) as Tensor, 0, start as never, end as never, step as never) as Tensor;
      return JSON.stringify(got.toArray()) !== JSON.stringify(taken) || got.dims[0] !== taken.length;
    });
    expect(wrong).toEqual([]);
  });

  it("the shape rule's lengths, including sizes and bounds near 2^53", () => {
    for (const [n, start, end, step, length] of PYTHON_LENGTHS) {
      expect(sliceShape([n] as number[], 0, start, end, step)).toEqual([length]);
    }
    for (const [n, start, end, step, taken] of PYTHON) {
      expect(sliceShape([n] as number[], 0, start, end, step)).toEqual([taken.length]);
    }
  });

  it("the type level gives the same lengths (SliceShape through the compiler)", () => {
    const rows = [...PYTHON.map(([n, s, e, st, taken]) => [n, s, e, st, taken.length] as const), ...PYTHON_LENGTHS];
    const show = (v: number | undefined) => (v === undefined ? "undefined" : String(v));
    const texts = evaluateTypes(
      `import type { SliceShape } from "../types/ops/slice.js";`,
      rows.map(([n, s, e, st]) => `SliceShape<[${n}], 0, ${show(s)}, ${show(e)}, ${show(st)}>`),
    );
    const wrong = rows.filter((row, i) => {
      const result = parseTypeText(texts[i]!);
      return result.kind !== "shape" || JSON.stringify(result.dims) !== JSON.stringify([row[4]]);
    });
    expect(wrong).toEqual([]);
  });
});

describe("slice: views", () => {
  it("shares storage with its input (no copy) and reads through strides", () => {
    const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8]]);
    const y = x.slice(1, 1, undefined, 2);
    expect(y.data).toBe(x.data);
    expect(y.toArray()).toEqual([[2, 4], [6, 8]]);
    x.data[3] = 40;
    expect(y.toArray()).toEqual([[2, 40], [6, 8]]);
  });

  it("negative steps walk backwards; reversing twice is the identity", () => {
    const x = fromArray([0, 1, 2, 3, 4, 5], [2, 3]);
    expect(x.slice(1, -1, undefined, -1).toArray()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(x.slice(0, -1, undefined, -1).slice(0, -1, undefined, -1).toArray()).toEqual(x.toArray());
    expect(x.slice(1, 2, 0, -2).toArray()).toEqual([[2], [5]]);
  });

  it("chains along different axes, and after a transpose", () => {
    const x = fromArray(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const y = x.slice(2, 1, 3).slice(1, -1, undefined, -2).slice(0, 1);
    expect(y.toArray()).toEqual([[[21, 22], [13, 14]]]);
    const t = x.transpose().slice(0, -1).slice(2, 1);
    expect(t.toArray()).toEqual([[[15], [19], [23]]]);
  });

  it("empty slices have size 0 and read as empty arrays", () => {
    const x = zeros([3, 4]);
    expect(x.slice(0, 2, 1).shape).toEqual([0, 4]);
    expect(x.slice(1, 0, 0).toArray()).toEqual([[], [], []]);
    expect(x.slice(0, 0, undefined, -1).slice(0, 0, 5).shape).toEqual([1, 4]);
    expect(x.slice(0, 0, undefined, -1).slice(0, 5).shape).toEqual([0, 4]);
    expect(zeros([0]).slice(0, -1, undefined, -1).shape).toEqual([0]);
  });

  it("a slice of a named dim has the name on the type side only: at run time sizes are numbers", () => {
    const x = zeros([32, 10]).as(["batch", 10]);
    const y = x.slice(0, 1);
    expect(y.shape).toEqual([31, 10]);
  });
});

describe("slice: run-time errors carry the compile-time messages", () => {
  it("a zero step, non-integer bounds, an axis out of range", () => {
    const x = zeros([10, 4]) as Tensor;
    const cases: [() => unknown, string][] = [
      [() => x.slice(1, 0, 4, 0 as never), "SHAPE_SLICE: slice: cannot slice axis 1 of [10, 4] with step 0: the step must be a non-zero integer (a negative step walks backwards)"],
      [() => x.slice(0, 0.5 as never), "SHAPE_SLICE: slice: cannot slice axis 0 of [10, 4] with start 0.5: start, end and step must be integers"],
      [() => x.slice(-1, 0, NaN as never), "SHAPE_SLICE: slice: cannot slice axis 1 of [10, 4] with end NaN: start, end and step must be integers"],
      [() => x.slice(0, 0, 2, Infinity as never), "SHAPE_SLICE: slice: cannot slice axis 0 of [10, 4] with step Infinity: start, end and step must be integers"],
      [() => x.slice(2 as never, 0), "SHAPE_AXIS: slice: axis 2 is out of range for [10, 4]: valid axes are integers from -2 to 1"],
      [() => (zeros([]) as Tensor).slice(0 as never, 0), "SHAPE_AXIS: slice: axis 0 is out of range for []: a scalar has no axes"],
    ];
    for (const [fn, message] of cases) {
      const error = thrown(fn);
      expect(error).toBeInstanceOf(ShapeError);
      expect(error.message).toBe(message);
    }
  });

  it("the free function and the method agree", () => {
    const x = zeros([3]) as Tensor;
    expect(thrown(() => slice(x, 0, 0, 1, 0 as never)).message).toBe(thrown(() => x.slice(0, 0, 1, 0 as never)).message);
  });
});

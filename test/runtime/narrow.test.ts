// narrow at run time: contents against a hand-written oracle (nested arrays cut with Array#slice
// along the axis), PyTorch's range rules (a start in -size … size, start + length ≤ size, nothing
// clamped), views that share storage, names on the axes, and the errors; the same table checks the
// type level (`NarrowShape`) through the compiler.
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, arange, narrow, narrowShape, zeros, type Tensor } from "../../src/index.js";
import { evaluateTypes, parseTypeText } from "../harness/types.js";
import { thrown } from "../harness/runtime.js";

type Nested = number | Nested[];

/** The oracle: `values` with axis `axis` cut to `[from, from + length)`, by Array#slice at that depth. */
function cut(values: Nested, axis: number, from: number, length: number): Nested {
  if (!Array.isArray(values)) throw new Error("axis deeper than the array");
  if (axis === 0) return values.slice(from, from + length);
  return values.map((row) => cut(row, axis - 1, from, length));
}

/** PyTorch's rule for where a window starts: a negative start counts from the end. */
const position = (start: number, size: number) => (start < 0 ? start + size : start);

const CASES: readonly (readonly [shape: number[], axis: number, start: number, length: number])[] = [
  [[10], 0, 2, 5],
  [[10], 0, -3, 3],
  [[10], 0, 10, 0],
  [[10], 0, -10, 10],
  [[4, 5], 1, 1, 3],
  [[4, 5], -1, -5, 2],
  [[4, 5], 0, 0, 0],
  [[2, 3, 4], 1, 2, 1],
  [[2, 3, 4], -2, -1, 1],
  [[2, 3, 4], 2, 1, 3],
  [[0, 3], 0, 0, 0],
];

describe("narrow: values", () => {
  it.each(CASES)("%j axis %i from %i, %i long: the oracle's elements", (shape, axis, start, length) => {
    const x = arange(shape.reduce((a, b) => a * b, 1)).reshape(shape as never) as Tensor;
    const rank = shape.length;
    const index = axis < 0 ? axis + rank : axis;
    const out = narrow(x as Tensor<number[]>, axis as never, start as never, length as never) as Tensor;
    const expected = cut(x.toArray() as Nested, index, position(start, shape[index]!), length);
    expect(out.shape).toEqual(shape.map((d, i) => (i === index ? length : d)));
    expect(out.toArray()).toEqual(expected);
    expect(narrowShape(shape as never, axis as never, start as never, length as never)).toEqual(out.shape);
  });

  it("is a view: it shares the input's storage", () => {
    const x = arange(12).reshape([3, 4]);
    const part = x.narrow(1, 1, 2);
    expect(part.data).toBe(x.data);
    expect(part.toArray()).toEqual([
      [1, 2],
      [5, 6],
      [9, 10],
    ]);
  });

  it("a narrow of a narrow, and of a transposed tensor", () => {
    const x = arange(24).reshape([4, 6]);
    expect(x.narrow(1, 1, 4).narrow(1, 2, 2).toArray()).toEqual(cut(cut(x.toArray() as Nested, 1, 1, 4), 1, 2, 2));
    expect(x.transpose().narrow(0, -2, 2).toArray()).toEqual(cut(x.transpose().toArray() as Nested, 0, 4, 2));
  });

  it("on a named tensor: the sizes are the tensor's, and the other axes may be restated by their names", () => {
    const x = zeros([8, 5]).as(["batch", 5]);
    const head = x.narrow(1, 0, 2);
    expect(head.shape).toEqual([8, 2]);
    expect(head.as(["batch", 2]).shape).toEqual([8, 2]);
  });
});

/** The runtime's errors, message for message; the type level says the same (below). */
const ERRORS: readonly (readonly [shape: number[], axis: number, start: number | string, length: number | string, message: string])[] = [
  [[10, 4], 0, 8, 3, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] to length 3 from start 8: the axis has 10 elements, and start + length must not exceed them"],
  [[10, 4], 0, -2, 3, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] to length 3 from start -2: the axis has 10 elements, and start + length must not exceed them"],
  [[10, 4], 0, 11, 0, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with start 11: it must be within -10 … 10"],
  [[10, 4], 1, -5, 1, "SHAPE_SLICE: narrowShape: cannot narrow axis 1 of [10, 4] with start -5: it must be within -4 … 4"],
  [[10, 4], 0, 0, -1, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with length -1: the length must be a size, from 0 to 9007199254740991"],
  [[10, 4], 0, 0, 9007199254740992, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with length 9007199254740992: the length must be a size, from 0 to 9007199254740991"],
  [[10, 4], 0, 1.5, 2, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with start 1.5: start and length must be integers"],
  [[10, 4], 0, 0, 2.5, "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with length 2.5: start and length must be integers"],
  [[10, 4], 0, 0, "seq", "SHAPE_SLICE: narrowShape: cannot narrow axis 0 of [10, 4] with length 'seq': start and length must be integers"],
  [[10, 4], 2, 0, 1, "SHAPE_AXIS: narrowShape: axis 2 is out of range for [10, 4]: valid axes are integers from -2 to 1"],
];

describe("narrow: errors", () => {
  it.each(ERRORS)("%j axis %i, start %j, length %j", (shape, axis, start, length, message) => {
    const error = thrown(() => narrowShape(shape as never, axis as never, start as never, length as never));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
    const tensorError = thrown(() => zeros(shape as never).narrow(axis as never, start as never, length as never));
    expect(tensorError.message).toBe(message.replace("narrowShape", "narrow"));
  });

  it("the type level gives the same messages and shapes (NarrowShape through the compiler)", () => {
    const lit = (v: number | string) => (typeof v === "string" ? JSON.stringify(v) : String(v));
    const expressions = [
      ...ERRORS.map(([shape, axis, start, length]) => `NarrowShape<[${shape.join(", ")}], ${axis}, ${lit(start)}, ${lit(length)}>`),
      ...CASES.map(([shape, axis, start, length]) => `NarrowShape<[${shape.join(", ")}], ${axis}, ${start}, ${length}>`),
    ];
    const types = evaluateTypes(`import type { NarrowShape } from "../types/ops/narrow.js";`, expressions).map(parseTypeText);
    expect(types.slice(0, ERRORS.length)).toEqual(ERRORS.map(([, , , , message]) => ({ kind: "error", message })));
    expect(types.slice(ERRORS.length)).toEqual(
      CASES.map(([shape, axis, , length]) => ({ kind: "shape", rest: false, dims: shape.map((d, i) => (i === (axis < 0 ? axis + shape.length : axis) ? length : d)) })),
    );
  });

  it("a named axis leaves the range to the tensor: the pure rule keeps the length, a tensor checks its size", () => {
    expect(narrowShape(["seq", 64], 0, 0, 3)).toEqual([3, 64]);
    const x = zeros([5, 64]).as(["seq", 64]);
    expect(thrown(() => x.narrow(0, 4, 3)).message).toBe(
      "SHAPE_SLICE: narrow: cannot narrow axis 0 of [5, 64] to length 3 from start 4: the axis has 5 elements, and start + length must not exceed them",
    );
  });

  it("garbage: a start or length of the wrong type, NaN, a bad axis or operand — coded errors only", () => {
    const x = zeros([4, 3]);
    for (const [axis, start, length] of [
      [0, "1", 2],
      [0, 0, null],
      [0, Number.NaN, 1],
      [0, 0, Number.POSITIVE_INFINITY],
      [0, undefined, 1],
      [0.5, 0, 1],
      ["0", 0, 1],
    ] as const) {
      const error = thrown(() => x.narrow(axis as never, start as never, length as never));
      expect(error instanceof ShapeError || error instanceof InputError).toBe(true);
      expect((error as ShapeError).code).toMatch(/^(SHAPE|INPUT)_/);
    }
    expect((thrown(() => narrow(null as never, 0 as never, 0 as never, 1 as never)) as InputError).code).toBe("INPUT_OPERAND");
  });
});

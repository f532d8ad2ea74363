// The loop machinery (axis collapsing, row walking) and the kernels on arbitrary strided views,
// checked against a naive reference that indexes every element through its multi-index.
import { describe, expect, it, onTestFinished } from "vitest";
import { RandomGenerator, Tensor, broadcastShapes, configure, reduceShape } from "../../src/index.js";
import { Rows, collapse } from "../../src/kernels/loop.js";
import { BINARY, binaryKernel } from "../../src/kernels/elementwise.js";
import { REDUCE, reduceKernel } from "../../src/kernels/reduce.js";

describe("collapse", () => {
  it("merges axes every operand walks as one run, drops size-1 axes", () => {
    // [32, 64, 32, 32] + [64, 1, 1] (expanded: strides [0, 1, 0, 0]) → [32, 64, 1024]
    expect(collapse([32, 64, 32, 32], [[65536, 1024, 32, 1], [0, 1, 0, 0]])).toEqual({
      shape: [32, 64, 1024],
      strides: [[65536, 1024, 1], [0, 1, 0]],
    });
    // row broadcast [1024, 1024] + [1024]: nothing merges across the stride-0 axis
    expect(collapse([1024, 1024], [[1024, 1], [0, 1]])).toEqual({ shape: [1024, 1024], strides: [[1024, 1], [0, 1]] });
    // same-shape contiguous operands: one run
    expect(collapse([2, 3, 4], [[12, 4, 1], [12, 4, 1]])).toEqual({ shape: [24], strides: [[1], [1]] });
    // size-1 axes vanish; all-size-1 leaves one axis of 1
    expect(collapse([1, 5, 1], [[5, 1, 1]])).toEqual({ shape: [5], strides: [[1]] });
    expect(collapse([1, 1], [[1, 1]])).toEqual({ shape: [1], strides: [[0]] });
    expect(collapse([], [[]])).toEqual({ shape: [1], strides: [[0]] });
  });
});

describe("Rows", () => {
  it("visits row starts in row-major order", () => {
    // a [2, 3, 4] array viewed with axes 0 and 1 swapped: shape [3, 2, 4], strides [4, 12, 1]
    const rows = new Rows([3, 2, 4], [[4, 12, 1]], [0]);
    expect(rows.length).toBe(4);
    expect(rows.count).toBe(6);
    const starts: number[] = [];
    for (let r = 0; r < rows.count; r++) {
      starts.push(rows.offsets[0]!);
      rows.next();
    }
    expect(starts).toEqual([0, 12, 4, 16, 8, 20]);
  });
});

// ---------------------------------------------------------------------------------------------
// Random strided views against a naive reference

const random = new RandomGenerator(2024);
const int = (n: number) => Math.floor(random.uniform() * n);

/** A random view of `shape`: storage with room, a random axis order for the strides, an offset. */
function randomView(shape: number[]): Tensor {
  const order = shape.map((_, i) => i).sort(() => random.uniform() - 0.5);
  const strides: number[] = new Array(shape.length);
  let step = 1 + int(2); // sometimes every other element
  for (const axis of [...order].reverse()) {
    strides[axis] = shape[axis] === 1 && random.uniform() < 0.5 ? 0 : step;
    step *= shape[axis]! + int(2);
  }
  const offset = int(3);
  const data = new Float64Array(offset + step + 1);
  for (let i = 0; i < data.length; i++) data[i] = Math.round((random.uniform() * 20 - 10) * 4) / 4;
  return new Tensor(data, shape, strides, offset);
}

function at(t: Tensor, index: number[]): number {
  let position = t.offset;
  index.forEach((i, axis) => (position += i * t.strides[axis]!));
  return t.data[position]!;
}

function* indices(shape: readonly number[]): IterableIterator<number[]> {
  const total = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < total; flat++) {
    const index = new Array(shape.length);
    let rest = flat;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
    yield index;
  }
}

function randomShape(rank: number): number[] {
  return Array.from({ length: rank }, () => 1 + int(4));
}

/** A shape that broadcasts to `out`: some axes set to 1, some leading axes dropped. */
function broadcastable(out: number[]): number[] {
  const drop = int(out.length + 1);
  return out.slice(drop).map((d) => (random.uniform() < 0.4 ? 1 : d));
}

describe("kernels on random strided and broadcast views (200 cases each)", () => {
  it("binary add and mul match the naive reference (NumPy's rules: implicit outer broadcasts included)", () => {
    const previous = configure({ broadcasting: "numpy" });
    onTestFinished(() => void configure(previous));
    for (let trial = 0; trial < 200; trial++) {
      const out = randomShape(1 + int(4));
      const left = randomView(broadcastable(out));
      const right = randomView(broadcastable(out));
      const shape = broadcastShapes(left.dims as number[], right.dims as number[]) as number[];
      const sum = left.add(right as never) as Tensor;
      const product = left.mul(right as never) as Tensor;
      expect(sum.shape).toEqual(shape);
      const expectedSum: number[] = [];
      const expectedProduct: number[] = [];
      for (const index of indices(shape)) {
        const pick = (t: Tensor) => at(t, index.slice(shape.length - t.dims.length).map((i, axis) => (t.dims[axis] === 1 ? 0 : i)));
        expectedSum.push(pick(left) + pick(right));
        expectedProduct.push(pick(left) * pick(right));
      }
      expect(sum.toFlatArray()).toEqual(expectedSum);
      expect(product.toFlatArray()).toEqual(expectedProduct);
    }
  });

  it("sum and max over random axes match the naive reference", () => {
    for (let trial = 0; trial < 200; trial++) {
      const shape = randomShape(1 + int(4));
      const x = randomView(shape);
      const axes = shape.map((_, i) => i).filter(() => random.uniform() < 0.5);
      const outShape = reduceShape(shape, axes, true) as number[];
      const sums = new Map<string, number>();
      const maxima = new Map<string, number>();
      for (const index of indices(shape)) {
        const key = index.map((i, axis) => (axes.includes(axis) ? 0 : i)).join(",");
        sums.set(key, (sums.get(key) ?? 0) + at(x, index));
        maxima.set(key, Math.max(maxima.get(key) ?? -Infinity, at(x, index)));
      }
      const expectedSums = [...indices(outShape)].map((index) => sums.get(index.join(","))!);
      const expectedMaxima = [...indices(outShape)].map((index) => maxima.get(index.join(","))!);
      expect((x.sum(axes as never, true) as Tensor).toFlatArray()).toEqual(expectedSums);
      expect((x.max(axes as never, true) as Tensor).toFlatArray()).toEqual(expectedMaxima);
    }
  });

  it("the kernels write float32 outputs from float64 inputs and back", () => {
    const out32 = new Float32Array(3);
    binaryKernel(BINARY.add, out32, new Float64Array([0.1, 0.2, 0.3]), 0, [1], new Float64Array([1]), 0, [0], [3]);
    expect(Array.from(out32)).toEqual([1.1, 1.2, 1.3].map(Math.fround));
    const sum32 = new Float32Array(1);
    reduceKernel(REDUCE.sum, sum32, new Float32Array([1, 2, 3, 4]), 0, [1], [4], [0]);
    expect(sum32[0]).toBe(10);
  });
});

describe("sum over the axis before the last (several input rows per pass)", () => {
  it("matches a row-by-row loop for 1 to 9 rows, contiguous and strided, batched, both dtypes", () => {
    for (const Storage of [Float32Array, Float64Array]) {
      for (const rowCount of [1, 2, 3, 4, 5, 8, 9]) {
        for (const [batch, n, gap] of [[1, 7, 0], [3, 5, 0], [2, 6, 1]] as const) {
          // x: [batch, rowCount, n] over storage with `gap` unused elements after each row
          const rowStride = n + gap;
          const data = new Storage(batch * rowCount * rowStride);
          for (let i = 0; i < data.length; i++) data[i] = int(17) - 8;
          const out = new Storage(batch * n);
          reduceKernel(REDUCE.sum, out, data, 0, [rowCount * rowStride, rowStride, 1], [batch, rowCount, n], [n, 0, 1]);
          const expected: number[] = [];
          for (let b = 0; b < batch; b++) {
            for (let k = 0; k < n; k++) {
              let s = 0;
              for (let r = 0; r < rowCount; r++) s += data[b * rowCount * rowStride + r * rowStride + k]!;
              expected.push(s);
            }
          }
          expect(Array.from(out)).toEqual(expected);
        }
      }
    }
  });
});

// conv1d, conv2d, maxPool2d and avgPool2d: gradients for x, w and bias against central finite
// differences (float64; test/gradients/check.ts), with stride > 1, dilation > 1, groups > 1, padding
// ("same" too), ceil mode, and the small CNN the training example uses.
import { describe, expect, it } from "vitest";
import { Tensor, avgPool2d, conv1d, conv2d, maxPool2d } from "../../src/index.js";
import { gradientErrors, uniform } from "./check.js";

const TOLERANCE = 1e-6;
let seed = 4_242;
const leaves = (shapes: number[][]) => shapes.map((shape) => uniform(shape, seed++, -1, 1));
const worst = (f: (...inputs: Tensor[]) => Tensor, shapes: number[][]) => Math.max(0, ...gradientErrors(f, leaves(shapes)));

describe("conv2d: gradients of x, w and bias match central differences", () => {
  it.each([
    ["plain 3×3", [[2, 2, 5, 5], [3, 2, 3, 3]], {}],
    ["padding 1 with bias", [[2, 2, 5, 4], [3, 2, 3, 3], [3]], { padding: 1 }],
    ["stride 2, padding [1, 2]", [[1, 2, 7, 6], [2, 2, 3, 2]], { stride: 2, padding: [1, 2] }],
    ["stride [2, 3], dilation 2", [[1, 1, 9, 10], [2, 1, 3, 3]], { stride: [2, 3], dilation: 2 }],
    ["dilation [1, 3], padding 'same', bias", [[1, 2, 6, 7], [2, 2, 2, 3], [2]], { dilation: [1, 3], padding: "same" }],
    ["groups 2 with bias", [[2, 4, 5, 5], [6, 2, 3, 3], [6]], { groups: 2, padding: 1 }],
    ["groups = channels (depthwise), stride 2", [[1, 3, 6, 6], [3, 1, 3, 3]], { groups: 3, stride: 2 }],
  ] as const)("%s", (_name, shapes, opts) => {
    const f = (x: Tensor, w: Tensor, b?: Tensor) => conv2d(x, w as never, { ...opts, bias: b } as never) as Tensor;
    expect(worst(f as never, shapes.map((s) => [...s]))).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("conv1d: gradients match central differences", () => {
  it.each([
    ["plain", [[2, 3, 9], [4, 3, 3]], {}],
    ["stride 2, dilation 2, padding 2, bias", [[2, 2, 11], [3, 2, 3], [3]], { stride: 2, dilation: 2, padding: 2 }],
    ["groups 2, 'same' with an even kernel", [[1, 4, 8], [2, 2, 4]], { groups: 2, padding: "same" }],
  ] as const)("%s", (_name, shapes, opts) => {
    const f = (x: Tensor, w: Tensor, b?: Tensor) => conv1d(x, w as never, { ...opts, bias: b } as never) as Tensor;
    expect(worst(f as never, shapes.map((s) => [...s]))).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("pooling: gradients match central differences", () => {
  it.each([
    ["kernel 2", { kernel: 2 }, [2, 2, 6, 6]],
    ["kernel 3, stride 2, padding 1", { kernel: 3, stride: 2, padding: 1 }, [1, 2, 7, 6]],
    ["kernel [2, 3], ceil mode", { kernel: [2, 3], stride: [2, 2], ceilMode: true }, [1, 1, 5, 7]],
    ["overlapping windows, stride 1", { kernel: 2, stride: 1 }, [1, 1, 4, 4]],
  ] as const)("maxPool2d and avgPool2d, %s", (_name, opts, shape) => {
    expect(worst((x) => maxPool2d(x!, opts as never) as Tensor, [[...shape]])).toBeLessThanOrEqual(TOLERANCE);
    expect(worst((x) => avgPool2d(x!, opts as never) as Tensor, [[...shape]])).toBeLessThanOrEqual(TOLERANCE);
  });

  it("maxPool2d sends the gradient to the first largest element on ties", () => {
    const x = new Tensor(new Float64Array([1, 3, 3, 2]), [1, 1, 2, 2], undefined, 0, true);
    (maxPool2d(x, 2).sum() as Tensor<[]>).backward();
    expect(x.grad?.toFlatArray()).toEqual([0, 1, 0, 0]);
  });
});

it("the example's CNN: conv2d(padding 1) → relu → maxPool2d(2) → conv2d → tanh, all parameters", () => {
  const f = (x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor) =>
    (conv2d(x, w1 as never, { padding: 1, bias: b1 }) as Tensor).relu().maxPool2d(2).conv2d(w2 as never).tanh() as Tensor;
  expect(worst(f as never, [[2, 1, 6, 6], [3, 1, 3, 3], [3], [4, 3, 2, 2]])).toBeLessThanOrEqual(TOLERANCE);
});

// Runtime hardening (issue 12): bad input throws a coded InputError or ShapeError whose message names
// the argument — never a raw TypeError/RangeError, a stack overflow, a hang or a wrong result. Every
// test here failed (or hung) before its fix. Calls the type level rejects go through `as never`.
import { describe, expect, it } from "vitest";
import {
  InputError,
  SGD,
  ShapeError,
  Tensor,
  arange,
  concat,
  flatten,
  fromArray,
  max,
  ones,
  permute,
  reshape,
  slice,
  softmax,
  squeeze,
  sum,
  tensor,
  unsqueeze,
  zeros,
} from "../../src/index.js";
import { thrown } from "../harness/runtime.js";
import { expand } from "../../src/ops/broadcast.js";

/** The error `fn` throws, checked to be an `InputError` with `code` whose message contains every part. */
function inputError(fn: () => unknown, code: string, ...parts: string[]): InputError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).code).toBe(code);
  expect(error.message.startsWith(`${code}: `)).toBe(true);
  for (const part of parts) expect(error.message).toContain(part);
  return error as InputError;
}

/** As `inputError`, for a `ShapeError`. */
function shapeError(fn: () => unknown, code: string, ...parts: string[]): ShapeError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(ShapeError);
  expect((error as ShapeError).code).toBe(code);
  for (const part of parts) expect(error.message).toContain(part);
  return error as ShapeError;
}

/** A view of 1.69e22 elements (the example): more than 2^53 − 1. */
const hugeView = () => expand(ones([1, 1, 1]), [551763797, 188700802, 162803]);
const HUGE_COUNT = "16950766874991158978782"; // 551763797 × 188700802 × 162803, exactly

describe("element counts above 2^53 − 1", () => {
  it("reshape of a view of more than 2^53 − 1 elements throws INPUT_TOO_LARGE instead of never returning", () => {
    inputError(
      () => hugeView().reshape([89828801442991, 188700802] as never),
      "INPUT_TOO_LARGE",
      "reshape: x has shape [551763797, 188700802, 162803]",
      HUGE_COUNT,
      "9007199254740991",
    );
  });

  it("broadcastTo refuses a view of more than 2^53 − 1 elements (the issue's 2^54)", () => {
    inputError(() => ones([1, 1]).broadcastTo([2 ** 27, 2 ** 27]), "INPUT_TOO_LARGE", "broadcastTo", "[134217728, 134217728]", "18014398509481984 elements");
  });

  it("the size of a 2^54-element view (made inside the library) throws INPUT_TOO_LARGE instead of returning 2^54", () => {
    const view = expand(ones([1, 1]), [2 ** 27, 2 ** 27]);
    inputError(() => view.size, "INPUT_TOO_LARGE", "[134217728, 134217728]", "18014398509481984 elements");
  });

  it("ops that loop over elements reject such a view before looping (sum, max, softmax, flatten, squeeze, unsqueeze, permute, slice, concat)", () => {
    const view = hugeView();
    inputError(() => sum(view), "INPUT_TOO_LARGE", "sum: x has shape [551763797, 188700802, 162803]");
    inputError(() => view.max(0), "INPUT_TOO_LARGE", "max: x has shape");
    inputError(() => softmax(view as never), "INPUT_TOO_LARGE", "softmax: x has shape");
    inputError(() => flatten(view as never), "INPUT_TOO_LARGE", "flatten: x has shape");
    inputError(() => squeeze(view), "INPUT_TOO_LARGE", "squeeze: x has shape");
    inputError(() => unsqueeze(view, 0), "INPUT_TOO_LARGE", "unsqueeze: x has shape");
    inputError(() => permute(view, [2, 1, 0]), "INPUT_TOO_LARGE", "permute: x has shape");
    inputError(() => slice(view, 0, 1), "INPUT_TOO_LARGE", "slice: x has shape");
    inputError(() => concat([view, view] as never), "INPUT_TOO_LARGE", "concat: tensor 0 has shape");
  });

  it("zeros([2 ** 53 - 1]) throws INPUT_TOO_LARGE with the size, not a RangeError", () => {
    inputError(() => zeros([2 ** 53 - 1]), "INPUT_TOO_LARGE", "zeros: cannot allocate 9007199254740991 float32 elements");
  });

  it("zeros([1e5, 1e5]) throws INPUT_TOO_LARGE with the size, not a RangeError", () => {
    inputError(() => zeros([1e5, 1e5]), "INPUT_TOO_LARGE", "zeros: cannot allocate 10000000000 float32 elements (40000000000 bytes)");
    inputError(() => ones([1e5, 1e5], { dtype: "float64" }), "INPUT_TOO_LARGE", "ones: cannot allocate 10000000000 float64 elements");
  });

  it("a creation shape of more than 2^53 − 1 elements throws INPUT_TOO_LARGE naming the shape, before allocating", () => {
    inputError(() => zeros([2 ** 27, 2 ** 27]), "INPUT_TOO_LARGE", "zeros: shape [134217728, 134217728]: 18014398509481984 elements");
    inputError(() => fromArray([], [2 ** 40, 2 ** 40]), "INPUT_TOO_LARGE", "fromArray: shape [1099511627776, 1099511627776]");
  });

  it("arange and fromArray report an allocation that fails as INPUT_TOO_LARGE", () => {
    inputError(() => arange(2 ** 40), "INPUT_TOO_LARGE", "arange: cannot allocate 1099511627776 float32 elements");
    inputError(() => fromArray({ length: 1e10 } as never, [1e10]), "INPUT_TOO_LARGE", "fromArray: cannot allocate 10000000000");
  });

  it("dims from 2^53 to 1e21 throw SHAPE_INVALID_SHAPE at run time (and fail to compile: test/fixtures/tensor.fixture.ts)", () => {
    shapeError(() => zeros([9007199254740992] as never), "SHAPE_INVALID_SHAPE", "zeros: invalid shape [9007199254740992]: dim 9007199254740992 is not a non-negative integer");
    shapeError(() => zeros([1e21] as never), "SHAPE_INVALID_SHAPE", "dim 1e+21 is not a non-negative integer");
  });

  it("a count of exactly 2^53 − 1 is allowed; a zero dim makes any shape empty", () => {
    const view = ones([1, 1]).broadcastTo([9007199254740991, 1]);
    expect(view.size).toBe(9007199254740991);
    expect(zeros([0, 2 ** 40, 2 ** 40]).size).toBe(0);
  });
});

describe("axis arguments that are not numbers", () => {
  const x = zeros([2, 1, 3]);

  it("sum(null) / max(null) as methods throw INPUT_AXIS naming the axis, not a TypeError", () => {
    inputError(() => x.sum(null as never), "INPUT_AXIS", "sum: axis must be an integer, a list of integers, or omitted, got null");
    inputError(() => x.max(null as never), "INPUT_AXIS", "max: axis must be an integer, a list of integers, or omitted, got null");
    inputError(() => sum(x, null as never), "INPUT_AXIS", "sum: axis must be");
  });

  it("squeeze(null) throws INPUT_AXIS naming the axes, not a TypeError", () => {
    inputError(() => x.squeeze(null as never), "INPUT_AXIS", "squeeze: axes must be an integer, a list of integers, or omitted, got null");
  });

  it('sum("1") says the axis must be an integer, not that axis 1 is out of range', () => {
    inputError(() => x.sum("1" as never), "INPUT_AXIS", 'sum: axis must be an integer, a list of integers, or omitted, got "1" (a string)');
    inputError(() => x.sum([0, "1"] as never), "INPUT_AXIS", 'sum: axis[1] must be an integer, got "1" (a string)');
  });

  it("single-axis ops and axis lists say which argument is wrong", () => {
    inputError(() => x.unsqueeze(Symbol("a") as never), "INPUT_AXIS", "unsqueeze: axis must be an integer, got Symbol(a) (a symbol)");
    inputError(() => x.softmax({} as never), "INPUT_AXIS", "softmax: axis must be an integer, got {…} (an object)");
    inputError(() => x.permute([0, null, 1] as never), "INPUT_AXIS", "permute: axes[1] must be an integer, got null");
    inputError(() => x.slice(undefined as never, 0), "INPUT_AXIS", "slice: axis must be an integer, got undefined");
    inputError(() => concat([x, x], "0" as never), "INPUT_AXIS", 'concat: axis must be an integer, got "0" (a string)');
  });

  it("the free functions name a non-tensor first argument (INPUT_OPERAND), not a TypeError", () => {
    inputError(() => sum(null as never), "INPUT_OPERAND", "sum: x must be a tensor, got null");
    inputError(() => max(undefined as never), "INPUT_OPERAND", "max: x must be a tensor, got undefined");
    inputError(() => squeeze(null as never), "INPUT_OPERAND", "squeeze: x must be a tensor, got null");
    inputError(() => reshape([1, 2] as never, [2] as never), "INPUT_OPERAND", "reshape: x must be a tensor, got […]");
  });

  it("a slice bound that cannot be printed by a template string is still reported as SHAPE_SLICE", () => {
    shapeError(() => x.slice(0, Object.create(null) as never), "SHAPE_SLICE", "with start [object Object]: start, end and step must be integers");
    shapeError(() => x.slice(0, 0, Symbol("e") as never), "SHAPE_SLICE", "with end Symbol(e)");
  });
});

describe("tensor() over nested arrays it cannot walk", () => {
  it("a 20,000-deep nested array throws INPUT_TOO_DEEP, not a stack overflow", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    inputError(() => tensor(deep as never), "INPUT_TOO_DEEP", "tensor: the nested array is nested more than 1000 deep");
  });

  it("a cyclic nested array throws INPUT_VALUE naming the element, not a stack overflow", () => {
    const cyclic: unknown[] = [1];
    cyclic[0] = cyclic;
    inputError(() => tensor(cyclic as never), "INPUT_VALUE", "tensor: the nested array contains itself (element [0] is an array it is nested in)");
    const row: unknown[] = [1, 2];
    const outer = [row, [3, row]];
    row[1] = outer;
    inputError(() => tensor(outer as never), "INPUT_VALUE", "element [0][1]");
  });

  it("a nested array sharing one row 100000 times is walked once and too large to allocate", () => {
    const row = new Array(100_000).fill(0);
    const shared = new Array(100_000).fill(row);
    inputError(() => tensor(shared as never), "INPUT_TOO_LARGE", "tensor: cannot allocate 10000000000 float32 elements");
  });

  it("shared rows that fit still make the right tensor", () => {
    const row = [1, 2];
    expect(tensor([row, row, row]).toArray()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });
});

describe("dims that are not numbers print as themselves", () => {
  it('zeros([null]) says dim null, not ["null"]', () => {
    shapeError(() => zeros([null] as never), "SHAPE_INVALID_SHAPE", "zeros: invalid shape [null]: dim null is not a non-negative integer");
    shapeError(() => zeros([2, 3n] as never), "SHAPE_INVALID_SHAPE", "zeros: invalid shape [2, 3n]: dim 3n is not a non-negative integer");
  });

  it("a dim that String() cannot print (no prototype, a symbol) is a ShapeError, not a TypeError", () => {
    shapeError(() => zeros([2, Object.create(null)] as never), "SHAPE_INVALID_SHAPE", "zeros: invalid shape [2, {…}]: dim {…}");
    shapeError(() => reshape(zeros([2]), [Symbol("s")] as never), "SHAPE_INVALID_SHAPE", "reshape: invalid shape [Symbol(s)]: dim Symbol(s)");
  });

  it("number and name dims keep the messages the compiler prints", () => {
    shapeError(() => zeros([2, -1] as never), "SHAPE_INVALID_SHAPE", "SHAPE_INVALID_SHAPE: zeros: invalid shape [2, -1]: dim -1 is not a non-negative integer");
  });
});

describe("SGD.step validates each .grad", () => {
  it("a grad of the wrong length throws INPUT_GRAD instead of being applied or truncated", () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const optimizer = new SGD([w], { lr: 1 });
    w.grad = tensor([1, 1]) as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "SGD.step: the grad of parameter 0 has shape [2] but the parameter has shape [3]");
    w.grad = tensor([1, 1, 1, 1]) as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "has shape [4] but the parameter has shape [3]");
    expect(w.toArray()).toEqual([1, 2, 3]);
  });

  it("with momentum, a grad whose shape changes throws INPUT_GRAD instead of putting NaN in the weights", () => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    const optimizer = new SGD([w], { lr: 0.5, momentum: 0.9 });
    w.grad = tensor([[2, 2]]) as never;
    optimizer.step();
    expect(w.toArray()).toEqual([[0, 1]]);
    w.grad = tensor([2, 2, 2]) as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "has shape [3] but the parameter has shape [1, 2]");
    w.grad = tensor([[2], [2]]) as never; // same size, other shape
    inputError(() => optimizer.step(), "INPUT_GRAD", "has shape [2, 1]");
    expect(w.toArray()).toEqual([[0, 1]]);
  });

  it("a grad that is not a tensor throws INPUT_GRAD, not a TypeError", () => {
    const w = tensor([1], { requiresGrad: true });
    const optimizer = new SGD([w], { lr: 1 });
    w.grad = [1] as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "SGD.step: the grad of parameter 0 must be a tensor or null, got […]");
    w.grad = undefined as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "got undefined");
  });

  it("a bad grad on a later parameter leaves the earlier ones unmoved", () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const optimizer = new SGD([a, b], { lr: 1 });
    a.grad = tensor([1]) as never;
    b.grad = "grad" as never;
    inputError(() => optimizer.step(), "INPUT_GRAD", "parameter 1");
    expect(a.toArray()).toEqual([1]);
  });

  it("a sparse params array throws INPUT_PARAMETER at construction, not a TypeError at step()", () => {
    const w = tensor([1], { requiresGrad: true });
    // eslint-disable-next-line no-sparse-arrays
    inputError(() => new SGD([, w] as never, { lr: 1 }), "INPUT_PARAMETER", "SGD: parameter 0 is not a tensor");
  });

  it("a good grad still steps", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const optimizer = new SGD([w], { lr: 0.5 });
    w.grad = tensor([2, 4]) as never;
    optimizer.step();
    expect(w.toArray()).toEqual([0, 0]);
    expect(w).toBeInstanceOf(Tensor);
  });
});

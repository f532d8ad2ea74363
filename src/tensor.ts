/**
 * The tensor: a strided view of a typed array, typed with its shape. The class stays small — storage,
 * shape, strides, offset, dtype and the autograd fields; every op lives in its own file under
 * src/ops/ and installs its method here by module augmentation.
 */
import type { Dim, Shape } from "../types/shape.js";
import type { CheckedArg } from "../types/errors.js";
import type { AsChecked, AsIdentityCheck, AsResult, ScalarOnly } from "../types/tensor.js";
import type { NestedArray } from "../types/creation.js";
import type { TapeNode } from "./autograd.js";
import { allocate, dtypeOf, type DType, type Storage } from "./dtype.js";
import { ShapeError, formatDim, formatShape } from "./errors.js";
import { sizeOf } from "./shape.js";
import { bindSizes, validateSizes } from "./symbolic.js";
import { copyStrided } from "./kernels/elementwise.js";

/**
 * The types of `Tensor#as` and `Tensor#item`: top-level function types rather than generic methods,
 * so reading `x.as` does not instantiate a signature for every shape `x` has (the same measure as the
 * op methods; see README, "Measured").
 */
type AsMethod = <Self extends Shape, const To extends Dim[]>(
  this: Tensor<Self>,
  shape: CheckedArg<To, AsChecked<Self, To>> & NoInfer<AsIdentityCheck<Self, To>>,
) => Tensor<AsResult<Self, To>>;

type ItemMethod = <Self extends Shape>(this: CheckedArg<Tensor<Self>, ScalarOnly<Self, "item">>) => number;

/**
 * A tensor of shape `S`: `Tensor<[2, 3]>` holds 2 × 3 numbers. Create one with `tensor`, `zeros`,
 * `ones`, `full`, `randn`, `rand`, `arange` or `fromArray`; every op is a method and a free function.
 * Movement ops (broadcasting, `as`) are views that share storage.
 * @example
 * tensor([[1, 2, 3], [4, 5, 6]]).shape; //=> [2, 3]
 */
export class Tensor<out S extends Shape = Shape> {
  /** The storage this tensor views (shared with other views). */
  readonly data: Storage;
  /** The sizes of the axes. At run time always numbers; the type may say more (`"batch"`). */
  readonly shape: S;
  /** Elements to step in `data` per step along each axis (0 for a broadcast axis). */
  readonly strides: readonly number[];
  /** Index in `data` of the first element. */
  readonly offset: number;
  /** `"float32"`, `"float64"`, `"int32"` or `"bool"`: a run-time property (the type carries only the shape). */
  readonly dtype: DType;
  /** Whether gradients flow to this tensor (set at creation, or because an input requires grad). */
  requiresGrad: boolean;
  /** The gradient accumulated by `backward()` (leaf tensors only), with this tensor's shape; `null` before. */
  grad: Tensor<S> | null = null;
  /** The tape entry that produced this tensor, or `null` for a leaf. Internal to autograd. */
  node: TapeNode | null = null;

  /**
   * Wraps existing storage; internal — use the creation functions. `strides` default to row-major.
   */
  constructor(data: Storage, shape: S, strides: readonly number[] = contiguousStrides(shape as unknown as readonly number[]), offset = 0, requiresGrad = false) {
    this.data = data;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.dtype = dtypeOf(data);
    this.requiresGrad = requiresGrad;
  }

  /**
   * The number of elements: the product of the dims (`1` for a scalar).
   * @example
   * zeros([2, 3]).size; //=> 6
   */
  get size(): number {
    return sizeOf(this.dims);
  }

  /**
   * The shape as the numbers it always is at run time (`shape` may be typed with symbolic dims).
   * @example
   * zeros([32, 784]).as(["batch", 784]).dims; //=> [32, 784]
   */
  get dims(): readonly number[] {
    return this.shape as unknown as readonly number[];
  }

  /**
   * The values as nested arrays, row-major: `number` for a scalar, `number[]` for a vector, …
   * @example
   * tensor([[1, 2], [3, 4]]).toArray(); //=> [[1, 2], [3, 4]]
   */
  toArray<Self extends Shape>(this: Tensor<Self>): NestedArray<Self> {
    const flat = this.toFlatArray();
    const dims = this.dims;
    if (dims.length === 0) return flat[0] as NestedArray<Self>;
    let index = 0;
    const build = (axis: number): unknown[] => {
      const out: unknown[] = new Array(dims[axis]);
      for (let i = 0; i < dims[axis]; i++) out[i] = axis === dims.length - 1 ? flat[index++] : build(axis + 1);
      return out;
    };
    return build(0) as NestedArray<Self>;
  }

  /**
   * The values as one flat `number[]`, row-major.
   * @example
   * tensor([[1, 2], [3, 4]]).toFlatArray(); //=> [1, 2, 3, 4]
   */
  toFlatArray(): number[] {
    return Array.from(contiguousData(this));
  }

  /**
   * The value of a scalar tensor. Exists only on `Tensor<[]>`: on any other shape it is a compile error
   * (`SHAPE_NOT_SCALAR`), and at run time (unknown rank) it throws the same message.
   * @example
   * tensor([1, 2, 3]).sum().item(); //=> 6
   * @throws ShapeError `SHAPE_NOT_SCALAR`
   */
  declare item: ItemMethod;

  /**
   * Restates the shape, e.g. naming a dim: `x.as(["batch", 784])`; size expressions come out in normal
   * form (`"m+n"` → `"n+m"`), so every later comparison compares values. Checks at compile time what it can
   * (the rank, known dims against known dims) and at run time the rank and every known dim; the result
   * is this same tensor (same storage, same gradient) with the stated type. Each name is bound to its
   * axis's size for this tensor (src/symbolic.ts): ops pass the names on, and an op whose inputs bind
   * one name to two sizes throws `SHAPE_SYMBOL`.
   * @example
   * zeros([32, 784]).as(["batch", 784]).shape; //=> [32, 784]
   * @throws ShapeError `SHAPE_AS`, `SHAPE_INVALID_SHAPE`, `SHAPE_SYMBOL`
   */
  declare as: AsMethod;

  /**
   * A readable rendering: values (long axes elided like NumPy), shape and dtype.
   * @example
   * String(tensor([[1, 2], [3, 4]])); //=> "tensor([[1, 2], [3, 4]], shape=[2, 2], dtype=float32)"
   */
  toString(): string {
    const flat = contiguousData(this);
    const dims = this.dims;
    const edge = 3;
    const render = (axis: number, base: number): string => {
      if (axis === dims.length) return formatValue(flat[base], this.dtype);
      const n = dims[axis];
      const step = sizeOf(dims.slice(axis + 1));
      const parts: string[] = [];
      const elide = this.size > 1000 && n > 2 * edge;
      for (let i = 0; i < n; i++) {
        if (elide && i === edge) {
          parts.push("...");
          i = n - edge - 1;
          continue;
        }
        parts.push(render(axis + 1, base + i * step));
      }
      return `[${parts.join(", ")}]`;
    };
    return `tensor(${render(0, 0)}, shape=${formatShape(dims)}, dtype=${this.dtype})`;
  }
}

Tensor.prototype.item = function (this: Tensor): number {
  assertScalar("item", this.dims);
  return this.data[this.offset];
} as never;

Tensor.prototype.as = function (this: Tensor, shape: Shape): Tensor {
  const target = validateSizes("as", shape);
  checkAs("as", this.dims, target);
  bindSizes("as", this, target, this.dims);
  return this;
} as never;

function formatValue(value: number, dtype: DType): string {
  if (dtype === "bool") return value !== 0 ? "true" : "false";
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(dtype === "float32" ? 6 : 10)));
}

/** Row-major strides of a shape: the last axis has stride 1. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides: number[] = new Array(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis];
  }
  return strides;
}

/** `true` when the tensor's elements are laid out row-major with no gaps (from its offset). */
export function isContiguous(t: Tensor): boolean {
  const dims = t.dims;
  let step = 1;
  for (let axis = dims.length - 1; axis >= 0; axis--) {
    if (dims[axis] !== 1 && t.strides[axis] !== step) return false;
    step *= dims[axis];
  }
  return true;
}

/**
 * The tensor's elements, row-major, as a typed array: its own storage when already contiguous and
 * whole, else a fresh copy. Never written to by callers.
 */
export function contiguousData(t: Tensor): Storage {
  const size = t.size;
  if (isContiguous(t) && t.offset === 0 && t.data.length === size) return t.data;
  const out = allocate(t.dtype, size);
  copyStrided(out, t.data, t.offset, t.strides, t.dims);
  return out;
}

/** A tensor of `shape` over fresh row-major storage (a new leaf, no grad). */
export function fromStorage<S extends Shape>(data: Storage, shape: S): Tensor<S> {
  return new Tensor(data, shape);
}

/**
 * A view of a contiguous tensor's storage with another shape of the same size, outside autograd.
 * Internal: gradient rules use it to add or drop size-1 axes (keepdims ↔ reduced shapes).
 */
export function viewAs<S extends Shape>(t: Tensor, shape: S): Tensor<S> {
  if (!isContiguous(t) || sizeOf(shape as unknown as readonly number[]) !== t.size) {
    return new Tensor(contiguousData(t), shape);
  }
  return new Tensor(t.data, shape, contiguousStrides(shape as unknown as readonly number[]), t.offset);
}

/** Mirrors `WriteNotScalarMessage`. */
export function writeNotScalarMessage(op: string, shape: Shape): string {
  return `SHAPE_NOT_SCALAR: ${op}: needs a scalar, got ${formatShape(shape)}; reduce it first (sum() or mean())`;
}

/** Throws `SHAPE_NOT_SCALAR` unless `shape` is `[]`. */
export function assertScalar(op: string, shape: Shape): void {
  if (shape.length !== 0) throw new ShapeError("SHAPE_NOT_SCALAR", op, [shape], writeNotScalarMessage(op, shape));
}

/** Mirrors `WriteAsRankMessage`. */
export function writeAsRankMessage(op: string, from: Shape, to: Shape): string {
  return `SHAPE_AS: ${op}: cannot restate ${formatShape(from)} as ${formatShape(to)}: it has ${from.length} axes, the statement ${to.length}`;
}

/** Mirrors `WriteAsDimMessage`. */
export function writeAsDimMessage(op: string, from: Shape, to: Shape, axis: number, fromDim: Dim, toDim: Dim): string {
  return `SHAPE_AS: ${op}: cannot restate ${formatShape(from)} as ${formatShape(to)}: axis ${axis} is ${formatDim(fromDim)} vs ${formatDim(toDim)}`;
}

/** The run-time half of `as`: equal ranks, and every known dim of `to` equal to the actual size. */
export function checkAs(op: string, from: readonly number[], to: Shape): void {
  if (from.length !== to.length) throw new ShapeError("SHAPE_AS", op, [from, to], writeAsRankMessage(op, from, to));
  for (let axis = 0; axis < to.length; axis++) {
    const dim = to[axis];
    if (typeof dim === "number" && dim !== from[axis]) {
      throw new ShapeError("SHAPE_AS", op, [from, to], writeAsDimMessage(op, from, to, axis, from[axis], dim));
    }
  }
}

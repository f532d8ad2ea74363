/**
 * Reverse-mode autodiff. Every differentiable primitive records, on its output, a tape node: the op's
 * name, its inputs, and its row of the op's gradient table (a vector-Jacobian product). `backward()`
 * walks the tape from a scalar in reverse topological order, applies each rule with gradient
 * recording off, checks that every gradient it gets has its input's shape, and sums the gradients of
 * a tensor used more than once. Leaf tensors (created with `requiresGrad: true`) accumulate into
 * `.grad` across calls until `zeroGrad()`.
 */
import type { CheckedArg } from "../types/errors.js";
import type { Shape } from "../types/shape.js";
import type { GradShapeCheck, ScalarOnly } from "../types/tensor.js";
import { InputError, InternalError, ShapeError, formatShape } from "./errors.js";
import { allocate, commonDType, isFloat, requireFloat, trackAllocations, type Storage } from "./dtype.js";
import { BINARY, binaryKernel } from "./kernels/elementwise.js";
import { Tensor, assertScalar, contiguousData, fromStorage, isContiguous } from "./tensor.js";
import { inheritSizes, type LabelRule } from "./symbolic.js";

/**
 * A vector-Jacobian product: given the gradient of the loss with respect to an op's output, the
 * gradients with respect to each of its inputs (`null` for an input that takes none, e.g. a
 * condition). Rules are written with the public ops and run with recording off.
 */
export type GradRule<Saved = undefined> = (upstream: Tensor, inputs: readonly Tensor[], output: Tensor, saved: Saved) => readonly (Tensor | null)[];

/** What a differentiable op leaves on its output. */
export interface TapeNode {
  /** The op's name, for messages. */
  readonly op: string;
  /** The tensors the op read. */
  readonly inputs: readonly Tensor[];
  /** The op's gradient rule. */
  readonly rule: GradRule<unknown>;
  /** What the rule needs beyond inputs and output (axes, flags). */
  readonly saved: unknown;
}

let recording = true;

/** `true` unless inside `noGrad`. */
export function isGradEnabled(): boolean {
  return recording;
}

/**
 * Runs `fn` with gradient recording off: ops inside build no tape and their results do not require
 * grad (for inference and parameter updates). Returns `fn`'s result.
 * @example
 * noGrad(() => tensor([1], { requiresGrad: true }).mul(2)).requiresGrad; //=> false
 */
export function noGrad<Result>(fn: () => Result): Result {
  const previous = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/**
 * Marks `output` as produced by `op` from `inputs`: when recording is on, `output` is a float tensor
 * and any input requires grad, `output` requires grad and carries the tape node (an int32 or bool
 * result — a comparison, an argmax — never does). When an input's axes carry names (`.as()`), checks
 * that the inputs bind each name to one size (else `SHAPE_SYMBOL`) and labels `output`'s axes by
 * `labels`, the op's label rule (without one, `output` carries no names). Returns `output`.
 */
export function record<Out extends Tensor, Saved>(output: Out, op: string, inputs: readonly Tensor[], rule: GradRule<Saved>, saved: Saved, labels?: LabelRule): Out {
  inheritSizes(op, output, inputs, labels); // names follow the axes (src/symbolic.ts)
  if (!recording || !isFloat(output.dtype)) return output; // int32 and bool results take no gradient
  let needed = false;
  for (const input of inputs) needed ||= input.requiresGrad;
  if (!needed) return output;
  output.requiresGrad = true;
  output.node = { op, inputs, rule: rule as GradRule<unknown>, saved };
  return output;
}

/** Tensors reachable from `root` through inputs that require grad, each after all of its inputs. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top.tensor.node?.inputs ?? [];
    if (top.next < inputs.length) {
      const input = inputs[top.next++];
      if (input.requiresGrad && !seen.has(input)) {
        seen.add(input);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      stack.pop();
      order.push(top.tensor);
    }
  }
  return order;
}

/** A fresh contiguous tensor holding `a + b` (same shape), outside the tape. */
function plus(a: Tensor, b: Tensor): Tensor {
  const out = allocate(a.dtype, a.size);
  binaryKernel(BINARY.add, out, a.data, a.offset, a.strides, b.data, b.offset, b.strides, a.dims);
  return fromStorage(out, a.shape);
}

/** A fresh contiguous copy (gradients stored on leaves never alias other tensors' storage). */
function ownedCopy(t: Tensor): Tensor {
  const data = contiguousData(t);
  return fromStorage(data === t.data ? data.slice() : data, t.shape);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Mirrors `WriteGradShapeMessage`. */
export function writeGradShapeMessage(op: string, shape: readonly number[], grad: readonly number[]): string {
  return `SHAPE_GRAD: ${op}: the upstream gradient has shape ${formatShape(grad)}, the tensor ${formatShape(shape)}; give a gradient of the tensor's own shape`;
}

/**
 * The buffers one `backward()` call owns: every storage allocated while it runs (gradient rules'
 * results), minus those it has handed to a leaf's `.grad`. Nothing outside the call can reference
 * them — the user's tensors, the upstream gradient passed in and the forward results were all
 * allocated before — so a gradient held in such a buffer, when no other pending gradient views the
 * same buffer, may become a leaf's `.grad` without a copy, or be accumulated into in place.
 */
class Owned {
  readonly #buffers = new WeakSet<Storage>();
  readonly #previous: WeakSet<Storage> | null;

  constructor() {
    this.#previous = trackAllocations(this.#buffers);
  }

  /** Stops tracking (restores the enclosing tracker, if any). */
  close(): void {
    trackAllocations(this.#previous);
  }

  /**
   * `true` when `t` is the whole of a buffer this call owns, row-major, and no pending gradient in
   * `grads` other than the entry for `except` views that buffer.
   */
  exclusive(t: Tensor, grads: ReadonlyMap<Tensor, Tensor>, except: Tensor | null): boolean {
    if (!this.#buffers.has(t.data) || t.offset !== 0 || t.data.length !== t.size || !isContiguous(t)) return false;
    for (const [key, other] of grads) if (key !== except && other.data === t.data) return false;
    return true;
  }

  /** Hands `t`'s buffer over (to a leaf's `.grad`): it is no longer this call's to reuse. */
  release(t: Tensor): Tensor {
    this.#buffers.delete(t.data);
    return t;
  }
}

/**
 * The run-time half of `backward(grad?)`: without `grad` the root must be a scalar (seed 1); with it,
 * `grad` must be a tensor of the root's shape and dtype.
 */
export function backward(root: Tensor, grad?: Tensor): void {
  if (grad === undefined) assertScalar("backward", root.dims);
  else {
    if (!(grad instanceof Tensor)) throw new InputError("INPUT_OPERAND", "backward: the upstream gradient must be a tensor");
    if (!sameDims(grad.dims, root.dims)) {
      throw new ShapeError("SHAPE_GRAD", "backward", [root.dims, grad.dims], writeGradShapeMessage("backward", root.dims, grad.dims));
    }
    commonDType("backward", [root.dtype, grad.dtype]);
  }
  requireFloat("backward", root.dtype, "the loss");
  if (!root.requiresGrad) {
    throw new InputError(
      "INPUT_NO_GRAD",
      "backward: this tensor does not require grad; create the tensors to differentiate with { requiresGrad: true }",
    );
  }
  let seed = grad;
  if (seed === undefined) {
    const one = allocate(root.dtype, 1);
    one[0] = 1;
    seed = fromStorage(one, root.shape);
  }
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  const order = topologicalOrder(root);
  const owned = new Owned();
  try {
    noGrad(() => {
      for (let index = order.length - 1; index >= 0; index--) {
        const tensor = order[index];
        const upstream = grads.get(tensor);
        if (upstream === undefined) continue;
        grads.delete(tensor);
        const node = tensor.node;
        if (node === null) {
          // `.grad` is the user's: a new buffer each time, never one the caller or another gradient holds.
          if (tensor.grad !== null) tensor.grad = plus(tensor.grad, upstream);
          else tensor.grad = owned.exclusive(upstream, grads, null) ? owned.release(upstream) : ownedCopy(upstream);
          continue;
        }
        const results = node.rule(upstream, node.inputs, tensor, node.saved);
        node.inputs.forEach((input, i) => {
          const result = results[i];
          if (!input.requiresGrad || result === null || result === undefined) return;
          if (!sameDims(result.dims, input.dims) || result.dtype !== input.dtype) {
            throw new InternalError(
              `${node.op}: the gradient rule gave input ${i} a gradient of shape ${formatShape(result.dims)} (${result.dtype}), but the input has shape ${formatShape(input.dims)} (${input.dtype})`,
            );
          }
          const previous = grads.get(input);
          if (previous === undefined) grads.set(input, result);
          else if (result.data !== previous.data && owned.exclusive(previous, grads, input)) {
            // A second gradient for the same tensor: summed into the first one's buffer, which only this entry holds.
            binaryKernel(BINARY.add, previous.data, previous.data, 0, previous.strides, result.data, result.offset, result.strides, previous.dims);
          } else grads.set(input, plus(previous, result));
        });
      }
    });
  } finally {
    owned.close();
  }
}

/**
 * Resets the gradients of the given tensors to `null` (before the next `backward()`).
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * w.sum().backward();
 * zeroGrad(w);
 * w.grad; //=> null
 */
export function zeroGrad(...tensors: readonly Tensor[]): void {
  for (const t of tensors) t.grad = null;
}

/**
 * The type of `Tensor#backward`: top-level function types, like the op methods (no per-shape
 * instantiation). Two overloads that differ in arity, so each call meets exactly one of them and its
 * error is that overload's: without an argument the tensor must be a scalar; with one, the argument
 * must have the tensor's shape.
 */
type BackwardMethod = {
  <Self extends Shape>(this: CheckedArg<Tensor<Self>, ScalarOnly<Self, "backward">>): void;
  <Self extends Shape, Grad extends Shape = never>(this: Tensor<Self>, grad: CheckedArg<Tensor<Grad>, GradShapeCheck<Self, Grad>>): void;
};

declare module "./tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * Computes the gradient of this tensor with respect to every tensor it was computed from that
     * requires grad, accumulating into their `.grad`. Without an argument it exists only on
     * `Tensor<[]>` (the seed is 1): on any other shape it is a compile error (`SHAPE_NOT_SCALAR`), and
     * at run time (unknown rank) it throws the same. With `grad` — the upstream gradient, a tensor of
     * this tensor's own shape — it computes the vector-Jacobian product: `y.backward(g)` gives the same
     * gradients as `y.mul(g).sum().backward()`, without that multiply and sum. A `grad` of another
     * shape is a compile error (`SHAPE_GRAD`) and throws the same at run time.
     * @example
     * const x = tensor([1, 2, 3], { requiresGrad: true });
     * x.mul(x).sum().backward();
     * x.grad?.toArray(); //=> [2, 4, 6]
     * const w = tensor([1, 2], { requiresGrad: true });
     * w.mul(3).backward(tensor([1, 10]));
     * w.grad?.toArray(); //=> [3, 30]
     * @throws ShapeError `SHAPE_NOT_SCALAR`, `SHAPE_GRAD`; InputError `INPUT_NO_GRAD` when nothing
     * requires grad, `INPUT_OPERAND` (`grad` not a tensor), `INPUT_DTYPE_MISMATCH`
     */
    backward: BackwardMethod;
    /**
     * Resets `.grad` to `null`.
     * @example
     * const w = tensor([1, 2], { requiresGrad: true });
     * w.sum().backward();
     * w.zeroGrad();
     * w.grad; //=> null
     */
    zeroGrad(): void;
    /**
     * The same values (shared storage) cut off from the tape: no grad flows through it.
     * @example
     * tensor([1], { requiresGrad: true }).detach().requiresGrad; //=> false
     */
    detach(): Tensor<S>;
  }
}

Tensor.prototype.backward = function (this: Tensor, grad?: Tensor) {
  backward(this, grad);
} as never;

Tensor.prototype.zeroGrad = function (this: Tensor) {
  this.grad = null;
};

Tensor.prototype.detach = function <S extends Shape>(this: Tensor<S>): Tensor<S> {
  return new Tensor(this.data, this.shape, this.strides, this.offset);
};

/**
 * Reverse-mode autodiff. Every differentiable primitive records, on its output, a tape node: the op's
 * name, its inputs, and its row of the op's gradient table (a vector-Jacobian product). `backward()`
 * walks the tape from a scalar in reverse topological order, applies each rule with gradient
 * recording off, checks that every gradient it gets has its input's shape, and sums the gradients of
 * a tensor used more than once. Leaf tensors (created with `requiresGrad: true`) accumulate into
 * `.grad` across calls until `zeroGrad()`.
 */
import type { Shape } from "../types/shape.js";
import type { ScalarOnly } from "../types/tensor.js";
import { InputError, InternalError, formatShape } from "./errors.js";
import { allocate, isFloat, requireFloat } from "./dtype.js";
import { BINARY, binaryKernel } from "./kernels/elementwise.js";
import { Tensor, assertScalar, contiguousData, fromStorage } from "./tensor.js";
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

/** The run-time half of `backward()`. */
export function backward(root: Tensor): void {
  assertScalar("backward", root.dims);
  requireFloat("backward", root.dtype, "the loss");
  if (!root.requiresGrad) {
    throw new InputError(
      "INPUT_NO_GRAD",
      "backward: this tensor does not require grad; create the tensors to differentiate with { requiresGrad: true }",
    );
  }
  const seed = allocate(root.dtype, 1);
  seed[0] = 1;
  const grads = new Map<Tensor, Tensor>([[root, fromStorage(seed, root.shape)]]);
  const order = topologicalOrder(root);
  noGrad(() => {
    for (let index = order.length - 1; index >= 0; index--) {
      const tensor = order[index];
      const upstream = grads.get(tensor);
      if (upstream === undefined) continue;
      grads.delete(tensor);
      const node = tensor.node;
      if (node === null) {
        tensor.grad = tensor.grad === null ? ownedCopy(upstream) : plus(tensor.grad, upstream);
        continue;
      }
      const results = node.rule(upstream, node.inputs, tensor, node.saved);
      node.inputs.forEach((input, i) => {
        const grad = results[i];
        if (!input.requiresGrad || grad === null || grad === undefined) return;
        if (!sameDims(grad.dims, input.dims) || grad.dtype !== input.dtype) {
          throw new InternalError(
            `${node.op}: the gradient rule gave input ${i} a gradient of shape ${formatShape(grad.dims)} (${grad.dtype}), but the input has shape ${formatShape(input.dims)} (${input.dtype})`,
          );
        }
        const previous = grads.get(input);
        grads.set(input, previous === undefined ? grad : plus(previous, grad));
      });
    }
  });
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

/** The type of `Tensor#backward`: a top-level function type, like the op methods (no per-shape instantiation). */
type BackwardMethod = <Self extends Shape>(this: Tensor<Self> & ScalarOnly<Self, "backward">) => void;

declare module "./tensor.js" {
  interface Tensor<out S extends Shape = Shape> {
    /**
     * Computes the gradient of this scalar with respect to every tensor it was computed from that
     * requires grad, accumulating into their `.grad`. Exists only on `Tensor<[]>`: on any other shape
     * it is a compile error (`SHAPE_NOT_SCALAR`), and at run time (unknown rank) it throws the same.
     * @example
     * const x = tensor([1, 2, 3], { requiresGrad: true });
     * x.mul(x).sum().backward();
     * x.grad?.toArray(); //=> [2, 4, 6]
     * @throws ShapeError `SHAPE_NOT_SCALAR`; InputError `INPUT_NO_GRAD` when nothing requires grad
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

Tensor.prototype.backward = function (this: Tensor) {
  backward(this);
} as never;

Tensor.prototype.zeroGrad = function (this: Tensor) {
  this.grad = null;
};

Tensor.prototype.detach = function <S extends Shape>(this: Tensor<S>): Tensor<S> {
  return new Tensor(this.data, this.shape, this.strides, this.offset);
};

/**
 * Optimizers: the parameter update of a training loop. `SGD` is stochastic gradient descent with
 * optional momentum (PyTorch's `torch.optim.SGD` without dampening, Nesterov or weight decay). It
 * updates its parameters in place — their storage is overwritten, so a parameter keeps its identity
 * (and its type) across steps — outside the tape: a step is never recorded or differentiated.
 */
import { InputError, formatShape } from "./errors.js";
import { describeValue } from "./shape.js";
import { allocate, type Storage } from "./dtype.js";
import { Tensor, contiguousData, isContiguous } from "./tensor.js";

/**
 * Options of `SGD`.
 * @example
 * new SGD([zeros([2], { requiresGrad: true })], { lr: 0.1, momentum: 0.9 }).momentum; //=> 0.9
 */
export interface SGDOptions {
  /** The learning rate: the step is `lr` times the gradient (or the velocity). A finite number ≥ 0. */
  readonly lr: number;
  /** The momentum factor μ (default 0, plain SGD). A finite number ≥ 0. */
  readonly momentum?: number;
}

/** Checks one numeric option: finite and ≥ 0. */
function checkRate(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError("INPUT_OPTION", `SGD: ${name} must be a finite number ≥ 0, got ${typeof value === "number" ? String(value) : typeof value}`);
  }
  return value;
}

/**
 * The gradient of parameter `index`, checked: `null` (no gradient yet), or a tensor with the
 * parameter's shape. `.grad` is a public field, so it may hold anything by the time `step()` reads
 * it; a wrong one would otherwise be applied truncated, or put NaN into the weights.
 * @throws InputError `INPUT_GRAD`
 */
function checkGrad(param: Tensor, index: number): Tensor | null {
  const grad: unknown = param.grad;
  if (grad === null) return null;
  if (!(grad instanceof Tensor)) {
    throw new InputError("INPUT_GRAD", `SGD.step: the grad of parameter ${index} must be a tensor or null, got ${describeValue(grad)}`);
  }
  const dims = grad.dims;
  if (dims.length !== param.dims.length || dims.some((dim, axis) => dim !== param.dims[axis])) {
    throw new InputError(
      "INPUT_GRAD",
      `SGD.step: the grad of parameter ${index} has shape ${formatShape(dims)} but the parameter has shape ${formatShape(param.dims)}; a gradient has its parameter's shape`,
    );
  }
  return grad;
}

/**
 * Stochastic gradient descent over a list of parameters. `step()` moves each parameter that has a
 * gradient against it: `p ← p − lr·g`; with momentum μ > 0 each parameter keeps a velocity `v` (zero at
 * first), `v ← μ·v + g` and `p ← p − lr·v` — PyTorch's update. Parameters without a gradient (not used
 * in the last `backward()`) are left alone. The update writes into each parameter's storage, so views
 * sharing that storage see it too, and a graph built before a step must not be differentiated after
 * it: run forward, `backward()`, `step()`, `zeroGrad()`, in that order, each iteration.
 *
 * A parameter must be a leaf tensor (made by a creation function, not by an op) with
 * `requiresGrad: true` and contiguous storage; anything else throws `INPUT_PARAMETER`. Bad options
 * throw `INPUT_OPTION`; a `.grad` that is not `null` or a tensor of the parameter's shape
 * makes `step()` throw `INPUT_GRAD`, before any parameter is updated. No gradient flows through a step.
 * @example
 * const w = tensor([1, 2], { requiresGrad: true });
 * const optimizer = new SGD([w], { lr: 0.25 });
 * w.mul(w).sum().backward(); optimizer.step(); w.toArray(); //=> [0.5, 1]
 * @throws InputError `INPUT_PARAMETER`, `INPUT_OPTION`, `INPUT_GRAD` (from `step()`)
 */
export class SGD {
  /** The tensors updated by `step()`, in the order given. */
  readonly params: readonly Tensor[];
  /** The learning rate; may be changed between steps (a schedule). */
  lr: number;
  /** The momentum factor μ; 0 for plain SGD. */
  readonly momentum: number;
  /** One velocity per parameter, allocated at its first step with momentum. */
  readonly #velocity: (Storage | null)[];

  constructor(params: readonly Tensor[], options: SGDOptions) {
    if (!Array.isArray(params)) throw new InputError("INPUT_PARAMETER", "SGD: params must be an array of tensors");
    // An index loop, not forEach: forEach skips the holes of a sparse array, which are not tensors either.
    for (let index = 0; index < params.length; index++) {
      const param: unknown = params[index];
      if (!(param instanceof Tensor)) throw new InputError("INPUT_PARAMETER", `SGD: parameter ${index} is not a tensor`);
      if (!param.requiresGrad || param.node !== null) {
        throw new InputError(
          "INPUT_PARAMETER",
          `SGD: parameter ${index} must be a leaf tensor that requires grad; create it with { requiresGrad: true } (an op's result is not a leaf)`,
        );
      }
      if (!isContiguous(param)) throw new InputError("INPUT_PARAMETER", `SGD: parameter ${index} is a strided view; give the tensor that owns the storage`);
    }
    this.params = [...params];
    this.lr = checkRate("lr", options?.lr);
    this.momentum = checkRate("momentum", options?.momentum ?? 0);
    this.#velocity = this.params.map(() => null);
  }

  /**
   * Updates every parameter that has a gradient, in place (see the class). Outside the tape.
   * @example
   * const w = tensor([3], { requiresGrad: true });
   * const optimizer = new SGD([w], { lr: 0.5, momentum: 0.5 });
   * w.sum().backward(); optimizer.step(); w.toArray(); //=> [2.5]
   * optimizer.step(); w.toArray(); //=> [1.75]
   */
  step(): void {
    const lr = checkRate("lr", this.lr);
    // Every gradient is checked before any parameter moves: a bad one leaves them all as they were.
    const grads = this.params.map((param, index) => checkGrad(param, index));
    this.params.forEach((param, index) => {
      const given = grads[index];
      if (given === null || given === undefined) return;
      const grad = contiguousData(given);
      let direction: Storage = grad;
      if (this.momentum > 0) {
        const velocity = this.#velocity[index] ?? allocate(param.dtype, param.size);
        for (let i = 0; i < velocity.length; i++) velocity[i] = this.momentum * velocity[i] + grad[i];
        this.#velocity[index] = velocity;
        direction = velocity;
      }
      const data = param.data;
      const offset = param.offset;
      for (let i = 0; i < direction.length; i++) data[offset + i] -= lr * direction[i];
    });
  }

  /**
   * Resets the gradient of every parameter to `null` (before the next `backward()`).
   * @example
   * const w = tensor([1], { requiresGrad: true });
   * const optimizer = new SGD([w], { lr: 1 });
   * w.sum().backward(); optimizer.zeroGrad(); w.grad; //=> null
   */
  zeroGrad(): void {
    for (const param of this.params) param.grad = null;
  }
}

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

/** Checks one numeric option of optimizer `owner`: finite and ≥ 0. */
function checkRate(name: string, value: unknown, owner = "SGD"): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InputError("INPUT_OPTION", `${owner}: ${name} must be a finite number ≥ 0, got ${typeof value === "number" ? String(value) : typeof value}`);
  }
  return value;
}

/**
 * The gradient of parameter `index`, checked: `null` (no gradient yet), or a tensor with the
 * parameter's shape. `.grad` is a public field, so it may hold anything by the time `step()` reads
 * it; a wrong one would otherwise be applied truncated, or put NaN into the weights.
 * @throws InputError `INPUT_GRAD`
 */
function checkGrad(param: Tensor, index: number, owner = "SGD"): Tensor | null {
  const grad: unknown = param.grad;
  if (grad === null) return null;
  if (!(grad instanceof Tensor)) {
    throw new InputError("INPUT_GRAD", `${owner}.step: the grad of parameter ${index} must be a tensor or null, got ${describeValue(grad)}`);
  }
  const dims = grad.dims;
  if (dims.length !== param.dims.length || dims.some((dim, axis) => dim !== param.dims[axis])) {
    throw new InputError(
      "INPUT_GRAD",
      `${owner}.step: the grad of parameter ${index} has shape ${formatShape(dims)} but the parameter has shape ${formatShape(param.dims)}; a gradient has its parameter's shape`,
    );
  }
  return grad;
}

/**
 * Checks the parameter list of optimizer `owner`: an array of contiguous leaf tensors that require grad.
 * @throws InputError `INPUT_PARAMETER`
 */
function checkParams(owner: string, params: readonly Tensor[]): readonly Tensor[] {
  if (!Array.isArray(params)) throw new InputError("INPUT_PARAMETER", `${owner}: params must be an array of tensors`);
  // An index loop, not forEach: forEach skips the holes of a sparse array, which are not tensors either.
  for (let index = 0; index < params.length; index++) {
    const param: unknown = params[index];
    if (!(param instanceof Tensor)) throw new InputError("INPUT_PARAMETER", `${owner}: parameter ${index} is not a tensor`);
    if (!param.requiresGrad || param.node !== null) {
      throw new InputError(
        "INPUT_PARAMETER",
        `${owner}: parameter ${index} must be a leaf tensor that requires grad; create it with { requiresGrad: true } (an op's result is not a leaf)`,
      );
    }
    if (!isContiguous(param)) throw new InputError("INPUT_PARAMETER", `${owner}: parameter ${index} is a strided view; give the tensor that owns the storage`);
  }
  return [...params];
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
    this.params = checkParams("SGD", params);
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

/**
 * Options of `Adam` and `AdamW` (PyTorch's names and defaults).
 * @example
 * new Adam([zeros([2], { requiresGrad: true })], { lr: 0.01 }).betas; //=> [0.9, 0.999]
 */
export interface AdamOptions {
  /** The learning rate (default 0.001). A finite number ≥ 0. */
  readonly lr?: number;
  /** The decay rates β₁, β₂ of the moment estimates (default `[0.9, 0.999]`), each in [0, 1). */
  readonly betas?: readonly [number, number];
  /** Added to the denominator after the square root, for stability (default 1e-8). A finite number ≥ 0. */
  readonly eps?: number;
  /** Weight decay λ (default 0 for `Adam`, 0.01 for `AdamW`). A finite number ≥ 0. */
  readonly weightDecay?: number;
  /** Use the maximum of the second-moment estimates so far (AMSGrad; default `false`). */
  readonly amsgrad?: boolean;
}

/** The state `Adam` keeps per parameter, allocated at its first step. */
interface Moments {
  /** Steps taken by this parameter (it only steps when it has a gradient). */
  step: number;
  /** First moment m. */
  readonly mean: Storage;
  /** Second moment v (raw). */
  readonly square: Storage;
  /** The running maximum of v (AMSGrad only). */
  readonly maxSquare: Storage | null;
}

function checkBetas(owner: string, value: unknown): readonly [number, number] {
  const ok = (beta: unknown) => typeof beta === "number" && Number.isFinite(beta) && beta >= 0 && beta < 1;
  if (!Array.isArray(value) || value.length !== 2 || !ok(value[0]) || !ok(value[1])) {
    throw new InputError("INPUT_OPTION", `${owner}: betas must be two numbers in [0, 1), got ${describeValue(value)}`);
  }
  return [value[0] as number, value[1] as number];
}

/**
 * Adam (PyTorch's `torch.optim.Adam`): for each parameter with a gradient `g`, at its step `t`:
 * `g ← g + λ·p` (weight decay, L2 — added to the gradient), `m ← β₁·m + (1 − β₁)·g`,
 * `v ← β₂·v + (1 − β₂)·g²`, then `p ← p − lr·m̂ / (√v̂ + ε)` with the bias corrections
 * `m̂ = m / (1 − β₁ᵗ)`, `v̂ = v / (1 − β₂ᵗ)` (ε is added after the square root); with `amsgrad`, `v̂` uses
 * the running maximum of `v`. Parameters, `step()`, `zeroGrad()` and the errors are as `SGD`'s.
 * @example
 * const w = tensor([1, -1], { dtype: "float64", requiresGrad: true });
 * const optimizer = new Adam([w], { lr: 0.1 });
 * w.mul(w).sum().backward(); optimizer.step(); w.toArray(); //=> [0.9000000005, -0.9000000005]
 * @throws InputError `INPUT_PARAMETER`, `INPUT_OPTION`, `INPUT_GRAD` (from `step()`)
 */
export class Adam {
  /** The tensors updated by `step()`, in the order given. */
  readonly params: readonly Tensor[];
  /** The learning rate; may be changed between steps (a schedule). */
  lr: number;
  /** β₁ and β₂. */
  readonly betas: readonly [number, number];
  /** ε, added after the square root. */
  readonly eps: number;
  /** λ. */
  readonly weightDecay: number;
  /** Whether AMSGrad's running maximum is used. */
  readonly amsgrad: boolean;
  /** `true` for AdamW: the decay is applied to the parameter, not added to the gradient. */
  readonly #decoupled: boolean;
  readonly #name: string;
  readonly #state: (Moments | null)[];

  constructor(params: readonly Tensor[], options: AdamOptions = {}) {
    const name = new.target === AdamW ? "AdamW" : "Adam";
    this.#name = name;
    this.#decoupled = name === "AdamW";
    this.params = checkParams(name, params);
    this.lr = checkRate("lr", options?.lr ?? 0.001, name);
    this.betas = checkBetas(name, options?.betas ?? [0.9, 0.999]);
    this.eps = checkRate("eps", options?.eps ?? 1e-8, name);
    this.weightDecay = checkRate("weightDecay", options?.weightDecay ?? (this.#decoupled ? 0.01 : 0), name);
    const amsgrad: unknown = options?.amsgrad ?? false;
    if (typeof amsgrad !== "boolean") throw new InputError("INPUT_OPTION", `${name}: amsgrad must be true or false, got ${describeValue(amsgrad)}`);
    this.amsgrad = amsgrad;
    this.#state = this.params.map(() => null);
  }

  /**
   * Updates every parameter that has a gradient, in place (see the class). Outside the tape.
   * @example
   * const w = tensor([2], { dtype: "float64", requiresGrad: true });
   * const optimizer = new Adam([w], { lr: 0.5 });
   * w.sum().backward(); optimizer.step(); w.toArray(); //=> [1.500000005]
   */
  step(): void {
    const name = this.#name;
    const lr = checkRate("lr", this.lr, name);
    const grads = this.params.map((param, index) => checkGrad(param, index, name));
    const [beta1, beta2] = this.betas;
    const decay = this.weightDecay;
    this.params.forEach((param, index) => {
      const given = grads[index];
      if (given === null || given === undefined) return;
      const grad = contiguousData(given);
      const state = (this.#state[index] ??= {
        step: 0,
        mean: allocate(param.dtype, param.size),
        square: allocate(param.dtype, param.size),
        maxSquare: this.amsgrad ? allocate(param.dtype, param.size) : null,
      });
      state.step += 1;
      const correction1 = 1 - beta1 ** state.step;
      const correction2Root = Math.sqrt(1 - beta2 ** state.step);
      const stepSize = lr / correction1;
      const data = param.data;
      const offset = param.offset;
      const { mean, square, maxSquare } = state;
      for (let i = 0; i < grad.length; i++) {
        let g = grad[i]!;
        if (decay !== 0) {
          if (this.#decoupled) data[offset + i] = data[offset + i]! * (1 - lr * decay);
          else g += decay * data[offset + i]!;
        }
        mean[i] = beta1 * mean[i]! + (1 - beta1) * g;
        square[i] = beta2 * square[i]! + (1 - beta2) * g * g;
        let second = square[i]!;
        if (maxSquare !== null) second = maxSquare[i] = Math.max(maxSquare[i]!, second);
        data[offset + i] = data[offset + i]! - (stepSize * mean[i]!) / (Math.sqrt(second) / correction2Root + this.eps);
      }
    });
  }

  /**
   * Resets the gradient of every parameter to `null` (before the next `backward()`).
   * @example
   * const w = tensor([1], { requiresGrad: true });
   * const optimizer = new Adam([w]);
   * w.sum().backward(); optimizer.zeroGrad(); w.grad; //=> null
   */
  zeroGrad(): void {
    for (const param of this.params) param.grad = null;
  }
}

/**
 * AdamW (PyTorch's `torch.optim.AdamW`): Adam with decoupled weight decay — each step first shrinks
 * the parameter, `p ← p − lr·λ·p`, then takes Adam's step with the plain gradient. `weightDecay`
 * defaults to 0.01. Everything else is as `Adam`.
 * @example
 * new AdamW([zeros([2], { requiresGrad: true })]).weightDecay; //=> 0.01
 * @throws InputError `INPUT_PARAMETER`, `INPUT_OPTION`, `INPUT_GRAD` (from `step()`)
 */
export class AdamW extends Adam {}

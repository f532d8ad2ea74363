/**
 * Finite-difference gradient checking (float64, central differences). For a function of some float64
 * leaf tensors, the gradients from `backward()` are compared, element by element, with
 * `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h`. The scalar checked is `sum(f(…) · R)` for a fixed random `R`
 * of the output's shape, so every output element counts with its own weight (a plain sum would let
 * errors that cancel across elements through).
 *
 * The reported error of an input is `max |analytic − numeric| / max(|numeric|∞, 1e-3)`: relative to
 * the gradient's scale, floored so that an all-but-zero gradient is judged absolutely.
 */
import { expect } from "vitest";
import { RandomGenerator, Tensor, noGrad, randn, rand, zeroGrad } from "../../src/index.js";

/** A float64 leaf that requires grad, with entries uniform in [low, high), reproducible by seed. */
export function uniform(shape: number[], seed: number, low = -1, high = 1): Tensor {
  const base = rand(shape as never, { seed, dtype: "float64" }) as Tensor;
  const data = base.data;
  for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * data[i];
  return new Tensor(data, base.shape, undefined, 0, true);
}

/** Entries in ±[low, high): magnitude uniform, random sign (keeps values away from 0). */
export function awayFromZero(shape: number[], seed: number, low = 0.5, high = 1.5): Tensor {
  const x = uniform(shape, seed, low, high);
  const signs = new RandomGenerator(seed + 1000);
  for (let i = 0; i < x.data.length; i++) if (signs.uniform() < 0.5) x.data[i] = -x.data[i];
  return x;
}

/**
 * The largest relative error (as defined above) of each input's gradient. With `upstream`, the
 * analytic gradients come from `f(…).backward(R)` (the upstream gradient passed in) instead of
 * `sum(f(…) · R).backward()`; the numeric ones are the same.
 */
export function gradientErrors(f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], h = 1e-6, upstream = false): number[] {
  const probe = noGrad(() => f(...inputs));
  const weights = randn(probe.shape as never, { seed: 99, dtype: "float64" }) as Tensor;
  const loss = (...xs: Tensor[]) => f(...xs).mul(weights as never).sum() as Tensor<[]>;

  zeroGrad(...inputs);
  if (upstream) f(...inputs).backward(weights as never);
  else loss(...inputs).backward();
  return inputs.map((input) => {
    if (!input.requiresGrad) return 0;
    const analytic = input.grad?.toFlatArray();
    if (analytic === undefined) throw new Error("no gradient reached an input that requires grad");
    expect(input.grad!.shape).toEqual(input.shape);
    const numeric: number[] = [];
    const data = input.data;
    for (let i = 0; i < data.length; i++) {
      const saved = data[i];
      data[i] = saved + h;
      const plus = noGrad(() => loss(...inputs).item());
      data[i] = saved - h;
      const minus = noGrad(() => loss(...inputs).item());
      data[i] = saved;
      numeric.push((plus - minus) / (2 * h));
    }
    const scale = Math.max(1e-3, ...numeric.map(Math.abs));
    return Math.max(0, ...analytic.map((value, i) => Math.abs(value - numeric[i]) / scale));
  });
}

/** Asserts that every input's gradient matches finite differences within `tolerance` (1e-6). */
export function expectGradientsMatch(f: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], tolerance = 1e-6, upstream = false): void {
  for (const input of inputs) if (input.dtype !== "float64") throw new Error("gradient checks run in float64");
  const errors = gradientErrors(f, inputs, 1e-6, upstream);
  for (const error of errors) expect(error).toBeLessThanOrEqual(tolerance);
}

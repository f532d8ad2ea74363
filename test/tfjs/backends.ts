/**
 * tfjs-core's backends for the tfjs layer's tests: cpu (plain JavaScript) and wasm, whose .wasm
 * binaries load from the installed package's dist/ directory (no network). In Node, tfjs-core alone
 * registers no gradient functions (its per-op gradient modules ship only as browser ESM); the
 * `@tensorflow/tfjs` bundle registers them (and its own unchecked chained methods), as it does for
 * any Node user of tfjs, so it is imported here for grads, variableGrads and minimize.
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as tfc from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { expect, it } from "vitest";
import { ShapeError } from "../../src/index.js";
import { typed, type TfTensor } from "../../src/tfjs/index.js";
import { thrown } from "../harness/runtime.js";

const require = createRequire(import.meta.url);

/** The directory holding tfjs-backend-wasm's .wasm files. */
export const WASM_DIR = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;

setWasmPaths(WASM_DIR);

/**
 * tfjs's own chained methods (`x.flatten()`, `x.cast(…)`, …) as the `@tensorflow/tfjs` bundle, imported
 * above, registered them on tfjs-core's `Tensor` — taken when this module is first evaluated, before
 * an `installChecks()` here replaces them (one made earlier, by a fixture in the same worker, is
 * overwritten by the bundle as it loads). The oracle for the checked chained methods.
 */
const OWN_METHODS = new Map(
  Object.entries(Object.getOwnPropertyDescriptors(tfc.Tensor.prototype)).flatMap(([name, d]) => (typeof d.value === "function" ? [[name, d.value as (...args: unknown[]) => unknown]] : [])),
);

/** Calls tfjs's own chained method `name` on `x` (see `OWN_METHODS`). */
export function callOwnMethod(x: tfc.Tensor, name: string, ...args: unknown[]): tfc.Tensor {
  const method = OWN_METHODS.get(name);
  if (method === undefined) throw new Error(`tfjs registered no chained method ${name}`);
  return method.apply(x, args) as tfc.Tensor;
}

/** The source of tfjs's own chained method `name` (tests check that it is tfjs's, not a checked one). */
export const ownMethodSource = (name: string): string => String(OWN_METHODS.get(name));

/** The backends every runtime test of the tfjs layer runs on. */
export const BACKENDS = ["cpu", "wasm"] as const;

/** Switches tfjs to `name` (initialising it the first time) and checks that it took. */
export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  const ok = await tfc.setBackend(name);
  await tfc.ready();
  if (!ok || tfc.getBackend() !== name) throw new Error(`could not switch tfjs to the ${name} backend`);
}

/** A maker of input tensors by shape (zeros, kept across calls), for the error tables. */
export type MakeInput = (shape: number[], dtype?: "int32") => TfTensor<number[]>;

/** One row of an error table: a name, a call that makes its inputs with `T`, the message it must throw. */
export type ErrorCase = [name: string, call: (T: MakeInput) => unknown, message: string];

/**
 * One test per row: the call throws a `ShapeError` with exactly the row's message, and before tfjs
 * runs — no tensor is left behind. Inputs are made once per shape, dtype and backend (and kept), so a
 * failed call that made a tensor shows in the count.
 */
export function itThrowsBeforeTfjs(rows: readonly ErrorCase[]): void {
  const inputs = new Map<string, tfc.Tensor>();
  const T: MakeInput = (shape, dtype) => {
    const key = `${shape.join(",")}/${dtype ?? "float32"}/${tfc.getBackend()}`;
    if (!inputs.has(key)) inputs.set(key, tfc.keep(tfc.zeros(shape, dtype)));
    return typed(inputs.get(key)!);
  };
  it.each(rows)("%s", (_name, call, message) => {
    thrown(() => call(T)); // makes the inputs
    const before = tfc.memory().numTensors;
    const error = thrown(() => call(T));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(message);
    expect(tfc.memory().numTensors).toBe(before);
  });
}

/**
 * Runs a typed call and tfjs's own on the same inputs. When the runtime rule (`predict`) accepts, both
 * give its predicted shape and — with `values` — the same values; when it throws, the typed call
 * throws that very message before tfjs runs (no tensor left behind). Returns which of the two it was.
 */
export function checkAgainstTfjs(predict: () => unknown, typedCall: () => unknown, own: () => tfc.Tensor, values = true): "ok" | "error" {
  let predicted: unknown;
  try {
    predicted = predict();
  } catch (error) {
    expect(error).toBeInstanceOf(ShapeError);
    const before = tfc.memory().numTensors;
    expect(thrown(typedCall).message).toBe((error as Error).message);
    expect(tfc.memory().numTensors).toBe(before);
    return "error";
  }
  const result = typedCall() as tfc.Tensor;
  const expected = own();
  expect(result).toBeInstanceOf(tfc.Tensor);
  expect(expected.shape).toEqual(predicted);
  expect(result.shape).toEqual(predicted);
  if (values) expect(result.arraySync()).toEqual(expected.arraySync());
  return "ok";
}

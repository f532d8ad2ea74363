// examples/tfjs-mlp.ts runs in CI: it trains on the wasm backend through shapecheck/tfjs, prints
// the loss falling, and fits the spirals.
import { afterAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import { main } from "../../examples/tfjs-mlp.js";
import * as tf from "../../src/tfjs/index.js";

describe("examples/tfjs-mlp.ts", async () => {
  const lines: string[] = [];
  const result = await main((line) => lines.push(line));
  afterAll(() => tf.installChecks()());

  it("trains on the wasm backend", () => {
    expect(tfc.getBackend()).toBe("wasm");
    expect(lines[0]).toMatch(/tfjs backend: wasm$/);
  });

  it("prints the loss every 50 steps, falling from about ln 2 to under a tenth of it", () => {
    const table = lines.filter((l) => /^\s+\d+\s+\d\.\d{4}$/.test(l));
    expect(table.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(result.losses[0]).toBeGreaterThan(0.5);
    expect(result.finalLoss).toBeLessThan(0.1 * Math.LN2);
  });

  it("fits the training points and generalises to fresh ones", () => {
    expect(result.accuracy).toBeGreaterThan(0.97);
    expect(lines.some((l) => /^test accuracy: +\d+\.\d% of 1000 fresh points$/.test(l))).toBe(true);
  });

  it("its tensors are tfjs's own, typed with their shapes", () => {
    expect(result.model.w1).toBeInstanceOf(tfc.Variable);
    expect(result.model.w1.shape).toEqual([2, 64]);
    expect(result.data.x).toBeInstanceOf(tfc.Tensor);
  });
});

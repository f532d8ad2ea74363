// examples/attention.ts runs in CI: this runs it and checks what it prints and claims — the loss, the
// accuracy (recounted by hand from the logits), the causal mask (a position's output does not change
// when a later token does), the generic `forward` on other lengths — and its gradient by central
// differences in float64.
import { describe, expect, it } from "vitest";
import { RandomGenerator, Tensor, fromArray, noGrad } from "../../src/index.js";
import { MAX_LENGTH, VOCAB, accuracy, forward, initParams, loss, main, sequences, train } from "../../examples/attention.js";
import { gradientErrors } from "../gradients/check.js";

describe("examples/attention.ts", () => {
  const lines: string[] = [];
  const result = main((line) => lines.push(line));

  it("prints the loss every 50 steps, then the accuracy on fresh sequences of two lengths", () => {
    const table = lines.filter((l) => /^\s+\d+\s+\d\.\d{4}$/.test(l));
    expect(table.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([0, 50, 100, 150, 200, 250]);
    expect(lines.at(-1)).toMatch(/^test accuracy: \d+\.\d% of 500 fresh sequences of 16 tokens, \d+\.\d% of 500 of 9$/);
  });

  it("learns the task: the loss falls from about ln 8 to almost 0, and fresh sequences are repeated at least 99% right", () => {
    // an untrained model with unit-scale embeddings is far from sure of anything: its loss is of the order of ln 8 = 2.08
    expect(result.losses[0]).toBeGreaterThan(1.5);
    expect(Math.max(...result.losses.slice(-20))).toBeLessThan(0.05);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(result.shortAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it("accuracy counts by hand: the largest logit at each position must be the token before it", () => {
    const batch = sequences(20, 11, new RandomGenerator(5));
    const logits = noGrad(() => forward(result.params, batch.ids)).toArray();
    const ids = batch.ids.toArray();
    let correct = 0;
    logits.forEach((sequence, s) =>
      sequence.forEach((row, t) => {
        const best = row.indexOf(Math.max(...row));
        if (best === (t === 0 ? 0 : ids[s]![t - 1])) correct++;
      }),
    );
    expect(accuracy(result.params, batch)).toBe(correct / (20 * 11));
  });

  it("is causal: changing the last token changes no earlier position's logits", () => {
    const batch = sequences(3, 10, new RandomGenerator(6));
    const changed = batch.ids.toArray().map((row) => row.map((id, t) => (t === 9 ? 1 + (id % (VOCAB - 1)) : id)));
    const before = noGrad(() => forward(result.params, batch.ids)).toArray();
    const after = noGrad(() => forward(result.params, fromArray(changed.flat(), [3, 10], { dtype: "int32" }))).toArray();
    for (let s = 0; s < 3; s++) {
      for (let t = 0; t < 9; t++) expect(after[s]![t]).toEqual(before[s]![t]);
      expect(after[s]![9]).not.toEqual(before[s]![9]);
    }
  });

  it("the same forward serves any batch and length up to the positions it has", () => {
    for (const [count, length] of [[1, 1], [4, MAX_LENGTH], [7, 3]] as const) {
      expect(forward(result.params, sequences(count, length, new RandomGenerator(count)).ids).shape).toEqual([count, length, VOCAB]);
    }
    // one past the positions: narrow throws rather than return fewer positions than tokens
    expect(() => forward(result.params, sequences(2, MAX_LENGTH + 1, new RandomGenerator(3)).ids)).toThrow(/SHAPE_SLICE: narrow: cannot narrow axis 0 of \[16, 32\] to length 17 from start 0/);
  });

  it("the loss's gradient matches central differences in float64 (every parameter, a small batch)", () => {
    const params = initParams(3);
    const names = Object.keys(params) as (keyof typeof params)[];
    const leaves = names.map((name) => fromArray(params[name].toFlatArray(), params[name].shape as number[], { dtype: "float64", requiresGrad: true }));
    const batch = sequences(2, 5, new RandomGenerator(4));
    const errors = gradientErrors(
      (...inputs: Tensor[]) => loss(Object.fromEntries(names.map((name, i) => [name, inputs[i]])) as never, batch) as Tensor,
      leaves,
    );
    expect(Math.max(...errors)).toBeLessThan(1e-6);
  });

  it("is seeded: two runs give the same losses to the bit", () => {
    expect(train(10).losses).toEqual(result.losses.slice(0, 10));
  });
});

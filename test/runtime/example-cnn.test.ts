// examples/cnn.ts runs in CI: this checks what it prints and claims — the loss falls, the
// accuracies it prints are the ones recomputed here by hand from the logits of the model it trained —
// and that its typed shapes are the runtime's. It reads the run of `npm run demo`, whose last step
// runs examples/cnn.ts (built) and writes what it trained for this test (test/harness/demo.ts), instead
// of training the same seeded network a second time in process.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { fromArray, noGrad } from "../../src/index.js";
import { batch, forward, initParams, type Params } from "../../examples/cnn.js";
import { SIDE, digits } from "../../examples/data/digits.js";
import { demoRun } from "../harness/demo.js";

/** What the CNN step of the demo run printed (its lines) and trained (losses, accuracies, parameters). */
async function trainedByTheDemo(): Promise<{ lines: string[]; result: { losses: number[]; testAccuracy: number; params: Params } }> {
  const run = await demoRun();
  const step = "$ node examples/cnn.ts\n";
  const at = run.stdout.indexOf(step);
  if (run.status !== 0 || at < 0) throw new Error(`npm run demo (status ${run.status}) did not run examples/cnn.ts:\n${run.stdout}${run.stderr}`);
  const saved = JSON.parse(readFileSync(run.cnnResult, "utf8")) as {
    losses: number[];
    testAccuracy: number;
    params: Record<keyof Params, { shape: number[]; values: number[] }>;
  };
  const params = Object.fromEntries(Object.entries(saved.params).map(([name, p]) => [name, fromArray(Float32Array.from(p.values), p.shape)])) as unknown as Params;
  return { lines: run.stdout.slice(at + step.length).split("\n"), result: { losses: saved.losses, testAccuracy: saved.testAccuracy, params } };
}

describe("examples/cnn.ts", () => {
  const lines: string[] = [];
  let result!: Awaited<ReturnType<typeof trainedByTheDemo>>["result"];
  beforeAll(async () => {
    const trained = await trainedByTheDemo();
    lines.push(...trained.lines);
    result = trained.result;
  }, 300_000);

  it("prints one mean loss per epoch, falling to under a third of the first", () => {
    const table = lines.filter((l) => /^\s+\d+\s+\d\.\d{4}$/.test(l)).map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(table).toHaveLength(result.losses.length);
    expect(table.at(-1)!).toBeLessThan(table[0]! / 3);
    for (let i = 1; i < table.length; i++) expect(table[i]).toBeLessThan(table[i - 1]! * 1.05);
  });

  it("the accuracies it prints are those of the trained model, recomputed from the logits by hand", () => {
    const test = digits(1000, 99);
    const { images } = batch(test, 0, test.count);
    const logits = noGrad(() => forward(result.params, images)).toFlatArray();
    let correct = 0;
    for (let n = 0; n < test.count; n++) {
      const row = logits.slice(10 * n, 10 * n + 10);
      if (row.indexOf(Math.max(...row)) === test.labels[n]) correct++;
    }
    expect(result.testAccuracy).toBeCloseTo(correct / test.count, 6);
    expect(lines).toContain(`test accuracy:     ${(100 * result.testAccuracy).toFixed(1)}% of 1000 fresh images`);
    expect(result.testAccuracy).toBeGreaterThan(0.9);
  });

  it("the typed activations are the runtime's shapes", () => {
    const data = digits(7, 3);
    const { images, labels } = batch(data, 0, 7);
    expect(images.shape).toEqual([7, 1, SIDE, SIDE]);
    expect(labels.dtype).toBe("int32");
    expect(forward(initParams(0), images).shape).toEqual([7, 10]);
  });
});

// examples/mlp.ts runs in CI: this runs it and checks what it prints and claims, and checks the
// model's gradient independently, by central differences in float64.
import { describe, expect, it } from "vitest";
import { RandomGenerator, ShapeError, Tensor, noGrad, zeros } from "../../src/index.js";
import { HIDDEN, accuracy, forward, initParams, loss as exampleLoss, main, spirals, train, type Params } from "../../examples/mlp.js";

describe("examples/mlp.ts", () => {
  const lines: string[] = [];
  const result = main((line) => lines.push(line));

  it("prints the loss every 50 steps, falling, then the accuracies and a map of the plane", () => {
    const table = lines.filter((l) => /^\s+\d+\s+\d\.\d{4}$/.test(l));
    expect(table.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([0, 50, 100, 150, 200, 250, 300]);
    const printed = table.map((l) => Number(l.trim().split(/\s+/)[1]));
    for (let i = 1; i < printed.length; i++) expect(printed[i]).toBeLessThan(printed[i - 1]!);
    expect(lines.some((l) => /^training accuracy: \d+\.\d% of 400 points$/.test(l))).toBe(true);
    expect(lines.some((l) => /^test accuracy: +\d+\.\d% of 1000 fresh points$/.test(l))).toBe(true);
    const map = lines.slice(lines.findIndex((l) => l.startsWith("where the model puts")) + 1);
    expect(map).toHaveLength(26);
    expect(map.join("")).toMatch(/o/);
    expect(map.join("")).toMatch(/x/);
  });

  it("the loss is the textbook mean cross-entropy −mean log softmax(logits)[label], recomputed by hand", () => {
    const logits = noGrad(() => forward(result.params, result.data.x)).toArray();
    const byHand =
      logits.reduce((total, [a, b], i) => {
        const m = Math.max(a, b);
        const lse = m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        return total + lse - (result.data.labels[i] === 0 ? a : b);
      }, 0) / logits.length;
    expect(result.finalLoss).toBeCloseTo(byHand, 5);
  });

  it("the loss falls by a wide margin: from about ln 2 to under a tenth of it", () => {
    // an untrained model with small output weights is close to a coin flip: −ln ½ = 0.693
    expect(result.losses[0]).toBeGreaterThan(0.6);
    expect(result.losses[0]).toBeLessThan(0.8);
    expect(result.finalLoss).toBeLessThan(0.1 * result.losses[0]!);
    expect(result.losses).toHaveLength(300);
  });

  it("classifies at least 95% of the training points, and of a fresh sample of the spirals", () => {
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(result.params, spirals(500, 7))).toBeGreaterThanOrEqual(0.95);
  });

  it("accuracy counts by hand: the larger logit must be the label's", () => {
    // independent recount from the logits
    const logits = noGrad(() => forward(result.params, result.data.x)).toArray();
    const correct = logits.filter((row, i) => (row[1] > row[0] ? 1 : 0) === result.data.labels[i]).length;
    expect(result.accuracy).toBe(correct / 400);
  });

  it("is seeded: two runs give the same losses to the bit", () => {
    const a = train({ steps: 20 });
    const b = train({ steps: 20 });
    expect(a.losses).toEqual(b.losses);
    expect(a.losses).toEqual(result.losses.slice(0, 20));
  });

  it("the data: 2·perClass points, classes interleaved, an int32 class tensor matching the labels, inside [−1.2, 1.2]²", () => {
    const data = spirals(50, 3);
    expect(data.x.shape).toEqual([100, 2]);
    expect(data.labels).toEqual(Array.from({ length: 100 }, (_, i) => i % 2));
    expect(data.classes.dtype).toBe("int32");
    expect(data.classes.toArray()).toEqual(data.labels);
    for (const v of data.x.toFlatArray()) expect(Math.abs(v)).toBeLessThan(1.2);
    expect(spirals(50, 3).x.toFlatArray()).toEqual(data.x.toFlatArray());
    expect(spirals(50, 4).x.toFlatArray()).not.toEqual(data.x.toFlatArray());
  });

  it("one forward serves any batch size (the batch dim is symbolic)", () => {
    const params = initParams(0);
    for (const n of [1, 7, 400]) {
      const x: Tensor<["batch", 2]> = zeros([n, 2]).as(["batch", 2]);
      expect(forward(params, x).shape).toEqual([n, 2]);
    }
    // a batch of 3-d points does not fit the first layer: a compile error, and at run time the same mistake throws
    // @ts-expect-error Tensor<["batch", 3]> is not a Tensor<["batch", 2]>
    expect(() => forward(params, zeros([4, 3]).as(["batch", 3]))).toThrow(ShapeError);
  });
});

describe("the model's gradient agrees with central differences (float64)", () => {
  // a small float64 problem, and a model part-way through training (not at its initial state)
  const { data, params } = train({ steps: 30, perClass: 20, seed: 11, dtype: "float64" });
  const names = ["w1", "b1", "w2", "b2"] as const;
  const loss = (p: Params) => exampleLoss(p, data);
  loss(params).backward();
  const h = 1e-6;
  const picker = new RandomGenerator(13);

  /** Up to three distinct entries of a tensor of `size` elements, at random. */
  const entries = (size: number) => {
    const picked = new Set<number>();
    while (picked.size < Math.min(3, size)) picked.add(Math.floor(picker.uniform() * size));
    return [...picked];
  };

  it.each(names)("%s: three entries (both, for b2)", (name) => {
    const param = params[name] as Tensor;
    const analytic = param.grad!.toFlatArray();
    for (const i of entries(param.size)) {
      const saved = param.data[i]!;
      param.data[i] = saved + h;
      const up = noGrad(() => loss(params).item());
      param.data[i] = saved - h;
      const down = noGrad(() => loss(params).item());
      param.data[i] = saved;
      const numeric = (up - down) / (2 * h);
      // relative to the entry's size, floored so an all-but-zero entry is judged absolutely
      expect(Math.abs(analytic[i]! - numeric) / Math.max(Math.abs(numeric), 1e-3), `${name}[${i}]: ${analytic[i]} vs ${numeric}`).toBeLessThanOrEqual(1e-6);
    }
  });

  it("the sizes are the ones the types state", () => {
    expect(params.w1.shape).toEqual([2, HIDDEN]);
    expect(params.b1.shape).toEqual([HIDDEN]);
    expect(params.w2.shape).toEqual([HIDDEN, 2]);
    expect(params.b2.shape).toEqual([2]);
  });
});

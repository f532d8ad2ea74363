// examples/seed-bias-gradient.ts runs in CI: this runs it and checks what it prints and claims.
import { describe, expect, it } from "vitest";
import { main } from "../../examples/seed-bias-gradient.js";

describe("examples/seed-bias-gradient.ts", () => {
  const lines: string[] = [];
  const results = main((line) => lines.push(line));

  it("prints the layer, the two gradients, the wrong-orientation error and the norm table", () => {
    expect(lines[0]).toBe("z = Wᵀx + b with W [4, 3], x [4, 8] (one example per column), b [3, 1]");
    expect(lines.some((l) => l.startsWith("dl/db by backward():"))).toBe(true);
    expect(lines).toContain("batch   ‖dl/db‖, summed loss   ‖dl/db‖, mean loss");
    expect(lines.filter((l) => /^\s+\d+\s+[\d.]+\s+[\d.]+$/.test(l))).toHaveLength(6);
  });

  it("dl/db by backward equals dl/dz summed over the batch axis", () => {
    expect(results.maxDifference).toBeLessThanOrEqual(1e-12);
  });

  it("a [3] bias throws the message the compiler shows for it", () => {
    expect(results.wrongOrientation).toBe(
      "SHAPE_BROADCAST: add: cannot broadcast [3, 8] with [3]: axis -1 is 8 vs 3; shapes align on the right; unsqueeze(-1) on [3] gives [3, 1], which broadcasts",
    );
  });

  it("the bias gradient's norm grows about linearly with the batch for a summed loss and stays flat for a mean loss", () => {
    const { norms } = results;
    expect(norms.map((n) => n.batch)).toEqual([1, 4, 16, 64, 256, 1024]);
    // each step multiplies the batch by 4: the summed norm by about 4
    for (let i = 1; i < norms.length; i++) {
      const growth = norms[i]!.summed / norms[i - 1]!.summed;
      expect(growth).toBeGreaterThan(3.5);
      expect(growth).toBeLessThan(4.5);
    }
    // the mean: near (2/3)·‖b*‖ = (2/3)·√5.25 ≈ 1.53 at every batch size
    for (const { mean } of norms) expect(Math.abs(mean - (2 / 3) * Math.sqrt(5.25))).toBeLessThan(0.15);
    // and summed = batch × out × mean exactly: the mean loss divides by the 3·batch elements
    for (const { batch, summed, mean } of norms) expect(summed).toBeCloseTo(3 * batch * mean, 6);
  });
});

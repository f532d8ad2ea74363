/**
 * `npm run demo` as a reader runs it: it builds with TypeScript 7, shows what the CLI catches in
 * examples/ (shape errors there are the point, so they do not fail the script), then runs the seed
 * example, the MLP, the attention layer and the CNN. It must exit 0 and show each step. (It runs once per test run, for
 * this test and for test/runtime/example-cnn.test.ts, which reads the CNN it trained: test/harness/demo.ts.)
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { readAnnotations } from "../../src/testing/index.js";
import { root } from "../harness/compile.js";
import { demoRun } from "../harness/demo.js";

it("npm run demo shows the caught mistakes, then runs the seed example, the MLP, the attention layer and the CNN", async () => {
  const errorsDir = path.join(root, "examples/errors");
  const errorFiles = readdirSync(errorsDir).filter((name) => name.endsWith(".ts"));
  const annotations = errorFiles.flatMap((name) => readAnnotations(readFileSync(path.join(errorsDir, name), "utf8")));
  const checked = readdirSync(path.join(root, "examples"), { recursive: true }).filter((name) => String(name).endsWith(".ts")).length;

  const run = await demoRun();
  expect(run.stderr.replace(/^npm warn .*\n/gm, "")).toBe("");
  expect(run.status).toBe(0);
  const out = run.stdout;
  const steps = ["$ shapecheck examples", "$ node examples/seed-bias-gradient.ts", "$ node examples/mlp.ts", "$ node examples/attention.ts", "$ node examples/cnn.ts"].map((step) => out.indexOf(step));
  expect(steps.every((at, i) => at >= 0 && (i === 0 || at > steps[i - 1]!))).toBe(true);
  expect(out).toContain(`\n${annotations.length} shape errors in ${errorFiles.length} files (${checked} files checked)\n`);
  for (const name of errorFiles) expect(out).toContain(`examples/errors/${name}:`);
  expect(out).toMatch(/test accuracy: \d+\.\d% of 500 fresh sequences of 16 tokens, \d+\.\d% of 500 of 9\n/);
  expect(out).toMatch(/test accuracy: +\d+\.\d% of 1000 fresh images/);
}, 240_000);

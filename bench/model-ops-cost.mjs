#!/usr/bin/env node
// Type-check cost of the ops of issue 11, in instantiations per call (TypeScript 7, `--checkers 1`):
// for each op, a file of N calls on distinct shapes minus a file that makes the same tensors and
// calls nothing, divided by N. Run: `node bench/model-ops-cost.mjs` (projects under .run/).
import path from "node:path";
import { check, root } from "./type-cost.mjs";

const work = path.join(root, ".run/model-ops-cost");
const index = path.relative(path.join(work, "x"), path.join(root, "src/index.js")).replaceAll("\\", "/");
const N = 20;

// Each op: the tensors a call needs (made in the baseline too), and the call. `i` makes shapes distinct.
const ops = {
  "x.transpose(0, 2)": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = x${i}.transpose(0, 2);`],
  "x.transpose([2, 0, 1]) (before, for comparison)": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = x${i}.transpose([2, 0, 1]);`],
  "swapaxes(x, 1, -1)": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = swapaxes(x${i}, 1, -1);`],
  "x.mT": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = x${i}.mT;`],
  "mseLoss(a, b)": (i) => [`const a${i} = zeros([${i + 2}, 3]); const b${i} = zeros([${i + 2}, 3]);`, `export const y${i} = mseLoss(a${i}, b${i});`],
  "layerNorm(x, [D], w, b)": (i) => [`const x${i} = zeros([8, ${i + 2}]); const w${i} = ones([${i + 2}]); const b${i} = zeros([${i + 2}]);`, `export const y${i} = layerNorm(x${i}, [${i + 2}], w${i}, b${i});`],
  "x.variance(1)": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = x${i}.variance(1);`],
  "std(x, 0, { keepdims: true })": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = std(x${i}, 0, { keepdims: true });`],
  "x.clamp(0, 1)": (i) => [`const x${i} = zeros([${i + 2}, 3]);`, `export const y${i} = x${i}.clamp(0, 1);`],
  "dropout(x, 0.1)": (i) => [`const x${i} = zeros([${i + 2}, 3]);`, `export const y${i} = dropout(x${i}, 0.1, { seed: ${i} });`],
  "x.sum(1) (before, for comparison)": (i) => [`const x${i} = zeros([${i + 2}, 3, 4]);`, `export const y${i} = x${i}.sum(1);`],
  "x.relu() (before, for comparison)": (i) => [`const x${i} = zeros([${i + 2}, 3]);`, `export const y${i} = x${i}.relu();`],
  "loadTensors(bytes, { w: [D, 3] })": (i) => [`const s${i} = saveTensors({ w: zeros([${i + 2}, 3]) });`, `export const y${i} = loadTensors(s${i}, { w: [${i + 2}, 3] }).w;`],
};

const header = `import { zeros, ones, swapaxes, mseLoss, layerNorm, std, dropout, saveTensors, loadTensors } from "${index}";\n`;
console.log(`Instantiations per call (TypeScript 7, --checkers 1; ${N} calls on distinct shapes minus their setup)`);
for (const [name, make] of Object.entries(ops)) {
  const parts = Array.from({ length: N }, (_, i) => make(i));
  const setup = parts.map(([s]) => s).join("\n");
  const base = check(work, "base", `${header}${setup}\nexport {};\n`);
  const calls = check(work, "calls", `${header}${setup}\n${parts.map(([, c]) => c).join("\n")}\n`);
  const errors = [...base.errors, ...calls.errors];
  console.log(`  ${name.padEnd(48)} ${((calls.instantiations - base.instantiations) / N).toFixed(1)}${errors.length ? `  ERRORS: ${errors.join(" | ")}` : ""}`);
}

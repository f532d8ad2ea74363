#!/usr/bin/env node
// Type-check cost of conv2d / maxPool2d calls, in instantiations (TypeScript 7, `--checkers 1`;
// deterministic), per call above an import-only baseline:
//   1. `repeat`: the example CNN's calls (same dims every time: the compiler's caches help);
//   2. `fresh`: each call on different sizes, strides and paddings (the digit arithmetic runs anew);
//   3. `keep`: 3×3 kernels with padding 1 (size-keeping) on different sizes;
//   4. `poolRepeat`: maxPool2d(x, 2) on the example's sizes every time;
//   5. `halve`: maxPool2d(x, 2) on different sizes (the one-division fast path);
//   6. `pool`: maxPool2d with padding on different sizes.
// Run: node bench/conv-types.mjs
import path from "node:path";
import { check, root } from "./type-cost.mjs";

const work = path.join(root, ".run/bench-conv-types");
const index = path.relative(path.join(work, "x"), path.join(root, "src/index.js")).replaceAll("\\", "/");
const head = `import { zeros, conv2d, maxPool2d } from "${index}";\n`;
const base = check(work, "baseline", `${head}void zeros; void conv2d; void maxPool2d;\nexport {};\n`);
const N = 40;

const measure = (name, body) => {
  const result = check(work, name, `${head}${body}\nexport {};\n`);
  return { perCall: (result.instantiations - base.instantiations) / N, errors: result.errors };
};

let repeat = "";
for (let i = 0; i < N; i++) repeat += `export const r${i} = conv2d(zeros([64, 1, 8, 8]), zeros([8, 1, 3, 3]), { padding: 1 });\n`;
let fresh = "";
for (let i = 0; i < N; i++) {
  const h = 20 + i;
  const w = 100 + 7 * i;
  fresh += `export const f${i} = conv2d(zeros([${1 + (i % 4)}, ${2 * (1 + (i % 3))}, ${h}, ${w}]), zeros([${2 * (2 + i)}, ${1 + (i % 3)}, 3, ${1 + (i % 5)}]), { stride: [${1 + (i % 2)}, ${1 + (i % 3)}], padding: ${i % 3}, groups: 2 });\n`;
}
let keep = "";
for (let i = 0; i < N; i++) keep += `export const k${i} = conv2d(zeros([8, ${4 + i}, ${20 + i}, ${60 + 3 * i}]), zeros([${8 + i}, ${4 + i}, 3, 3]), { padding: 1 });\n`;
let pool = "";
for (let i = 0; i < N; i++) pool += `export const p${i} = maxPool2d(zeros([8, 16, ${30 + i}, ${40 + 3 * i}]), { kernel: ${2 + (i % 3)}, padding: 1 });\n`;
let halve = "";
for (let i = 0; i < N; i++) halve += `export const q${i} = maxPool2d(zeros([8, 16, ${30 + i}, ${40 + 3 * i}]), 2);\n`;
let poolRepeat = "";
for (let i = 0; i < N; i++) poolRepeat += `export const s${i} = maxPool2d(zeros([64, 8, 8, 8]), 2);\n`;

// The same tensors created without the conv/pool call: the creation cost, subtracted from each result.
const control = (body) => measure("control", body.replace(/conv2d\((zeros\(\[[^\]]*\]\)), (zeros\(\[[^\]]*\]\)).*\);$/gm, "[$1, $2];").replace(/maxPool2d\((zeros\(\[[^\]]*\]\)).*\);$/gm, "$1;")).perCall;
const results = { repeat: measure("repeat", repeat), keep: measure("keep", keep), fresh: measure("fresh", fresh), poolRepeat: measure("poolRepeat", poolRepeat), halve: measure("halve", halve), pool: measure("pool", pool) };
console.log(`baseline ${base.instantiations} instantiations`);
const bodies = { repeat, keep, fresh, poolRepeat, halve, pool };
for (const [name, r] of Object.entries(results)) {
  const creation = control(bodies[name]);
  console.log(`${name}: ${(r.perCall - creation).toFixed(1)} instantiations per call (${r.perCall.toFixed(1)} with the zeros() calls that make its tensors)${r.errors.length ? `; ERRORS: ${r.errors.join("; ")}` : ""}`);
}

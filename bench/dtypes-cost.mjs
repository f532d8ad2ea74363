#!/usr/bin/env node
// Type-check cost of the dtype-era ops (comparisons, argmax, indexSelect, gather, embedding,
// crossEntropy, nllLoss), in instantiations per call (TypeScript 7, `--checkers 1`; deterministic):
// a file declaring N tensors of distinct shapes (`declare const`, so creation costs nothing), with
// and without one call of the op per tensor; the difference over N. `add` is measured the same way
// for reference. Run: node bench/dtypes-cost.mjs [N]
import path from "node:path";
import { check, root } from "./type-cost.mjs";

const work = path.join(root, ".run/bench-dtypes");
const count = Number(process.argv[2] ?? 40);
const from = path.relative(path.join(work, "x"), path.join(root, "src/index.js")).replaceAll("\\", "/");

/** Per op: the tensors each call needs (declarations, by index `i`) and the call. */
const OPS = {
  add: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 3}]>`], call: (i) => `add(x${i}, y${i})` },
  "max (reference)": { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`], call: (i) => `x${i}.max(-1)` },
  gt: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 3}]>`], call: (i) => `gt(x${i}, y${i})` },
  "x.eq(0)": { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`], call: (i) => `x${i}.eq(0)` },
  argmax: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`], call: (i) => `argmax(x${i}, -1)` },
  "x.argmax(1, true)": { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}, 4]>`], call: (i) => `x${i}.argmax(1, true)` },
  indexSelect: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 5}, 2]>`], call: (i) => `indexSelect(x${i}, 0, y${i})` },
  gather: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 2}, 1]>`], call: (i) => `gather(x${i}, 1, y${i})` },
  embedding: { decl: (i) => [`x${i}: Tensor<[${i + 20}, ${i + 3}]>`, `y${i}: Tensor<[${i + 2}, 7]>`], call: (i) => `embedding(x${i}, y${i})` },
  crossEntropy: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 2}]>`], call: (i) => `crossEntropy(x${i}, y${i})` },
  "crossEntropy none": { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 2}]>`], call: (i) => `crossEntropy(x${i}, y${i}, { reduction: "none" })` },
  nllLoss: { decl: (i) => [`x${i}: Tensor<[${i + 2}, ${i + 3}]>`, `y${i}: Tensor<[${i + 2}]>`], call: (i) => `nllLoss(x${i}, y${i})` },
};

const header = `import { add, argmax, crossEntropy, embedding, gather, gt, indexSelect, nllLoss, type Tensor } from "${from}";\n`;
const results = {};
for (const [name, op] of Object.entries(OPS)) {
  let decls = "";
  let calls = "";
  for (let i = 0; i < count; i++) {
    for (const d of op.decl(i)) decls += `declare const ${d};\n`;
    calls += `export const r${i} = ${op.call(i)};\n`;
  }
  const keep = "void [add, argmax, crossEntropy, embedding, gather, gt, indexSelect, nllLoss];\nexport {};\n";
  const base = check(work, "base", header + decls + keep);
  const full = check(work, "ops", header + decls + calls + keep);
  results[name] = { perCall: (full.instantiations - base.instantiations) / count, errors: [...base.errors, ...full.errors] };
  console.log(`${name.padEnd(20)} ${results[name].perCall.toFixed(1).padStart(7)} instantiations per call${results[name].errors.length ? `  ERRORS: ${results[name].errors.join(" | ")}` : ""}`);
}
if (process.argv.includes("--json")) console.log(JSON.stringify(results));

#!/usr/bin/env node
// `npm run bench:ops`: the type-check cost of every op, in instantiations per call (TypeScript 7,
// `--checkers 1`; deterministic). For each op, a file declares N tensors of distinct shapes (`declare
// const`, so creation costs nothing) and is checked with and without one call of the op per tensor;
// the difference over N is the op's cost per call. Distinct shapes per call, so nothing is cached
// across calls: this is the cost a model file pays for each line. The issues' budget is ≤ 150.
// Run: node bench/op-cost.mjs [N] [--json] [--only=<regex>] (only the ops whose names match) [--nested] [--no-verify]
// (skip the check that every result has a known rank — a degraded rule also looks cheap)
import path from "node:path";
import { check, root } from "./type-cost.mjs";

const work = path.join(root, ".run/bench-ops");
const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20);
const from = path.relative(path.join(work, "x"), path.join(root, "src/index.js")).replaceAll("\\", "/");

/** `--nested`: the second operand is a creation call in the argument (`x.matmul(sc.zeros([k, n]))`), as models write it, not a declared tensor. */
const NESTED = process.argv.includes("--nested");
const T = (shape) => `Tensor<[${shape.join(", ")}]>`;
/** An op: the tensors a call needs (by index i) and the call. */
const op = (decl, call) => ({ decl, call });
const one = (shape, call) => op((i) => [`x${i}: ${T(shape(i))}`], call);
const two = (a, b, call) =>
  NESTED ? op((i) => [`x${i}: ${T(a(i))}`], (i) => call(i).replaceAll(`y${i}`, `sc.zeros([${b(i).join(", ")}])`)) : op((i) => [`x${i}: ${T(a(i))}`, `y${i}: ${T(b(i))}`], call);
const m = (i) => [i + 2, i + 3];

/** Every op of the package, grouped as in the README's op table. */
export const OPS = {
  "add (broadcast)": two(m, (i) => [i + 3], (i) => `x${i}.add(y${i})`),
  "mul (same shape)": two(m, m, (i) => `sc.mul(x${i}, y${i})`),
  "sub (scalar)": one(m, (i) => `x${i}.sub(1)`),
  "exp / relu (unary)": one(m, (i) => `x${i}.relu()`),
  "matmul": two(m, (i) => [i + 3, 7], (i) => `x${i}.matmul(y${i})`),
  "matmul (batched)": two((i) => [4, i + 2, i + 3], (i) => [i + 3, 5], (i) => `sc.matmul(x${i}, y${i})`),
  "sum(axis)": one(m, (i) => `x${i}.sum(1)`),
  "mean(axis, keepdims)": one(m, (i) => `x${i}.mean(-1, true)`),
  "max()": one(m, (i) => `x${i}.max()`),
  "softmax": one(m, (i) => `x${i}.softmax()`),
  "reshape": one((i) => [i + 2, 6], (i) => `x${i}.reshape([-1, 3])`),
  "reshape (named)": one((i) => [`"b${i}"`, 6], (i) => `x${i}.reshape([\"b${i}\", 2, 3])`),
  "flatten": one(m, (i) => `x${i}.flatten()`),
  "transpose()": one(m, (i) => `x${i}.transpose()`),
  "permute": one((i) => [i + 2, 3, 4], (i) => `x${i}.permute([2, 0, 1])`),
  "squeeze(axis)": one((i) => [i + 2, 1], (i) => `x${i}.squeeze(1)`),
  "unsqueeze": one(m, (i) => `x${i}.unsqueeze(0)`),
  "slice": one(m, (i) => `x${i}.slice(1, 0, 2)`),
  "narrow": one(m, (i) => `x${i}.narrow(1, 0, 2)`),
  "chunk": one((i) => [i + 2, 12], (i) => `x${i}.chunk(3, 1)`),
  "split": one((i) => [i + 2, 12], (i) => `x${i}.split([4, 8], 1)`),
  "unbind": one((i) => [i + 2, 3], (i) => `x${i}.unbind(1)`),
  "tril": one(m, (i) => `x${i}.tril()`),
  "concat": two(m, m, (i) => `sc.concat([x${i}, y${i}], 0)`),
  "concat (other widths)": two(m, (i) => [i + 2, 5], (i) => `sc.concat([x${i}, y${i}], 1)`),
  "stack": two(m, m, (i) => `sc.stack([x${i}, y${i}], 0)`),
  "where (same shape)": two(m, m, (i) => `sc.where(x${i}, y${i}, 0)`),
  "where (broadcast)": two(m, (i) => [i + 3], (i) => `sc.where(x${i}, y${i}, 0)`),
  "broadcastTo": one((i) => [i + 3], (i) => `x${i}.broadcastTo([2, ${i + 3}])`),
  "rearrange": one((i) => [i + 2, 4 * (i + 3)], (i) => `x${i}.rearrange("a (b c) -> b a c", { b: 4 })`),
  "gt (comparison)": two(m, (i) => [i + 3], (i) => `sc.gt(x${i}, y${i})`),
  "argmax": one(m, (i) => `sc.argmax(x${i}, -1)`),
  "indexSelect": two(m, (i) => [i + 5, 2], (i) => `sc.indexSelect(x${i}, 0, y${i})`),
  "gather": two(m, (i) => [i + 2, 1], (i) => `sc.gather(x${i}, 1, y${i})`),
  "embedding": two((i) => [i + 20, i + 3], (i) => [i + 2, 7], (i) => `sc.embedding(x${i}, y${i})`),
  "crossEntropy": two(m, (i) => [i + 2], (i) => `sc.crossEntropy(x${i}, y${i})`),
  "transpose(d0, d1)": one((i) => [i + 2, 3, 4], (i) => `x${i}.transpose(0, 2)`),
  "swapaxes": one((i) => [i + 2, 3, 4], (i) => `sc.swapaxes(x${i}, 1, -1)`),
  ".mT": one((i) => [i + 2, 3, 4], (i) => `x${i}.mT`),
  "mseLoss": two(m, m, (i) => `sc.mseLoss(x${i}, y${i})`),
  "layerNorm": two(m, (i) => [i + 3], (i) => `sc.layerNorm(x${i}, [${i + 3}], y${i}, y${i})`),
  "variance(axis)": one(m, (i) => `x${i}.variance(1)`),
  "clamp": one(m, (i) => `sc.clamp(x${i}, 0, 1)`),
  "dropout": one(m, (i) => `sc.dropout(x${i}, 0.1, { training: true, seed: ${i} })`),
  "conv2d (same)": two((i) => [i + 2, 3, 8, 8], (i) => [i + 4, 3, 3, 3], (i) => `x${i}.conv2d(y${i}, { padding: 1 })`),
  "conv2d (stride 2)": two((i) => [2, 3, i + 8, i + 8], (i) => [4, 3, 3, 3], (i) => `x${i}.conv2d(y${i}, { stride: 2 })`),
  "maxPool2d(2)": one((i) => [i + 2, 3, 8, 8], (i) => `x${i}.maxPool2d(2)`),
  "backward(grad)": two(m, m, (i) => `x${i}.backward(y${i})`),
  "einsum (matmul)": two(m, (i) => [i + 3, 7], (i) => `sc.einsum("ij,jk->ik", x${i}, y${i})`),
};

const header = `import * as sc from "${from}";\nimport type { Tensor } from "${from}";\n`;
/** `true` unless a result is a tensor of unknown rank (`Tensor<number[]>`): every call here has known shapes. */
const KNOWN = `type Known<T> = T extends Tensor<infer S> ? (number extends S["length"] ? false : true) : true;\n`;
const results = {};
const only = new RegExp(process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? "");
for (const [name, { decl, call }] of Object.entries(OPS)) {
  if (!only.test(name)) continue;
  let decls = "";
  let calls = "";
  for (let i = 0; i < count; i++) {
    for (const d of decl(i)) decls += `declare const ${d};\n`;
    calls += `export const r${i} = ${call(i)};\n`;
  }
  const keep = "void sc;\nexport {};\n";
  const base = check(work, "base", header + decls + keep);
  const full = check(work, "ops", header + decls + calls + keep);
  // The results must be exact: a rule that degrades to `Tensor<number[]>` (an undecided check, a lost
  // `const` inference) also costs little, so a cheap variant is no win unless its results hold. Checked
  // in a third file, apart from the one measured.
  const verified = process.argv.includes("--no-verify")
    ? { errors: [] }
    : check(
        work,
        "verify",
        header + decls + calls + KNOWN + Array.from({ length: count }, (_, i) => `export const v${i}: Known<typeof r${i}> = true;\n`).join("") + keep,
      );
  const degraded = verified.errors.filter((e) => !full.errors.includes(e)).length;
  results[name] = { perCall: Math.round((full.instantiations - base.instantiations) / count), errors: [...base.errors, ...full.errors], degraded };
  if (!process.argv.includes("--json")) {
    const { perCall, errors } = results[name];
    console.log(
      `${name.padEnd(24)} ${String(perCall).padStart(6)}${perCall > 150 ? "  (over 150)" : ""}${errors.length ? `  ERRORS: ${errors.join(" | ")}` : ""}${degraded ? `  DEGRADED: ${degraded} of ${count} results have unknown rank` : ""}`,
    );
  }
}
if (process.argv.includes("--json")) console.log(JSON.stringify(results, null, 2));

#!/usr/bin/env node
// Type-check cost, measured in instantiations (`tsc --extendedDiagnostics --checkers 1`, TypeScript 7),
// which is deterministic. Generates small projects under .run/bench-types/ and checks each once.
//   1. 100 broadcasts of rank-4 shapes (through the runtime function `broadcastShapes`, so the
//      cost includes the argument check), per broadcast above an import-only baseline;
//   2. rank-16 shapes with dims up to 2^53 − 1: must type-check without TS2589 ("excessively deep");
//   3. model files of 1, 10, 100 and 1,000 mixed Tensor ops (add, matmul, reshape, sum, transpose,
//      concat; literal and symbolic dims): first-op cost above the import baseline, cost per further op,
//      and TypeScript 7's check time for the 1,000-op file.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, ".run/bench-types");
const tsc = path.join(root, "node_modules/typescript/bin/tsc");

function check(name, source) {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "main.ts"), source);
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, skipLibCheck: true, types: [], noErrorTruncation: true },
      files: ["main.ts"],
    }),
  );
  let out;
  try {
    out = execFileSync(process.execPath, [tsc, "-p", dir, "--extendedDiagnostics", "--checkers", "1", "--pretty", "false"], { encoding: "utf8" });
  } catch (error) {
    out = String(error.stdout);
  }
  const number = (label) => Number((new RegExp(`${label}:\\s+([\\d.]+)`).exec(out) ?? [])[1]);
  const errors = out.split("\n").filter((l) => l.includes("error TS"));
  return { instantiations: number("Instantiations"), checkTime: number("Check time"), errors };
}

const rel = (p) => path.relative(path.join(work, "x"), path.join(root, p)).replaceAll("\\", "/");
const importBroadcast = `import { broadcastShapes } from "${rel("src/ops/broadcast.js")}";\n`;
const line = (s) => `${s}\n`;

// 1. broadcasts of rank-4 shapes
const dims = [1, 2, 3, 5, 7, 64, 768, 50257];
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const pick = (items) => items[Math.floor(rnd() * items.length)];
let broadcasts = "";
for (let i = 0; i < 100; i++) {
  const out = Array.from({ length: 4 }, () => pick(dims));
  const a = out.map((d) => (rnd() < 0.3 ? 1 : d));
  const b = out.map((d) => (rnd() < 0.3 ? 1 : d));
  broadcasts += line(`export const b${i} = broadcastShapes([${a.join(", ")}], [${b.join(", ")}]);`);
}
const base = check("baseline-broadcast", importBroadcast + "export {};\n");
const hundred = check("broadcast-100", importBroadcast + broadcasts);
const perBroadcast = (hundred.instantiations - base.instantiations) / 100;

// 2. deep: rank 16, dims up to 2^53 − 1
const big = [9007199254740991, 1, 4503599627370496, 3, 1, 50257, 768, 1, 2, 1, 9007199254740991, 1, 5, 1, 1, 7];
const deep = check(
  "deep",
  importBroadcast +
    line(`export const d1 = broadcastShapes([${big.join(", ")}], [${big.map((d, i) => (i % 2 ? d : 1)).join(", ")}]);`) +
    line(`import type { BroadcastShapes } from "${rel("types/ops/broadcast.js")}";`) +
    line(`export type D2 = BroadcastShapes<[[${big.join(", ")}], [${big.slice(3).join(", ")}], [${big.map(() => 1).join(", ")}]]>;`) +
    line(`const d3: [${big.join(", ")}] = d1;`) +
    line(`export { d3 };`),
);

// 3. model files of mixed ops through the Tensor API
const importTensor = `import { zeros, concat, type Tensor } from "${rel("src/index.js")}";\n`;
function model(ops) {
  // The feature width changes at every matmul, so later ops meet new types instead of cached ones.
  let src = importTensor;
  src += line(`const x0 = zeros([32, 64]).as(["batch", 64]);`);
  let width = 64;
  for (let i = 0; i < ops; i++) {
    const x = `x${i}`;
    const next = `x${i + 1}`;
    const half = width / 2;
    switch (i % 6) {
      case 0: src += line(`const ${next} = ${x}.add(zeros([${width}]));`); break;
      case 1: {
        const out = 2 * (8 + i); // a new width at every matmul: no cached types
        src += line(`const ${next} = ${x}.matmul(zeros([${width}, ${out}]));`);
        width = out;
        break;
      }
      case 2: src += line(`const ${next} = ${x}.reshape(["batch", 2, ${half}]).reshape(["batch", ${width}]);`); break;
      case 3: src += line(`const s${i} = ${x}.sum(1, true); const ${next} = ${x}.sub(s${i});`); break;
      case 4: src += line(`const ${next} = ${x}.transpose().transpose();`); break;
      case 5: src += line(`const ${next} = concat([${x}, ${x}], 1).reshape(["batch", 2, ${width}]).sum(1);`); break;
    }
  }
  src += line(`export const out: Tensor<["batch", ${width}]> = x${ops};`);
  return src;
}
const modelBase = check("model-0", importTensor + line(`export const w = zeros([64, 64]);`));
const models = [1, 10, 100, 1000].map((ops) => ({ ops, ...check(`model-${ops}`, model(ops)) }));

// Wall-clock time of a plain `tsc --noEmit` (default settings) over the 1,000-op file, median of 3.
const wall = [0, 1, 2]
  .map(() => {
    const start = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [tsc, "-p", path.join(work, "model-1000"), "--noEmit"], { encoding: "utf8" });
    } catch {}
    return Number(process.hrtime.bigint() - start) / 1e9;
  })
  .sort((a, b) => a - b)[1];

const report = {
  broadcast: { baseline: base.instantiations, hundred: hundred.instantiations, perBroadcast, errors: hundred.errors.length },
  deep: { instantiations: deep.instantiations, errors: deep.errors },
  model: models.map((m) => ({
    ops: m.ops,
    instantiations: m.instantiations,
    aboveBaseline: m.instantiations - modelBase.instantiations,
    perOp: m.ops > 1 ? Math.round((m.instantiations - models[0].instantiations) / (m.ops - 1)) : undefined,
    checkTimeSeconds: m.checkTime,
    errors: m.errors.length,
  })),
};
console.log("Type-check cost (TypeScript 7, --checkers 1)");
console.log(`  broadcast: ${perBroadcast.toFixed(1)} instantiations per rank-4 broadcastShapes() call (target ≤ 500); baseline ${base.instantiations}, 100 calls ${hundred.instantiations}; errors: ${hundred.errors.length}`);
console.log(`  rank 16, dims to 2^53 − 1: ${deep.errors.length === 0 ? "no errors (no TS2589)" : deep.errors.join("\n    ")}`);
console.log(`  model files (import baseline ${modelBase.instantiations}):`);
for (const m of report.model) {
  console.log(`    ${String(m.ops).padStart(4)} ops: ${m.instantiations} instantiations, ${m.aboveBaseline} above baseline${m.perOp === undefined ? "" : `, ${m.perOp} per further op`}, check ${m.checkTimeSeconds}s${m.errors ? `, ${m.errors} ERRORS` : ""}`);
}
console.log(`  1,000-op file: tsc --noEmit takes ${wall.toFixed(2)} s wall (median of 3; target < 2 s)`);
const failures = [];
if (perBroadcast > 500) failures.push("broadcast above 500 instantiations");
if (wall >= 2) failures.push("1,000-op file at or above 2 s");
if (deep.errors.length || hundred.errors.length) failures.push("unexpected type errors");
if (process.argv.includes("--json")) console.log(JSON.stringify(report, null, 2));
if (failures.length) {
  console.log(`targets missed: ${failures.join("; ")}`);
}

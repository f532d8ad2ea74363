#!/usr/bin/env node
// `npm run bench:types`: type-check cost in instantiations (TypeScript 7, `--checkers 1`; deterministic),
// and wall time for the largest model file. Generated projects go under .run/bench-types/.
//   1. 100 broadcasts of rank-4 shapes through `broadcastShapes()` (argument check included), per call;
//   2. rank-16 shapes with dims up to 2^53 − 1: must type-check without TS2589 ("excessively deep");
//   3. model files of 1, 10, 100 and 1,000 mixed Tensor ops: the first op above the import baseline,
//      each further op, and `tsc --noEmit` wall time for the 1,000-op file;
//   4. the model files again against the build's declarations (it builds dist/ first), as installed.
// test/type-cost.test.ts holds the same budgets on smaller files in every test run.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { check, deepSource, measureBroadcast, measureGenericModels, measureModels, root, tsc } from "./type-cost.mjs";

const work = path.join(root, ".run/bench-types");
const broadcast = measureBroadcast(work, 100);
const deep = check(work, "deep", deepSource(work));
const model = measureModels(work, [1, 10, 100, 1000]);

// Wall-clock time of a plain `tsc --noEmit` (default settings) over the 1,000-op file, median of 3.
const largest = model.models.at(-1);
const wall = [0, 1, 2]
  .map(() => {
    const start = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [tsc, "-p", largest.dir, "--noEmit"], { encoding: "utf8" });
    } catch {}
    return Number(process.hrtime.bigint() - start) / 1e9;
  })
  .sort((a, b) => a - b)[1];

console.log("Type-check cost (TypeScript 7, --checkers 1)");
console.log(`  broadcast: ${broadcast.perCall.toFixed(1)} instantiations per rank-4 broadcastShapes() call (target ≤ 800); baseline ${broadcast.baseline}, 100 calls ${broadcast.total}; errors: ${broadcast.errors.length}`);
console.log(`  rank 16, dims to 2^53 − 1: ${deep.errors.length === 0 ? "no errors (no TS2589)" : deep.errors.join("\n    ")}`);
console.log(`  model files (import baseline ${model.baseline}; first op ${model.first} above it, target ≤ 10,000):`);
for (const m of model.models) {
  console.log(`    ${String(m.ops).padStart(4)} ops: ${m.instantiations} instantiations, ${m.aboveBaseline} above baseline${m.perOp === undefined ? "" : `, ${m.perOp} per further op`}, check ${m.checkTime}s${m.errors.length ? `, ${m.errors.length} ERRORS` : ""}`);
}
// The model file's lines hold 11 op calls per 6 lines (add, matmul, reshape ×2, sum + sub, transpose ×2,
// concat + reshape + sum), besides the zeros() that make operands: the issues' budget is per op call.
const perCall = (perLine) => Math.round((perLine * 6) / 11);
console.log(`    per op call (11 calls per 6 lines): ${model.models.filter((m) => m.perOp !== undefined).map((m) => `${perCall(m.perOp)} at ${m.ops} ops`).join(", ")} (budget ≤ 150)`);
const generic = measureGenericModels(work, [10, 100]);
console.log(`  generic model files (a function over B extends Dim): ${generic.map((g) => `${g.ops} ops: ${g.perOp} per further op${g.errors.length ? `, ${g.errors.length} ERRORS` : ""}`).join("; ")}`);
// Its lines hold 7 op calls per 5 lines (add, matmul, sum + sub, transpose ×2, softmax).
console.log(`    per op call (7 calls per 5 lines): ${generic.map((g) => `${Math.round((g.perOp * 5) / 7)} at ${g.ops} ops`).join(", ")} (budget ≤ 150)`);
// The same files importing the build's declarations (dist/), as an installed package's users check
// them: no library function bodies to check, and no types the library's own bodies made first.
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
const dist = path.join(root, "dist");
const installed = measureModels(path.join(work, "installed"), [1, 10, 100, 1000], dist);
const installedGeneric = measureGenericModels(path.join(work, "installed"), [10, 100], dist);
console.log(`  against the built declarations (dist/, as installed; import baseline ${installed.baseline}, first op ${installed.first} above it):`);
console.log(`    per op call: ${installed.models.filter((m) => m.perOp !== undefined).map((m) => `${perCall(m.perOp)} at ${m.ops} ops`).join(", ")}; generic ${installedGeneric.map((g) => `${Math.round((g.perOp * 5) / 7)} at ${g.ops} ops`).join(", ")} (budget ≤ 150)`);
console.log(`  1,000-op file: tsc --noEmit takes ${wall.toFixed(2)} s wall (median of 3; target < 2 s)`);
const failures = [];
if (broadcast.perCall > 800) failures.push("broadcast above 800 instantiations");
if (model.first > 10_000) failures.push("first op above 10,000");
if (model.models.some((m) => m.perOp !== undefined && m.perOp > 1500)) failures.push("an op above 1,500");
if (wall >= 2) failures.push("1,000-op file at or above 2 s");
if (deep.errors.length || broadcast.errors.length || [...model.models, ...installed.models, ...generic, ...installedGeneric].some((m) => m.errors.length)) failures.push("unexpected type errors");
if (process.argv.includes("--json")) console.log(JSON.stringify({ broadcast, deep, model, wall }, null, 2));
if (failures.length) console.log(`targets missed: ${failures.join("; ")}`);

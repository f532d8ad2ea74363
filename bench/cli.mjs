#!/usr/bin/env node
// `npm run bench:cli`: the `shapecheck` CLI against a plain `tsc --noEmit` (TypeScript 7) on the same
// projects, wall time, median of 5 alternated runs: a 200-file project (a few ops and one shape error
// per file) and a 1,000-op model file. Reports the ratio for both CLI engines (tsc, the default when
// TypeScript 7 is installed, and ts-morph); the target is ≤ 1.3× tsc for the default engine.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { modelSource, root, tsc } from "./type-cost.mjs";

const work = path.join(root, ".run/bench-cli");
rmSync(work, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.run.json")], { stdio: "inherit" });
const cli = path.join(root, ".run/demo/src/cli/bin.js");

const tsconfig = { compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, skipLibCheck: true, types: [] }, include: ["src"] };
const from = (dir) => JSON.stringify(path.relative(dir, path.join(root, "src/index.js")).split(path.sep).join("/"));

function project(name, files) {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, "src"), { recursive: true });
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, "src", file), text);
  return dir;
}

const many = {};
for (let i = 0; i < 200; i++) {
  const imp = JSON.stringify(path.relative(path.join(work, "files200/src"), path.join(root, "src/index.js")).split(path.sep).join("/"));
  many[`f${String(i).padStart(3, "0")}.ts`] =
    `import { zeros } from ${imp};\n` +
    `const x = zeros([${8 + (i % 7)}, 64]).as(["batch", 64]);\n` +
    `const h = x.matmul(zeros([64, ${16 + i}])).relu();\n` +
    `export const y = h.sum(1, true).add(h).mean();\n` +
    `export const bad = x.matmul(zeros([${32 + i}, 10]));\n`;
}
const projects = [
  ["200 files", project("files200", many)],
  ["1,000-op file", project("ops1000", { "model.ts": modelSource(path.join(work, "ops1000"), 1000) })],
];

function time(args, cwd) {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  return Number(process.hrtime.bigint() - start) / 1e9;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log("shapecheck CLI vs tsc --noEmit (TypeScript 7), wall seconds, median of 5 alternated runs");
for (const [name, dir] of projects) {
  const runs = { tsc: [], cli: [], morph: [] };
  for (let i = 0; i < 5; i++) {
    runs.tsc.push(time([tsc, "-p", "tsconfig.json", "--noEmit"], dir));
    runs.cli.push(time([cli], dir));
    if (i < 3) runs.morph.push(time([cli, "--engine", "ts-morph"], dir));
  }
  const [t, c, m] = [median(runs.tsc), median(runs.cli), median(runs.morph)];
  console.log(`  ${name}: tsc ${t.toFixed(2)} s; shapecheck (tsc engine) ${c.toFixed(2)} s = ${(c / t).toFixed(2)}× (target ≤ 1.3×); --engine ts-morph ${m.toFixed(2)} s = ${(m / t).toFixed(2)}×`);
}

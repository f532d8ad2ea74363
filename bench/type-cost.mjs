// Type-check cost, measured in instantiations (`tsc --extendedDiagnostics --checkers 1`, TypeScript 7),
// which is deterministic: the generators and the measurement behind `npm run bench:types`, shared with
// the budget test (test/type-cost.test.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const tsc = path.join(root, "node_modules/typescript/bin/tsc");

/**
 * The command that runs `tsc` for a measurement: its native executable, found as the package's own
 * bin/tsc finds it (one process per check instead of node, then the executable), else node with bin/tsc.
 * The instantiation counts are the same; a check spends no time starting node first.
 */
const tscCommand = await (async () => {
  try {
    const { default: exePath } = await import(pathToFileURL(path.join(root, "node_modules/typescript/lib/getExePath.js")).href);
    return [exePath()];
  } catch {
    return [process.execPath, tsc];
  }
})();

/** Type-checks `source` as the one file of a fresh project under `work/name`; instantiations, check time, errors. */
export function check(work, name, source) {
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
    out = execFileSync(tscCommand[0], [...tscCommand.slice(1), "-p", dir, "--extendedDiagnostics", "--checkers", "1", "--pretty", "false"], { encoding: "utf8" });
  } catch (error) {
    out = String(error.stdout);
  }
  const number = (label) => Number((new RegExp(`${label}:\\s+([\\d.]+)`).exec(out) ?? [])[1]);
  const errors = out.split("\n").filter((l) => l.includes("error TS"));
  return { dir, instantiations: number("Instantiations"), checkTime: number("Check time"), errors };
}

const line = (s) => `${s}\n`;
/**
 * An import path from a generated project (two levels below `work`) to a file of the library: under
 * `lib`, the repository's root (its sources, which the project then type-checks too) or the build's
 * dist/ (the declarations, as an installed package has them).
 */
const from = (work, file, lib = root) => path.relative(path.join(work, "x"), path.join(lib, file)).replaceAll("\\", "/");

/** `count` seeded `broadcastShapes()` calls of rank-4 shapes that broadcast. */
export function broadcastSource(work, count, lib = root) {
  const dims = [1, 2, 3, 5, 7, 64, 768, 50257];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const pick = (items) => items[Math.floor(rnd() * items.length)];
  let src = `import { broadcastShapes } from "${from(work, "src/ops/broadcast.js", lib)}";\n`;
  for (let i = 0; i < count; i++) {
    const out = Array.from({ length: 4 }, () => pick(dims));
    const a = out.map((d) => (rnd() < 0.3 ? 1 : d));
    const b = out.map((d) => (rnd() < 0.3 ? 1 : d));
    src += line(`export const b${i} = broadcastShapes([${a.join(", ")}], [${b.join(", ")}]);`);
  }
  return src + line("export {};");
}

/** Rank-16 shapes with dims up to 2^53 − 1, and an annotation that pins the result. */
export function deepSource(work, lib = root) {
  const big = [9007199254740991, 1, 4503599627370496, 3, 1, 50257, 768, 1, 2, 1, 9007199254740991, 1, 5, 1, 1, 7];
  return (
    line(`import { broadcastShapes } from "${from(work, "src/ops/broadcast.js", lib)}";`) +
    line(`import type { BroadcastShapes } from "${from(work, "types/ops/broadcast.js", lib)}";`) +
    line(`export const d1 = broadcastShapes([${big.join(", ")}], [${big.map((d, i) => (i % 2 ? d : 1)).join(", ")}]);`) +
    line(`export type D2 = BroadcastShapes<[[${big.join(", ")}], [${big.slice(3).join(", ")}], [${big.map(() => 1).join(", ")}]]>;`) +
    line(`export const d3: [${big.join(", ")}] = d1;`)
  );
}

/**
 * A model file of `ops` mixed Tensor ops (add, matmul, reshape, sum + sub, transpose, concat) with a
 * symbolic batch; the width changes at every matmul, so later ops meet new types, not cached ones.
 * `ops = 0` is the import baseline.
 */
export function modelSource(work, ops, lib = root) {
  let src = line(`import { zeros, concat, type Tensor } from "${from(work, "src/index.js", lib)}";`);
  src += line(`const x0 = zeros([32, 64]).as(["batch", 64]);`);
  let width = 64;
  for (let i = 0; i < ops; i++) {
    const x = `x${i}`;
    const next = `x${i + 1}`;
    switch (i % 6) {
      case 0: src += line(`const ${next} = ${x}.add(zeros([${width}]));`); break;
      case 1: {
        const out = 2 * (8 + i);
        src += line(`const ${next} = ${x}.matmul(zeros([${width}, ${out}]));`);
        width = out;
        break;
      }
      case 2: src += line(`const ${next} = ${x}.reshape(["batch", 2, ${width / 2}]).reshape(["batch", ${width}]);`); break;
      case 3: src += line(`const s${i} = ${x}.sum(1, true); const ${next} = ${x}.sub(s${i});`); break;
      case 4: src += line(`const ${next} = ${x}.transpose().transpose();`); break;
      case 5: src += line(`const ${next} = concat([${x}, ${x}], 1).reshape(["batch", 2, ${width}]).sum(1);`); break;
    }
  }
  src += line(`export const out: Tensor<["batch", ${width}]> = x${ops};`);
  return src;
}

/** Instantiations per `broadcastShapes()` call above an import-only baseline, over `count` calls. */
export function measureBroadcast(work, count = 100, lib = root) {
  const base = check(work, "baseline-broadcast", `import { broadcastShapes } from "${from(work, "src/ops/broadcast.js", lib)}";\nvoid broadcastShapes;\n`);
  const many = check(work, `broadcast-${count}`, broadcastSource(work, count, lib));
  return { baseline: base.instantiations, total: many.instantiations, perCall: (many.instantiations - base.instantiations) / count, errors: [...base.errors, ...many.errors] };
}

/**
 * The generic variant of a model file: the same kind of chain inside a function generic in its batch
 * (`B extends Dim`) and width (`D extends Dim`), using the ops that compute structurally around type
 * parameters (add, matmul, sum with keepdims, sub, transpose, softmax), with the result type declared.
 */
export function genericModelSource(work, ops, lib = root) {
  let src = line(`import { zeros, type Dim, type Tensor } from "${from(work, "src/index.js", lib)}";`);
  src += line(`export function model<B extends Dim, D extends Dim>(x0: Tensor<[B, D]>, w0: Tensor<[D, 64]>) {`);
  src += line(`  const x1 = x0.matmul(w0);`);
  let width = 64;
  for (let i = 1; i < ops + 1; i++) {
    const x = `x${i}`;
    const next = `x${i + 1}`;
    switch (i % 5) {
      case 0: src += line(`  const ${next} = ${x}.add(zeros([${width}]));`); break;
      case 1: {
        const out = 2 * (8 + i);
        src += line(`  const ${next} = ${x}.matmul(zeros([${width}, ${out}]));`);
        width = out;
        break;
      }
      case 2: src += line(`  const s${i} = ${x}.sum(1, true); const ${next} = ${x}.sub(s${i});`); break;
      case 3: src += line(`  const ${next} = ${x}.transpose().transpose();`); break;
      case 4: src += line(`  const ${next} = ${x}.softmax(-1);`); break;
    }
  }
  src += line(`  const out: Tensor<[B, ${width}]> = x${ops + 1};`);
  src += line(`  return out;`);
  src += line(`}`);
  return src;
}

/** Generic model files: per further op, as `measureModels`. */
export function measureGenericModels(work, sizes, lib = root) {
  const first = check(work, "generic-model-1", genericModelSource(work, 1, lib));
  const models = sizes.map((ops) => ({ ops, ...check(work, `generic-model-${ops}`, genericModelSource(work, ops, lib)) }));
  return models.map((m) => ({ ops: m.ops, perOp: m.ops > 1 ? Math.round((m.instantiations - first.instantiations) / (m.ops - 1)) : undefined, errors: m.errors }));
}

/** Model files of each size in `sizes`: total, above the baseline, and per further op (against the 1-op file). */
export function measureModels(work, sizes, lib = root) {
  const baseline = check(work, "model-0", modelSource(work, 0, lib));
  const first = check(work, "model-1", modelSource(work, 1, lib));
  const models = sizes.map((ops) => (ops === 1 ? { ops, ...first } : { ops, ...check(work, `model-${ops}`, modelSource(work, ops, lib)) }));
  return {
    baseline: baseline.instantiations,
    first: first.instantiations - baseline.instantiations,
    models: models.map((m) => ({
      ops: m.ops,
      dir: m.dir,
      instantiations: m.instantiations,
      aboveBaseline: m.instantiations - baseline.instantiations,
      perOp: m.ops > 1 ? Math.round((m.instantiations - first.instantiations) / (m.ops - 1)) : undefined,
      checkTime: m.checkTime,
      errors: m.errors,
    })),
  };
}

/**
 * One build of the package per test run (TypeScript 7, `tsc -p tsconfig.build.json`, into
 * .run/test-build/), shared by the test files that need it: the built `shapecheck` executable
 * (test/cli/bin.test.ts) and the declarations the CLI tests' throwaway projects import
 * (test/cli/helpers.ts), as an installed package's users get them. The first worker that asks builds
 * it (a lock directory says who); the others wait for it. test/global-setup.ts removes the previous
 * run's build before any test starts.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

// Not from ./compile.js: the global setup imports this file, and should not load the compiler.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the build goes (.run/ is ignored by git and by the repository's tsconfig). */
export const buildDir = path.join(root, ".run/test-build");
export const buildLock = `${buildDir}.lock`;

let built: Promise<string> | undefined;

/** Builds the package once per run (or waits for the worker that builds it); resolves to {@link buildDir}. */
export function builtPackage(): Promise<string> {
  built ??= build();
  return built;
}

async function build(): Promise<string> {
  const done = path.join(buildDir, ".done");
  const failed = path.join(buildDir, ".failed");
  let owner = false;
  mkdirSync(path.dirname(buildLock), { recursive: true }); // .run/ is not there on a fresh clone
  try {
    mkdirSync(buildLock);
    owner = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (owner) {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const problem = await new Promise<string | undefined>((resolve) => {
      execFile(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", buildDir], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
        resolve(error ? `${stdout}${stderr}` || error.message : undefined),
      );
    });
    mkdirSync(buildDir, { recursive: true });
    if (problem === undefined) {
      chmodSync(path.join(buildDir, "src/cli/bin.js"), 0o755);
      writeFileSync(done, "");
    } else {
      writeFileSync(failed, problem);
    }
  }
  for (;;) {
    if (existsSync(done)) return buildDir;
    if (existsSync(failed)) throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${readFileSync(failed, "utf8")}`);
    await sleep(100);
  }
}

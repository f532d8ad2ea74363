/**
 * One build of the package per test run, shared by every test that needs it: `npm pack`, whose
 * `prepack` builds dist/ afresh with TypeScript 7 (`tsc -p tsconfig.build.json`), the tarball going to
 * .run/test-pack/. The packed tarball is what test/pack.test.ts installs; dist/, the very build that
 * went into it, is the built `shapecheck` executable (test/cli/bin.test.ts) and the declarations the
 * CLI tests' throwaway projects import (test/cli/helpers.ts), as an installed package's users get them.
 * (One build instead of two: the pack test's `npm pack` and a second `tsc` build of the same sources.)
 * The first worker that asks packs it (a lock directory says who); the others wait for it.
 * test/global-setup.ts removes the previous run's tarball and markers before any test starts.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { runNpm, takeLock } from "./lock.js";

// Not from ./compile.js: the global setup imports this file, and should not load the compiler.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The build: dist/, as `npm pack`'s `prepack` leaves it (dist/ is ignored by git and by the repository's tsconfig). */
export const buildDir = path.join(root, "dist");
/** Where the tarball and the markers go (.run/ is ignored by git and by the repository's tsconfig). */
export const packDir = path.join(root, ".run/test-pack");
export const buildLock = `${packDir}.lock`;

/** What `npm pack --json` said: the tarball (absolute path) and the files in it. */
export interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
}

let built: Promise<Packed> | undefined;

/** Packs (and so builds) the package once per run, or waits for the worker that does; resolves to the tarball and its file list. */
export function packedPackage(): Promise<Packed> {
  built ??= pack();
  return built;
}

/** {@link packedPackage}, for the tests that need only dist/: resolves to {@link buildDir}. */
export async function builtPackage(): Promise<string> {
  await packedPackage();
  return buildDir;
}

async function pack(): Promise<Packed> {
  const done = path.join(packDir, ".done");
  const failed = path.join(packDir, ".failed");
  const owner = takeLock(buildLock);
  if (owner) {
    mkdirSync(packDir, { recursive: true });
    const env = { ...process.env, npm_config_update_notifier: "false" };
    const result = await runNpm(["pack", "--json", "--pack-destination", packDir], root, env);
    if (result.status === 0) {
      const [packed] = JSON.parse(result.stdout) as [{ filename: string; files: { path: string }[] }];
      // The built executable, run directly by the tests (an install marks it executable; a build does not).
      chmodSync(path.join(buildDir, "src/cli/bin.js"), 0o755);
      writeFileSync(done, JSON.stringify({ tarball: path.join(packDir, packed.filename), files: packed.files.map((f) => f.path) } satisfies Packed));
    } else {
      writeFileSync(failed, `${result.stdout}${result.stderr}` || `npm exited with ${result.status}`);
    }
  }
  for (;;) {
    if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8")) as Packed;
    if (existsSync(failed)) throw new Error(`npm pack (its prepack: tsc -p tsconfig.build.json) failed:\n${readFileSync(failed, "utf8")}`);
    await sleep(100);
  }
}

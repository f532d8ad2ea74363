/**
 * Before any test file runs: remove the previous run's packed tarball (test/harness/build.ts) and
 * TypeScript 7 report (test/harness/tsc7-all.ts) with their markers, so that this run packs (and
 * builds) afresh and checks afresh, once each, when a test first needs it.
 */
import { rmSync } from "node:fs";
import { buildLock, packDir } from "./harness/build.js";
import { tsc7AllDir, tsc7AllLock } from "./harness/tsc7-all.js";

export default function setup(): void {
  for (const dir of [packDir, buildLock, tsc7AllDir, tsc7AllLock]) rmSync(dir, { recursive: true, force: true });
}

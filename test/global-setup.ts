/**
 * Before any test file runs: remove the previous run's packed tarball (test/harness/build.ts),
 * TypeScript 7 report (test/harness/tsc7-all.ts) and demo output (test/harness/demo.ts) with their
 * markers, so that this run packs (and builds) afresh, checks afresh and runs the demo afresh, once
 * each, when a test first needs it.
 */
import { rmSync } from "node:fs";
import { buildLock, packDir } from "./harness/build.js";
import { demoDir, demoLock } from "./harness/demo.js";
import { tsc7AllDir, tsc7AllLock } from "./harness/tsc7-all.js";

export default function setup(): void {
  for (const dir of [packDir, buildLock, tsc7AllDir, tsc7AllLock, demoDir, demoLock]) rmSync(dir, { recursive: true, force: true });
}

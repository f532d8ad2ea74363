/**
 * Before any test file runs: remove the previous run's packed tarball and its markers
 * (test/harness/build.ts), so that this run packs (and builds) afresh, once, when a test first needs it.
 */
import { rmSync } from "node:fs";
import { buildLock, packDir } from "./harness/build.js";

export default function setup(): void {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(buildLock, { recursive: true, force: true });
}

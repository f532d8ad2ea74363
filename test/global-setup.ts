/**
 * Before any test file runs: remove the previous run's package build (test/harness/build.ts), so that
 * this run builds afresh, once, when a test first needs it.
 */
import { rmSync } from "node:fs";
import { buildDir, buildLock } from "./harness/build.js";

export default function setup(): void {
  rmSync(buildDir, { recursive: true, force: true });
  rmSync(buildLock, { recursive: true, force: true });
}

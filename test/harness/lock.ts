/**
 * A once-per-test-run job shared by the workers (the package build, the demo run, the TypeScript 7
 * run of the repository): the first caller takes a lock directory and does the job; the others wait
 * for its marker. test/global-setup.ts removes the locks and markers before each run.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

/** Takes the lock directory `lock`: `true` for the one caller that created it, `false` for the rest. */
export function takeLock(lock: string): boolean {
  mkdirSync(path.dirname(lock), { recursive: true }); // .run/ is not there on a fresh clone
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

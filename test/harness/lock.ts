/**
 * A once-per-test-run job shared by the workers (the package build, the demo run, the TypeScript 7
 * run of the repository): the first caller takes a lock directory and does the job; the others wait
 * for its marker. test/global-setup.ts removes the locks and markers before each run. The npm jobs
 * among them (the pack, the demo) run through `runNpm`.
 */
import { execFile } from "node:child_process";
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

/** What a once-per-run `npm` job printed, and its exit status (`null` when it did not exit normally). */
export interface NpmRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm args` in `cwd` with `env` (the package build's pack, the demo) and resolves with what it printed. */
export function runNpm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<NpmRun> {
  return new Promise((resolve) => {
    execFile("npm", [...args], { cwd, encoding: "utf8", env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

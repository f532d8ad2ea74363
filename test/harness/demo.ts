/**
 * One `npm run demo` per test run, shared by the two tests that read it: test/cli/demo.test.ts (what
 * it prints, step by step) and test/runtime/example-cnn.test.ts (the CNN its last step trains). The
 * demo's last step runs examples/cnn.ts, which also writes what it trained to the file named by
 * `SHAPECHECK_CNN_RESULT` when that is set; the CNN test reads it instead of training the same seeded
 * network again in process (the CNN used to be trained twice per run, about 7 s of CPU each).
 * The first worker that asks runs the demo (a lock directory says who, as for the package build:
 * test/harness/build.ts); the others wait for it. test/global-setup.ts removes the previous run's output.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { runNpm, takeLock, type NpmRun } from "./lock.js";

// Not from ./compile.js: the global setup imports this file, and should not load the compiler.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the demo's output and the CNN's trained result go (.run/ is ignored by git and by the repository's tsconfig). */
export const demoDir = path.join(root, ".run/test-demo");
export const demoLock = `${demoDir}.lock`;

/** How `npm run --silent demo` ended, what it printed, and where examples/cnn.ts wrote what it trained. */
export interface DemoRun extends NpmRun {
  /** The file examples/cnn.ts wrote its trained result to (JSON: losses, accuracies, each parameter's shape and values). */
  readonly cnnResult: string;
}

let started: Promise<DemoRun> | undefined;

/** Runs `npm run --silent demo` once per test run (`NO_COLOR=1`), or waits for the worker that does. */
export function demoRun(): Promise<DemoRun> {
  started ??= run();
  return started;
}

async function run(): Promise<DemoRun> {
  const done = path.join(demoDir, "run.json");
  const cnnResult = path.join(demoDir, "cnn.json");
  const owner = takeLock(demoLock);
  if (owner) {
    mkdirSync(demoDir, { recursive: true });
    const env = { ...process.env, NO_COLOR: "1", SHAPECHECK_CNN_RESULT: cnnResult };
    const result: DemoRun = { ...(await runNpm(["run", "--silent", "demo"], root, env)), cnnResult };
    writeFileSync(done, JSON.stringify(result));
  }
  for (;;) {
    if (existsSync(done)) return JSON.parse(readFileSync(done, "utf8")) as DemoRun;
    await sleep(100);
  }
}

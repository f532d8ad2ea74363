/**
 * The ts-morph engine's second try, in a worker thread with a large stack: TypeScript 6 checks deeply
 * nested code (one expression chaining ~1,000 ops) by recursion, which overflows the main thread's
 * ~1 MB stack (see `withTsMorph` in src/cli/main.ts). Receives what to check as `workerData`, posts
 * `{ progress }` after each file and `{ diagnostics }` at the end, or `{ overflow: file }` when even
 * this stack is too small for a file.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ShapeChecker } from "../testing/index.js";

/** What the worker checks: the same inputs as the in-process engine. */
export interface MorphWorkerData {
  readonly tsconfig: string | null;
  readonly dir: string;
  readonly files: readonly string[];
}

const { tsconfig, dir, files } = workerData as MorphWorkerData;
let done = 0;
try {
  const checker = new ShapeChecker({ tsconfig, dir });
  const diagnostics = checker.diagnostics(files, () => parentPort!.postMessage({ progress: ++done }));
  parentPort!.postMessage({ diagnostics });
} catch (error) {
  if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
  parentPort!.postMessage({ overflow: files[done] });
}

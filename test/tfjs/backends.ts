/**
 * tfjs-core's backends for the tfjs layer's tests: cpu (plain JavaScript) and wasm, whose .wasm
 * binaries load from the installed package's dist/ directory (no network). In Node, tfjs-core alone
 * registers no gradient functions (its per-op gradient modules ship only as browser ESM); the
 * `@tensorflow/tfjs` bundle registers them (and its own unchecked chained methods), as it does for
 * any Node user of tfjs, so it is imported here for grads, variableGrads and minimize.
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as tfc from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

const require = createRequire(import.meta.url);

/** The directory holding tfjs-backend-wasm's .wasm files. */
export const WASM_DIR = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;

setWasmPaths(WASM_DIR);

/** The backends every runtime test of the tfjs layer runs on. */
export const BACKENDS = ["cpu", "wasm"] as const;

/** Switches tfjs to `name` (initialising it the first time) and checks that it took. */
export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  const ok = await tfc.setBackend(name);
  await tfc.ready();
  if (!ok || tfc.getBackend() !== name) throw new Error(`could not switch tfjs to the ${name} backend`);
}

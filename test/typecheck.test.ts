/**
 * The whole repository type-checks with TypeScript 7 (`tsc -p tsconfig.json`: src, types, examples,
 * test, bench). `npm test` used to run it before vitest started; as a test it runs alongside the
 * others, in its own process from the moment this file is loaded (first: see vitest.config.ts), and
 * fails the run just the same. (`npm run typecheck` runs it alone.)
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Not from ./harness/compile.js, which loads the compiler: tsc starts before that.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// One checker thread: the test workers keep the other cores busy meanwhile (the diagnostics are the same).
const checked = new Promise<{ status: number; output: string }>((resolve) => {
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  execFile(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false", "--checkers", "1"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }, (error, stdout, stderr) =>
    resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
  );
});

it("tsc -p tsconfig.json: no errors in the repository", async () => {
  const { status, output } = await checked;
  expect(output).toBe("");
  expect(status).toBe(0);
}, 120_000);

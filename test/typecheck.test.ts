/**
 * The whole repository type-checks with TypeScript 7: no diagnostics in tsconfig.json's project (src,
 * types, examples, test, bench). `npm test` used to run `tsc -p tsconfig.json` before vitest started;
 * now one TypeScript 7 run checks that project together with the files it leaves out because they
 * fail on purpose (test/fixtures/, examples/errors/, test/generic/bugs.ts and limits.ts, whose
 * tsconfigs extend it and change no option), and the tests of those files read their diagnostics from
 * the same report (test/harness/tsc7-all.ts). It starts as soon as this file is loaded (first: see
 * vitest.config.ts), in a process of its own while the other files run, and fails the run just the
 * same. (`npm run typecheck` runs `tsc -p tsconfig.json` alone.)
 */
import { expect, it } from "vitest";
import { failsOnPurpose, reportBlocks, tsc7AllOutput } from "./harness/tsc7-all.js";

const report = tsc7AllOutput();

it("TypeScript 7 reports nothing in tsconfig.json's project (only in the files it excludes because they fail on purpose)", async () => {
  const blocks = reportBlocks(await report);
  // Anything not attributed to a deliberately failing file: a diagnostic in the project, or one about the tsconfig itself.
  expect(blocks.filter((block) => block.file === undefined || !failsOnPurpose(block.file)).map((block) => block.text)).toEqual([]);
  // The report did check the deliberately failing files (their errors are the other tests' business).
  expect(blocks.length).toBeGreaterThan(0);
}, 120_000);

import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The slowest test files (end-to-end runs of npm, tsc and the CLI; TypeScript 6 over many cases), in
 * the order they start: two workers share the rest, so a slow file started last would run alone at
 * the end. Vitest orders by the last run's durations when it has them (not on a fresh clone).
 */
const SLOW_FIRST = [
  // first: it starts the one TypeScript 7 run of the repository (test/harness/tsc7-all.ts) that later files read
  "test/typecheck.test.ts",
  // second: it packs (and so builds) the package that the CLI tests use (test/harness/build.ts)
  "test/pack.test.ts",
  "test/cli/main.test.ts",
  "test/compile-errors.test.ts",
  // the largest in-process file (~36 s of CPU: 1,200 generic cases and their named twins under TypeScript 6, and a tsc run)
  "test/differential/generic-names.test.ts",
  "test/cli/examples.test.ts",
  "test/cli/demo.test.ts",
  "test/cli/bin.test.ts",
  "test/type-cost.test.ts",
  "test/digits.test.ts",
  "test/differential/conv.test.ts",
  "test/differential/concat.test.ts",
  "test/generic.test.ts",
  "test/differential/broadcast.test.ts",
  "test/differential/movement.test.ts",
  "test/differential/reshape.test.ts",
  "test/symbolic-types.test.ts",
];

/**
 * Files that start last: they read what a slow file above produced (the CNN example reads the CNN that
 * `npm run demo` trained, test/harness/demo.ts), so started early they would only wait for it.
 */
const LAST = ["test/runtime/example-cnn.test.ts"];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      if (index >= 0) return index;
      return LAST.some((file) => spec.moduleId.endsWith(`/${file}`)) ? SLOW_FIRST.length + 1 : SLOW_FIRST.length;
    };
    return sorted.map((spec, order) => ({ spec, order })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order).map(({ spec }) => spec);
  }
}

// TypeScript 7's tsc (native, in Go) runs well over a hundred times per run: from the tests, the CLI
// and the package build. Most of its work is allocation, and Go's default collector (GOGC=100) spends
// about a quarter of its CPU collecting. The projects here are small (the whole repository peaks near
// 0.5 GB), so collection waits for a 1 GiB heap instead: the same diagnostics, with less CPU. The
// worker processes and every child they start inherit this (a value set by the caller is kept).
process.env["GOGC"] ??= "off";
process.env["GOMEMLIMIT"] ??= "1GiB";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Removes the last run's packed tarball; the first test that needs the package packs (and builds) it (test/harness/build.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share a worker's modules: one ts-morph import and one shared compiler project per
    // worker instead of one per file (the compile tests' harness keeps its project in a module).
    isolate: false,
    // Two workers on a two-core machine (vitest's default is one fewer than the cores: one worker here).
    // Much of the suite waits on child processes (tsc 7, npm), so two keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Removes the last run's package build; the first test that needs one builds it (test/harness/build.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share a worker's modules: one ts-morph import and one shared compiler project per
    // worker instead of one per file (the compile tests' harness keeps its project in a module).
    isolate: false,
    // Two workers on a two-core machine (vitest's default is one fewer than the cores: one worker here).
    // Much of the suite waits on child processes (tsc 7, npm), so two keep both cores busy.
    maxWorkers: 2,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share a worker's modules: one ts-morph import and one shared compiler project per
    // worker instead of one per file (the compile tests' harness keeps its project in a module).
    isolate: false,
  },
});

#!/usr/bin/env node
/**
 * The `shapecheck` executable (package.json `bin`): runs {@link main} on the process's arguments and
 * exits with its status. All behaviour lives in main.ts so tests can run it in-process.
 */
import { main, nodeIo } from "./main.js";

// A reader that stops early (`shapecheck | head`) closes the pipe: end quietly with the status.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), nodeIo());

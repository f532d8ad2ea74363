#!/usr/bin/env node
/**
 * The `shapecheck` executable (package.json `bin`): runs {@link main} on the process's arguments and
 * exits with its status. All behaviour lives in main.ts so tests can run it in-process.
 */
import { main, nodeIo } from "./main.js";

process.exitCode = await main(process.argv.slice(2), nodeIo());

/**
 * The built `shapecheck` executable, spawned as a user's shell would: compiled with TypeScript 7 from
 * tsconfig.build.json (dist/, as `npm pack` builds it, once per test run: test/harness/build.ts), run
 * by its shebang, and compared with the in-process CLI.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { readAnnotations } from "../../src/testing/index.js";
import { root } from "../harness/compile.js";
import { builtModule, builtPackage, chainSource, runCli, tempProject } from "./helpers.js";

let bin = "";
const fixture = "test/fixtures/broadcast.fixture.ts";

beforeAll(async () => {
  bin = path.join(await builtPackage(), "src/cli/bin.js");
}, 120_000);

const spawn = (args: string[]) => spawnSync(bin, args, { cwd: root, encoding: "utf8" });

it("starts with a node shebang and runs as an executable", () => {
  expect(readFileSync(bin, "utf8").split("\n", 1)[0]).toBe("#!/usr/bin/env node");
  const help = spawn(["--help"]);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: shapecheck /);
});

it("exits 1 and prints what the in-process CLI prints for shape errors", async () => {
  const spawned = spawn(["--json", fixture]);
  const inProcess = await runCli(["--json", fixture], root);
  expect(spawned.status).toBe(1);
  expect(inProcess.status).toBe(1);
  expect(spawned.stdout).toBe(inProcess.stdout);
  const annotated = readAnnotations(readFileSync(path.join(root, fixture), "utf8")).length;
  expect(JSON.parse(spawned.stdout)).toHaveLength(annotated);
  const text = spawn([fixture]);
  expect(text.stdout.trimEnd().split("\n").at(-1)).toBe(`${annotated} shape errors in 1 file (1 file checked)`);
});

it("exits 0 for a clean file and 2 for bad usage, with the message on stderr", () => {
  // A clean file in a small project of its own: a file of this repository's project would have `tsc`
  // check the whole repository (the engine checks the whole project when it holds every path given).
  const dir = tempProject({ "src/clean.ts": `import { broadcastShapes } from ${builtModule("src/ops/broadcast.js")};\nexport const out = broadcastShapes([8, 1, 6, 1], [7, 1, 5]);\n` });
  const clean = spawnSync(bin, ["src/clean.ts"], { cwd: dir, encoding: "utf8" });
  expect(clean.status).toBe(0);
  expect(clean.stdout).toBe("no shape errors (1 file checked)\n");
  const usage = spawn(["--no-such-flag"]);
  expect(usage.status).toBe(2);
  expect(usage.stdout).toBe("");
  expect(usage.stderr).toBe("shapecheck: unknown option --no-such-flag\nRun shapecheck --help for usage.\n");
});

it("ends quietly, with its status, when the reader closes the pipe early (shapecheck | head -1)", () => {
  // More output than a pipe buffers (64 KiB), so the writer is still writing when head exits.
  const files: Record<string, string> = {};
  for (let i = 0; i < 200; i++) files[`src/f${i}.ts`] = `import { broadcastShapes } from ${builtModule("src/ops/broadcast.js")};\nexport const bad = broadcastShapes([2, 3], [4]);\n`;
  const dir = tempProject(files);
  const run = spawnSync("bash", ["-c", `${JSON.stringify(bin)} src | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: "utf8" });
  expect(run.stdout.split("\n")).toHaveLength(2);
  expect(run.stderr.split("\n").filter((line) => !/^shapecheck: checking|^ {2}\d+\/200 files checked$/.test(line))).toEqual(["status 1", ""]);
}, 60_000);

it("checks one expression chaining 1,000 ops with TypeScript 6 too (a worker thread with a larger stack), as TypeScript 7 does", () => {
  const dir = tempProject({ "src/chain.ts": chainSource(1000) });
  const seven = spawnSync(bin, ["src/chain.ts"], { cwd: dir, encoding: "utf8" });
  const six = spawnSync(bin, ["src/chain.ts", "--engine", "ts-morph"], { cwd: dir, encoding: "utf8" });
  expect(seven.status).toBe(1);
  expect(seven.stdout.trimEnd().split("\n").at(-1)).toBe("1 shape error in 1 file (1 file checked)");
  expect({ status: six.status, stdout: six.stdout, stderr: six.stderr }).toEqual({ status: seven.status, stdout: seven.stdout, stderr: seven.stderr });
}, 120_000);

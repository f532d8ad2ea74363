/**
 * The `shapecheck` CLI run in-process through `main(argv, io)`: what it prints for clean and failing
 * files, `--json`, `--all`, directories and projects, the progress line, and every exit status.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFrame, type JsonError } from "../../src/cli/format.js";
import { EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE, PROGRESS_THRESHOLD } from "../../src/cli/main.js";
import { builtModule, builtPackage, chainSource, runCli, tempProject } from "./helpers.js";

const broadcast = builtModule("src/ops/broadcast.js");
beforeAll(() => builtPackage(), 120_000);

const CLEAN = `import { broadcastShapes } from ${broadcast};
export const out = broadcastShapes([8, 1, 6, 1], [7, 1, 5]);
`;

// Line 3 has the error; its offending argument `[4]` starts at column 44.
const ONE_ERROR = `import { broadcastShapes } from ${broadcast};
const ok = broadcastShapes([2, 3], [3]);
export const bad = broadcastShapes([2, 3], [4]);
`;

// Two errors, one each on lines 2 and 4; and a plain type error (TS2322) on line 3.
const TWO_ERRORS_AND_A_TYPE_ERROR = `import { broadcastShapes } from ${broadcast};
export const a = broadcastShapes(["batch", 784], ["n", 784]);
export const count: number = "three";
export const b = broadcastShapes([5, 2, 4, 1], [3, 1, 1]);
`;

const MESSAGE_2_3_WITH_4 =
  "SHAPE_BROADCAST: broadcastShapes: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)";
const MESSAGE_SYMBOLS =
  "SHAPE_BROADCAST: broadcastShapes: cannot broadcast ['batch', 784] with ['n', 784]: axis -2 is 'batch' vs 'n'; different names may be different sizes (state that they are equal with .as())";
const MESSAGE_RANK_4 =
  "SHAPE_BROADCAST: broadcastShapes: cannot broadcast [5, 2, 4, 1] with [3, 1, 1]: axis -3 is 2 vs 3; each axis must be equal or 1 (unsqueeze adds a size-1 axis)";

describe("exit 0: no shape errors", () => {
  it("prints only the summary for a clean file", async () => {
    const dir = tempProject({ "src/clean.ts": CLEAN });
    const run = await runCli(["src/clean.ts"], dir);
    expect(run).toEqual({ status: EXIT_CLEAN, stdout: "no shape errors (1 file checked)\n", stderr: "" });
  });

  it("prints an empty JSON array for a clean file", async () => {
    const dir = tempProject({ "src/clean.ts": CLEAN });
    const run = await runCli(["--json", "src/clean.ts"], dir);
    expect(run.status).toBe(EXIT_CLEAN);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("passes over other type errors without --all, but says how many there are", async () => {
    const dir = tempProject({ "src/typo.ts": `export const count: number = "three";\n` });
    const run = await runCli(["src/typo.ts"], dir);
    expect(run.status).toBe(EXIT_CLEAN);
    expect(run.stdout).toBe("no shape errors (1 file checked); 1 other type error not shown (--all lists them)\n");
  });

  it("--help and --version print and exit 0", async () => {
    const dir = tempProject({});
    const help = await runCli(["--help"], dir);
    expect(help.status).toBe(EXIT_CLEAN);
    expect(help.stdout).toMatch(/^Usage: shapecheck \[paths…\] \[--project tsconfig.json\] \[--json\] \[--all\]/);
    expect(help.stdout).toContain("Exit status: 0 no shape errors, 1 shape errors found, 2 usage or configuration error");
    const version = await runCli(["-v"], dir);
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    const escaped = pkg.version.replace(/\./g, "\\.");
    expect(version.stdout).toMatch(new RegExp(`^shapecheck ${escaped} \\(TypeScript 7\\.\\d+\\.\\d+ via tsc\\)\\n$`));
    const six = await runCli(["-v", "--engine", "ts-morph"], dir);
    expect(six.stdout).toMatch(new RegExp(`^shapecheck ${escaped} \\(TypeScript 6\\.\\d+\\.\\d+ via ts-morph\\)\\n$`));
  });
});

describe("exit 1: shape errors found", () => {
  it("prints file:line:col, the code, the message, a two-line frame with a caret under the argument, and a summary", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR });
    const run = await runCli(["src/bad.ts"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect(run.stderr).toBe("");
    const lines = ONE_ERROR.split("\n");
    expect(run.stdout).toBe(
      [
        `src/bad.ts:3:44  SHAPE_BROADCAST  ${MESSAGE_2_3_WITH_4.slice("SHAPE_BROADCAST: ".length)}`,
        `  2 | ${lines[1]}`,
        `> 3 | ${lines[2]}`,
        `    | ${" ".repeat(43)}^^^`,
        "",
        "1 shape error in 1 file (1 file checked)",
        "",
      ].join("\n"),
    );
    // The caret sits under `[4]`, the argument that is wrong.
    expect(lines[2]!.slice(43, 46)).toBe("[4]");
  });

  it("--json lists file, line, column, code, op and the runtime's message for each error", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR, "src/worse.ts": TWO_ERRORS_AND_A_TYPE_ERROR, "src/clean.ts": CLEAN });
    const run = await runCli(["--json", "src"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    const errors = JSON.parse(run.stdout) as JsonError[];
    expect(errors).toEqual([
      { file: "src/bad.ts", line: 3, column: 44, code: "SHAPE_BROADCAST", op: "broadcastShapes", message: MESSAGE_2_3_WITH_4 },
      { file: "src/worse.ts", line: 2, column: 50, code: "SHAPE_BROADCAST", op: "broadcastShapes", message: MESSAGE_SYMBOLS },
      { file: "src/worse.ts", line: 4, column: 48, code: "SHAPE_BROADCAST", op: "broadcastShapes", message: MESSAGE_RANK_4 },
    ]);
  });

  it("counts errors and the files that have them", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR, "src/worse.ts": TWO_ERRORS_AND_A_TYPE_ERROR, "src/clean.ts": CLEAN });
    const run = await runCli(["src"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "3 shape errors in 2 files (3 files checked); 1 other type error not shown (--all lists them)",
    );
    expect(run.stdout.match(/^src\/\S+:\d+:\d+ {2}\S+ {2}/gm)).toEqual([
      "src/bad.ts:3:44  SHAPE_BROADCAST  ",
      "src/worse.ts:2:50  SHAPE_BROADCAST  ",
      "src/worse.ts:4:48  SHAPE_BROADCAST  ",
    ]);
  });

  it("--all lists the other type errors too, in position order, and fails on them", async () => {
    const dir = tempProject({ "src/worse.ts": TWO_ERRORS_AND_A_TYPE_ERROR, "src/typo.ts": `export const count: number = "three";\n` });
    const run = await runCli(["--all", "--json", "src"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    const errors = JSON.parse(run.stdout) as JsonError[];
    expect(errors.map((e) => [e.file, e.line, e.code, e.op])).toEqual([
      ["src/typo.ts", 1, "TS2322", null],
      ["src/worse.ts", 2, "SHAPE_BROADCAST", "broadcastShapes"],
      ["src/worse.ts", 3, "TS2322", null],
      ["src/worse.ts", 4, "SHAPE_BROADCAST", "broadcastShapes"],
    ]);
    expect(errors[0]!.message).toBe("Type 'string' is not assignable to type 'number'.");

    const text = await runCli(["--all", "src/typo.ts"], dir);
    expect(text.status).toBe(EXIT_ERRORS);
    expect(text.stdout).toBe(
      [
        "src/typo.ts:1:14  TS2322  Type 'string' is not assignable to type 'number'.",
        "> 1 | export const count: number = \"three\";",
        "    |              ^^^^^",
        "",
        "no shape errors (1 file checked); 1 other type error",
        "",
      ].join("\n"),
    );
  });

  it("checks the project's files when no paths are given", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR, "src/clean.ts": CLEAN, "other/worse.ts": TWO_ERRORS_AND_A_TYPE_ERROR });
    const run = await runCli(["--json"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect((JSON.parse(run.stdout) as JsonError[]).map((e) => `${e.file}:${e.line}`)).toEqual(["src/bad.ts:3"]);
    const named = await runCli(["--project", "tsconfig.json"], dir);
    expect(named.stdout.trimEnd().split("\n").at(-1)).toBe("1 shape error in 1 file (2 files checked)");
  });

  it("searches directories for .ts/.tsx files, skipping node_modules, dist, hidden directories and .d.ts", async () => {
    const dir = tempProject({
      "src/a/bad.ts": ONE_ERROR,
      "src/a/b/bad.tsx": ONE_ERROR,
      "src/node_modules/dep/bad.ts": ONE_ERROR,
      "src/dist/bad.ts": ONE_ERROR,
      "src/.cache/bad.ts": ONE_ERROR,
      "src/types.d.ts": "export declare const x: number;\n",
      "src/notes.md": "not code\n",
    });
    const run = await runCli(["--json", "src"], dir);
    expect((JSON.parse(run.stdout) as JsonError[]).map((e) => e.file)).toEqual(["src/a/b/bad.tsx", "src/a/bad.ts"]);
  });

  it("reports paths relative to the working directory and a file given twice once", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR });
    const run = await runCli(["--json", "bad.ts", "../src/bad.ts", "."], path.join(dir, "src"));
    expect((JSON.parse(run.stdout) as JsonError[]).map((e) => e.file)).toEqual(["bad.ts"]);
  });

  it("works without a tsconfig when paths are given (strict NodeNext defaults)", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR }, null);
    const run = await runCli(["--json", "src/bad.ts"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect((JSON.parse(run.stdout) as JsonError[]).map((e) => e.message)).toEqual([MESSAGE_2_3_WITH_4]);
  });

  it(`prints a progress line on stderr for more than ${PROGRESS_THRESHOLD} files`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= PROGRESS_THRESHOLD; i++) files[`src/f${String(i).padStart(2, "0")}.ts`] = `export const v${i}: number = ${i};\n`;
    files["src/z.ts"] = ONE_ERROR;
    const dir = tempProject(files);
    const total = PROGRESS_THRESHOLD + 2;
    // TypeScript 7 checks the files in one run: one line before it starts.
    const run = await runCli(["src"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect(run.stderr).toMatch(new RegExp(`^shapecheck: checking ${total} files with TypeScript 7\\.\\d+\\.\\d+ \\(tsc\\)…\\n$`));
    expect(run.stdout).not.toContain("checking");
    // ts-morph checks file by file: a line at each quarter.
    const six = await runCli(["src", "--engine", "ts-morph"], dir);
    expect(six.status).toBe(EXIT_ERRORS);
    expect(six.stderr.split("\n")[0]).toMatch(new RegExp(`^shapecheck: checking ${total} files with TypeScript 6\\.\\d+\\.\\d+…$`));
    expect(six.stderr).toContain(`  ${total}/${total} files checked\n`);
    expect(six.stdout).toBe(run.stdout);
    const small = await runCli(["src/z.ts"], dir);
    expect(small.stderr).toBe("");
  });

  it("never runs the code it checks", async () => {
    const marker = "ran.txt";
    const dir = tempProject({
      "src/side-effect.ts": `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "it ran");\n${ONE_ERROR}`,
    });
    const run = await runCli(["src/side-effect.ts"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect(existsSync(path.join(dir, marker))).toBe(false);
    expect(existsSync(path.join(dir, "src", marker))).toBe(false);
  });
});

describe("exit 2: usage and configuration errors, with a clear message", () => {
  const usage = async (argv: string[], expected: string, files: Record<string, string> = { "src/bad.ts": ONE_ERROR }, tsconfig?: object | null) => {
    const dir = tsconfig === undefined ? tempProject(files) : tempProject(files, tsconfig);
    const run = await runCli(argv, dir);
    expect(run).toEqual({ status: EXIT_USAGE, stdout: "", stderr: `shapecheck: ${expected}\nRun shapecheck --help for usage.\n` });
  };

  it("an unknown flag", () => usage(["--jsn", "src"], "unknown option --jsn"));
  it("a flag that takes no value given one", () => usage(["--json=yes", "src"], "--json takes no value (got --json=yes)"));
  it("an unknown engine", () => usage(["--engine", "tsc6", "src"], "--engine takes auto, tsc or ts-morph (got tsc6)"));
  it("--project without a path", () => usage(["src", "--project"], "--project needs a path to a tsconfig.json, e.g. --project tsconfig.json"));
  it("a path that does not exist", () => usage(["src/missing.ts"], "cannot read src/missing.ts: no such file or directory"));
  it("a file that is not TypeScript", () => usage(["src/notes.md"], "src/notes.md is not a TypeScript file (.ts, .tsx, .mts or .cts)", { "src/notes.md": "#" }));
  it("a directory with no TypeScript files", () =>
    usage(["docs"], "no TypeScript files in docs (searched for .ts/.tsx, skipping node_modules and dist)", { "docs/a.md": "#" }));
  it("a missing tsconfig", () => usage(["--project", "nope/tsconfig.json", "src"], "cannot read nope/tsconfig.json: no such file or directory"));
  it("a tsconfig that is not JSON", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR, "broken.json": "{ compilerOptions: " });
    const run = await runCli(["-p", "broken.json"], dir);
    expect(run.status).toBe(EXIT_USAGE);
    expect(run.stderr).toMatch(/^shapecheck: invalid tsconfig broken\.json: .+\n/);
  });
  it("a tsconfig with an unknown compiler option", async () => {
    const dir = tempProject({ "src/bad.ts": ONE_ERROR, "odd.json": JSON.stringify({ compilerOptions: { strictt: true } }) });
    const run = await runCli(["--project=odd.json", "src"], dir);
    expect(run.status).toBe(EXIT_USAGE);
    expect(run.stderr).toContain("shapecheck: invalid tsconfig odd.json: Unknown compiler option 'strictt'.");
  });
  it("no paths and no tsconfig", () => usage([], "no tsconfig.json here or above; give paths to check or --project <tsconfig.json>", {}, null));
  it("a project with no files and no paths", async () => {
    const dir = tempProject({}, { compilerOptions: { strict: true }, include: ["src"] });
    const run = await runCli([], dir);
    expect(run).toEqual({ status: EXIT_USAGE, stdout: "", stderr: "shapecheck: tsconfig.json includes no TypeScript files; give paths to check\nRun shapecheck --help for usage.\n" });
  });
});

describe("the two engines (TypeScript 7's tsc, TypeScript 6 through ts-morph) report the same", () => {
  const engines = async (argv: string[], dir: string) => [await runCli([...argv, "--engine", "tsc"], dir), await runCli([...argv, "--engine", "ts-morph"], dir)];

  it("errors, positions, carets, other type errors and summaries, in a project and for paths outside it", async () => {
    const dir = tempProject({ "src/two.ts": TWO_ERRORS_AND_A_TYPE_ERROR, "src/one.ts": ONE_ERROR, "scripts/x.ts": ONE_ERROR });
    for (const argv of [[], ["--all"], ["--json", "--all"], ["src/one.ts"], ["scripts"], ["scripts", "--json"]]) {
      const [seven, six] = await engines(argv, dir);
      expect(seven!.status, argv.join(" ")).toBe(EXIT_ERRORS);
      expect(seven, argv.join(" ")).toEqual(six);
    }
  });

  it("without a tsconfig (strict NodeNext defaults)", async () => {
    const dir = tempProject({ "a.ts": TWO_ERRORS_AND_A_TYPE_ERROR }, null);
    const [seven, six] = await engines(["a.ts", "--json", "--all"], dir);
    expect(JSON.parse(seven!.stdout)).toHaveLength(3);
    expect(seven).toEqual(six);
  });

  it("on this repository's examples and compile-fail fixtures", async () => {
    const root = path.join(import.meta.dirname, "../..");
    const [seven, six] = await engines(["examples", "test/fixtures/elementwise.fixture.ts", "--json", "--all"], root);
    expect(JSON.parse(seven!.stdout).length).toBeGreaterThan(20);
    expect(seven).toEqual(six);
  });
});

describe("inputs that used to hang, crash or mislead it (issue 12)", () => {
  it("a FIFO named like a TypeScript file is a usage error, not a hang", async () => {
    const dir = tempProject({ "src/ok.ts": CLEAN });
    execFileSync("mkfifo", [path.join(dir, "src/pipe.ts")]);
    const run = await runCli(["src/pipe.ts"], dir);
    expect(run).toEqual({ status: EXIT_USAGE, stdout: "", stderr: "shapecheck: src/pipe.ts is not a regular file\nRun shapecheck --help for usage.\n" });
    // in a directory it is not a TypeScript file to check (only regular files are)
    expect((await runCli(["src"], dir)).stdout).toBe("no shape errors (1 file checked)\n");
  });

  it("a UTF-16LE file with a byte-order mark: its shape error, and a readable code frame", async () => {
    const dir = tempProject({ "src/ok.ts": CLEAN });
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ONE_ERROR, "utf16le")]);
    writeFileSync(path.join(dir, "src/wide.ts"), bytes);
    const run = await runCli(["src/wide.ts"], dir);
    expect(run.status).toBe(EXIT_ERRORS);
    expect(run.stdout).toContain(MESSAGE_2_3_WITH_4.slice("SHAPE_BROADCAST: ".length));
    expect(run.stdout).toContain("> 3 | export const bad = broadcastShapes([2, 3], [4]);");
    // UTF-16BE and UTF-8 with a byte-order mark too; and TypeScript 6 through ts-morph reads them all as
    // tsc does (it used to call UTF-16 "binary" and find nothing)
    const swapped = Buffer.from(ONE_ERROR, "utf16le");
    for (let i = 0; i < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    writeFileSync(path.join(dir, "src/wide-be.ts"), Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]));
    writeFileSync(path.join(dir, "src/bom.ts"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ONE_ERROR, "utf8")]));
    const files = ["src/bom.ts", "src/wide-be.ts", "src/wide.ts"];
    const seven = await runCli(files, dir);
    expect(seven.status).toBe(EXIT_ERRORS);
    expect(seven.stdout.match(/^> 3 \| export const bad = broadcastShapes\(\[2, 3\], \[4\]\);$/gm)).toHaveLength(3);
    expect(seven.stdout.trimEnd().split("\n").at(-1)).toBe("3 shape errors in 3 files (3 files checked)");
    expect(await runCli([...files, "--engine", "ts-morph"], dir)).toEqual(seven);
  });

  it("one expression chaining 1,000 ops: TypeScript 7 checks it; TypeScript 6 in process says cleanly that it is too deep (exit 2)", async () => {
    // (The built executable checks it with TypeScript 6 too, in a worker thread with a larger stack:
    // test/cli/bin.test.ts. From the TypeScript sources there is no built worker to run.)
    const dir = tempProject({ "src/chain.ts": chainSource(1000) });
    const seven = await runCli(["--json", "src/chain.ts"], dir);
    expect(seven.status).toBe(EXIT_ERRORS);
    expect((JSON.parse(seven.stdout) as JsonError[]).map((e) => [e.line, e.code])).toEqual([[3, "SHAPE_BROADCAST"]]);
    const six = await runCli(["--json", "src/chain.ts", "--engine", "ts-morph"], dir);
    expect(six).toEqual({
      status: EXIT_USAGE,
      stdout: "",
      stderr:
        "shapecheck: src/chain.ts is nested too deeply for TypeScript 6 (the ts-morph engine) to check: its call stack overflowed. " +
        "Check it with TypeScript 7 (--engine tsc; npm install -D typescript@7), or split the longest expression into shorter statements\n" +
        "Run shapecheck --help for usage.\n",
    });
  });

  it("a very long line shows a window around the error, with the caret under it", () => {
    const line = `${"x".repeat(5000)}f([4])${"y".repeat(5000)}`;
    const frame = codeFrame(line, 1, 5003, 3).split("\n");
    expect(frame[0]!.length).toBeLessThan(220);
    expect(frame[0]).toContain("…xxxx");
    expect(frame[0]).toContain("f([4])");
    const caret = frame[1]!.indexOf("^");
    expect(frame[0]!.slice(caret, caret + 3)).toBe("[4]");
    expect(frame[1]!.trimEnd().endsWith("^^^")).toBe(true);
    // short lines are unchanged
    expect(codeFrame("const a = 1;\nconst b = f(a);\n", 2, 13, 1)).toBe("  1 | const a = 1;\n> 2 | const b = f(a);\n    |             ^");
  });
});

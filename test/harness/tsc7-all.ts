/**
 * One TypeScript 7 run (`tsc --noEmit --pretty false`, native) per test run for every check of this
 * repository's own files with its compiler options: the repository's project (tsconfig.json: src,
 * types, examples, test, bench) together with the files it leaves out because they fail on purpose
 * (test/fixtures/, examples/errors/, test/generic/bugs.ts and limits.ts), whose tsconfigs extend it and
 * change no option. Each of those checks used to be a `tsc` process of its own, and each checked the
 * library's sources again; here the library is checked once, and each test reads its files'
 * diagnostics from the one report. (Every file is an ES module — package.json's `"type": "module"`
 * under NodeNext — so no file's declarations reach another's diagnostics.)
 *
 * The first caller starts the run (a lock directory says who, as for the package build:
 * test/harness/build.ts); the others, in any worker, wait for its report. test/global-setup.ts removes
 * the previous run's report. Nothing here loads the compiler API, so test/typecheck.test.ts starts the
 * run as soon as it is loaded.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { takeLock } from "./lock.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the combined tsconfig and the report go (.run/ is ignored by git and by the repository's tsconfig). */
export const tsc7AllDir = path.join(root, ".run/tsc7-all");
export const tsc7AllLock = `${tsc7AllDir}.lock`;

interface Tsconfig {
  extends?: string;
  compilerOptions?: Record<string, unknown>;
  include?: string[];
  exclude?: string[];
}

const readTsconfig = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Tsconfig;
const repository = () => readTsconfig(path.join(root, "tsconfig.json"));

/**
 * The files a tsconfig of this repository holds, as a test on absolute paths, when the combined run
 * checks them exactly as `tsc -p` on it would: it extends the repository's tsconfig, sets no option
 * but `noEmit` (which the repository's sets too), and includes `./*<suffix>` of its own directory.
 * `undefined` for any other tsconfig.
 */
export function servedFiles(tsconfig: string): ((file: string) => boolean) | undefined {
  const file = path.resolve(tsconfig);
  if (!existsSync(file)) return undefined;
  const config = readTsconfig(file);
  const dir = path.dirname(file);
  if (config.extends === undefined || path.resolve(dir, config.extends) !== path.join(root, "tsconfig.json")) return undefined;
  if (Object.entries(config.compilerOptions ?? {}).some(([name, value]) => !(name === "noEmit" && value === true))) return undefined;
  const suffix = config.include?.length === 1 ? /^\.\/\*([\w.-]+)$/.exec(config.include[0]!)?.[1] : undefined;
  if (suffix === undefined || (config.exclude ?? []).length > 0) return undefined;
  return (candidate) => path.dirname(candidate) === dir && path.basename(candidate).endsWith(suffix);
}

/** The repository's `exclude` entries that are files failing on purpose (the rest — node_modules, dist, .run — stay excluded). */
const DELIBERATE = (exclude: readonly string[]) => exclude.filter((entry) => entry.startsWith("test/") || entry.startsWith("examples/"));

/**
 * Whether a file (absolute) is one the repository's project leaves out on purpose (its `exclude`
 * entries under test/ and examples/): every other file of the combined run is in tsconfig.json's project.
 */
export function failsOnPurpose(file: string): boolean {
  const relative = path.relative(root, file).split(path.sep).join("/");
  return DELIBERATE(repository().exclude ?? []).some((entry) => relative === entry || relative.startsWith(`${entry}/`));
}

/** The combined tsconfig: the repository's, with the deliberately failing files put back in. */
function writeCombinedTsconfig(): string {
  const config = repository();
  const up = (entry: string) => path.relative(tsc7AllDir, path.join(root, entry)).split(path.sep).join("/");
  const deliberate = new Set(DELIBERATE(config.exclude ?? []));
  const combined = {
    extends: up("tsconfig.json"),
    include: (config.include ?? []).map(up),
    exclude: (config.exclude ?? []).filter((entry) => !deliberate.has(entry)).map(up),
  };
  const file = path.join(tsc7AllDir, "tsconfig.json");
  writeFileSync(file, `${JSON.stringify(combined, null, 2)}\n`);
  return file;
}

async function tscCommand(): Promise<[string, ...string[]]> {
  const home = path.join(root, "node_modules/typescript");
  try {
    const { default: exePath } = (await import(pathToFileURL(path.join(home, "lib/getExePath.js")).href)) as { default: () => string };
    return [exePath()];
  } catch {
    return [process.execPath, path.join(home, "bin/tsc")];
  }
}

// One checker thread: the test workers keep the other core busy meanwhile (the diagnostics are the same).
const ARGS = (tsconfig: string) => ["-p", tsconfig, "--noEmit", "--pretty", "false", "--checkers", "1"];

const done = path.join(tsc7AllDir, "output.txt");
const failed = path.join(tsc7AllDir, "failed.txt");

/** Takes the lock; `true` when this process is the one to run `tsc`. */
function claim(): boolean {
  if (!takeLock(tsc7AllLock)) return false;
  mkdirSync(tsc7AllDir, { recursive: true });
  return true;
}

function settled(): string | undefined {
  if (existsSync(done)) return readFileSync(done, "utf8");
  if (existsSync(failed)) throw new Error(`TypeScript 7 (tsc ${ARGS(".run/tsc7-all/tsconfig.json").join(" ")}) could not run:\n${readFileSync(failed, "utf8")}`);
  return undefined;
}

let report: Promise<string> | undefined;

/** The combined run's report (`tsc --pretty false` output, paths relative to the repository's root). */
export function tsc7AllOutput(): Promise<string> {
  report ??= (async () => {
    if (claim()) {
      const tsconfig = writeCombinedTsconfig();
      const [command, ...prefix] = await tscCommand();
      await new Promise<void>((resolve) => {
        execFile(command, [...prefix, ...ARGS(tsconfig)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 }, (error, stdout, stderr) => {
          // Errors found exit 1 with the report on stdout; anything else on stderr means tsc itself failed.
          if (error && (stdout.length === 0 || stderr.length > 0)) writeFileSync(failed, `${stdout}${stderr}` || error.message);
          else writeFileSync(done, stdout);
          resolve();
        });
      });
    }
    for (;;) {
      const output = settled();
      if (output !== undefined) return output;
      await sleep(50);
    }
  })();
  return report;
}

/** {@link tsc7AllOutput}, blocking (for callers that are synchronous). */
export function tsc7AllOutputSync(): string {
  if (claim()) {
    const tsconfig = writeCombinedTsconfig();
    const command = existsSync(path.join(root, "node_modules/typescript/bin/tsc")) ? [process.execPath, path.join(root, "node_modules/typescript/bin/tsc")] : ["tsc"];
    try {
      writeFileSync(done, execFileSync(command[0]!, [...command.slice(1), ...ARGS(tsconfig)], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] }));
    } catch (error) {
      const { stdout = "", stderr = "", message } = error as { stdout?: string; stderr?: string; message: string };
      if (stdout.length === 0 || stderr.length > 0) writeFileSync(failed, `${stdout}${stderr}` || message);
      else writeFileSync(done, stdout);
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const output = settled();
    if (output !== undefined) return output;
    Atomics.wait(pause, 0, 0, 50);
  }
}

/** A `--pretty false` report cut into diagnostics: each one's file (absolute) and its lines as printed. */
export function reportBlocks(output: string): { file: string | undefined; text: string }[] {
  const blocks: { file: string | undefined; text: string }[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const head = /^(.+)\(\d+,\d+\): error TS\d+: /.exec(line);
    const last = blocks.at(-1);
    if (!head && last && /^\s/.test(line)) last.text += `\n${line}`;
    else blocks.push({ file: head ? path.resolve(root, head[1]!) : undefined, text: line });
  }
  return blocks;
}

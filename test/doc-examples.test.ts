/**
 * Every `@example` in the source is executable documentation (STYLE 9): each line ending in
 * `//=> expected` is checked.
 * - In src/: the line's expression runs (after the example's earlier lines) and must equal `expected`
 *   (a JSON/JS literal; a tensor result is compared by `toArray()`), or `//=> throws CODE` must throw a
 *   ShapeError with that code; `//=> Tensor<[…]>` is a claim about the type and is checked by the compiler.
 * - In types/: `type X = Rule<…>; //=> [8, 7, 6, 5]` is checked by the compiler.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";
import { beforeAll, describe, expect, it } from "vitest";
import { root } from "./harness/compile.js";
import { evaluateTypeBatches } from "./harness/types.js";

interface Example {
  readonly file: string;
  readonly line: number;
  readonly lines: readonly string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** The `@example` blocks of a file: the lines after the tag up to the next tag or the comment's end. */
function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const text = lines[j]!;
      if (/^\s*\*\//.test(text) || /^\s*\*\s*@\w+/.test(text)) break;
      body.push(text.replace(/^\s*\* ?/, ""));
    }
    out.push({ file, line: i + 1, lines: body });
  }
  return out;
}

const CHECK = /^(.*?);?\s*\/\/=>\s*(.+)$/;
// The CLI's and the testing helper's examples are shell commands and test code: their own tests run them.
const srcExamples = walk(path.join(root, "src"))
  .filter((file) => !/src[\\/](cli|testing)[\\/]/.test(file))
  .flatMap(examplesOf);
const typeExamples = walk(path.join(root, "types")).flatMap(examplesOf);
const rel = (e: Example) => `${path.relative(root, e.file)}:${e.line}`;

const isTypeClaim = (expected: string) => /^[A-Z]\w*</.test(expected);

/** Strips TypeScript syntax from a line so it can run as JavaScript. */
const toJs = (code: string) =>
  ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText.replace(/^"use strict";\s*/, "");

function normalize(value: unknown): unknown {
  if (value && typeof value === "object" && "toArray" in value && typeof (value as { toArray: unknown }).toArray === "function") {
    return (value as { toArray(): unknown }).toArray();
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

describe("doc examples in src/ run and print what they say", async () => {
  const rootApi = (await import("../src/index.js")) as Record<string, unknown>;
  // src/tfjs's examples run against shapecheck/tfjs (tfjs's names), on tfjs-core's cpu backend — set
  // here: test files share a worker's modules, and one run before may have left tfjs on wasm (which
  // has no einsum kernel).
  await import("@tensorflow/tfjs-backend-cpu");
  const tfc = await import("@tensorflow/tfjs-core");
  beforeAll(async () => {
    await tfc.setBackend("cpu");
    await tfc.ready();
  });
  const tfjsApi = (await import("../src/tfjs/index.js")) as Record<string, unknown>;
  const apiOf = (file: string) => (/src[\\/]tfjs[\\/]/.test(file) ? tfjsApi : rootApi);
  const runtime = srcExamples.filter((e) => e.lines.some((l) => CHECK.test(l) && !isTypeClaim(CHECK.exec(l)![2]!.trim())));

  it("there are examples to check", () => {
    expect(runtime.length).toBeGreaterThan(10);
  });

  it.each(runtime.map((e) => [rel(e), e] as const))("%s", (_where, example) => {
    const results: { expected: string; got: unknown; threw: unknown }[] = [];
    const body: string[] = [];
    for (const line of example.lines) {
      if (/^\s*import\b/.test(line)) continue;
      const check = CHECK.exec(line);
      if (!check || isTypeClaim(check[2]!.trim())) {
        body.push(toJs(line));
        continue;
      }
      // `setup(); value //=> x`: the statements before the last `;` run first.
      const code = check[1]!;
      const split = code.lastIndexOf("; ");
      if (split >= 0) body.push(toJs(code.slice(0, split + 1)));
      const last = split >= 0 ? code.slice(split + 2) : code;
      const expr = toJs(`(${last.replace(/^(const|let)\s+\w+\s*=\s*/, "")})`).trim().replace(/;$/, "");
      const index = results.push({ expected: check[2]!.trim(), got: undefined, threw: undefined }) - 1;
      body.push(`try { __results[${index}].got = (${expr}); } catch (e) { __results[${index}].threw = e; }`);
      const declared = /^(const|let)\s+(\w+)\s*=/.exec(last);
      if (declared) body.push(`const ${declared[2]} = __results[${index}].got;`);
    }
    const api = apiOf(example.file);
    const names = Object.keys(api);
    new Function("__results", ...names, body.join("\n"))(results, ...names.map((n) => api[n]));
    for (const r of results) {
      const throws = /^throws (\S+)/.exec(r.expected);
      if (throws) {
        expect((r.threw as { code?: string } | undefined)?.code, r.expected).toBe(throws[1]);
        continue;
      }
      if (r.threw) throw r.threw;
      const expected = new Function(`return (${r.expected});`)();
      expect(normalize(r.got)).toEqual(expected);
    }
  });
});

describe("doc examples' type claims hold in the compiler", async () => {
  const api = (await import("../src/index.js")) as Record<string, unknown>;
  const header = (file: string) => [
    `import * as api from "../src/index.js";`,
    // Type names resolve against the example's own file when it is in types/, else types/index.ts.
    `import type * as T from "${file.includes(`${path.sep}types${path.sep}`) ? `./${path.relative(path.join(root, "test"), file).replaceAll(path.sep, "/").replace(/\.ts$/, ".js")}` : "../types/index.js"}";`,
    `import { Tensor } from "../src/index.js";`,
    `const { ${Object.keys(api).filter((name) => name !== "Tensor").join(", ")} } = api;`,
  ].join("\n");
  const claims = [...srcExamples, ...typeExamples].flatMap((e) =>
    e.lines.flatMap((l, i) => {
      const check = CHECK.exec(l);
      if (!check) return [];
      const expected = check[2]!.trim();
      const setup = e.lines.slice(0, i).filter((s) => !/^\s*import\b/.test(s)).map((s) => s.replace(/\/\/=>.*$/, ""));
      const typeLine = /^\s*type\s+\w+\s*=\s*(.+?);?\s*$/.exec(check[1]!);
      if (typeLine) return [{ where: rel(e), file: e.file, setup, value: "", expression: typeLine[1]!, expected }];
      if (isTypeClaim(expected)) {
        const value = `const __value = ${check[1]!.replace(/^(const|let)\s+\w+\s*=\s*/, "")};`;
        return [{ where: rel(e), file: e.file, setup, value, expression: "typeof __value", expected }];
      }
      return [];
    }),
  );

  it("there are type claims to check", () => {
    expect(claims.length).toBeGreaterThan(5);
  });

  it("every type claim", () => {
    const wrong: string[] = [];
    const normalized = (text: string) => text.replace(/\s+/g, " ").replace(/\bT\./g, "");
    // Type names in the expression come from types/index.ts (as `T.Name`), except Tensor.
    const qualify = (code: string) => code.replace(/(?<![.\w])([A-Z]\w*)</g, (m, name: string) => (name === "Tensor" ? m : `T.${name}<`));
    // Each claim in a file of its own, all checked by one program.
    const texts = evaluateTypeBatches(
      claims.map((claim) => {
        const setup = claim.setup.map((line) => (/^\s*type\s/.test(line) ? qualify(line) : line));
        return { imports: `${header(claim.file)}\n${setup.join("\n")}\n${claim.value}`, expressions: [qualify(claim.expression)] };
      }),
    );
    claims.forEach((claim, i) => {
      const [text] = texts[i]!;
      if (normalized(text!) !== normalized(claim.expected)) wrong.push(`${claim.where}: ${claim.expression} is ${text}, the doc says ${claim.expected}`);
    });
    expect(wrong).toEqual([]);
  });
});

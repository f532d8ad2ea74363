/**
 * The README stays true: each of its TypeScript code blocks (but the one that needs the built
 * package's `shapecheck/testing` and vitest) compiles, with exactly the shape errors its comments
 * show — a `// ~~~ SHAPE_CODE: …` line marks an error on the code line above it, with that text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { root, sharedChecker } from "./harness/compile.js";

const readme = readFileSync(path.join(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => !code.includes("shapecheck/testing"));

it("has code blocks to check", () => {
  expect(blocks.length).toBeGreaterThanOrEqual(2);
});

it.each(blocks.map((code, i) => [i, code] as const))("block %i compiles with exactly the errors it shows", (i, code) => {
  // The package's own name resolves to the source here; blocks without imports get the type names.
  const source = code.includes('from "shapecheck"')
    ? code.replace('from "shapecheck"', 'from "../src/index.js"')
    : `import type { Dim, Shape, Tensor } from "../src/index.js";\n${code}`;
  const offset = code.includes('from "shapecheck"') ? 0 : 1;
  const lines = code.split("\n");
  const expected: { line: number; code: string; text: string }[] = [];
  lines.forEach((line, index) => {
    const mark = /^\/\/\s*~+\s+(SHAPE_[A-Z_]+): (.*)$/.exec(line.trim());
    if (!mark) return;
    // The marked code line is the nearest line above that is not itself a comment.
    let target = index - 1;
    while (target >= 0 && lines[target]!.trim().startsWith("//")) target--;
    const continued = lines.slice(index + 1).findIndex((l) => !/^\/\/\s{2,}\S/.test(l.trim()));
    const rest = lines.slice(index + 1, index + 1 + Math.max(continued, 0)).map((l) => l.trim().replace(/^\/\/\s*/, ""));
    expected.push({ line: target + 1 + offset, code: mark[1]!, text: [mark[2]!, ...rest].join(" ") });
  });
  const found = sharedChecker().diagnostics({ code: source, fileName: `test/__readme_block_${i}.ts` });
  expect(found.map((d) => ({ line: d.line, code: d.code, text: d.message.slice(d.code.length + 2) }))).toEqual(
    expected.map((e) => ({ line: e.line, code: e.code, text: e.text })),
  );
});

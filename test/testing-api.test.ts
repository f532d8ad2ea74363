/**
 * `shapecheck/testing` as its users call it: `findShapeErrors` on files and snippets, `expectShapeErrors`
 * against `// @shape-error` annotations with a line-by-line report when they differ, and a reusable
 * `ShapeChecker`. (test/pack.test.ts runs the documented vitest example against the installed package;
 * test/compile-errors.test.ts runs `findShapeErrors` and `expectShapeErrors` over every fixture, in the
 * program that checked them there.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { codeFrame } from "../src/cli/format.js";
import { ShapeChecker, expectShapeErrors, findShapeErrors, formatMismatches } from "../src/testing/index.js";
import { root } from "./harness/compile.js";

const broadcast = JSON.stringify(path.join(root, "src/ops/broadcast.js"));
const MESSAGE =
  "SHAPE_BROADCAST: broadcastShapes: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)";

const temp = mkdtempSync(path.join(tmpdir(), "shapecheck-testing-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("findShapeErrors", () => {
  it("finds a snippet's shape error with its position, code, op and the runtime's message", () => {
    const code = [`import { broadcastShapes } from ${broadcast};`, `broadcastShapes([2, 3], [3]);`, `broadcastShapes([2, 3], [4]);`].join("\n");
    const [error, ...rest] = findShapeErrors({ code });
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ line: 3, column: 25, length: 3, code: "SHAPE_BROADCAST", op: "broadcastShapes", message: MESSAGE });
    expect(path.dirname(error!.file)).toBe(root);
  });

  it("finds no shape errors in a snippet without any, and ignores other type errors", () => {
    const code = `import { broadcastShapes } from ${broadcast};\nbroadcastShapes([8, 1, 6, 1], [7, 1, 5]);\nconst n: number = "x";\n`;
    expect(findShapeErrors({ code })).toEqual([]);
  });

  it("reads files afresh on every call", () => {
    const checker = new ShapeChecker({ tsconfig: null });
    const file = path.join(temp, "changing.ts");
    writeFileSync(file, `import { broadcastShapes } from ${broadcast};\nbroadcastShapes([2, 3], [4]);\n`);
    expect(checker.shapeErrors(file).map((e) => e.message)).toEqual([MESSAGE]);
    writeFileSync(file, `import { broadcastShapes } from ${broadcast};\nbroadcastShapes([2, 3], [3]);\n`);
    expect(checker.shapeErrors(file)).toEqual([]);
  });
});

describe("module format", () => {
  it("treats a .ts file under a package.json with type: module as ESM, as tsc does (import.meta, top-level await)", () => {
    const checker = new ShapeChecker({ tsconfig: path.join(root, "tsconfig.json"), dir: root });
    const code = `export const here: string = import.meta.url;\nawait Promise.resolve();\n`;
    expect(checker.diagnostics({ code }).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    // …and a .cts file as CommonJS, where both are errors.
    const cts = checker.diagnostics({ code, fileName: path.join(root, "__shapecheck_format.cts") }).map((d) => d.code);
    expect(cts).toEqual(["TS1470", "TS1309"]);
  });
});

describe("expectShapeErrors", () => {
  it("throws a report of expected vs found, line by line, when they differ", () => {
    const code = [
      `import { broadcastShapes } from ${broadcast};`, // 1
      `// @shape-error SHAPE_BROADCAST`, // 2: expected, but line 3 is fine
      `broadcastShapes([2, 3], [3]);`, // 3
      `broadcastShapes([2, 3], [4]);`, // 4: found, not annotated
      `// @shape-error SHAPE_MATMUL`, // 5: expected the wrong code
      `broadcastShapes([2, 3], [4]);`, // 6
      `const n: number = "x";`, // 7: a type error that is not a shape error
      `// @shape-error SHAPE_BROADCAST`, // 8: right
      `broadcastShapes([2, 3], [4]);`, // 9
    ].join("\n");
    const snippet = path.join(temp, "mismatch.ts");
    let report = "";
    try {
      expectShapeErrors({ code, fileName: snippet }, { tsconfig: null, dir: temp });
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toBe(
      [
        "shape errors differ from the @shape-error annotations:",
        "mismatch.ts:3",
        "  code:     broadcastShapes([2, 3], [3]);",
        "  expected: SHAPE_BROADCAST",
        "  found:    no error",
        "mismatch.ts:4",
        "  code:     broadcastShapes([2, 3], [4]);",
        "  expected: no error",
        `  found:    ${MESSAGE}`,
        "mismatch.ts:6",
        "  code:     broadcastShapes([2, 3], [4]);",
        "  expected: SHAPE_MATMUL",
        `  found:    ${MESSAGE}`,
        "mismatch.ts:7",
        '  code:     const n: number = "x";',
        "  expected: no error",
        "  found:    TS2322: Type 'string' is not assignable to type 'number'.",
      ].join("\n"),
    );
  });
});


describe("the doc examples of src/testing and src/cli", () => {
  it("findShapeErrors' example (with the package import pointed at this repository's sources)", () => {
    const code = `import { zeros } from "shapecheck"; zeros([2, 3]).add(zeros([4]));`.replace('"shapecheck"', JSON.stringify(path.join(root, "src/index.js")));
    const offset = code.indexOf("zeros([2, 3])") - `import { zeros } from "shapecheck"; `.length;
    const [error] = findShapeErrors({ code });
    expect([error!.line, error!.column - offset, error!.message]).toEqual([
      1,
      55,
      "SHAPE_BROADCAST: add: cannot broadcast [2, 3] with [4]: axis -1 is 3 vs 4; each axis must be equal or 1 (unsqueeze adds a size-1 axis)",
    ]);
  });

  it("formatMismatches' example", () => {
    expect(formatMismatches([{ file: "a.ts", line: 4, expected: "SHAPE_MATMUL", found: [], source: "x.matmul(w);" }])).toBe(
      "a.ts:4\n  code:     x.matmul(w);\n  expected: SHAPE_MATMUL\n  found:    no error",
    );
  });

  it("codeFrame's example", () => {
    expect(codeFrame("const a = 1;\nconst b = f(a);\n", 2, 13, 1)).toBe("  1 | const a = 1;\n> 2 | const b = f(a);\n    |             ^");
  });
});

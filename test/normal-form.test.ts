/**
 * One symbolic normal form in the comparisons (issue: catch the bugs that run, part 2, for broadcasting,
 * matmul and `.as()`): `"n+m"` equals `"m+n"`, `"1"` is the size 1, `"768"` is 768 — at run time and
 * at the type level, with the same results. Concat, stack and reshape already compared normal forms.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { broadcastShapes, matmulShape, zeros } from "../src/index.js";
import { root, sharedChecker } from "./harness/compile.js";

it("run time: expressions compare by normal form in broadcastShapes and matmulShape", () => {
  expect(broadcastShapes(["n+m", 3], ["m+n", 3])).toEqual(["n+m", 3]);
  expect(broadcastShapes(["1", 3], [4, 3])).toEqual([4, 3]);
  expect(broadcastShapes(["768"], [768])).toEqual([768]);
  expect(broadcastShapes(["n*2"], ["n+n"])).toEqual(["n*2"]);
  expect(matmulShape(["a", "n+m"], ["m+n", 4])).toEqual(["a", 4]);
  expect(zeros([2, 3]).as(["m+n", 3]).add(zeros([2, 3]).as(["n+m", 3])).shape).toEqual([2, 3]);
  expect(() => broadcastShapes(["n+m"], ["n+1"] as never)).toThrow(/SHAPE_BROADCAST/);
});

it("type level: the same results, exactly, and the same clash", () => {
  const found = sharedChecker().diagnostics({
    code: [
      `import { broadcastShapes, matmulShape, zeros, type Tensor } from ${JSON.stringify(path.join(root, "src/index.js"))};`,
      `const a: ["n+m", 3] = broadcastShapes(["n+m", 3], ["m+n", 3]);`,
      `const b: [4, 3] = broadcastShapes(["1", 3], [4, 3]);`,
      `const c: [768] = broadcastShapes(["768"], [768]);`,
      `const d: ["n*2"] = broadcastShapes(["n*2"], ["n+n"]);`,
      `const e: ["a", 4] = matmulShape(["a", "n+m"], ["m+n", 4]);`,
      `const f: Tensor<["n+m", 3]> = zeros([2, 3]).as(["m+n", 3]).add(zeros([2, 3]).as(["n+m", 3]));`,
      `broadcastShapes(["n+m"], ["n+1"]);`,
      `export { a, b, c, d, e, f };`,
    ].join("\n"),
  });
  expect(found.map((d) => `${d.line}: ${d.message}`)).toEqual([
    `8: SHAPE_BROADCAST: broadcastShapes: cannot broadcast ['n+m'] with ['n+1']: axis -1 is 'n+m' vs 'n+1'; different names may be different sizes (state that they are equal with .as())`,
  ]);
});

it("size-expression names are validated the same way at both levels: .as() and the pure rules", () => {
  const found = sharedChecker().diagnostics({
    code: [
      `import { broadcastShapes, zeros } from ${JSON.stringify(path.join(root, "src/index.js"))};`,
      `zeros([2]).as(['q"']);`,
      `zeros([2]).as(["n+"]);`,
      `broadcastShapes(["n+"], [2]);`,
    ].join("\n"),
  });
  const compiled = found.map((d) => d.message);
  const thrownBy = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as Error).message;
    }
    return "(nothing thrown)";
  };
  const runtime = [
    thrownBy(() => zeros([2]).as(['q"'] as never)),
    thrownBy(() => zeros([2]).as(["n+"] as never)),
    thrownBy(() => broadcastShapes(["n+"] as never, [2])),
  ];
  expect(compiled).toEqual(runtime);
  expect(runtime[1]).toBe(`SHAPE_INVALID_SHAPE: as: invalid shape ['n+']: dim 'n+' is not a size expression (names and numbers joined by + and *, like 'n+m' or 's*768')`);
});

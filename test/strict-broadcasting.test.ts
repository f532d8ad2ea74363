/**
 * Strict broadcasting (issue: catch the bugs that run): an implicit outer broadcast in a tensor op is
 * `SHAPE_IMPLICIT_OUTER` at compile time and at run time (test/fixtures/elementwise.fixture.ts,
 * where.fixture.ts and einsum.fixture.ts — einsum's `...` — hold the errors and their messages). Here: the opt-out, at the type level through
 * `ShapecheckConfig`, checked with TypeScript 7 in a project of its own (the augmentation is
 * project-wide), and the pure rule functions, which stay NumPy-exact.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { broadcastShapes, einsumShape, elementwiseShape } from "../src/index.js";
import { root } from "./harness/compile.js";
import { tsc7Source as tsc7 } from "./harness/type-tests.js";

const index = JSON.stringify(path.join(root, "src/index.js"));

const outer = [
  `import { einsum, zeros, type Tensor } from ${index};`,
  "const residual: Tensor<[4, 3]> = zeros([3]).sub(zeros([4, 1]));",
  "const numpyDocs: Tensor<[8, 7, 6, 5]> = zeros([8, 1, 6, 1]).add(zeros([7, 1, 5]));",
  'const batches: Tensor<[5, 7, 2, 4]> = einsum("...ij,...jk->...ik", zeros([5, 1, 2, 3]), zeros([7, 3, 4]));',
  "export { residual, numpyDocs, batches };",
].join("\n");

it("by default an implicit outer broadcast does not compile", () => {
  const printed = tsc7(outer);
  expect(printed).toContain("SHAPE_IMPLICIT_OUTER: sub: [3] with [4, 1] stretches both operands across ranks into the outer [4, 3]");
  expect(printed).toContain("SHAPE_IMPLICIT_OUTER: add: [8, 1, 6, 1] with [7, 1, 5] stretches both operands across ranks into the outer [8, 7, 6, 5]");
  expect(printed).toContain("SHAPE_IMPLICIT_OUTER: einsum: '...ij,...jk->...ik': '...' is [5, 1] in operand 0 but [7] in operand 1, which stretch each other across ranks into the outer [5, 7]");
}, 60_000);

it("a project that sets broadcasting: \"numpy\" in ShapecheckConfig gets NumPy's rules, with the same result types", () => {
  const optedOut = `${outer}\ndeclare module ${index} {\n  interface ShapecheckConfig { broadcasting: "numpy" }\n}\n`;
  expect(tsc7(optedOut)).toBe("");
}, 60_000);

it("the pure rule functions stay NumPy-exact", () => {
  expect(broadcastShapes([3], [4, 1])).toEqual([4, 3]);
  expect(einsumShape("...ij,...jk->...ik", [5, 1, 2, 3], [7, 3, 4])).toEqual([5, 7, 2, 4]);
  expect(elementwiseShape([8, 1, 6, 1], [7, 1, 5])).toEqual([8, 7, 6, 5]);
});

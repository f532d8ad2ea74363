// Compile-time behaviour of the tensor API that the @shape-error fixtures cannot express: a ragged
// literal is an INPUT_RAGGED error (not a shape error) carrying the runtime's text; result types
// print as plain tuples; the message quoted in examples/seed-bias-gradient.ts is the compiler's.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, sharedChecker } from "../harness/compile.js";
import { rearrangeShape } from "../../src/index.js";

const header = `import { tensor, zeros, randn, where, rearrangeShape, Tensor } from "../../src/index.js";\n`;
let snippets = 0;
function diagnose(code: string) {
  return sharedChecker().diagnostics({ code: header + code, fileName: path.join(root, `test/runtime/__compile_time_${snippets++}.ts`) });
}

describe("ragged literals", () => {
  it.each([
    ["tensor([[1, 2], [3]])", "INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [1] but element [0] has shape [2]"],
    ["tensor([[[1, 2], [3, 4]], [[1, 2], [3]]])", "INPUT_RAGGED: tensor: ragged nested array: element [1][1] has shape [1] but element [1][0] has shape [2]"],
    ["tensor([[1, 2], 3])", "INPUT_RAGGED: tensor: ragged nested array: element [1] has shape [] but element [0] has shape [2]"],
  ])("%s fails to compile with the runtime's message", (call, message) => {
    const found = diagnose(`${call};\n`);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(2);
    expect(found[0]!.text).toContain(`RaggedArray<${JSON.stringify(message)}>`);
  });

  it("rectangular literals and arrays of unknown length compile", () => {
    expect(diagnose(`tensor([[1, 2], [3, 4]]);\ntensor([[1], [2]] as number[][]);\ntensor(5);\ntensor([]);\n`)).toEqual([]);
  });

  it("data computed by a call whose result type comes from the context compiles (no TS2589 under TypeScript 6)", () => {
    expect(diagnose(`tensor(Array.from({ length: 6 }, (_, i) => i));\ntensor([1, 2, 3].map((v) => [v, v * 2]));\n`)).toEqual([]);
  });

  it("data that is not numbers all the way down does not compile", () => {
    const found = diagnose(`tensor([[1, "x"]]);\ntensor([true]);\n`);
    expect(found.map((d) => d.line)).toEqual([2, 3]); // the snippet starts after the import line
  });
});

describe("result types", () => {
  it("print as the exact tuple, not readonly, not an intersection", () => {
    const found = diagnose(
      [
        "const a: string = zeros([8, 1, 6, 1]).add(zeros([1, 7, 1, 5]));",
        "const b: string = tensor([[1, 2, 3], [4, 5, 6]]).sum(0, true);",
        "const c: string = zeros([2, 3]).softmax().mean(-1);",
        "const d: string = where(zeros([3, 1]), zeros([1, 4]), 0).grad;",
        "const e: string = zeros([2, 3]).as(['batch', 3]).mul(2);",
        "declare const n: number; const f: string = zeros([n, 3]).add(zeros([3]));",
      ].join("\n"),
    );
    expect(found.map((d) => d.message)).toEqual([
      "Type 'Tensor<[8, 7, 6, 5]>' is not assignable to type 'string'.",
      "Type 'Tensor<[1, 3]>' is not assignable to type 'string'.",
      "Type 'Tensor<[2]>' is not assignable to type 'string'.",
      "Type 'Tensor<[3, 4]> | null' is not assignable to type 'string'.",
      `Type 'Tensor<["batch", 3]>' is not assignable to type 'string'.`,
      "Type 'Tensor<[number, 3]>' is not assignable to type 'string'.",
    ]);
  });
});

describe("examples/seed-bias-gradient.ts", () => {
  it("quotes the compiler's message for a bias of the wrong orientation", () => {
    const found = diagnose(
      [
        "const W = randn([4, 3]);",
        "const bRow = zeros([3]);",
        "W.transpose().matmul(randn([4, 8])).add(bRow);",
      ].join("\n"),
    );
    expect(found.map((d) => d.message)).toEqual([
      "SHAPE_BROADCAST: add: cannot broadcast [3, 8] with [3]: axis -1 is 8 vs 3; shapes align on the right; unsqueeze(-1) on [3] gives [3, 1], which broadcasts",
    ]);
    expect(found[0]!.line).toBe(4);
  });
});

describe("rearrange's sizes argument", () => {
  it("a size for a name the pattern does not use fails to compile with the runtime's INPUT_VALUE message", () => {
    const call = `rearrangeShape([2, 6], "a (b c) -> a b c", { b: 2, q: 1 })`;
    let thrown = "";
    try {
      (rearrangeShape as (...args: unknown[]) => unknown)([2, 6], "a (b c) -> a b c", { b: 2, q: 1 });
    } catch (error) {
      thrown = (error as Error).message;
    }
    expect(thrown).toBe("INPUT_VALUE: rearrangeShape: a size is given for 'q', which 'a (b c) -> a b c' does not use");
    const found = diagnose(`${call};\n`);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(2);
    expect(found[0]!.text).toContain(`ShapeError<${JSON.stringify(thrown)}>`);
  });

  it("'...' takes no size: one given for it is refused at both levels, with the same message", () => {
    let thrown = "";
    try {
      (rearrangeShape as (...args: unknown[]) => unknown)([2, 6], "... -> ...", { "...": 2 });
    } catch (error) {
      thrown = (error as Error).message;
    }
    expect(thrown).toBe("INPUT_VALUE: rearrangeShape: a size is given for '...', which '... -> ...' does not use");
    const found = diagnose(`rearrangeShape([2, 6], "... -> ...", { "...": 2 });\n`);
    expect(found.map((d) => d.line)).toEqual([2]);
    expect(found[0]!.text).toContain(`ShapeError<${JSON.stringify(thrown)}>`);
  });
});

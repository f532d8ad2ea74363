// Compile-time behaviour of the new ops that the @shape-error fixtures cannot express: the exact
// result types (hover text) for known, symbolic, `number` and type-parameter dims, and the errors that
// exist only at compile time (two different names may be different sizes; at run time every dim is a
// number). Checked with TypeScript 6 (ts-morph, the shared checker); the type-parameter case also with
// TypeScript 7.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, sharedChecker } from "../harness/compile.js";
import { tsc7Source } from "../harness/type-tests.js";

const header = `import { argmax, crossEntropy, embedding, eq, gather, gt, indexSelect, nllLoss, tensor, where, zeros, type Dim, type Tensor } from "../../src/index.js";\n`;
let snippets = 0;
function diagnose(code: string) {
  return sharedChecker().diagnostics({ code: header + code, fileName: path.join(root, `test/runtime/__dtypes_compile_time_${snippets++}.ts`) });
}
const hover = (type: string) => `Type '${type}' is not assignable to type 'string'.`;

describe("result types", () => {
  it("known and symbolic dims", () => {
    const found = diagnose(
      [
        "const x = zeros([8, 10]).as(['batch', 10]);",
        "const labels = zeros([8], { dtype: 'int32' }).as(['batch']);",
        "const a: string = gt(x, 0);",
        "const b: string = x.argmax(-1);",
        "const c: string = x.argmax(1, true);",
        "const d: string = crossEntropy(x, labels);",
        "const e: string = crossEntropy(x, labels, { reduction: 'none' });",
        "const f: string = x.gather(1, labels.reshape(['batch', 1]));",
        "const g: string = embedding(zeros([100, 16]), zeros([2, 5], { dtype: 'int32' }));",
        "const h: string = indexSelect(x, 1, zeros([3], { dtype: 'int32' }));",
        "const i: string = eq(labels, x.argmax(-1));",
      ].join("\n"),
    );
    expect(found.map((d) => d.message)).toEqual([
      hover('Tensor<["batch", 10]>'),
      hover('Tensor<["batch"]>'),
      hover('Tensor<["batch", 1]>'),
      hover("Tensor<[]>"),
      hover('Tensor<["batch"]>'),
      hover('Tensor<["batch", 1]>'),
      hover("Tensor<[2, 5, 16]>"),
      hover('Tensor<["batch", 3]>'),
      hover('Tensor<["batch"]>'),
    ]);
  });

  it("number dims: never a compile error, carried into the result", () => {
    const found = diagnose(
      [
        "declare const n: number;",
        "const x = zeros([n, 10]);",
        "const a: string = x.argmax(1);",
        "const b: string = crossEntropy(x, zeros([4], { dtype: 'int32' }), { reduction: 'none' });",
        "const c: string = gather(x, 1, zeros([3, 1], { dtype: 'int32' }));",
        "const d: string = embedding(zeros([n, 4]), zeros([n], { dtype: 'int32' }));",
      ].join("\n"),
    );
    expect(found.map((d) => d.message)).toEqual([hover("Tensor<[number]>"), hover("Tensor<[number]>"), hover("Tensor<[3, 1]>"), hover("Tensor<[number, 4]>")]);
  });

  it("type parameters are names: results computed structurally around them (TypeScript 6 and 7)", () => {
    const lines = [
      "function f<B extends Dim, V extends Dim, D extends Dim>(x: Tensor<[B, 10]>, y: Tensor<[B]>, w: Tensor<[V, D]>, ids: Tensor<[B, 7]>) {",
      "  const a: string = x.argmax(-1);",
      "  const b: string = gt(x, 0);",
      "  const c: string = crossEntropy(x, y);",
      "  const d: string = nllLoss(x, y, { reduction: 'none' });",
      "  const e: string = embedding(w, ids);",
      "  const g: string = indexSelect(w, 0, ids);",
      "  const h: string = where(gt(x, 0), x, 0);",
      "}",
    ];
    const expected = [
      hover("Tensor<[B]>"),
      hover("Tensor<[B, 10]>"),
      hover("Tensor<[]>"),
      hover("Tensor<[B]>"),
      hover("Tensor<[B, 7, D]>"),
      hover("Tensor<[B, 7, D]>"),
      hover("Tensor<[B, 10]>"),
    ];
    expect(diagnose(lines.join("\n")).map((d) => d.message)).toEqual(expected);
    const index = JSON.stringify(path.join(root, "src/index.js"));
    const seven = tsc7Source(header.replace(`"../../src/index.js"`, index) + lines.join("\n"));
    const printed = [...seven.matchAll(/error TS\d+: (Type '.*' is not assignable to type 'string'\.)/g)].map((m) => m[1]);
    expect(printed).toEqual(expected);
  });
});

describe("compile-time-only errors: names that may differ", () => {
  it("labels named differently from the logits' rows", () => {
    const found = diagnose(
      [
        "const x = zeros([8, 10]).as(['batch', 10]);",
        "crossEntropy(x, zeros([8], { dtype: 'int32' }).as(['n']));",
        "crossEntropy(x, zeros([8], { dtype: 'int32' }));",
      ].join("\n"),
    );
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [3, "SHAPE_LABELS: crossEntropy: labels ['n'] do not match scores ['batch', 10]: N is 'n' vs 'batch'; one label per row"],
      [4, "SHAPE_LABELS: crossEntropy: labels [8] do not match scores ['batch', 10]: N is 8 vs 'batch'; one label per row"],
    ]);
  });

  it("a gather index named differently off the axis; comparisons of different names", () => {
    const found = diagnose(
      [
        "const x = zeros([8, 10]).as(['batch', 10]);",
        "x.gather(1, zeros([8, 1], { dtype: 'int32' }).as(['n', 1]));",
        "gt(x, zeros([8, 10]).as(['other', 10]));",
      ].join("\n"),
    );
    expect(found.map((d) => [d.line, d.code])).toEqual([
      [3, "SHAPE_GATHER"],
      [4, "SHAPE_BROADCAST"],
    ]);
    expect(found[0]!.message).toBe("SHAPE_GATHER: gather: index ['n', 1] does not fit x ['batch', 10]: axis 0 is 'n' vs 'batch'; off the gather axis 1, index may be at most x's size");
  });
});

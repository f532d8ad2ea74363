/**
 * Every op on `Tensor<S>` is a property whose type is a top-level generic function type
 * (`add: BinaryMethod<"add">`), never a generic method of the interface. TypeScript instantiates a
 * generic method's signature for each tensor type whose member it reads, conditional types over the
 * still generic parameters included: `broadcastTo`, the last one declared as a method, cost 1,084
 * instantiations per call against 206 as a property (docs/performance.md, "Type-check cost").
 * This reads the declarations (syntax only) so that a new op cannot reintroduce the form.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The `.ts` files under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith(".ts") ? [path.join(dir, entry.name)] : [],
  );
}

/** Members of every `interface Tensor` (the augmentations in src/ops/*.ts and src/tensor.ts's own), by file. */
function tensorMembers(): { file: string; name: string; generic: boolean; kind: string }[] {
  const found: { file: string; name: string; generic: boolean; kind: string }[] = [];
  for (const file of sources(path.join(root, "src"))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === "Tensor") {
        for (const member of node.members) {
          const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : "?";
          const generic = ts.isMethodSignature(member) && (member.typeParameters?.length ?? 0) > 0;
          found.push({ file: path.relative(root, file), name, generic, kind: ts.SyntaxKind[member.kind] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("Tensor's ops are properties of generic function types", () => {
  const members = tensorMembers();

  it("finds the interface's members (the augmentations of every op file)", () => {
    const names = new Set(members.map((m) => m.name));
    for (const op of ["add", "matmul", "reshape", "sum", "broadcastTo", "transpose", "softmax", "conv2d"]) expect(names.has(op), op).toBe(true);
  });

  it("declares no generic method on the interface", () => {
    expect(members.filter((m) => m.generic).map((m) => `${m.file}: ${m.name}`)).toEqual([]);
  });
});

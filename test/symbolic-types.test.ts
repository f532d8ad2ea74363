/**
 * The symbolic size normal form (types/internal/symbolic.ts), checked by the compiler:
 * - the hand-written assertions in test/types/symbolic.test-d.ts compile cleanly (TypeScript 6 via
 *   ts-morph here; TypeScript 7's `tsc` in the last test);
 * - a deliberately wrong assertion does produce a diagnostic, so the check can fail;
 * - seeded random polynomials, each written in a scrambled way (terms and factors shuffled,
 *   coefficients split into factors, terms split into like terms, `+0` and `*1` sprinkled in),
 *   normalise to the text built here directly from the polynomial's structure (an independent
 *   oracle: it never parses), under both compilers; the runtime `normalizeSize` gives the same.
 */
import path from "node:path";
import type { SourceFile } from "ts-morph";
import { describe, expect, it } from "vitest";
import { normalizeSize } from "../src/symbolic.js";
import { root, sharedChecker } from "./harness/compile.js";
import { formatDiagnostics, scratchDiagnostics, tsc7TypeTests } from "./harness/type-tests.js";
import { seeded } from "./harness/random.js";

const symbolicModule = path.join(root, "types/internal/symbolic.ts");
const testDFile = path.join(root, "test/types/symbolic.test-d.ts");

const header = (importPath: string) => `import type { NormalizeSize } from "${importPath}";
type Expect<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
`;


// --- The oracle ---------------------------------------------------------------------------------

const NAMES = ["a", "b", "n", "m", "s", "batch", "seq", "B", "x_1", "d2"] as const;

/** One term of a polynomial: its names (a multiset, as a sorted list) and a coefficient. */
interface Term {
  readonly names: readonly string[];
  readonly coefficient: bigint;
}

interface Case {
  readonly written: string;
  /** The normal form as a type: a quoted string, or a number literal for a constant. */
  readonly expected: string;
  /** The normal form as the runtime returns it. */
  readonly value: string | number;
}

/** Code-unit order, as the documentation of the normal form states it. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function generateCases(count: number): Case[] {
  const random = seeded(77_2026);
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  const cases: Case[] = [];
  while (cases.length < count) {
    // A polynomial: distinct name multisets, each with a coefficient; maybe a constant.
    const terms = new Map<string, Term>();
    for (let t = random.int(1, 3); t > 0; t--) {
      const names = Array.from({ length: random.int(1, 3) }, () => random.pick(NAMES)).sort(byCodeUnit);
      const coefficient = random.chance(0.1) ? BigInt(2 ** 53 - 1) * BigInt(random.int(1, 9)) : BigInt(random.int(1, 12));
      const key = names.join("*");
      terms.set(key, { names, coefficient: (terms.get(key)?.coefficient ?? 0n) + coefficient });
    }
    if (random.chance(0.4)) terms.set("", { names: [], coefficient: BigInt(random.int(1, 99)) });

    // The expected normal form, from the structure: terms by names descending, constant last.
    const sorted = [...terms.values()].sort((x, y) => byCodeUnit(y.names.join("*"), x.names.join("*")));
    const text = sorted
      .map((t) => (t.names.length === 0 ? String(t.coefficient) : t.coefficient === 1n ? t.names.join("*") : `${t.names.join("*")}*${t.coefficient}`))
      .join("+");

    // A scrambled writing of the same polynomial.
    const pieces: string[] = [];
    for (const t of terms.values()) {
      // Split the coefficient into like terms now and then: c = c1 + c2.
      const parts = t.coefficient > 1n && random.chance(0.3) ? [1n, t.coefficient - 1n] : [t.coefficient];
      for (const c of parts) {
        const factors: string[] = [...t.names];
        if (c !== 1n || t.names.length === 0) {
          // Split the coefficient into two factors when it has a small divisor.
          const d = [2n, 3n].find((k) => c % k === 0n && c > k && random.chance(0.5));
          if (d) factors.push(String(d), String(c / d));
          else factors.push(String(c));
        }
        if (random.chance(0.15)) factors.push("1");
        pieces.push(shuffle(factors).join("*"));
      }
    }
    if (random.chance(0.15)) pieces.push(random.chance(0.5) ? "0" : `${random.pick(NAMES)}*0`);
    const written = shuffle(pieces).join("+");
    const constant = terms.size === 1 && terms.has("");
    cases.push({ written, expected: constant ? text : JSON.stringify(text), value: constant ? Number(text) : text });
  }
  return cases;
}

const cases = generateCases(160);

function generatedSource(importPath: string): string {
  const lines = cases.map((c, i) => `export type Case${i} = Expect<Equal<NormalizeSize<${JSON.stringify(c.written)}>, ${c.expected}>>;`);
  return `${header(importPath)}\n${lines.join("\n")}\n`;
}

// --- TypeScript 6 (ts-morph) ---------------------------------------------------------------------

describe("type-level symbolic sizes", () => {
  const project = sharedChecker().project;

  const check = (file: SourceFile) => file.getPreEmitDiagnostics();

  it("compiles test/types/symbolic.test-d.ts without diagnostics", () => {
    const file = project.addSourceFileAtPath(testDFile);
    const diagnostics = [...check(file), ...check(project.getSourceFileOrThrow(symbolicModule))];
    expect(diagnostics, formatDiagnostics(diagnostics)).toHaveLength(0);
  });

  it("reports a deliberately wrong assertion", () => {
    const diagnostics = scratchDiagnostics("test/types/__symbolic-wrong.test-d.ts", `${header("../../types/internal/symbolic.js")}export type Wrong = Expect<Equal<NormalizeSize<"m+n">, "m+n">>;\n`);
    expect(diagnostics.count).toBe(1);
    expect(diagnostics.text).toContain("does not satisfy the constraint 'true'");
  });

  it(`normalises ${cases.length} scrambled polynomials to the oracle's text`, () => {
    expect(new Set(cases.map((c) => c.expected)).size).toBeGreaterThan(140);
    const diagnostics = scratchDiagnostics("test/types/__symbolic-generated.test-d.ts", generatedSource("../../types/internal/symbolic.js"));
    expect(diagnostics.count, diagnostics.text).toBe(0);
  });

  it("the runtime normalizeSize agrees with the same oracle", () => {
    expect(cases.filter((c) => normalizeSize(c.written) !== c.value).map((c) => `${c.written} → ${normalizeSize(c.written)}, expected ${c.value}`)).toEqual([]);
  });

  it("with TypeScript 7: compiles the test-d files and the generated cases without errors", () => {
    const importPath = symbolicModule.replace(/\.ts$/, ".js").split(path.sep).join("/");
    const output = tsc7TypeTests(generatedSource(importPath));
    expect(output.testD).toBe("");
    expect(output.generated).toBe("");
  });
});

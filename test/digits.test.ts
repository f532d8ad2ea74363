/**
 * Type-level digit arithmetic (types/internal/digits.ts), checked by the compiler:
 * - the hand-written assertions in test/types/digits.test-d.ts compile cleanly (TypeScript 6 via
 *   ts-morph here; TypeScript 7's `tsc` in the last test);
 * - a deliberately wrong assertion does produce a diagnostic, so the check can fail;
 * - ~200 seeded random cases, with expected values computed here with BigInt as an independent
 *   oracle, compile cleanly under both compilers.
 */
import path from "node:path";
import type { Diagnostic, SourceFile } from "ts-morph";
import { describe, expect, it } from "vitest";
import { root, sharedChecker } from "./harness/compile.js";
import { formatDiagnostics, scratchDiagnostics, tsc7TypeTests } from "./harness/type-tests.js";

const digitsModule = path.join(root, "types/internal/digits.ts");
const testDFile = path.join(root, "test/types/digits.test-d.ts");

const MAX = 2n ** 53n - 1n;

const header = (importPath: string) => `import type { Add, Sub, Mul, DivExact, Mod, Compare, SubDigitsShort } from "${importPath}";
type Expect<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
`;


// --- The oracle: random cases with BigInt-computed expectations -------------------------------

/** xorshift64*, seeded, on BigInt so the whole 53-bit range is reachable. */
function seededBigInts(seed: bigint) {
  let state = seed;
  const mask = (1n << 64n) - 1n;
  const next = (): bigint => {
    state ^= (state << 13n) & mask;
    state ^= state >> 7n;
    state ^= (state << 17n) & mask;
    return (state * 0x2545f4914f6cdd1dn) & mask;
  };
  /** A natural with a random number of digits (1 … maxDigits), capped at 2^53 − 1. */
  const natural = (maxDigits = 16): bigint => {
    const digits = 1n + (next() % BigInt(maxDigits));
    const value = next() % 10n ** digits;
    return value > MAX ? value % MAX : value;
  };
  const below = (limit: bigint): bigint => (limit <= 0n ? 0n : next() % limit);
  return { next, natural, below };
}

interface Case {
  expr: string;
  expected: string;
}

const literal = (value: bigint): string => (value > MAX ? "number" : value.toString());

function generateCases(): Case[] {
  const random = seededBigInts(0x5eed_d161_7500n);
  const cases: Case[] = [];
  const add = (expr: string, expected: string) => cases.push({ expr, expected });

  for (let i = 0; i < 35; i++) {
    // Mostly sums that fit; every fifth overflows on purpose (→ number), both operands ≤ 2^53 − 1.
    const a = i % 5 === 0 ? 1n + random.below(MAX) : random.natural();
    const b = i % 5 === 0 ? MAX - a + 1n + random.below(a) : random.below(MAX - a + 1n);
    add(`Add<${a}, ${b}>`, literal(a + b));
  }
  for (let i = 0; i < 35; i++) {
    const a = random.natural();
    const b = i % 4 === 0 ? random.natural() : random.below(a + 1n); // some with b > a (→ never)
    add(`Sub<${a}, ${b}>`, b > a ? "never" : (a - b).toString());
  }
  for (let i = 0; i < 40; i++) {
    const a = 1n + random.natural(i < 10 ? 15 : 9);
    // Pick b so the product fits, except every sixth, which lands just past 2^53 − 1 (→ number);
    // a few use 0.
    const past = MAX / a + 1n + random.below(a);
    const b = i % 6 === 0 ? (past > MAX ? MAX : past) : i % 13 === 0 ? 0n : random.below(MAX / a + 1n);
    add(`Mul<${a}, ${b}>`, literal(a * b));
  }
  // One-digit operands add by a table lookup (one digit and a longer number, on both sides, too).
  for (const [a, b] of [[0n, 0n], [0n, 7n], [3n, 4n], [5n, 5n], [9n, 9n], [1n, 9n], [9n, 91n], [7n, MAX - 7n], [8n, MAX - 7n]]) {
    add(`Add<${a}, ${b}>`, literal(a + b));
    add(`Add<${b}, ${a}>`, literal(a + b));
  }
  // Operands of one or two digits add by table lookups: carries out of the units, the tens, both, and
  // none, against one- and two-digit operands on both sides, and against longer numbers (the general path).
  for (const [a, b] of [[10n, 5n], [19n, 1n], [99n, 1n], [18n, 18n], [45n, 55n], [99n, 99n], [50n, 50n], [90n, 10n], [11n, 88n], [64n, 0n], [99n, 100n], [10n, 990n]]) {
    add(`Add<${a}, ${b}>`, literal(a + b));
    add(`Add<${b}, ${a}>`, literal(a + b));
  }
  // A one-digit factor takes a shortcut (table lookups for one or two digits, else one pass): digits against
  // numbers of each length, on both sides.
  for (const a of [0n, 1n, 2n, 7n, 9n, 10n, 13n, 19n, 56n, 99n, 505n, 123456789n, MAX / 9n, MAX / 2n + 1n]) {
    for (const d of [0n, 1n, 2n, 3n, 7n, 9n]) {
      add(`Mul<${a}, ${d}>`, literal(a * d));
      add(`Mul<${d}, ${a}>`, literal(a * d));
    }
  }
  // A one-digit divisor divides by table lookups: every divisor, exact and not, short and long dividends.
  for (let d = 1n; d <= 9n; d++) {
    for (const a of [0n, d, 7n * d, 10n * d + (d > 1n ? 1n : 0n), 123456789n * d, (MAX / d) * d, MAX]) {
      add(`DivExact<${a}, ${d}>`, a % d === 0n ? (a / d).toString() : "never");
      add(`Mod<${a}, ${d}>`, (a % d).toString());
    }
  }
  // A number of one or two digits times a digit is one table lookup (both orders), and a dividend of one
  // or two digits by a digit too: every such number, with a divisor or factor varying along.
  for (let n = 0n; n < 100n; n++) {
    const d = (n * 7n + 3n) % 10n;
    add(`Mul<${n}, ${d}>`, literal(n * d));
    add(`Mul<${(n * 3n + 1n) % 10n}, ${n}>`, literal(n * ((n * 3n + 1n) % 10n)));
    const divisor = 1n + ((n * 3n) % 9n);
    add(`DivExact<${n}, ${divisor}>`, n % divisor === 0n ? (n / divisor).toString() : "never");
    add(`Mod<${n}, ${divisor}>`, (n % divisor).toString());
  }
  // Two two-digit factors: two lookups and the column sums (every carry pattern, and a product of three digits).
  for (let n = 10n; n < 100n; n++) {
    const m = 10n + ((n * 37n + 11n) % 90n);
    add(`Mul<${n}, ${m}>`, literal(n * m));
  }
  for (const [a, b] of [[10n, 10n], [99n, 99n], [10n, 99n], [11n, 11n], [19n, 91n], [55n, 55n], [95n, 95n], [89n, 98n], [12n, 13n], [50n, 20n], [25n, 40n], [99n, 10n]]) {
    add(`Mul<${a}, ${b}>`, literal(a * b));
    add(`Mul<${b}, ${a}>`, literal(a * b));
  }
  // Three- and four-digit numbers times a digit: two lookups and the column sums (carries through every
  // column, products of three to five digits, a zero digit in each place), both orders.
  for (const n of [100n, 101n, 109n, 110n, 199n, 250n, 333n, 500n, 505n, 999n, 1000n, 1001n, 1009n, 1010n, 1099n, 1100n, 1234n, 2000n, 4999n, 5000n, 9009n, 9090n, 9999n]) {
    for (const d of [2n, 5n, 9n]) {
      add(`Mul<${n}, ${d}>`, literal(n * d));
      add(`Mul<${d}, ${n}>`, literal(n * d));
    }
  }
  for (let i = 0n; i < 60n; i++) {
    const n = 100n + ((i * 7919n) % 9900n);
    const d = 2n + (i % 8n);
    add(`Mul<${n}, ${d}>`, literal(n * d));
  }
  // SubDigitsShort: operands of one or two digits subtract by table lookups (a borrow out of the units,
  // out of the tens — a negative difference, never — or none), longer ones take the general path.
  for (let i = 0n; i < 100n; i++) {
    const a = (i * 37n + 5n) % 100n;
    const b = (i * 53n + 11n) % 100n;
    add(`SubDigitsShort<"${a}", "${b}">`, b > a ? "never" : `"${a - b}"`);
  }
  for (const [a, b] of [[0n, 0n], [9n, 9n], [10n, 1n], [10n, 9n], [99n, 99n], [99n, 0n], [50n, 49n], [5n, 10n], [100n, 1n], [1000n, 999n], [123n, 45n], [45n, 123n]]) {
    add(`SubDigitsShort<"${a}", "${b}">`, b > a ? "never" : `"${a - b}"`);
  }
  add(`DivExact<42, 0>`, "never");
  add(`Mod<7, 0>`, "never");
  for (let i = 0; i < 35; i++) {
    const divisor = 1n + random.natural(i < 12 ? 4 : 9);
    const quotient = random.below(MAX / divisor + 1n);
    const exact = quotient * divisor;
    if (i % 3 === 0) {
      // Inexact: add a non-zero remainder when it still fits.
      const remainder = divisor > 1n ? 1n + random.below(divisor - 1n) : 0n;
      const a = exact + remainder <= MAX ? exact + remainder : exact;
      add(`DivExact<${a}, ${divisor}>`, a % divisor === 0n ? (a / divisor).toString() : "never");
    } else {
      add(`DivExact<${exact}, ${divisor}>`, quotient.toString());
    }
  }
  for (let i = 0; i < 30; i++) {
    const a = random.natural();
    const b = 1n + random.natural(i % 2 === 0 ? 4 : 12);
    add(`Mod<${a}, ${b}>`, (a % b).toString());
  }
  for (let i = 0; i < 30; i++) {
    const a = random.natural();
    // Equal values, equal lengths differing late, and unrelated values.
    const b = i % 3 === 0 ? a : i % 3 === 1 ? (a ^ 1n) : random.natural();
    add(`Compare<${a}, ${b}>`, a < b ? `"lt"` : a > b ? `"gt"` : `"eq"`);
  }
  // Fixed edges, through the same path.
  add(`Add<${MAX - 1n}, 1>`, MAX.toString());
  add(`Mul<67108864, 67108864>`, "4503599627370496");
  add(`Mul<134217728, 67108864>`, "number");
  add(`DivExact<${MAX}, ${MAX}>`, "1");
  add(`Mod<${MAX}, 1000>`, "991");
  return cases;
}

function generatedSource(importPath: string, cases: readonly Case[]): string {
  const lines = cases.map((c, i) => `export type Case${i} = Expect<Equal<${c.expr}, ${c.expected}>>;`);
  return `${header(importPath)}\n${lines.join("\n")}\n`;
}

// --- TypeScript 6 (ts-morph) -------------------------------------------------------------------

describe("type-level digit arithmetic", () => {
  const project = sharedChecker().project;

  function check(file: SourceFile): Diagnostic[] {
    return file.getPreEmitDiagnostics();
  }

  it("compiles test/types/digits.test-d.ts without diagnostics", () => {
    const file = project.addSourceFileAtPath(testDFile);
    const diagnostics = [...check(file), ...check(project.getSourceFileOrThrow(digitsModule))];
    expect(diagnostics, formatDiagnostics(diagnostics)).toHaveLength(0);
  });

  it("reports a deliberately wrong assertion", () => {
    const diagnostics = scratchDiagnostics("test/types/__digits-wrong.test-d.ts", `${header("../../types/internal/digits.js")}export type Wrong = Expect<Equal<Add<1, 1>, 3>>;\n`);
    expect(diagnostics.count).toBe(1);
    expect(diagnostics.text).toContain("does not satisfy the constraint 'true'");
  });

  it("agrees with a BigInt oracle on ~200 seeded random cases", () => {
    const cases = generateCases();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const diagnostics = scratchDiagnostics("test/types/__digits-generated.test-d.ts", generatedSource("../../types/internal/digits.js", cases));
    expect(diagnostics.count, diagnostics.text).toBe(0);
  });

  // --- TypeScript 7 (native tsc) over the same checks ------------------------------------------

  it("with TypeScript 7: compiles the test-d file and the generated cases without errors", () => {
    const importPath = digitsModule.replace(/\.ts$/, ".js").split(path.sep).join("/");
    const output = tsc7TypeTests(generatedSource(importPath, generateCases()));
    expect(output.testD).toBe("");
    expect(output.generated).toBe("");
  });
});

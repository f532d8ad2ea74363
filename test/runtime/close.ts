/**
 * Comparing nested arrays of numbers within a tolerance (`|a − e| ≤ tol · max(1, |e|)`); NaN equals
 * NaN and infinities must match exactly. Throws a message naming the first element that differs.
 */
import { expect } from "vitest";

function walk(actual: unknown, expected: unknown, tolerance: number, path: string): string | undefined {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${path}: expected a number, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? undefined : `${path}: expected NaN, got ${actual}`;
    if (!Number.isFinite(expected)) return actual === expected ? undefined : `${path}: expected ${expected}, got ${actual}`;
    return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)) ? undefined : `${path}: expected ${expected}, got ${actual}`;
  }
  if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  if (actual.length !== expected.length) return `${path}: expected length ${expected.length}, got ${actual.length}`;
  for (let i = 0; i < expected.length; i++) {
    const problem = walk(actual[i], expected[i], tolerance, `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** Asserts that `actual` (nested arrays or a number) matches `expected` within `tolerance`. */
export function expectClose(actual: unknown, expected: unknown, tolerance = 1e-12): void {
  expect(walk(actual, expected, tolerance, "value") ?? "close").toBe("close");
}

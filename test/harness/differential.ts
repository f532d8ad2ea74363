/**
 * The comparison at the heart of every differential test (test/differential/): what a runtime rule
 * did on concrete shapes, and whether it agrees with what the type rule said through the compiler.
 */
import { ShapeError } from "../../src/errors.js";
import { DYNAMIC, type SourceShape, type TypeResult } from "./types.js";

/** What a runtime rule did: a shape (or axis list), or a ShapeError's message. */
export type Outcome = { kind: "error"; message: string } | { kind: "ok"; value: readonly (number | string)[] };

/** Runs a runtime rule; a ShapeError becomes an "error" outcome, anything else thrown is a bug. */
export function outcome(run: () => unknown): Outcome {
  try {
    return { kind: "ok", value: run() as readonly (number | string)[] };
  } catch (error) {
    if (error instanceof ShapeError) return { kind: "error", message: error.message };
    throw error;
  }
}

/** `true` for a shape with a `number` dim or of unknown rank: the compiler cannot print what the runtime will. */
export const isDynamicShape = (shape: SourceShape): boolean => shape === "unknown-rank" || shape.includes(DYNAMIC);

/** A concrete stand-in for a run: `number` dims get `sizes()`, an unknown rank gets `rank()` axes. */
export function concreteShape(shape: SourceShape, sizes: () => number, rank: () => number): (number | string)[] {
  if (shape === "unknown-rank") return Array.from({ length: rank() }, sizes);
  return shape.map((d) => (d === DYNAMIC ? sizes() : d));
}

/** Known and symbolic shapes: the same result, or errors with byte-identical messages. */
export function sameResult(typed: TypeResult, runtime: Outcome): boolean {
  return runtime.kind === "error"
    ? typed.kind === "error" && typed.message === runtime.message
    : typed.kind === "shape" && !typed.rest && JSON.stringify(typed.dims) === JSON.stringify(runtime.value);
}

/** Does a concrete runtime result fit a compile-time shape (`number` fits any size, `...` any prefix)? */
export function fits(value: readonly (number | string)[], typed: TypeResult & { kind: "shape" }): boolean {
  if (typed.rest ? value.length < typed.dims.length : value.length !== typed.dims.length) return false;
  const tail = value.slice(value.length - typed.dims.length);
  return typed.dims.every((d, i) => d === "number" || d === tail[i]);
}

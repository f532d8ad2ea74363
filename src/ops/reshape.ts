/**
 * Reshaping: the shape rules `reshapeShape` and `flattenShape`. Mirrors types/ops/reshape.ts rule
 * for rule and message for message (the rules are documented there): element counts are compared
 * as polynomials in normal form (src/symbolic.ts), a `-1` is inferred by exact division.
 */
import type { Dim, Shape } from "../../types/shape.js";
import type { CheckArg } from "../../types/errors.js";
import type { FlattenShape, ReshapeShape } from "../../types/ops/reshape.js";
import type { CheckSizes } from "../../types/internal/symbolic.js";
import { ShapeError, formatShape } from "../errors.js";
import { isValidDim, writeInvalidShapeMessage } from "../shape.js";
import {
  ONE,
  compareSizes,
  dimPoly,
  divPolyByTerm,
  formatPoly,
  isTooLarge,
  mulPoly,
  polyDim,
  samePoly,
  shapeSize,
  validateSizes,
  writeSizeExpressionMessage,
  type Poly,
} from "../symbolic.js";

/** Mirrors `WriteReshapeMessage`. */
export function writeReshapeMessage(op: string, from: Shape, to: Shape, fromCount: string, toCount: string): string {
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} (${fromCount} elements) to ${formatShape(to)} (${toCount} elements): element counts differ`;
}

/** Why a `-1` cannot be inferred. Mirrors `InferReason`. */
function inferReason(kind: "multiple" | "zero" | "large" | "symbolic", fromCount: string, value: string): string {
  if (kind === "multiple") return `-1 cannot be inferred: the other dims hold ${value} elements, and ${fromCount} is not a multiple of ${value}`;
  if (kind === "zero") return "-1 cannot be inferred: the other dims hold 0 elements, so any size would fit";
  if (kind === "large") return `-1 would be ${value}, above the largest safe integer 9007199254740991`;
  return `-1 cannot be inferred from symbolic sizes: ${fromCount} over ${value} has no simple quotient; write that dim out`;
}

/** Mirrors `WriteReshapeInferMessage`. */
export function writeReshapeInferMessage(
  op: string,
  from: Shape,
  to: Shape,
  fromCount: string,
  kind: "multiple" | "zero" | "large" | "symbolic",
  value: string,
): string {
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} (${fromCount} elements) to ${formatShape(to)}: ${inferReason(kind, fromCount, value)}`;
}

/** Mirrors `WriteReshapeTargetMessage`. */
export function writeReshapeTargetMessage(op: string, from: Shape, to: Shape, kind: "minus" | "negative", dim: number): string {
  const detail = kind === "minus" ? "only one dim can be -1 (inferred)" : `dim ${dim} is negative; sizes are non-negative, and -1 stands for the one inferred size`;
  return `SHAPE_RESHAPE: ${op}: cannot reshape ${formatShape(from)} to ${formatShape(to)}: ${detail}`;
}

/**
 * The count of `from` over the count of the target's dims other than `-1` (`target`, not zero):
 * exact division by one term; for a sum, after cancelling dims equal in normal form. `undefined`
 * when it does not divide, `"stuck"` when the divisor is still a sum. Mirrors `Quotient`.
 */
function quotient(from: Shape, known: readonly Dim[], source: Poly, target: Poly): Poly | undefined | "stuck" {
  if (target.length === 1) return divPolyByTerm(source, target[0]!);
  const left = [...from];
  const kept: Dim[] = [];
  for (const dim of known) {
    const index = typeof dim === "string" ? left.findIndex((d) => compareSizes(d, dim) === "equal") : -1;
    if (index >= 0) left.splice(index, 1);
    else kept.push(dim);
  }
  const divisor = shapeSize(kept)!;
  return divisor.length === 1 ? divPolyByTerm(shapeSize(left)!, divisor[0]!) : "stuck";
}

/**
 * The reshape rule with the op's name for messages: `to`, with its `-1` inferred. Accepts symbolic
 * dims on both sides; throws the mirrored `ShapeError`s.
 */
export function reshapedFor(op: string, from: unknown, to: unknown): Dim[] {
  const source = validateSizes(op, from);
  if (!Array.isArray(to)) validateSizes(op, to); // throws: not a shape
  const target = to as readonly Dim[];
  let minus = -1;
  let count: Poly = ONE;
  const known: Dim[] = [];
  for (let index = 0; index < target.length; index++) {
    const dim = target[index]!;
    if (dim === -1) {
      if (minus >= 0) throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeTargetMessage(op, source, target, "minus", -1));
      minus = index;
      continue;
    }
    if (typeof dim === "number" && Number.isInteger(dim) && dim < 0) {
      throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeTargetMessage(op, source, target, "negative", dim));
    }
    if (!isValidDim(dim)) {
      const shown = target.map((d) => (typeof d === "number" || typeof d === "string" ? d : String(d)));
      throw new ShapeError("SHAPE_INVALID_SHAPE", op, [shown], writeInvalidShapeMessage(op, shown, typeof dim === "number" || typeof dim === "string" ? dim : String(dim)));
    }
    const poly = dimPoly(dim);
    if (poly === undefined) throw new ShapeError("SHAPE_INVALID_SHAPE", op, [target], writeSizeExpressionMessage(op, formatShape(target), dim as string));
    count = mulPoly(count, poly);
    known.push(dim);
  }
  const total = shapeSize(source)!;
  if (minus < 0) {
    if (!samePoly(total, count)) throw new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeMessage(op, source, target, formatPoly(total), formatPoly(count)));
    return [...target];
  }
  const fail = (kind: "multiple" | "zero" | "large" | "symbolic", value: string) =>
    new ShapeError("SHAPE_RESHAPE", op, [source, target], writeReshapeInferMessage(op, source, target, formatPoly(total), kind, value));
  if (count.length === 0) throw fail("zero", "0");
  const inferred = quotient(source, known, total, count);
  if (inferred === "stuck") throw fail("symbolic", formatPoly(count));
  if (inferred === undefined) throw fail("multiple", formatPoly(count));
  if (isTooLarge(inferred)) throw fail("large", formatPoly(inferred));
  const out = [...target];
  out[minus] = polyDim(inferred);
  return out;
}

/**
 * The shape `shape` takes when reshaped to `target`: `target`, with its one `-1` inferred. The element
 * counts must be equal — compared as products of dims, symbolic ones included, so
 * `["batch", 28, 28]` → `["batch", 784]` is fine and `["batch", 784]` → `["batch", 780]` is not.
 * @example
 * reshapeShape([2, 3, 4], [6, -1]); //=> [6, 4]
 * reshapeShape(["b", "s", 768], ["b", -1]); //=> ["b", "s*768"]
 * reshapeShape([2, 3], [4]); //=> throws SHAPE_RESHAPE
 * @throws ShapeError `SHAPE_RESHAPE` (counts differ; two `-1`s; a `-1` that cannot be inferred; a
 * negative dim), `SHAPE_INVALID_SHAPE`
 */
export function reshapeShape<const From extends Dim[], const To extends Dim[]>(
  shape: From & CheckSizes<"reshapeShape", From>,
  target: To & CheckArg<ReshapeShape<From, To>>,
): ReshapeShape<From, To> {
  return reshapedFor("reshapeShape", shape, target) as never;
}

/**
 * The shape of `shape` flattened: `[size]`, the reshape to `[-1]`.
 * @example
 * flattenShape([2, 3, 4]); //=> [24]
 * flattenShape(["batch", 28, 28]); //=> ["batch*784"]
 * @throws ShapeError `SHAPE_RESHAPE` (a size above 2^53 − 1), `SHAPE_INVALID_SHAPE`
 */
export function flattenShape<const S extends Dim[]>(shape: S & CheckArg<FlattenShape<S>>): FlattenShape<S> {
  return reshapedFor("flattenShape", shape, [-1]) as never;
}

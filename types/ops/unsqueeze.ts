/**
 * Inserting a size-1 axis at the type level: `UnsqueezeShape<S, Axis>`. Mirrors src/ops/unsqueeze.ts.
 *
 * - `Axis` is the new axis's index in the result, so the valid axes are −rank−1 … rank (negative
 *   axes count from the end of the result); anything else is a `SHAPE_AXIS` error
 *   (types/internal/axes.ts, with rank + 1 positions).
 * - Every dim of `S` (known, symbolic, `number`) is kept as it is.
 * - `S` of unknown rank, or an axis that is not a literal: `number[]`.
 * - A scalar `[]` becomes `[1]` (axis 0 or −1).
 */
import type { Dim, Shape } from "../shape.js";
import type { ShapeError, ResultShape } from "../errors.js";
import type { InvalidShapeMessage } from "../internal/dims.js";
import type { NormalizeAxis } from "../internal/axes.js";

/** `S` with a `1` inserted before index `Index` (tail recursion over the rank). */
type Insert<S extends Shape, Index extends number, Acc extends Dim[] = []> = Acc["length"] extends Index
  ? [...Acc, 1, ...S]
  : S extends readonly [infer Head extends Dim, ...infer Rest extends Shape]
    ? Insert<Rest, Index, [...Acc, Head]>
    : [...Acc, 1];

/** The unsqueeze of a shape with valid dims. */
export type UnsqueezeChecked<S extends Shape, Axis extends number, Op extends string> = number extends S["length"]
  ? number[]
  : NormalizeAxis<Op, S, Axis, [...S, unknown]> extends infer Index
    ? Index extends ShapeError<string>
      ? Index
      : number extends Index
        ? number[]
        : Insert<S, Index & number>
    : never;

/**
 * `S` with a size-1 axis inserted so that it becomes axis `Axis` of the result (−rank−1 … rank), or
 * a `ShapeError` whose message is the runtime's.
 * @example
 * type Out = UnsqueezeShape<[3, 4], 1>; //=> [3, 1, 4]
 * type Last = UnsqueezeShape<["batch", 784], -1>; //=> ["batch", 784, 1]
 */
export type UnsqueezeShape<S extends Shape, Axis extends number, Op extends string = "unsqueezeShape"> =
  InvalidShapeMessage<Op, S> extends infer Invalid extends string
    ? [Invalid] extends [never]
      ? UnsqueezeChecked<S, Axis, Op>
      : ShapeError<Invalid>
    : never;

/** `UnsqueezeChecked` gated to a shape (`number[]` after an error, see `ResultShape`), for result types. */
export type UnsqueezeResult<S extends Shape, Axis extends number, Op extends string> =
  ResultShape<UnsqueezeChecked<S, Axis, Op>>;

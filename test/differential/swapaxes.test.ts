/**
 * The mirror for swapaxes / transpose(dim0, dim1) and the matrix transpose (`mT`), proven on generated
 * cases: for each seeded case the type-level rule (evaluated by the compiler) and the runtime rule
 * agree — the same shape, or byte-identical `SHAPE_AXIS` / `SHAPE_RANK` messages; with dynamic dims
 * and unknown ranks, soundness (see test/harness/differential.ts).
 */
import { matrixTransposeShape, swapaxesShape } from "../../src/ops/permute.js";
import { differentialSuite, shapeSampler, type Rule } from "../harness/differential.js";
import { seeded } from "../harness/random.js";
import { shapeType } from "../harness/types.js";

const random = seeded(11_2026_1202);
const IMPORTS = `import type { MatrixTransposeShape, SwapaxesShape } from "../types/ops/permute.js";`;
const { shape: randomShape, maybeUnknown } = shapeSampler(random);

/** An axis for a shape of `rank`: mostly in range (either sign), sometimes just out of it. */
const randomAxis = (rank: number): number => random.int(-rank - 1, rank);

// Unknown ranks (`number[]`) with non-negative axes only: the swap is of unknown rank either way, but
// with two negative axes TypeScript prints it as `Dim[]` (the tail pattern that keeps
// `[...Batch, T, D]` exact reads a plain array as `[...Dim[], Dim]`), which the harness does not parse.
const swapaxes: Rule = {
  name: "swapaxes",
  generate() {
    const shape = randomShape(0, 5);
    const source = maybeUnknown(shape);
    const axis = () => (source === "unknown-rank" ? random.int(0, shape.length) : randomAxis(shape.length));
    return { shapes: [source], args: [axis(), axis()] };
  },
  type: (c) => `SwapaxesShape<${shapeType(c.shapes[0]!)}, ${c.args[0]}, ${c.args[1]}>`,
  run: ([shape], [first, second]) => swapaxesShape(shape as never, first as never, second as never),
};

const matrixTranspose: Rule = {
  name: "matrixTranspose",
  generate() {
    return { shapes: [maybeUnknown(randomShape(0, 5))], args: [] };
  },
  type: (c) => `MatrixTransposeShape<${shapeType(c.shapes[0]!)}>`,
  run: ([shape]) => matrixTransposeShape(shape as never),
};

differentialSuite([swapaxes, matrixTranspose], IMPORTS, 600, 11_2026_1203);

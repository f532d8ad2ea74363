// The seed's layer, z = Wᵀx + b, on a mini-batch — and why the bias gradient is a sum.
//
// W is [in, out] and x holds one example per column, [in, batch], as the seed writes them, so Wᵀx
// is [out, batch]. The bias b is a column, [out, 1]: broadcasting stretches it across the batch
// axis, the same b added to every example. Its gradient therefore collects one contribution per
// example: dl/db is dl/dz summed over the batch axis (the broadcast's gradient rule), and with a
// summed loss it grows with the batch size, while with a mean loss it stays put.
//
// Run: npm run example:seed
import { pathToFileURL } from "node:url";
import { Tensor, fromArray, noGrad, randn, tensor, zeros } from "../src/index.js";

const inputs = 4;
const outputs = 3;
const f64 = { dtype: "float64" } as const;

/** What the example shows, for a reader (printed) and for the test that runs it in CI. */
export interface SeedResults {
  /** Largest |dl/db − Σ_batch dl/dz| over the bias entries. */
  readonly maxDifference: number;
  /** The bias gradient's norm for each batch size, under a summed and a mean loss. */
  readonly norms: readonly { batch: number; summed: number; mean: number }[];
  /** What the runtime throws for a bias of the wrong orientation (the compiler shows the same). */
  readonly wrongOrientation: string;
}

function norm(t: Tensor | null): number {
  return Math.sqrt((t?.toFlatArray() ?? []).reduce((s, v) => s + v * v, 0));
}

export function main(log: (line: string) => void = console.log): SeedResults {
  const W = randn([inputs, outputs], { seed: 0, ...f64, requiresGrad: true }); // [in, out]
  const b = zeros([outputs, 1], { ...f64, requiresGrad: true }); // [out, 1]: a column
  const layer = (x: Tensor<[4, number]>) => W.transpose().matmul(x).add(b); // [out, batch]

  // 1. dl/db from backward() equals dl/dz summed over the batch axis.
  const batch: number = 8;
  const x = randn([inputs, batch], { seed: 1, ...f64 });
  const loss = (z: Tensor<[3, number]>) => z.tanh().sum();
  loss(layer(x)).backward();
  // dl/dz, by making z a leaf of its own and differentiating the same loss
  const zLeaf = noGrad(() => layer(x));
  const z = fromArray(zLeaf.toFlatArray(), [outputs, batch], { ...f64, requiresGrad: true });
  loss(z).backward();
  const summedOverBatch = noGrad(() => z.grad!.sum(1, true)); // [3, 1]
  const difference = noGrad(() => b.grad!.sub(summedOverBatch).abs().max().item());
  const shape = (t: Tensor) => `[${t.shape.join(", ")}]`;
  log(`z = Wᵀx + b with W ${shape(W)}, x ${shape(x)} (one example per column), b ${shape(b)}`);
  log(`dl/db by backward():        ${JSON.stringify(b.grad!.toFlatArray().map((v) => +v.toFixed(6)))}`);
  log(`dl/dz summed over the batch: ${JSON.stringify(summedOverBatch.toFlatArray().map((v) => +v.toFixed(6)))}`);
  log(`largest difference: ${difference}`);

  // 2. The bias in the wrong orientation. With sizes the compiler knows, this line is a compile error:
  //
  //      const bRow = zeros([3]);                                  // [out]: a row, not a column
  //      W.transpose().matmul(randn([4, 8])).add(bRow);
  //                                              ~~~~
  //      SHAPE_BROADCAST: add: cannot broadcast [3, 8] with [3]: axis -1 is 8 vs 3; each axis must be
  //      equal or 1 (unsqueeze adds a size-1 axis)
  //
  // (examples/errors/bias-orientation.ts is the annotated version the test suite checks). Here the
  // batch size is a `number`, unknown to the compiler, so the runtime throws the same message.
  let wrongOrientation = "(nothing thrown)";
  try {
    layer(x).add(zeros([outputs], f64));
  } catch (error) {
    wrongOrientation = (error as Error).message;
  }
  log("");
  log(`a bias of shape [3] instead of [3, 1]:\n  ${wrongOrientation}`);

  // 3. The bias gradient's norm against the batch size. The targets come from the same W with a bias
  //    b* = [1, −2, 0.5] (plus noise), while b = 0: every example pulls b the same way.
  const trueBias = tensor([[1], [-2], [0.5]], f64);
  const norms: { batch: number; summed: number; mean: number }[] = [];
  log("");
  log("batch   ‖dl/db‖, summed loss   ‖dl/db‖, mean loss");
  for (const size of [1, 4, 16, 64, 256, 1024]) {
    const xs = randn([inputs, size], { seed: 10 + size, ...f64 });
    const targets = noGrad(() => W.transpose().matmul(xs).add(trueBias).add(randn([outputs, size], { seed: 20 + size, ...f64 }).mul(0.1)));
    const squared = () => layer(xs).sub(targets).pow(2);
    b.zeroGrad();
    squared().sum().backward();
    const summed = norm(b.grad);
    b.zeroGrad();
    squared().mean().backward();
    const mean = norm(b.grad);
    norms.push({ batch: size, summed, mean });
    log(`${String(size).padStart(5)}   ${summed.toFixed(3).padStart(20)}   ${mean.toFixed(4).padStart(17)}`);
  }
  log("");
  log("Summed over the batch, the bias gradient grows with the batch (about 2·batch·‖b − b*‖);");
  log("averaged, it stays near (2/3)·‖b − b*‖ whatever the batch — so a learning rate tuned for one");
  log("batch size keeps working for another only with the mean.");
  return { maxDifference: difference, norms, wrongOrientation };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();

// The seed's layer, z = Wᵀx + b, on a mini-batch stored as columns: x is [in, batch], so Wᵀx is
// [out, batch] and the bias must be a column, [out, 1], that broadcasts across the batch.
// The mistake: a bias of shape [out]. Broadcasting aligns it with the *last* axis — the batch — so it
// fails here; with a batch of exactly `out` examples it would silently add the wrong numbers, which is
// why the bias should be [out, 1] from the start.
// Fix: zeros([3, 1]) (or b.unsqueeze(1)).
import { randn, zeros } from "../../src/index.js";

const W = randn([4, 3], { seed: 0 }); // [in, out]
const x = randn([4, 5], { seed: 1 }); // [in, batch]: five examples as columns
const b = zeros([3], { requiresGrad: true }); // meant to be [3, 1]

// @shape-error SHAPE_BROADCAST
const z = W.transpose().matmul(x).add(b);
console.log(z.shape);

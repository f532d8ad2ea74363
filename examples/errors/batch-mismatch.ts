// A regression step whose inputs and targets come from two loaders that disagree on the batch size:
// 32 predictions against 64 targets.
// The mistake: the loss combines them; broadcasting cannot pair 32 rows with 64.
// Fix: take both from the same batch (or slice the targets to the same rows).
import { randn } from "../../src/index.js";

const inputs = randn([32, 8], { seed: 0 }); // [batch, features]
const targets = randn([64, 1], { seed: 1 }); // [batch, 1] from the other loader
const w = randn([8, 1], { seed: 2, requiresGrad: true });

const predictions = inputs.matmul(w); // [32, 1]
// @shape-error SHAPE_BROADCAST
const residuals = predictions.sub(targets);
console.log(residuals.shape); // the loss would be residuals.pow(2).mean()

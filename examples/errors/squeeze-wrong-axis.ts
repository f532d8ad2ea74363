// A regression head outputs one number per example, [batch, 1]; the size-1 axis is dropped to compare
// with targets of shape [batch].
// The mistake: squeezing axis 0 — the batch, of size 32 — instead of axis 1; only size-1 axes can
// be removed.
// Fix: squeeze(1) (or squeeze(-1)).
import { randn } from "../../src/index.js";

const features = randn([32, 16], { seed: 0 }); // [batch, features]
const head = randn([16, 1], { seed: 1 });

// @shape-error SHAPE_SQUEEZE
const predictions = features.matmul(head).squeeze(0);
console.log(predictions.shape);

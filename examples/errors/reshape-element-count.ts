// Flattening a batch of 28×28 images for a dense layer.
// The mistake: a typo in the flattened size — 748 instead of 28 × 28 = 784 — so the element counts
// differ (16 × 28 × 28 = 12,544 vs 16 × 748 = 11,968).
// Fix: reshape([16, 784]), or reshape([16, -1]) and let the size be inferred.
import { randn } from "../../src/index.js";

const images = randn([16, 28, 28], { seed: 0 }); // [batch, height, width]

// @shape-error SHAPE_RESHAPE
const flat = images.reshape([16, 748]);
console.log(flat.shape);

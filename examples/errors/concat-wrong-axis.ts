// Joining two feature vectors per example — word embeddings and character features — into one.
// The mistake: concatenating along axis 0 (the batch) instead of the feature axis, so the remaining
// axis (300 vs 50) must agree and does not.
// Fix: concat([words, chars], 1) — or -1 — giving [32, 350].
import { concat, randn } from "../../src/index.js";

const words = randn([32, 300], { seed: 0 }); // [batch, 300]
const chars = randn([32, 50], { seed: 1 }); // [batch, 50]

// @shape-error SHAPE_CONCAT
const features = concat([words, chars], 0);
console.log(features.shape);

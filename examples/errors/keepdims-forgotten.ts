// Softmax written by hand over the classes of each row: subtract the row maximum, exponentiate, and
// divide by the row sum.
// The mistake: the row sum is taken without keepdims, so it has shape [4] instead of [4, 1], and the
// division lines it up with the class axis (10) instead of the row axis (4). The max line above gets
// it right.
// Fix: exps.sum(1, true).
import { randn } from "../../src/index.js";

const scores = randn([4, 10], { seed: 0 }); // [batch, classes]
const exps = scores.sub(scores.max(1, true)).exp(); // [4, 10] − [4, 1]: fine

// @shape-error SHAPE_BROADCAST
const probabilities = exps.div(exps.sum(1));
console.log(probabilities.shape);

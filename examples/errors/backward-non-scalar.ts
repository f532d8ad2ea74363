// Least-squares regression: the loss is the mean of the squared residuals, and backward() starts
// from it.
// The mistake: the reduction is forgotten, so the "loss" is [16, 1], one number per example, and
// backward() exists only on a scalar ([]): there is no single number to differentiate.
// Fix: residuals.pow(2).mean().
import { randn } from "../../src/index.js";

const x = randn([16, 3], { seed: 0 }); // [batch, features]
const y = randn([16, 1], { seed: 1 }); // [batch, 1]
const w = randn([3, 1], { seed: 2, requiresGrad: true });

const residuals = x.matmul(w).sub(y);
const loss = residuals.pow(2);
// @shape-error SHAPE_NOT_SCALAR
loss.backward();
console.log(w.grad?.toArray());

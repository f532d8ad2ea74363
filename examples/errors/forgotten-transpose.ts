// A dense layer with the weight stored as [out, in] (PyTorch's layout), so the forward pass is x Wᵀ.
// The mistake: x.matmul(W) — the inner dims are 784 (x's columns) vs 128 (W's rows).
// Fix: x.matmul(W.transpose()).
import { randn, zeros } from "../../src/index.js";

const x = randn([32, 784], { seed: 0 }); // [batch, in]
const W = randn([128, 784], { seed: 1 }); // [out, in]
const b = zeros([128]);

// @shape-error SHAPE_MATMUL
const preactivation = x.matmul(W);
console.log(preactivation.shape, b.shape); // then preactivation.add(b).relu()

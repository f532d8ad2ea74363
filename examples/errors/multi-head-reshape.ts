// Splitting attention heads: queries [batch, time, heads·dim] must become [batch, heads, time, dim].
// The mistake: a reshape straight to [batch, heads, time, dim]. The element count matches, so NumPy,
// PyTorch and every runtime accept it — and every head receives a scrambled mix of time steps and
// features. A reshape keeps the elements in order; only splitting and merging adjacent axes is safe.
// shapecheck refuses a reshape that moves a named axis.
// Fix: q.reshape(["b", "t", "h", "d"]).permute([0, 2, 1, 3]), or q.rearrange("b t (h d) -> b h t d", { h: 8 }).
import { randn } from "../../src/index.js";

const heads = randn([2, 5, 8, 16], { seed: 0 }).as(["b", "t", "h", "d"]);
const q = heads.reshape(["b", "t", "h*d"]); // [b, t, h·d]: the heads merged back, as a layer outputs them

// @shape-error SHAPE_RESHAPE_ORDER
const perHead = q.reshape(["b", "h", "t", "d"]);
console.log(perHead.shape);

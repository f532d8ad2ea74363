// A second convolution layer after a first one with 8 output channels.
// The mistake: the second layer's weight was written for 6 input channels (copied from another
// model), so it cannot apply to the [64, 8, 6, 6] activations. PyTorch reports this at the first
// forward pass; here it is a compile error on the weight.
// Fix: the weight's axis 1 must be the input's channels (8), over the groups: [16, 8, 3, 3].
import { randn, zeros } from "../../src/index.js";

const images = randn([64, 1, 12, 12], { seed: 0 });
const pooled = images.conv2d(randn([8, 1, 3, 3], { seed: 1 }), { padding: "same" }).relu().maxPool2d(2); // [64, 8, 6, 6]

// @shape-error SHAPE_CONV
const features = pooled.conv2d(zeros([16, 6, 3, 3]), { padding: 1 });
console.log(features.shape);

// Converting a batch of images from channels-last [batch, height, width, channels] (NHWC) to
// channels-first [batch, channels, height, width] (NCHW).
// The mistake: the permutation lists axis 1 twice and never moves axis 2, so it is not a permutation.
// Fix: permute([0, 3, 1, 2]).
import { randn } from "../../src/index.js";

const images = randn([8, 32, 32, 3], { seed: 0 }); // NHWC

// @shape-error SHAPE_AXIS
const channelsFirst = images.permute([0, 3, 1, 1]);
console.log(channelsFirst.shape);

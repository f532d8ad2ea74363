// A regression loss: mean squared error between predictions and targets.
// The mistake: the predictions have shape [8] and the targets [8, 1] (a column, as a data loader
// often hands them out). NumPy's rules broadcast the difference to an [8, 8] matrix — every
// prediction minus every target — and its mean is a number, so nothing fails and training quietly
// fits the wrong thing. shapecheck's tensor ops reject this implicit outer broadcast.
// Fix: targets.squeeze(1) (or predictions.unsqueeze(1)), so both are [8] (or [8, 1]).
import { randn } from "../../src/index.js";

const predictions = randn([8], { seed: 0 });
const targets = randn([8, 1], { seed: 1 });

// @shape-error SHAPE_IMPLICIT_OUTER
const loss = predictions.sub(targets).pow(2).mean();
console.log(loss.item());

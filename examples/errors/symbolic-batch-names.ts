// Two modules that each name the batch dim: the model's log-probabilities are ["batch", 10], the label
// loader's one-hot targets are ["n", 10]. Different names may be different sizes — here they are: the
// loaders disagree (8 vs 16) — so combining them is a compile error until the code says they match.
// Fix: agree on one name, or restate one side, targets.as(["batch", 10]), which is checked at run time.
import { randn, type Tensor } from "../../src/index.js";

function nllTerms(logProbs: Tensor<["batch", 10]>, targets: Tensor<["n", 10]>) {
  // @shape-error SHAPE_BROADCAST
  return logProbs.mul(targets);
}

const logProbs = randn([8, 10], { seed: 0 }).logSoftmax(1).as(["batch", 10]);
const targets = randn([16, 10], { seed: 1 }).as(["n", 10]);
console.log(nllTerms(logProbs, targets).shape);

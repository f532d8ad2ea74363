// A weighted row sum in TensorFlow.js: each row of the scores, weighted by its own scalar, summed over
// its columns — out[i] = Σ_j w[i]·s[i][j].
// The mistake is TensorFlow.js's, not the code's: tfjs 4.22's einsum sums 'j' first and leaves the
// operand without it (the weights) out of that sum, so it returns [6, 15] for weights [1, 2] and scores
// [[1, 2, 3], [4, 5, 6]] — the plain row sums — instead of [6, 30], without an error.
// shapecheck/tfjs refuses the subscripts that tfjs computes wrongly.
// Fix: tf.mul(weights, tf.sum(scores, 1)), or the built-in einsum on shapecheck's own tensors.
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "../../src/tfjs/index.js";

const weights = tf.tensor1d([1, 2]);
const scores = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);

// @shape-error SHAPE_EINSUM
const weighted = tf.einsum("i,ij->i", weights, scores);
weighted.print();

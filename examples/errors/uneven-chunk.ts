// An LSTM step computes its four gates from one product, [batch, 4 × hidden], and cuts it along the
// last axis.
// The mistake: the cut asks for three pieces (the cell candidate forgotten), and 80 is not a multiple
// of 3. PyTorch's chunk would return pieces of 27, 27 and 26 columns without a word, and every gate
// would read columns of its neighbour.
// Fix: z.chunk(4, -1), the fourth piece the cell candidate.
import { concat, randn, zeros } from "../../src/index.js";

const x = randn([8, 10], { seed: 0 }); // [batch, input]
const h = zeros([8, 20]); // [batch, hidden]
const w = randn([30, 80], { seed: 1 }); // [input + hidden, 4 × hidden]
const z = concat([x, h], -1).matmul(w); // [8, 80]

// @shape-error SHAPE_SPLIT
const [input, forget, output] = z.chunk(3, -1);
console.log(input.shape, forget.shape, output.shape);

/**
 * Kernel benchmark: each case times shapecheck's op against a hand-written Float32Array loop doing
 * the same work (including allocating its output), in the same run, and prints the ratio. Target:
 * every ratio ≤ 1.5×. Not part of `npm test` — timings are never assertions.
 *
 * Run: `npm run bench` (compiles to .run/ with tsc, then runs on Node).
 */
import { performance } from "node:perf_hooks";
import { Tensor, fromArray, sum } from "../src/index.js";

interface Case {
  readonly name: string;
  readonly ours: () => unknown;
  readonly hand: () => unknown;
}

function filled(size: number, seed: number): Float32Array {
  const data = new Float32Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    data[i] = (x / 4294967296) * 2 - 1;
  }
  return data;
}

/**
 * Time in ms of one call: the fastest of `samples` samples of `reps` calls each, ours and the hand
 * loop interleaved so that both see the same machine. The fastest sample is the least disturbed by
 * other work on the machine; both sides are measured the same way.
 */
function measure(bench: Case, samples = 25, reps = 5): { ours: number; hand: number } {
  for (let i = 0; i < 20; i++) {
    bench.ours();
    bench.hand();
  }
  const ours: number[] = [];
  const hand: number[] = [];
  for (let s = 0; s < samples; s++) {
    let start = performance.now();
    for (let r = 0; r < reps; r++) bench.ours();
    ours.push((performance.now() - start) / reps);
    start = performance.now();
    for (let r = 0; r < reps; r++) bench.hand();
    hand.push((performance.now() - start) / reps);
  }
  return { ours: Math.min(...ours), hand: Math.min(...hand) };
}

const rowsA = filled(1024 * 1024, 1);
const rowB = filled(1024, 2);
const colB = filled(1024, 3);
const big = filled(32 * 64 * 32 * 32, 4);
const channel = filled(64, 5);

const a = fromArray(rowsA, [1024, 1024]);
const row = fromArray(rowB, [1024]);
const column = fromArray(colB, [1024, 1]);
const x4 = fromArray(big, [32, 64, 32, 32]);
const perChannel = fromArray(channel, [64, 1, 1]);

const cases: Case[] = [
  {
    name: "[1024, 1024] + [1024]",
    ours: () => a.add(row),
    hand: () => {
      const out = new Float32Array(1024 * 1024);
      for (let i = 0; i < 1024; i++) {
        const base = i * 1024;
        for (let j = 0; j < 1024; j++) out[base + j] = rowsA[base + j] + rowB[j];
      }
      return out;
    },
  },
  {
    name: "[1024, 1024] + [1024, 1]",
    ours: () => a.add(column),
    hand: () => {
      const out = new Float32Array(1024 * 1024);
      for (let i = 0; i < 1024; i++) {
        const base = i * 1024;
        const v = colB[i];
        for (let j = 0; j < 1024; j++) out[base + j] = rowsA[base + j] + v;
      }
      return out;
    },
  },
  {
    name: "[32, 64, 32, 32] + [64, 1, 1]",
    ours: () => x4.add(perChannel),
    hand: () => {
      const out = new Float32Array(32 * 64 * 1024);
      for (let n = 0; n < 32; n++) {
        for (let c = 0; c < 64; c++) {
          const base = (n * 64 + c) * 1024;
          const v = channel[c];
          for (let k = 0; k < 1024; k++) out[base + k] = big[base + k] + v;
        }
      }
      return out;
    },
  },
  {
    name: "sum over axis 0 of [1024, 1024]",
    ours: () => a.sum(0),
    hand: () => {
      const out = new Float32Array(1024);
      for (let i = 0; i < 1024; i++) {
        const base = i * 1024;
        for (let j = 0; j < 1024; j++) out[j] += rowsA[base + j];
      }
      return out;
    },
  },
  {
    name: "[32, 64, 32, 32] reduced to [64, 1, 1]",
    // The gradient reduction of a [64, 1, 1] operand broadcast to [32, 64, 32, 32] (expand's rule).
    ours: () => sum(x4 as Tensor, [0, 2, 3], true),
    hand: () => {
      const out = new Float32Array(64);
      for (let n = 0; n < 32; n++) {
        for (let c = 0; c < 64; c++) {
          const base = (n * 64 + c) * 1024;
          let s = 0;
          for (let k = 0; k < 1024; k++) s += big[base + k];
          out[c] += s;
        }
      }
      return out;
    },
  },
];

console.log(`node ${process.version}; fastest of 25 samples × 5 calls; output allocation included on both sides`);
console.log("case".padEnd(42) + "shapecheck".padStart(12) + "hand loop".padStart(12) + "ratio".padStart(9));
let worst = 0;
for (const bench of cases) {
  const { ours, hand } = measure(bench);
  const ratio = ours / hand;
  worst = Math.max(worst, ratio);
  console.log(bench.name.padEnd(42) + `${ours.toFixed(3)} ms`.padStart(12) + `${hand.toFixed(3)} ms`.padStart(12) + `${ratio.toFixed(2)}×`.padStart(9));
}
console.log(`worst ratio ${worst.toFixed(2)}× (target ≤ 1.5×)`);

/**
 * shapecheck/tfjs's typed ops against the built-in ops, an engine of their own (held to NumPy and
 * PyTorch elsewhere in the suite): on generated shapes, on tfjs's cpu and wasm backends, each typed
 * op's result has the built-in op's shape and values. The facade's other tests compare it with tfjs's
 * own ops, which says nothing where tfjs itself is wrong; this one found tfjs 4.22 wrong on batched
 * matMul, batched gather (wasm), numeric padding and einsum, each now fixed or refused in the facade
 * (their own tests: facade, slice-gather, conv, einsum). Ops covered here: the broadcasting binary
 * ops, the reductions (one axis, a list, negative, keepDims), transpose, softmax and logSoftmax,
 * concat, stack, argMax, split, oneHot, expandDims, slice, meanSquaredError and softmaxCrossEntropy.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as sc from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { seeded } from "../harness/random.js";
import { BACKENDS, useBackend } from "./backends.js";

const values = (shape: readonly number[], seed: number) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(1.3 * i + seed));
const mine = (shape: number[], seed: number) => sc.fromArray(values(shape, seed), shape, { dtype: "float64" }) as sc.Tensor;
const theirs = (shape: number[], seed: number) => tf.tensor(values(shape, seed), shape as never) as unknown as tf.TfTensor;

/** The same shape, and values within float32's precision (NaN and ±Infinity where the built-in op has them). */
function agree(name: string, typed: unknown, builtIn: sc.Tensor): string[] {
  const t = typed as tfc.Tensor;
  const [got, want] = [[...t.dataSync()], builtIn.toFlatArray() as number[]];
  const same = JSON.stringify(t.shape) === JSON.stringify(builtIn.shape) && got.every((v, i) => Object.is(v, want[i]) || Math.abs(v - want[i]!) <= 1e-4 * (1 + Math.abs(want[i]!)));
  return same ? [] : [`${name}: tfjs ${JSON.stringify(t.shape)} ${JSON.stringify(got.slice(0, 6))} vs built-in ${JSON.stringify(builtIn.shape)} ${JSON.stringify(want.slice(0, 6))}`];
}

describe.each(BACKENDS)("shapecheck/tfjs's typed ops give the built-in ops' results on the %s backend", (backend) => {
  beforeAll(() => useBackend(backend));

  it("on 200 generated shapes each", () => {
    const random = seeded(20261205);
    const disagreements: string[] = [];
    let count = 0;
    const check = (name: string, typed: () => unknown, builtIn: () => sc.Tensor) =>
      tfc.tidy(() => {
        count++;
        disagreements.push(...agree(name, typed(), builtIn()));
      });
    for (let n = 0; n < 200; n++) {
      const rank = random.int(1, 4);
      const s = Array.from({ length: rank }, () => random.int(1, 4));
      const left = s.map((d) => (random.chance(0.3) ? 1 : d));
      const right = s.slice(random.int(0, rank - 1)).map((d) => (random.chance(0.3) ? 1 : d));
      const at = `${JSON.stringify(left)} ${JSON.stringify(right)}`;
      // NumPy's broadcasting without the implicit outer broadcasts the built-in ops refuse (the facade refuses them too).
      const outer = (() => {
        try {
          sc.broadcastShapes(left as never, right as never);
          sc.add(sc.zeros(left as never) as never, sc.zeros(right as never) as never);
          return false;
        } catch {
          return true;
        }
      })();
      if (!outer) {
        for (const op of ["add", "sub", "mul", "maximum", "minimum"] as const) check(`${op} ${at}`, () => tf[op](theirs(left, n) as never, theirs(right, n + 1) as never), () => sc[op](mine(left, n) as never, mine(right, n + 1) as never) as sc.Tensor);
        check(`div ${at}`, () => tf.div(theirs(left, n) as never, tf.add(theirs(right, n + 1) as never, 3) as never), () => sc.div(mine(left, n) as never, sc.add(mine(right, n + 1) as never, 3 as never) as never) as sc.Tensor);
      }
      const axis = random.int(-rank, rank - 1);
      const keep = random.chance(0.5);
      const axes = [...s.keys()].filter(() => random.chance(0.5));
      for (const op of ["sum", "mean", "max", "min"] as const) {
        check(`${op} ${JSON.stringify(s)} axis ${axis} ${keep}`, () => tf[op](theirs(s, n) as never, axis as never, keep as never), () => sc[op](mine(s, n) as never, axis as never, keep as never) as sc.Tensor);
        if (axes.length > 0) check(`${op} ${JSON.stringify(s)} axes ${axes}`, () => tf[op](theirs(s, n) as never, axes as never), () => sc[op](mine(s, n) as never, axes as never) as sc.Tensor);
      }
      const perm = [...s.keys()].sort(() => random.next() - 0.5);
      check(`transpose ${JSON.stringify(s)} ${perm}`, () => tf.transpose(theirs(s, n) as never, perm as never), () => mine(s, n).permute(perm as never) as sc.Tensor);
      check(`softmax ${JSON.stringify(s)}`, () => tf.softmax(theirs(s, n) as never), () => sc.softmax(mine(s, n) as never, -1 as never) as sc.Tensor);
      check(`logSoftmax ${JSON.stringify(s)}`, () => tf.logSoftmax(theirs(s, n) as never), () => sc.log(sc.softmax(mine(s, n) as never, -1 as never) as never) as sc.Tensor);
      const index = axis < 0 ? axis + rank : axis;
      check(`concat ${JSON.stringify(s)} ${axis}`, () => tf.concat([theirs(s, n), theirs(s, n + 5)] as never, axis as never), () => sc.concat([mine(s, n), mine(s, n + 5)] as never, axis as never) as sc.Tensor);
      check(`stack ${JSON.stringify(s)} ${index}`, () => tf.stack([theirs(s, n), theirs(s, n + 5)] as never, index as never), () => sc.stack([mine(s, n), mine(s, n + 5)] as never, index as never) as sc.Tensor);
      check(`argMax ${JSON.stringify(s)} ${index}`, () => tf.cast(tf.argMax(theirs(s, n) as never, index as never) as never, "float32"), () => sc.argmax(mine(s, n) as never, index as never) as sc.Tensor);
      const pieces = [1, 2, 3, 4].filter((k) => s[index]! % k === 0);
      const k = random.pick(pieces);
      check(`split ${JSON.stringify(s)} ${k} ${index}`, () => tf.stack(tf.split(theirs(s, n) as never, k as never, index as never) as never, 0 as never), () => sc.stack(sc.chunk(mine(s, n) as never, k as never, index as never) as never, 0 as never) as sc.Tensor);
      const unsqueezeAt = random.int(-rank - 1, rank);
      check(`expandDims ${JSON.stringify(s)} ${unsqueezeAt}`, () => tf.expandDims(theirs(s, n) as never, unsqueezeAt as never), () => mine(s, n).unsqueeze(unsqueezeAt as never) as sc.Tensor);
      const begin = s.map((d) => random.int(0, d - 1));
      const size = s.map((d, i) => random.int(0, d - begin[i]!));
      check(`slice ${JSON.stringify(s)} ${begin} ${size}`, () => tf.slice(theirs(s, n) as never, begin as never, size as never), () => s.reduce<sc.Tensor>((t, _, i) => t.narrow(i as never, begin[i]! as never, size[i]! as never) as sc.Tensor, mine(s, n)));
      check(`meanSquaredError ${JSON.stringify(s)}`, () => tf.losses.meanSquaredError(theirs(s, n) as never, theirs(s, n + 3) as never), () => sc.mseLoss(mine(s, n + 3) as never, mine(s, n) as never) as sc.Tensor);
      const [rows, classes] = [random.int(1, 5), random.int(2, 6)];
      const labels = Array.from({ length: rows }, () => random.int(0, classes - 1));
      check(`oneHot ${labels} ${classes}`, () => tf.cast(tf.oneHot(tf.tensor1d(labels, "int32") as never, classes as never) as never, "float32"), () => sc.fromArray(labels.flatMap((l) => Array.from({ length: classes }, (_, j) => (j === l ? 1 : 0))), [rows, classes], { dtype: "float64" }) as sc.Tensor);
      check(
        `softmaxCrossEntropy ${rows}×${classes}`,
        () => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, "int32") as never, classes as never) as never, theirs([rows, classes], n) as never),
        () => sc.crossEntropy(mine([rows, classes], n) as never, sc.fromArray(labels, [rows], { dtype: "int32" }) as never) as sc.Tensor,
      );
    }
    expect(count).toBeGreaterThan(4000);
    expect(disagreements).toEqual([]);
  });
});

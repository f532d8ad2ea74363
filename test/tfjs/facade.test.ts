/**
 * shapecheck/tfjs at run time, on tfjs-core's cpu and wasm backends:
 * - values: every typed function returns what tfjs's own function returns on the same inputs (the
 *   same tfjs tensor class, no wrapper), plus hand-computed products;
 * - errors: a shape mistake throws, before tfjs runs, exactly the message the built-in op with the
 *   same semantics throws for the same shapes; the tfjs-only rules throw the messages written here;
 * - chained methods: checked after installChecks(), restored by its uninstall function;
 * - training: grads, variableGrads and an optimizer's minimize work through the typed layer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import * as sc from "../../src/index.js";
import * as tf from "../../src/tfjs/index.js";
import { writeNotScalarMessage } from "../../src/tensor.js";
import { thrown } from "../harness/runtime.js";
import { BACKENDS, useBackend } from "./backends.js";
import { seeded } from "../harness/random.js";
import { expectClose as close } from "../runtime/close.js";

/** Inputs made once per shape and seed (kept: the error tests count the tensors a call makes). */
const inputs = new Map<string, tfc.Tensor>();
/** A tfjs tensor of `shape`, typed of unknown rank so that only the runtime checks it. */
const T = (shape: number[], seed = 1) => {
  const key = `${shape.join(",")}/${seed}/${tfc.getBackend()}`;
  if (!inputs.has(key)) inputs.set(key, tfc.keep(shape.length === 0 ? tfc.scalar(0.5) : tfc.randomNormal(shape, 0, 1, "float32", seed)));
  return tf.typed(inputs.get(key)!);
};
/** A built-in shapecheck tensor of `shape`, of unknown rank (the runtime checks it). */
const Z = (shape: number[]) => sc.zeros(shape as never) as sc.Tensor<number[]>;
const V = (shape: number[]) => tf.variable(T(shape));
const I = (values: number[]) => tf.typed(tfc.tensor1d(values, "int32"));

/** Thrown messages of the facade (`typed`) and of the built-in op (`builtin`), same shapes. */
const SAME_MESSAGE: [name: string, typed: () => unknown, builtin: () => unknown][] = [
  ["add: axis clash", () => tf.add(T([2, 3]), T([4])), () => sc.add(Z([2, 3]), Z([4]) as never)],
  ["mul: a scalar is fine, a clash is not", () => tf.mul(T([5, 1, 3]), T([2, 4])), () => sc.mul(Z([5, 1, 3]), Z([2, 4]) as never)],
  ["sub: implicit outer broadcast", () => tf.sub(T([8]), T([8, 1])), () => sc.sub(Z([8]), Z([8, 1]) as never)],
  ["maximum: clash", () => tf.maximum(T([3]), T([4])), () => sc.maximum(Z([3]), Z([4]) as never)],
  ["matMul: inner dims", () => tf.matMul(T([2, 3]), T([4, 5])), () => sc.matmul(Z([2, 3]), Z([4, 5]) as never)],
  ["matMul: transposeB", () => tf.matMul(T([64, 784]), T([784, 128]), false, true), () => sc.matmul(Z([64, 784]), Z([784, 128]).transpose() as never)],
  ["matMul: transposeA", () => tf.matMul(T([64, 784]), T([784, 128]), true), () => sc.matmul(Z([64, 784]).transpose(), Z([784, 128]) as never)],
  ["matMul: batch dims", () => tf.matMul(T([2, 3, 4]), T([5, 4, 2])), () => sc.matmul(Z([2, 3, 4]), Z([5, 4, 2]) as never)],
  ["matMul: a scalar", () => tf.matMul(T([]), T([2, 3])), () => sc.matmul(Z([]), Z([2, 3]) as never)],
  ["reshape: counts", () => tf.reshape(T([2, 3]), [4]), () => sc.reshape(Z([2, 3]), [4] as never)],
  ["reshape: two -1", () => tf.reshape(T([2, 3]), [-1, -1] as never), () => sc.reshape(Z([2, 3]), [-1, -1] as never)],
  ["transpose: not a permutation", () => tf.transpose(T([2, 3]), [1]), () => sc.transpose(Z([2, 3]), [1] as never)],
  ["transpose: repeated axis", () => tf.transpose(T([2, 3]), [0, 0]), () => sc.transpose(Z([2, 3]), [0, 0] as never)],
  ["expandDims: axis", () => tf.expandDims(T([2, 3]), 4), () => sc.unsqueeze(Z([2, 3]), 4 as never)],
  ["squeeze: not size 1", () => tf.squeeze(T([2, 3]), [1]), () => sc.squeeze(Z([2, 3]), [1] as never)],
  ["concat: dims off the axis", () => tf.concat([T([2, 3]), T([4, 5])], 1), () => sc.concat([Z([2, 3]), Z([4, 5])] as never, 1 as never)],
  ["concat: rank", () => tf.concat([T([2, 3]), T([3])]), () => sc.concat([Z([2, 3]), Z([3])] as never)],
  ["stack: shapes", () => tf.stack([T([2, 3]), T([2, 4])]), () => sc.stack([Z([2, 3]), Z([2, 4])] as never)],
  ["sum: axis", () => tf.sum(T([2, 3]), 2), () => sc.sum(Z([2, 3]), 2 as never)],
  ["mean: repeated axis", () => tf.mean(T([2, 3]), [0, 0], true), () => sc.mean(Z([2, 3]), [0, 0] as never, true)],
  ["max: an empty axis", () => tf.max(T([2, 0]), 1), () => sc.max(Z([2, 0]), 1 as never)],
  ["softmax: axis range", () => tf.softmax(T([2, 3]), 2), () => sc.softmax(Z([2, 3]), 2 as never)],
  ["logSoftmax: a scalar", () => tf.logSoftmax(T([])), () => sc.logSoftmax(Z([]) as never)],
  ["as: a known dim", () => tf.as(T([2, 3]), [2, 4]), () => Z([2, 3]).as([2, 4] as never)],
  ["zeros: a negative dim", () => tf.zeros([2, -1] as never), () => sc.zeros([2, -1] as never)],
];

/** The tfjs-only rules: their messages, written out. */
const TFJS_MESSAGES: [name: string, typed: () => unknown, message: string][] = [
  [
    "matMul: a vector on the left",
    () => tf.matMul(T([3]), T([3, 2])),
    "SHAPE_MATMUL: matMul: cannot multiply [3] by [3, 2]: the left operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)",
  ],
  [
    "matMul: a vector on the right",
    () => tf.matMul(T([2, 3]), T([3])),
    "SHAPE_MATMUL: matMul: cannot multiply [2, 3] by [3]: the right operand has 1 axis; tfjs's matMul needs at least 2 on each side (expandDims adds one)",
  ],
  [
    "softmax: not the last axis",
    () => tf.softmax(T([2, 3]), 0),
    "SHAPE_AXIS: softmax: axis 0 of [2, 3] is not the last axis; tfjs computes softmax only along the last axis (transpose that axis to the end first)",
  ],
  [
    "softmaxCrossEntropy: a column of labels",
    () => tf.losses.softmaxCrossEntropy(T([64, 1]), T([64, 10])),
    "SHAPE_MISMATCH: softmaxCrossEntropy: onehotLabels [64, 1] and logits [64, 10] must have the same shape: axis 1 is 1 vs 10; tfjs does not broadcast them",
  ],
  [
    "meanSquaredError: rank",
    () => tf.losses.meanSquaredError(T([8]), T([8, 1])),
    "SHAPE_MISMATCH: meanSquaredError: labels [8] and predictions [8, 1] must have the same shape: rank 1 vs 2; tfjs does not broadcast them",
  ],
  [
    "gather: axis",
    () => tf.gather(T([4, 5]), I([0]), 2),
    "SHAPE_AXIS: gather: axis 2 is out of range for [4, 5]: valid axes are integers from -2 to 1",
  ],
  ["variableGrads: not a scalar", () => {
      const v = V([3]);
      return tf.variableGrads(() => tf.mul(v, 2) as never);
    }, writeNotScalarMessage("variableGrads", [3])],
];

describe.each(BACKENDS)("shapecheck/tfjs on the %s backend", (backend) => {
  beforeAll(() => useBackend(backend));

  describe("a shape mistake throws the built-in op's message, before tfjs runs", () => {
    it.each(SAME_MESSAGE)("%s", (_name, typed, builtin) => {
      const expected = thrown(builtin);
      expect(expected.name).toBe("ShapeError");
      thrown(typed); // makes the inputs
      const before = tfc.memory().numTensors;
      const error = thrown(typed);
      expect(error).toBeInstanceOf(sc.ShapeError);
      expect(error.message).toBe(expected.message);
      // tfjs did not run: no tensor was made by the failed call.
      expect(tfc.memory().numTensors).toBe(before);
    });
  });

  describe("the tfjs-only rules throw their messages", () => {
    it.each(TFJS_MESSAGES)("%s", (_name, typed, message) => {
      const error = thrown(typed);
      expect(error).toBeInstanceOf(sc.ShapeError);
      expect(error.message).toBe(message);
    });

    it("the gather message is the built-in axis-range message", () => {
      // The same writer as every built-in op's axis argument: softmax on [4, 5] with axis 2.
      expect(thrown(() => tf.gather(T([4, 5]), I([0]), 2)).message).toBe(
        thrown(() => sc.softmax(Z([4, 5]), 2 as never)).message.replace("softmax", "gather"),
      );
    });
  });

  describe("values are tfjs's own", () => {
    const same = (typed: tfc.Tensor | tf.TfTensor, raw: tfc.Tensor) => {
      expect(typed).toBeInstanceOf(tfc.Tensor);
      expect(typed.shape).toEqual(raw.shape);
      expect((typed as tfc.Tensor).arraySync()).toEqual(raw.arraySync());
    };

    it("matMul with every transpose flag, and a hand-computed product", () => {
      tfc.tidy(() => {
        const a = tfc.randomNormal([5, 4], 0, 1, "float32", 3);
        const b = tfc.randomNormal([4, 3], 0, 1, "float32", 4);
        const bt = tfc.transpose(b);
        const at = tfc.transpose(a);
        same(tf.matMul(tf.typed(a), tf.typed(b)), tfc.matMul(a, b));
        same(tf.matMul(tf.typed(a), tf.typed(bt), false, true), tfc.matMul(a, bt, false, true));
        same(tf.matMul(tf.typed(at), tf.typed(b), true, false), tfc.matMul(at, b, true, false));
        same(tf.matMul(tf.typed(at), tf.typed(bt), true, true), tfc.matMul(at, bt, true, true));
        // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]]ᵀ = [[1·5 + 2·6, 1·7 + 2·8], [3·5 + 4·6, 3·7 + 4·8]]
        const product = tf.matMul(tf.tensor([[1, 2], [3, 4]]), tf.tensor([[5, 6], [7, 8]]), false, true);
        expect(product.arraySync()).toEqual([[17, 23], [39, 53]]);
      });
    });

    it("matMul whose batch dims broadcast has the built-in matmul's values, where tfjs's own matMul gets some wrong", () => {
      const random = seeded(7);
      let ownWrong = 0;
      let broadcast = 0;
      for (let n = 0; n < 300; n++) {
        const outer = Array.from({ length: random.int(0, 3) }, () => (random.chance(0.4) ? 1 : random.int(2, 3)));
        const inner = outer.slice(random.int(0, outer.length)).map((d) => (random.chance(0.4) ? 1 : d));
        const [m, k, p] = [random.int(1, 4), random.int(1, 4), random.int(1, 4)];
        const [left, right] = random.chance(0.5) ? [[...outer, m, k], [...inner, k, p]] : [[...inner, m, k], [...outer, k, p]];
        const [ta, tb] = [random.chance(0.3), random.chance(0.3)];
        const swap = (s: number[], t: boolean) => (t ? [...s.slice(0, -2), s.at(-1)!, s.at(-2)!] : s);
        const [sa, sb] = [swap(left!, ta), swap(right!, tb)];
        const va = Array.from({ length: sa.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(i + n));
        const vb = Array.from({ length: sb.reduce((x, y) => x * y, 1) }, (_, i) => Math.cos(i + 2 * n));
        const mt = (x: sc.Tensor, t: boolean) => (t ? x.mT : x);
        const expected = sc.matmul(mt(sc.fromArray(va, sa, { dtype: "float64" }) as sc.Tensor, ta) as never, mt(sc.fromArray(vb, sb, { dtype: "float64" }) as sc.Tensor, tb) as never) as sc.Tensor;
        if (JSON.stringify(left!.slice(0, -2)) !== JSON.stringify(right!.slice(0, -2))) broadcast++;
        tfc.tidy(() => {
          const typed = tf.matMul(tf.tensor(va, sa as never) as never, tf.tensor(vb, sb as never) as never, ta as never, tb as never) as unknown as tfc.Tensor;
          expect(typed.shape).toEqual(expected.shape);
          close([...typed.dataSync()], expected.toFlatArray(), 1e-4);
          const own = [...tfc.matMul(tfc.tensor(va, sa), tfc.tensor(vb, sb), ta, tb).dataSync()];
          if (own.some((v, i) => Math.abs(v - expected.toFlatArray()[i]!) > 1e-4)) ownWrong++;
        });
      }
      expect(broadcast).toBeGreaterThan(100);
      expect(ownWrong, "tfjs's own matMul is wrong on some (the reason the typed one broadcasts first)").toBeGreaterThan(0);
    });

    it("matMul whose batch dims broadcast: gradients are the built-in matmul's (summed over the broadcast batch axes)", () => {
      const [va, vb, vg] = [[1, -2, 3, 0.5, 2, -1, 4, 1], Array.from({ length: 24 }, (_, i) => Math.sin(i)), Array.from({ length: 6 }, (_, i) => Math.cos(i))];
      const a = sc.fromArray(va, [2, 1, 1, 4], { dtype: "float64", requiresGrad: true }) as sc.Tensor;
      const b = sc.fromArray(vb, [2, 3, 4, 1], { dtype: "float64", requiresGrad: true }) as sc.Tensor;
      (sc.matmul(a as never, b as never) as sc.Tensor).backward(sc.fromArray(vg, [2, 3, 1, 1], { dtype: "float64" }) as never);
      const grads = tf.grads((x: tf.TfTensor, y: tf.TfTensor) => tf.matMul(x as never, y as never) as never);
      const [ga, gb] = grads([tf.tensor(va, [2, 1, 1, 4]) as never, tf.tensor(vb, [2, 3, 4, 1]) as never], tf.tensor(vg, [2, 3, 1, 1]) as never) as unknown as tfc.Tensor[];
      close([...ga!.dataSync()], a.grad!.toFlatArray(), 1e-4);
      close([...gb!.dataSync()], b.grad!.toFlatArray(), 1e-4);
    });

    it("elementwise and unary ops", () => {
      tfc.tidy(() => {
        const a = tfc.randomNormal([4, 3], 0, 1, "float32", 5);
        const b = tfc.randomNormal([3], 0, 1, "float32", 6);
        const [ta, tb] = [tf.typed(a), tf.typed(b)];
        same(tf.add(ta, tb), tfc.add(a, b));
        same(tf.sub(ta, tb), tfc.sub(a, b));
        same(tf.mul(ta, 2), tfc.mul(a, 2));
        same(tf.div(ta, tb), tfc.div(a, b));
        same(tf.maximum(ta, tb), tfc.maximum(a, b));
        same(tf.minimum(ta, tb), tfc.minimum(a, b));
        same(tf.squaredDifference(ta, tb), tfc.squaredDifference(a, b));
        same(tf.pow(tf.abs(ta), 2), tfc.pow(tfc.abs(a), 2));
        for (const [typed, raw] of [
          [tf.neg, tfc.neg], [tf.exp, tfc.exp], [tf.tanh, tfc.tanh], [tf.sigmoid, tfc.sigmoid], [tf.relu, tfc.relu], [tf.square, tfc.square],
        ] as const) {
          same(typed(ta), raw(a));
        }
        same(tf.sqrt(tf.abs(ta)), tfc.sqrt(tfc.abs(a)));
        same(tf.log(tf.abs(ta)), tfc.log(tfc.abs(a)));
      });
    });

    it("movement ops, gather and oneHot", () => {
      tfc.tidy(() => {
        const a = tfc.randomNormal([2, 3, 4], 0, 1, "float32", 7);
        const ta = tf.typed(a);
        same(tf.reshape(ta, [-1, 4]), tfc.reshape(a, [-1, 4]));
        same(tf.transpose(ta), tfc.transpose(a));
        same(tf.transpose(ta, [2, 0, 1]), tfc.transpose(a, [2, 0, 1]));
        same(tf.expandDims(ta), tfc.expandDims(a));
        same(tf.expandDims(ta, -1), tfc.expandDims(a, -1));
        const column = tfc.randomNormal([3, 1, 2, 1], 0, 1, "float32", 8);
        same(tf.squeeze(tf.typed(column)), tfc.squeeze(column));
        same(tf.squeeze(tf.typed(column), [1]), tfc.squeeze(column, [1]));
        same(tf.concat([ta, ta], 2), tfc.concat([a, a], 2));
        same(tf.stack([ta, ta], 1), tfc.stack([a, a], 1));
        const indices = tfc.tensor1d([2, 0, 2], "int32");
        same(tf.gather(ta, tf.typed(indices), 2), tfc.gather(a, indices, 2));
        same(tf.oneHot(tf.typed(indices), 4), tfc.oneHot(indices, 4));
        expect(tf.oneHot(tf.tensor1d([1, 0], "int32"), 3).arraySync()).toEqual([[0, 1, 0], [1, 0, 0]]);
      });
    });

    it("reductions, argMax, softmax, losses", () => {
      tfc.tidy(() => {
        const a = tfc.randomNormal([4, 5], 0, 1, "float32", 9);
        const ta = tf.typed(a);
        same(tf.sum(ta), tfc.sum(a));
        same(tf.sum(ta, 1, true), tfc.sum(a, 1, true));
        same(tf.mean(ta, [0, 1]), tfc.mean(a, [0, 1]));
        same(tf.max(ta, -1), tfc.max(a, -1));
        same(tf.min(ta, 0, true), tfc.min(a, 0, true));
        same(tf.argMax(ta), tfc.argMax(a));
        same(tf.argMax(ta, 1), tfc.argMax(a, 1));
        same(tf.softmax(ta), tfc.softmax(a));
        same(tf.logSoftmax(ta, 1), tfc.logSoftmax(a, 1));
        const labels = tfc.oneHot(tfc.tensor1d([0, 4, 2, 1], "int32"), 5).toFloat();
        same(tf.losses.softmaxCrossEntropy(tf.typed(labels), ta), tfc.losses.softmaxCrossEntropy(labels, a));
        same(
          tf.losses.softmaxCrossEntropy(tf.typed(labels), ta, undefined, undefined, tf.Reduction.NONE),
          tfc.losses.softmaxCrossEntropy(labels, a, undefined, undefined, tfc.Reduction.NONE),
        );
        same(tf.losses.meanSquaredError(ta, tf.softmax(ta)), tfc.losses.meanSquaredError(a, tfc.softmax(a)));
      });
    });

    it("creation keeps tfjs's tensors and the given shapes; as() returns the same object", () => {
      tfc.tidy(() => {
        const x = tf.tensor([[1, 2, 3], [4, 5, 6]]);
        expect(x).toBeInstanceOf(tfc.Tensor);
        expect(x.shape).toEqual([2, 3]);
        expect(tf.tensor2d([1, 2, 3, 4], [2, 2]).arraySync()).toEqual([[1, 2], [3, 4]]);
        expect(tf.tensor3d([[[1], [2]]]).shape).toEqual([1, 2, 1]);
        expect(tf.tensor4d([[[[1]]]]).shape).toEqual([1, 1, 1, 1]);
        expect(tf.zeros([2, 0]).shape).toEqual([2, 0]);
        expect(tf.ones([3]).arraySync()).toEqual([1, 1, 1]);
        expect(tf.randomNormal([3, 2], 0, 1, "float32", 1).arraySync()).toEqual(tfc.randomNormal([3, 2], 0, 1, "float32", 1).arraySync());
        expect(tf.as(x, ["batch", 3])).toBe(x);
        expect(tf.untyped(x)).toBe(x);
      });
    });
  });

  describe("chained methods", () => {
    let uninstall: () => void = () => {};
    beforeAll(() => {
      uninstall = tf.installChecks();
    });
    afterAll(() => uninstall());

    it("throw the free function's message, and compute tfjs's values", () => {
      const a = T([2, 3]);
      expect(thrown(() => a.add(T([4]))).message).toBe(thrown(() => sc.add(Z([2, 3]), Z([4]) as never)).message);
      expect(thrown(() => a.matMul(T([2, 3]))).message).toBe(thrown(() => sc.matmul(Z([2, 3]), Z([2, 3]) as never)).message);
      expect(thrown(() => a.sum(3)).message).toBe(thrown(() => sc.sum(Z([2, 3]), 3 as never)).message);
      expect(thrown(() => a.concat(T([3, 3]), 1)).message).toBe(thrown(() => sc.concat([Z([2, 3]), Z([3, 3])] as never, 1 as never)).message);
      expect(thrown(() => a.softmax(0)).message).toBe(thrown(() => tf.softmax(a, 0)).message);
      const raw = tf.untyped(a);
      expect((a.matMul(a, false, true) as unknown as tfc.Tensor).arraySync()).toEqual(tfc.matMul(raw, raw, false, true).arraySync());
      expect((a.relu().mean(1, true) as unknown as tfc.Tensor).arraySync()).toEqual(tfc.mean(tfc.relu(raw), 1, true).arraySync());
      expect(a.reshape([3, 2]).expandDims(0).shape).toEqual([1, 3, 2]);
      expect(a.stack(a, 2).shape).toEqual([2, 3, 2]);
      expect(a.gather(I([1, 1]), 1).shape).toEqual([2, 2]);
    });

    it("installChecks is idempotent and its uninstall restores what was there", () => {
      const prototype = tfc.Tensor.prototype as unknown as Record<string, unknown>;
      const installedAdd = prototype["add"];
      expect(tf.installChecks()).toBe(uninstall);
      expect(prototype["add"]).toBe(installedAdd);
      // What uninstall restores: tfjs's own add here (the bundle's), or none.
      uninstall();
      const original = Object.getOwnPropertyDescriptor(prototype, "add");
      expect(original?.value).not.toBe(installedAdd);
      uninstall = tf.installChecks();
      // Something replaces a checked method (as loading tfjs's bundle does): installing again puts it
      // back, and uninstall then restores that replacement (what the prototype holds without checks).
      const replacement = function () {};
      prototype["add"] = replacement;
      expect(tf.installChecks()).toBe(uninstall);
      expect(prototype["add"]).toBe(installedAdd);
      uninstall();
      expect(prototype["add"]).toBe(replacement);
      // A member that was absent and is registered after the first install (tfjs's bundle does that
      // for its chained methods) is restored too, not deleted.
      delete prototype["add"];
      uninstall = tf.installChecks();
      prototype["add"] = replacement;
      tf.installChecks();
      uninstall();
      expect(prototype["add"]).toBe(replacement);
      // Back to tfjs's own, for the tests after this one.
      if (original === undefined) delete prototype["add"];
      else Object.defineProperty(prototype, "add", original);
      uninstall = tf.installChecks();
      expect(prototype["add"]).toBe(installedAdd);
      expect(tf.CHECKED_METHODS).toContain("matMul");
    });
  });

  describe("gradients and training", () => {
    it("grads and grad give gradients of their arguments' shapes and tfjs's values", () => {
      tfc.tidy(() => {
        const a = T([3, 2], 11);
        const b = T([2, 4], 12);
        const f = (x: tf.TfTensor<number[]>, y: tf.TfTensor<number[]>) => tf.sum(tf.matMul(x, y));
        const [da, db] = tf.grads(f)([a, b]);
        const [ra, rb] = tfc.grads((x: tfc.Tensor, y: tfc.Tensor) => tfc.sum(tfc.matMul(x, y)))([tf.untyped(a), tf.untyped(b)]);
        expect(da!.arraySync()).toEqual(ra!.arraySync());
        expect(db!.arraySync()).toEqual(rb!.arraySync());
        // d/dx Σ x² = 2x
        const dx = tf.grad((x: tf.TfTensor<[3]>) => tf.sum(tf.square(x)))(tf.tensor([1, -2, 3]));
        expect(dx.arraySync()).toEqual([2, -4, 6]);
      });
    });

    it("variableGrads and minimize train a least-squares fit", () => {
      const w = tf.variable(tf.zeros([2, 1]));
      const x = tf.tensor([[1, 0], [0, 1], [1, 1]]);
      const y = tf.tensor([[2], [-1], [1]]);
      const loss = () => tf.losses.meanSquaredError(y, tf.matMul(x, w));
      const { value, grads } = tf.variableGrads(loss);
      expect(value.shape).toEqual([]);
      expect(grads[w.name]!.shape).toEqual([2, 1]);
      tf.dispose([value, ...Object.values(grads)]);
      const optimizer = tf.train.sgd(0.3);
      const first = optimizer.minimize(loss, true)!.dataSync()[0]!;
      for (let step = 0; step < 100; step++) tf.tidy(() => optimizer.minimize(loss));
      const last = optimizer.minimize(loss, true)!.dataSync()[0]!;
      expect(last).toBeLessThan(first / 100);
      // The exact solution of x·w = y is w = [2, −1].
      const fitted = Array.from(w.dataSync());
      expect(fitted[0]).toBeCloseTo(2, 3);
      expect(fitted[1]).toBeCloseTo(-1, 3);
      expect(thrown(() => optimizer.minimize(() => tf.square(w) as never)).message).toBe(writeNotScalarMessage("minimize", [2, 1]));
      tf.dispose([w, x, y]);
      optimizer.dispose();
    });
  });
});

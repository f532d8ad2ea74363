// The runtime mirror of the symbolic size normal form (src/symbolic.ts): parsing, the order of terms
// and names, arithmetic on polynomials (checked against evaluation at random points, an oracle that
// never looks at the text), size comparison and the malformed-expression message.
import { describe, expect, it } from "vitest";
import { ShapeError, Tensor, concat, zeros } from "../../src/index.js";
import {
  addPoly,
  boundSizes,
  compareSizes,
  labelsOf,
  divPolyByTerm,
  formatPoly,
  mulPoly,
  normalizeSize,
  parseSize,
  shapeSize,
  sumDims,
  validateSizes,
  type Poly,
} from "../../src/symbolic.js";
import { seeded } from "../harness/random.js";

const poly = (text: string) => parseSize(text)!;

/** The value of a polynomial at a point (names → values). */
function evaluate(p: Poly, at: Record<string, bigint>): bigint {
  return p.reduce((total, [names, c]) => total + (names === "" ? [] : names.split("*")).reduce((term, n) => term * at[n]!, c), 0n);
}

describe("normal form", () => {
  it("orders terms by names descending (constant last) and names ascending, coefficient last", () => {
    const table: [string, string | number][] = [
      ["n+m", "n+m"],
      ["m+n", "n+m"],
      ["3+n", "n+3"],
      ["s*768", "s*768"],
      ["768*s", "s*768"],
      ["s*b*2+b*s", "b*s*3"],
      ["n*n*2+n+n*n", "n*n*3+n"],
      ["b*d2+batch*m", "batch*m+b*d2"],
      ["2*3", 6],
      ["0*n+0", 0],
      ["007*n", "n*7"],
      ["batch", "batch"],
      ["é+a", "é+a"], // the runtime orders any string by code unit
    ];
    for (const [written, normal] of table) expect(normalizeSize(written), written).toBe(normal);
    expect(normalizeSize(5)).toBe(5);
  });

  it("is idempotent: the printed form parses back to itself", () => {
    for (const text of ["n*2+m+3", "b*s*768", "batch*m+b*d2", "n*n*3+n"]) expect(formatPoly(poly(text))).toBe(text);
  });

  it("rejects empty factors", () => {
    for (const bad of ["n+", "+n", "n++m", "*3", "n**2", ""]) expect(parseSize(bad), bad).toBeUndefined();
    const error = (() => {
      try {
        validateSizes("concat", [2, "n+"]);
      } catch (e) {
        return e as ShapeError;
      }
      throw new Error("expected a throw");
    })();
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe("SHAPE_INVALID_SHAPE: concat: invalid shape [2, 'n+']: dim 'n+' is not a size expression (names and numbers joined by + and *, like 'n+m' or 's*768')");
  });
});

describe("arithmetic", () => {
  const random = seeded(1234);
  const names = ["a", "b", "n"];
  const randomPoly = (): Poly => {
    let p: Poly = [];
    for (let t = random.int(0, 3); t > 0; t--) {
      const term = Array.from({ length: random.int(0, 2) }, () => random.pick(names));
      p = addPoly(p, [[[...term].sort().join("*"), BigInt(random.int(1, 20))]]);
    }
    return p;
  };

  it("sums and products agree with evaluation at random points", () => {
    for (let trial = 0; trial < 300; trial++) {
      const [p, q] = [randomPoly(), randomPoly()];
      const at = { a: BigInt(random.int(0, 50)), b: BigInt(random.int(0, 50)), n: BigInt(random.int(0, 50)) };
      expect(evaluate(addPoly(p, q), at)).toBe(evaluate(p, at) + evaluate(q, at));
      expect(evaluate(mulPoly(p, q), at)).toBe(evaluate(p, at) * evaluate(q, at));
      // the printed result parses back to the same polynomial
      expect(formatPoly(poly(formatPoly(mulPoly(p, q))))).toBe(formatPoly(mulPoly(p, q)));
    }
  });

  it("exact division by one term undoes multiplication, and refuses what does not divide", () => {
    for (let trial = 0; trial < 200; trial++) {
      const p = randomPoly();
      const term = [...Array.from({ length: random.int(0, 2) }, () => random.pick(names))].sort().join("*");
      const divisor = [term, BigInt(random.int(1, 6))] as const;
      expect(formatPoly(divPolyByTerm(mulPoly(p, [divisor]), divisor)!)).toBe(formatPoly(p));
    }
    expect(divPolyByTerm(poly("n*3"), ["", 2n])).toBeUndefined();
    expect(divPolyByTerm(poly("n+m"), ["n", 1n])).toBeUndefined();
    expect(formatPoly(divPolyByTerm(poly("b*s*768"), ["b", 1n])!)).toBe("s*768");
  });

  it("element counts and sums of shapes", () => {
    expect(formatPoly(shapeSize(["b", "s", 768])!)).toBe("b*s*768");
    expect(formatPoly(shapeSize([9007199254740991, 9007199254740991])!)).toBe("81129638414606663681390495662081");
    expect(formatPoly(shapeSize([])!)).toBe("1");
    expect(formatPoly(sumDims(["n", "m", 3, "n"])!)).toBe("n*2+m+3");
  });
});

describe("compareSizes", () => {
  it("compares by normal form and names the kind of clash", () => {
    expect(compareSizes("n+m", "m+n")).toBe("equal");
    expect(compareSizes("2*3", 6)).toBe("equal");
    expect(compareSizes(3, 3)).toBe("equal");
    expect(compareSizes(3, 4)).toBe("known");
    expect(compareSizes("2*3", 7)).toBe("known");
    expect(compareSizes("n", "m")).toBe("symbols");
    expect(compareSizes("n", 3)).toBe("symbol-known");
    expect(compareSizes("2*3", "n")).toBe("symbol-known");
  });
});

describe("names bound at run time", () => {
  const thrown = (fn: () => unknown): Error => {
    try {
      fn();
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected a throw");
  };

  it(".as() binds each name to its axis's size; ops pass the names on", () => {
    const x = zeros([4, 3]).as(["n", 3]);
    expect(boundSizes(x)).toEqual(new Map([["n", 4]]));
    expect(boundSizes(x.mul(2).exp())).toEqual(new Map([["n", 4]]));
    const y = zeros([3, 7]).as([3, "m"]);
    expect(boundSizes(x.matmul(y))).toEqual(new Map([["n", 4], ["m", 7]]));
    expect(boundSizes(zeros([2, 2]))).toBeUndefined();
  });

  it("an op whose inputs bind one name to two sizes throws SHAPE_SYMBOL with the name and both sizes", () => {
    const a = zeros([1, 3]).as(["n", 3]);
    const b = zeros([5, 3]).as(["n", 3]);
    // broadcasting alone would accept [1, 3] + [5, 3]; the names say both are n × 3
    const error = thrown(() => a.add(b)) as ShapeError;
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.code).toBe("SHAPE_SYMBOL");
    expect(error.message).toBe(
      "SHAPE_SYMBOL: add: 'n' is 1 in operand 0 but 5 in operand 1; a name stands for one size (restate one of them with .as() if they differ)",
    );
    expect(thrown(() => concat([a, b] as never)).message).toBe(
      "SHAPE_SYMBOL: concat: 'n' is 1 in operand 0 but 5 in operand 1; a name stands for one size (restate one of them with .as() if they differ)",
    );
  });

  it(".as() refuses a name for two sizes, and checks expressions whose names are bound", () => {
    expect(thrown(() => (zeros([4, 5]) as Tensor).as(["n", "n"] as never)).message).toBe(
      "SHAPE_SYMBOL: as: 'n' is 4 in axis 0 of [4, 5] but 5 in axis 1 of [4, 5]; a name stands for one size (restate one of them with .as() if they differ)",
    );
    expect(zeros([4, 8]).as(["n", "n*2"]).shape).toEqual([4, 8]);
    expect(thrown(() => (zeros([4, 9]) as Tensor).as(["n", "n*2"] as never)).message).toBe(
      "SHAPE_SYMBOL: as: 'n*2' is 8 in its names' sizes but 9 in axis 1 of [4, 9]; a name stands for one size (restate one of them with .as() if they differ)",
    );
    const x = zeros([4, 3]).as(["n", 3]);
    expect(thrown(() => (x as Tensor).as([3, "n"] as never))).toBeInstanceOf(ShapeError); // rank ok, 4 ≠ 3 is SHAPE_AS
  });

  it("names follow the axes: a reduction drops the names of the axes it removes", () => {
    // two epoch losses from a full batch of 32 and a short last batch of 8
    const full = zeros([32, 4]).as(["batch", 4]).mul(2).mean();
    const short = zeros([8, 4]).as(["batch", 4]).mul(2).mean();
    expect(boundSizes(full)).toBeUndefined();
    expect(full.add(short).shape).toEqual([]);
    // over one axis: the other keeps its name, a kept axis is unlabelled
    const x = zeros([32, 5]).as(["batch", "k"]);
    expect(labelsOf(x.sum(0))).toEqual(["k"]);
    expect(boundSizes(x.sum(0))).toEqual(new Map([["k", 5]]));
    expect(labelsOf(x.sum(1, true))).toEqual(["batch", undefined]);
    expect(zeros([8, 5]).as(["batch", "k"]).sum(0).add(x.sum(0)).shape).toEqual([5]);
    // while both still carry the name, the clash is caught
    expect(thrown(() => x.add(zeros([1, 5]).as(["batch", "k"]))).message).toContain("SHAPE_SYMBOL: add: 'batch' is 32 in operand 0 but 1 in operand 1");
  });

  it("each op labels its result's axes as the compiler types it", () => {
    const x = zeros([2, 3, 4]).as(["b", "t", "d"]);
    expect(labelsOf(x.exp())).toEqual(["b", "t", "d"]);
    expect(labelsOf(x.permute([2, 0, 1]))).toEqual(["d", "b", "t"]);
    expect(labelsOf(x.transpose())).toEqual(["d", "t", "b"]);
    expect(labelsOf(x.add(zeros([4]).as(["d"])))).toEqual(["b", "t", "d"]);
    expect(labelsOf(x.add(zeros([4]) as Tensor))).toEqual(["b", "t", "d"]);
    expect(labelsOf(zeros([1, 3, 1]).as([1, "t", 1]).mul(x))).toEqual(["b", "t", "d"]);
    expect(labelsOf(x.matmul(zeros([4, 6]).as(["d", "e"])))).toEqual(["b", "t", "e"]);
    expect(labelsOf(x.reshape(["b", -1]))).toEqual(["b", "d*t"]);
    expect(labelsOf(x.flatten())).toEqual(["b*d*t"]);
    expect(labelsOf(x.unsqueeze(1))).toEqual(["b", undefined, "t", "d"]);
    expect(labelsOf(x.slice(1, 0, 2))).toEqual(["b", undefined, "d"]);
    expect(labelsOf(x.slice(1, 0, 3))).toEqual(["b", "t", "d"]);
    expect(labelsOf(concat([x, zeros([2, 5, 4]).as(["b", "s", "d"])], 1))).toEqual(["b", "t+s", "d"]);
    expect(labelsOf(concat([x, zeros([2, 5, 4]).as(["b", 5, "d"])], 1))).toEqual(["b", "t+5", "d"]);
    expect(labelsOf(x.softmax())).toEqual(["b", "t", "d"]);
    expect(labelsOf(x.sum([0, 2]))).toEqual(["t"]);
    expect(labelsOf(zeros([2, 3]))).toBeUndefined();
  });

  it("a reshape that moves named axes throws SHAPE_RESHAPE_ORDER, also after the names moved with the axes", () => {
    const x = zeros([2, 3, 4, 5]).as(["b", "t", "h", "d"]);
    const heads = x.permute([0, 2, 1, 3]); // ["b", "h", "t", "d"]
    expect(heads.reshape(["b", "h", "d*t"]).shape).toEqual([2, 4, 15]);
    expect(thrown(() => heads.reshape(["b", "t", "h*d"] as never)).message).toBe(
      "SHAPE_RESHAPE_ORDER: reshape: cannot reshape ['b', 'h', 't', 'd'] to ['b', 't', 'h*d']: 't' comes after 'h' in the source but before it in the target; a reshape keeps the elements in order, so moving an axis scrambles the data: split or merge axes with reshape, then move them with permute or transpose (or do both with rearrange)",
    );
    // a -1 inferred from names is checked too
    expect(thrown(() => x.reshape(["t", -1] as never)).message).toContain("SHAPE_RESHAPE_ORDER: reshape: cannot reshape ['b', 't', 'h', 'd'] to ['t', -1]: 't' comes after 'b'");
    // literal-only reshapes are unaffected
    expect(zeros([2, 3]).reshape([3, 2]).shape).toEqual([3, 2]);
  });
});

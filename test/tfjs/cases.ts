/**
 * Generated cases of tfjs's slice, gather and reshaping methods (seeded: the same on every run), for
 * the runtime and type-level tests.
 */

/** A small seeded generator (mulberry32), so the cases are the same on every run. */
export function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

export type Entries = number | number[] | undefined;
export interface SliceCase { x: number[]; begin: number | number[]; size: Entries }
export interface GatherCase { x: number[]; indices: number[]; axis: number; batchDims: number }

export function sliceCases(count: number): SliceCase[] {
  const r = random(13);
  const entry = (dim: number, size: boolean) => {
    const roll = r(12);
    if (roll === 0) return -2;
    if (roll === 1) return size ? -1 : dim + 1;
    if (roll === 2 && r(4) === 0) return 0.5;
    return r(dim + 2) - (size && r(3) === 0 ? 1 : 0);
  };
  const entries = (x: number[], size: boolean): number | number[] => {
    if (r(4) === 0) return entry(x[0] ?? 1, size);
    const length = Math.max(0, x.length - r(3) + (r(8) === 0 ? 1 : 0));
    return Array.from({ length }, (_, i) => entry(x[i] ?? 1, size));
  };
  return Array.from({ length: count }, () => {
    const x = Array.from({ length: r(12) === 0 ? 0 : 1 + r(4) }, () => r(6));
    return { x, begin: entries(x, false), size: r(4) === 0 ? undefined : entries(x, true) };
  });
}

export function gatherCases(count: number): GatherCase[] {
  const r = random(29);
  return Array.from({ length: count }, () => {
    const x = Array.from({ length: 1 + r(4) }, () => 1 + r(4));
    const indexRank = r(4);
    const axis = r(x.length + 1) - (r(3) === 0 ? x.length : 0);
    const batchDims = r(indexRank + 2) - (r(4) === 0 ? indexRank + 1 : 0);
    // Batch axes equal to x's leading axes, mostly.
    const indices = Array.from({ length: indexRank }, (_, i) => (i < x.length && r(6) !== 0 ? x[i]! : 1 + r(3)));
    return { x, indices, axis, batchDims };
  });
}


/** tfjs's reshaping methods and how many dims each takes. */
export const RESHAPE_METHODS = { flatten: 0, as1D: 0, asScalar: 0, as2D: 2, as3D: 3, as4D: 4, as5D: 5 } as const;
export type ReshapeMethod = keyof typeof RESHAPE_METHODS;
export interface ReshapeCase { op: ReshapeMethod; x: number[]; dims: number[] }

/**
 * Cases of `x.flatten()`, `x.as1D()`, `x.asScalar()`, `x.as2D(…)` … `x.as5D(…)`: mostly a
 * factorisation of x's size (sometimes with a -1), else a dim off by one, two -1s, a negative dim,
 * or a -1 beside a 0; x is often of size 1 for asScalar, and sometimes empty.
 */
export function reshapeCases(count: number): ReshapeCase[] {
  const r = random(41);
  const ops = Object.keys(RESHAPE_METHODS) as ReshapeMethod[];
  return Array.from({ length: count }, () => {
    const op = ops[r(ops.length)]!;
    const rank = r(5);
    const x = Array.from({ length: rank }, () => (op === "asScalar" && r(2) === 0 ? 1 : r(10) === 0 ? 0 : 1 + r(5)));
    const n = RESHAPE_METHODS[op];
    if (n === 0) return { op, x, dims: [] };
    let left = x.reduce((a, b) => a * b, 1);
    const dims: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      const divisors = left === 0 ? [0, 1, 2, 3] : Array.from({ length: left }, (_, k) => k + 1).filter((d) => left % d === 0);
      const d = divisors[r(divisors.length)]!;
      dims.push(d);
      left = d === 0 ? 0 : left / d;
    }
    dims.push(left);
    const roll = r(10);
    const at = r(n);
    if (roll < 3) dims[at] = -1;
    else if (roll === 3) dims[at]! += 1;
    else if (roll === 4) {
      dims[at] = -1;
      dims[(at + 1) % n] = -1;
    } else if (roll === 5) dims[at] = -2 - r(2);
    else if (roll === 6) {
      dims[at] = -1;
      dims[(at + 1) % n] = 0;
    }
    return { op, x, dims };
  });
}

// conv2d and pooling: random sizes, strides, dilations, paddings and layouts (tfjs needs strides or dilations of 1).
export type Pair = number | [number, number];
export type Pad = "valid" | "same" | number;
export interface ConvCase { x: number[]; filter: number[]; strides: Pair; pad: Pad; dataFormat: "NHWC" | "NCHW"; dilations: Pair }
export interface PoolCase { x: number[]; filterSize: Pair; strides: Pair; pad: Pad }

const pair = (r: (n: number) => number, max: number): Pair => (r(2) === 0 ? 1 + r(max) : [1 + r(max), 1 + r(max)]);
const isOne = (p: Pair) => (typeof p === "number" ? p === 1 : p[0] === 1 && p[1] === 1);
const padOf = (r: (n: number) => number): Pad => (["valid", "same", 0, 1, 2] as const)[r(5)]!;

export function convCases(count: number): ConvCase[] {
  const r = random(20261202);
  return Array.from({ length: count }, () => {
    const [n, h, w, c, o] = [1 + r(2), 1 + r(9), 1 + r(9), 1 + r(3), 1 + r(3)];
    const strides = pair(r, 3);
    // tfjs: either strides or dilations must be 1.
    const dilations = isOne(strides) ? pair(r, 3) : 1;
    const dataFormat = r(3) === 0 ? "NCHW" : "NHWC";
    return {
      x: dataFormat === "NHWC" ? [n, h, w, c] : [n, c, h, w],
      filter: [1 + r(4), 1 + r(4), c, o],
      strides,
      pad: padOf(r),
      dataFormat,
      dilations,
    };
  });
}

export function poolCases(count: number): PoolCase[] {
  const r = random(7);
  return Array.from({ length: count }, () => ({ x: [1 + r(2), 1 + r(9), 1 + r(9), 1 + r(3)], filterSize: pair(r, 4), strides: pair(r, 3), pad: padOf(r) }));
}

/** Generated cases of tfjs's slice and gather (seeded: the same on every run), for the runtime and type-level tests. */

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


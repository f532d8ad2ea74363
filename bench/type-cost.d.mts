// Types for bench/type-cost.mjs (plain JavaScript so that Node 20 runs it without a build step).
export declare const root: string;
export declare const tsc: string;
export interface Checked {
  readonly dir: string;
  readonly instantiations: number;
  readonly checkTime: number;
  readonly errors: string[];
}
export declare function check(work: string, name: string, source: string): Checked;
/** `lib`: where the generated files import the library from — the repository (its sources, the default) or the build's dist/ (declarations). */
export declare function broadcastSource(work: string, count: number, lib?: string): string;
export declare function deepSource(work: string, lib?: string): string;
export declare function modelSource(work: string, ops: number, lib?: string): string;
export declare function measureBroadcast(work: string, count?: number, lib?: string): { baseline: number; total: number; perCall: number; errors: string[] };
export declare function measureModels(
  work: string,
  sizes: readonly number[],
  lib?: string,
): {
  baseline: number;
  first: number;
  models: { ops: number; dir: string; instantiations: number; aboveBaseline: number; perOp: number | undefined; checkTime: number; errors: string[] }[];
};
export declare function genericModelSource(work: string, ops: number, lib?: string): string;
export declare function measureGenericModels(work: string, sizes: readonly number[], lib?: string): { ops: number; perOp: number | undefined; errors: string[] }[];

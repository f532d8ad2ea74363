/**
 * Project-wide settings of the type rules, set by module augmentation (the run-time side is
 * `configure()`, src/ops/broadcast.ts; set both):
 *
 *     declare module "shapecheck" {
 *       interface ShapecheckConfig { broadcasting: "numpy" }
 *     }
 *
 * - `broadcasting`: `"strict"` (the default) makes an implicit outer broadcast in a tensor op a
 *   compile error (`SHAPE_IMPLICIT_OUTER`); `"numpy"` allows it, as NumPy does.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by module augmentation
export interface ShapecheckConfig {}

/** `true` unless the project set `broadcasting: "numpy"` in `ShapecheckConfig`. */
export type StrictBroadcasting = ShapecheckConfig extends { readonly broadcasting: "numpy" } ? false : true;

/**
 * A small, seeded digits dataset for the examples: 12×12 grey images of the digits 0–9, each drawn
 * from a 5×7 bitmap glyph, scaled by a random factor, shifted by a random offset, thickened or not,
 * and covered in noise — enough variety that a classifier must learn shapes, not pixels. Generated,
 * not downloaded: `digits(count, seed)` gives the same images for the same seed.
 */
import { RandomGenerator } from "../../src/index.js";

/** The side of an image, in pixels. */
export const SIDE = 12;

// 5 columns × 7 rows per digit, one string per row ("#" = ink).
const GLYPHS: readonly (readonly string[])[] = [
  [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
  ["  #  ", " ##  ", "# #  ", "  #  ", "  #  ", "  #  ", "#####"],
  [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
  ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
  ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
  ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
  ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
  ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
  [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
  [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
];

/** Images `[count, 1, SIDE, SIDE]` (row-major, values about 0–1) and their labels 0–9. */
export interface Digits {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

/**
 * `count` images (labels cycling through 0–9, then shuffled), drawn with the generator seeded by `seed`.
 */
export function digits(count: number, seed: number): Digits {
  const random = new RandomGenerator(seed);
  const images = new Float32Array(count * SIDE * SIDE);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) labels[n] = n % 10;
  for (let n = count - 1; n > 0; n--) {
    const k = Math.floor(random.uniform() * (n + 1));
    [labels[n], labels[k]] = [labels[k]!, labels[n]!];
  }
  for (let n = 0; n < count; n++) {
    const glyph = GLYPHS[labels[n]!]!;
    const scale = 1.1 + random.uniform() * 0.5; // glyph pixels per image pixel: 5×7 → about 6–8 × 8–11
    const width = Math.round(5 * scale);
    const height = Math.min(SIDE, Math.round(7 * scale));
    const left = Math.floor(random.uniform() * (SIDE - width + 1));
    const top = Math.floor(random.uniform() * (SIDE - height + 1));
    const bold = random.uniform() < 0.3;
    const base = n * SIDE * SIDE;
    for (let y = 0; y < height; y++) {
      const row = glyph[Math.floor((y * 7) / height)]!;
      for (let x = 0; x < width; x++) {
        if (row[Math.floor((x * 5) / width)] !== "#") continue;
        images[base + (top + y) * SIDE + left + x] = 1;
        if (bold && left + x + 1 < SIDE) images[base + (top + y) * SIDE + left + x + 1] = 1;
      }
    }
    for (let p = 0; p < SIDE * SIDE; p++) images[base + p] = images[base + p]! * (0.7 + 0.3 * random.uniform()) + 0.12 * random.normal();
  }
  return { images, labels, count };
}

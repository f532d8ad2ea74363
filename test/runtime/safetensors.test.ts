// saveTensors / loadTensors: the safetensors format (8-byte little-endian header length N, N bytes of
// JSON padded with spaces, then the little-endian data at data_offsets counted from the data start).
// Round trips; a file built here byte by byte with DataView; saveTensors' bytes read back by an
// independent reader written here; the typed load; and every malformed file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, ShapeError, Tensor, fromArray, loadTensors, saveTensors, tensor, zeros } from "../../src/index.js";
import { thrown } from "../harness/runtime.js";

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => undefined;

/** A safetensors file from a header object and raw data bytes, built by hand per the format. */
function buildFile(header: unknown, data: Uint8Array, pad = true): Uint8Array {
  let json = JSON.stringify(header);
  if (pad) json += " ".repeat((8 - (json.length % 8)) % 8);
  const text = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + text.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(text.length), true);
  bytes.set(text, 8);
  bytes.set(data, 8 + text.length);
  return bytes;
}

/** Little-endian bytes of float32 or float64 values, written with DataView. */
function le(kind: "F32" | "F64", values: readonly number[]): Uint8Array {
  const size = kind === "F32" ? 4 : 8;
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => (kind === "F32" ? view.setFloat32(i * size, v, true) : view.setFloat64(i * size, v, true)));
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** An independent reader: the header object, the data start, and each tensor's values, from raw bytes. */
function readIndependently(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  const header = JSON.parse(text) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const start = 8 + n;
  const values: Record<string, number[]> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const size = entry.dtype === "F32" ? 4 : 8;
    const [begin, end] = entry.data_offsets;
    values[name] = [];
    for (let at = start + begin; at < start + end; at += size) values[name]!.push(size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true));
  }
  return { n, text, header, start, values };
}

describe("round trips", () => {
  it("float32 and float64, special values, a scalar, an empty tensor and a strided view", () => {
    const special = [0, -0, 1.5, -2.25, Number.NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE];
    const record = {
      f64: fromArray(special, [3, 3], { dtype: "float64" }),
      f32: fromArray([1, -2.5, 3.25, Math.fround(0.1)], [2, 2]),
      scalar: tensor(7, { dtype: "float64" }),
      empty: zeros([0, 4]),
      view: fromArray([1, 2, 3, 4, 5, 6], [2, 3]).transpose(),
    };
    const back = loadTensors(saveTensors(record));
    expect(Object.keys(back)).toEqual(["f64", "f32", "scalar", "empty", "view"]);
    for (const [name, original] of Object.entries(record) as [string, Tensor][]) {
      const loaded = back[name]!;
      expect(loaded.shape).toEqual(original.shape);
      expect(loaded.dtype).toBe(original.dtype);
      expect(Object.is(loaded.toFlatArray()[1], original.toFlatArray()[1])).toBe(true); // -0 stays -0
      expect(loaded.toFlatArray()).toEqual(original.toFlatArray());
    }
    expect(back.view!.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it("through a file, and from an ArrayBuffer", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "shapecheck-safetensors-"));
    try {
      const file = path.join(dir, "weights.safetensors");
      saveTensors(file, { w: fromArray([1, 2, 3, 4, 5, 6], [2, 3]) }, { metadata: { format: "pt" } });
      expect(loadTensors(file).w!.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
      const bytes = readFileSync(file);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      expect(loadTensors(buffer).w!.shape).toEqual([2, 3]);
      expect(thrown(() => loadTensors(path.join(dir, "missing.safetensors"))).message).toMatch(/^INPUT_FILE: loadTensors: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("saveTensors' bytes, read by an independent reader", () => {
  const bytes = saveTensors({ w: fromArray([1, 2, 3, 4, 5, 6], [2, 3]), b: fromArray([0.5, -1], [2], { dtype: "float64" }) }, { metadata: { format: "pt" } });
  const { n, text, header, start, values } = readIndependently(bytes);

  it("an 8-byte little-endian header length, a multiple of 8, the JSON padded with spaces", () => {
    expect(n % 8).toBe(0);
    expect(text.trimEnd().length).toBeLessThanOrEqual(n);
    expect(/^ *$/.test(text.slice(text.trimEnd().length))).toBe(true);
    expect(text.startsWith("{")).toBe(true);
  });

  it("the header: dtype names, shapes, contiguous offsets relative to the data start, the metadata", () => {
    expect(header).toEqual({
      __metadata__: { format: "pt" },
      w: { dtype: "F32", shape: [2, 3], data_offsets: [0, 24] },
      b: { dtype: "F64", shape: [2], data_offsets: [24, 40] },
    });
    expect(bytes.length).toBe(start + 40);
  });

  it("the data: little-endian elements, row-major", () => {
    expect(values).toEqual({ w: [1, 2, 3, 4, 5, 6], b: [0.5, -1] });
  });
});

describe("a file built by hand", () => {
  it("is read: tensors in any header order, data in another order, metadata ignored, no padding needed", () => {
    const data = concat(le("F64", [1.25, -3]), le("F32", [1, 2, 3, 4, 5, 6]));
    const header = {
      weight: { dtype: "F32", shape: [3, 2], data_offsets: [16, 40] },
      __metadata__: { note: "by hand" },
      bias: { dtype: "F64", shape: [2], data_offsets: [0, 16] },
    };
    for (const pad of [true, false]) {
      const loaded = loadTensors(buildFile(header, data, pad));
      expect(loaded.weight!.dtype).toBe("float32");
      expect(loaded.weight!.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
      expect(loaded.bias!.dtype).toBe("float64");
      expect(loaded.bias!.toArray()).toEqual([1.25, -3]);
    }
  });

  it("a Uint8Array that is a window of a larger buffer", () => {
    const file = buildFile({ x: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, le("F32", [9]));
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(loadTensors(padded.subarray(3)).x!.toArray()).toEqual([9]);
  });
});

describe("the typed load", () => {
  const bytes = saveTensors({ w: zeros([784, 128]), b: zeros([128]), extra: zeros([1]) });

  it("returns the expected tensors, typed with the expected shapes", () => {
    const { w, b } = loadTensors(bytes, { w: [784, 128], b: [128] });
    assertType<Equal<typeof w, Tensor<[784, 128]>>>(true);
    assertType<Equal<typeof b, Tensor<[128]>>>(true);
    expect(w.shape).toEqual([784, 128]);
    expect(Object.keys(loadTensors(bytes, { b: [128] }))).toEqual(["b"]);
    const named = loadTensors(bytes, { w: ["in", 128] }).w;
    assertType<Equal<typeof named, Tensor<["in", 128]>>>(true);
    expect(named.shape).toEqual([784, 128]);
  });

  it("a stored shape that differs is SHAPE_MISMATCH naming the tensor, the stored and the expected shape", () => {
    const error = thrown(() => loadTensors(bytes, { w: [784, 64], b: [128] }));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).code).toBe("SHAPE_MISMATCH");
    expect(error.message).toBe('SHAPE_MISMATCH: loadTensors: tensor "w" is stored as [784, 128] but expected [784, 64]: axis 1 is 128 vs 64');
    expect(thrown(() => loadTensors(bytes, { b: [1, 128] })).message).toBe('SHAPE_MISMATCH: loadTensors: tensor "b" is stored as [128] but expected [1, 128]: rank 1 vs 2');
  });

  it("a missing tensor is INPUT_MISSING, listing what the file has", () => {
    const error = thrown(() => loadTensors(bytes, { v: [3] }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('INPUT_MISSING: loadTensors: no tensor "v" in the file (it has "w", "b", "extra")');
  });
});

describe("malformed files are INPUT_FORMAT (or INPUT_DTYPE), never a read out of range", () => {
  const ok = { x: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };
  const data = le("F32", [1, 2]);
  const cases: [string, Uint8Array, RegExp][] = [
    ["fewer than 8 bytes", new Uint8Array(5), /5 bytes; the file starts with an 8-byte header length/],
    ["a header length beyond the file", (() => { const b = buildFile(ok, data); new DataView(b.buffer).setBigUint64(0, 1n << 40n, true); return b; })(), /header length 1099511627776 runs past the end/],
    ["a header that is not JSON", buildFile(ok, data).map((byte, i) => (i === 8 ? 0x5b : byte)), /the header is not UTF-8 JSON/],
    ["a header that is not UTF-8", (() => { const b = buildFile(ok, data); b[10] = 0xff; return b; })(), /the header is not UTF-8 JSON/],
    ["a header that is a JSON array", buildFile([1, 2], new Uint8Array(0)), /the header is not a JSON object/],
    ["an entry that is not an object", buildFile({ x: 3 }, new Uint8Array(0)), /tensor "x" is not described by an object/],
    ["a bad shape", buildFile({ x: { dtype: "F32", shape: [-2], data_offsets: [0, 8] } }, data), /has shape \[-2\]/],
    ["offsets that are not two integers", buildFile({ x: { dtype: "F32", shape: [2], data_offsets: [0] } }, data), /has data_offsets \[0\]/],
    ["offsets beyond the data", buildFile({ x: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }, data), /outside the 8 data bytes/],
    ["begin after end", buildFile({ x: { dtype: "F32", shape: [0], data_offsets: [8, 0] } }, data), /outside the 8 data bytes/],
    ["offsets that do not span the shape", buildFile({ x: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, data), /12 bytes, but its data_offsets \[0, 8\] span 8/],
    [
      "overlapping tensors",
      buildFile({ x: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, y: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, data),
      /overlaps another tensor's data/,
    ],
    ["a hole in the data", buildFile({ x: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, data), /data bytes 0 to 4 belong to no tensor/],
    ["trailing bytes", buildFile({ x: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, data), /data bytes 4 to 8 belong to no tensor/],
    ["metadata that is not strings", buildFile({ __metadata__: { n: 1 }, ...ok }, data), /__metadata__ must be an object of strings/],
    ["a missing dtype", buildFile({ x: { shape: [2], data_offsets: [0, 8] } }, data), /has dtype undefined/],
  ];
  for (const [what, bytes, pattern] of cases) {
    it(what, () => {
      const error = thrown(() => loadTensors(bytes));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(/^INPUT_FORMAT: loadTensors: not a safetensors file: /);
      expect(error.message).toMatch(pattern);
    });
  }

  it("a dtype shapecheck does not have is INPUT_DTYPE naming it", () => {
    const error = thrown(() => loadTensors(buildFile({ x: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4))));
    expect(error.message).toBe('INPUT_DTYPE: loadTensors: tensor "x" has dtype "F16", which shapecheck does not support (F32, F64, I32, BOOL)');
  });

  it("int32 as I32 (4 bytes, little-endian, two's complement) and bool as BOOL (one byte, nonzero is true)", () => {
    const ints = new Uint8Array(8);
    new DataView(ints.buffer).setInt32(0, -7, true);
    new DataView(ints.buffer).setInt32(4, 2147483647, true);
    const file = buildFile({ i: { dtype: "I32", shape: [2], data_offsets: [0, 8] }, m: { dtype: "BOOL", shape: [3], data_offsets: [8, 11] } }, concat(ints, Uint8Array.of(0, 1, 5)));
    const { i, m } = loadTensors(file, { i: [2], m: [3] });
    expect([i.dtype, i.toFlatArray()]).toEqual(["int32", [-7, 2147483647]]);
    expect([m.dtype, m.toFlatArray()]).toEqual(["bool", [0, 1, 1]]);
    // and back: the same bytes for the data, the same dtype names
    const again = saveTensors({ i, m });
    const header = JSON.parse(new TextDecoder().decode(again.subarray(8, 8 + Number(new DataView(again.buffer, again.byteOffset).getBigUint64(0, true))))) as Record<string, { dtype: string }>;
    expect([header["i"]!.dtype, header["m"]!.dtype]).toEqual(["I32", "BOOL"]);
    expect(Array.from(again.subarray(again.length - 11))).toEqual([...ints, 0, 1, 1]);
  });

  it("saveTensors refuses what it cannot write", () => {
    expect(thrown(() => saveTensors({ w: [1, 2] as never })).message).toMatch(/^INPUT_OPERAND: saveTensors: "w" must be a tensor/);
    expect(thrown(() => saveTensors({ __metadata__: zeros([1]) })).message).toMatch(/^INPUT_FORMAT/);
    expect(thrown(() => saveTensors({ w: zeros([1]) }, { metadata: { n: 1 as never } })).message).toMatch(/^INPUT_FORMAT: saveTensors: metadata/);
  });
});

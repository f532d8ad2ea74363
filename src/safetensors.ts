/**
 * Weights in the safetensors format (Hugging Face's): `saveTensors` writes a record of tensors,
 * `loadTensors` reads one back — optionally checking each tensor's shape against the one the program
 * expects, so a checkpoint of the wrong model is a shape error at the load, not a broadcast later.
 *
 * The format: 8 bytes, a little-endian unsigned 64-bit length `N`; `N` bytes of UTF-8 JSON (the
 * header), `{ "name": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] }, …,
 * "__metadata__"?: { "key": "value" } }`, padded with spaces; then the data: each tensor's elements,
 * row-major, little-endian, at `[begin, end)` counted from the first byte after the header. The
 * tensors' byte ranges do not overlap and together cover the data exactly. A file that breaks any of
 * this is an `InputError` (`INPUT_FORMAT`), never a read out of range.
 */
import type { Dim, Shape } from "../types/shape.js";
import { InputError, ShapeError, formatDim, formatShape } from "./errors.js";
import { DTYPES, allocate, type DType, type Storage } from "./dtype.js";
import { describeValue } from "./shape.js";
import { Tensor, contiguousData } from "./tensor.js";

/**
 * How each dtype is stored: its safetensors name, bytes per element, and little-endian accessors.
 * A dtype added to `DTYPES` needs one row here (the `Record` type insists). `BOOL` is one byte, 0
 * or 1 (any nonzero byte loads as true).
 */
const FORMATS: Record<DType, ElementFormat> = {
  float32: { name: "F32", bytes: 4, read: (view, at) => view.getFloat32(at, true), write: (view, at, value) => view.setFloat32(at, value, true) },
  float64: { name: "F64", bytes: 8, read: (view, at) => view.getFloat64(at, true), write: (view, at, value) => view.setFloat64(at, value, true) },
  int32: { name: "I32", bytes: 4, read: (view, at) => view.getInt32(at, true), write: (view, at, value) => view.setInt32(at, value, true) },
  bool: { name: "BOOL", bytes: 1, read: (view, at) => (view.getUint8(at) === 0 ? 0 : 1), write: (view, at, value) => view.setUint8(at, value === 0 ? 0 : 1) },
};

interface ElementFormat {
  /** The safetensors dtype name. */
  readonly name: string;
  readonly bytes: number;
  readonly read: (view: DataView, at: number) => number;
  readonly write: (view: DataView, at: number, value: number) => void;
}

/** The dtype a safetensors dtype name loads as, for the dtypes shapecheck has. */
const BY_NAME = new Map<string, DType>(DTYPES.map((dtype) => [FORMATS[dtype].name, dtype]));

/** The header key that holds string metadata instead of a tensor. */
const METADATA = "__metadata__";

/** Options of `saveTensors`. */
export interface SaveTensorsOptions {
  /** Free-form string metadata, stored under `__metadata__` (e.g. `{ format: "pt" }`). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * The record `loadTensors(source, expected)` returns: each name of `Expected` as a tensor of the
 * expected shape.
 * @example
 * loadTensors(saveTensors({ w: zeros([784, 128]) }), { w: [784, 128] }).w; //=> Tensor<[784, 128]>
 */
export type LoadedTensors<Expected extends Readonly<Record<string, Shape>>> = { -readonly [Name in keyof Expected]: Tensor<Expected[Name]> };

/**
 * The bytes of a safetensors file holding `record`'s tensors (in the record's order, each as its
 * dtype: F32 or F64), and `options.metadata` under `__metadata__`. Given a path first, writes those
 * bytes to that file (Node) instead of returning them.
 * @example
 * saveTensors({ w: zeros([2, 3]) }).length; //=> 96
 * @throws InputError `INPUT_OPERAND` (a value that is not a tensor), `INPUT_FORMAT` (a bad name or metadata), `INPUT_FILE`
 */
export function saveTensors(record: Readonly<Record<string, Tensor>>, options?: SaveTensorsOptions): Uint8Array;
/**
 * Writes `record`'s tensors to the safetensors file `path` (see the other signature).
 * @example
 * saveTensors("weights.safetensors", { w: zeros([2, 3]) });
 * @throws InputError `INPUT_OPERAND`, `INPUT_FORMAT`, `INPUT_FILE`
 */
export function saveTensors(path: string, record: Readonly<Record<string, Tensor>>, options?: SaveTensorsOptions): void;
export function saveTensors(first: unknown, second?: unknown, third?: unknown): Uint8Array | void {
  if (typeof first === "string") {
    const bytes = encode(second, third as SaveTensorsOptions | undefined);
    try {
      fileSystem().writeFileSync(first, bytes);
    } catch (error) {
      throw new InputError("INPUT_FILE", `saveTensors: cannot write ${JSON.stringify(first)}: ${(error as Error).message}`);
    }
    return;
  }
  return encode(first, second as SaveTensorsOptions | undefined);
}

function encode(record: unknown, options: SaveTensorsOptions | undefined): Uint8Array {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    throw new InputError("INPUT_OPERAND", `saveTensors: the tensors must be a record of name → tensor, got ${describeValue(record)}`);
  }
  const header: Record<string, unknown> = {};
  const metadata = options?.metadata;
  if (metadata !== undefined) {
    if (typeof metadata !== "object" || metadata === null || Object.values(metadata).some((value) => typeof value !== "string")) {
      throw new InputError("INPUT_FORMAT", "saveTensors: metadata must be a record of strings");
    }
    header[METADATA] = { ...metadata };
  }
  const parts: { data: Storage; format: ElementFormat; begin: number }[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(record)) {
    if (name === "" || name === METADATA) throw new InputError("INPUT_FORMAT", `saveTensors: ${JSON.stringify(name)} cannot name a tensor`);
    if (!(value instanceof Tensor)) throw new InputError("INPUT_OPERAND", `saveTensors: ${JSON.stringify(name)} must be a tensor, got ${describeValue(value)}`);
    const format = FORMATS[value.dtype];
    const data = contiguousData(value);
    const end = offset + data.length * format.bytes;
    header[name] = { dtype: format.name, shape: [...value.dims], data_offsets: [offset, end] };
    parts.push({ data, format, begin: offset });
    offset = end;
  }
  let json = JSON.stringify(header);
  const encoded = new TextEncoder().encode(json);
  const headerLength = Math.ceil(encoded.length / 8) * 8; // padded with spaces to a multiple of 8
  json += " ".repeat(headerLength - encoded.length);
  const bytes = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  bytes.set(new TextEncoder().encode(json), 8);
  const start = 8 + headerLength;
  for (const { data, format, begin } of parts) {
    for (let i = 0; i < data.length; i++) format.write(view, start + begin + i * format.bytes, data[i]!);
  }
  return bytes;
}

/**
 * The tensors of a safetensors file — given as its bytes (`Uint8Array`, `ArrayBuffer`) or a path
 * (Node) — by name, each a fresh float32 or float64 tensor. With `expected` (name → shape), only
 * those tensors, typed with those shapes: a tensor stored with another shape is `SHAPE_MISMATCH`
 * (naming the tensor, the expected and the stored shape), a missing one `INPUT_MISSING`. A symbolic
 * dim in an expected shape accepts any size and names it, as `.as()`.
 * @example
 * loadTensors(saveTensors({ b: ones([2]) })).b.toArray(); //=> [1, 1]
 * loadTensors(saveTensors({ b: ones([2]) }), { b: [2] }).b.shape; //=> [2]
 * @throws ShapeError `SHAPE_MISMATCH`; InputError `INPUT_FORMAT` (not a valid file), `INPUT_DTYPE` (a dtype shapecheck lacks), `INPUT_MISSING`, `INPUT_FILE`
 */
export function loadTensors(source: Uint8Array | ArrayBuffer | string): Record<string, Tensor>;
/**
 * The tensors named in `expected`, checked against and typed with the expected shapes (see the other
 * signature).
 * @example
 * loadTensors(saveTensors({ b: ones([2]) }), { b: [2] }).b.shape; //=> [2]
 * @throws ShapeError `SHAPE_MISMATCH`; InputError `INPUT_FORMAT`, `INPUT_DTYPE`, `INPUT_MISSING`, `INPUT_FILE`
 */
export function loadTensors<const Expected extends Record<string, Dim[]>>(source: Uint8Array | ArrayBuffer | string, expected: Expected): LoadedTensors<Expected>;
export function loadTensors(source: unknown, expected?: unknown): Record<string, Tensor> {
  const all = decode(readSource(source));
  if (expected === undefined) return all;
  if (typeof expected !== "object" || expected === null || Array.isArray(expected)) {
    throw new InputError("INPUT_OPERAND", `loadTensors: expected must be a record of name → shape, got ${describeValue(expected)}`);
  }
  const out: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(expected as Record<string, unknown>)) {
    const tensor = all[name];
    if (tensor === undefined) {
      const names = Object.keys(all);
      throw new InputError("INPUT_MISSING", `loadTensors: no tensor ${JSON.stringify(name)} in the file (it has ${names.length === 0 ? "none" : names.map((n) => JSON.stringify(n)).join(", ")})`);
    }
    if (!Array.isArray(shape)) throw new InputError("INPUT_OPERAND", `loadTensors: the expected shape of ${JSON.stringify(name)} must be a list of dims, got ${describeValue(shape)}`);
    checkStored(name, shape as Dim[], tensor.dims);
    out[name] = shape.some((dim) => typeof dim === "string") ? (tensor as Tensor).as(shape as never) : tensor;
  }
  return out;
}

/** Mirrors nothing (run time only: a file's shapes are unknown to the compiler). */
export function writeStoredShapeMessage(name: string, expected: Shape, stored: Shape, detail: string): string {
  return `SHAPE_MISMATCH: loadTensors: tensor ${JSON.stringify(name)} is stored as ${formatShape(stored)} but expected ${formatShape(expected)}: ${detail}`;
}

/** Throws `SHAPE_MISMATCH` unless `stored` fits `expected` (same rank, every known dim equal). */
function checkStored(name: string, expected: Shape, stored: readonly number[]): void {
  const fail = (detail: string) => new ShapeError("SHAPE_MISMATCH", "loadTensors", [expected, stored], writeStoredShapeMessage(name, expected, stored, detail));
  if (expected.length !== stored.length) throw fail(`rank ${stored.length} vs ${expected.length}`);
  expected.forEach((dim, axis) => {
    if (typeof dim === "number" && dim !== stored[axis]) throw fail(`axis ${axis} is ${stored[axis]} vs ${formatDim(dim)}`);
  });
}

function readSource(source: unknown): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === "string") {
    try {
      return fileSystem().readFileSync(source);
    } catch (error) {
      throw new InputError("INPUT_FILE", `loadTensors: cannot read ${JSON.stringify(source)}: ${(error as Error).message}`);
    }
  }
  throw new InputError("INPUT_OPERAND", `loadTensors: the source must be a Uint8Array, an ArrayBuffer or a path, got ${describeValue(source)}`);
}

/** A value parsed from the header, as JSON (it came from JSON), cut to 60 characters. */
function showJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** `INPUT_FORMAT: loadTensors: not a safetensors file: <why>`. */
function malformed(why: string): InputError {
  return new InputError("INPUT_FORMAT", `loadTensors: not a safetensors file: ${why}`);
}

function decode(bytes: Uint8Array): Record<string, Tensor> {
  if (bytes.length < 8) throw malformed(`${bytes.length} bytes; the file starts with an 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(bytes.length - 8)) throw malformed(`the header length ${headerLength} runs past the end of the file (${bytes.length - 8} bytes follow it)`);
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (error) {
    throw malformed(`the header is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) throw malformed("the header is not a JSON object");
  const dataLength = bytes.length - dataStart;
  const entries: { name: string; dtype: DType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA) {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry) || Object.values(entry).some((value) => typeof value !== "string")) {
        throw malformed(`${METADATA} must be an object of strings`);
      }
      continue;
    }
    const what = `tensor ${JSON.stringify(name)}`;
    if (typeof entry !== "object" || entry === null) throw malformed(`${what} is not described by an object`);
    const { dtype: dtypeName, shape, data_offsets: offsets } = entry as Record<string, unknown>;
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && (dim as number) >= 0)) {
      throw malformed(`${what} has shape ${showJson(shape)}; a shape is a list of non-negative integers`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((at) => Number.isSafeInteger(at) && (at as number) >= 0)) {
      throw malformed(`${what} has data_offsets ${showJson(offsets)}; they are [begin, end], non-negative integers`);
    }
    if (typeof dtypeName !== "string") throw malformed(`${what} has dtype ${showJson(dtypeName)}; a dtype is a name such as "F32"`);
    const dtype = BY_NAME.get(dtypeName);
    if (dtype === undefined) {
      throw new InputError("INPUT_DTYPE", `loadTensors: tensor ${JSON.stringify(name)} has dtype ${JSON.stringify(dtypeName)}, which shapecheck does not support (${[...BY_NAME.keys()].join(", ")})`);
    }
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > dataLength) throw malformed(`${what} has data_offsets [${begin}, ${end}], outside the ${dataLength} data bytes`);
    const count = (shape as number[]).reduce((n, dim) => n * dim, 1);
    if (end - begin !== count * FORMATS[dtype].bytes) {
      throw malformed(`${what} is ${dtypeName} ${formatShape(shape as number[])}, ${count * FORMATS[dtype].bytes} bytes, but its data_offsets [${begin}, ${end}] span ${end - begin}`);
    }
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  // The ranges tile the data: sorted by begin, each starts where the previous ended, the last ends at the end.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const entry of sorted) {
    if (entry.begin < covered) throw malformed(`tensor ${JSON.stringify(entry.name)} overlaps another tensor's data (bytes ${entry.begin} to ${covered})`);
    if (entry.begin > covered) throw malformed(`data bytes ${covered} to ${entry.begin} belong to no tensor`);
    covered = entry.end;
  }
  if (covered !== dataLength) throw malformed(`data bytes ${covered} to ${dataLength} belong to no tensor`);
  const out: Record<string, Tensor> = {};
  for (const { name, dtype, shape, begin } of entries) {
    const format = FORMATS[dtype];
    const count = shape.reduce((n, dim) => n * dim, 1);
    const data = allocate(dtype, count, "loadTensors");
    const at = dataStart + begin;
    for (let i = 0; i < count; i++) data[i] = format.read(view, at + i * format.bytes);
    out[name] = new Tensor(data, shape);
  }
  return out;
}

/** The two functions of Node's `fs` used here (typed locally: no dependency on Node's type definitions). */
interface FileSystem {
  readFileSync(path: string): Uint8Array;
  writeFileSync(path: string, data: Uint8Array): void;
}

/** Node's `fs`, without a static import (the rest of the package runs anywhere). */
function fileSystem(): FileSystem {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = host?.getBuiltinModule?.("node:fs") as FileSystem | undefined;
  if (fs === undefined) throw new InputError("INPUT_FILE", "saveTensors/loadTensors: paths need Node's fs (Node 20.16 or later); pass bytes instead");
  return fs;
}

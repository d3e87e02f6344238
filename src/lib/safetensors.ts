// Safetensors I/O: a strict reader (untrusted files → Result, never over-allocating) and an F32 writer.
import { fail, ok, type Result } from './result';

/** Bytes per element of every dtype the format defines; a dtype not listed here is rejected as unknown. */
const DTYPE_SIZE: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

export type ReadableDType = 'F32' | 'F16' | 'BF16' | 'F64' | 'I32' | 'I64';

export interface SafeTensor {
  /** dtype as stored in the file; floats are widened to Float32Array, integers to Int32Array. */
  dtype: ReadableDType;
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

const isLittleEndianHost = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Parse a whole .safetensors file. Every header claim is checked against the bytes actually present. */
export function readSafetensors(buffer: ArrayBuffer): Result<SafetensorsFile> {
  const header = parseHeader(buffer);
  if (!header.ok) return header;
  const { entries, metadata, dataStart } = header.data;
  const tensors = new Map<string, SafeTensor>();
  for (const e of entries) {
    const bytes = new Uint8Array(buffer, dataStart + e.begin, e.end - e.begin);
    const decoded = decode(e, bytes);
    if (!decoded.ok) return decoded;
    tensors.set(e.name, decoded.data);
  }
  return ok({ tensors, metadata });
}

function parseHeader(buffer: ArrayBuffer): Result<{ entries: Entry[]; metadata: Record<string, string>; dataStart: number }> {
  if (buffer.byteLength < 8) return fail(`safetensors: file is ${buffer.byteLength} bytes, too short for the 8-byte header length`);
  const headerLen = new DataView(buffer).getBigUint64(0, true);
  if (headerLen > BigInt(buffer.byteLength - 8)) {
    return fail(`safetensors: header length ${headerLen} exceeds the ${buffer.byteLength - 8} bytes after the length prefix`);
  }
  const dataStart = 8 + Number(headerLen);
  const dataLen = buffer.byteLength - dataStart;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buffer, 8, Number(headerLen))));
  } catch (e) {
    return fail(`safetensors: header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(json)) return fail('safetensors: header must be a JSON object');

  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(json)) {
    if (name === '__metadata__') {
      if (!isPlainObject(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
        return fail('safetensors: __metadata__ must map strings to strings');
      }
      metadata = raw as Record<string, string>;
      continue;
    }
    const entry = parseEntry(name, raw, dataLen);
    if (!entry.ok) return entry;
    entries.push(entry.data);
  }

  // Overlapping ranges would let a small file claim many large tensors; sort by start and compare neighbours.
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    const cur = byOffset[i];
    if (cur.begin < prev.end) {
      return fail(`safetensors: tensor "${cur.name}" [${cur.begin}, ${cur.end}) overlaps "${prev.name}" [${prev.begin}, ${prev.end})`);
    }
  }
  return ok({ entries, metadata, dataStart });
}

function parseEntry(name: string, raw: unknown, dataLen: number): Result<Entry> {
  const where = `safetensors: tensor "${name}"`;
  if (!isPlainObject(raw)) return fail(`${where}: entry must be an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  // Own keys only: a header's dtype "constructor" must be unknown, not Object's constructor function.
  if (typeof dtype !== 'string' || !Object.hasOwn(DTYPE_SIZE, dtype)) return fail(`${where}: unknown dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    return fail(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    return fail(`${where}: data_offsets must be two non-negative integers, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) return fail(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLen) return fail(`${where}: data_offsets [${begin}, ${end}] run past the ${dataLen}-byte data section`);
  // Multiply step by step so an absurd shape is caught before it can overflow or drive an allocation.
  let bytes = (shape as number[]).includes(0) ? 0 : DTYPE_SIZE[dtype];
  for (const d of bytes === 0 ? [] : (shape as number[])) {
    bytes *= d;
    if (bytes > end - begin) break;
  }
  if (bytes !== end - begin) {
    return fail(
      `${where}: shape ${JSON.stringify(shape)} × ${dtype} needs a different byte length than data_offsets give (${end - begin} bytes)`,
    );
  }
  return ok({ name, dtype, shape: shape as number[], begin, end });
}

function decode(e: Entry, bytes: Uint8Array): Result<SafeTensor> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = e.shape;
  switch (e.dtype) {
    case 'F32': {
      // slice() copies into a fresh, aligned buffer; the file's offsets need not be 4-byte aligned.
      if (isLittleEndianHost) return ok({ dtype: 'F32', shape, data: new Float32Array(bytes.slice().buffer) });
      return ok({ dtype: 'F32', shape, data: Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true)) });
    }
    case 'F64':
      return ok({ dtype: 'F64', shape, data: Float32Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true)) });
    case 'F16': {
      const out = new Float32Array(bytes.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = f16ToF32(view.getUint16(i * 2, true));
      return ok({ dtype: 'F16', shape, data: out });
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32: shift the bits back into place.
      const bits = new Uint32Array(bytes.length / 2);
      for (let i = 0; i < bits.length; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      return ok({ dtype: 'BF16', shape, data: new Float32Array(bits.buffer) });
    }
    case 'I32':
      return ok({ dtype: 'I32', shape, data: Int32Array.from({ length: bytes.length / 4 }, (_, i) => view.getInt32(i * 4, true)) });
    case 'I64': {
      // TF.js has no int64; narrow, but refuse values that would silently wrap.
      const out = new Int32Array(bytes.length / 8);
      for (let i = 0; i < out.length; i++) {
        const v = view.getBigInt64(i * 8, true);
        if (v > 2147483647n || v < -2147483648n) return fail(`safetensors: tensor "${e.name}": I64 value ${v} does not fit in int32`);
        out[i] = Number(v);
      }
      return ok({ dtype: 'I64', shape, data: out });
    }
    default:
      return fail(`safetensors: tensor "${e.name}": dtype ${e.dtype} is valid but not supported here`);
  }
}

/** IEEE 754 half → float: handles subnormals, infinities and NaN. */
export function f16ToF32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

export interface F32TensorIn {
  shape: number[];
  data: Float32Array;
}

/**
 * Serialize F32 tensors. Keys are sorted and the header is space-padded to a multiple of 8 bytes,
 * as the reference implementation does, so tensors start aligned and identical inputs give identical bytes.
 * Throws on a shape/data mismatch: that is a programming error, not untrusted input.
 */
export function writeSafetensors(tensors: Record<string, F32TensorIn>, metadata?: Record<string, string>): ArrayBuffer {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const { shape, data } = tensors[name];
    const count = shape.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`writeSafetensors: "${name}" has shape [${shape}] but ${data.length} values`);
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.length * 4] };
    offset += data.length * 4;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(headerBytes.length / 8) * 8;
  if (padded !== headerBytes.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(headerBytes);
    headerBytes = p;
  }
  const out = new ArrayBuffer(8 + headerBytes.length + offset);
  const view = new DataView(out);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  new Uint8Array(out, 8, headerBytes.length).set(headerBytes);
  let pos = 8 + headerBytes.length;
  for (const name of names) {
    for (const v of tensors[name].data) {
      view.setFloat32(pos, v, true);
      pos += 4;
    }
  }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// Safetensors reader/writer on hand-built buffers, including headers that lie about their data.
import { describe, expect, it } from 'vitest';
import { f16ToF32, readSafetensors, writeSafetensors } from './safetensors';

/** A file from a header object and raw data bytes (the header is not padded, to exercise unaligned offsets). */
function build(header: unknown, data: Uint8Array | number[] = [], rawHeader?: string): ArrayBuffer {
  const h = new TextEncoder().encode(rawHeader ?? JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out.buffer;
}

const u16le = (xs: number[]) => new Uint8Array(new Uint16Array(xs).buffer);

function reason(buf: ArrayBuffer): string {
  const r = readSafetensors(buf);
  if (r.ok) throw new Error('expected failure');
  return r.reason;
}

describe('readSafetensors', () => {
  it('reads F32 at an unaligned offset with metadata', () => {
    const data = new Uint8Array(new Float32Array([1.5, -2, 3.25]).buffer);
    const buf = build({ __metadata__: { format: 'pt' }, x: { dtype: 'F32', shape: [3], data_offsets: [0, 12] } }, data);
    const r = readSafetensors(buf);
    expect(r.ok && Array.from(r.data.tensors.get('x')!.data)).toEqual([1.5, -2, 3.25]);
    expect(r.ok && r.data.metadata).toEqual({ format: 'pt' });
  });

  it('converts F16 against hand-computed values', () => {
    const bits = [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x0400, 0x7c00, 0xfc00, 0x8000];
    const want = [1, -2, 0.333251953125, 65504, 2 ** -24, 2 ** -14, Infinity, -Infinity, -0];
    const buf = build({ h: { dtype: 'F16', shape: [3, 3], data_offsets: [0, 18] } }, u16le(bits));
    const r = readSafetensors(buf);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Array.from(r.data.tensors.get('h')!.data)).toEqual(want);
    expect(f16ToF32(0x7e00)).toBeNaN();
  });

  it('converts BF16 against hand-computed values', () => {
    const bits = [0x3f80, 0xc040, 0x4049, 0x0001, 0x7f80];
    const want = [1, -3, 3.140625, 2 ** -133, Infinity];
    const buf = build({ b: { dtype: 'BF16', shape: [5], data_offsets: [0, 10] } }, u16le(bits));
    const r = readSafetensors(buf);
    expect(r.ok && Array.from(r.data.tensors.get('b')!.data)).toEqual(want);
  });

  it('reads I32 and I64, refusing I64 values outside int32', () => {
    const i64 = new Uint8Array(new BigInt64Array([5n, -7n]).buffer);
    const i32 = new Uint8Array(new Int32Array([9, -1]).buffer);
    const header = { a: { dtype: 'I64', shape: [2], data_offsets: [0, 16] }, b: { dtype: 'I32', shape: [2], data_offsets: [16, 24] } };
    const r = readSafetensors(build(header, [...i64, ...i32]));
    expect(r.ok && Array.from(r.data.tensors.get('a')!.data)).toEqual([5, -7]);
    expect(r.ok && Array.from(r.data.tensors.get('b')!.data)).toEqual([9, -1]);
    const big = new Uint8Array(new BigInt64Array([2n ** 40n]).buffer);
    expect(reason(build({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, big))).toMatch(/"a".*does not fit/);
  });

  it('accepts empty tensors and zero-sized dimensions', () => {
    const r = readSafetensors(build({ e: { dtype: 'F32', shape: [0, 1e15], data_offsets: [0, 0] } }));
    expect(r.ok && r.data.tensors.get('e')!.data.length).toBe(0);
  });

  it('rejects a file too short for the length prefix', () => {
    expect(reason(new ArrayBuffer(3))).toMatch(/too short/);
  });

  it('rejects a header length past the end of the file', () => {
    const buf = new ArrayBuffer(16);
    new DataView(buf).setBigUint64(0, 2n ** 62n, true);
    expect(reason(buf)).toMatch(/header length .* exceeds/);
  });

  it('rejects malformed JSON and non-object headers', () => {
    expect(reason(build(null, [], '{"x": '))).toMatch(/not valid UTF-8 JSON/);
    expect(reason(build([1, 2]))).toMatch(/must be a JSON object/);
    expect(reason(build({ __metadata__: { a: 1 } }))).toMatch(/__metadata__/);
  });

  it('rejects unknown dtypes and valid-but-unsupported ones, naming the tensor', () => {
    expect(reason(build({ w: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, new Uint8Array(16)))).toMatch(
      /"w": unknown dtype "F128"/,
    );
    expect(reason(build({ w: { dtype: 'U8', shape: [2], data_offsets: [0, 2] } }, [1, 2]))).toMatch(/"w": dtype U8 .* not supported/);
  });

  it('rejects offsets past the end of the data section', () => {
    expect(reason(build({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, new Uint8Array(8)))).toMatch(
      /"w": data_offsets \[0, 16\] run past the 8-byte/,
    );
  });

  it('rejects reversed and non-integer offsets', () => {
    expect(reason(build({ w: { dtype: 'F32', shape: [0], data_offsets: [8, 4] } }, new Uint8Array(8)))).toMatch(/"w".*end before/);
    expect(reason(build({ w: { dtype: 'F32', shape: [1], data_offsets: [0.5, 4.5] } }, new Uint8Array(8)))).toMatch(
      /"w": data_offsets must be/,
    );
    expect(reason(build({ w: { dtype: 'F32', shape: [1], data_offsets: [0] } }, new Uint8Array(8)))).toMatch(/"w": data_offsets must be/);
  });

  it('rejects overlapping ranges', () => {
    const hdr = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } };
    expect(reason(build(hdr, new Uint8Array(12)))).toMatch(/"b" \[4, 12\) overlaps "a"/);
  });

  it('rejects absurd, negative and fractional shapes without allocating', () => {
    expect(reason(build({ w: { dtype: 'F32', shape: [1e9, 1e9, 1e9], data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape/);
    expect(reason(build({ w: { dtype: 'F32', shape: [2 ** 60], data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape/);
    expect(reason(build({ w: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape must be/);
    expect(reason(build({ w: { dtype: 'F32', shape: [1.5], data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape must be/);
    expect(reason(build({ w: { dtype: 'F32', shape: 'big', data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape must be/);
  });

  it('rejects a byte length that disagrees with the shape', () => {
    expect(reason(build({ w: { dtype: 'F16', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)))).toMatch(/"w": shape \[3\] × F16/);
  });
});

describe('writeSafetensors', () => {
  it('sorts keys, aligns the header to 8 bytes and round-trips', () => {
    const buf = writeSafetensors(
      { zeta: { shape: [2], data: new Float32Array([1, 2]) }, alpha: { shape: [1, 3], data: new Float32Array([0.1, -5, 7]) } },
      { format: 'pt' },
    );
    const headerLen = Number(new DataView(buf).getBigUint64(0, true));
    expect(headerLen % 8).toBe(0);
    const header = new TextDecoder().decode(new Uint8Array(buf, 8, headerLen));
    expect(header.indexOf('"alpha"')).toBeLessThan(header.indexOf('"zeta"'));
    const r = readSafetensors(buf);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.metadata).toEqual({ format: 'pt' });
    expect(Array.from(r.data.tensors.get('alpha')!.data)).toEqual(Array.from(new Float32Array([0.1, -5, 7])));
    expect(r.data.tensors.get('alpha')!.shape).toEqual([1, 3]);
    expect(Array.from(r.data.tensors.get('zeta')!.data)).toEqual([1, 2]);
  });

  it('throws when data and shape disagree', () => {
    expect(() => writeSafetensors({ w: { shape: [3], data: new Float32Array(2) } })).toThrow(/"w"/);
  });

  it('a dtype named like an Object.prototype member is unknown, not a size', () => {
    for (const dtype of ['constructor', 'toString', '__proto__', 'valueOf']) {
      expect(reason(build({ t: { dtype, shape: [1], data_offsets: [0, 4] } }, [0, 0, 0, 0]))).toBe(
        `safetensors: tensor "t": unknown dtype "${dtype}"`,
      );
    }
  });
});

// The Python safetensors reader/writer (python/reclens_torch/safetensors.py) against the TypeScript one, both ways,
// bit for bit: the checkpoint's model.safetensors must mean the same tensors whichever side wrote it.
import { expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../../src/lib/safetensors';
import { describePython, python } from './python';

// Values that catch a wrong width or byte order: signed zero, a subnormal, the extremes of float32, a repeating fraction.
const tensors = {
  'embeddings.item': { shape: [2, 3], data: Float32Array.of(0, -0, 1e-45, 3.4028234663852886e38, -1 / 3, 0.1) },
  'output.bias': { shape: [1], data: Float32Array.of(-2.5) },
  'a.scalar': { shape: [], data: Float32Array.of(7) },
};
const hex = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

const READ = `
import sys, json
from reclens_torch.safetensors import read_safetensors
t, meta = read_safetensors(bytes.fromhex(sys.stdin.read()))
print(json.dumps({'meta': meta, 't': {k: {'dtype': str(v.dtype), 'shape': list(v.shape), 'hex': v.astype('<' + v.dtype.str[1:]).tobytes().hex()} for k, v in t.items()}}))
`;

describePython('safetensors: TypeScript ↔ Python', () => {
  it('Python reads what TypeScript writes, bit for bit', () => {
    const bytes = writeSafetensors(tensors, { format: 'reclens-checkpoint' });
    const out = JSON.parse(python(['-c', READ], hex(bytes)).stdout);
    expect(out.meta).toEqual({ format: 'reclens-checkpoint' });
    for (const [name, t] of Object.entries(tensors)) {
      expect(out.t[name].shape).toEqual(t.shape);
      expect(out.t[name].dtype).toBe('float32');
      expect(out.t[name].hex).toBe(hex(new Uint8Array(t.data.buffer)));
    }
  });

  it('Python writes the same bytes as TypeScript, and TypeScript reads them back exactly', () => {
    const spec = Object.fromEntries(
      Object.entries(tensors).map(([k, t]) => [k, { shape: t.shape, hex: hex(new Uint8Array(t.data.buffer)) }]),
    );
    const WRITE = `
import sys, json, numpy as np
from reclens_torch.safetensors import write_safetensors
spec = json.loads(sys.stdin.read())
t = {k: np.frombuffer(bytes.fromhex(v['hex']), '<f4').reshape(v['shape']) for k, v in spec.items()}
print(write_safetensors(t, {'format': 'reclens-checkpoint'}).hex())
`;
    const pyHex = python(['-c', WRITE], JSON.stringify(spec)).stdout.trim();
    expect(pyHex).toBe(hex(writeSafetensors(tensors, { format: 'reclens-checkpoint' })));
    const read = readSafetensors(new Uint8Array(Buffer.from(pyHex, 'hex')).buffer);
    if (!read.ok) throw new Error(read.reason);
    for (const [name, t] of Object.entries(tensors)) {
      const got = read.data.tensors.get(name)!;
      expect(got.shape).toEqual(t.shape);
      expect(hex(new Uint8Array(got.data.buffer))).toBe(hex(new Uint8Array(t.data.buffer)));
    }
  });

  it('both readers decode F16, BF16, F64, I32 and I64 to the same numbers', () => {
    // Built by hand: F16 1.5 = 0x3E00, −2 = 0xC000; BF16 of 1.5 = 0x3FC0; F64 0.1; I32 −7; I64 2^31 − 1.
    const header = JSON.stringify({
      h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      b: { dtype: 'BF16', shape: [1], data_offsets: [4, 6] },
      d: { dtype: 'F64', shape: [1], data_offsets: [8, 16] },
      i: { dtype: 'I32', shape: [1], data_offsets: [16, 20] },
      l: { dtype: 'I64', shape: [1], data_offsets: [24, 32] },
    });
    const head = new TextEncoder().encode(header.padEnd(Math.ceil(header.length / 8) * 8, ' '));
    const buf = new ArrayBuffer(8 + head.length + 32);
    const v = new DataView(buf);
    v.setBigUint64(0, BigInt(head.length), true);
    new Uint8Array(buf, 8).set(head);
    const o = 8 + head.length;
    v.setUint16(o, 0x3e00, true);
    v.setUint16(o + 2, 0xc000, true);
    v.setUint16(o + 4, 0x3fc0, true);
    v.setFloat64(o + 8, 0.1, true);
    v.setInt32(o + 16, -7, true);
    v.setBigInt64(o + 24, 2147483647n, true);
    const ts = readSafetensors(buf);
    if (!ts.ok) throw new Error(ts.reason);
    const VALUES = `
import sys, json
from reclens_torch.safetensors import read_safetensors
t, _ = read_safetensors(bytes.fromhex(sys.stdin.read()))
print(json.dumps({k: [float(x) for x in v.reshape(-1)] for k, v in t.items()}))
`;
    const py = JSON.parse(python(['-c', VALUES], hex(buf)).stdout);
    const want = { h: [1.5, -2], b: [1.5], d: [Math.fround(0.1)], i: [-7], l: [2147483647] };
    for (const [k, values] of Object.entries(want)) expect(Array.from(ts.data.tensors.get(k)!.data)).toEqual(values);
    // Python keeps F64 at double precision (the TS reader narrows it to float32).
    expect(py).toEqual({ ...want, d: [0.1] });
  });

  it('both refuse a file cut short (a tensor running past the data)', () => {
    const bytes = new Uint8Array(writeSafetensors(tensors));
    const cut = bytes.slice(0, bytes.length - 4);
    const ts = readSafetensors(cut.buffer);
    expect(ts.ok).toBe(false);
    const REFUSE = `
import sys
from reclens_torch.safetensors import read_safetensors, SafetensorsError
try:
    read_safetensors(bytes.fromhex(sys.stdin.read()))
    print('read')
except SafetensorsError as e:
    print(e)
`;
    const why = python(['-c', REFUSE], hex(cut)).stdout.trim();
    expect(why).toMatch(/run past the \d+-byte data section/);
    if (!ts.ok) expect(ts.reason).toMatch(/run past the \d+-byte data section/);
  });
});

// Dropout by hash (dropout.ts, dropout.wat): the rule against values computed independently (Python, integers masked
// to 32 bits), the wasm kernel against the JS mask bit for bit, the statistics a dropout mask needs, and its gradient.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { dropout, dropoutMask, dropoutMultipliers, kept, mix } from './dropout';
import { setFusedKernels } from './fusedOps';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setFusedKernels(true));

const keptString = (rate: number, seed: number, n: number) => {
  const m = dropoutMask(rate, seed);
  return Array.from({ length: n }, (_, i) => (kept(m, i) ? '1' : '0')).join('');
};

describe('the rule', () => {
  it('matches an independent implementation', () => {
    expect([1, 2, 0xdeadbeef, 0xffffffff].map(mix)).toEqual([0x688990c0, 0xd1132181, 0xe628c683, 0x6768824a]);
    const m = dropoutMask(0.25, 12345);
    expect([m.k1, m.k2, m.threshold]).toEqual([0xf5c2b9fa, 0x929e7a52, 12582912]);
    expect(keptString(0.25, 12345, 40)).toBe('1011001011100001001111111011111011111011');
    // A seed past 2^32 uses its high bits.
    expect(keptString(0.5, 2 ** 40 + 7, 40)).toBe('0111101000110010111010101110010011000110');
  });

  it('keeps 1 − rate of the elements, independently of the neighbour and of the next seed', () => {
    const n = 1 << 20;
    const rate = 0.2;
    const a = dropoutMultipliers(dropoutMask(rate, 7), n);
    const b = dropoutMultipliers(dropoutMask(rate, 8), n);
    let keptA = 0;
    let both = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      const ka = a[i] > 0;
      keptA += +ka;
      both += +(ka && b[i] > 0);
      if (i > 0) pairs += +(ka && a[i - 1] > 0);
    }
    const sigma = Math.sqrt(n * 0.8 * 0.2);
    expect(Math.abs(keptA - 0.8 * n)).toBeLessThan(5 * sigma);
    // Independent masks keep an element in both 0.64 of the time; a shared or shifted stream would not.
    expect(Math.abs(both - 0.64 * n)).toBeLessThan(5 * Math.sqrt(n * 0.64 * 0.36));
    expect(Math.abs(pairs - 0.64 * (n - 1))).toBeLessThan(5 * Math.sqrt(n * 0.64 * 0.36));
    expect(a.every((v) => v === 0 || v === Math.fround(1 / 0.8))).toBe(true);
  });

  it('checks its settings before anything is allocated', () => {
    expect(() => dropoutMask(1, 1)).toThrow(/rate must be in \[0, 1\)/);
    expect(() => dropoutMask(Number.NaN, 1)).toThrow(RangeError);
    expect(() => dropoutMask(0.1, 1.5)).toThrow(/safe integer/);
  });
});

describe('on tensors', () => {
  // 4 · 37 + 3 floats: whole vectors and a scalar tail.
  const x = () => tf.randomNormal([151], 0, 1, 'float32', 3);

  it('the wasm kernel keeps and scales exactly what the JS mask does', () => {
    const v = x();
    const fromKernel = dropout(v, 0.3, 99);
    setFusedKernels({ dropout: false });
    const fromMask = dropout(v, 0.3, 99);
    const expected = v.mul(tf.tensor(dropoutMultipliers(dropoutMask(0.3, 99), 151)));
    expect(fromKernel.dataSync()).toEqual(expected.dataSync());
    expect(fromMask.dataSync()).toEqual(expected.dataSync());
    tf.dispose([v, fromKernel, fromMask, expected]);
  });

  // Runs of consecutive rows (one kernel call each) and single rows, at the start, inside and at the end.
  it.each([[[1, 4, 5]], [[0, 1, 2, 4]], [[0, 2, 3, 4, 5]]])(
    'gives packed rows %j the mask of their places in the padded tensor, on the kernel and in the JS mask',
    (picked) => {
      // A [6, 7] padded tensor (width 7: a vector and a tail per row) and some of its rows packed.
      const padded = tf.randomNormal([6, 7], 0, 1, 'float32', 8);
      const rows = Int32Array.from(picked);
      const packed = tf.gather(padded, tf.tensor1d(rows, 'int32'));
      const whole = tf.gather(dropout(padded, 0.4, 7), tf.tensor1d(rows, 'int32'));
      const fromKernel = dropout(packed, 0.4, 7, { rows, width: 7 });
      setFusedKernels({ dropout: false });
      const fromMask = dropout(packed, 0.4, 7, { rows, width: 7 });
      expect(Array.from(fromKernel.dataSync())).toEqual(Array.from(whole.dataSync()));
      expect(Array.from(fromMask.dataSync())).toEqual(Array.from(whole.dataSync()));
      expect(() => dropout(packed, 0.4, 7, { rows, width: 8 })).toThrow(
        new RegExp(`rows of width 8 for a tensor of shape \\[${rows.length},7\\]`),
      );
      tf.dispose([padded, packed, whole, fromKernel, fromMask]);
    },
  );

  it('passes the gradient through the kept elements only, scaled, with no tensor left behind', () => {
    const w = tf.variable(x());
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => dropout(w.mul(2), 0.5, 5).sum() as tf.Scalar, [w]);
    const mask = dropoutMultipliers(dropoutMask(0.5, 5), 151);
    expect(Array.from(grads[w.name].dataSync())).toEqual(Array.from(mask, (s) => 2 * s));
    tf.dispose([value, grads[w.name]]);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });

  it('is the identity at rate 0 and differs between seeds', () => {
    const v = x();
    expect(dropout(v, 0, 1)).toBe(v);
    const a = dropout(v, 0.5, 1).dataSync();
    const b = dropout(v, 0.5, 2).dataSync();
    expect(a).not.toEqual(b);
    v.dispose();
  });
});

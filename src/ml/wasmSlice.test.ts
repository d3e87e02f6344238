// The wasm Slice that copies from the heap: the package's own kernel's values for every rank, dtype and kind of
// slice, without copying the whole input first.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { createRng } from '../lib/rng';
import { setWasmSliceFromHeap } from './wasmSlice';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setWasmSliceFromHeap(true));

/** Random slices of random tensors (ranks 1–5, some axes taken whole, some empty), each as [x, begin, size]. */
function cases(dtype: 'float32' | 'int32' | 'bool', seed: number): [tf.Tensor, number[], number[]][] {
  const rng = createRng(seed);
  return Array.from({ length: 60 }, (_, k) => {
    const rank = 1 + (k % 5);
    const shape = Array.from({ length: rank }, () => 1 + rng.int(5));
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, (_, i) => (dtype === 'bool' ? Number(i % 3 === 0) : dtype === 'int32' ? i - 7 : i * 0.5 - 3));
    const x = tf.tensor(values, shape, dtype);
    const begin = shape.map((d) => (rng.next() < 0.4 ? 0 : rng.int(d)));
    const size = shape.map((d, a) => (rng.next() < 0.4 ? d - begin[a] : rng.int(d - begin[a] + 1)));
    return [x, begin, size];
  });
}

describe('Slice on wasm', () => {
  it.each(['float32', 'int32', 'bool'] as const)("gives the package kernel's values for every rank and kind of slice (%s)", (dtype) => {
    let nonEmpty = 0;
    for (const [x, begin, size] of cases(dtype, dtype.length)) {
      const mine = tf.slice(x, begin, size);
      setWasmSliceFromHeap(false);
      const theirs = tf.slice(x, begin, size);
      setWasmSliceFromHeap(true);
      expect(mine.shape).toEqual(theirs.shape);
      expect(mine.dtype).toBe(dtype);
      expect(Array.from(mine.dataSync())).toEqual(Array.from(theirs.dataSync()));
      if (mine.size > 0) nonEmpty++;
      tf.dispose([x, mine, theirs]);
    }
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('splits rows without reading the whole input back, and leaks nothing', () => {
    const x = tf.tensor2d(
      Array.from({ length: 40 }, (_, i) => i),
      [10, 4],
    );
    const backend = tf.backend() as unknown as { readSync: (...a: unknown[]) => unknown };
    const readSync = backend.readSync;
    let reads = 0;
    backend.readSync = function (this: unknown, ...a: unknown[]) {
      reads++;
      return readSync.apply(this, a);
    };
    const before = tf.memory().numTensors;
    const parts = tf.split(x, [3, 5, 2]);
    backend.readSync = readSync;
    expect(reads).toBe(0);
    expect(parts.map((p) => p.arraySync())).toEqual([
      [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9, 10, 11],
      ],
      Array.from({ length: 5 }, (_, r) => [0, 1, 2, 3].map((c) => 12 + 4 * r + c)),
      [
        [32, 33, 34, 35],
        [36, 37, 38, 39],
      ],
    ]);
    // A column slice: runs of 2 from each row.
    expect(tf.tidy(() => tf.slice(x, [8, 1], [2, 2]).arraySync())).toEqual([
      [33, 34],
      [37, 38],
    ]);
    tf.dispose(parts);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it("splits along any axis as the package's kernel does", () => {
    const x = tf.tensor3d(
      Array.from({ length: 60 }, (_, i) => i),
      [3, 4, 5],
    );
    for (const [sizes, axis] of [
      [[1, 2], 0],
      [[2, 1, 1], 1],
      [[3, 2], 2],
      [2, 1],
    ] as [number[] | number, number][]) {
      const mine = tf.split(x, sizes, axis);
      setWasmSliceFromHeap(false);
      const theirs = tf.split(x, sizes, axis);
      setWasmSliceFromHeap(true);
      expect(mine.map((t) => t.arraySync())).toEqual(theirs.map((t) => t.arraySync()));
      tf.dispose([...mine, ...theirs]);
    }
    x.dispose();
  });

  it('keeps the package kernel for strings', () => {
    const s = tf.tensor2d(['a', 'b', 'c', 'd'], [2, 2], 'string');
    expect(tf.slice(s, [1, 0], [1, 2]).arraySync()).toEqual([['c', 'd']]);
  });
});

// gatherRows on the wasm backend against indexing by hand, and embeddingLookup's gradient through it.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { embeddingLookup } from './blocks';
import { gatherRows } from './gatherRows';

beforeAll(async () => {
  await initBackend('wasm');
});

const table = () =>
  tf.tensor2d(
    Float32Array.from({ length: 5 * 3 }, (_, i) => i * 0.5 - 2),
    [5, 3],
  );

describe('gatherRows on wasm', () => {
  it('copies the indexed rows in order, repeats included, for ids of any shape', () => {
    expect(tf.getBackend()).toBe('wasm');
    const out = gatherRows(table(), tf.tensor2d([4, 0, 4, 2], [2, 2], 'int32'));
    expect(out.shape).toEqual([2, 2, 3]);
    const rows = [4, 0, 4, 2].flatMap((r) => [0, 1, 2].map((c) => (r * 3 + c) * 0.5 - 2));
    expect(Array.from(out.dataSync())).toEqual(rows);
  });

  it("leaves an out-of-range id to tf.gather's own error rather than reading outside the table", () => {
    expect(() => gatherRows(table(), tf.tensor1d([1, 7], 'int32'))).toThrow(/index value 7 is not in \[0, 4\]/);
    expect(() => gatherRows(table(), tf.tensor1d([-1], 'int32'))).toThrow(/not in \[0, 4\]/);
  });

  it('reads and writes past 2 GiB of wasm memory (offsets are unsigned)', () => {
    // Training on a 54k-item catalog grows the heap past 2^31 bytes; a signed shift of such an offset once sent the
    // copies to negative indices and crashed the run with "memory access out of bounds".
    const filler = tf.zeros([(2 ** 31 + 2 ** 24) / 4]);
    // Larger than any free hole below the filler (the heap held ~17 MB before it), so it lands above 2 GiB.
    const rows = 2_000_000;
    const t = tf.range(0, rows * 3, 1, 'float32').reshape([rows, 3]);
    const wasm = tf.backend() as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } };
    expect(wasm.dataIdMap.get(t.dataId).memoryOffset).toBeGreaterThan(2 ** 31);
    const out = gatherRows(t, tf.tensor1d([rows - 1, 2], 'int32'));
    expect(Array.from(out.dataSync())).toEqual([3 * rows - 3, 3 * rows - 2, 3 * rows - 1, 6, 7, 8]);
    tf.dispose([filler, t, out]);
  });

  it('gives embeddingLookup the same values and summed gradient for repeated ids as the cpu backend', async () => {
    const ids = [3, 1, 3, 3, 0];
    const weights = [0.5, -1, 2, 0.25, 3];
    const run = () => {
      const t = table();
      const w = tf.tensor2d(weights, [5, 1]);
      const f = (x: tf.Tensor) => (embeddingLookup(x, tf.tensor1d(ids, 'int32')) as tf.Tensor2D).mul(w).sum();
      return { value: Array.from(embeddingLookup(t, tf.tensor1d(ids, 'int32')).dataSync()), grad: Array.from(tf.grad(f)(t).dataSync()) };
    };
    const wasm = run();
    await tf.setBackend('cpu');
    const cpu = run();
    await tf.setBackend('wasm');
    expect(wasm.value).toEqual(cpu.value);
    expect(wasm.grad).toEqual(cpu.grad);
    // Row 3 is looked up three times: its gradient is the sum of the three weights.
    expect(wasm.grad.slice(9, 12)).toEqual([2.75, 2.75, 2.75]);
  });
});

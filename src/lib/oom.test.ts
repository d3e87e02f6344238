// Out-of-memory recognition and the halving retry, without a model.
import { describe, expect, it } from 'vitest';
import { injectOutOfMemory, checkInjectedOutOfMemory, isOutOfMemory, withShrinkingBatch } from './oom';

describe('isOutOfMemory', () => {
  it('knows what the GPU backends and the engine say when memory runs out, and nothing else', () => {
    for (const m of [
      'Out of memory',
      'GPUOutOfMemoryError: buffer allocation failed',
      'WebGL: OUT_OF_MEMORY',
      'Requested texture size [40000x40000] greater than WebGL maximum on this browser / GPU [16384x16384].',
      'Buffer size 2147483648 exceeds the max buffer size limit 1073741824',
      'Unable to create WebGLTexture.',
      'Array buffer allocation failed',
    ])
      expect(isOutOfMemory(new Error(m))).toBe(true);
    expect(isOutOfMemory({ name: 'GPUOutOfMemoryError', message: '' })).toBe(true);
    for (const m of ['device lost', 'shapes do not match', 'AbortError']) expect(isOutOfMemory(new Error(m))).toBe(false);
    expect(isOutOfMemory(null)).toBe(false);
  });
});

describe('withShrinkingBatch', () => {
  it('halves the batch on out-of-memory and retries the same work, down to what fits', async () => {
    injectOutOfMemory(5);
    try {
      const tried: number[] = [];
      const shrinks: [number, number][] = [];
      const work = async (size: number) => {
        tried.push(size);
        checkInjectedOutOfMemory(size);
        return size * 2;
      };
      const r = await withShrinkingBatch(32, work, (s) => shrinks.push([s.from, s.to]));
      expect(tried).toEqual([32, 16, 8, 4]);
      expect(shrinks).toEqual([
        [32, 16],
        [16, 8],
        [8, 4],
      ]);
      expect(r).toEqual({ value: 8, size: 4 });
    } finally {
      injectOutOfMemory(null);
    }
  });

  it('gives up after a batch of 1, and never retries other errors', async () => {
    injectOutOfMemory(0);
    try {
      await expect(withShrinkingBatch(4, async (size) => checkInjectedOutOfMemory(size))).rejects.toThrow(/out of memory/i);
    } finally {
      injectOutOfMemory(null);
    }
    let calls = 0;
    await expect(
      withShrinkingBatch(8, async () => {
        calls++;
        throw new Error('shapes do not match');
      }),
    ).rejects.toThrow('shapes');
    expect(calls).toBe(1);
  });
});

// Backend selection: the pure choice policy, and the real Node path (wasm from node_modules).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chooseBackend, initBackend } from './backend';

describe('chooseBackend', () => {
  it('picks the fastest measured backend', () => {
    const best = chooseBackend([
      { backend: 'cpu', gflops: 1 },
      { backend: 'wasm', gflops: 25 },
      { backend: 'webgl', gflops: 3.5 },
    ]);
    expect(best?.backend).toBe('wasm');
  });

  it('never lets a fallback WebGPU adapter win, however it measured', () => {
    const swiftshader = { vendor: 'google', architecture: 'swiftshader', isFallback: true };
    const best = chooseBackend([
      { backend: 'webgpu', adapter: swiftshader, gflops: 1000 },
      { backend: 'cpu', gflops: 1 },
    ]);
    expect(best?.backend).toBe('cpu');
    const real = { vendor: 'nvidia', architecture: 'hopper', isFallback: false };
    expect(
      chooseBackend([
        { backend: 'webgpu', adapter: real, gflops: 1000 },
        { backend: 'wasm', gflops: 25 },
      ])?.backend,
    ).toBe('webgpu');
  });

  it('returns undefined when nothing initialised', () => {
    expect(chooseBackend([])).toBeUndefined();
  });
});

describe('initBackend in Node', () => {
  it('initialises wasm when asked and reports a positive speed', async () => {
    const info = await initBackend('wasm');
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.gflops).toBeGreaterThan(0);
  });

  it('auto picks wasm or cpu and leaves it active', async () => {
    const info = await initBackend('auto');
    expect(['wasm', 'cpu']).toContain(info.backend);
    expect(tf.getBackend()).toBe(info.backend);
  });

  it('rejects a backend that cannot run here instead of silently switching', async () => {
    await expect(initBackend('webgpu', { timeoutMs: 5000 })).rejects.toThrow(/webgpu/i);
  });
});

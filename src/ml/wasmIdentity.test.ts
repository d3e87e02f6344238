// The wasm Identity that shares its input's buffer: clones (and the copies the engine saves for gradients) read the
// same values, outlive their source, and free the buffer only when the last of them goes.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { setWasmIdentitySharing } from './wasmIdentity';
import { memoryOffset, wasmBackend } from './transformer/wasmInternals';

beforeAll(async () => {
  await initBackend('wasm');
});

afterEach(() => setWasmIdentitySharing(true));

describe('Identity on wasm', () => {
  it('shares the buffer: a clone has the same heap offset and outlives its source', () => {
    const backend = wasmBackend()!;
    const before = tf.memory().numBytes;
    const x = tf.tensor1d([1, 2, 3, 4]);
    const y = x.clone();
    expect(memoryOffset(backend, y)).toBe(memoryOffset(backend, x));
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.memory().numBytes).toBe(before);
  });

  it('copies as the package does when sharing is off, and clones strings either way', () => {
    setWasmIdentitySharing(false);
    const backend = wasmBackend()!;
    const x = tf.tensor1d([5, 6]);
    const y = x.clone();
    expect(memoryOffset(backend, y)).not.toBe(memoryOffset(backend, x));
    expect(Array.from(y.dataSync())).toEqual([5, 6]);
    tf.dispose([x, y]);
    setWasmIdentitySharing(true);
    const s = tf.tensor1d(['a', 'b'], 'string');
    expect(s.clone().arraySync()).toEqual(['a', 'b']);
  });

  it('leaves gradients and memory as they were: a step that saves tensors gives the same gradient, no leak', () => {
    const w = tf.variable(tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]));
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const grad = () => {
      const { value, grads } = tf.variableGrads(() => tf.tanh(x.matMul(w)).square().sum(), [w]);
      const out = [value.dataSync()[0], Array.from(grads[w.name].dataSync())] as const;
      tf.dispose([value, grads[w.name]]);
      return out;
    };
    setWasmIdentitySharing(false);
    const off = grad();
    setWasmIdentitySharing(true);
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const on = grad();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(on).toEqual(off);
    tf.dispose([w, x]);
  });
});

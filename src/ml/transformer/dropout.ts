// Dropout whose mask is a hash of each element's index and the call's seed (dropout.wat), not a stream of random
// numbers (#23). tf.dropout drew [32, 50, 64] uniforms in JS with seedrandom (0.75 ms) and then ran Add, Floor,
// RealDiv and Multiply: about 1 ms a call, seven calls a SASRec step on ml-100k. On wasm this is one SIMD pass, and
// the step went from 9.21 to 10.29 steps/s (BENCHMARKS.md "Sixth part"). Its gradient is the same pass over dy with the same keys, so no mask is kept for the backward pass.
//
// Every backend keeps the same elements for the same seed: the wasm kernel on the heap, others by multiplying with a
// mask this file computes by the same rule in JS (uploaded like tf.dropout's noise was). The GPU path stays the CPU's.
import * as tf from '@tensorflow/tfjs';
import { DROPOUT_WASM } from './dropoutWasm';
import { heapOf, output } from './fusedOps';
import { instantiateOnHeap } from './wasmInternals';

interface DropoutKernel {
  dropout(x: number, out: number, n: number, threshold: number, scale: number, k1: number, k2: number): void;
}

/** lowbias32 (C. Wellons): a bijection on 32-bit integers with good avalanche; dropout.wat's $mix. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface DropoutMask {
  /** round(keep · 2^24): an element is kept when the top 24 bits of its hash are below it. */
  threshold: number;
  /** 1 / keep in float32: what a kept element is multiplied by. */
  scale: number;
  k1: number;
  k2: number;
}

/** The mask's constants for a drop rate in [0, 1) and an integer seed (any safe integer: its high bits count too). */
export function dropoutMask(rate: number, seed: number): DropoutMask {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${rate}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`dropout seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const k1 = mix(low ^ mix(high + 0x9e3779b9));
  const keep = 1 - rate;
  return { threshold: Math.round(keep * 2 ** 24), scale: Math.fround(1 / keep), k1, k2: mix(k1 + 0x6a09e667) };
}

/** Whether element i is kept: dropout.wat's rule. */
export const kept = (m: DropoutMask, i: number): boolean => mix(mix((i + m.k1) >>> 0) ^ m.k2) >>> 8 < m.threshold;

/**
 * Where the rows of a packed [n, width] tensor sit in the padded one they came from (packing.ts): element (r, c) takes
 * the index rows[r]·width + c, so a packed tensor keeps the padded one's mask element for element.
 */
export interface RowPositions {
  rows: Int32Array;
  width: number;
}

/** The multipliers (scale where kept, else 0) of the first n elements (or of packed rows): the mask other backends multiply by. */
export function dropoutMultipliers(m: DropoutMask, n: number, at?: RowPositions): Float32Array {
  const out = new Float32Array(n);
  if (!at) {
    for (let i = 0; i < n; i++) if (kept(m, i)) out[i] = m.scale;
    return out;
  }
  const { rows, width } = at;
  for (let r = 0, o = 0; r < n / width; r++)
    for (let c = 0, i = rows[r] * width; c < width; c++, o++, i++) if (kept(m, i)) out[o] = m.scale;
  return out;
}

/** The wasm kernel, where x is on a wasm heap it can run on. */
function kernelFor(x: tf.Tensor) {
  const fast = heapOf('dropout', [x], true);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'dropout', DROPOUT_WASM) as DropoutKernel | undefined);
  return fast && kernel ? { ...fast, kernel } : undefined;
}

function onHeap(x: tf.Tensor, m: DropoutMask, positions?: RowPositions): tf.Tensor {
  const { backend, at, kernel } = kernelFor(x)!;
  const out = output(backend, x.shape);
  if (!positions) kernel.dropout(at[0] * 4, out.at * 4, x.size, m.threshold, m.scale, m.k1 | 0, m.k2 | 0);
  else {
    // Row by row: the kernel counts from 0, and kept(i) hashes i + k1, so starting a row at index rows[r]·width is
    // starting its counter at k1 + rows[r]·width (mod 2^32, as the kernel adds).
    const { rows, width } = positions;
    for (let r = 0, bytes = width * 4; r < x.size / width; r++)
      kernel.dropout(at[0] * 4 + r * bytes, out.at * 4 + r * bytes, width, m.threshold, m.scale, (m.k1 + rows[r] * width) | 0, m.k2 | 0);
  }
  return tf.engine().makeTensorFromTensorInfo(out.info);
}

/**
 * x with each element kept (and scaled by 1 / (1 − rate)) or zeroed by the rule above. Without a seed, one is drawn
 * (unseeded, as tf.dropout was); the same seed keeps the same elements on every backend. With `positions`, x holds
 * packed rows and each element takes the mask of its place in the padded tensor.
 */
export function dropout(x: tf.Tensor, rate: number, seed?: number, positions?: RowPositions): tf.Tensor {
  const m = dropoutMask(rate, seed ?? Math.floor(Math.random() * 2 ** 32));
  if (rate === 0) return x;
  if (positions && x.shape[x.rank - 1] !== positions.width)
    throw new Error(`dropout: rows of width ${positions.width} for a tensor of shape [${x.shape}]`);
  // Elsewhere the mask is a constant factor: its gradient is dy times the same mask, uploaded once.
  if (!kernelFor(x)) return tf.tidy(() => x.mul(tf.tensor(dropoutMultipliers(m, x.size, positions), x.shape, 'float32')));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v] = args as [tf.Tensor];
    return { value: onHeap(v, m, positions), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => onHeap(dy as tf.Tensor, m, positions) };
  });
  return op(x);
}

// The fused multiply-add twins (gemm.wat's, products.wat's, attention.wat's) run through the ops that use them, in a
// Node with relaxed SIMD (this one's flag is process-wide, so in a child process): each op with the twins on and off
// agrees to float32 rounding, and the two differ somewhere, so the twins did run.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInFreshNode } from '../../testSupport/relaxedSimd';

const at = (file: string) => JSON.stringify(resolve('src', file));
const SCRIPT = `
import * as tf from '@tensorflow/tfjs';
const { enableRelaxedSimd } = await import(${at('cli/relaxedSimd.ts')});
enableRelaxedSimd();
const { initBackend } = await import(${at('ml/backend.ts')});
const { setFusedKernels } = await import(${at('ml/transformer/fusedOps.ts')});
const { fusedAttentionTraining, attentionKernel } = await import(${at('ml/transformer/attention.ts')});
const { productKernel } = await import(${at('ml/transformer/batchMatMul.ts')});
const { gemmKernel } = await import(${at('ml/transformer/gemm.ts')});
const { matMulFast } = await import(${at('ml/transformer/blocks.ts')});
const { wasmBackend } = await import(${at('ml/transformer/wasmInternals.ts')});
await initBackend('wasm');
const backend = wasmBackend();
const twins = [attentionKernel, productKernel, gemmKernel].map((k) => k(backend, true) !== k(backend, false));
const [B, L, H, heads] = [3, 24, 32, 2];
const q = tf.randomNormal([B, L, H], 0, 1, 'float32', 1), k = tf.randomNormal([B, L, H], 0, 1, 'float32', 2);
const v = tf.randomNormal([B, L, H], 0, 1, 'float32', 3);
const causal = tf.linalg.bandPart(tf.ones([L, L]), -1, 0).sub(1).mul(1e9).reshape([1, 1, L, L]);
const x = tf.randomNormal([40, 64], 0, 1, 'float32', 4), w = tf.randomNormal([64, 48], 0, 1, 'float32', 5);
const run = (fma) => {
  setFusedKernels({ fusedMultiplyAdd: fma });
  const attention = tf.grads((a, b, c) => fusedAttentionTraining(a, b, c, causal, heads).square().sum());
  const linear = tf.grads((a, b) => matMulFast(a, b).square().sum());
  return [...attention([q, k, v]), ...linear([x, w])].map((t) => t.dataSync());
};
const [on, off] = [run(true), run(false)];
const worst = on.map((a, i) => {
  const b = off[i];
  const scale = Math.max(...Array.from(b, Math.abs));
  return Math.max(...Array.from(a, (y, j) => Math.abs(y - b[j]))) / scale;
});
console.log(JSON.stringify({ twins, worst }));
`;

describe('the fused multiply-add twins in a Node with relaxed SIMD', () => {
  it("give attention's and the products' gradients within float32 rounding of the plain kernels, and do run", () => {
    const { twins, worst } = JSON.parse(runInFreshNode(SCRIPT).split('\n').at(-1)!) as { twins: boolean[]; worst: number[] };
    expect(twins).toEqual([true, true, true]);
    expect(worst).toHaveLength(5);
    for (const w of worst) expect(w).toBeLessThan(1e-5);
    // rounding once per multiply-add, not twice, changes some sum: the twins ran, in attention and in the products
    expect(Math.max(...worst.slice(0, 3))).toBeGreaterThan(0);
    expect(Math.max(...worst.slice(3))).toBeGreaterThan(0);
  });
});

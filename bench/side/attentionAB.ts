// Attention's core per layer at SASRec's ml-100k shapes ([32 sequences × 2 heads, 50, 32], causal mask), the fused
// wasm passes (attention.ts) against the composed TF.js ops in ONE process, repetitions interleaved: at inference
// (switch `attention`), and forward + backward with dropout 0.2 as in training (switch `attentionTraining`).
//   npx tsx bench/side/attentionAB.ts [reps=3]
// BENCHMARKS.md "Seventh part" quotes it. Timings only: attentionTraining.test.ts holds the two paths' results equal.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend';
import { causalBias, selfAttention, type AttentionWeights, type EncoderOptions } from '../../src/ml/transformer/blocks';
import { setFusedKernels } from '../../src/ml/transformer/fusedOps';

const [BATCH, LEN, HIDDEN, HEADS] = [32, 50, 64, 2];
const reps = Number(process.argv[2] ?? 3);

await initBackend('wasm');
let seed = 1;
const linear = () => ({ weight: tf.randomNormal([HIDDEN, HIDDEN], 0, 0.1, 'float32', seed++), bias: tf.zeros([HIDDEN]) });
// Identity output projection and LayerNorm: what remains to time is the attention between the linears.
const w: AttentionWeights = {
  query: linear(),
  key: linear(),
  value: linear(),
  output: linear(),
  norm: { weight: tf.ones([HIDDEN]), bias: tf.zeros([HIDDEN]) },
};
const x = tf.randomNormal([BATCH, LEN, HIDDEN], 0, 1, 'float32', 99) as tf.Tensor3D;
const mask = causalBias(LEN);
const inference: EncoderOptions = { numHeads: HEADS, layerNormEps: 1e-12, activation: 'gelu' };
const training: EncoderOptions = { ...inference, dropout: 0.2, seed: 7 };

/** Mean ms of `f` over n calls after 10 warm-up calls. */
function time(f: () => void, n = 40): number {
  for (let i = 0; i < 10; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t0) / n;
}
const forward = () => tf.tidy(() => void selfAttention(x, mask, w, inference).output.dataSync());
const forwardBackward = () =>
  tf.tidy(
    () =>
      void tf
        .grad((xs: tf.Tensor) => selfAttention(xs as tf.Tensor3D, mask, w, training).output.sum())(x)
        .dataSync(),
  );

for (let r = 0; r < reps; r++) {
  const row: string[] = [];
  for (const fused of [false, true]) {
    setFusedKernels({ attention: fused, attentionTraining: fused });
    row.push(`${fused ? 'fused' : 'composed'}: inference ${time(forward).toFixed(2)} ms, training ${time(forwardBackward).toFixed(2)} ms`);
  }
  console.log(`rep ${r + 1}: ${row.join('; ')}`);
}
setFusedKernels(true);

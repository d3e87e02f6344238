// Browser entry of the embedding before/after (issue #23): RecLens with its fused kernels off, with GELU fused only,
// with GELU and residual add + LayerNorm fused, and transformers.js (ONNX Runtime Web wasm), on the same model and
// texts, one thread each, repetitions interleaved round-robin so that load on a shared machine falls on every variant
// alike. Exposed as window.runEmbedAB.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/ml/backend';
import { embed } from '../../src/ml/bert/inference';
import { disposeTree } from '../../src/ml/tensors';
import { setFusedKernels, type FusedKernels } from '../../src/ml/transformer/fusedOps';
import { EMBED_BATCH, EMBED_SEQ, type Embedder } from './embedMeasure';
import { EMBED_VARIANTS, type EmbedABResult } from './embedABVariants';
import { openEmbedSides } from './embedPageSides';

let ready: Promise<unknown> | undefined;

async function runEmbedAB(name: string, reps: number): Promise<EmbedABResult> {
  ready ??= initBackend('wasm', { wasmBase: new URL('/tfjs-wasm/', location.href).href, timeoutMs: 60_000, wasmThreads: false });
  await ready;
  const { model, tokenizer, extractor, transformersJs, texts } = await openEmbedSides(name, 1);
  const reclens =
    (kernels: Partial<FusedKernels>): Embedder =>
    (t) => {
      setFusedKernels(kernels);
      return embed(model, tokenizer, t, { batchSize: EMBED_BATCH, maxLength: EMBED_SEQ });
    };
  const embedders: Record<string, Embedder> = Object.fromEntries(EMBED_VARIANTS.map((v) => [v.name, reclens(v.kernels)]));
  embedders['transformers.js'] = transformersJs;
  try {
    const tokens = texts.length * EMBED_SEQ;
    const warm: Record<string, ArrayLike<number>[]> = {};
    for (const [k, f] of Object.entries(embedders)) warm[k] = await f(texts);
    const ref = warm['transformers.js'];
    const maxAbsDiff: Record<string, number> = {};
    for (const k of Object.keys(embedders)) {
      let d = 0;
      warm[k].forEach((row, i) => {
        for (let j = 0; j < row.length; j++) d = Math.max(d, Math.abs(row[j] - ref[i][j]));
      });
      maxAbsDiff[k] = d;
    }
    const tokensPerSecond: Record<string, number[]> = Object.fromEntries(Object.keys(embedders).map((k) => [k, []]));
    for (let r = 0; r < reps; r++)
      for (const [k, f] of Object.entries(embedders)) {
        const t0 = performance.now();
        await f(texts);
        tokensPerSecond[k].push(tokens / ((performance.now() - t0) / 1000));
      }
    return { tokensPerSecond, maxAbsDiff, tokensPerRep: tokens, backend: tf.getBackend() };
  } finally {
    setFusedKernels(true);
    disposeTree(model.weights);
    await extractor.dispose();
  }
}

(window as unknown as { runEmbedAB: typeof runEmbedAB }).runEmbedAB = runEmbedAB;
document.title = 'ready';

// Browser entry of the embedding side by side: RecLens (TF.js wasm, the app's own model loading and embed) against
// transformers.js's feature-extraction pipeline (ONNX Runtime Web, wasm) on the same model and texts. Both use one
// thread on a plain page; on a cross-origin isolated page both are given one thread per core. Exposed as window.runEmbedBench.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../src/ml/backend';
import { embed } from '../../src/ml/bert/inference';
import { disposeTree } from '../../src/ml/tensors';
import { compareEmbedders, EMBED_BATCH, EMBED_SEQ } from './embedMeasure';
import { openEmbedSides } from './embedPageSides';

let ready: Promise<unknown> | undefined;

async function runEmbedBench(name: string, reps: number) {
  const threads = crossOriginIsolated ? navigator.hardwareConcurrency : 1;
  if (crossOriginIsolated) setThreadsCount(threads);
  ready ??= initBackend('wasm', {
    wasmBase: new URL('/tfjs-wasm/', location.href).href,
    timeoutMs: 60_000,
    wasmThreads: crossOriginIsolated,
  });
  await ready;
  const { model, tokenizer, extractor, transformersJs, texts } = await openEmbedSides(name, threads);
  try {
    const comparison = await compareEmbedders(
      (t) => embed(model, tokenizer, t, { batchSize: EMBED_BATCH, maxLength: EMBED_SEQ }),
      transformersJs,
      texts,
      reps,
    );
    return { ...comparison, tfjsThreads: getThreadsCount(), ortThreads: threads, backend: tf.getBackend() };
  } finally {
    disposeTree(model.weights);
    await extractor.dispose();
  }
}

(window as unknown as { runEmbedBench: typeof runEmbedBench }).runEmbedBench = runEmbedBench;
document.title = 'ready';

// Browser entry of the embedding side by side: RecLens (TF.js wasm, the app's own model loading and embed) against
// transformers.js's feature-extraction pipeline (ONNX Runtime Web, wasm) on the same model and texts. Both use one
// thread on a plain page; on a cross-origin isolated page both are given one thread per core. Exposed as window.runEmbedBench.
import { env, pipeline } from '@huggingface/transformers';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../src/ml/backend';
import { embed } from '../../src/ml/bert/inference';
import { bundleFromUrl, openBertBundle } from '../../src/ml/bert/sources';
import { disposeTree } from '../../src/ml/tensors';
import { compareEmbedders, EMBED_BATCH, EMBED_SEQ, embedTexts, rowsOf } from './embedMeasure';

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
  const bundle = await bundleFromUrl(new URL(`/models/${name}/`, location.href).href);
  if (!bundle.ok) throw new Error(bundle.reason);
  const opened = await openBertBundle(bundle.data);
  if (!opened.ok) throw new Error(opened.reason);
  const { model, tokenizer } = opened.data;
  // After RecLens's tokenizer has loaded: it clears transformers.js's wasm location (the app never starts ONNX Runtime).
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  // A path, not a URL: transformers.js only probes local files (tokenizer_config.json …) under a path.
  env.localModelPath = '/onnx-models/';
  // transformers.js points ONNX Runtime at a CDN by default; these are the same files, served from this origin.
  const ort = env.backends.onnx as { wasm: { wasmPaths: { mjs: string; wasm: string }; numThreads: number } };
  const file = (ext: string) => new URL(`/ort/ort-wasm-simd-threaded.asyncify.${ext}`, location.href).href;
  ort.wasm.wasmPaths = { mjs: file('mjs'), wasm: file('wasm') };
  ort.wasm.numThreads = threads;
  const extractor = await pipeline('feature-extraction', name, { device: 'wasm', dtype: 'fp32' });
  try {
    const texts = embedTexts(await (await fetch(`/models/${name}/vocab.txt`)).text(), EMBED_BATCH);
    const comparison = await compareEmbedders(
      (t) => embed(model, tokenizer, t, { batchSize: EMBED_BATCH, maxLength: EMBED_SEQ }),
      async (t) => rowsOf((await extractor(t, { pooling: 'mean', normalize: false })) as unknown as { data: Float32Array; dims: number[] }),
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

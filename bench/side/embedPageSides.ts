// The two sides of the browser embedding comparisons (embedPage.ts, embedABPage.ts), opened the same way: RecLens's
// BERT through the app's own bundle loading, transformers.js's feature-extraction pipeline on ONNX Runtime Web wasm
// with its files served from this origin, and the texts both embed.
import { env, pipeline } from '@huggingface/transformers';
import { bundleFromUrl, openBertBundle } from '../../src/ml/bert/sources';
import { EMBED_BATCH, embedTexts, rowsOf, type Embedder } from './embedMeasure';

export async function openEmbedSides(name: string, ortThreads: number) {
  const bundle = await bundleFromUrl(new URL(`/models/${name}/`, location.href).href);
  if (!bundle.ok) throw new Error(bundle.reason);
  const opened = await openBertBundle(bundle.data);
  if (!opened.ok) throw new Error(opened.reason);
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
  ort.wasm.numThreads = ortThreads;
  const extractor = await pipeline('feature-extraction', name, { device: 'wasm', dtype: 'fp32' });
  const transformersJs: Embedder = async (t) =>
    rowsOf((await extractor(t, { pooling: 'mean', normalize: false })) as unknown as { data: Float32Array; dims: number[] });
  const texts = embedTexts(await (await fetch(`/models/${name}/vocab.txt`)).text(), EMBED_BATCH);
  return { ...opened.data, extractor, transformersJs, texts };
}

// Browser entry of bench:bert: loads the benchmark model from its URL folder (the app's own source code path), then
// times embedding and fine-tuning on the backend the driver asks for. Exposed as window.runBertBench.
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/ml/backend';
import { bundleFromUrl, openBertBundle } from '../../src/ml/bert/sources';
import { disposeTree } from '../../src/ml/tensors';
import { forwardMs, measureEmbed, measureFinetune, type MeasureOptions } from './measure';

async function runBertBench(backend: BackendName, opts: MeasureOptions & { trainCapMs: number; modelUrl: string }) {
  const info = await initBackend(backend, { wasmBase: new URL('/tfjs-wasm/', location.href).href, timeoutMs: 60_000 });
  const bundle = await bundleFromUrl(opts.modelUrl);
  if (!bundle.ok) throw new Error(bundle.reason);
  const opened = await openBertBundle(bundle.data);
  if (!opened.ok) throw new Error(opened.reason);
  const { model, tokenizer } = opened.data;
  try {
    const embedding = await measureEmbed(model, tokenizer, opts);
    // Hand the driver the embedding figures now: a training step that overruns its budget ends with the page closed.
    await (window as unknown as { benchPartial?: (p: object) => Promise<void> }).benchPartial?.({
      backend: tf.getBackend(),
      adapter: info.adapter,
      embedding,
    });
    const training = await measureFinetune(model, tokenizer, { reps: opts.reps, capMs: opts.trainCapMs }, 3 * forwardMs(embedding));
    return { backend: tf.getBackend(), adapter: info.adapter, gflops: info.gflops, embedding, training };
  } finally {
    disposeTree(model.weights);
  }
}

(window as unknown as { runBertBench: typeof runBertBench }).runBertBench = runBertBench;
document.title = 'ready';

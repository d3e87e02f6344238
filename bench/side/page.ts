// Browser entry of the side-by-side SASRec run: the same seeded batches and steps as in Node, on a TF.js backend of
// Chromium. On a cross-origin isolated page TF.js's threaded wasm build runs, one thread per core. Exposed as
// window.runSeqRecBench.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, type BackendName } from '../../src/ml/backend';
import { runSeqRecTfjs, seqrecData } from './seqrec';

async function runSeqRecBench(backend: BackendName, steps: number, reps: number) {
  // XNNPACK's default pool is half the cores (one thread on this 2-core machine); ask for one per core.
  if (crossOriginIsolated) setThreadsCount(navigator.hardwareConcurrency);
  await initBackend(backend, { wasmBase: new URL('/tfjs-wasm/', location.href).href, timeoutMs: 60_000, wasmThreads: crossOriginIsolated });
  const data = seqrecData(steps);
  const runs = [];
  for (let r = 0; r < reps; r++) runs.push(await runSeqRecTfjs(data, r));
  return { backend: tf.getBackend(), threads: tf.getBackend() === 'wasm' ? getThreadsCount() : 1, runs };
}

(window as unknown as { runSeqRecBench: typeof runSeqRecBench }).runSeqRecBench = runSeqRecBench;
document.title = 'ready';

// Browser entry of the side-by-side SASRec run: the same seeded batches and steps as in Node, on a TF.js backend of
// Chromium. Exposed as window.runSeqRecBench.
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/ml/backend';
import { runSeqRecTfjs, seqrecData } from './seqrec';

async function runSeqRecBench(backend: BackendName, steps: number, reps: number) {
  await initBackend(backend, { wasmBase: new URL('/tfjs-wasm/', location.href).href, timeoutMs: 60_000 });
  const data = seqrecData(steps);
  const runs = [];
  for (let r = 0; r < reps; r++) runs.push(await runSeqRecTfjs(data, r));
  return { backend: tf.getBackend(), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), runs };
}

(window as unknown as { runSeqRecBench: typeof runSeqRecBench }).runSeqRecBench = runSeqRecBench;
document.title = 'ready';

// One side of the start-up 1-vs-2-thread check: initialise TF.js wasm with a given thread count in this worker (the
// backend can be initialised only once per worker, so each setting needs a worker of its own) and time rounds of a
// training step. The caller interleaves rounds of the two workers so that both see the same load.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../lib/rng';
import { setWasmThreads } from './backend';
import { sasrecBatch } from './seqrec/batch';
import { defaultConfig, type SeqRecConfig } from './seqrec/config';
import { createModel, seqRecOptimizer, type SeqRecModel } from './seqrec/model';
import { plainTrainingStep } from './seqrec/plainStep';
import { catalogWalks } from './seqrec/walks';
import type { AdamW } from './train/optimizer';

// The workload is SASRec's own training step, as trainSeqRec takes it (encoder, full-softmax loss, flat clipping,
// AdamW), on seeded batches of 16 full-length sequences (maxLen 50) over 1,000 items: 45–60 ms a step on one thread.
// It must be the models' step and not a stand-in: RecLens's wasm kernels (gemm.wat, the fused GELU, LayerNorm,
// attention, loss and optimizer passes) run only on the single-threaded build, whose memory they share, and the
// threaded build falls back to the composed TF.js ops. A workload of products alone (this check's first form) put
// gemm.wat against XNNPACK's pool and left out the fused passes, which in `npm run bench` make the plain build's step
// 2.4× the threaded build's on one thread: two threads could have been chosen where they train slower.
const ITEMS = 1000;
const BATCH = 16;
const MAX_LEN = 50;
const BATCHES = 4;

interface Workload {
  model: SeqRecModel;
  optimizer: AdamW;
  batches: ReturnType<typeof sasrecBatch>[];
  done: number;
}

let workload: Workload | null = null;

/** Seeded batches of full-length walks (seqrec/walks.ts): every position has a target, none is padding. */
const batchesOf = (config: SeqRecConfig) => {
  const rng = createRng(2);
  return Array.from({ length: BATCHES }, () => sasrecBatch(catalogWalks(rng, ITEMS, BATCH, MAX_LEN + 1), config));
};

/**
 * Start wasm here with `threads` threads (the hardwareConcurrency / 2 cap lifted as needed) and build the workload.
 * Returns the thread count the backend reports it runs, so the caller can tell a lifted cap from an ignored one.
 */
export async function startThreadProbe(threads: number, wasmBase: string): Promise<number> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  setWasmThreads(wasm, threads, wasmBase);
  wasm.setWasmPaths(wasmBase);
  if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm') throw new Error(`wasm with ${threads} thread(s) did not start`);
  await tf.ready();
  // Seeded: both workers time the same numbers.
  const config = { ...defaultConfig('sasrec', ITEMS, [MAX_LEN]), batchSize: BATCH, maxLen: MAX_LEN };
  const model = createModel(config, 1);
  workload = {
    model,
    optimizer: seqRecOptimizer(model),
    batches: batchesOf(config),
    done: 0,
  };
  return wasm.getThreadsCount();
}

/** Milliseconds for `steps` training steps, read back once at the end (as a training loop does, not once a step). */
export async function timeProbeRound(steps: number): Promise<number> {
  const w = workload;
  if (!w) throw new Error('the thread probe was not started');
  const t0 = performance.now();
  let loss: tf.Tensor | null = null;
  for (let i = 0; i < steps; i++, w.done++) {
    loss?.dispose();
    loss = plainTrainingStep(w.model, w.optimizer, w.batches[w.done % w.batches.length], w.done + 1);
  }
  await loss?.data();
  loss?.dispose();
  return performance.now() - t0;
}

// One side of the start-up 1-vs-2-thread check: initialise TF.js wasm with a given thread count in this worker (the
// backend can be initialised only once per worker, so each setting needs a worker of its own) and time rounds of a
// step-sized training workload. The caller interleaves rounds of the two workers so that both see the same load.
import * as tf from '@tensorflow/tfjs';
import { setWasmThreads } from './backend';
import { matMulFast } from './transformer/blocks';

// A small dense training step: x[256,64]·W1[64,256] → relu → ·W2[256,512] → softmax cross-entropy, SGD on both. About
// 0.23 GFLOP a step (forward and backward), 6–9 ms on one thread at the 25–40 GFLOP/s wasm's products reach here:
// matmuls of the size a SASRec layer's are, large enough for XNNPACK to split across threads, short enough for a
// start-up check.
// The products go through matMulFast, as the models' do: one thread runs them on gemm.wat (the non-threaded build
// exports its memory), two threads on XNNPACK's pool, so the check compares what training would run either way.
const ROWS = 256;
const DIM = 64;
const HIDDEN = 256;
const CLASSES = 512;

interface Workload {
  x: tf.Tensor2D;
  labels: tf.Tensor2D;
  w1: tf.Variable;
  w2: tf.Variable;
  optimizer: tf.Optimizer;
}

let workload: Workload | null = null;

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
  workload = {
    x: tf.randomNormal([ROWS, DIM], 0, 1, 'float32', 1),
    labels: tf.oneHot(tf.randomUniform([ROWS], 0, CLASSES, 'int32', 2), CLASSES).toFloat() as tf.Tensor2D,
    w1: tf.variable(tf.randomNormal([DIM, HIDDEN], 0, 0.1, 'float32', 3)),
    w2: tf.variable(tf.randomNormal([HIDDEN, CLASSES], 0, 0.1, 'float32', 4)),
    optimizer: tf.train.sgd(0.01),
  };
  return wasm.getThreadsCount();
}

/** Milliseconds for `steps` training steps, read back once at the end (as a training loop does, not once a step). */
export async function timeProbeRound(steps: number): Promise<number> {
  const w = workload;
  if (!w) throw new Error('the thread probe was not started');
  const t0 = performance.now();
  let cost: tf.Scalar | null = null;
  for (let i = 0; i < steps; i++) {
    cost?.dispose();
    cost = w.optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(w.labels, matMulFast(tf.relu(matMulFast(w.x, w.w1)), w.w2)) as tf.Scalar,
      true,
      [w.w1, w.w2],
    );
  }
  await cost?.data();
  cost?.dispose();
  return performance.now() - t0;
}

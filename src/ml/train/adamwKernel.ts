// AdamW's update as one wasm SIMD pass per variable (adamw.wat) on TF.js's wasm backend (#23). Composed, the update
// was about a dozen TF.js kernels over the whole flat buffer, with a concat of the weights before and a gather into
// each variable after: on Beauty's 54,542 items (3.5M parameters in the item table) half of BERT4Rec's training time.
// Here each element goes through the same float32 operations in the same order, so weights and moments come out the
// same bit for bit (adamwKernel.test.ts), and each variable's new weights are written where the variable will take
// them. Other backends, the threaded build and the switch turned off get undefined: the caller composes the ops.
import * as tf from '@tensorflow/tfjs';
import { heapOf, output } from '../transformer/fusedOps';
import { instantiateOnHeap } from '../transformer/wasmInternals';
import { ADAMW_WASM } from './adamwWasm';

interface AdamWKernel {
  adamw(
    g: number,
    m: number,
    s: number,
    w: number,
    decay: number,
    mOut: number,
    sOut: number,
    wOut: number,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    c1: number,
    c2: number,
    eps: number,
    lr: number,
  ): void;
}

/** The step's constants: β1, β2, ε, the bias corrections c1 = 1 − β1^t and c2 = 1 − β2^t, and the learning rate. */
export interface AdamWStep {
  beta1: number;
  beta2: number;
  epsilon: number;
  c1: number;
  c2: number;
  lr: number;
}

/**
 * One AdamW update from flat gradients `g` (the variables' end to end) and flat moments m, s, with per-element weight
 * decay `decay` (or none): the moments' next values and each variable's next weights, as new tensors the caller
 * assigns; undefined where the wasm kernel does not apply.
 */
export function adamWOnHeap(
  g: tf.Tensor1D,
  m: tf.Tensor,
  s: tf.Tensor,
  vars: readonly tf.Variable[],
  decay: tf.Tensor1D | null,
  step: AdamWStep,
): { m: tf.Tensor1D; s: tf.Tensor1D; weights: tf.Tensor[] } | undefined {
  // heapOf answers undefined where the switch is off, on other backends and in the threaded build.
  const fast = heapOf('adamW', [g, m, s, ...(decay ? [decay] : []), ...vars]);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'adamW', ADAMW_WASM) as AdamWKernel | undefined);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  const [gAt, mAt, sAt] = at;
  const decayAt = decay ? at[3] : undefined;
  const varsAt = at.slice(decay ? 4 : 3);
  const [mOut, sOut] = [output(backend, [g.size]), output(backend, [g.size])];
  const { beta1, beta2, epsilon, c1, c2, lr } = step;
  let offset = 0;
  const weights = vars.map((v, i) => {
    const wOut = output(backend, v.shape);
    const bytes = (first: number) => (first + offset) * 4;
    const decayBytes = decayAt === undefined ? 0 : bytes(decayAt);
    kernel.adamw(
      bytes(gAt),
      bytes(mAt),
      bytes(sAt),
      varsAt[i] * 4,
      decayBytes,
      bytes(mOut.at),
      bytes(sOut.at),
      wOut.at * 4,
      v.size,
      beta1,
      1 - beta1,
      beta2,
      1 - beta2,
      c1,
      c2,
      epsilon,
      lr,
    );
    offset += v.size;
    return tf.engine().makeTensorFromTensorInfo(wOut.info);
  });
  const make = (o: { info: tf.TensorInfo }) => tf.engine().makeTensorFromTensorInfo(o.info) as tf.Tensor1D;
  return { m: make(mOut), s: make(sOut), weights };
}

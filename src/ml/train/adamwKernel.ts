// AdamW's update as one wasm SIMD pass per variable (adamw.wat) on TF.js's wasm backend (#23). Composed, the update
// was about a dozen TF.js kernels over the whole flat buffer, with a concat of the weights before and a gather into
// each variable after: on Beauty's 54,542 items (3.5M parameters in the item table) half of BERT4Rec's training time.
// Here each element goes through the same float32 operations in the same order, so weights and moments come out the
// same bit for bit (adamwKernel.test.ts), the moments are updated in place, and each variable's new weights are
// written where the variable will take them. Other backends, the threaded build and the switch turned off get
// undefined: the caller composes the ops.
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
    wOut: number,
    n: number,
    decays: number,
    decay: number,
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
 * One AdamW update from flat gradients `g` (the variables' end to end) and flat moments m, s, with each variable's
 * weight decay `decays[i]` (or none): the moments are updated in place, and each variable's next weights come back as
 * new tensors the caller assigns; undefined where the wasm kernel does not apply. m and s must be the optimizer's own
 * (no other tensor shares their data): anything else holding them would see them change.
 */
export function adamWOnHeap(
  g: tf.Tensor1D,
  m: tf.Tensor,
  s: tf.Tensor,
  vars: readonly tf.Variable[],
  decays: readonly number[] | null,
  step: AdamWStep,
): { weights: tf.Tensor[] } | undefined {
  // heapOf answers undefined where the switch is off, on other backends and in the threaded build.
  const fast = heapOf('adamW', [g, m, s, ...vars]);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'adamW', ADAMW_WASM) as AdamWKernel | undefined);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  if (backend.refCount(m.dataId) !== 1 || backend.refCount(s.dataId) !== 1) return undefined;
  const [gAt, mAt, sAt] = at;
  const varsAt = at.slice(3);
  const { beta1, beta2, epsilon, c1, c2, lr } = step;
  let offset = 0;
  const weights = vars.map((v, i) => {
    const wOut = output(backend, v.shape);
    const bytes = (first: number) => (first + offset) * 4;
    kernel.adamw(
      bytes(gAt),
      bytes(mAt),
      bytes(sAt),
      varsAt[i] * 4,
      wOut.at * 4,
      v.size,
      decays ? 1 : 0,
      decays?.[i] ?? 0,
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
  return { weights };
}

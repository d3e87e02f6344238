// Global-norm clipping of the flat gradient buffer as wasm passes (clip.wat) on TF.js's wasm backend (#23): one pass
// for the norm, and a scaling pass only when the norm is over the limit; under it the gradients are passed on as they
// are (a clone shares their data). The factor is the composed path's, in float32, from a norm whose squares are summed
// in float64 (clip.wat says why), so the clipped gradients equal the composed ones wherever the two norms round alike.
// Other backends, the threaded build and the switch turned off get undefined: the caller composes the ops.
import * as tf from '@tensorflow/tfjs';
import { heapOf, output } from '../transformer/fusedOps';
import { instantiateOnHeap } from '../transformer/wasmInternals';
import { CLIP_WASM } from './clipWasm';

interface ClipKernel {
  sumOfSquares(x: number, n: number): number;
  scale(x: number, out: number, n: number, factor: number): void;
}

/**
 * The gradients scaled by min(1, maxNorm / (‖g‖ + 1e-6)) and the norm ‖g‖ before clipping, as new tensors the caller
 * disposes; undefined where the wasm kernel does not apply.
 */
export function clipOnHeap(values: tf.Tensor1D, maxNorm: number): { values: tf.Tensor1D; norm: tf.Scalar } | undefined {
  const fast = heapOf('clip', [values]);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'clip', CLIP_WASM) as ClipKernel | undefined);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  const f = Math.fround;
  const norm = f(Math.sqrt(kernel.sumOfSquares(at[0] * 4, values.size)));
  // tf.minimum(1, tf.div(maxNorm, norm.add(1e-6))), each operation rounded to float32 as the composed kernels do.
  const factor = Math.min(1, f(f(maxNorm) / f(norm + f(1e-6))));
  if (factor === 1) return { values: values.clone(), norm: tf.scalar(norm) };
  const out = output(backend, [values.size]);
  kernel.scale(at[0] * 4, out.at * 4, values.size, factor);
  return { values: tf.engine().makeTensorFromTensorInfo(out.info) as tf.Tensor1D, norm: tf.scalar(norm) };
}

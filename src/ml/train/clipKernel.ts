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
  copyWithSquares(x: number, out: number, n: number): number;
  scale(x: number, out: number, n: number, factor: number): void;
}

/**
 * The gradients scaled by min(1, maxNorm / (‖g‖ + 1e-6)) and the norm ‖g‖ before clipping, as new tensors the caller
 * disposes; undefined where the wasm kernel does not apply. `squares`, where the caller has it (flattenOnHeap), is
 * Σ g² as sumOfSquares would give it, and spares that pass.
 */
export function clipOnHeap(values: tf.Tensor1D, maxNorm: number, squares?: number): { values: tf.Tensor1D; norm: tf.Scalar } | undefined {
  const fast = heapOf('clip', [values]);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'clip', CLIP_WASM) as ClipKernel | undefined);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  const f = Math.fround;
  const norm = f(Math.sqrt(squares ?? kernel.sumOfSquares(at[0] * 4, values.size)));
  // tf.minimum(1, tf.div(maxNorm, norm.add(1e-6))), each operation rounded to float32 as the composed kernels do.
  const factor = Math.min(1, f(f(maxNorm) / f(norm + f(1e-6))));
  if (factor === 1) return { values: values.clone(), norm: tf.scalar(norm) };
  const out = output(backend, [values.size]);
  kernel.scale(at[0] * 4, out.at * 4, values.size, factor);
  return { values: tf.engine().makeTensorFromTensorInfo(out.info) as tf.Tensor1D, norm: tf.scalar(norm) };
}

/**
 * Tensors laid end to end in one flat vector, as tf.concat of their flattened selves gives it (null: that many zeros),
 * and Σ x² over all of them (each part's float64 sum, added in order): the copy reads each gradient once, and the
 * norm's pass over the flat buffer is spared. Undefined where the wasm kernel does not apply.
 */
export function flattenOnHeap(
  parts: readonly (tf.Tensor | null)[],
  sizes: readonly number[],
): { values: tf.Tensor1D; squares: number } | undefined {
  const present = parts.filter((p): p is tf.Tensor => p !== null);
  const fast = heapOf('clip', present);
  const kernel = fast && (instantiateOnHeap(fast.backend, 'clip', CLIP_WASM) as ClipKernel | undefined);
  if (!fast || !kernel) return undefined;
  const { backend, at } = fast;
  const out = output(backend, [sizes.reduce((a, b) => a + b, 0)]);
  let squares = 0;
  let offset = out.at;
  let k = 0;
  parts.forEach((part, i) => {
    if (part) squares += kernel.copyWithSquares(at[k++] * 4, offset * 4, sizes[i]);
    else backend.wasm.HEAPF32.fill(0, offset, offset + sizes[i]);
    offset += sizes[i];
  });
  return { values: tf.engine().makeTensorFromTensorInfo(out.info) as tf.Tensor1D, squares };
}

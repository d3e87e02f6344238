// LayerNorm while a gradient is recorded, on TF.js's wasm backend (#23): the forward pass is the inference kernel
// (simdKernels.ts, one SIMD pass a row) and the gradient one more (layerNormGrad.wat), where the composed ops were
// tf.moments, a subtraction, an rsqrt, two products and a sum forward and about twenty kernels backward, five times in
// a SASRec step. Other backends, rows that are not a multiple of 4 floats and settings that turn it off get undefined:
// the caller composes the ops (on webgpu, its own fused programs).
import * as tf from '@tensorflow/tfjs';
import { heapOf, output } from './fusedOps';
import { LAYER_NORM_GRAD_WASM } from './layerNormGradWasm';
import { simdKernels } from './simdKernels';
import { instantiateOnHeap, memoryOffset, type WasmBackendInternals } from './wasmInternals';

interface LayerNormGrad {
  /** dx, and dw and db set to the column sums, for `rows` rows of h floats (a multiple of 4). Byte offsets. */
  layerNormGrad(x: number, dy: number, w: number, dx: number, dw: number, db: number, rows: number, h: number, eps: number): void;
}

function gradKernel(backend: WasmBackendInternals): LayerNormGrad | undefined {
  return instantiateOnHeap(backend, 'layerNormGrad', LAYER_NORM_GRAD_WASM) as LayerNormGrad | undefined;
}

const byteAt = (backend: WasmBackendInternals, t: tf.TensorInfo) => memoryOffset(backend, t)!;

/**
 * LayerNorm over the last axis of x (+ residual, added first) with its own gradient, as the composed ops compute it;
 * undefined when no gradient is being recorded or the fused path does not apply.
 */
export function layerNormForTraining(
  x: tf.Tensor,
  weight: tf.Tensor,
  bias: tf.Tensor,
  eps: number,
  residual?: tf.Tensor,
): tf.Tensor | undefined {
  if (tf.engine().state.gradientDepth === 0) return undefined;
  const h = x.shape[x.rank - 1]!;
  if (h % 4 !== 0 || weight.size !== h || bias.size !== h) return undefined;
  const fast = heapOf('layerNormTraining', [x, weight, bias], true);
  const forward = fast && simdKernels(fast.backend);
  const backward = fast && gradKernel(fast.backend);
  if (!fast || !forward || !backward) return undefined;
  const { backend } = fast;
  const rows = x.size / h;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, w, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([v, w]);
    const out = output(backend, v.shape);
    forward.layerNorm(byteAt(backend, v), 0, byteAt(backend, w), byteAt(backend, b), out.at * 4, rows, h, eps);
    return {
      value: tf.engine().makeTensorFromTensorInfo(out.info),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [vs, ws] = saved;
        const [dx, dw, db] = [vs.shape, [h], [h]].map((shape) => output(backend, shape));
        const at = (t: tf.TensorInfo) => byteAt(backend, t);
        backward.layerNormGrad(at(vs), at(dy as tf.Tensor), at(ws), dx.at * 4, dw.at * 4, db.at * 4, rows, h, eps);
        const [gx, gw, gb] = [dx, dw, db].map((o) => tf.engine().makeTensorFromTensorInfo(o.info));
        return [gx, gw.reshape(weight.shape), gb.reshape(bias.shape)];
      },
    };
  });
  return op(residual ? x.add(residual) : x, weight, bias);
}

// The full-softmax output layer and its cross-entropy as one op on TF.js's wasm backend, for training (#23).
//
// A sequence model's loss over all items is CE(softmax(h·Eᵀ + b), target) for each target position: on ml-100k's
// SASRec step, [1,600 positions × 1,682 items]. Composed of TF.js kernels, everything around its three products was an
// Add of the bias, a Softmax, a gather of the targets, a product and a scatter for the gradient, a column-sum pass for
// the bias's gradient and a Transpose of the whole gradient (XNNPACK has no transposed operand, and Eᵀ's gradient is
// dᵀ·h): 17 ms of a 155 ms step. Here the softmax is one pass after each row's maximum (softmaxLoss.wat), and the
// gradient d = (p·s − onehot)·dy (s a row's 1 / Σ p) is never written out: h's gradient is s·(p·E) and the table's
// pᵀ·(s·h) (a transposed product, no transpose), each less its one-hot part (one row of E or h per position), and the
// bias's one pass over p. Writing d and dᵀ had cost two [rows × items] buffers and 5 ms a step.
//
// Other backends, a wasm build without the internals, and settings that turn it off get undefined: the caller
// composes the ops as before (and on webgpu, its own fused programs).
import * as tf from '@tensorflow/tfjs';
import { batchMatMul, transposedProduct } from './batchMatMul';
import { heapOf, output } from './fusedOps';
import { SOFTMAX_LOSS_WASM } from './softmaxLossWasm';
import { instantiateOnHeap, memoryOffset, type WasmBackendInternals } from './wasmInternals';

interface SoftmaxLossKernels {
  /** p[r, j] = e^(z[r, j] + b[j] − m_r), stats[r] = (m_r, Σ_j p[r, j]), m_r the row's maximum of z + b. Byte offsets. */
  softmaxRows(z: number, b: number, p: number, stats: number, rows: number, cols: number): void;
  /** db[j] = Σ_r p[r, j]·scale[r]. Byte offsets. */
  scaledColumnSums(p: number, scale: number, db: number, rows: number, cols: number): void;
}

/** The composed loss's ceiling: −log of the 1e-30 it clamps a target's probability at. */
const MAX_LOSS = -Math.log(1e-30);

function kernels(backend: WasmBackendInternals): SoftmaxLossKernels | undefined {
  return instantiateOnHeap(backend, 'softmaxLoss', SOFTMAX_LOSS_WASM) as SoftmaxLossKernels | undefined;
}

/** A tensor's first float on the heap (its byte offset / 4). */
const floatAt = (backend: WasmBackendInternals, t: tf.TensorInfo) => memoryOffset(backend, t)! >>> 2;

/**
 * Per-row −log softmax(h·tableᵀ + bias)[target] ([rows]), differentiable in h, table and bias, as
 * sparseSoftmaxCrossEntropy(addBias(h·tableᵀ, bias), targets) computes it (a target's probability below 1e-30 counts
 * as 1e-30); undefined where the fused path does not apply. Targets are item rows of `table`.
 */
export function fusedSoftmaxLoss(h: tf.Tensor2D, table: tf.Tensor2D, bias: tf.Tensor1D, targets: Int32Array): tf.Tensor1D | undefined {
  const [rows, hidden] = h.shape;
  const cols = table.shape[0];
  // Fewer than 4 items do not fill the one vector the kernels read a row's tail with.
  if (rows === 0 || cols < 4 || targets.length !== rows || table.shape[1] !== hidden || bias.size !== cols) return undefined;
  const fast = heapOf('softmaxLoss', [h, table, bias], true);
  const k = fast && kernels(fast.backend);
  if (!fast || !k) return undefined;
  for (const t of targets) if (!(t >= 0 && t < cols)) throw new RangeError(`target item ${t} is outside the ${cols} items`);
  const { backend } = fast;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, e, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const eT = e.transpose();
    const z = batchMatMul(x, eT);
    eT.dispose();
    const p = output(backend, [rows, cols]);
    const stats = output(backend, [rows, 2]);
    k.softmaxRows(floatAt(backend, z) * 4, floatAt(backend, b) * 4, p.at * 4, stats.at * 4, rows, cols);
    // The log of each row's sum here (wasm has no log), and the target's logit read back from z.
    const heap = backend.wasm.HEAPF32;
    const [zi, bi] = [floatAt(backend, z), floatAt(backend, b)];
    const sums = new Float32Array(rows);
    const loss = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const t = targets[r];
      sums[r] = heap[stats.at + 2 * r + 1];
      loss[r] = Math.min(heap[stats.at + 2 * r] + Math.log(sums[r]) - (heap[zi + r * cols + t] + heap[bi + t]), MAX_LOSS);
    }
    backend.disposeData(stats.info.dataId);
    z.dispose();
    const unnormalised = tf.engine().makeTensorFromTensorInfo(p.info);
    save([unnormalised, x, e]);
    return {
      value: tf.tensor1d(loss),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [ps, xs, es] = saved;
        // scale[r] = dy[r] / Σ p[r, ·], so that p·scale is softmax·dy; the one-hot part is −dy[r] at the target.
        const scale = output(backend, [rows]);
        const scaledH = output(backend, [rows, hidden]);
        const db = output(backend, [cols]);
        let heap = backend.wasm.HEAPF32;
        const dyAt = floatAt(backend, dy as tf.Tensor);
        const dys = heap.slice(dyAt, dyAt + rows);
        const [hAt, eAt] = [floatAt(backend, xs), floatAt(backend, es)];
        for (let r = 0; r < rows; r++) {
          const s = Math.fround(dys[r] / sums[r]);
          heap[scale.at + r] = s;
          for (let c = r * hidden, end = c + hidden; c < end; c++) heap[scaledH.at + c] = s * heap[hAt + c];
        }
        k.scaledColumnSums(floatAt(backend, ps) * 4, scale.at * 4, db.at * 4, rows, cols);
        const scaled = tf.engine().makeTensorFromTensorInfo(scaledH.info) as tf.Tensor2D;
        // p·E and pᵀ·(s·h), fresh outputs that the loop below turns into the gradients in place.
        const dh = batchMatMul(ps, es);
        const dTable = transposedProduct(ps as tf.Tensor2D, scaled);
        scaled.dispose();
        heap = backend.wasm.HEAPF32; // a new view where the products grew the memory; the offsets hold
        const [dhAt, dTableAt] = [floatAt(backend, dh), floatAt(backend, dTable)];
        for (let r = 0; r < rows; r++) {
          const t = targets[r];
          const g = dys[r];
          const s = heap[scale.at + r];
          heap[db.at + t] -= g;
          for (let c = 0; c < hidden; c++) {
            heap[dhAt + r * hidden + c] = s * heap[dhAt + r * hidden + c] - g * heap[eAt + t * hidden + c];
            heap[dTableAt + t * hidden + c] -= g * heap[hAt + r * hidden + c];
          }
        }
        backend.disposeData(scale.info.dataId);
        return [dh, dTable, tf.engine().makeTensorFromTensorInfo(db.info)];
      },
    };
  });
  return op(h, table, bias) as tf.Tensor1D;
}

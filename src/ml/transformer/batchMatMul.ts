// Batched matrix product that keeps TF.js's wasm backend on its fast path.
//
// 2-D products go to gemm.ts (gemm.wat; XNNPACK where it cannot run). The wasm backend hands a 2-D product to XNNPACK
// (~24 GFLOP/s here) but runs any product with a batch dimension (attention's [batch, heads, len, d] · [batch, heads,
// d, len]) through a scalar fallback at ~1.6 GFLOP/s. Measured on BERT-mini (batch 32 × 64 tokens), those products
// were a third of a forward pass. Here all pairs go to one SIMD kernel (products.wat) that writes straight into one
// output tensor: 2.3–2.8× XNNPACK's rate on attention's shapes, because XNNPACK, handed one pair at a time, set up an
// operator and packed its right operand for every pair (#23); its sums come out the same, bit for bit. Where the engine
// has relaxed SIMD its twin runs instead (1.29–1.31× on the weights' gradients), rounding once per multiply-add, so
// its sums differ from XNNPACK's in the last bits. Where that kernel cannot run (the threaded build does not export
// its memory), each pair goes to XNNPACK as its own 2-D product, through views registered on the operands' memory (no
// copies). Other backends, and a wasm build without the internals this relies on, use tf.matMul unchanged.
import * as tf from '@tensorflow/tfjs';
import { PRODUCTS_FMA_WASM } from './productsFmaWasm';
import { PRODUCTS_WASM } from './productsWasm';
import { fusedKernelOn, heapOf, output } from './fusedOps';
import { product2d } from './gemm';
import { instantiateWithTwin, wasmBackend, type WasmBackendInternals } from './wasmInternals';

type WasmMatMul = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  ta: boolean,
  tb: boolean,
  outId: number,
) => void;

const kernels = new WeakMap<object, WasmMatMul>();

function wasmKernel(): { backend: WasmBackendInternals; matMul: WasmMatMul } | undefined {
  const backend = wasmBackend();
  if (!backend) return undefined;
  let matMul = kernels.get(backend);
  if (!matMul) {
    matMul = backend.wasm.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]) as WasmMatMul;
    kernels.set(backend, matMul);
  }
  return { backend, matMul };
}

interface Products {
  /** C = A·B for `batch` pairs packed one after another: A [m, k], B [k, n], C [m, n], row-major; byte offsets. */
  batchedProduct(a: number, b: number, c: number, batch: number, m: number, k: number, n: number): void;
  /** C [m, n] = Aᵀ·B for A [r, m], B [r, n], row-major, m at least 4 and n a multiple of 8; byte offsets. */
  transposedProduct(a: number, b: number, c: number, r: number, m: number, n: number): void;
}

/** The kernels for this backend: the fused multiply-add twin where the engine has relaxed SIMD, else the plain ones. */
export function productKernel(backend: WasmBackendInternals, fused = fusedKernelOn('fusedMultiplyAdd')): Products | undefined {
  if (!fusedKernelOn('products')) return undefined;
  return instantiateWithTwin(backend, 'products', PRODUCTS_WASM, PRODUCTS_FMA_WASM, fused) as Products | undefined;
}

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

/**
 * a [..., m, k] · b [..., k, n] with the same leading (batch) dimensions on both sides, no transposes. Not
 * differentiable by itself: callers wrap it in their own gradient (matMulFast does).
 */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.rank === 2 && b.rank === 2) return product2d(a as tf.Tensor2D, b as tf.Tensor2D) ?? tf.matMul(a, b);
  const batchShape = a.shape.slice(0, -2);
  const batch = batchShape.reduce((p, d) => p * d, 1);
  const fast = batch > 1 && a.dtype === 'float32' && b.dtype === 'float32' ? wasmKernel() : undefined;
  if (!fast || b.rank !== a.rank || batchShape.some((d, i) => b.shape[i] !== d)) return tf.matMul(a, b);
  const [m, k] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k !== k2) return tf.matMul(a, b); // let tf.matMul report the mismatch
  const { backend, matMul } = fast;
  const aInfo = backend.dataIdMap.get(a.dataId);
  const bInfo = backend.dataIdMap.get(b.dataId);
  if (!aInfo || !bInfo) return tf.matMul(a, b);
  const out = backend.makeOutput([...batchShape, m, n], 'float32');
  const outOffset = backend.dataIdMap.get(out.dataId)!.memoryOffset;
  const simd = productKernel(backend);
  if (simd) {
    simd.batchedProduct(aInfo.memoryOffset, bInfo.memoryOffset, outOffset, batch, m, k, n);
    return tf.engine().makeTensorFromTensorInfo(out);
  }
  const aShape = shapeBytes([1, m, k]);
  const bShape = shapeBytes([1, k, n]);
  const view = (offset: number, size: number) => {
    const id = backend.dataIdNextNumber++;
    backend.wasm.tfjs.registerTensor(id, size, offset);
    return id;
  };
  for (let i = 0; i < batch; i++) {
    const aId = view(aInfo.memoryOffset + 4 * i * m * k, m * k);
    const bId = view(bInfo.memoryOffset + 4 * i * k * n, k * n);
    const outId = view(outOffset + 4 * i * m * n, m * n);
    matMul(aId, aShape, 3, bId, bShape, 3, false, false, outId);
    // Unregisters the views (and XNNPACK's operator cached for bId); the memory belongs to a, b and out.
    for (const id of [aId, bId, outId]) backend.wasm.tfjs.disposeData(id);
  }
  return tf.engine().makeTensorFromTensorInfo(out);
}

/**
 * aᵀ·b for a [r, m] and b [r, n] (a weight's gradient xᵀ·dy, or the full softmax's pᵀ·(s·h)): on wasm, where m is at
 * least 4 and n a multiple of 8, one SIMD pass with no transpose of a (products.wat: the same sums, bit for bit, as
 * XNNPACK's after the transpose, and 1.2–1.7× faster on SASRec's shapes; its fused multiply-add twin 1.3× faster
 * again); elsewhere the transpose and a product. Not differentiable by itself.
 */
export function transposedProduct(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const [r, m] = a.shape;
  const n = b.shape[1];
  // Allowed while a gradient is recorded (heapOf's last argument): gradient functions are where it is called.
  const fast = m >= 4 && n % 8 === 0 && b.shape[0] === r ? heapOf('products', [a, b], true) : undefined;
  const kernel = fast && productKernel(fast.backend);
  if (!fast || !kernel) return tf.tidy(() => batchMatMul(a.transpose(), b) as tf.Tensor2D);
  const out = output(fast.backend, [m, n]);
  kernel.transposedProduct(fast.at[0] * 4, fast.at[1] * 4, out.at * 4, r, m, n);
  return tf.engine().makeTensorFromTensorInfo(out.info) as tf.Tensor2D;
}

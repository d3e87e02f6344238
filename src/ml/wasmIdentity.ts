// TF.js's wasm Identity kernel copies its input into a new buffer, and the engine runs Identity (clone) on every
// tensor a kernel saves for its gradient. A SASRec step on ml-100k made 223 such copies: 12 ms of a 186 ms step
// (#23). The cpu backend's Identity shares the buffer and counts one more reference instead; the wasm backend counts
// references too (its Reshape shares buffers the same way), and no wasm kernel writes into an input, so sharing is
// safe here as well. (The one pass that does, AdamW's on its own moments, first checks that no other tensor shares
// them: adamwKernel.ts.) Strings keep the package's own kernel.
import type * as tf from '@tensorflow/tfjs';
import { packageKernel, swapWasmKernel } from './wasmKernels';

interface RefCountingBackend {
  incRef(dataId: tf.DataId): void;
}

const sharing: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return packageKernel('Identity').kernelFunc(args);
  (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};

/**
 * Whether the wasm backend's Identity shares its input's buffer (the default once the backend is registered) or
 * copies it as the package does (before/after measurements, tests). A no-op until the wasm backend package is loaded.
 */
export function setWasmIdentitySharing(on: boolean): void {
  swapWasmKernel('Identity', sharing, on);
}

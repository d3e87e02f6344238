// Swapping one of the wasm backend's kernels for RecLens's own and back (wasmIdentity.ts, wasmSlice.ts): the
// package's kernel is kept the first time, so turning the swap off restores it exactly.
import * as tf from '@tensorflow/tfjs';

const originals = new Map<string, tf.KernelConfig>();

/**
 * Registers `kernelFunc` as the wasm backend's `kernelName` (on) or the package's own kernel (off). A no-op until the
 * wasm backend package is loaded.
 */
export function swapWasmKernel(kernelName: string, kernelFunc: tf.KernelFunc, on: boolean): void {
  let original = originals.get(kernelName);
  if (!original) {
    original = tf.getKernel(kernelName, 'wasm');
    if (!original) return;
    originals.set(kernelName, original);
  }
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel(on ? { kernelName, backendName: 'wasm', kernelFunc } : original);
}

/** The package's own wasm kernel, kept by swapWasmKernel: a replacement hands it what it does not take (strings). */
export const packageKernel = (kernelName: string): tf.KernelConfig => originals.get(kernelName)!;

// The few internals of tfjs-backend-wasm's BackendWasm that the fast paths (batchMatMul, gatherRows) use. They are
// stable across TF.js 4.x; wasmBackend() checks for them, and callers fall back to the public ops without them.
import * as tf from '@tensorflow/tfjs';
import { fromBase64 } from '../../lib/base64';

export interface WasmBackendInternals {
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): tf.TensorInfo;
  disposeData(dataId: object): boolean;
  /** How many tensors share this data (reshapes and clones share it). */
  refCount(dataId: object): number;
  wasm: {
    tfjs: { registerTensor(id: number, size: number, memoryOffset: number): void; disposeData(id: number): void };
    cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
    /** The module's exports; the single-threaded build exports its memory (simdKernels.ts instantiates on it). */
    asm?: { memory?: WebAssembly.Memory };
    /** Views on the module's memory; emscripten replaces them when the memory grows, so read them after allocating. */
    HEAPF32: Float32Array;
    HEAP32: Int32Array;
  };
}

/** The active backend's internals when it is a wasm backend that has them, else undefined. */
export function wasmBackend(): WasmBackendInternals | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackendInternals;
  const usable =
    typeof backend.makeOutput === 'function' &&
    typeof backend.dataIdNextNumber === 'number' &&
    typeof backend.dataIdMap?.get === 'function' &&
    typeof backend.wasm?.tfjs?.registerTensor === 'function' &&
    typeof backend.wasm?.cwrap === 'function' &&
    backend.wasm.HEAPF32 instanceof Float32Array;
  return usable ? backend : undefined;
}

/** Byte offset of a tensor's data in the wasm memory, or undefined if the backend does not hold it. */
export function memoryOffset(backend: WasmBackendInternals, t: tf.TensorInfo): number | undefined {
  return backend.dataIdMap.get(t.dataId)?.memoryOffset;
}

const onHeap = new WeakMap<object, Map<string, WebAssembly.Exports | null>>();

/**
 * The exports of a module (its bytes, or their base64 as `npm run wasm` writes them) that imports `env.memory`, instantiated once per backend on the backend's own memory, so
 * that it reads and writes tensors in place at their byte offsets; undefined where that memory is not exported (the
 * threaded build shares an imported one) or where the engine refuses the module (no wasm SIMD).
 */
export function instantiateOnHeap(
  backend: WasmBackendInternals,
  name: string,
  bytes: string | (() => BufferSource),
): WebAssembly.Exports | undefined {
  let modules = onHeap.get(backend);
  if (!modules) onHeap.set(backend, (modules = new Map()));
  let exports = modules.get(name);
  if (exports === undefined) {
    exports = null;
    const memory = backend.wasm.asm?.memory;
    if (memory instanceof WebAssembly.Memory) {
      try {
        const module = new WebAssembly.Module(typeof bytes === 'string' ? fromBase64(bytes) : bytes());
        exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
      } catch {
        exports = null;
      }
    }
    modules.set(name, exports);
  }
  return exports ?? undefined;
}

/**
 * A module assembled twice by `npm run wasm`, plain and with its multiply-adds fused (relaxed SIMD): the twin where
 * `fused` asks for it and the engine validates it, else the plain one. Either is instantiated once per backend.
 */
export function instantiateWithTwin(
  backend: WasmBackendInternals,
  name: string,
  plain: string,
  twin: string,
  fused: boolean,
): WebAssembly.Exports | undefined {
  return (fused ? instantiateOnHeap(backend, `${name}Fma`, twin) : undefined) ?? instantiateOnHeap(backend, name, plain);
}

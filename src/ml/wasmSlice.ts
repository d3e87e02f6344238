// TF.js's wasm Slice first copies its whole input out of the heap (readSync makes a new ArrayBuffer of it) and then
// copies the slice out of that copy. tf.split runs one Slice per part, so a split into k parts copied its input k
// times: BERT4Rec's one lookup into Beauty's item table, split back into inputs, targets and negatives, did that at
// every step (#23). Here each slice (and each part of a SplitV) is copied straight from a view on the heap, in runs
// as long as the slice allows: the same values, and only what the slice outputs is read. Strings (and scalars) keep
// the package's own kernel.
import * as tf from '@tensorflow/tfjs';
import { packageKernel, swapWasmKernel } from './wasmKernels';

interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

const fromHeap: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' || x.shape.length === 0) return packageKernel('Slice').kernelFunc(args);
  const { begin, size } = args.attrs as { begin: number | number[]; size?: number | number[] };
  const [from, count] = tf.slice_util.parseSliceParams(x, begin, size);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput(count, x.dtype);
  const total = count.reduce((a, b) => a * b, 1);
  if (total === 0) return out;
  // Views after makeOutput: allocating may grow the memory, which detaches views taken before.
  const source = backend.typedArrayFromHeap(x);
  const target = backend.typedArrayFromHeap(out);
  const shape = x.shape;
  const rank = shape.length;
  const strides = [...tf.util.computeStrides(shape), 1];
  // Axes the slice takes whole, from the last one in, join the axis before them in one contiguous run.
  let inner = rank - 1;
  while (inner > 0 && from[inner] === 0 && count[inner] === shape[inner]) inner--;
  const run = count[inner] * strides[inner];
  const base = from.reduce((offset, b, axis) => offset + b * strides[axis], 0);
  // An odometer over the axes before `inner`: each reading is one run.
  const at = new Array<number>(inner).fill(0);
  for (let written = 0; written < total; written += run) {
    let offset = base;
    for (let axis = 0; axis < inner; axis++) offset += at[axis] * strides[axis];
    target.set(source.subarray(offset, offset + run), written);
    for (let axis = inner - 1; axis >= 0 && ++at[axis] === count[axis]; axis--) at[axis] = 0;
  }
  return out;
};

/** SplitV as the package runs it (one slice per part), each part through fromHeap (the package calls its own slice). */
const splitFromHeap: tf.KernelFunc = (args) => {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return packageKernel('SplitV').kernelFunc(args);
  const { numOrSizeSplits, axis } = args.attrs as { numOrSizeSplits: number | number[]; axis: number | number[] };
  const along = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, along);
  const begin = x.shape.map(() => 0);
  return sizes.map((part) => {
    const size = x.shape.map((d, a) => (a === along ? part : d));
    const slice = fromHeap({ inputs: { x }, attrs: { begin: [...begin], size }, backend: args.backend }) as tf.TensorInfo;
    begin[along] += part;
    return slice;
  });
};

/**
 * Whether the wasm backend's Slice and SplitV copy from the heap directly (the default once the backend is registered)
 * or copy their whole input first, as the package does (before/after measurements, tests). A no-op until the wasm
 * backend package is loaded.
 */
export function setWasmSliceFromHeap(on: boolean): void {
  swapWasmKernel('Slice', fromHeap, on);
  swapWasmKernel('SplitV', splitFromHeap, on);
}

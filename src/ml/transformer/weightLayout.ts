// Linear weights live [in, out] in memory, so a layer is x·W with no transpose forward or backward (#23: the [out, in]
// layout cost ~80 materialised transposes per SASRec step). Files keep PyTorch's [out, in] under the same names, so
// checkpoints, Hugging Face folders and RecBole exports read and write as before: these helpers are the only crossing.
import * as tf from '@tensorflow/tfjs';

export interface ArrayTensor {
  shape: number[];
  data: Float32Array;
}

/** A [rows, cols] row-major matrix transposed to [cols, rows]. */
export function transposeData(data: Float32Array, rows: number, cols: number): Float32Array {
  if (data.length !== rows * cols) throw new Error(`transpose: ${data.length} values do not fill [${rows}, ${cols}]`);
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

/** A 2-D array tensor with its axes swapped: [out, in] from a file ↔ [in, out] in memory (the map is its own inverse). */
export function swapAxes(t: ArrayTensor): ArrayTensor {
  if (t.shape.length !== 2) throw new Error(`a Linear weight is 2-D, got shape [${t.shape}]`);
  const [rows, cols] = t.shape;
  return { shape: [cols, rows], data: transposeData(t.data, rows, cols) };
}

/** A file's [out, in] weight as the [in, out] tensor a Linear holds. */
export function linearWeightFromFile(data: Float32Array, out: number, inp: number): tf.Tensor2D {
  return tf.tensor2d(transposeData(data, out, inp), [inp, out]);
}

/**
 * A fresh [in, out] weight drawn exactly as the [out, in] one was before the layout changed (same seed, same values,
 * transposed), so seeded models, their trained figures and the PyTorch side's copies stay what they were.
 */
export function transposedInit(draw: (shape: number[]) => tf.Tensor, out: number, inp: number): tf.Tensor {
  return tf.tidy(() => draw([out, inp]).transpose());
}

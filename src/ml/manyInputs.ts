// Ops over any number of tensors, in groups small enough for one GPU shader. WebGPU allows 8 storage buffers per
// shader stage unless a device asks for more (TF.js does not): one kernel may read at most 7 inputs beside its output.
// Past that the pipeline is invalid, the kernel never runs, and its output reads as zeros — no exception anywhere.
import * as tf from '@tensorflow/tfjs';

/** Inputs one kernel may take on every backend: WebGPU's default 8 storage buffers per stage, less the output. */
export const MAX_OP_INPUTS = 7;

/** Groups of at most `size` consecutive items. */
export function groupsOf<T>(items: readonly T[], size = MAX_OP_INPUTS): T[][] {
  if (!(size >= 1)) throw new Error(`group size must be at least 1 (got ${size})`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Element-wise sum of same-shaped tensors, as a tree of tf.addN calls of at most MAX_OP_INPUTS inputs each. */
export function addMany(tensors: readonly tf.Tensor[]): tf.Tensor {
  if (tensors.length === 0) throw new Error('addMany needs at least one tensor');
  return tf.tidy(() => {
    let level: tf.Tensor[] = [...tensors];
    while (level.length > 1) level = groupsOf(level).map((g) => (g.length === 1 ? g[0] : tf.addN(g)));
    // A lone input comes back as a new tensor, like tf.addN's, so tidy keeps it and the caller may dispose it.
    return level[0] === tensors[0] ? tensors[0].clone() : level[0];
  });
}

/** √(Σ‖t‖²) over all tensors, on the device: per-tensor sums of squares, added in bounded groups. */
export function globalNorm(tensors: readonly tf.Tensor[]): tf.Scalar {
  if (tensors.length === 0) return tf.scalar(0);
  return tf.tidy(() => addMany(tensors.map((t) => t.square().sum())).sqrt() as tf.Scalar);
}

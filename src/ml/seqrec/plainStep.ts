// One training step with none of trainSeqRec's bookkeeping (example weights, sampled negatives, retries on a GPU
// fault, micro-batches): the loss's gradients flattened, clipped to the global norm and applied by AdamW over the flat
// buffer, as trainSeqRec applies them. For what times the step itself: the start-up thread check
// (wasmThreadProbe.ts) and the side-by-side bench (bench/side/seqrec.ts).
import * as tf from '@tensorflow/tfjs';
import { clipFlat, type AdamW } from '../train/optimizer';
import type { BatchArrays, Targets } from './batch';
import { sequenceLoss } from './loss';
import type { SeqRecModel } from './model';

/** One step on `batch` (`seed` for its dropout); returns the loss, which the caller reads when it chooses and disposes. */
export function plainTrainingStep(
  m: SeqRecModel,
  optimizer: AdamW,
  batch: { arrays: BatchArrays; targets: Targets },
  seed: number,
): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => sequenceLoss(m, batch.arrays, batch.targets, seed), [...m.named.values()]);
    optimizer.applyFlat(clipFlat(optimizer.flatten(grads), m.config.maxGradNorm).grads, m.config.learningRate);
    return value;
  });
}

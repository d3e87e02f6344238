// Training loss: softmax cross-entropy over all items (or sampled negatives) at the positions that carry a target.
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import { embeddingLookup } from '../transformer/blocks';
import type { BatchArrays, Targets } from './batch';
import { allItemLogits, batchTensors, encodeEmbeddings, inputEmbeddings, type SeqRecModel } from './model';

/**
 * Mean CE over target positions. Logits are computed only at those positions (gathered with embeddingLookup, whose
 * gradient runs on wasm), never over padding: for bert4rec that is ~20% of the positions.
 * The log-sum-exp form avoids a [positions × items] one-hot.
 */
export function sequenceLoss(m: SeqRecModel, a: BatchArrays, targets: Targets, seed: number, negatives?: Int32Array): tf.Scalar {
  return tf.tidy(() => {
    const t = batchTensors(a);
    const { items, context } = inputEmbeddings(m, t);
    const hidden = encodeEmbeddings(m, items, context, t.mask, { train: { seed } }).lastHiddenState;
    const flat = hidden.reshape([a.batch * a.len, m.config.hidden]);
    const h = embeddingLookup(flat, tf.tensor1d(targets.flat, 'int32')) as tf.Tensor2D;
    const tgt = tf.tensor1d(targets.items, 'int32');
    const bias2d = m.weights.itemBias.reshape([m.config.numItems, 1]);
    const tgtLogit = h
      .mul(embeddingLookup(m.weights.item, tgt.add(tf.scalar(1, 'int32'))))
      .sum(1)
      .add(embeddingLookup(bias2d, tgt).reshape([-1]));
    let logZ: tf.Tensor;
    if (!negatives) {
      logZ = tf.logSumExp(allItemLogits(m, h), 1);
    } else {
      // Shared uniform negatives (no logQ correction needed); a negative equal to the row's target is hidden.
      const neg = tf.tensor1d(negatives, 'int32');
      const negLogits = tf.matMul(h, embeddingLookup(m.weights.item, neg.add(tf.scalar(1, 'int32'))), false, true).add(embeddingLookup(bias2d, neg).reshape([1, -1]));
      const hit = tgt.reshape([-1, 1]).equal(neg.reshape([1, -1]));
      const masked = tf.where(hit, tf.fill(negLogits.shape, -1e9), negLogits);
      logZ = tf.logSumExp(tf.concat([tgtLogit.reshape([-1, 1]), masked], 1), 1);
    }
    return logZ.sub(tgtLogit).mean() as tf.Scalar;
  });
}

/** `k` distinct uniform negatives for one batch. */
export function sampleNegatives(numItems: number, k: number, rng: Rng): Int32Array {
  if (k >= numItems) return Int32Array.from({ length: numItems }, (_, i) => i);
  const seen = new Set<number>();
  while (seen.size < k) seen.add(rng.int(numItems));
  return Int32Array.from(seen);
}

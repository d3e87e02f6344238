// Training loss: softmax cross-entropy over all items (or sampled negatives) at the positions that carry a target.
import * as tf from '@tensorflow/tfjs';
import { addBias, embeddingLookup, embeddingLookups, matMulFast } from '../transformer/blocks';
import type { BatchArrays, Targets } from './batch';
import type { NegativeSample } from './negatives';
import {
  allItemLogits,
  batchTensors,
  encodeEmbeddings,
  inputEmbeddings,
  itemBias,
  itemTable,
  outputTable,
  packingFor,
  type SeqRecModel,
} from './model';
import { fusedSoftmaxLoss } from '../transformer/softmaxLoss';
import { webgpuSparseSoftmaxCrossEntropy } from '../transformer/webgpuFused';

/**
 * Mean CE over target positions. Logits are computed only at those positions (gathered with embeddingLookup, whose
 * gradient runs on wasm), never over padding: for bert4rec that is ~20% of the positions. With `sampled` the softmax
 * runs over the target and the batch's shared negatives instead of every item. With `weights` (one per target:
 * inverse propensities, exampleWeights.ts) it is the mean of weight × CE; without, the unweighted mean, unchanged.
 */
export function sequenceLoss(
  m: SeqRecModel,
  a: BatchArrays,
  targets: Targets,
  seed: number,
  sampled?: NegativeSample,
  weights?: Float32Array,
): tf.Scalar {
  if (weights && weights.length !== targets.items.length)
    throw new Error(`${weights.length} example weights for ${targets.items.length} targets`);
  const mean = (ce: tf.Tensor1D) => (weights ? ce.mul(tf.tensor1d(weights)) : ce).mean() as tf.Scalar;
  return tf.tidy(() => {
    const t = batchTensors(a);
    const tgt = tf.tensor1d(targets.items, 'int32');
    const neg = sampled && tf.tensor1d(sampled.ids, 'int32');
    // Sampled, the item table is read three times (inputs, targets, negatives): as one lookup, one gradient (blocks.ts).
    const [inputRows, tgtRows, negRows] = neg
      ? embeddingLookups(itemTable(m), [t.ids, tgt.add(tf.scalar(1, 'int32')), neg.add(tf.scalar(1, 'int32'))])
      : [];
    const { items, context } = inputEmbeddings(m, t, inputRows as tf.Tensor3D | undefined);
    const hidden = encodeEmbeddings(m, items, context, t.mask, { train: { seed }, packing: packingFor(a) }).lastHiddenState;
    const flat = hidden.reshape([a.batch * a.len, m.config.hidden]);
    const h = embeddingLookup(flat, tf.tensor1d(targets.flat, 'int32')) as tf.Tensor2D;
    if (!sampled || !neg) {
      // On wasm the output layer and its loss as one op (softmaxLoss.ts); elsewhere composed.
      const fused = fusedSoftmaxLoss(h, outputTable(m), itemBias(m), targets.items);
      return mean(fused ?? sparseSoftmaxCrossEntropy(allItemLogits(m, h), tgt));
    }
    // Negatives shared by the batch; column 0 holds the target's logit. Non-uniform draws subtract log(K·q) from
    // every logit (negatives.ts), uniform ones need nothing (a constant).
    const [tgtBias, negBias2d] = embeddingLookups(itemBias(m).reshape([m.config.numItems, 1]), [tgt, neg]);
    let tgtLogit = h.mul(tgtRows).sum(1, true).add(tgtBias);
    let negBias = negBias2d.reshape([-1]);
    if (sampled.logQOf) {
      tgtLogit = tgtLogit.sub(tf.tensor2d(sampled.logQOf(targets.items), [targets.items.length, 1]));
      negBias = negBias.sub(tf.tensor1d(sampled.logQOf(sampled.ids)));
    }
    let negLogits = addBias(matMulFast(h, negRows, false, true), negBias);
    const hits = accidentalHits(targets.items, sampled.ids);
    if (hits.length)
      negLogits = negLogits.add(
        tf.scatterND(tf.tensor2d(hits, [hits.length / 2, 2], 'int32'), tf.fill([hits.length / 2], -1e9), negLogits.shape),
      );
    const logits = tf.concat([tgtLogit, negLogits], 1) as tf.Tensor2D;
    return mean(sparseSoftmaxCrossEntropy(logits, tf.zeros([targets.items.length], 'int32')));
  });
}

/** (row, column) pairs where a sampled negative is the row's own target (every such column): hidden from that row's softmax. */
export function accidentalHits(targets: Int32Array, negatives: Int32Array): number[] {
  const columns = new Map<number, number[]>();
  negatives.forEach((n, k) => (columns.get(n) ?? columns.set(n, []).get(n)!).push(k));
  const out: number[] = [];
  targets.forEach((t, r) => {
    for (const k of columns.get(t) ?? []) out.push(r, k);
  });
  return out;
}

/**
 * Per-row −log softmax(logits)[target] with the analytic gradient softmax − onehot. Written by hand because TF.js's
 * logSumExp gradient goes through Max's gradient (an Equal over the whole [rows × items] matrix: ~1 s per step on
 * wasm) and its Exp is ~5× slower than the fused Softmax kernel. The target entries are picked by (row, target)
 * pairs, and the gradient is p·dy with only the target entries rewritten to (p_t − 1)·dy: two passes over the
 * [rows × items] matrix where a one-hot matrix, its cast, a subtraction and a product took four (#23).
 */
export function sparseSoftmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  // On webgpu the same loss and gradient as one program each way (transformer/webgpuFused.ts).
  const onGpu = webgpuSparseSoftmaxCrossEntropy(logits, targets);
  if (onGpu) return onGpu;
  const rows = logits.shape[0];
  // targets go in as an input (and are saved): a closure's tensor would be freed by the caller's tidy before backprop.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, tgt, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const p = tf.softmax(x);
    const at = tf.stack([tf.range(0, rows, 1, 'int32'), tgt], 1);
    // gatherND refuses an empty input, which the flat gather of old accepted: no rows, no entries to pick.
    const pt = (rows === 0 ? tf.zeros([0]) : tf.gatherND(p, at)) as tf.Tensor1D;
    save([p, at, pt, tgt]);
    return {
      value: tf.neg(tf.log(tf.maximum(pt, 1e-30))),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [p, at, pt, tgt] = saved;
        const d = (dy as tf.Tensor).reshape([-1]);
        if (rows === 0) return [tf.zerosLike(p), tf.zerosLike(tgt)];
        return [tf.tensorScatterUpdate(p.mul(d.reshape([-1, 1])), at, pt.sub(1).mul(d)), tf.zerosLike(tgt)];
      },
    };
  });
  return op(logits, targets) as tf.Tensor1D;
}

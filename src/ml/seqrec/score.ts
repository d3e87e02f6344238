// Batched scoring of many histories, and the validation metric (NDCG@10, full ranking, history excluded).
import * as tf from '@tensorflow/tfjs';
import { inferenceBatch, type SeqInput } from './batch';
import { scoreBatch, type SeqRecModel } from './model';
import { checkInjectedOutOfMemory, reportShrink, shrinkNotice, withShrinkingBatch } from '../../lib/oom';

/** Rows per forward pass: bounds memory at rows × maxLen × hidden activations plus rows × numItems scores. */
const CHUNK = 256;

/** Scores of every item for every sequence, row-major [seqs.length × numItems], written into `out` when given. */
export async function scoreSequences(m: SeqRecModel, seqs: SeqInput[], out?: Float32Array): Promise<Float32Array> {
  const n = m.config.numItems;
  const scores = out ?? new Float32Array(seqs.length * n);
  // Chunks of similar length pad little (real histories vary 10× in length); rows go back to their own slots.
  const order = [...seqs.keys()].sort((a, b) => seqs[a].items.length - seqs[b].items.length);
  // Rows per pass halve when a pass does not fit memory (attribution methods score many perturbed histories here).
  let rowsPerPass = CHUNK;
  for (let r = 0; r < order.length; r += rowsPerPass) {
    const done = await withShrinkingBatch(
      rowsPerPass,
      async (size) => {
        const rows = order.slice(r, r + size);
        checkInjectedOutOfMemory(rows.length);
        const t = scoreBatch(
          m,
          inferenceBatch(
            rows.map((i) => seqs[i]),
            m.config,
          ),
        );
        try {
          const data = await t.data();
          rows.forEach((row, k) => scores.set(data.subarray(k * n, (k + 1) * n), row * n));
        } finally {
          t.dispose();
        }
      },
      (s) => reportShrink(shrinkNotice('Scoring', s)),
    );
    rowsPerPass = done.size;
  }
  return scores;
}

export interface ValidationSet {
  /** What the model conditions on, per row. */
  inputs: SeqInput[];
  /** Held-out item per row (0-based). */
  targets: Int32Array;
  /** Items never ranked per row (default: the row's history items). */
  exclude?: ArrayLike<number>[];
}

/** NDCG@10 of one row: the target's rank among non-excluded items, ties counted half (as src/rec/rank.ts does). */
export function ndcg10(row: Float32Array, target: number, exclude: ArrayLike<number>): number {
  const t = row[target];
  const skip = new Set<number>();
  for (let k = 0; k < exclude.length; k++) if (exclude[k] !== target) skip.add(exclude[k]);
  let greater = 0;
  let ties = 0;
  for (let i = 0; i < row.length; i++) {
    if (i === target || skip.has(i)) continue;
    if (row[i] > t) greater++;
    else if (row[i] === t) ties++;
    if (greater >= 10) return 0;
  }
  const rank = 1 + greater + Math.floor(ties / 2);
  return rank <= 10 ? 1 / Math.log2(rank + 1) : 0;
}

export async function validationNdcg10(m: SeqRecModel, val: ValidationSet): Promise<number> {
  if (val.targets.length === 0) return 0;
  const n = m.config.numItems;
  let sum = 0;
  for (let r = 0; r < val.inputs.length; r += CHUNK) {
    const part = val.inputs.slice(r, r + CHUNK);
    const scores = await scoreSequences(m, part);
    part.forEach((s, k) => {
      sum += ndcg10(scores.subarray(k * n, (k + 1) * n), val.targets[r + k], val.exclude?.[r + k] ?? s.items);
    });
  }
  return sum / val.targets.length;
}

/** tf.memory().numTensors, exported so tests of the recommender can check for leaks without importing TF.js. */
export const liveTensors = (): number => tf.memory().numTensors;

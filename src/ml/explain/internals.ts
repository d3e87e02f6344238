// SequenceInternals for SASRec/BERT4Rec: Integrated Gradients and gradient × input over item embeddings, attentions.
import * as tf from '@tensorflow/tfjs';
import type { AttentionMaps, ExplainTarget, IgBaseline, SequenceInternals } from '../../explain/types';
import type { Recommender } from '../../rec/recommender';
import { batchTensors, inputEmbeddings, itemTable, scoresFromEmbeddings, type SeqRecModel } from '../seqrec/model';
import { SeqRecommender } from '../seqrec/recommender';
import { eventValues, explainRow } from './input';
import { checkInjectedOutOfMemory, reportShrink, shrinkNotice, withShrinkingBatch } from '../../lib/oom';

/** The baseline item embedding [hidden] that replaces each history event's embedding at α = 0. */
function baselineVector(m: SeqRecModel, kind: IgBaseline): tf.Tensor1D {
  const { numItems, hidden } = m.config;
  const table = itemTable(m);
  switch (kind) {
    case 'mask':
      return table.slice([numItems + 1, 0], [1, hidden]).reshape([hidden]);
    case 'padding':
      return table.slice([0, 0], [1, hidden]).reshape([hidden]);
    case 'zeros':
      return tf.zeros([hidden]);
    case 'mean':
      return table.slice([1, 0], [numItems, hidden]).mean(0) as tf.Tensor1D;
  }
}

/** The target item's score for each row of explicit item embeddings [rows, len, hidden]. */
function targetScore(m: SeqRecModel, items: tf.Tensor3D, context: tf.Tensor3D, mask: tf.Tensor2D, item: number): tf.Tensor1D {
  const rows = items.shape[0];
  const tile = <T extends tf.Tensor>(t: T): T => (t.shape[0] === rows ? t : (tf.tile(t, [rows, ...t.shape.slice(1).map(() => 1)]) as T));
  const { scores } = scoresFromEmbeddings(m, items, tile(context), tile(mask));
  return scores.slice([0, item], [rows, 1]).reshape([rows]);
}

/**
 * Integrated Gradients with the trapezoidal rule on steps + 1 points, all in one forward/backward batch. Only
 * history-event columns are interpolated: padding and [MASK] columns keep their own embedding at every α, so
 * (x − x') is exactly 0 there and so is their attribution.
 */
async function integratedGradients(m: SeqRecModel, target: ExplainTarget, opts: { baseline: IgBaseline; steps: number; padTo?: number }) {
  const row = explainRow(target, m.config, opts.padTo);
  const steps = Math.max(1, Math.floor(opts.steps));
  // The steps + 1 points go through in one batch; one that does not fit memory is split into halves, and so on.
  const {
    value: [cols, ends],
  } = await withShrinkingBatch(
    steps + 1,
    async (size) => igColumns(m, target, row, opts.baseline, steps, size),
    (s) => reportShrink(shrinkNotice('Integrated Gradients', s)),
  );
  try {
    const columns = Float64Array.from(await cols.data());
    const [baselineScore, score] = Array.from(await ends.data());
    return { values: eventValues(columns, row.columnOf), columns, score, baselineScore, readEvents: row.readEvents };
  } finally {
    tf.dispose([cols, ends]);
  }
}

/** IG's per-column attributions and f at α = 0 and 1, with the path points taken `size` at a time. */
function igColumns(
  m: SeqRecModel,
  target: ExplainTarget,
  row: ReturnType<typeof explainRow>,
  baseline: IgBaseline,
  steps: number,
  size: number,
): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const t = batchTensors(row.arrays);
    const { items, context } = inputEmbeddings(m, t);
    const sel = tf.tensor3d(row.eventColumns, [1, row.arrays.len, 1]);
    const xPrime = items.mul(tf.sub(1, sel)).add(baselineVector(m, baseline).reshape([1, 1, -1]).mul(sel)) as tf.Tensor3D;
    const diff = items.sub(xPrime);
    const allAlphas = tf.linspace(0, 1, steps + 1);
    const w = new Float32Array(steps + 1).fill(1 / steps);
    w[0] = w[steps] = 0.5 / steps;
    const allWeights = tf.tensor1d(w);
    const f = (e: tf.Tensor) => targetScore(m, e as tf.Tensor3D, context, t.mask, target.item);
    let avgGrad: tf.Tensor | null = null;
    for (let from = 0; from <= steps; from += size) {
      const n = Math.min(steps + 1 - from, size);
      checkInjectedOutOfMemory(n);
      const alphas = n === steps + 1 ? allAlphas : allAlphas.slice([from], [n]);
      const weights = n === steps + 1 ? allWeights : allWeights.slice([from], [n]);
      const path = xPrime.add(alphas.reshape([n, 1, 1]).mul(diff)) as tf.Tensor3D;
      const grad = tf
        .grad((e: tf.Tensor) => f(e).mul(weights).sum())(path)
        .sum(0, true);
      avgGrad = avgGrad ? avgGrad.add(grad) : grad;
    }
    const columns = diff.mul(avgGrad!).sum(-1).reshape([row.arrays.len]);
    // f at α = 0 and α = 1, from a separate forward so the weighted loss above need not be undone.
    const fs = f(tf.concat([xPrime, items], 0));
    return [columns, fs];
  });
}

async function gradientTimesInput(m: SeqRecModel, target: ExplainTarget) {
  const row = explainRow(target, m.config);
  const [cols, s] = tf.tidy(() => {
    const t = batchTensors(row.arrays);
    const { items, context } = inputEmbeddings(m, t);
    const { value, grad } = tf.valueAndGrad((e: tf.Tensor) => targetScore(m, e as tf.Tensor3D, context, t.mask, target.item).sum())(items);
    const sel = tf.tensor2d(row.eventColumns, [1, row.arrays.len]);
    return [grad.mul(items).sum(-1).mul(sel).reshape([row.arrays.len]), value];
  });
  try {
    const columns = await cols.data();
    return { values: eventValues(columns, row.columnOf), score: (await s.data())[0], readEvents: row.readEvents };
  } finally {
    tf.dispose([cols, s]);
  }
}

async function attentions(m: SeqRecModel, target: ExplainTarget, padTo?: number): Promise<AttentionMaps> {
  const row = explainRow(target, m.config, padTo);
  const out = tf.tidy(() => {
    const t = batchTensors(row.arrays);
    const { items, context } = inputEmbeddings(m, t);
    const r = scoresFromEmbeddings(m, items, context, t.mask, true);
    return { score: r.scores.slice([0, target.item], [1, 1]), attentions: r.attentions! };
  });
  try {
    const layers = await Promise.all(out.attentions.map(async (a) => Float32Array.from(await a.data())));
    return {
      layers,
      heads: m.config.heads,
      len: row.arrays.len,
      readColumn: row.arrays.len - 1,
      columnOf: row.columnOf,
      score: (await out.score.data())[0],
    };
  } finally {
    tf.dispose([out.score, ...out.attentions]);
  }
}

export function seqRecInternals(m: SeqRecModel): SequenceInternals {
  return {
    integratedGradients: (t, o) => integratedGradients(m, t, o),
    gradientTimesInput: (t) => gradientTimesInput(m, t),
    attentions: (t, o) => attentions(m, t, o?.padTo),
  };
}

/** Internals of a fitted sequence recommender, or undefined for any other model. */
export function internalsOf(rec: Recommender): SequenceInternals | undefined {
  return rec instanceof SeqRecommender && rec.network ? seqRecInternals(rec.network) : undefined;
}

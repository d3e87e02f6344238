// Attention rollout (Abnar & Zuidema 2020): how much of the read position's representation flows from each input.
import type { Attribution, AttentionMaps, ExplainableModel, ExplainTarget } from './types';

/**
 * Rollout matrix [len × len]: per layer, average the heads, add the identity for the residual stream
 * (0.5·A + 0.5·I), renormalise rows, and multiply layers: R = Â_L · … · Â_1.
 */
export function rolloutMatrix(layers: Float32Array[], heads: number, len: number): Float64Array {
  let r = new Float64Array(len * len);
  for (let i = 0; i < len; i++) r[i * len + i] = 1;
  for (const probs of layers) {
    const a = new Float64Array(len * len);
    for (let h = 0; h < heads; h++) for (let x = 0; x < len * len; x++) a[x] += probs[h * len * len + x] / heads;
    for (let i = 0; i < len; i++) {
      let s = 0;
      for (let j = 0; j < len; j++) {
        a[i * len + j] = 0.5 * a[i * len + j] + (i === j ? 0.5 : 0);
        s += a[i * len + j];
      }
      for (let j = 0; j < len; j++) a[i * len + j] /= s;
    }
    // This layer acts after the earlier ones: R ← Â · R.
    const next = new Float64Array(len * len);
    for (let i = 0; i < len; i++)
      for (let k = 0; k < len; k++) {
        const aik = a[i * len + k];
        if (aik === 0) continue;
        for (let j = 0; j < len; j++) next[i * len + j] += aik * r[k * len + j];
      }
    r = next;
  }
  return r;
}

/**
 * Per-event rollout from the read column; events outside the window (and padding, which has no event) get 0. With
 * `eventOfColumn` (a word made of several word pieces) an event's value is the sum over its columns.
 */
export function rolloutAttribution(maps: AttentionMaps): { values: Float64Array; readShare: number } {
  const r = rolloutMatrix(maps.layers, maps.heads, maps.len);
  const row = maps.readColumn * maps.len;
  const values = new Float64Array(maps.columnOf.length);
  if (maps.eventOfColumn)
    maps.eventOfColumn.forEach((k, c) => {
      if (k >= 0) values[k] += r[row + c];
    });
  else
    maps.columnOf.forEach((c, k) => {
      if (c >= 0) values[k] = r[row + c];
    });
  const covered = values.reduce((a, b) => a + b, 0);
  return { values, readShare: 1 - covered };
}

export async function rollout(model: ExplainableModel, target: ExplainTarget): Promise<Attribution> {
  const maps = await model.internals!.attentions(target);
  const { values, readShare } = rolloutAttribution(maps);
  // Attentions do not depend on the explained item or class, so neither does rollout: every target gets these values.
  const notes = [
    'rollout measures information flow, not effect on the score: every value is ≥ 0 and they sum to ≤ 1',
    'rollout is the same for every item or class explained: it does not depend on the target',
  ];
  // bert4rec reads at its [MASK] token, which keeps part of the mass for itself; sasrec reads at the newest event.
  return {
    method: 'rollout',
    values,
    score: maps.score,
    diagnostics: { layers: maps.layers.length, heads: maps.heads, nonEventShare: readShare },
    notes,
  };
}

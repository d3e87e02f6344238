// Content-aware item embeddings: item text vectors (BERT) that initialise or augment the item embedding table.
import { createRng } from '../../lib/rng';

export type ItemTextMode = 'off' | 'init' | 'augment';
export const ITEM_TEXT_MODES: readonly ItemTextMode[] = ['off', 'init', 'augment'];

/** numItems × dim text vectors, row-major in the log's item order; an all-zero row = the item has no text. */
export interface ItemTextVectors {
  data: Float32Array;
  dim: number;
}

/**
 * Centred (over the items that have text) and L2-normalised rows; rows without text stay zero. Centring matters:
 * mean-pooled BERT vectors share a large common direction (a random BERT's most of all), which would otherwise make
 * every item look alike after projection.
 */
export function normaliseItemText(text: ItemTextVectors, numItems: number): Float32Array {
  const { data, dim } = text;
  if (data.length !== numItems * dim)
    throw new Error(`item text embeddings have ${dim ? data.length / dim : 0} rows of ${dim}, expected ${numItems} rows (one per item)`);
  const has = (i: number) => data.subarray(i * dim, (i + 1) * dim).some((x) => x !== 0);
  const mean = new Float64Array(dim);
  let count = 0;
  for (let i = 0; i < numItems; i++) {
    if (!has(i)) continue;
    count++;
    for (let p = 0; p < dim; p++) mean[p] += data[i * dim + p];
  }
  if (count) for (let p = 0; p < dim; p++) mean[p] /= count;
  const out = new Float32Array(numItems * dim);
  for (let i = 0; i < numItems; i++) {
    if (!has(i)) continue;
    let sq = 0;
    for (let p = 0; p < dim; p++) sq += (data[i * dim + p] - mean[p]) ** 2;
    // An item whose text equals the mean has no direction of its own: it keeps a zero row (= no text).
    const norm = Math.sqrt(sq);
    if (norm < 1e-12) continue;
    for (let p = 0; p < dim; p++) out[i * dim + p] = (data[i * dim + p] - mean[p]) / norm;
  }
  return out;
}

/**
 * `init`: the item rows of an embedding table [numItems + 2, hidden] (row 0 padding, last row [MASK]) replaced by a
 * fixed seeded Gaussian projection of the normalised text vectors, rescaled so their standard deviation is `std`
 * (the table's own initialisation). Items without text keep their random row.
 */
export function projectedInit(
  table: Float32Array,
  normalised: Float32Array,
  numItems: number,
  dim: number,
  hidden: number,
  seed: number,
  std: number,
): Float32Array {
  const rng = createRng(seed * 31 + 7);
  const proj = Float64Array.from({ length: dim * hidden }, () => rng.normal());
  const out = Float32Array.from(table);
  const rows: number[] = [];
  const projected = new Float64Array(numItems * hidden);
  let sq = 0;
  for (let i = 0; i < numItems; i++) {
    const t = normalised.subarray(i * dim, (i + 1) * dim);
    if (!t.some((x) => x !== 0)) continue;
    rows.push(i);
    for (let h = 0; h < hidden; h++) {
      let s = 0;
      for (let p = 0; p < dim; p++) s += t[p] * proj[p * hidden + h];
      projected[i * hidden + h] = s;
      sq += s * s;
    }
  }
  if (!rows.length) return out;
  const scale = std / Math.sqrt(sq / (rows.length * hidden) || 1);
  for (const i of rows) for (let h = 0; h < hidden; h++) out[(i + 1) * hidden + h] = projected[i * hidden + h] * scale;
  return out;
}

/**
 * `augment`: 1 for rows whose learned ID embedding is used (items seen in training, padding, [MASK]), 0 for items
 * never trained on. An unseen item's ID row and bias only ever receive the softmax's push-down as a negative, so it
 * is scored from its text alone (projection + text bias), like every trained item's text part.
 */
export function seenMask(numItems: number, sequences: readonly { items: ArrayLike<number> }[]): Float32Array {
  const seen = new Float32Array(numItems + 2);
  seen[0] = 1;
  seen[numItems + 1] = 1;
  for (const s of sequences) for (let k = 0; k < s.items.length; k++) seen[s.items[k] + 1] = 1;
  return seen;
}

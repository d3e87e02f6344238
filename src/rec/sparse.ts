// Binary user×item matrices in CSR form, built from training sequences (repeats collapse to one).
import { rowOf, type Interactions, type TrainData } from './recommender';

/** Distinct items per user, sorted ascending: the binary X of the item-based baselines. */
export function userItemMatrix(data: TrainData): Interactions {
  const offsets = new Uint32Array(data.numUsers + 1);
  const out: number[] = [];
  const mark = new Int32Array(data.numItems).fill(-1);
  for (let u = 0; u < data.numUsers; u++) {
    const start = out.length;
    for (const i of rowOf(data.sequences, u)) {
      if (mark[i] === u) continue;
      mark[i] = u;
      out.push(i);
    }
    const row = out.slice(start).sort((a, b) => a - b);
    for (let k = 0; k < row.length; k++) out[start + k] = row[k];
    offsets[u + 1] = out.length;
  }
  return { offsets, items: Int32Array.from(out) };
}

/** The transpose (item → users), users sorted ascending. */
export function transpose(x: Interactions, numCols: number): Interactions {
  const numRows = x.offsets.length - 1;
  const offsets = new Uint32Array(numCols + 1);
  for (const c of x.items) offsets[c + 1]++;
  for (let c = 0; c < numCols; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, numCols);
  const items = new Int32Array(x.items.length);
  for (let r = 0; r < numRows; r++) for (const c of rowOf(x, r)) items[cursor[c]++] = r;
  return { offsets, items };
}

/** Number of distinct training users per item. */
export function itemPopularity(data: TrainData): Float64Array {
  const x = userItemMatrix(data);
  const pop = new Float64Array(data.numItems);
  for (const i of x.items) pop[i]++;
  return pop;
}

/** Distinct items of a history (order of first occurrence). */
export function distinct(history: Int32Array): Int32Array {
  if (history.length < 2) return history;
  return Int32Array.from(new Set(history));
}

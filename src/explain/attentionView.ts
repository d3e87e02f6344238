// What a reader of attention maps sees (as BertViz's head view): one layer's head (or the mean over heads) restricted to
// the positions that hold an event or the read token, zoomed to the last N of them, and the rollout row from the read
// position over the same window. Attention to positions before the window is summed, never dropped silently.
import { rolloutMatrix } from './rollout';
import type { AttentionMaps } from './types';

export interface AttentionPosition {
  /** Column in the maps. */
  column: number;
  /** History event at this column; null for the read token that holds no event (bert4rec's [MASK]). */
  event: number | null;
  /** True for the position the prediction is read from. */
  read: boolean;
}

/** Positions with an event or the read token, in column (time) order; padding is left out (it holds nothing to read). */
export function attentionPositions(maps: AttentionMaps): AttentionPosition[] {
  const eventAt = new Int32Array(maps.len).fill(-1);
  if (maps.eventOfColumn) maps.eventOfColumn.forEach((k, c) => (eventAt[c] = k));
  else maps.columnOf.forEach((c, k) => c >= 0 && c < maps.len && (eventAt[c] = k));
  const out: AttentionPosition[] = [];
  for (let c = 0; c < maps.len; c++)
    if (eventAt[c] >= 0 || c === maps.readColumn)
      out.push({ column: c, event: eventAt[c] >= 0 ? eventAt[c] : null, read: c === maps.readColumn });
  return out;
}

/** One head's [len × len] map (query × key) of a layer, or the mean over the layer's heads. */
export function headMatrix(maps: AttentionMaps, layer: number, head: number | 'mean'): Float64Array {
  const n = maps.len * maps.len;
  const probs = maps.layers[layer];
  if (!probs) throw new Error(`layer ${layer + 1} of ${maps.layers.length} does not exist`);
  if (head !== 'mean' && !(head >= 0 && head < maps.heads)) throw new Error(`head ${head + 1} of ${maps.heads} does not exist`);
  const out = new Float64Array(n);
  const heads = head === 'mean' ? Array.from({ length: maps.heads }, (_, h) => h) : [head];
  for (const h of heads) for (let x = 0; x < n; x++) out[x] += probs[h * n + x] / heads.length;
  return out;
}

export interface AttentionWindow {
  /** The last `last` positions (queries and keys alike). */
  positions: AttentionPosition[];
  /** values[q][k]: attention of window position q to window position k. */
  values: number[][];
  /** Per query: attention to every column before the window (earlier events and padding), summed. */
  earlier: number[];
  /** How many positions (events) lie before the window. */
  hidden: number;
}

/** Index of the first of the last `last` positions (at least one is shown). */
const windowStart = (count: number, last: number) => Math.max(0, count - Math.max(1, Math.floor(last)));

/** A [len × len] matrix restricted to the last `last` positions, with what each row gives to earlier columns. */
export function attentionWindow(matrix: ArrayLike<number>, len: number, positions: AttentionPosition[], last: number): AttentionWindow {
  const from = windowStart(positions.length, last);
  const shown = positions.slice(from);
  const firstColumn = shown[0]?.column ?? len;
  const values = shown.map((q) => shown.map((k) => matrix[q.column * len + k.column]));
  const earlier = shown.map((q) => {
    let s = 0;
    for (let c = 0; c < firstColumn; c++) s += matrix[q.column * len + c];
    return s;
  });
  return { positions: shown, values, earlier, hidden: from };
}

export interface RolloutStrip {
  positions: AttentionPosition[];
  /** Rollout from the read position to each shown position (the read position's own share included). */
  values: number[];
  /** Rollout to every column before the window, summed. */
  earlier: number;
  hidden: number;
}

/** The read row of the rollout matrix over the last `last` positions (values ≥ 0; with `earlier` they sum to 1). */
export function rolloutStrip(maps: AttentionMaps, positions: AttentionPosition[], last: number): RolloutStrip {
  const r = rolloutMatrix(maps.layers, maps.heads, maps.len);
  const row = r.subarray(maps.readColumn * maps.len, (maps.readColumn + 1) * maps.len);
  const from = windowStart(positions.length, last);
  const shown = positions.slice(from);
  const firstColumn = shown[0]?.column ?? maps.len;
  let earlier = 0;
  for (let c = 0; c < firstColumn; c++) earlier += row[c];
  return { positions: shown, values: shown.map((p) => row[p.column]), earlier, hidden: from };
}

// One explained history as model arrays: the inference row (optionally left-padded) and where each event sits in it.
import { inferenceBatch, type BatchArrays } from '../seqrec/batch';
import type { SeqRecConfig } from '../seqrec/config';
import type { ExplainTarget } from '../../explain/types';

export interface ExplainRow {
  arrays: BatchArrays;
  /** Column of each history event, -1 for events older than the model's window. */
  columnOf: Int32Array;
  /** 1 for columns holding a history event (what attributions are about); 0 for padding and [MASK]. */
  eventColumns: Float32Array;
  readEvents: number;
}

/** Left-pad a one-row batch to `len` columns exactly as the batch packer pads shorter rows (id 0, mask 0). */
function padLeft(a: BatchArrays, len: number): BatchArrays {
  if (len <= a.len) return a;
  const p = len - a.len;
  const shift = <T extends Int32Array | Float32Array>(x: T, make: (n: number) => T): T => {
    const out = make(len);
    out.set(x, p);
    return out;
  };
  return {
    batch: 1,
    len,
    ids: shift(a.ids, (n) => new Int32Array(n)),
    types: shift(a.types, (n) => new Int32Array(n)),
    pos: shift(a.pos, (n) => new Int32Array(n)),
    gaps: shift(a.gaps, (n) => new Int32Array(n)),
    mask: shift(a.mask, (n) => new Float32Array(n)),
  };
}

export function explainRow(target: ExplainTarget, config: SeqRecConfig, padTo = 0): ExplainRow {
  const n = target.history.length;
  const base = inferenceBatch([{ items: target.history, events: target.events, times: target.times }], config);
  const arrays = padLeft(base, padTo);
  const keep = config.mode === 'bert4rec' ? config.maxLen - 1 : config.maxLen;
  const first = Math.max(0, n - keep);
  const pad = arrays.len - (n - first) - (config.mode === 'bert4rec' || n === 0 ? 1 : 0);
  const columnOf = new Int32Array(n).fill(-1);
  const eventColumns = new Float32Array(arrays.len);
  for (let k = first; k < n; k++) {
    columnOf[k] = pad + (k - first);
    eventColumns[pad + (k - first)] = 1;
  }
  return { arrays, columnOf, eventColumns, readEvents: n - first };
}

/** Per-event values from per-column values; events outside the window get 0. */
export function eventValues(columns: ArrayLike<number>, columnOf: Int32Array): Float64Array {
  return Float64Array.from(columnOf, (c) => (c >= 0 ? columns[c] : 0));
}

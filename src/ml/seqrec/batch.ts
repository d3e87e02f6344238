// Pure-JS batch building for the sequence recommender: left padding, positions counted from the end (or the start), Cloze masks.
import type { Rng } from '../../lib/rng';
import { timeBucket, type SeqRecConfig } from './config';

/** One user's sequence in data item indices (0-based), with optional event types and Unix-second times per position. */
export interface SeqInput {
  items: ArrayLike<number>;
  events?: ArrayLike<number>;
  times?: ArrayLike<number>;
}

/** Flat [batch × len] arrays ready to become tensors. */
export interface BatchArrays {
  batch: number;
  len: number;
  /** Model item ids: item + 1, 0 = padding, numItems + 1 = [MASK]. */
  ids: Int32Array;
  /** event type + 1; 0 = padding, [MASK] or unknown. */
  types: Int32Array;
  /**
   * Distance from the sequence end (0 = newest), so scores do not depend on how much padding precedes; with
   * positions 'start', the index from the window's oldest item (RecBole's and HF's numbering).
   */
  pos: Int32Array;
  gaps: Int32Array;
  mask: Float32Array;
}

/** Positions (row * len + col) that carry a loss, and their target items (0-based). */
export interface Targets {
  flat: Int32Array;
  items: Int32Array;
}

interface Token {
  id: number;
  type: number;
  gap: number;
}

const maskId = (c: SeqRecConfig) => c.numItems + 1;

function tokens(seq: SeqInput, from: number, to: number, c: SeqRecConfig): Token[] {
  const out: Token[] = [];
  for (let k = from; k < to; k++) {
    const gap = seq.times && k > 0 ? seq.times[k] - seq.times[k - 1] : NaN;
    out.push({ id: seq.items[k] + 1, type: seq.events ? seq.events[k] + 1 : 1, gap: c.timeBuckets ? timeBucket(gap, c.timeBuckets) : 0 });
  }
  return out;
}

/** Left-pads token rows to the longest row of the batch. */
function pack(rows: Token[][], c: SeqRecConfig): BatchArrays {
  const fromStart = c.positions === 'start';
  const batch = rows.length;
  const len = Math.max(1, ...rows.map((r) => r.length));
  const a: BatchArrays = {
    batch,
    len,
    ids: new Int32Array(batch * len),
    types: new Int32Array(batch * len),
    pos: new Int32Array(batch * len),
    gaps: new Int32Array(batch * len),
    mask: new Float32Array(batch * len),
  };
  rows.forEach((row, r) => {
    const pad = len - row.length;
    row.forEach((t, k) => {
      const i = r * len + pad + k;
      a.ids[i] = t.id;
      a.types[i] = t.type;
      a.pos[i] = fromStart ? k : row.length - 1 - k;
      a.gaps[i] = t.gap;
      a.mask[i] = 1;
    });
  });
  return a;
}

/**
 * Inference rows: the newest history (sasrec: maxLen items; bert4rec: maxLen − 1 items + [MASK]); the score is read
 * at the last column. An empty sasrec history gets a lone [MASK] so every row has a real position.
 */
export function inferenceBatch(seqs: SeqInput[], c: SeqRecConfig): BatchArrays {
  const keep = c.mode === 'bert4rec' ? c.maxLen - 1 : c.maxLen;
  return pack(
    seqs.map((s) => {
      const n = s.items.length;
      const row = tokens(s, Math.max(0, n - keep), n, c);
      if (c.mode === 'bert4rec' || row.length === 0) row.push({ id: maskId(c), type: 0, gap: 0 });
      return row;
    }),
    c,
  );
}

/** sasrec: inputs s[0..n-2], targets s[1..n-1], newest maxLen of them; every real position carries a loss. */
export function sasrecBatch(seqs: SeqInput[], c: SeqRecConfig): { arrays: BatchArrays; targets: Targets } {
  const rows = seqs.map((s) => {
    const n = s.items.length;
    return tokens(s, Math.max(0, n - 1 - c.maxLen), n - 1, c);
  });
  const arrays = pack(rows, c);
  const flat: number[] = [];
  const items: number[] = [];
  seqs.forEach((s, r) => {
    const m = rows[r].length;
    const n = s.items.length;
    for (let k = 0; k < m; k++) {
      flat.push(r * arrays.len + arrays.len - m + k);
      items.push(s.items[n - m + k]);
    }
  });
  return { arrays, targets: { flat: Int32Array.from(flat), items: Int32Array.from(items) } };
}

/**
 * bert4rec Cloze: the newest maxLen items; each is replaced by [MASK] with probability maskProb (at least one per
 * row), and in a `lastMaskShare` of rows only the last item is masked, as at inference. Loss on masked positions only.
 */
export function clozeBatch(seqs: SeqInput[], c: SeqRecConfig, rng: Rng): { arrays: BatchArrays; targets: Targets } {
  const masked: boolean[][] = [];
  const rows = seqs.map((s) => {
    const n = s.items.length;
    const row = tokens(s, Math.max(0, n - c.maxLen), n, c);
    let m = row.map(() => false);
    if (rng.next() < c.lastMaskShare) m[m.length - 1] = true;
    else {
      m = m.map(() => rng.next() < c.maskProb);
      if (!m.some(Boolean)) m[rng.int(m.length)] = true;
    }
    m.forEach((x, k) => {
      if (x) row[k] = { id: maskId(c), type: 0, gap: row[k].gap };
    });
    masked.push(m);
    return row;
  });
  const arrays = pack(rows, c);
  const flat: number[] = [];
  const items: number[] = [];
  seqs.forEach((s, r) => {
    const m = masked[r];
    const n = s.items.length;
    m.forEach((x, k) => {
      if (!x) return;
      flat.push(r * arrays.len + arrays.len - m.length + k);
      items.push(s.items[n - m.length + k]);
    });
  });
  return { arrays, targets: { flat: Int32Array.from(flat), items: Int32Array.from(items) } };
}

/**
 * Batches of user indices for one epoch: shuffled, then sorted by length inside windows of 8 batches so each batch
 * pads little (sequence lengths vary 10× in real logs), then the batch order is shuffled again.
 */
export function epochBatches(users: number[], lengthOf: (u: number) => number, batchSize: number, rng: Rng): number[][] {
  const order = rng.shuffle([...users]);
  const window = batchSize * 8;
  const batches: number[][] = [];
  for (let w = 0; w < order.length; w += window) {
    const chunk = order.slice(w, w + window).sort((a, b) => lengthOf(a) - lengthOf(b));
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  return rng.shuffle(batches);
}

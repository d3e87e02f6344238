// Faithfulness of an attribution: deletion/insertion curves, AOPC, ERASER comprehensiveness/sufficiency, agreement.
import { createRng } from '../lib/rng';
import { scoreSubsets } from './scorer';
import type { ExplainableModel, ExplainTarget } from './types';

/** Events sorted by attribution, largest first; ties keep the newer event first (recency is the usual driver). */
export function attributionOrder(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, k) => k).sort((a, b) => values[b] - values[a] || b - a);
}

/** Number of events after each step of a curve: every event for short histories, else `points` even fractions. */
export function curveSteps(n: number, points = 20): number[] {
  if (n <= points) return Array.from({ length: n + 1 }, (_, k) => k);
  const out = new Set<number>();
  for (let p = 0; p <= points; p++) out.add(Math.round((p * n) / points));
  return [...out].sort((a, b) => a - b);
}

/** Trapezoidal area under y over x in [0, 1]. */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let k = 1; k < x.length; k++) s += ((x[k] - x[k - 1]) * (y[k] + y[k - 1])) / 2;
  return s;
}

export interface Curve {
  /** Fraction of events removed (deletion) or added (insertion). */
  x: number[];
  /** Normalised score: (f − f(empty)) / |f(full) − f(empty)|, so deletion runs 1 → 0 and insertion 0 → 1 (±1 when inverted). */
  y: number[];
  /** Raw target scores at each point. */
  raw: number[];
}

export interface Faithfulness {
  deletion: Curve;
  insertion: Curve;
  /** Lower is better: the score falls fast when the top events go. */
  deletionAUC: number;
  /** Higher is better: the score recovers fast when the top events come back. */
  insertionAUC: number;
  /** Deletion AUC of seeded random orders (mean over `randomOrders`): the chance level (NaN with 0 orders). */
  randomDeletionAUC: number;
  randomInsertionAUC: number;
  /** Mean normalised drop over the deletion curve (Samek et al. 2017); higher is better. */
  aopc: number;
  /** ERASER (DeYoung et al. 2020), normalised, averaged over top-k% bins: higher is better. */
  comprehensiveness: number;
  /** ERASER, normalised, averaged over bins: lower is better (the rationale alone keeps the score). */
  sufficiency: number;
  fullScore: number;
  emptyScore: number;
  /** True when f(full) ≈ f(empty): normalised figures are then meaningless. */
  degenerate: boolean;
  /** True when the empty history scores the item higher than the full history. */
  inverted: boolean;
}

export interface FaithfulnessOptions {
  seed?: number;
  randomOrders?: number;
  points?: number;
  /** ERASER rationale sizes as fractions of the history (default 1, 5, 10, 20, 50 %). */
  bins?: number[];
  signal?: AbortSignal;
}

const ERASER_BINS = [0.01, 0.05, 0.1, 0.2, 0.5];

/** Masks keeping everything but the first `k` of `order` (deletion) or only them (insertion). */
function prefixMasks(n: number, order: number[], steps: number[], insertion: boolean): Uint8Array[] {
  return steps.map((k) => {
    const m = new Uint8Array(n).fill(insertion ? 0 : 1);
    for (let j = 0; j < k; j++) m[order[j]] = insertion ? 1 : 0;
    return m;
  });
}

/** Every curve, for the attribution order and the random orders, and the ERASER rationales, in one scoring batch. */
export async function faithfulness(
  model: ExplainableModel,
  target: ExplainTarget,
  values: ArrayLike<number>,
  options: FaithfulnessOptions = {},
): Promise<Faithfulness> {
  const n = target.history.length;
  const steps = curveSteps(n, options.points);
  const rng = createRng(options.seed ?? 0);
  const orders = [
    attributionOrder(values),
    ...Array.from({ length: options.randomOrders ?? 4 }, () => rng.shuffle(Array.from({ length: n }, (_, k) => k))),
  ];
  const masks: Uint8Array[] = [];
  for (const order of orders) masks.push(...prefixMasks(n, order, steps, false), ...prefixMasks(n, order, steps, true));
  const sizes = (options.bins ?? ERASER_BINS).map((f) => Math.min(n, Math.max(1, Math.ceil(f * n))));
  for (const k of sizes) masks.push(...prefixMasks(n, orders[0], [k], false), ...prefixMasks(n, orders[0], [k], true));
  const { scores } = await scoreSubsets(model, target, masks, { signal: options.signal });

  const s = steps.length;
  const fullScore = scores[0];
  const emptyScore = scores[s - 1];
  const span = fullScore - emptyScore;
  const degenerate = !(Math.abs(span) > 1e-6 * Math.max(1, Math.abs(fullScore)));
  // Dividing by |span| (not span) keeps "lower deletion AUC = better" when the empty history scores the item higher
  // than the full one (then curves run from −1 to 0; `inverted` says so).
  const norm = (f: number) => (degenerate ? NaN : (f - emptyScore) / Math.abs(span));
  const x = steps.map((k) => (n ? k / n : 0));
  const curve = (offset: number): Curve => {
    const raw = Array.from(scores.subarray(offset, offset + s));
    return { x, y: raw.map(norm), raw };
  };
  const curves = orders.map((_, o) => ({ del: curve(o * 2 * s), ins: curve(o * 2 * s + s) }));
  // NaN for an empty list: with randomOrders 0 the caller reuses a random baseline computed once per target.
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const del = curves[0].del;
  const base = orders.length * 2 * s;
  const comp = sizes.map((_, b) => norm(fullScore) - norm(scores[base + 2 * b]));
  const suff = sizes.map((_, b) => norm(fullScore) - norm(scores[base + 2 * b + 1]));
  return {
    deletion: del,
    insertion: curves[0].ins,
    deletionAUC: auc(del.x, del.y),
    insertionAUC: auc(curves[0].ins.x, curves[0].ins.y),
    randomDeletionAUC: mean(curves.slice(1).map((c) => auc(c.del.x, c.del.y))),
    randomInsertionAUC: mean(curves.slice(1).map((c) => auc(c.ins.x, c.ins.y))),
    aopc: mean(del.y.map((y) => del.y[0] - y)),
    comprehensiveness: mean(comp),
    sufficiency: mean(suff),
    fullScore,
    emptyScore,
    degenerate,
    inverted: span < 0,
  };
}

/** Ranks with ties averaged (1-based). */
export function averageRanks(xs: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: xs.length }, (_, k) => k).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(xs.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation of two attributions of the same events (NaN when either is constant). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`spearman: lengths differ (${a.length} vs ${b.length})`);
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const n = ra.length;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let k = 0; k < n; k++) {
    num += (ra[k] - ma) * (rb[k] - mb);
    da += (ra[k] - ma) ** 2;
    db += (rb[k] - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : NaN;
}

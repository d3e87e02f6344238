// Shapley value sampling over events (Castro et al. 2009): average marginal contributions over seeded permutations.
import { createRng } from '../lib/rng';
import { fullMask, scoreSubsets } from './scorer';
import type { Attribution, ExplainableModel, ExplainTarget, MethodOptions } from './types';

/** Default cap on attributed events: each permutation costs one scoring row per event. */
export const SHAPLEY_MAX_EVENTS = 24;

/**
 * Only the newest `maxEvents` events are players; older ones stay in every coalition, so "empty" means "only the
 * older events" and the efficiency check reads Σφ = f(full) − f(older only). Every permutation's prefixes are
 * scored in one batch; the telescoping sum makes Σφ exact per permutation, so the gap only shows float error.
 */
export async function shapley(model: ExplainableModel, target: ExplainTarget, options: MethodOptions = {}): Promise<Attribution> {
  const n = target.history.length;
  const cap = options.maxEvents ?? SHAPLEY_MAX_EVENTS;
  const permutations = options.samples ?? 32;
  const seed = options.seed ?? 0;
  const first = Math.max(0, n - cap);
  const players = n - first;
  const rng = createRng(seed);
  const orders: number[][] = [];
  const masks: Uint8Array[] = [];
  const base = fullMask(n);
  for (let k = first; k < n; k++) base[k] = 0;
  masks.push(base.slice(), fullMask(n));
  for (let p = 0; p < permutations; p++) {
    const order = rng.shuffle(Array.from({ length: players }, (_, k) => first + k));
    orders.push(order);
    const m = base.slice();
    // Prefix j (1..players−1) adds order[0..j); the empty and full coalitions are rows 0 and 1.
    for (let j = 0; j < players - 1; j++) {
      m[order[j]] = 1;
      masks.push(m.slice());
    }
  }
  const { scores } = await scoreSubsets(model, target, masks, { signal: options.signal });
  const fEmpty = scores[0];
  const fFull = scores[1];
  const values = new Float64Array(n);
  const step = Math.max(0, players - 1);
  orders.forEach((order, p) => {
    let prev = fEmpty;
    for (let j = 0; j < players; j++) {
      const next = j === players - 1 ? fFull : scores[2 + p * step + j];
      values[order[j]] += (next - prev) / permutations;
      prev = next;
    }
  });
  const sum = values.reduce((a, b) => a + b, 0);
  const notes =
    first > 0
      ? [`only the newest ${players} of ${n} events were attributed (cap ${cap}); older events were kept in every coalition and get 0`]
      : [];
  return {
    method: 'shapley',
    values,
    score: fFull,
    diagnostics: {
      permutations,
      seed,
      players,
      cappedAt: first > 0 ? cap : null,
      emptyScore: fEmpty,
      efficiencyGap: Math.abs(sum - (fFull - fEmpty)),
    },
    notes,
  };
}

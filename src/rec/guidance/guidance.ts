// Guidance: per user, who to act on and with what — the predicted chance they buy within the next N events, the
// recommender's top-K (history excluded) each with the estimated uplift of recommending it (rec/uplift, when the log
// has exposures to learn it from), and the feature that moves the buy prediction most. Pure: the log, split and
// fitted recommender come in, rows go out; the CLI and the ML worker are shells around it.
import type { EventLog } from '../../data/eventLog';
import { progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { checkSettings, type RangeTable } from '../../lib/ranges';
import { ok, type Result } from '../../lib/result';
import { topK } from '../rank';
import type { Recommender } from '../recommender';
import { excludedItems, type LeaveOneOutSplit } from '../split';
import { UPLIFT_DEFAULTS } from '../uplift/tLearner';
import { fitUpliftModel, forEachScoreRow, upliftRow, type UpliftModel } from '../uplift/upliftModel';
import { DEFAULT_HORIZON_EVENTS, fitBuyPredictor, type BuyPredictorInfo, type GuidanceReason } from './buyPredictor';

export const GUIDANCE_RANGES = {
  /** Recommended items per user. */
  k: { min: 1, max: 1000, integer: true },
  /** Users with a row: the first ones in the log's order. */
  maxUsers: { min: 1, max: 1_000_000, integer: true },
  /** "Will buy within the next N events". */
  horizonEvents: { min: 1, max: 10_000, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
} as const satisfies RangeTable;

export type GuidanceSettings = { [K in keyof typeof GUIDANCE_RANGES]: number };
export const GUIDANCE_DEFAULTS: Omit<GuidanceSettings, 'maxUsers'> = { k: 10, horizonEvents: DEFAULT_HORIZON_EVENTS, seed: 42 };

export interface GuidanceItem {
  item: number;
  score: number;
  /** Estimated change in the chance the user buys it if it is recommended; null without an uplift model. */
  uplift: number | null;
}

export interface GuidanceRow {
  user: number;
  /** Null when no buy predictor could be fitted (see Guidance.notes) or the caller's predictor gave none. */
  buyProbability: number | null;
  items: GuidanceItem[];
  /** The feature moving this user's predicted buy probability most; null without a predictor or any deviation. */
  reason: GuidanceReason | null;
}

export interface Guidance {
  rows: GuidanceRow[];
  /** Users in the log (rows cover the first `rows.length`). */
  users: number;
  k: number;
  /** The logistic predictor behind the reasons (and the probabilities unless the caller gave its own). */
  predictor: BuyPredictorInfo | null;
  /** Where the probabilities come from. */
  probabilitySource: 'logistic' | 'caller' | null;
  /** Pairs the uplift model learned from; null when none was fitted. */
  uplift: { treatedPairs: number; controlPairs: number } | null;
  /** Why a part is missing, said once for all rows (e.g. "no exposure events: uplift cannot be learned"). */
  notes: string[];
}

export interface GuidanceOptions {
  settings: Partial<GuidanceSettings>;
  /** P(buy) per log user from another predictor (text or sequence classifier); NaN where it has none. */
  probabilities?: ArrayLike<number>;
  /** An uplift model already fitted on this recommender; otherwise one is fitted (point estimates only). */
  uplift?: UpliftModel | null;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export function checkGuidanceSettings(settings: unknown): Result<true> {
  return checkSettings(GUIDANCE_RANGES, settings, { owner: 'guidance' });
}

/** `log` and `split` index users and items alike (the split was made from the log). */
export async function buildGuidance(
  log: EventLog,
  split: LeaveOneOutSplit,
  recommender: Recommender,
  options: GuidanceOptions,
): Promise<Result<Guidance>> {
  const checked = checkGuidanceSettings(options.settings);
  if (!checked.ok) return checked;
  const s = { ...GUIDANCE_DEFAULTS, maxUsers: log.users.length, ...options.settings };
  const count = Math.min(s.maxUsers, log.users.length, split.numUsers);
  const users = Array.from({ length: count }, (_, u) => u);
  const notes: string[] = [];
  const { signal, onProgress } = options;

  const predictor = fitBuyPredictor(log, { seed: s.seed, horizonEvents: s.horizonEvents, signal, onProgress });
  if (!predictor.ok) notes.push(`no buy prediction: ${predictor.reason}`);
  throwIfAborted(signal);

  let uplift = options.uplift ?? null;
  if (!uplift) {
    const fitted = await fitUpliftModel(
      log,
      split,
      recommender,
      { ...UPLIFT_DEFAULTS, bootstrap: 0 },
      { seed: s.seed, signal, onProgress },
    );
    if (fitted.ok) uplift = fitted.data;
    else notes.push(`no uplift: ${fitted.reason}`);
  }

  const given = options.probabilities;
  const rows: GuidanceRow[] = [];
  const track = progressTracker('Guidance: scoring users', 'users', count);
  await forEachScoreRow(
    recommender,
    split,
    users,
    (j, raw, z) => {
      const u = users[j];
      const top = topK(raw, s.k, excludedItems(split, u, 'all'));
      const items = Array.from(top.items);
      const tau = uplift ? upliftRow(uplift, u, items, z) : null;
      const history = predictor.ok ? predictor.data.historyOf(u) : null;
      const p = given ? given[u] : history && predictor.ok ? predictor.data.probability(history) : NaN;
      rows.push({
        user: u,
        buyProbability: Number.isFinite(p) ? p : null,
        items: items.map((item, r) => ({ item, score: top.scores[r], uplift: tau ? tau[r] : null })),
        reason: history && predictor.ok ? (predictor.data.reasons(history)[0] ?? null) : null,
      });
      if ((j + 1) % 64 === 0 || j + 1 === count) onProgress?.(track(j + 1));
    },
    signal,
  );
  return ok({
    rows,
    users: log.users.length,
    k: s.k,
    predictor: predictor.ok ? predictor.data.info : null,
    probabilitySource: given ? 'caller' : predictor.ok ? 'logistic' : null,
    uplift: uplift ? { treatedPairs: uplift.fit.counts.treatedPairs, controlPairs: uplift.fit.counts.controlPairs } : null,
    notes,
  });
}

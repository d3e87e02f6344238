// Population view: across many users, which items and categories most often drive their recommendations, and how
// faithful each method's explanations are on average (deletion/insertion AUC against a random order, with CIs).
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
import { bootstrapCi, mean } from '../rec/metrics';
import { faithfulness } from './faithfulness';
import { explain, type MethodName } from './registry';
import type { ExplainableModel, ExplainTarget, MethodOptions } from './types';

export interface DriverStat<K> {
  key: K;
  /** Users for whom this key is among their top drivers. */
  users: number;
  /** Mean over explained users of the key's share of that user's positive attribution (0..1). */
  share: number;
}

export interface PopulationDrivers {
  items: DriverStat<number>[];
  categories: DriverStat<string>[];
  /** Users explained (users with no positive attribution count here but add nothing). */
  explained: number;
  /** Users skipped because the method failed on them, with the first reason. */
  failed: number;
  firstFailure?: string;
}

export interface ExplainedUser {
  history: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * Pure aggregation. Each user's positive attributions are normalised to sum to 1, so a long history or a large
 * score scale does not let one user dominate; an item's events within one user are summed first.
 */
export function aggregateDrivers(
  users: ExplainedUser[],
  options: { categoryOf?: (item: number) => string | null; topDrivers?: number; limit?: number } = {},
): Omit<PopulationDrivers, 'failed'> {
  const top = options.topDrivers ?? 3;
  const items = new Map<number, { users: number; share: number }>();
  const cats = new Map<string, { users: number; share: number }>();
  const bump = <K>(m: Map<K, { users: number; share: number }>, k: K, share: number, isTop: boolean) => {
    const s = m.get(k) ?? { users: 0, share: 0 };
    s.share += share;
    if (isTop) s.users++;
    m.set(k, s);
  };
  for (const u of users) {
    const perItem = new Map<number, number>();
    for (let k = 0; k < u.values.length; k++)
      if (u.values[k] > 0) perItem.set(u.history[k], (perItem.get(u.history[k]) ?? 0) + u.values[k]);
    const total = [...perItem.values()].reduce((a, b) => a + b, 0);
    if (!(total > 0)) continue;
    const ranked = [...perItem].sort((a, b) => b[1] - a[1]);
    const perCat = new Map<string, number>();
    ranked.forEach(([item, v], r) => {
      bump(items, item, v / total, r < top);
      const c = options.categoryOf?.(item);
      if (c) perCat.set(c, (perCat.get(c) ?? 0) + v / total);
    });
    [...perCat].sort((a, b) => b[1] - a[1]).forEach(([c, share], r) => bump(cats, c, share, r < top));
  }
  const n = Math.max(1, users.length);
  const finish = <K>(m: Map<K, { users: number; share: number }>): DriverStat<K>[] =>
    [...m]
      .map(([key, s]) => ({ key, users: s.users, share: s.share / n }))
      .sort((a, b) => b.share - a.share || b.users - a.users)
      .slice(0, options.limit ?? 50);
  return { items: finish(items), categories: finish(cats), explained: users.length };
}

export interface PopulationOptions extends MethodOptions {
  categoryOf?: (item: number) => string | null;
  topDrivers?: number;
  limit?: number;
  onProgress?: (p: Progress) => void;
}

/** Explain each target with one method, reporting progress per user; cancellable between users. */
export async function populationDrivers(
  model: ExplainableModel,
  targets: ExplainTarget[],
  method: MethodName,
  options: PopulationOptions = {},
): Promise<PopulationDrivers> {
  const track = progressTracker(`Explaining recommendations (${method})`, 'users', targets.length);
  const explained: ExplainedUser[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  for (let i = 0; i < targets.length; i++) {
    await yieldToEvents();
    throwIfAborted(options.signal);
    const r = await explain(method, model, targets[i], options);
    if (r.ok) explained.push({ history: targets[i].history, values: r.data.values });
    else {
      failed++;
      firstFailure ??= r.reason;
    }
    options.onProgress?.(track(i + 1));
  }
  return { ...aggregateDrivers(explained, options), failed, ...(firstFailure ? { firstFailure } : {}) };
}

export interface MeanCi {
  mean: number;
  lo: number;
  hi: number;
}

/** Faithfulness of one method over a sample of users, next to the random-order baseline on the same users. */
export interface MethodFaithfulness {
  method: MethodName;
  /** Users whose curves are meaningful (f(full) ≠ f(empty)) and the method could explain. */
  users: number;
  degenerate: number;
  failed: number;
  firstFailure?: string;
  deletionAUC: MeanCi;
  insertionAUC: MeanCi;
  randomDeletionAUC: MeanCi;
  randomInsertionAUC: MeanCi;
  /** Paired per-user differences: deletion − random (below 0 is better), insertion − random (above 0 is better). */
  deletionMinusRandom: MeanCi;
  insertionMinusRandom: MeanCi;
  /** Share of users whose deletion AUC is below their random-order deletion AUC. */
  betterThanRandom: number;
  aopc: number;
  comprehensiveness: number;
  sufficiency: number;
}

export interface FaithfulnessSummaryOptions {
  seed?: number;
  /** Random orders per user (shared by every method, so comparisons with random are paired). Default 4. */
  randomOrders?: number;
  /** Bootstrap resamples for the 95% intervals. Default 1000. */
  bootstrap?: number;
  steps?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/**
 * Explain each target with every method and score the explanation's deletion/insertion curves. The random-order
 * baseline is computed once per target and reused for every method; means come with percentile-bootstrap 95% CIs
 * over users.
 */
export async function faithfulnessSummary(
  model: ExplainableModel,
  targets: ExplainTarget[],
  methods: MethodName[],
  options: FaithfulnessSummaryOptions = {},
): Promise<MethodFaithfulness[]> {
  const seed = options.seed ?? 0;
  const track = progressTracker(`Faithfulness of ${methods.join(', ')}`, 'users', targets.length);
  type Row = { del: number; ins: number; rdel: number; rins: number; aopc: number; comp: number; suff: number };
  const rows = methods.map(() => [] as Row[]);
  const failures = methods.map(() => ({ failed: 0, degenerate: 0, first: undefined as string | undefined }));
  for (let i = 0; i < targets.length; i++) {
    await yieldToEvents();
    throwIfAborted(options.signal);
    let random: { del: number; ins: number } | null = null;
    for (let m = 0; m < methods.length; m++) {
      const r = await explain(methods[m], model, targets[i], { seed: seed + i, steps: options.steps, signal: options.signal });
      if (!r.ok) {
        failures[m].failed++;
        failures[m].first ??= r.reason;
        continue;
      }
      const f = await faithfulness(model, targets[i], r.data.values, {
        seed: seed + i,
        randomOrders: random ? 0 : (options.randomOrders ?? 4),
        signal: options.signal,
      });
      random ??= { del: f.randomDeletionAUC, ins: f.randomInsertionAUC };
      if (f.degenerate) {
        failures[m].degenerate++;
        continue;
      }
      rows[m].push({
        del: f.deletionAUC,
        ins: f.insertionAUC,
        rdel: random.del,
        rins: random.ins,
        aopc: f.aopc,
        comp: f.comprehensiveness,
        suff: f.sufficiency,
      });
    }
    options.onProgress?.(track(i + 1));
  }
  const ci = (xs: number[], salt: number): MeanCi => {
    const { lo, hi } = bootstrapCi(xs, seed + salt, options.bootstrap ?? 1000);
    return { mean: xs.length ? mean(xs) : NaN, lo, hi };
  };
  return methods.map((method, m) => {
    const r = rows[m];
    const col = (pick: (x: Row) => number) => r.map(pick);
    return {
      method,
      users: r.length,
      degenerate: failures[m].degenerate,
      failed: failures[m].failed,
      ...(failures[m].first ? { firstFailure: failures[m].first } : {}),
      deletionAUC: ci(
        col((x) => x.del),
        1,
      ),
      insertionAUC: ci(
        col((x) => x.ins),
        2,
      ),
      randomDeletionAUC: ci(
        col((x) => x.rdel),
        3,
      ),
      randomInsertionAUC: ci(
        col((x) => x.rins),
        4,
      ),
      deletionMinusRandom: ci(
        col((x) => x.del - x.rdel),
        5,
      ),
      insertionMinusRandom: ci(
        col((x) => x.ins - x.rins),
        6,
      ),
      betterThanRandom: r.length ? r.filter((x) => x.del < x.rdel).length / r.length : NaN,
      aopc: mean(col((x) => x.aopc)),
      comprehensiveness: mean(col((x) => x.comp)),
      sufficiency: mean(col((x) => x.suff)),
    };
  });
}

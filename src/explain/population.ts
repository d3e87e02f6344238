// Population view: across many users, which items and categories most often drive their recommendations.
import { progressTracker, throwIfAborted, yieldToEvents, type Progress } from '../lib/progress';
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
export function aggregateDrivers(users: ExplainedUser[], options: { categoryOf?: (item: number) => string | null; topDrivers?: number; limit?: number } = {}): Omit<PopulationDrivers, 'failed'> {
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
    for (let k = 0; k < u.values.length; k++) if (u.values[k] > 0) perItem.set(u.history[k], (perItem.get(u.history[k]) ?? 0) + u.values[k]);
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
export async function populationDrivers(model: ExplainableModel, targets: ExplainTarget[], method: MethodName, options: PopulationOptions = {}): Promise<PopulationDrivers> {
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

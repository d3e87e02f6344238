// Top contributors of an attribution, readable at any history length: events grouped (by event, item, category or time
// window, summing their attributions), the strongest N kept and the rest summed into one "n other events" entry.
// Pure: the Explain view's chart and heatmap, and any report, pick their events here.

/** How history events are grouped before ranking; a group's attribution is the sum of its events'. */
export const GROUP_BYS = ['event', 'item', 'category', 'window'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** How many contributors the heatmap and the chart show (the rest is summed): N in [1, 100], default 20. */
export const TOP_N = { min: 1, max: 100, default: 20 } as const;

/** N as typed by the analyst, clamped into TOP_N (non-numbers give the default). */
export const clampTopN = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.max(TOP_N.min, Math.min(TOP_N.max, Math.round(v))) : TOP_N.default;

/** A set of history positions shown as one bar or column. */
export interface EventGroup {
  key: string;
  /** History positions, oldest first. */
  events: number[];
}

/**
 * Groups of the given positions by `keyOf`, in order of each group's first event; every position lands in exactly one
 * group. With `keyOf = String` every event is its own group.
 */
export function groupEvents(positions: readonly number[], keyOf: (k: number) => string): EventGroup[] {
  const byKey = new Map<string, number[]>();
  for (const k of [...positions].sort((a, b) => a - b)) {
    const key = keyOf(k);
    const list = byKey.get(key);
    if (list) list.push(k);
    else byKey.set(key, [k]);
  }
  return [...byKey].map(([key, events]) => ({ key, events }));
}

/** Sum of `values` over each group's events (non-finite values count as 0). */
export function groupSums(values: ArrayLike<number>, groups: readonly EventGroup[]): number[] {
  return groups.map((g) => g.events.reduce((s, k) => s + (Number.isFinite(values[k]) ? values[k] : 0), 0));
}

export interface Contributors {
  /** The strongest groups by |attribution|, sorted from the largest push up to the largest push down. */
  top: { group: EventGroup; value: number }[];
  /** Everything else, summed; null when nothing is left over. */
  others: { groups: number; events: number; value: number } | null;
}

/** Indices of the `n` largest `strength` entries (ties: the later group first, as recency usually drives the score). */
function strongest(strength: readonly number[], n: number): number[] {
  return strength
    .map((_, g) => g)
    .sort((a, b) => strength[b] - strength[a] || b - a)
    .slice(0, Math.max(0, n));
}

/** The top `n` groups of one attribution by magnitude, sorted by signed value, and the rest summed. */
export function topContributors(values: ArrayLike<number>, groups: readonly EventGroup[], n: number): Contributors {
  const sums = groupSums(values, groups);
  const keep = strongest(
    sums.map((v) => Math.abs(v)),
    n,
  );
  const kept = new Set(keep);
  const top = keep
    .map((g) => ({ group: groups[g], value: sums[g] }))
    .sort((a, b) => b.value - a.value || b.group.events[0] - a.group.events[0]);
  const rest = groups.map((_, g) => g).filter((g) => !kept.has(g));
  const others = rest.length
    ? { groups: rest.length, events: rest.reduce((s, g) => s + groups[g].events.length, 0), value: rest.reduce((s, g) => s + sums[g], 0) }
    : null;
  return { top, others };
}

export interface HeatmapColumns {
  /** The groups shown as columns, in time order (first event). */
  columns: EventGroup[];
  /** values[row][column]: the group sums, then (when anything is left over) one last column summing the rest. */
  values: number[][];
  /** Groups and events folded into the last column; null when every group has its own column. */
  others: { groups: number; events: number } | null;
}

/**
 * Columns of a recommendations × events heatmap: the `n` groups strongest in any row (each row's sums scaled by that
 * row's largest magnitude, so a weak row still gets its own drivers shown), in time order, plus one column summing the
 * rest per row. At most n + 1 columns whatever the history length.
 */
export function heatmapColumns(rows: readonly ArrayLike<number>[], groups: readonly EventGroup[], n: number): HeatmapColumns {
  const sums = rows.map((values) => groupSums(values, groups));
  const strength = groups.map((_, g) =>
    Math.max(
      0,
      ...sums.map((row) => {
        const max = Math.max(...row.map((v) => Math.abs(v)));
        return max > 0 ? Math.abs(row[g]) / max : 0;
      }),
    ),
  );
  const keep = strongest(strength, n).sort((a, b) => groups[a].events[0] - groups[b].events[0]);
  const kept = new Set(keep);
  const rest = groups.map((_, g) => g).filter((g) => !kept.has(g));
  const values = sums.map((row) => {
    const shown = keep.map((g) => row[g]);
    return rest.length ? [...shown, rest.reduce((s, g) => s + row[g], 0)] : shown;
  });
  return {
    columns: keep.map((g) => groups[g]),
    values,
    others: rest.length ? { groups: rest.length, events: rest.reduce((s, g) => s + groups[g].events.length, 0) } : null,
  };
}

/** Calendar window of a time span: day, ISO-like week (Monday start) or month, chosen so a history has few windows. */
export type TimeWindow = 'day' | 'week' | 'month';

export function windowFor(spanSeconds: number): TimeWindow {
  const days = spanSeconds / 86400;
  return days > 180 ? 'month' : days > 21 ? 'week' : 'day';
}

/** The window holding unix time `t` (seconds), as the UTC date its window starts on ("1997-10" for a month). */
export function windowKey(t: number, w: TimeWindow): string {
  const d = new Date(t * 1000);
  if (w === 'month') return d.toISOString().slice(0, 7);
  if (w === 'week') {
    const back = (d.getUTCDay() + 6) % 7;
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
  }
  return d.toISOString().slice(0, 10);
}

// The logistic baseline's features of one history: what an analyst would count and time in a user's events up to the
// cut — nothing at or past it, since the examples' rows end there.
import type { EventLog } from '../../data/eventLog';

export interface HistoryFeatures {
  names: string[];
  /** Row-major, one row of `names.length` per example. */
  data: Float64Array;
}

const DAY = 86_400;

/**
 * Per event type of the log: log1p(count) and log1p(events since the last one, or the history length + 1 when none);
 * log1p(history length), log1p(distinct items), the last event's type one-hot; for logs with time, log1p(days from the
 * second-to-last to the last event) and log1p(days the history spans).
 */
export function historyFeatures(log: EventLog, histories: readonly Uint32Array[]): HistoryFeatures {
  const T = log.eventTypes.length;
  const names = [
    ...log.eventTypes.map((t) => `log1p(${t} count)`),
    ...log.eventTypes.map((t) => `log1p(events since last ${t})`),
    'log1p(history length)',
    'log1p(distinct items)',
    ...log.eventTypes.map((t) => `last event is ${t}`),
    ...(log.hasTime ? ['log1p(days between the last two events)', 'log1p(history span in days)'] : []),
  ];
  const dim = names.length;
  const data = new Float64Array(histories.length * dim);
  const count = new Float64Array(T);
  const lastAt = new Float64Array(T);
  histories.forEach((rows, i) => {
    const row = data.subarray(i * dim, (i + 1) * dim);
    const n = rows.length;
    count.fill(0);
    lastAt.fill(-1);
    const items = new Set<number>();
    for (let k = 0; k < n; k++) {
      const e = log.event[rows[k]];
      count[e]++;
      lastAt[e] = k;
      items.add(log.item[rows[k]]);
    }
    for (let t = 0; t < T; t++) {
      row[t] = Math.log1p(count[t]);
      row[T + t] = Math.log1p(lastAt[t] >= 0 ? n - 1 - lastAt[t] : n + 1);
    }
    row[2 * T] = Math.log1p(n);
    row[2 * T + 1] = Math.log1p(items.size);
    if (n) row[2 * T + 2 + log.event[rows[n - 1]]] = 1;
    if (log.hasTime && n) {
      const last = log.time[rows[n - 1]];
      row[3 * T + 2] = Math.log1p(n > 1 ? Math.max(0, last - log.time[rows[n - 2]]) / DAY : 0);
      row[3 * T + 3] = Math.log1p(Math.max(0, last - log.time[rows[0]]) / DAY);
    }
  });
  return { names, data };
}

// What the log says about each history event — type, rating or value, time — for reasons and labels. One shape
// (ExplainRequest's types/ratings/times) whether the events come from a split (CLI) or from the log's rows (app).
import { userEvents, type EventLog } from '../data/eventLog';
import { asUserIdx } from '../lib/ids';

/** Per history event: event type name, rating or value (null when the log has none), Unix seconds (null when untimed). */
export interface EventMetaColumns {
  types: (string | null)[];
  ratings: (number | null)[];
  times: (number | null)[];
}

/** The metadata of log rows; a row of -1 (an event the analyst added) is all null. */
export function metaOfRows(log: EventLog, rows: ArrayLike<number>): EventMetaColumns {
  const out: EventMetaColumns = { types: [], ratings: [], times: [] };
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const known = r >= 0 && r < log.length;
    const value = known ? log.value[r] : NaN;
    out.types.push(known ? log.eventTypes[log.event[r]] : null);
    // NaN marks "no value" in the log; JSON and structured clone keep null, not NaN, honest.
    out.ratings.push(Number.isFinite(value) ? value : null);
    out.times.push(known && log.hasTime ? log.time[r] : null);
  }
  return out;
}

/**
 * The split keeps a subsequence of the user's log events (filtered types, repeats dropped, future cut), so a greedy
 * in-order match on item indices over the kept types recovers each element's row: a dropped repeat of an item
 * always comes after the kept one, and greedy takes the earliest. `sequence` holds the log's item indices.
 */
export function alignEvents(
  log: EventLog,
  user: number,
  sequence: ArrayLike<number>,
  keptTypes: readonly string[] | null,
): EventMetaColumns {
  const kept = keptTypes ?? log.eventTypes.filter((t) => t !== 'exposure');
  const rows = userEvents(log, asUserIdx(user));
  const matched: number[] = [];
  let r = 0;
  for (let k = 0; k < sequence.length; k++) {
    while (r < rows.length && (log.item[rows[r]] !== sequence[k] || !kept.includes(log.eventTypes[log.event[rows[r]]]))) r++;
    matched.push(r < rows.length ? rows[r++] : -1);
  }
  return metaOfRows(log, matched);
}

/**
 * `alignEvents` for a sequence indexed by another id list (a checkpoint's users and items) against the log it was
 * trained on: ids are matched by name. Null when the log does not know the user.
 */
export function metaFromLog(
  log: EventLog,
  userId: string,
  itemIds: readonly string[],
  sequence: ArrayLike<number>,
  keptTypes: readonly string[] | null,
): EventMetaColumns | null {
  const u = log.users.indexOf(userId);
  if (u < 0) return null;
  const index = new Map(log.items.map((id, i) => [id, i]));
  return alignEvents(
    log,
    u,
    Array.from(sequence, (i) => index.get(itemIds[i]) ?? -1),
    keptTypes,
  );
}

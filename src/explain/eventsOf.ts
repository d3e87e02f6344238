// Event types and times of a split sequence, recovered from the log it came from (for display and reasons).
import { userEvents, type EventLog } from '../data/eventLog';
import { asUserIdx } from '../lib/ids';

/**
 * The split keeps a subsequence of the user's log events (filtered types, repeats dropped, future cut), so a greedy
 * in-order match on item indices over the kept types recovers each element's row: a dropped repeat of an item
 * always comes after the kept one, and greedy takes the earliest.
 */
export function alignEvents(
  log: EventLog,
  user: number,
  sequence: ArrayLike<number>,
  keptTypes: readonly string[] | null,
): { types: (string | null)[]; times: (number | null)[] } {
  const kept = keptTypes ?? log.eventTypes.filter((t) => t !== 'exposure');
  const rows = userEvents(log, asUserIdx(user));
  const types: (string | null)[] = [];
  const times: (number | null)[] = [];
  let r = 0;
  for (let k = 0; k < sequence.length; k++) {
    while (r < rows.length && (log.item[rows[r]] !== sequence[k] || !kept.includes(log.eventTypes[log.event[rows[r]]]))) r++;
    if (r >= rows.length) {
      types.push(null);
      times.push(null);
      continue;
    }
    types.push(log.eventTypes[log.event[rows[r]]]);
    times.push(log.hasTime ? log.time[rows[r]] : null);
    r++;
  }
  return { types, times };
}

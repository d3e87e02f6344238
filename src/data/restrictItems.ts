// A log restricted to a fixed item vocabulary, in that vocabulary's order: what a model trained elsewhere scores. Rows
// whose item the vocabulary lacks are left out (and counted); users, event types and times are kept as they were.
import type { EventLog } from './eventLog';
import { EventLogBuilder } from './eventLogBuilder';

export interface RestrictedLog {
  /** items === the vocabulary, in its order (items with no rows included). */
  log: EventLog;
  /** Rows left out because their item is not in the vocabulary. */
  droppedRows: number;
  /** Distinct log items the vocabulary lacks. */
  droppedItems: number;
  /** Vocabulary items with no row in the log. */
  unseenItems: number;
}

export function restrictToItems(log: EventLog, items: readonly string[]): RestrictedLog {
  const b = new EventLogBuilder();
  for (const id of items) b.items.id(id);
  const events = log.eventTypes.map((t) => b.eventIndex(t));
  const index = new Map<string, number>();
  items.forEach((id, i) => index.set(id, i));
  const itemOf = Int32Array.from(log.items, (id) => index.get(id) ?? -1);
  const seen = new Uint8Array(items.length);
  b.reserve(log.length);
  let droppedRows = 0;
  for (let r = 0; r < log.length; r++) {
    const item = itemOf[log.item[r]];
    if (item < 0) {
      droppedRows++;
      continue;
    }
    seen[item] = 1;
    const s = log.session[r];
    b.addIndexed(
      b.users.id(log.users[log.user[r]]),
      item,
      events[log.event[r]],
      log.hasTime ? log.time[r] : NaN,
      log.value[r],
      s < 0 ? -1 : b.sessions.id(log.sessions[s]),
    );
  }
  return {
    log: b.build(),
    droppedRows,
    droppedItems: itemOf.reduce((n, i) => n + (i < 0 ? 1 : 0), 0),
    unseenItems: seen.reduce((n, x) => n + (1 - x), 0),
  };
}

// The shopper the Recommend and Explain views (and the guide) open on before the analyst picks one.
//
// It used to be user 0, the log's first user. On REES46 that user viewed one product twice: itemknn scored every item
// 0 for them, the first list an analyst saw was a tie-break, and every explanation of it was unjudgeable. The first
// user whose history holds a few distinct items is as easy to find (the scan stops there) and gives a recommendation
// something to rest on.
import { userEvents, type EventLog } from './eventLog';
import { asUserIdx } from '../lib/ids';
import { isInteraction } from './eventTypes';

/** Distinct items a default user's history must hold (interactions only, as the views show a history). */
export const DEFAULT_USER_MIN_ITEMS = 3;

const chosen = new WeakMap<EventLog, number>();

/** The first user (in the log's user order) with DEFAULT_USER_MIN_ITEMS distinct items, else user 0. */
export function defaultUser(log: EventLog): number {
  const known = chosen.get(log);
  if (known !== undefined) return known;
  const interaction = log.eventTypes.map(isInteraction);
  let user = 0;
  for (let u = 0; u < log.users.length; u++) {
    const items = new Set<number>();
    for (const row of userEvents(log, asUserIdx(u))) if (interaction[log.event[row]]) items.add(log.item[row]);
    if (items.size >= DEFAULT_USER_MIN_ITEMS) {
      user = u;
      break;
    }
  }
  chosen.set(log, user);
  return user;
}

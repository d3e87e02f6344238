// The shopper the Recommend and Explain views (and the guide) open on before the analyst picks one.
//
// It used to be user 0, the log's first user. On REES46 that user viewed one product twice: itemknn scored every item
// 0 for them, the first list an analyst saw was a tie-break, and every explanation of it was unjudgeable. The first
// user the evaluation would test (three distinct items, see testableUsers) is as easy to find (the scan stops there)
// and gives a recommendation something to rest on.
import type { EventLog } from './eventLog';
import { testableCheck } from './testableUsers';

const chosen = new WeakMap<EventLog, number>();

/** The first user (in the log's user order) with TESTABLE_MIN_ITEMS distinct interaction items, else user 0. */
export function defaultUser(log: EventLog): number {
  const known = chosen.get(log);
  if (known !== undefined) return known;
  const testable = testableCheck(log);
  let user = 0;
  for (let u = 0; u < log.users.length; u++)
    if (testable(u)) {
      user = u;
      break;
    }
  chosen.set(log, user);
  return user;
}

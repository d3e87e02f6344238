// How many users a leave-one-out evaluation tests. The default split (rec/split) holds out each user's last new item,
// validates on the one before it and needs something before that to learn from, so a user is tested only with three or
// more distinct items among their interactions. On a sparse shop log most users are not (Taobao's sample, 2 h 10 min
// of events: 9,698 of 66,454), and the guide says so before any figure is compared.
import type { EventLog } from './eventLog';
import { isInteraction } from './eventTypes';

/** Distinct interaction items a user needs to be tested by the default leave-one-out split. */
export const TESTABLE_MIN_ITEMS = 3;

/**
 * Whether user u's interactions hold TESTABLE_MIN_ITEMS distinct items. Ask in increasing user order, each user once:
 * one stamp per item (the last user it was counted for) replaces a set per user.
 */
export function testableCheck(log: EventLog): (u: number) => boolean {
  const interaction = log.eventTypes.map(isInteraction);
  const seenBy = new Int32Array(log.items.length).fill(-1);
  return (u) => {
    let distinct = 0;
    for (let k = log.seqOffsets[u]; k < log.seqOffsets[u + 1] && distinct < TESTABLE_MIN_ITEMS; k++) {
      const row = log.seqOrder[k];
      if (!interaction[log.event[row]] || seenBy[log.item[row]] === u) continue;
      seenBy[log.item[row]] = u;
      distinct++;
    }
    return distinct >= TESTABLE_MIN_ITEMS;
  };
}

/** Users with at least TESTABLE_MIN_ITEMS distinct items among their interactions. O(events), one array of items. */
export function testableUsers(log: EventLog): number {
  const testable = testableCheck(log);
  let n = 0;
  for (let u = 0; u < log.users.length; u++) if (testable(u)) n++;
  return n;
}

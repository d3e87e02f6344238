// Per-user variable values recomputed from an event stream: the contract between the simulator and causal analysis.
import type { RawEvent } from '../eventLogBuilder';
import type { UserValues } from './causalModel';

/** sessions = distinct sessions, exposed/purchased = any such event, views/clicks/carts = event counts. */
export function aggregateUsers(events: readonly RawEvent[]): Map<string, UserValues> {
  const out = new Map<string, UserValues & { sessionIds: Set<string> }>();
  for (const e of events) {
    let v = out.get(e.user);
    if (!v) {
      v = { sessions: 0, exposed: 0, views: 0, clicks: 0, carts: 0, purchased: 0, sessionIds: new Set() };
      out.set(e.user, v);
    }
    if (e.session) v.sessionIds.add(e.session);
    if (e.event === 'exposure') v.exposed = 1;
    else if (e.event === 'view') v.views++;
    else if (e.event === 'click') v.clicks++;
    else if (e.event === 'cart') v.carts++;
    else if (e.event === 'purchase') v.purchased = 1;
  }
  const result = new Map<string, UserValues>();
  for (const [user, { sessionIds, ...v }] of out) result.set(user, { ...v, sessions: sessionIds.size });
  return result;
}

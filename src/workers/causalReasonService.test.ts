// The worker reads the causal reason from the per-user table by user id, whatever the order of the log's users.
import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { CausalService } from './causalService';

// Users in log order: b, a, c. Views: b 3, a 1, c 2; only b and c purchase.
const b = new EventLogBuilder();
const events: [string, string, string, number][] = [
  ['b', 'i1', 'view', 1],
  ['b', 'i2', 'view', 2],
  ['b', 'i3', 'view', 3],
  ['b', 'i1', 'purchase', 4],
  ['a', 'i1', 'view', 5],
  ['c', 'i2', 'view', 6],
  ['c', 'i3', 'view', 7],
  ['c', 'i3', 'purchase', 8],
  ['d', 'i1', 'exposure', 9],
];
for (const [user, item, event, time] of events) b.add({ user, item, event, time, value: NaN });
const log = b.build();
const service = new CausalService(() => ({ log, catalog: null, truthEdges: null }));
const graph = { nodes: ['views', 'purchased'], edges: [{ from: 'views', to: 'purchased' }] };

describe('CausalService.reason', () => {
  it("returns the named user's value against the median over every user", () => {
    const r = service.reason({ datasetId: 'x', user: 'a', graph, outcome: 'purchased' });
    if (!r.ok) throw new Error(r.reason);
    // views over b, a, c, d: 3, 1, 2, 0 → median 1.5.
    expect(r.data.causes).toMatchObject([{ name: 'views', value: 1, median: 1.5, path: ['views', 'purchased'] }]);
    expect(r.data.rows).toBe(4);
    const c = service.reason({ datasetId: 'x', user: 'c', graph, outcome: 'purchased' });
    expect(c.ok && c.data.causes[0].value).toBe(2);
  });

  it('gives no user values for an unknown user, and refuses an outcome outside the graph', () => {
    const r = service.reason({ datasetId: 'x', user: 'nobody', graph, outcome: 'purchased' });
    expect(r.ok && r.data.causes[0].value).toBe(null);
    expect(service.reason({ datasetId: 'x', user: 'a', graph, outcome: 'carts' }).ok).toBe(false);
  });
});

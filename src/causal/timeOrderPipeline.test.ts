import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { discover } from './pipeline';
import { makeTable } from './table';

/** sessions → clicks → purchased, linear with noise: the planted order agrees with the funnel. */
function chain(n: number) {
  const rng = createRng(5);
  const s = new Float64Array(n),
    c = new Float64Array(n),
    p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = rng.normal();
    c[i] = s[i] + rng.normal();
    p[i] = c[i] + rng.normal();
  }
  return makeTable(['sessions', 'clicks', 'purchased'], [s, c, p]);
}

describe('discovery against the time order', () => {
  const timeOrder = [['sessions'], ['clicks'], ['purchased']];

  it('flags an edge the analyst forced against the order', async () => {
    const r = await discover(chain(800), { alpha: 0.01, bootstrap: 0, seed: 1, required: [['purchased', 'clicks']], timeOrder });
    if (!r.ok) throw new Error(r.reason);
    const back = r.data.edges.find((e) => e.from === 'purchased' && e.to === 'clicks');
    expect(back?.againstTimeOrder).toBe(true);
    // PC's orientation rules carry the forced direction on (no new collider at clicks): clicks → sessions, also backwards.
    expect(r.data.edges.map((e) => `${e.from}->${e.to}:${e.directed}:${e.againstTimeOrder === true}`).sort()).toEqual([
      'clicks->sessions:true:true',
      'purchased->clicks:true:true',
    ]);
  });

  it('flags nothing when the tiers are applied, and nothing without a time order', async () => {
    const applied = await discover(chain(800), { alpha: 0.01, bootstrap: 0, seed: 1, tiers: timeOrder, timeOrder });
    if (!applied.ok) throw new Error(applied.reason);
    expect(applied.data.edges.map((e) => `${e.from}->${e.to}:${e.directed}`).sort()).toEqual([
      'clicks->purchased:true',
      'sessions->clicks:true',
    ]);
    expect(applied.data.edges.some((e) => e.againstTimeOrder)).toBe(false);
    const none = await discover(chain(800), { alpha: 0.01, bootstrap: 0, seed: 1, required: [['purchased', 'clicks']] });
    if (!none.ok) throw new Error(none.reason);
    expect(none.data.timeOrder).toBeNull();
    expect(none.data.edges.some((e) => e.againstTimeOrder)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { MfExplicitRecommender } from './models/mfExplicit';
import { ratingContext, splitRatings } from './ratingContext';
import { leaveOneOutSplit, trainData } from './split';

function log(rows: [string, string, string, number, number][]) {
  const b = new EventLogBuilder();
  for (const [user, item, event, time, value] of rows) b.add({ user, item, event, time, value });
  return b.build();
}

describe('rating context', () => {
  // User a rates 4 items (times 1–4): w is the test item, z the validation item; b has 2 ratings (train-only).
  const l = log([
    ['a', 'x', 'rating', 1, 5],
    ['a', 'y', 'rating', 2, 4],
    ['a', 'z', 'rating', 3, 1],
    ['a', 'w', 'rating', 4, 2],
    ['b', 'x', 'rating', 1, 3],
    ['b', 'y', 'rating', 2, 3],
  ]);
  const split = leaveOneOutSplit(l);
  const item = (id: string) => l.items.indexOf(id);

  it('keeps only the training part: held-out validation and test ratings never reach the fit', () => {
    const r = splitRatings(l, split);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const pairs = Array.from(r.data.user, (u, k) => `${l.users[u]}${l.items[r.data.item[k]]}${r.data.rating[k]}`).sort();
    expect(pairs).toEqual(['ax5', 'ay4', 'bx3', 'by3']);
    expect(r.data.item.includes(item('w'))).toBe(false);
  });

  it('gives rating models ratings and popularity × activity propensities, other models nothing', () => {
    const c = ratingContext('mf-explicit', l, split);
    expect(c.ratings?.user.length).toBe(4);
    // a: 2 training ratings, x: 2 → 2·2/4.
    expect(c.propensity?.source).toBe('pop');
    expect(c.propensity?.p(0, item('x'), 0)).toBe(1);
    expect(ratingContext('ease', l, split)).toEqual({});
  });

  it('takes exposure propensities where the log has exposure events, and fits mf-explicit through fit()', () => {
    const withExposures = log([
      ['a', 'x', 'exposure', 0, NaN],
      ['a', 'y', 'exposure', 0, NaN],
      ['b', 'x', 'exposure', 0, NaN],
      ['a', 'x', 'rating', 1, 5],
      ['a', 'y', 'rating', 2, 1],
      ['b', 'x', 'rating', 1, 4],
    ]);
    const s = leaveOneOutSplit(withExposures);
    const c = ratingContext('mf-explicit', withExposures, s);
    expect(c.propensity?.source).toBe('exposure');
    const m = new MfExplicitRecommender({ debias: 'ips', factors: 1 }, c);
    m.fit(trainData(s), { seed: 1 });
    expect(m.lastFit?.propensity?.source).toBe('exposure');
  });

  it('refuses a log without ratings for a rating model', () => {
    const noValues = log([
      ['a', 'x', 'click', 1, NaN],
      ['a', 'y', 'click', 2, NaN],
    ]);
    expect(() => ratingContext('mf-explicit', noValues, leaveOneOutSplit(noValues))).toThrow(/no ratings/);
  });
});

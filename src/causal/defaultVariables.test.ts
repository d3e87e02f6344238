import { describe, expect, it } from 'vitest';
import { demoEventLog, simulateDemo } from '../data/demo';
import { EventLogBuilder } from '../data/eventLogBuilder';
import type { ItemCatalog } from '../data/eventLog';
import { logKind, logVariables } from './defaultVariables';
import { DEFAULT_VARIABLES } from './variables';

const DAY = 86400;
const logOf = (rows: [user: string, item: string, event: string, time: number, value: number][]) => {
  const b = new EventLogBuilder();
  for (const [user, item, event, time, value] of rows) b.add({ user, item, event, time, value });
  return b.build();
};
const catalogOf = (ids: string[], category: string[]): ItemCatalog => ({
  ids,
  title: ids,
  description: ids.map(() => ''),
  category,
  price: new Float64Array(ids.length).fill(NaN),
});
const column = (r: ReturnType<typeof logVariables>, name: string) => {
  if (!r.ok) throw new Error(r.reason);
  return Array.from(r.data.table.columns[r.data.table.names.indexOf(name)]);
};

describe('logVariables', () => {
  it('rating log: rating level, activity, popularity, genre shares and recency, hand-computed; a constant genre is left out', () => {
    // a rates i1=5 (day 0) and i2=3 (day 1); b rates i1=2 (day 2). i1 is Drama|Comedy, i2 Drama.
    const log = logOf([
      ['a', 'i1', 'rating', 0, 5],
      ['a', 'i2', 'rating', DAY, 3],
      ['b', 'i1', 'rating', 2 * DAY, 2],
    ]);
    const r = logVariables(log, catalogOf(['i1', 'i2'], ['Drama|Comedy', 'Drama']), 'user');
    expect(r.ok && r.data.kind).toBe('rating');
    expect(r.ok && r.data.ids).toEqual(['a', 'b']);
    expect(column(r, 'rating_mean')).toEqual([4, 2]);
    expect(column(r, 'rating_sd')).toEqual([1, 0]);
    expect(column(r, 'events')).toEqual([2, 1]);
    // i1 has 2 events, i2 one: ln(1 + count) averaged over the user's events.
    const pop = column(r, 'popularity');
    expect(pop[0]).toBeCloseTo((Math.log(3) + Math.log(2)) / 2, 12);
    expect(pop[1]).toBeCloseTo(Math.log(3), 12);
    // Drama is on all 3 events, Comedy on 2: both kept as columns, Drama is 1 for both users.
    expect(column(r, 'cat_Drama')).toEqual([1, 1]);
    expect(column(r, 'cat_Comedy')).toEqual([0.5, 1]);
    expect(column(r, 'recencyDays')).toEqual([1, 0]);
    expect(column(r, 'spanDays')).toEqual([1, 0]);
    expect(r.ok && r.data.defaults).toEqual(['rating_mean', 'events', 'popularity', 'cat_Comedy', 'recencyDays', 'spanDays']);
    expect(r.ok && r.data.notices).toEqual(['"cat_Drama" is 1 for every user, so it is left out of the default variables']);
    expect(r.ok && r.data.constant).toEqual([{ name: 'cat_Drama', value: 1 }]);
  });

  it('e-commerce log: sessions and funnel counts in funnel order, no rating columns', () => {
    // a: view, view 4000 s later (a new session), cart, purchase; b: one view.
    const log = logOf([
      ['a', 'x', 'purchase', 4200, NaN],
      ['a', 'x', 'view', 0, NaN],
      ['a', 'x', 'view', 4000, NaN],
      ['a', 'x', 'cart', 4100, NaN],
      ['b', 'y', 'view', 10, NaN],
    ]);
    const r = logVariables(log, null, 'user');
    expect(r.ok && r.data.kind).toBe('funnel');
    expect(r.ok && r.data.defaults).toEqual(['sessions', 'n_view', 'n_cart', 'n_purchase']);
    expect(column(r, 'sessions')).toEqual([2, 1]);
    expect(column(r, 'n_view')).toEqual([2, 1]);
    expect(column(r, 'n_purchase')).toEqual([1, 0]);
    expect(r.ok && r.data.table.names).not.toContain('rating_mean');
  });

  it('plain interactions without times: activity and popularity; the constant session count is left out with a notice', () => {
    const log = logOf([
      ['a', 'p', 'interaction', NaN, NaN],
      ['a', 'q', 'interaction', NaN, NaN],
      ['b', 'p', 'interaction', NaN, NaN],
    ]);
    const r = logVariables(log, null, 'user');
    expect(r.ok && r.data.kind).toBe('interaction');
    expect(r.ok && r.data.defaults).toEqual(['events', 'popularity']);
    expect(r.ok && r.data.notices).toEqual(['"sessions" is 1 for every user, so it is left out of the default variables']);
  });

  it('the demo keeps its planted variables, and a log whose every column is constant has no defaults but says why', () => {
    const demo = logVariables(demoEventLog(simulateDemo({ users: 200, items: 40, seed: 3 })), null, 'user');
    expect(demo.ok && demo.data.kind).toBe('demo');
    expect(demo.ok && demo.data.defaults).toEqual([...DEFAULT_VARIABLES]);
    const flat = logVariables(
      logOf([
        ['a', 'p', 'rating', NaN, 3],
        ['b', 'p', 'rating', NaN, 3],
      ]),
      null,
      'user',
    );
    expect(flat.ok && flat.data.defaults).toEqual([]);
    expect(flat.ok && flat.data.notices.map((n) => n.split('"')[1])).toEqual(['rating_mean', 'events', 'popularity']);
  });

  it('logKind: values on most events make a rating log; a funnel needs more than one event type', () => {
    expect(logKind(logOf([['a', 'p', 'view', 0, 4]]))).toBe('rating');
    expect(logKind(logOf([['a', 'p', 'view', 0, NaN]]))).toBe('interaction');
  });
});

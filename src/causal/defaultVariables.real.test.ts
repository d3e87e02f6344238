// Every real log in ../shared/data gives a graph with at least one edge from its default variables (PC, α = 0.01):
// the issue #19 check that causal analysis works on real logs, not only the demo. Each dataset skips when absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from '../data/csv/load';
import { bytesSource } from '../data/csv/source';
import { logVariables, type LogKind } from './defaultVariables';
import { discover } from './pipeline';

const DATA = resolve(__dirname, '../../../shared/data');
const has = (rel: string) => existsSync(resolve(DATA, rel));
const source = (rel: string) => bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(resolve(DATA, rel))));

const CASES: { log: string; items?: string; kind: LogKind; includes: string[] }[] = [
  { log: 'ml-100k/u.data', items: 'ml-100k/u.item', kind: 'rating', includes: ['rating_mean', 'events', 'cat_Drama', 'recencyDays'] },
  { log: 'ml-latest-small/ratings.csv', items: 'ml-latest-small/movies.csv', kind: 'rating', includes: ['rating_mean', 'spanDays'] },
  { log: 'taobao-userbehavior-sample/UserBehavior_time_slice.csv', kind: 'funnel', includes: ['n_view', 'n_cart', 'n_purchase'] },
  { log: 'taobao-userbehavior-sample/UserBehavior_user_head.csv', kind: 'funnel', includes: ['sessions', 'n_purchase'] },
  { log: 'rees46-ecommerce-sample/2019-Oct_head.csv', kind: 'funnel', includes: ['sessions', 'n_view', 'n_cart', 'n_purchase'] },
  { log: 'coat/train.csv', kind: 'rating', includes: ['rating_mean', 'popularity'] },
  { log: 'bert4rec-amazon-beauty/beauty.txt', kind: 'interaction', includes: ['events', 'popularity'] },
];

describe('default causal variables on the shared real logs', () => {
  for (const c of CASES) {
    it.skipIf(!has(c.log) || (c.items !== undefined && !has(c.items)))(
      `${c.log}: non-constant defaults and at least one edge`,
      async () => {
        const events = await loadEvents(source(c.log));
        if (!events.ok) throw new Error(events.reason);
        const items = c.items ? await loadItems(source(c.items)) : null;
        if (items && !items.ok) throw new Error(items.reason);
        const vars = logVariables(events.data.log, items?.data.catalog ?? null, 'user');
        if (!vars.ok) throw new Error(vars.reason);
        const { table, defaults, kind } = vars.data;
        expect(kind).toBe(c.kind);
        expect(defaults).toEqual(expect.arrayContaining(c.includes));
        for (const name of defaults) {
          const col = table.columns[table.names.indexOf(name)];
          expect(
            col.some((v) => v !== col[0]),
            `${name} varies`,
          ).toBe(true);
        }
        const r = await discover(table, { variables: defaults, alpha: 0.01, bootstrap: 0, seed: 1 });
        if (!r.ok) throw new Error(r.reason);
        expect(r.data.edges.length).toBeGreaterThan(0);
      },
    );
  }
});

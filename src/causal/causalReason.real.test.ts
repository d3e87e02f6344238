// The causal reason on real logs in ../shared/data (skipped when absent): PC with each log's default variables and
// derived time order, the graph as the Causal view holds it, then the first user's reason. Every variable lands in one
// group; each cause's path is made of directed edges and ends at the outcome; each possible cause's path needs an
// undirected edge; each correlate is associated and has no path.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from '../data/csv/load';
import { bytesSource } from '../data/csv/source';
import { causalReason, defaultOutcome, reasonGraph, type ReasonGraph } from './causalReason';
import { logVariables } from './defaultVariables';
import { discover } from './pipeline';
import { deriveTimeOrder } from './timeOrder';

const DATA = resolve(__dirname, '../../../shared/data');
const has = (rel: string) => existsSync(resolve(DATA, rel));
const source = (rel: string) => bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(resolve(DATA, rel))));

const CASES = [
  { log: 'ml-100k/u.data', items: 'ml-100k/u.item', outcome: 'rating_mean' },
  { log: 'coat/train.csv', outcome: 'rating_mean' },
  { log: 'taobao-userbehavior-sample/UserBehavior_time_slice.csv', outcome: 'n_purchase' },
];

/** How each step of a path is joined in the graph: 'directed' (forward), 'undirected', or null when there is no such edge. */
const steps = (g: ReasonGraph, path: string[]) =>
  path.slice(1).map((to, i) => {
    const from = path[i];
    if (g.edges.some((e) => !e.undirected && e.from === from && e.to === to)) return 'directed';
    if (g.edges.some((e) => e.undirected && ((e.from === from && e.to === to) || (e.from === to && e.to === from)))) return 'undirected';
    return null;
  });

describe('causal reason on the shared real logs', () => {
  for (const c of CASES) {
    it.skipIf(!has(c.log) || (c.items !== undefined && !has(c.items)))(
      `${c.log}: causes, possible causes and correlates`,
      async () => {
        const events = await loadEvents(source(c.log));
        if (!events.ok) throw new Error(events.reason);
        const items = c.items ? await loadItems(source(c.items)) : null;
        const vars = logVariables(events.data.log, items?.ok ? items.data.catalog : null, 'user');
        if (!vars.ok) throw new Error(vars.reason);
        const order = deriveTimeOrder(vars.data.defaults, events.data.log.hasTime);
        const found = await discover(vars.data.table, {
          variables: vars.data.defaults,
          alpha: 0.01,
          bootstrap: 0,
          seed: 1,
          tiers: order ?? undefined,
          timeOrder: order,
        });
        if (!found.ok) throw new Error(found.reason);
        const g = reasonGraph({ nodes: found.data.variables, edges: found.data.edges }, found.data.edges);
        const outcome = defaultOutcome(g.nodes);
        expect(outcome).toBe(c.outcome);
        const r = causalReason(g, vars.data.table, 0, outcome!);
        if (!r.ok) throw new Error(r.reason);
        const { causes, possibleCauses, correlates, unrelated } = r.data;
        const all = [...causes, ...possibleCauses, ...correlates, ...unrelated];
        expect(all.map((f) => f.name).sort()).toEqual(g.nodes.filter((n) => n !== outcome).sort());
        for (const f of causes) {
          expect(f.path!.at(-1)).toBe(outcome);
          expect(steps(g, f.path!).every((s) => s === 'directed')).toBe(true);
        }
        for (const f of possibleCauses) {
          expect(f.path!.at(-1)).toBe(outcome);
          expect(steps(g, f.path!)).not.toContain(null);
          expect(steps(g, f.path!)).toContain('undirected');
        }
        for (const f of correlates) expect(f.associated && f.path === null).toBe(true);
        for (const f of all) expect(f.value).toBe(vars.data.table.columns[vars.data.table.names.indexOf(f.name)][0]);
      },
      60_000,
    );
  }
});

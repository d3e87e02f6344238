import { describe, expect, it } from 'vitest';
import { demoEventLog, simulateDemo } from '../data/demo';
import { toItemCatalog } from '../data/demo/catalog';
import { aggregateUsers } from '../data/demo/aggregates';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { buildVariables, DEFAULT_VARIABLES } from './variables';
import { parseNumericTable } from './numericTable';
import { textSource } from '../data/csv/source';

describe('buildVariables', () => {
  const data = simulateDemo({ users: 300, items: 60, seed: 5 });
  const log = demoEventLog(data);

  it("reproduces the demo's per-user variables exactly", () => {
    const r = buildVariables(log);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.table.names).toEqual([...DEFAULT_VARIABLES]);
    expect(r.data.table.kinds).toEqual(['continuous', 'binary', 'continuous', 'continuous', 'continuous', 'binary']);
    const expected = aggregateUsers(data.events);
    r.data.ids.forEach((id, i) => {
      const row = Object.fromEntries(r.data.table.names.map((n, j) => [n, r.data.table.columns[j][i]]));
      expect(row).toEqual({ ...expected.get(id) });
    });
  });

  it('adds optional columns and per-session rows', () => {
    const r = buildVariables(log, toItemCatalog(data.items), { eventTypeCounts: true, recency: true, categories: 3, price: true });
    expect(r.ok && r.data.table.names.filter((n) => n.startsWith('cat_'))).toHaveLength(3);
    expect(r.ok && r.data.table.names).toContain('price_level');
    expect(r.ok && r.data.table.names).toContain('recencyDays');
    const s = buildVariables(log, null, { unit: 'session' });
    expect(s.ok && s.data.table.names[0]).toBe('priorSessions');
    expect(s.ok && r.ok && s.data.ids.length).toBeGreaterThan(r.ok ? r.data.ids.length : 0);
  });

  it('cuts sessions at 30-minute gaps when the log has no session ids', () => {
    const b = new EventLogBuilder();
    for (const [t, e] of [
      [0, 'view'],
      [600, 'click'],
      [600 + 1801, 'view'],
      [9000, 'purchase'],
    ] as const)
      b.add({ user: 'u', item: 'i', event: e, time: t, value: NaN });
    const r = buildVariables(b.build());
    expect(r.ok && r.data.table.columns[0][0]).toBe(3);
  });
});

describe('parseNumericTable', () => {
  it('reads one numeric column per variable and reports a bad cell with its line', async () => {
    const r = await parseNumericTable(textSource('t.csv', 'a,b,flag\n1.5,2,0\n2.5,3,1\n'));
    expect(r.ok && r.data.names).toEqual(['a', 'b', 'flag']);
    expect(r.ok && r.data.kinds).toEqual(['continuous', 'continuous', 'binary']);
    expect(r.ok && Array.from(r.data.columns[0])).toEqual([1.5, 2.5]);
    const bad = await parseNumericTable(textSource('t.csv', 'a,b\n1,2\n3,x\n'));
    expect(!bad.ok && bad.reason).toMatch(/line 3.*"b".*x/);
  });

  it('fails on a row the reader rejected whole, naming it, instead of reading it as too few fields', async () => {
    const r = await parseNumericTable(textSource('t.csv', 'a,b\n1,2\n"3,4\n5,6\n'));
    expect(!r.ok && r.reason).toMatch(/line 3, column 1: .*quote/);
  });
});

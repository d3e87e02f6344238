import { describe, expect, it } from 'vitest';
import { compareGraphs } from './compare';
import { runPc } from './pc';
import { randomLinearSem, sampleLinearSem } from './simulate';
import { makeTable } from './table';
import { createRng } from '../lib/rng';

describe('PC', () => {
  it('recovers a 10-node linear-Gaussian DAG (n = 5000) within skeleton SHD 2', () => {
    const sem = randomLinearSem(10, 12, 3);
    const table = sampleLinearSem(sem, 5000, 4);
    const r = runPc(table, { alpha: 0.01 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cmp = compareGraphs(r.data.edges, sem.edges);
    expect(cmp.skeletonShd).toBeLessThanOrEqual(2);
    for (const e of r.data.edges) expect(e.pValue).toBeLessThanOrEqual(0.01);
  });

  it('orients a collider and propagates by Meek R1', () => {
    const rng = createRng(1);
    const n = 3000;
    const a = new Float64Array(n),
      b = new Float64Array(n),
      c = new Float64Array(n),
      d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = rng.normal();
      b[i] = rng.normal();
      c[i] = a[i] + b[i] + rng.normal();
      d[i] = c[i] + rng.normal();
    }
    const r = runPc(makeTable(['a', 'b', 'c', 'd'], [a, b, c, d]));
    expect(r.ok && r.data.edges.map((e) => `${e.from}${e.directed ? '->' : '-'}${e.to}`).sort()).toEqual(['a->c', 'b->c', 'c->d']);
  });

  it('is order-independent in its stable variant and honours background knowledge', () => {
    const sem = randomLinearSem(6, 7, 11);
    const table = sampleLinearSem(sem, 2000, 12);
    const perm = [5, 3, 1, 0, 4, 2];
    const shuffled = makeTable(
      perm.map((j) => table.names[j]),
      perm.map((j) => table.columns[j]),
    );
    const key = (r: ReturnType<typeof runPc>) => (r.ok ? r.data.edges.map((e) => [e.from, e.to].sort().join('-')).sort() : []);
    expect(key(runPc(shuffled))).toEqual(key(runPc(table)));
    // Forbid a true edge both ways: it disappears. Require one direction: it appears directed.
    const e = sem.edges[0];
    const without = runPc(table, {
      knowledge: {
        forbidden: [
          [e.from, e.to],
          [e.to, e.from],
        ],
      },
    });
    expect(without.ok && without.data.edges.some((x) => [x.from, x.to].sort().join() === [e.from, e.to].sort().join())).toBe(false);
    const req = runPc(table, { knowledge: { required: [[e.to, e.from]] } });
    expect(req.ok && req.data.edges.some((x) => x.from === e.to && x.to === e.from && x.directed)).toBe(true);
    const bad = runPc(table, { knowledge: { tiers: [['nope']] } });
    expect(!bad.ok && bad.reason).toMatch(/unknown variable/);
  });
});

describe('bootstrap stability', () => {
  it('gives strong edges of a small DAG frequencies near 1 and is seeded', async () => {
    const { bootstrapEdges } = await import('./stability');
    const sem = randomLinearSem(5, 4, 21);
    const table = sampleLinearSem(sem, 800, 22);
    const discover = (t: typeof table) => {
      const r = runPc(t);
      return r.ok ? { ok: true as const, data: r.data.edges } : r;
    };
    const a = await bootstrapEdges(table, discover, 8, 5);
    const b = await bootstrapEdges(table, discover, 8, 5);
    expect(a).toEqual(b);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    for (const e of sem.edges) {
      const s = a.data.find((x) => [x.from, x.to].sort().join() === [e.from, e.to].sort().join());
      expect(s?.adjacency ?? 0).toBeGreaterThanOrEqual(0.75);
    }
  });

  it('refuses alpha and maxDepth outside their ranges before testing anything', () => {
    const rng = createRng(2);
    const cols = [0, 1, 2].map(() => Float64Array.from({ length: 50 }, () => rng.normal()));
    const table = makeTable(['a', 'b', 'c'], cols);
    expect(runPc(table, { alpha: 2 })).toEqual({ ok: false, reason: 'alpha must be a number in (0, 1) (got 2)' });
    expect(runPc(table, { alpha: NaN })).toEqual({ ok: false, reason: 'alpha must be a number in (0, 1) (got NaN)' });
    expect(runPc(table, { maxDepth: -1 })).toEqual({ ok: false, reason: 'maxDepth must be an integer in [0, 64] (got -1)' });
    expect(runPc(table, { alpha: 0.05, maxDepth: 2 }).ok).toBe(true);
  });
});

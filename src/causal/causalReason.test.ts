import { describe, expect, it } from 'vitest';
import { causalReason, defaultOutcome, pathSteps, reasonGraph, type ReasonGraph } from './causalReason';
import { makeTable } from './table';

// a → b → y (a chain: both causes), b — c undirected (stored b→c: c is only a possible cause), y → k ← w (a collider at
// k: w must not become a cause, k is the outcome's child), e isolated and constant.
const graph: ReasonGraph = {
  nodes: ['a', 'b', 'c', 'w', 'k', 'e', 'y'],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'y' },
    { from: 'b', to: 'c', undirected: true },
    { from: 'y', to: 'k' },
    { from: 'w', to: 'k' },
  ],
};
const col = (...v: number[]) => Float64Array.from(v);
const table = makeTable(
  ['y', 'a', 'b', 'c', 'w', 'k', 'e'],
  [
    col(0, 0, 0, 1, 1, 1),
    col(1, 2, 3, 4, 5, 6),
    col(0, 1, 0, 1, 1, 1),
    col(3, 1, 4, 1, 5, 9),
    col(1, 0, 0, 1, 1, 0),
    col(1, 2, 3, 4, 5, 6),
    col(2, 2, 2, 2, 2, 2),
  ],
);
const names = (xs: { name: string }[]) => xs.map((x) => x.name);

describe('causalReason', () => {
  const r = causalReason(graph, table, 3, 'y');
  if (!r.ok) throw new Error(r.reason);
  const all = [...r.data.causes, ...r.data.possibleCauses, ...r.data.correlates, ...r.data.unrelated];
  const get = (name: string) => all.find((f) => f.name === name)!;

  it('calls ancestors along directed edges causes, through a chain, with the path', () => {
    expect(names(r.data.causes)).toEqual(['a', 'b']);
    expect(get('a').path).toEqual(['a', 'b', 'y']);
    expect(get('b').path).toEqual(['b', 'y']);
  });

  it('makes a node reached only through an undirected edge a possible cause, whichever way the edge is stored', () => {
    expect(names(r.data.possibleCauses)).toEqual(['c']);
    expect(get('c').path).toEqual(['c', 'b', 'y']);
    expect(pathSteps(graph, get('c').path!)).toEqual(['undirected', 'directed']);
    expect(pathSteps(graph, get('a').path!)).toEqual(['directed', 'directed']);
  });

  it('does not make a collider parent or a child of the outcome a cause', () => {
    expect(get('w').role).toBe('unrelated');
    expect(get('k').role).toBe('correlate');
    expect(names(r.data.correlates)).toEqual(['k']);
    expect(names(r.data.unrelated)).toEqual(['w', 'e']);
  });

  it('gives the user value, the median and the correlation with its Fisher-z CI', () => {
    // a = 1..6 against y = 0,0,0,1,1,1: Σ(x−x̄)(y−ȳ) = 4.5, Σ(x−x̄)² = 17.5, Σ(y−ȳ)² = 1.5.
    const rA = 4.5 / Math.sqrt(17.5 * 1.5);
    const a = get('a');
    expect(a.value).toBe(4);
    expect(a.median).toBe(3.5);
    expect(a.r).toBeCloseTo(rA, 12);
    const half = 1.959963984540054 / Math.sqrt(3);
    expect(a.ci95![0]).toBeCloseTo(Math.tanh(Math.atanh(rA) - half), 9);
    expect(a.ci95![1]).toBeCloseTo(Math.tanh(Math.atanh(rA) + half), 9);
    expect(a.associated).toBe(true);
    // w: Σ = 0.5 over 1.5 → r = 1/3, whose CI covers 0 with 6 rows.
    expect(get('w').r).toBeCloseTo(1 / 3, 12);
    expect(get('w').associated).toBe(false);
    // A constant column has no correlation.
    expect(get('e')).toMatchObject({ r: null, ci95: null, associated: false, value: 2, median: 2 });
    expect(r.data.rows).toBe(6);
  });

  it('keeps a cause a cause even when the data show no association (the graph decides)', () => {
    // b = 0,1,0,1,1,1: r = 1/√(4/3 · 1.5) ≈ 0.707, whose CI covers 0 with 6 rows.
    expect(get('b').r).toBeCloseTo(1 / Math.sqrt(2), 12);
    expect(get('b').associated).toBe(false);
    expect(get('b').role).toBe('cause');
  });

  it('leaves values empty without a user row, and refuses an outcome the graph lacks or a row out of range', () => {
    const none = causalReason(graph, table, null, 'y');
    expect(none.ok && none.data.causes[0].value).toBe(null);
    expect(causalReason(graph, table, 0, 'purchased')).toEqual({ ok: false, reason: 'the graph has no node "purchased"' });
    expect(causalReason(graph, table, 6, 'y').ok).toBe(false);
  });

  it('marks a graph variable missing from the table as unrelated, without figures', () => {
    const g: ReasonGraph = { nodes: ['zz', 'y'], edges: [] };
    const x = causalReason(g, table, 0, 'y');
    expect(x.ok && x.data.unrelated[0]).toMatchObject({ name: 'zz', value: null, median: null, r: null });
  });

  it('reads undirected edges from discovery, either way round, onto the analyst DAG', () => {
    const dag = {
      nodes: ['a', 'b', 'y'],
      edges: [
        { from: 'b', to: 'a' },
        { from: 'a', to: 'y' },
      ],
    };
    const g = reasonGraph(dag, [
      { from: 'a', to: 'b', directed: false },
      { from: 'a', to: 'y', directed: true },
    ]);
    expect(g.edges).toEqual([
      { from: 'b', to: 'a', undirected: true },
      { from: 'a', to: 'y', undirected: false },
    ]);
  });

  it('reads the last estimated outcome, else purchase, a funnel purchase count or the rating level, else the last node', () => {
    expect(defaultOutcome(['sessions', 'purchased', 'carts'], 'carts')).toBe('carts');
    expect(defaultOutcome(['sessions', 'purchased', 'carts'], 'gone')).toBe('purchased');
    expect(defaultOutcome(['n_view', 'n_purchase', 'price_level'])).toBe('n_purchase');
    expect(defaultOutcome(['events', 'rating_mean', 'spanDays'])).toBe('rating_mean');
    expect(defaultOutcome(['a', 'b'])).toBe('b');
    expect(defaultOutcome([])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { addEdge, dagFromEdges, parseGraphJson, reverseEdge, toDot, type Dag } from './graph';
import { dSeparated, findAdjustmentSet, isBackdoorSet } from './dsep';

const dag = (edges: string): Dag => {
  const r = dagFromEdges(
    [],
    edges.split(/\s+/).map((s) => {
      const [from, to] = s.split('>');
      return { from, to };
    }),
  );
  if (!r.ok) throw new Error(r.reason);
  return r.data;
};

describe('Dag editing', () => {
  it('refuses an edge that closes a cycle and names the cycle', () => {
    const g = dag('a>b b>c');
    const r = addEdge(g, 'c', 'a');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('adding c→a would create the cycle c → a → b → c');
    expect(reverseEdge(dag('a>b b>c a>c'), 'a', 'c').ok).toBe(false);
    expect(reverseEdge(g, 'a', 'b').ok).toBe(true);
  });
  it('reads the demo truth.json shape and writes DOT', () => {
    const r = parseGraphJson(JSON.stringify({ edges: [{ from: 'sessions', to: 'exposed' }], effects: {} }));
    expect(r.ok && r.data.nodes).toEqual(['sessions', 'exposed']);
    expect(parseGraphJson('{"edges":[{"from":"a","to":"b"},{"from":"b","to":"a"}]}').ok).toBe(false);
    expect(toDot(dag('a>b'))).toContain('"a" -> "b";');
  });
});

describe('d-separation', () => {
  const g = dag('a>c b>c c>d');
  it('follows chains, forks and colliders', () => {
    expect(dSeparated(g, ['a'], ['b'], [])).toBe(true);
    expect(dSeparated(g, ['a'], ['b'], ['c'])).toBe(false);
    expect(dSeparated(g, ['a'], ['b'], ['d'])).toBe(false); // descendant of a collider opens it
    expect(dSeparated(g, ['a'], ['d'], ['c'])).toBe(true);
    expect(dSeparated(dag('c>a c>b'), ['a'], ['b'], ['c'])).toBe(true);
  });
});

describe('back-door adjustment', () => {
  it('confounding triangle: adjust for the common cause', () => {
    const r = findAdjustmentSet(dag('z>x z>y x>y'), 'x', 'y');
    expect(r.ok && r.data.set).toEqual(['z']);
  });
  it('M-bias: the empty set is valid, the collider alone is not', () => {
    const g = dag('a>x a>m b>m b>y x>y');
    expect(isBackdoorSet(g, 'x', 'y', [])).toBe(true);
    expect(isBackdoorSet(g, 'x', 'y', ['m'])).toBe(false);
    expect(isBackdoorSet(g, 'x', 'y', ['m', 'a'])).toBe(true);
    const r = findAdjustmentSet(g, 'x', 'y');
    expect(r.ok && r.data.set).toEqual([]);
  });
  it("Pearl's seven-node graph: {z3} alone fails, a minimal set adds z1 or z2", () => {
    const g = dag('z1>z3 z2>z3 z1>x z3>x z2>y z3>y x>w w>y');
    expect(isBackdoorSet(g, 'x', 'y', ['z3'])).toBe(false);
    expect(isBackdoorSet(g, 'x', 'y', ['z1', 'z3'])).toBe(true);
    expect(isBackdoorSet(g, 'x', 'y', ['z2', 'z3'])).toBe(true);
    expect(isBackdoorSet(g, 'x', 'y', ['z1', 'z3', 'w'])).toBe(false); // w is a descendant of x
    const r = findAdjustmentSet(g, 'x', 'y');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.set).toHaveLength(2);
      expect(isBackdoorSet(g, 'x', 'y', r.data.set)).toBe(true);
    }
  });
  it('explains why no set exists', () => {
    const r = findAdjustmentSet(dag('u>x u>y x>y'), 'x', 'y', { observed: ['x', 'y'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/unobserved parent\(s\) u/);
    const back = findAdjustmentSet(dag('y>x'), 'x', 'y');
    expect(!back.ok && back.reason).toMatch(/ancestor/);
  });
});

import { describe, expect, it } from 'vitest';
import { dagLayout } from './dagLayout';

describe('dagLayout', () => {
  it('places a chain left to right and styles edges by stability and sign', () => {
    const l = dagLayout(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b', weight: 2, stability: 1 },
        { from: 'b', to: 'c', weight: -1, stability: 0.2 },
      ],
    );
    const x = Object.fromEntries(l.nodes.map((n) => [n.id, n.x]));
    expect(x.a).toBeLessThan(x.b);
    expect(x.b).toBeLessThan(x.c);
    expect(l.edges[0].strokeWidth).toBeGreaterThan(l.edges[1].strokeWidth);
    expect(l.edges.map((e) => e.colour)).toEqual(['#0072B2', '#D55E00']);
    expect(l.edges.every((e) => e.points.length >= 2)).toBe(true);
  });
});

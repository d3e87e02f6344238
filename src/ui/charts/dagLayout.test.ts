import { describe, expect, it } from 'vitest';
import { dagLayout } from './dagLayout';

describe('dagLayout', () => {
  it('widens a node to its name up to a limit, and clips a longer name inside its box', () => {
    const names = ['sessions', 'cat_electronics.smartphone', 'cat_appliances.kitchen.refrigerators'];
    const l = dagLayout(names, [{ from: names[2], to: names[1] }]);
    const [short, mid, long] = l.nodes;
    expect([short.w, short.label]).toEqual([110, 'sessions']);
    expect(mid.w).toBeGreaterThan(110);
    expect(mid.label).toBe('cat_electronics.smartphone');
    expect(long.w).toBe(220);
    expect(long.label.endsWith('…')).toBe(true);
    expect(long.label.length).toBeLessThan(names[2].length);
    // No box overlaps another or leaves the drawing.
    for (const n of l.nodes) expect(n.x - n.w / 2).toBeGreaterThanOrEqual(0);
    for (const n of l.nodes) expect(n.x + n.w / 2).toBeLessThanOrEqual(l.width);
  });

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

import { describe, expect, it } from 'vitest';
import { tokenHeatmapLayout } from './tokenLayout';

describe('token heatmap layout', () => {
  it('one symmetric scale over every class: equal magnitudes get mirrored colours, zero is white, strong fills get light ink', () => {
    const l = tokenHeatmapLayout({
      words: ['viewed', 'shoes', 'then'],
      rows: [
        { label: 'buy', values: [2, -2, 0] },
        { label: 'not', values: [1, NaN, -0.5] },
      ],
    });
    expect(l.max).toBe(2);
    const [up, down, zero] = l.rows[0].cells;
    expect(up.fill).not.toBe(down.fill);
    // Zero sits at the scale's neutral midpoint: a near-white grey, the same for every row.
    expect(zero.fill).toBe(tokenHeatmapLayout({ words: ['x'], rows: [{ label: 'a', values: [0] }] }).rows[0].cells[0].fill);
    expect(zero.fill).toMatch(/^rgb\((2[3-5]\d), (2[3-5]\d), (2[3-5]\d)\)$/);
    expect([up.ink, down.ink, zero.ink]).toEqual(['#fff', '#fff', '#111']);
    expect(l.rows[1].cells[1].fill).toBe('#ccc');
    expect(l.rows[1].cells.map((c) => c.word)).toEqual(['viewed', 'shoes', 'then']);
  });
});

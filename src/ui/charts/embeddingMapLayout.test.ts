import { describe, expect, it } from 'vitest';
import { categoryKey, embeddingMapLayout, OTHER, type MapPoint } from './embeddingMapLayout';
import { OKABE_ITO } from './palette';

const pt = (x: number, y: number, category: string | null = null, interactions = 1): MapPoint => ({ x, y, category, interactions });
const none = { history: [], recommended: [] };
const round = (v: number) => String(Math.round(v * 100) / 100);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : escape(v)}"`)
    .join('');
  return text === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${escape(text)}</${tag}>`;
};

describe('embeddingMapLayout', () => {
  it('maps the data range onto the plot with a 4% pad, the legend kept to the right', () => {
    const l = embeddingMapLayout([pt(0, 0), pt(10, 5), pt(5, 2.5)], 'category', none, 400, 300, 'light', 100);
    // x domain [−0.4, 10.4] onto [8, 400 − 112]: x = 0 lands at 8 + 0.4/10.8 · 280.
    const byI = new Map(l.dots.map((d) => [d.i, d]));
    expect(byI.get(0)!.cx).toBeCloseTo(8 + (0.4 / 10.8) * 280, 6);
    expect(byI.get(1)!.cx).toBeCloseTo(288 - (0.4 / 10.8) * 280, 6);
    // y grows upwards: the larger y is nearer the top.
    expect(byI.get(1)!.cy).toBeLessThan(byI.get(0)!.cy);
    expect(byI.get(2)!.cy).toBeCloseTo(150, 6);
    expect(l.legendX).toBe(300);
  });

  it('colours the most common first-listed categories, the rest as other, none apart', () => {
    const cats = ['Drama|Romance', 'Drama', 'Comedy', null, ...Array.from({ length: 9 }, (_, i) => `C${i}`), 'C0'];
    const l = embeddingMapLayout(
      cats.map((c, i) => pt(i, i, c)),
      'category',
      none,
      500,
      300,
    );
    // Drama 2, C0 2, then the nine with one each in name order: Comedy, C1 … C8 → Comedy … C6 coloured, C7 and C8 other.
    expect(l.legend.map((e) => [e.key, e.label, e.count])).toEqual([
      ['category', 'C0', 2],
      ['category', 'Drama', 2],
      ['category', 'C1', 1],
      ['category', 'C2', 1],
      ['category', 'C3', 1],
      ['category', 'C4', 1],
      ['category', 'C5', 1],
      ['category', 'C6', 1],
      ['other', '', 3],
      ['none', '', 1],
    ]);
    const fill = new Map(l.dots.map((d) => [d.i, d.fill]));
    expect(fill.get(0)).toBe(OKABE_ITO[1]);
    expect(fill.get(1)).toBe(OKABE_ITO[1]);
    expect(fill.get(2)).toBe(OTHER);
    expect(fill.get(3)).toBe(OTHER);
    expect(categoryKey(' Film-Noir |Crime')).toBe('Film-Noir');
    // The eighth colour, Okabe–Ito's black, turns light on the dark theme.
    const dark = embeddingMapLayout(
      cats.map((c, i) => pt(i, i, c)),
      'category',
      none,
      500,
      300,
      'dark',
    );
    expect(l.legend[7].fill).toBe('#000000');
    expect(dark.legend[7].fill).toBe('#e8eaed');
    expect(dark.dots.some((d) => d.fill === '#000000')).toBe(false);
  });

  it('bins popularity at the quantiles and labels each bin with its count range', () => {
    const counts = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55];
    const l = embeddingMapLayout(
      counts.map((c, i) => pt(i, 0, null, c)),
      'popularity',
      none,
      400,
      200,
    );
    expect(l.legend.map((e) => [e.label, e.count])).toEqual([
      ['1', 2],
      ['2–3', 2],
      ['4–8', 2],
      ['9–21', 2],
      ['22–55', 2],
    ]);
    // Equal quantiles merge: all-equal counts make one bin.
    const flat = embeddingMapLayout([pt(0, 0, null, 4), pt(1, 1, null, 4), pt(2, 2, null, 4)], 'popularity', none, 400, 200);
    expect(flat.legend.map((e) => [e.label, e.count])).toEqual([['4', 3]]);
  });

  it("draws the user's history and recommendations on top, larger, with the rest dimmed", () => {
    const l = embeddingMapLayout([pt(0, 0), pt(1, 1), pt(2, 2), pt(3, 3)], 'category', { history: [2, 1], recommended: [0, 1] }, 400, 300);
    expect(l.dots.map((d) => [d.i, d.role, d.r, d.opacity])).toEqual([
      [3, 'item', 2.5, 0.3],
      [2, 'history', 4.5, 1],
      [0, 'recommended', 6, 1],
      [1, 'recommended', 6, 1],
    ]);
    expect(embeddingMapLayout([pt(0, 0), pt(1, 1), pt(2, 2)], 'category', none, 400, 300).dots[0].opacity).toBe(0.75);
  });

  it('matches its SVG snapshot (the marks EmbeddingMap.tsx draws)', async () => {
    const points = [
      pt(-1.2, 0.4, 'Drama|Romance', 120),
      pt(0.3, -0.8, 'Comedy', 14),
      pt(1.1, 1.3, 'Drama', 310),
      pt(0.2, 0.1, null, 2),
      pt(-0.4, -1.1, 'Film-Noir', 45),
      pt(0.9, -0.2, 'Comedy|Drama', 77),
    ];
    const l = embeddingMapLayout(points, 'category', { history: [0, 2], recommended: [5] }, 480, 240);
    const lines = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}">`,
      ...l.dots.map(
        (d) => `  ${el('circle', { cx: d.cx, cy: d.cy, r: d.r, fill: d.fill, class: `dot ${d.role}`, 'fill-opacity': d.opacity })}`,
      ),
      ...l.legend.map((e) => `  ${el('circle', { cx: e.x + 6, cy: e.y, r: 5, fill: e.fill })}`),
      ...l.legend.map((e) => `  ${el('text', { x: e.x + 16, y: e.y, dy: '0.35em' }, `${e.label || e.key} (${e.count})`)}`),
      '</svg>',
      '',
    ];
    await expect(lines.join('\n')).toMatchFileSnapshot('./__snapshots__/embeddingMapLayout.svg');
  });
});

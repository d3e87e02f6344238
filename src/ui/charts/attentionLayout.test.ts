// The attention head view and rollout strip as SVG snapshots (the marks AttentionHeadChart and RolloutChart draw, numbers
// rounded to 0.01), in both themes, plus the relations a reader relies on: columns of both charts line up, labels are
// clipped with the full text kept, the ramp's low end is near the panel colour of each theme.
import { color } from 'd3';
import { describe, expect, it } from 'vitest';
import { attentionHeadLayout, attentionRamp, EARLIER_WIDTH, ROW_LABEL_WIDTH, type AttentionHeadInput } from './attentionLayout';
import { rolloutLayout } from './rolloutLayout';

const round = (v: number) => String(Math.round(v * 100) / 100);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : escape(v)}"`)
    .join('');
  return text === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${escape(text)}</${tag}>`;
};
const svg = (width: number, height: number, marks: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}">\n${marks.map((m) => `  ${m}`).join('\n')}\n</svg>\n`;

const input: AttentionHeadInput = {
  labels: ['Toy Story (1995) · #4 rating', 'A title much longer than the label room left for it · #5 rating', 'Fargo (1996) · #6 rating'],
  values: [
    [0.6, 0, 0],
    [0.2, 0.5, 0],
    [0.1, 0.3, 0.4],
  ],
  earlier: [0.4, 0.3, 0.2],
  hidden: 3,
  read: 2,
};

function headSvg(theme: 'light' | 'dark', scale: 'map' | 'row' = 'map') {
  const l = attentionHeadLayout(input, { cell: 24, theme, scale });
  return svg(l.width, l.height, [
    ...l.rowLabels.map((d) => el('text', { x: d.x, y: d.y, 'text-anchor': 'end', 'font-weight': d.read ? 'bold' : 'normal' }, d.text)),
    ...l.columnLabels.map((d) => el('text', { transform: `translate(${round(d.x)},${round(d.y)}) rotate(-60)` }, d.text)),
    ...(l.earlier ? [el('text', { x: l.earlier.header.x, y: l.earlier.header.y }, 'earlier')] : []),
    ...(l.earlier?.rows ?? []).map((d) => el('text', { x: d.x, y: d.y, 'text-anchor': 'middle' }, `${Math.round(d.v * 100)}%`)),
    ...l.cells.map((d) => el('rect', { x: d.x, y: d.y, width: d.w, height: d.h, fill: d.fill })),
    ...l.legend.stops.map((s) => el('stop', { offset: s.offset, 'stop-color': s.colour })),
    el('rect', { x: l.legend.x, y: l.legend.y, width: l.legend.w, height: l.legend.h }),
    ...l.legend.ticks.map((t) => el('text', { x: t.x, y: l.legend.y + 22 }, round(t.v))),
  ]);
}

describe('attentionHeadLayout', () => {
  it('light theme: cells, clipped labels on both axes, the earlier column and the legend', async () => {
    await expect(headSvg('light')).toMatchFileSnapshot('./__snapshots__/attentionHeadLayout.light.svg');
  });
  it('dark theme: the same geometry with the dark ramp', async () => {
    await expect(headSvg('dark')).toMatchFileSnapshot('./__snapshots__/attentionHeadLayout.dark.svg');
  });

  it('row scale: each row from 0 to its own largest cell', async () => {
    await expect(headSvg('light', 'row')).toMatchFileSnapshot('./__snapshots__/attentionHeadLayout.row.svg');
    const l = attentionHeadLayout(input, { cell: 24, theme: 'dark', scale: 'row' });
    const top = attentionRamp('dark')(1);
    // Each row's largest cell (0.6, 0.5, 0.4) takes the top colour; the map scale gives it only to 0.6.
    expect(l.cells.filter((c) => c.fill === top).map((c) => [c.q, c.k])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const map = attentionHeadLayout(input, { cell: 24, theme: 'dark', scale: 'map' });
    expect(map.cells.filter((c) => c.fill === top).map((c) => [c.q, c.k])).toEqual([[0, 0]]);
    expect(l.legend.ticks.map((t) => t.v)).toEqual([0, 1]);
  });

  it('keeps the full label for hover, scales colour to the largest cell, and leaves no wide gap between cells', () => {
    const l = attentionHeadLayout(input, { cell: 24, theme: 'light', clip: 24 });
    expect(l.rowLabels[1].full).toBe(input.labels[1]);
    expect(l.rowLabels[1].text).toHaveLength(24);
    expect(l.rowLabels[1].text.endsWith('…')).toBe(true);
    expect(l.max).toBe(0.6);
    const [a, b] = l.cells;
    expect(b.x - (a.x + a.w)).toBeLessThan(2);
    expect(l.cells[0].x).toBe(ROW_LABEL_WIDTH + EARLIER_WIDTH);
    // The legend and its max label fit inside the chart.
    expect(l.legend.ticks[1].x + 30).toBeLessThanOrEqual(l.width);
    // Without hidden positions there is no earlier column.
    expect(attentionHeadLayout({ ...input, hidden: 0 }, { cell: 24, theme: 'light' }).earlier).toBeNull();
  });
});

describe('attentionRamp', () => {
  const lightness = (c: string) => {
    const { r, g, b } = color(c)!.rgb();
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  it('starts near the panel colour of each theme and ends in strong contrast with it', () => {
    // Panels: #ffffff (light), #1d2128 (dark).
    expect(lightness(attentionRamp('light')(0))).toBeGreaterThan(0.9);
    expect(lightness(attentionRamp('light')(1))).toBeLessThan(0.25);
    expect(lightness(attentionRamp('dark')(0))).toBeLessThan(0.2);
    // Bright against the dark panel, but not white: a full row of top cells must not glare.
    expect(lightness(attentionRamp('dark')(1))).toBeGreaterThan(0.7);
    expect(lightness(attentionRamp('dark')(1))).toBeLessThan(0.85);
  });
});

describe('rolloutLayout', () => {
  const strip = { labels: input.labels, values: [0.1, 0.25, 0.5], earlier: 0.15, hidden: 3, read: 2 };
  const left = ROW_LABEL_WIDTH + EARLIER_WIDTH;

  it('draws bars in the head view columns, the earlier bar in its column, values on the largest bars', async () => {
    const l = rolloutLayout(strip, { cell: 24, theme: 'light', left, labelled: 2 });
    const out = svg(l.width, l.height, [
      el('line', { x1: l.baseline.x1, x2: l.baseline.x2, y1: l.baseline.y, y2: l.baseline.y }),
      ...(l.earlier ? [el('rect', { x: l.earlier.x, y: l.earlier.y, width: l.earlier.w, height: l.earlier.h })] : []),
      ...l.bars.map((d) => el('rect', { x: d.x, y: d.y, width: d.w, height: d.h, fill: d.fill })),
      ...l.bars.filter((d) => d.valueLabel).map((d) => el('text', { x: d.x + d.w / 2, y: d.y - 3 }, `${Math.round(d.v * 100)}%`)),
      ...l.labels.map((d) => el('text', { transform: `translate(${round(d.x)},${round(d.y)}) rotate(-60)`, 'text-anchor': 'end' }, d.text)),
    ]);
    await expect(out).toMatchFileSnapshot('./__snapshots__/rolloutLayout.svg');
  });

  it('lines its bars up with the head view columns, heights in proportion to the shares', () => {
    const head = attentionHeadLayout(input, { cell: 24, theme: 'light' });
    const l = rolloutLayout(strip, { cell: 24, theme: 'light', left });
    l.bars.forEach((b, i) => expect(b.x).toBeCloseTo(head.cells[i].x, 6));
    expect(l.bars[2].h / l.bars[1].h).toBeCloseTo(2, 6);
    expect(l.earlier!.h / l.bars[0].h).toBeCloseTo(1.5, 6);
    const two = rolloutLayout(strip, { cell: 24, theme: 'light', left, labelled: 2 });
    expect(two.bars.filter((b) => b.valueLabel).map((b) => b.i)).toEqual([1, 2]);
    expect(rolloutLayout({ ...strip, hidden: 0 }, { cell: 24, theme: 'light', left }).earlier).toBeNull();
  });
});

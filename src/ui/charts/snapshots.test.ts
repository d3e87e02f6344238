// SVG snapshots of chart layouts (as Observable Plot's test/plot-snapshot.js): each layout is drawn with the marks its
// component draws, numbers rounded to 0.01 so float noise does not churn, and compared with a file under __snapshots__.
// A layout change shows up as a diff of that file; review it, then accept it with `npx vitest run -u`.
import { describe, expect, it } from 'vitest';
import { activityLayout } from './activityLayout';
import { barLayout } from './barLayout';
import { ciBarLayout } from './ciBarLayout';
import { dagLayout } from './dagLayout';
import { heatmapLayout } from './heatmapLayout';
import { lineLayout } from './lineLayout';
import { longTailLayout } from './longTailLayout';
import { tokenHeatmapLayout } from './tokenLayout';
import { contributorsLayout } from './contributorsLayout';
import { brushedRange, timelineLayout } from './timelineLayout';

type Attrs = Record<string, string | number>;

const round = (v: number) => String(Math.round(v * 100) / 100);
/** Every number in path data and transforms, rounded like numeric attributes are (colours and labels are left alone). */
const roundAll = (s: string) => s.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (m) => round(Number(m)));
const GEOMETRY = new Set(['d', 'transform']);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One element per line, attributes in the order given: stable and readable in a diff. */
function el(tag: string, attrs: Attrs, text?: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : escape(GEOMETRY.has(k) ? roundAll(v) : v)}"`)
    .join('');
  return text === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${escape(text)}</${tag}>`;
}

function svg(width: number, height: number, groups: string[][]): string {
  const body = groups.map((g) => ['  <g>', ...g.map((e) => `    ${e}`), '  </g>'].join('\n')).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}">\n${body}\n</svg>\n`;
}

/** A layout's positions as JSON, numbers rounded like the SVG's (for layouts whose unit tests check relations only). */
const positions = (layout: unknown) => `${JSON.stringify(layout, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v), 2)}\n`;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

describe('chart layout snapshots', () => {
  it('heatmapLayout: cells, diverging fills (NaN grey), row and rotated column labels', async () => {
    const l = heatmapLayout({
      rows: ['The Matrix (1999)', 'A recommendation whose title is longer than twenty-eight characters', 'Heat'],
      columns: ['view: Alien', 'cart: Aliens', 'purchase: a column label longer than 22', 'view: Up'],
      values: [
        [0.5, -0.25, 0, 1],
        [-1, 0.125, Number.NaN, -0.5],
        [0.75, -0.75, 0.01, -0.01],
      ],
    });
    // The marks Heatmap.tsx draws, without its handlers.
    const out = svg(l.width, l.height, [
      l.rowLabels.map((d) => el('text', { x: d.x, y: d.y, dy: '0.35em', 'text-anchor': 'end' }, clip(d.label, 28))),
      l.columnLabels.map((d) => el('text', { transform: `translate(${d.x},${d.y}) rotate(-60)`, dy: '0.35em' }, clip(d.label, 22))),
      l.cells.map((d) => el('rect', { x: d.x, y: d.y, width: d.w, height: d.h, fill: d.fill })),
    ]);
    await expect(out).toMatchFileSnapshot('./__snapshots__/heatmapLayout.svg');
  });

  it('lineLayout: one y scale per series (a flat one too), x ticks, grid of the first series, last-value labels', async () => {
    const l = lineLayout(
      [
        { name: 'loss', colour: '#d62728', points: [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 2.5 / (1 + x) })) },
        { name: 'NDCG@10', colour: '#1f77b4', points: [1, 3, 5].map((x) => ({ x, y: 0.1 + 0.03 * x })) },
        { name: 'flat', colour: '#2ca02c', points: [0, 5].map((x) => ({ x, y: 0.5 })) },
      ],
      560,
      180,
    );
    // The marks LineChart.tsx draws (format: two decimals), without the title.
    const first = l.paths[0];
    const out = svg(l.width, l.height, [
      first.yTicks.map((d) => el('line', { x1: l.margin.left, x2: l.width - l.margin.right, y1: d.y, y2: d.y })),
      first.yTicks.map((d) => el('text', { x: l.margin.left - 6, y: d.y, dy: '0.35em', 'text-anchor': 'end' }, d.v.toFixed(2))),
      l.xTicks.map((d) => el('text', { x: d.x, y: l.height - 6, 'text-anchor': 'middle' }, String(d.v))),
      l.paths.map((d) => el('path', { d: d.d, fill: 'none', stroke: d.colour, 'stroke-width': 2 })),
      l.paths
        .filter((p) => p.last)
        .map((d) => el('text', { x: d.last!.x - 4, y: d.last!.y - 6, fill: d.colour }, `${d.name} ${d.last!.value.toFixed(2)}`)),
      // Each series' own y ticks are part of the layout even where the chart draws only the first axis.
      l.paths.map((d) => el('desc', { series: d.name, 'y-ticks': d.yTicks.map((t) => `${round(t.v)}@${round(t.y)}`).join(' ') })),
    ]);
    await expect(out).toMatchFileSnapshot('./__snapshots__/lineLayout.svg');
  });
  it('contributorsLayout: bars up and down from a zero line, an "others" bar, values in their own column', async () => {
    const l = contributorsLayout(
      [
        { label: 'Aristocats, The (1970) · rated 2★ · 1997-10-05', value: 0.42 },
        { label: 'Heat (1995) · rated 5★ · 1997-10-01', value: 0.1 },
        { label: 'Up (2009) · rated 1★ · 1997-09-30', value: -0.25 },
        { label: '268 other events', value: 0.05, others: true },
      ],
      640,
    );
    // The marks ContributorsChart.tsx draws, without titles.
    const out = svg(l.width, l.height, [
      [el('line', { x1: l.zero.x, x2: l.zero.x, y1: l.zero.y1, y2: l.zero.y2 })],
      l.bars.map((d) => el('text', { x: l.labelX, y: d.cy, dy: '0.35em', 'text-anchor': 'end' }, clip(d.label, 54))),
      l.bars.map((d) => el('rect', { x: d.x, y: d.y, width: d.w, height: d.h, fill: d.fill })),
      l.bars.map((d) => el('text', { x: l.valueX, y: d.cy, dy: '0.35em' }, d.value.toFixed(3))),
    ]);
    await expect(out).toMatchFileSnapshot('./__snapshots__/contributorsLayout.svg');
  });

  it('timelineLayout: one bar per event on the diverging scale; a brushed pixel range maps back to events', async () => {
    const l = timelineLayout([0.5, -0.25, 0, Number.NaN, 1], 116, 28);
    const out = svg(l.width, l.height, [l.ticks.map((d) => el('rect', { x: d.x, y: d.y, width: d.w, height: d.h, fill: d.fill }))]);
    await expect(out).toMatchFileSnapshot('./__snapshots__/timelineLayout.svg');
    // 5 events over 100 px from x = 8: 20 px each; pixels 30..70 cover events 1, 2 and 3.
    expect(brushedRange([30, 70], 5, l.x0, l.step)).toEqual([1, 4]);
    expect(brushedRange(null, 5, l.x0, l.step)).toEqual([0, 5]);
    // The dark theme: zero sits at the dark midpoint (no glare), magnitude brightens; the snapshot keeps the ramp.
    const d = timelineLayout([0.5, -0.25, 0, Number.NaN, 1], 116, 28, 8, 'dark');
    expect(d.ticks[2].fill).toBe('rgb(42, 47, 56)');
    const dark = svg(d.width, d.height, [d.ticks.map((t) => el('rect', { x: t.x, y: t.y, width: t.w, height: t.h, fill: t.fill }))]);
    await expect(dark).toMatchFileSnapshot('./__snapshots__/timelineLayout.dark.svg');
  });
});

describe('chart layout positions', () => {
  it('barLayout', async () => {
    const l = barLayout(
      [
        { label: 'view', value: 1200, colour: '#0072B2' },
        { label: 'cart', value: 300, colour: '#E69F00', note: '25% of previous step' },
        { label: 'purchase', value: 0, colour: '#009E73' },
      ],
      560,
    );
    await expect(positions(l)).toMatchFileSnapshot('./__snapshots__/barLayout.json');
  });

  it('activityLayout, over time and over row positions', async () => {
    const day = 86400;
    const buckets = [3, 9, 4, 0, 7].map((count, i) => ({ start: 1_700_000_000 + i * day, end: 1_700_000_000 + (i + 1) * day, count }));
    const l = { time: activityLayout(buckets, 560, 180, true), rows: activityLayout(buckets.slice(0, 2), 300, 120, false) };
    await expect(positions(l)).toMatchFileSnapshot('./__snapshots__/activityLayout.json');
  });

  it('ciBarLayout with a negative bar and a CI across zero', async () => {
    const l = ciBarLayout(
      [
        { label: 'SASRec', value: 0.31, lo: 0.28, hi: 0.35 },
        { label: 'EASE', value: -0.05, lo: -0.12, hi: 0.02 },
        { label: 'popularity', value: 0.12, lo: 0.1, hi: 0.14 },
      ],
      420,
      220,
    );
    await expect(positions(l)).toMatchFileSnapshot('./__snapshots__/ciBarLayout.json');
  });

  it('dagLayout with a fork, a collider, an unstable negative edge and an undirected one', async () => {
    const l = dagLayout(
      ['price', 'views', 'carts', 'buys', 'season'],
      [
        { from: 'season', to: 'views', weight: 0.8, stability: 0.9 },
        { from: 'views', to: 'carts', weight: 1.2, stability: 1 },
        { from: 'price', to: 'carts', weight: -0.6, stability: 0.3 },
        { from: 'carts', to: 'buys', weight: 0.9, stability: 0.95 },
        { from: 'price', to: 'buys', undirected: true },
      ],
    );
    await expect(positions(l)).toMatchFileSnapshot('./__snapshots__/dagLayout.json');
  });

  it('tokenHeatmapLayout', async () => {
    const l = tokenHeatmapLayout({
      words: ['viewed', 'running', 'shoes', 'then', 'socks'],
      rows: [
        { label: 'buyer', values: [0.4, 1.5, -1.5, 0, 0.02] },
        { label: 'browser', values: [-0.3, Number.NaN, 0.75, -0.01, 1] },
      ],
    });
    await expect(positions(l)).toMatchFileSnapshot('./__snapshots__/tokenLayout.json');
  });

  it('longTailLayout: a Zipf-like tail over 1,682 items with the head (top 336) marked', async () => {
    const points = [1, 2, 5, 10, 50, 100, 336, 1000, 1682].map((rank) => ({ rank, count: Math.max(1, Math.round(583 / rank ** 0.9)) }));
    await expect(positions(longTailLayout(points, 336, 560, 220))).toMatchFileSnapshot('./__snapshots__/longTailLayout.json');
  });
});

import { describe, expect, it } from 'vitest';
import { knowledgeLayout, NEGATIVE, POSITIVE, type KnowledgePathInput } from './knowledgeLayout';

const round = (v: number) => String(Math.round(v * 100) / 100);
const roundAll = (s: string) => s.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (m) => round(Number(m)));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : escape(k === 'd' ? roundAll(v) : v)}"`)
    .join('');
  return text === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${escape(text)}</${tag}>`;
};

// Fargo shares Crime with Heat (event 0) and Chinatown (event 2), Thriller with Chinatown and Se7en (events 2, 3);
// Se7en's event counts against the item.
const paths: KnowledgePathInput[] = [
  {
    relation: 'category',
    value: 'Crime',
    weight: 0.6,
    events: [
      { event: 0, item: 10, title: 'Heat (1995)', value: 0.4 },
      { event: 2, item: 11, title: 'Chinatown (1974)', value: 0.2 },
    ],
  },
  {
    relation: 'category',
    value: 'Thriller',
    weight: 0.1,
    events: [
      { event: 2, item: 11, title: 'Chinatown (1974)', value: 0.2 },
      { event: 3, item: 12, title: 'Se7en (1995)', value: -0.1 },
    ],
  },
];

describe('knowledgeLayout', () => {
  it('puts you, the history items, the attributes and the item in four columns, nodes spread evenly', () => {
    const l = knowledgeLayout(paths, 'Fargo (1996)', 400, 200);
    const of = (kind: string) => l.nodes.filter((n) => n.kind === kind);
    expect(of('history').map((n) => [n.label, n.value])).toEqual([
      ['Heat (1995)', 0.4],
      ['Chinatown (1974)', 0.2],
      ['Se7en (1995)', -0.1],
    ]);
    // Chinatown's one event sits on both paths and is counted once.
    expect(of('attribute').map((n) => [n.label, n.value])).toEqual([
      ['Crime', 0.6],
      ['Thriller', 0.1],
    ]);
    // Plot height 200 − 32 = 168: three rows at 16 + 28, 84, 140; two at 16 + 42, 126.
    expect(of('history').map((n) => n.y)).toEqual([44, 100, 156]);
    expect(of('attribute').map((n) => n.y)).toEqual([58, 142]);
    expect(new Set(l.nodes.map((n) => n.x)).size).toBe(4);
    expect(of('user')[0].x).toBeLessThan(of('history')[0].x);
    expect(of('item')[0].x).toBeGreaterThan(of('attribute')[0].x);
  });

  it('links each item to each path it is on; widths follow |value| (largest 8 px), colours the sign', () => {
    const l = knowledgeLayout(paths, 'Fargo (1996)', 400, 200);
    const pairs = l.links.map((k) => `${k.from}→${k.to}`);
    expect(pairs).toEqual(['user→h10', 'user→h11', 'user→h12', 'h10→a0', 'h11→a0', 'h11→a1', 'h12→a1', 'a0→item', 'a1→item']);
    const crime = l.links.find((k) => k.from === 'a0')!;
    expect(crime.width).toBe(8);
    // |0.1| of 0.6 on [1, 8]: 1 + 7/6.
    expect(l.links.find((k) => k.from === 'a1')!.width).toBeCloseTo(1 + 7 / 6, 10);
    expect(l.links.find((k) => k.to === 'h12')!.sign).toBe('down');
    expect(crime.sign).toBe('up');
  });

  it('keeps the strongest maxHistory items and counts the rest', () => {
    const l = knowledgeLayout(paths, 'Fargo (1996)', 400, 200, 2);
    expect(l.nodes.filter((n) => n.kind === 'history').map((n) => n.label)).toEqual(['Heat (1995)', 'Chinatown (1974)']);
    expect(l.hiddenHistory).toBe(1);
    expect(l.links.some((k) => k.from === 'h12' || k.to === 'h12')).toBe(false);
  });

  it('draws as in the snapshot', async () => {
    const l = knowledgeLayout(paths, 'Fargo (1996)', 480, 220);
    // The marks KnowledgeChart.tsx draws, without titles and theme classes.
    const out = [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}">`,
      ...l.links.map((k) =>
        el('path', { d: k.d, fill: 'none', stroke: k.sign === 'up' ? POSITIVE : NEGATIVE, 'stroke-width': k.width, 'stroke-opacity': 0.7 }),
      ),
      ...l.nodes.map((n) => el('circle', { cx: n.x, cy: n.y, r: n.kind === 'history' ? 5 : 7 })),
      ...l.nodes.map((n) =>
        el(
          'text',
          {
            x: n.x,
            y: n.kind === 'item' ? n.y + 20 : n.y - 10,
            'text-anchor': n.kind === 'user' ? 'start' : n.kind === 'item' ? 'end' : 'middle',
          },
          n.label,
        ),
      ),
      '</svg>',
    ].join('\n');
    await expect(`${out}\n`).toMatchFileSnapshot('./__snapshots__/knowledgeLayout.svg');
  });
});

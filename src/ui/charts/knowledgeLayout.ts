// Pure layout of knowledge paths as a four-column graph: you → history items → shared attributes → the recommended
// item. Link widths follow the attribution (history links: the item's own value; attribute links: the path weight).
import { linkHorizontal, scaleLinear } from 'd3';

export interface KnowledgePathInput {
  relation: string;
  value: string;
  weight: number;
  /** The path's history events: position in the history, item (index and title) and attribution value. */
  events: { event: number; item: number; title: string; value: number }[];
}

export type NodeKind = 'user' | 'history' | 'attribute' | 'item';

export interface KnowledgeNode {
  kind: NodeKind;
  key: string;
  x: number;
  y: number;
  label: string;
  /** Attribution carried: an item's summed event values, an attribute's path weight (NaN for user and item). */
  value: number;
}

export interface KnowledgeLink {
  from: string;
  to: string;
  d: string;
  width: number;
  /** 'up' when the value behind the link pushes the item up, 'down' when it counts against it. */
  sign: 'up' | 'down';
  value: number;
}

export const POSITIVE = '#0072B2';
export const NEGATIVE = '#D55E00';

/**
 * Columns at fixed fractions of the width; each column's nodes spread evenly over the height. History items are the
 * distinct items of the shown paths, strongest first, at most `maxHistory` (the rest counted in `hiddenHistory`).
 */
export function knowledgeLayout(paths: readonly KnowledgePathInput[], itemLabel: string, width: number, height: number, maxHistory = 8) {
  const margin = { top: 16, right: 12, bottom: 16, left: 12 };
  const colX = [0.06, 0.36, 0.66, 0.94].map((f) => margin.left + f * (width - margin.left - margin.right));
  // Each item's value sums its distinct events (an event sits on every path its item shares with the target).
  const items = new Map<number, { title: string; value: number }>();
  const counted = new Set<number>();
  for (const p of paths)
    for (const e of p.events) {
      const it = items.get(e.item) ?? { title: e.title, value: 0 };
      items.set(e.item, it);
      if (counted.has(e.event)) continue;
      counted.add(e.event);
      it.value += e.value;
    }
  const ranked = [...items].sort((a, b) => b[1].value - a[1].value || a[0] - b[0]);
  const shown = ranked.slice(0, maxHistory);
  const spread = (n: number, k: number) => margin.top + ((k + 0.5) * (height - margin.top - margin.bottom)) / Math.max(1, n);
  const nodes: KnowledgeNode[] = [
    { kind: 'user', key: 'user', x: colX[0], y: height / 2, label: '', value: NaN },
    ...shown.map(([i, it], k): KnowledgeNode => ({
      kind: 'history',
      key: `h${i}`,
      x: colX[1],
      y: spread(shown.length, k),
      label: it.title,
      value: it.value,
    })),
    ...paths.map((p, k): KnowledgeNode => ({
      kind: 'attribute',
      key: `a${k}`,
      x: colX[2],
      y: spread(paths.length, k),
      label: p.value,
      value: p.weight,
    })),
    { kind: 'item', key: 'item', x: colX[3], y: height / 2, label: itemLabel, value: NaN },
  ];
  const at = new Map(nodes.map((n) => [n.key, n]));
  const maxAbs = Math.max(1e-12, ...shown.map(([, it]) => Math.abs(it.value)), ...paths.map((p) => Math.abs(p.weight)));
  const w = scaleLinear().domain([0, maxAbs]).range([1, 8]).clamp(true);
  const curve = linkHorizontal<{ s: KnowledgeNode; t: KnowledgeNode }, KnowledgeNode>()
    .source((l) => l.s)
    .target((l) => l.t)
    .x((n) => n.x)
    .y((n) => n.y);
  const link = (from: string, to: string, value: number): KnowledgeLink => ({
    from,
    to,
    d: curve({ s: at.get(from)!, t: at.get(to)! }) ?? '',
    width: w(Math.abs(value)),
    sign: value > 0 ? 'up' : 'down',
    value,
  });
  const links: KnowledgeLink[] = [
    ...shown.map(([i, it]) => link('user', `h${i}`, it.value)),
    ...paths.flatMap((p, k) =>
      [...new Set(p.events.map((e) => e.item))].filter((i) => at.has(`h${i}`)).map((i) => link(`h${i}`, `a${k}`, items.get(i)!.value)),
    ),
    ...paths.map((p, k) => link(`a${k}`, 'item', p.weight)),
  ];
  return { width, height, margin, nodes, links, hiddenHistory: ranked.length - shown.length, columns: colX };
}

// Pure layout of the embedding map: one dot per item at its projected position, coloured by category (first listed) or
// by interaction count (bins at the data's own quantiles), with a user's history and recommendations drawn on top.
import { interpolateViridis, scaleLinear } from 'd3';
import { OKABE_ITO } from './palette';

export interface MapPoint {
  x: number;
  y: number;
  /** "Crime|Film-Noir" keys on its first listed category; null when the catalog has none. */
  category: string | null;
  interactions: number;
}

export type MapColouring = 'category' | 'popularity';
export type DotRole = 'item' | 'history' | 'recommended';

export interface MapOverlay {
  /** Point indices of the picked user's history and of their recommendations. */
  history: readonly number[];
  recommended: readonly number[];
}

/** Categories given their own colour; the rest share OTHER. */
export const MAX_CATEGORIES = OKABE_ITO.length;
export const OTHER = '#9a9a9a';
/** Okabe–Ito's black vanishes on the dark theme's panel; that slot takes the dark theme's text colour there. */
export const categoryPalette = (theme: 'light' | 'dark'): string[] =>
  OKABE_ITO.map((c) => (c === '#000000' && theme === 'dark' ? '#e8eaed' : c));
const POPULARITY_BINS = 5;

export interface LegendEntry {
  /** A category name, or a count range for popularity ("12–40"); `key` 'other' / 'none' are labelled by the caller. */
  label: string;
  key: 'category' | 'other' | 'none' | 'bin';
  fill: string;
  /** Dots with this colour. */
  count: number;
}

export const categoryKey = (c: string | null): string | null => (c ? c.split('|')[0].trim() || null : null);

export function embeddingMapLayout(
  points: readonly MapPoint[],
  colouring: MapColouring,
  overlay: MapOverlay,
  width: number,
  height: number,
  theme: 'light' | 'dark' = 'light',
  legendWidth = 170,
) {
  const margin = { top: 8, right: legendWidth + 12, bottom: 8, left: 8 };
  const span = (vals: number[]): [number, number] => {
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    // A 4% pad keeps the outermost dots whole; a flat axis gets a unit domain so its dots sit in the middle.
    const pad = hi > lo ? (hi - lo) * 0.04 : 1;
    return [lo - pad, hi + pad];
  };
  const x = scaleLinear()
    .domain(points.length ? span(points.map((p) => p.x)) : [0, 1])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain(points.length ? span(points.map((p) => p.y)) : [0, 1])
    .range([height - margin.bottom, margin.top]);

  const { fills, legend } = colouring === 'category' ? categoryColours(points, categoryPalette(theme)) : popularityColours(points);
  const roles = new Map<number, DotRole>();
  for (const i of overlay.history) roles.set(i, 'history');
  // An item both in the history and recommended (a re-consumption model) shows as recommended.
  for (const i of overlay.recommended) roles.set(i, 'recommended');
  const picked = roles.size > 0;
  const order: Record<DotRole, number> = { item: 0, history: 1, recommended: 2 };
  const dots = points
    .map((p, i) => {
      const role = roles.get(i) ?? 'item';
      return {
        i,
        cx: x(p.x),
        cy: y(p.y),
        r: role === 'item' ? 2.5 : role === 'history' ? 4.5 : 6,
        fill: fills[i],
        role,
        // With a user picked, the rest of the catalog steps back so their items stand out.
        opacity: role === 'item' ? (picked ? 0.3 : 0.75) : 1,
      };
    })
    // Drawn in this order: the overlay lands on top of the catalog.
    .sort((a, b) => order[a.role] - order[b.role] || a.i - b.i);
  const legendX = width - legendWidth;
  return {
    width,
    height,
    margin,
    dots,
    legend: legend.map((e, k) => ({ ...e, x: legendX, y: margin.top + 10 + k * 18 })),
    legendX,
  };
}

function categoryColours(points: readonly MapPoint[], palette: readonly string[]): { fills: string[]; legend: LegendEntry[] } {
  const counts = new Map<string, number>();
  for (const p of points) {
    const k = categoryKey(p.category);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // The most common categories get colours; ties in name order so the same data always gets the same colours.
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CATEGORIES);
  const colour = new Map(top.map(([k], i) => [k, palette[i]]));
  let other = 0;
  let none = 0;
  const fills = points.map((p) => {
    const k = categoryKey(p.category);
    if (!k) {
      none++;
      return OTHER;
    }
    const c = colour.get(k);
    if (!c) other++;
    return c ?? OTHER;
  });
  const legend: LegendEntry[] = top.map(([k, n], i) => ({ label: k, key: 'category', fill: palette[i], count: n }));
  if (other) legend.push({ label: '', key: 'other', fill: OTHER, count: other });
  if (none) legend.push({ label: '', key: 'none', fill: OTHER, count: none });
  return { fills, legend };
}

/** Bins at quantiles of the counts (so a long tail does not put every item in the lowest bin), merged where equal. */
function popularityColours(points: readonly MapPoint[]): { fills: string[]; legend: LegendEntry[] } {
  const sorted = points.map((p) => p.interactions).sort((a, b) => a - b);
  if (!sorted.length) return { fills: [], legend: [] };
  const uppers: number[] = [];
  for (let b = 1; b <= POPULARITY_BINS; b++) {
    const q = sorted[Math.min(sorted.length - 1, Math.ceil((b / POPULARITY_BINS) * sorted.length) - 1)];
    if (!uppers.length || q > uppers.at(-1)!) uppers.push(q);
  }
  // Viridis from 0.15: its darkest purple vanishes on the dark theme's panels.
  const colours = uppers.map((_, b) => interpolateViridis(0.15 + (0.85 * b) / Math.max(1, uppers.length - 1)));
  const binOf = (v: number) => {
    const b = uppers.findIndex((u) => v <= u);
    return b < 0 ? uppers.length - 1 : b;
  };
  const counts = new Array<number>(uppers.length).fill(0);
  const fills = points.map((p) => {
    const b = binOf(p.interactions);
    counts[b]++;
    return colours[b];
  });
  const legend: LegendEntry[] = uppers.map((u, b) => {
    const lo = b === 0 ? sorted[0] : uppers[b - 1] + 1;
    return { label: lo === u ? String(u) : `${lo}–${u}`, key: 'bin', fill: colours[b], count: counts[b] };
  });
  return { fills, legend };
}

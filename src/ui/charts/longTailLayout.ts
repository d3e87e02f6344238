// Pure layout of the item-popularity long tail: interactions against popularity rank, both on log scales, with the
// boundary of the head (the top share of items) marked. Positions only, no DOM.
import { line, scaleLog } from 'd3';

export interface LongTailLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** The rank–count line. */
  d: string;
  /** x of the head's last rank; null without items. */
  headX: number | null;
  xTicks: { x: number; value: number }[];
  yTicks: { y: number; value: number }[];
}

/** Powers of ten from the decade at or below `lo` to the one at or above `hi`, each inside [lo, hi]. */
const decades = (lo: number, hi: number): number[] => {
  const out: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(lo)); p <= hi; p *= 10) if (p >= lo) out.push(p);
  return out;
};

export function longTailLayout(
  points: readonly { rank: number; count: number }[],
  headItems: number,
  width: number,
  height: number,
): LongTailLayout {
  // The bottom margin holds the rank ticks and, a row below them, the axis name.
  const margin = { top: 10, right: 16, bottom: 36, left: 52 };
  const maxRank = Math.max(2, points.at(-1)?.rank ?? 2);
  const maxCount = Math.max(2, points[0]?.count ?? 2);
  const minCount = Math.max(1, Math.min(...points.map((p) => p.count), maxCount));
  const x = scaleLog()
    .domain([1, maxRank])
    .range([margin.left, width - margin.right]);
  const y = scaleLog()
    .domain([minCount === maxCount ? 1 : minCount, maxCount])
    .range([height - margin.bottom, margin.top]);
  const d =
    line<{ rank: number; count: number }>()
      .x((p) => x(p.rank))
      .y((p) => y(Math.max(1, p.count)))(points as { rank: number; count: number }[]) ?? '';
  return {
    width,
    height,
    margin,
    d,
    headX: points.length && headItems > 0 ? x(Math.min(headItems, maxRank)) : null,
    xTicks: decades(1, maxRank).map((value) => ({ x: x(value), value })),
    yTicks: decades(y.domain()[0], maxCount).map((value) => ({ y: y(value), value })),
  };
}

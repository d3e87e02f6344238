// Pure layout of a top-contributors chart: one horizontal bar per event (or group) from a zero line, pushes up to the
// right in red and pushes down to the left in blue (the heatmap's colours), the rest summed as one grey bar.
import { scaleLinear } from 'd3';

export interface ContributorBar {
  label: string;
  value: number;
  /** The "n other events" bar: drawn grey and hatched, as it is a sum rather than one event. */
  others?: boolean;
  /** The whole label for the tooltip, where `label` is clipped to fit. */
  full?: string;
}

/** ColorBrewer RdBu members (colour-blind safe): red pushed the item up, blue pushed it down. */
export const UP = '#d6604d';
export const DOWN = '#4393c3';
export const OTHERS = '#9a9a9a';

export function contributorsLayout(bars: readonly ContributorBar[], width: number, rowHeight = 22, labelWidth = 320, valueSpace = 76) {
  const left = labelWidth + 8;
  const right = Math.max(left + 40, width - valueSpace);
  const finite = bars.map((b) => (Number.isFinite(b.value) ? b.value : 0));
  // The domain always holds zero, so a chart of pushes up only starts its bars at the left edge.
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const x = scaleLinear()
    .domain(lo === hi ? [0, 1] : [lo, hi])
    .range([left, right]);
  const zero = x(0);
  const top = 4;
  return {
    width,
    height: top + bars.length * rowHeight + 4,
    labelX: labelWidth,
    valueX: right + 6,
    zero: { x: zero, y1: top, y2: top + bars.length * rowHeight },
    bars: bars.map((b, i) => {
      const v = finite[i];
      const end = x(v);
      return {
        ...b,
        x: Math.min(zero, end),
        w: Math.max(1, Math.abs(end - zero)),
        y: top + i * rowHeight + 3,
        h: rowHeight - 6,
        cy: top + i * rowHeight + rowHeight / 2,
        fill: b.others ? OTHERS : v >= 0 ? UP : DOWN,
      };
    }),
  };
}

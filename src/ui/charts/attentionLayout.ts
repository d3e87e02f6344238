// Pure layout of the attention head view (BertViz-style): query rows × key columns over the last N positions, item
// labels on both axes (clipped, the full text kept for hover), a column of what each row gives to earlier positions,
// and a legend. The colour ramp runs from just off the panel colour to strong ink in each theme, so empty cells neither
// glare in the dark theme nor vanish in the light one.
import { interpolateLab, piecewise, scaleBand, scaleSequential } from 'd3';

export type ChartTheme = 'light' | 'dark';

/** Sequential ramps, low → high, per theme (blues: the accent's hue; the dark one brightens rather than darkens). */
const RAMPS: Record<ChartTheme, string[]> = {
  light: ['#f1f5fa', '#9ecae1', '#3182bd', '#08306b'],
  dark: ['#262b34', '#1d5e8a', '#3f9fd6', '#8fd0f5'],
};

export const attentionRamp = (theme: ChartTheme) => piecewise(interpolateLab, RAMPS[theme]);

/** Clip a label to `n` characters with an ellipsis (the full text goes to the hover title). */
export const clipLabel = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface AttentionHeadInput {
  /** One label per shown position (full text). */
  labels: string[];
  /** values[q][k]: attention of query position q to key position k. */
  values: number[][];
  /** Per query row: attention to positions before the window, summed. */
  earlier: number[];
  /** Positions before the window; the earlier column is drawn only when there are some. */
  hidden: number;
  /** Index of the read position among the shown ones (-1 when not shown). */
  read: number;
}

/**
 * `map`: one colour scale from 0 to the largest cell shown; `row`: each query row from 0 to its own largest cell, so a
 * row that spreads its attention thinly is as readable as one that keeps it all (the hover keeps the exact values).
 */
export type AttentionScale = 'map' | 'row';

export interface AttentionHeadOptions {
  cell: number;
  theme: ChartTheme;
  scale?: AttentionScale;
  rowLabelWidth?: number;
  columnLabelHeight?: number;
  /** Characters kept of a label. */
  clip?: number;
}

/** Room for row labels: a title and its event number ("Aristocats, The (1970) · #272 rating") mostly fit. */
export const ROW_LABEL_WIDTH = 230;

/** Width of the column for attention to earlier positions (the rollout strip puts its earlier bar there too). */
export const EARLIER_WIDTH = 46;

/** Band of the shown positions from `left`, one `cell` each: shared by the head view's columns and the rollout's bars. */
export const positionBand = (n: number, left: number, cell: number) =>
  scaleBand<number>()
    .domain(Array.from({ length: n }, (_, i) => i))
    .range([left, left + n * cell])
    .paddingInner(0.06);
const LEGEND_HEIGHT = 34;

export function attentionHeadLayout(input: AttentionHeadInput, options: AttentionHeadOptions) {
  const { cell, theme, scale = 'map', rowLabelWidth = ROW_LABEL_WIDTH, columnLabelHeight = 150, clip = 32 } = options;
  const n = input.labels.length;
  const earlierW = input.hidden > 0 ? EARLIER_WIDTH : 0;
  const left = rowLabelWidth + earlierW;
  const x = positionBand(n, left, cell);
  const y = scaleBand<number>()
    .domain(input.labels.map((_, i) => i))
    .range([columnLabelHeight, columnLabelHeight + n * cell])
    .paddingInner(0.06);
  const max = Math.max(1e-12, ...input.values.flat().filter(Number.isFinite));
  const ramp = attentionRamp(theme);
  const colour = scaleSequential(ramp).domain([0, max]);
  const rowMax = input.values.map((row) => Math.max(1e-12, ...row.filter(Number.isFinite)));
  const fill = (v: number, q: number) => {
    const f = Number.isFinite(v) ? v : 0;
    return scale === 'row' ? ramp(f / rowMax[q]) : colour(f);
  };
  const cells = input.values.flatMap((row, q) =>
    row.map((v, k) => ({ q, k, v, x: x(k)!, y: y(q)!, w: x.bandwidth(), h: y.bandwidth(), fill: fill(v, q) })),
  );
  const plotBottom = columnLabelHeight + n * cell;
  const legendY = plotBottom + 14;
  const legendW = Math.min(200, Math.max(120, n * cell));
  return {
    // Room for the legend's max label even when few positions are shown.
    width: Math.max(left + n * cell + 10, left + legendW + 30),
    height: legendY + LEGEND_HEIGHT,
    max,
    cells,
    rowLabels: input.labels.map((full, q) => ({
      full,
      text: clipLabel(full, clip),
      x: rowLabelWidth - 6,
      y: y(q)! + y.bandwidth() / 2,
      read: q === input.read,
    })),
    columnLabels: input.labels.map((full, k) => ({
      full,
      text: clipLabel(full, clip - 4),
      x: x(k)! + x.bandwidth() / 2,
      y: columnLabelHeight - 6,
      read: k === input.read,
    })),
    /** Attention to earlier positions, as numbers beside each row (not coloured: it sums many cells). */
    earlier:
      earlierW > 0
        ? {
            header: { x: rowLabelWidth + earlierW / 2, y: columnLabelHeight - 6 },
            rows: input.earlier.map((v, q) => ({ v, x: rowLabelWidth + earlierW / 2, y: y(q)! + y.bandwidth() / 2 })),
          }
        : null,
    legend: {
      x: left,
      y: legendY,
      w: legendW,
      h: 10,
      scale,
      stops: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ offset: t, colour: ramp(t) })),
      /** The right tick is the map's largest cell, or (row scale) stands for each row's own largest. */
      ticks: [
        { v: 0, x: left },
        { v: scale === 'row' ? 1 : max, x: left + legendW },
      ],
    },
  };
}

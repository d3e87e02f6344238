// Pure layout of an attribution heatmap: rows (recommendations) × columns (history events), a diverging colour
// scale centred at zero and symmetric, so equal magnitudes look equally strong whatever their sign.
import { scaleBand, scaleDiverging } from 'd3';
import type { ChartTheme } from './attentionLayout';
import { divergingRamp, missingColour } from './divergingRamp';

export interface HeatmapInput {
  rows: string[];
  columns: string[];
  /** values[r][c] */
  values: number[][];
}

/**
 * `scaleColumns`: how many leading columns set the colour scale; a trailing column that sums many events (the "others"
 * column) would otherwise wash out the events shown one by one. Cells beyond it are clamped to the scale's ends.
 */
export function heatmapLayout(
  input: HeatmapInput,
  cell = 22,
  rowLabelWidth = 190,
  columnLabelHeight = 120,
  scaleColumns = input.columns.length,
  theme: ChartTheme = 'light',
) {
  const width = rowLabelWidth + input.columns.length * cell + 10;
  const height = columnLabelHeight + input.rows.length * cell + 10;
  const x = scaleBand<number>()
    .domain(input.columns.map((_, i) => i))
    .range([rowLabelWidth, rowLabelWidth + input.columns.length * cell])
    .paddingInner(0.06);
  const y = scaleBand<number>()
    .domain(input.rows.map((_, i) => i))
    .range([columnLabelHeight, columnLabelHeight + input.rows.length * cell])
    .paddingInner(0.06);
  const max = Math.max(
    1e-12,
    ...input.values
      .flatMap((row) => row.slice(0, scaleColumns))
      .map((v) => Math.abs(v))
      .filter(Number.isFinite),
  );
  // RdBu is ColorBrewer's colour-blind-safe diverging scheme; reversed so positive (pushes up) is red.
  const colour = scaleDiverging(divergingRamp(theme)).domain([-max, 0, max]);
  const cells = input.values.flatMap((row, r) =>
    row.map((v, c) => ({
      r,
      c,
      v,
      x: x(c)!,
      y: y(r)!,
      w: x.bandwidth(),
      h: y.bandwidth(),
      fill: Number.isFinite(v) ? colour(v) : missingColour(theme),
    })),
  );
  return {
    width,
    height,
    max,
    cells,
    rowLabels: input.rows.map((label, r) => ({ label, x: rowLabelWidth - 6, y: y(r)! + y.bandwidth() / 2 })),
    columnLabels: input.columns.map((label, c) => ({ label, x: x(c)! + x.bandwidth() / 2, y: columnLabelHeight - 6 })),
  };
}

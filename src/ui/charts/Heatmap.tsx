// Attribution heatmap (D3): hover shows the exact value, click reports the (row, column) pair. Labels are text only.
import { heatmapLayout, type HeatmapInput } from './heatmapLayout';
import { useD3 } from './useD3';
import type { ChartTheme } from './attentionLayout';
import { ChartFrame } from './ChartFrame';

export function Heatmap({
  input,
  title,
  format,
  onCell,
  labelChars = 22,
  columnLabelHeight = 120,
  scaleColumns,
  theme = 'light',
}: {
  input: HeatmapInput;
  title: string;
  format: (v: number) => string;
  onCell?: (row: number, column: number) => void;
  /** Longest column label drawn (the full one is in each cell's tooltip), and the room above the cells for them. */
  labelChars?: number;
  columnLabelHeight?: number;
  /** Leading columns that set the colour scale (see heatmapLayout). */
  scaleColumns?: number;
  theme?: ChartTheme;
}) {
  const l = heatmapLayout(input, 22, 190, columnLabelHeight, scaleColumns ?? input.columns.length, theme);
  // Column labels lean right at 60°: the last ones reach past the cells by about half their length (~6 px a character).
  const width = l.width + Math.ceil(labelChars * 6.2 * 0.5);
  const ref = useD3(
    (svg) => {
      svg
        .append('g')
        .selectAll('text')
        .data(l.rowLabels)
        .join('text')
        .attr('class', 'chart-label')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .text((d) => (d.label.length > 28 ? `${d.label.slice(0, 27)}…` : d.label));
      svg
        .append('g')
        .selectAll('text')
        .data(l.columnLabels)
        .join('text')
        .attr('class', 'chart-axis')
        .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(-60)`)
        .attr('dy', '0.35em')
        .text((d) => (d.label.length > labelChars ? `${d.label.slice(0, labelChars - 1)}…` : d.label));
      svg
        .append('g')
        .selectAll('rect')
        .data(l.cells)
        .join('rect')
        .attr('class', 'cell')
        .attr('data-testid', 'heat-cell')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('fill', (d) => d.fill)
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('aria-label', (d) => `${input.rows[d.r]} ← ${input.columns[d.c]}: ${format(d.v)}`)
        .on('click', (_, d) => onCell?.(d.r, d.c))
        .on('keydown', (e: KeyboardEvent, d) => {
          if (e.key === 'Enter' || e.key === ' ') onCell?.(d.r, d.c);
        })
        .append('title')
        .text((d) => `${input.rows[d.r]} ← ${input.columns[d.c]}: ${format(d.v)}`);
    },
    [JSON.stringify(input), labelChars, columnLabelHeight, scaleColumns, theme],
  );
  return (
    <ChartFrame
      svgRef={ref}
      title={title}
      width={width}
      height={l.height}
      className="heatmap"
      role="group"
      data={{ 'data-columns': input.columns.length }}
    />
  );
}

// Attention head view (D3): query rows × key columns with item labels on both axes (clipped; hover shows the full
// label), the read row in bold, attention to earlier positions beside each row, a colour legend, SVG/PNG export.
import { attentionHeadLayout, type AttentionHeadInput, type AttentionScale, type ChartTheme } from './attentionLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

let gradientIds = 0;

export function AttentionHeadChart({
  input,
  cell,
  theme,
  scale,
  title,
  earlierLabel,
  rowMaxLabel,
  format,
}: {
  input: AttentionHeadInput;
  cell: number;
  theme: ChartTheme;
  scale: AttentionScale;
  /** Legend text for the top of the row scale ("each row's largest"). */
  rowMaxLabel: string;
  title: string;
  /** Header of the earlier column, e.g. "12 earlier". */
  earlierLabel: string;
  format: (v: number) => string;
}) {
  const l = attentionHeadLayout(input, { cell, theme, scale });
  const ref = useD3(
    (svg) => {
      const rows = svg.append('g');
      rows
        .selectAll('text')
        .data(l.rowLabels)
        .join('text')
        .attr('class', 'chart-label')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .attr('font-weight', (d) => (d.read ? 'bold' : 'normal'))
        .text((d) => d.text)
        .append('title')
        .text((d) => d.full);
      svg
        .append('g')
        .selectAll('text')
        .data(l.columnLabels)
        .join('text')
        .attr('class', 'chart-axis')
        .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(-60)`)
        .attr('dy', '0.35em')
        .attr('font-weight', (d) => (d.read ? 'bold' : 'normal'))
        .text((d) => d.text)
        .append('title')
        .text((d) => d.full);
      if (l.earlier) {
        const e = svg.append('g').attr('data-testid', 'attention-earlier');
        e.append('text')
          .attr('class', 'chart-axis')
          .attr('x', l.earlier.header.x)
          .attr('y', l.earlier.header.y)
          .attr('text-anchor', 'middle')
          .text(earlierLabel);
        e.selectAll('text.earlier')
          .data(l.earlier.rows)
          .join('text')
          .attr('class', 'chart-axis earlier')
          .attr('x', (d) => d.x)
          .attr('y', (d) => d.y)
          .attr('dy', '0.35em')
          .attr('text-anchor', 'middle')
          .text((d) => format(d.v));
      }
      svg
        .append('g')
        .selectAll('rect')
        .data(l.cells)
        .join('rect')
        .attr('data-testid', 'attention-cell')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('fill', (d) => d.fill)
        .append('title')
        .text((d) => `${input.labels[d.q]} → ${input.labels[d.k]}: ${format(d.v)}`);
      // Legend: the ramp from 0 to the largest cell shown.
      const id = `att-ramp-${++gradientIds}`;
      const grad = svg.append('defs').append('linearGradient').attr('id', id);
      grad
        .selectAll('stop')
        .data(l.legend.stops)
        .join('stop')
        .attr('offset', (d) => d.offset)
        .attr('stop-color', (d) => d.colour);
      const legend = svg.append('g').attr('data-testid', 'attention-legend');
      legend
        .append('rect')
        .attr('x', l.legend.x)
        .attr('y', l.legend.y)
        .attr('width', l.legend.w)
        .attr('height', l.legend.h)
        .attr('fill', `url(#${id})`);
      legend
        .selectAll('text')
        .data(l.legend.ticks)
        .join('text')
        .attr('class', 'chart-axis')
        .attr('x', (d) => d.x)
        .attr('y', l.legend.y + l.legend.h + 12)
        .attr('text-anchor', (_, i) => (i === 0 ? 'start' : 'end'))
        .text((d, i) => (i === 1 && l.legend.scale === 'row' ? rowMaxLabel : format(d.v)));
    },
    [JSON.stringify(input), cell, theme, scale, earlierLabel, rowMaxLabel],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} className="attention-head" testId="attention-head" />;
}

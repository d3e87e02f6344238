// Bars with 95% CI whiskers, e.g. NDCG@10 of every trained model; labels are set as text.
import { ciBarLayout, type CiDatum } from './ciBarLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';
import { drawYGrid } from './yGrid';
import { OKABE_ITO } from './palette';
import { decimalsFor } from '../i18n/digits';

export function CiBarChart({
  data,
  title,
  format,
  width = 560,
  height = 240,
}: {
  data: CiDatum[];
  title: string;
  /** The locale's number format with this many decimals: the chart picks them (ticks by their step, bars by their size). */
  format: (v: number, digits: number) => string;
  width?: number;
  height?: number;
}) {
  const l = ciBarLayout(data, width, height);
  const ref = useD3(
    (svg) => {
      drawYGrid(
        svg,
        l.yTicks.map((d) => ({ y: d.y, label: format(d.value, l.tickDigits) })),
        { left: l.margin.left, right: l.width - l.margin.right },
      );
      const g = svg.append('g').selectAll('g').data(l.bars).join('g');
      g.append('rect')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => Math.max(0, d.h))
        .attr('fill', (_, i) => OKABE_ITO[i % OKABE_ITO.length])
        .append('title')
        .text((d) => {
          const digits = decimalsFor(d.value);
          return `${d.label}: ${format(d.value, digits)} (95% CI ${format(d.lo, digits)}–${format(d.hi, digits)})`;
        });
      g.filter((d) => Number.isFinite(d.lo) && Number.isFinite(d.hi))
        .append('path')
        .attr('class', 'whisker')
        .attr('d', (d) => `M${d.x + d.w / 2},${d.yLo}V${d.yHi}M${d.x + d.w / 2 - 6},${d.yLo}h12M${d.x + d.w / 2 - 6},${d.yHi}h12`);
      g.append('text')
        .attr('class', 'chart-label')
        .attr('x', (d) => d.x + d.w / 2)
        .attr('y', l.labelY)
        .attr('text-anchor', 'middle')
        .text((d) => d.label);
    },
    [JSON.stringify(l)],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} />;
}

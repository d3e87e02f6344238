// Bars with 95% CI whiskers, e.g. NDCG@10 of every trained model; labels are set as text.
import { ciBarLayout, type CiDatum } from './ciBarLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';
import { drawYGrid } from './yGrid';
import { OKABE_ITO } from './palette';

export function CiBarChart({
  data,
  title,
  format,
  width = 560,
  height = 240,
}: {
  data: CiDatum[];
  title: string;
  format: (v: number) => string;
  width?: number;
  height?: number;
}) {
  const l = ciBarLayout(data, width, height);
  const ref = useD3(
    (svg) => {
      drawYGrid(
        svg,
        l.yTicks.map((d) => ({ y: d.y, label: format(d.value) })),
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
        .text((d) => `${d.label}: ${format(d.value)} (95% CI ${format(d.lo)}–${format(d.hi)})`);
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

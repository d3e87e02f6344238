// Top-contributors chart (D3): the events that pushed one recommendation up (red) and down (blue), strongest first, and
// the rest summed in one grey bar. Labels are set with .text(): titles from files are never markup.
import { contributorsLayout, type ContributorBar } from './contributorsLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function ContributorsChart({
  bars,
  title,
  format,
  width = 640,
}: {
  bars: ContributorBar[];
  title: string;
  format: (v: number) => string;
  width?: number;
}) {
  const l = contributorsLayout(bars, width);
  const ref = useD3(
    (svg) => {
      svg.append('line').attr('class', 'zero-line').attr('x1', l.zero.x).attr('x2', l.zero.x).attr('y1', l.zero.y1).attr('y2', l.zero.y2);
      const row = svg.selectAll('g.bar').data(l.bars).join('g').attr('class', 'bar').attr('data-testid', 'contributor');
      row
        .append('text')
        .attr('class', 'chart-label')
        .attr('x', l.labelX)
        .attr('y', (d) => d.cy)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'end')
        .text((d) => clip(d.label, 54));
      row
        .append('rect')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .attr('fill', (d) => d.fill)
        .append('title')
        .text((d) => `${d.full ?? d.label}: ${format(d.value)}`);
      row
        .append('text')
        .attr('class', 'chart-value')
        .attr('x', l.valueX)
        .attr('y', (d) => d.cy)
        .attr('dy', '0.35em')
        .text((d) => format(d.value));
    },
    [JSON.stringify(l)],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} className="contributors" testId="contributors-chart" />;
}

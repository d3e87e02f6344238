// Events per time bucket as columns, with a UTC time axis.
import { activityLayout, type ActivityBucket } from './activityLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';
import { utcTickFormat } from './timeTicks';
import { drawXLabels, drawYGrid } from './yGrid';

export function ActivityChart({
  buckets,
  isTime,
  title,
  format,
  width = 560,
  height = 180,
  lang = 'en',
}: {
  buckets: ActivityBucket[];
  isTime: boolean;
  title: string;
  format: (v: number) => string;
  width?: number;
  height?: number;
  /** Language of the time ticks. */
  lang?: 'en' | 'zh';
}) {
  const layout = activityLayout(buckets, width, height, isTime);
  const tick = utcTickFormat(lang, buckets.length ? buckets[buckets.length - 1].end - buckets[0].start : 0);
  const ref = useD3(
    (svg) => {
      const { margin } = layout;
      drawYGrid(
        svg,
        layout.yTicks.map((d) => ({ y: d.y, label: format(d.value) })),
        { left: margin.left, right: layout.width - margin.right },
      );
      svg
        .append('g')
        .selectAll('rect')
        .data(layout.columns)
        .join('rect')
        .attr('fill', '#0072B2')
        .attr('x', (d) => d.x)
        .attr('y', (d) => d.y)
        .attr('width', (d) => d.w)
        .attr('height', (d) => d.h)
        .append('title')
        .text((d) =>
          isTime ? `${new Date(d.start * 1000).toISOString().slice(0, 16).replace('T', ' ')}: ${format(d.count)}` : format(d.count),
        );
      drawXLabels(
        svg,
        layout.xTicks.map((d) => ({ x: d.x, label: tick(d.date) })),
        layout.height - 6,
      );
    },
    [JSON.stringify(layout)],
  );
  return <ChartFrame svgRef={ref} title={title} width={layout.width} height={layout.height} />;
}

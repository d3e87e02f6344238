// The embedding map (D3): one dot per item, the legend at the right, a picked user's history ringed and their
// recommendations as larger ringed dots. Hover names the item through onHover and a <title>; titles are set with
// .text(), never as markup.
import { embeddingMapLayout, type MapColouring, type MapOverlay, type MapPoint } from './embeddingMapLayout';
import { useD3 } from './useD3';
import { ChartExport } from './ChartExport';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function EmbeddingMap({
  points,
  colouring,
  overlay,
  title,
  describe,
  legendLabel,
  onHover,
  theme = 'light',
  width = 760,
  height = 460,
}: {
  points: MapPoint[];
  colouring: MapColouring;
  overlay: MapOverlay;
  title: string;
  /** The hover text of point i (title, category, interactions). */
  describe: (i: number) => string;
  /** A legend entry's text: its label, or the translated 'other' / 'no category', with its count. */
  legendLabel: (e: { label: string; key: string; count: number }) => string;
  onHover?: (i: number | null) => void;
  theme?: 'light' | 'dark';
  width?: number;
  height?: number;
}) {
  const l = embeddingMapLayout(points, colouring, overlay, width, height, theme);
  const ref = useD3(
    (svg) => {
      svg
        .append('rect')
        .attr('class', 'map-frame')
        .attr('x', l.margin.left - 4)
        .attr('y', l.margin.top - 4)
        .attr('width', l.width - l.margin.left - l.margin.right + 8)
        .attr('height', l.height - l.margin.top - l.margin.bottom + 8);
      svg
        .append('g')
        .selectAll('circle')
        .data(l.dots)
        .join('circle')
        .attr('class', (d) => `map-dot ${d.role}`)
        .attr('data-testid', (d) => (d.role === 'item' ? null : `map-${d.role}`))
        .attr('cx', (d) => d.cx)
        .attr('cy', (d) => d.cy)
        .attr('r', (d) => d.r)
        .attr('fill', (d) => d.fill)
        .attr('fill-opacity', (d) => d.opacity)
        .on('mouseenter', (_, d) => onHover?.(d.i))
        .on('mouseleave', () => onHover?.(null))
        .append('title')
        .text((d) => describe(d.i));
      const legend = svg.append('g').selectAll('g').data(l.legend).join('g');
      legend
        .append('circle')
        .attr('cx', (d) => d.x + 6)
        .attr('cy', (d) => d.y)
        .attr('r', 5)
        .attr('fill', (d) => d.fill);
      legend
        .append('text')
        .attr('class', 'chart-label')
        .attr('x', (d) => d.x + 16)
        .attr('y', (d) => d.y)
        .attr('dy', '0.35em')
        .text((d) => clip(legendLabel(d), 26))
        .append('title')
        .text((d) => legendLabel(d));
    },
    // The callbacks change identity every render; the drawing depends on the layout and the texts only.
    [JSON.stringify(l), points.length ? describe(0) : '', l.legend.map((e) => legendLabel(e)).join('|')],
  );
  return (
    <>
      <svg
        ref={ref}
        className="chart embedding-map"
        role="img"
        aria-label={title}
        data-testid="embedding-map"
        width={l.width}
        height={l.height}
        viewBox={`0 0 ${l.width} ${l.height}`}
      />
      <ChartExport svg={ref} title={title} />
    </>
  );
}

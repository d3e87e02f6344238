// The embedding map (D3): one dot per item, the legend at the right, a picked user's history ringed and their
// recommendations as larger ringed dots. Hover names the item through onHover and a <title>; titles are set with
// .text(), never as markup.
import { embeddingMapLayout, type MapColouring, type MapOverlay, type MapPoint } from './embeddingMapLayout';
import { zoom, zoomIdentity, type ZoomTransform } from 'd3';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

/** Each drawing gets its own clip-path id: two maps on one page (or a redraw) must not share one. */
let clipCount = 0;

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
      // Dots live in a clipped group that the wheel zooms and a drag pans (double-click resets); radii and rings are
      // divided by the zoom so a crowded centre opens up instead of every dot growing with it.
      const clipId = `map-clip-${++clipCount}`;
      const frame = {
        x: l.margin.left - 4,
        y: l.margin.top - 4,
        w: l.width - l.margin.left - l.margin.right + 8,
        h: l.height - l.margin.top - l.margin.bottom + 8,
      };
      svg
        .append('clipPath')
        .attr('id', clipId)
        .append('rect')
        .attr('x', frame.x)
        .attr('y', frame.y)
        .attr('width', frame.w)
        .attr('height', frame.h);
      const plot = svg.append('g').attr('clip-path', `url(#${clipId})`).append('g').attr('data-testid', 'map-points');
      const dots = plot
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
        .on('mouseleave', () => onHover?.(null));
      dots.append('title').text((d) => describe(d.i));
      const behaviour = zoom<SVGSVGElement, unknown>()
        .scaleExtent([1, 40])
        .extent([
          [frame.x, frame.y],
          [frame.x + frame.w, frame.y + frame.h],
        ])
        .translateExtent([
          [frame.x, frame.y],
          [frame.x + frame.w, frame.y + frame.h],
        ])
        .on('zoom', (e: { transform: ZoomTransform }) => {
          plot.attr('transform', e.transform.toString());
          dots
            .attr('r', (d) => d.r / Math.sqrt(e.transform.k))
            .style('stroke-width', (d) =>
              d.role === 'item' ? null : `${(d.role === 'history' ? 1.5 : 2.5) / Math.sqrt(e.transform.k)}px`,
            );
        });
      svg.call(behaviour).on('dblclick.zoom', () => svg.call(behaviour.transform, zoomIdentity));
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
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} className="embedding-map" testId="embedding-map" />;
}

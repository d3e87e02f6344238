// The causal graph drawn with D3 over the dagre layout; click an edge for its evidence. Names are text only.
import { line, curveBasis } from 'd3';
import { dagLayout, type DagEdgeInput } from './dagLayout';
import { useD3 } from './useD3';

export function DagChart({
  nodes,
  edges,
  title,
  selected,
  onEdge,
  svgId,
}: {
  nodes: string[];
  edges: DagEdgeInput[];
  title: string;
  selected?: string | null;
  onEdge?: (e: DagEdgeInput) => void;
  svgId?: string;
}) {
  const l = dagLayout(nodes, edges);
  const ref = useD3(
    (svg) => {
      const defs = svg.append('defs');
      for (const c of ['#0072B2', '#D55E00', '#7f7f7f']) {
        defs
          .append('marker')
          .attr('id', `arrow-${c.slice(1)}`)
          .attr('viewBox', '0 0 10 10')
          .attr('refX', 9)
          .attr('refY', 5)
          .attr('markerUnits', 'userSpaceOnUse')
          .attr('markerWidth', 12)
          .attr('markerHeight', 12)
          .attr('orient', 'auto-start-reverse')
          .append('path')
          .attr('d', 'M0,0L10,5L0,10z')
          .attr('fill', c);
      }
      const path = line<{ x: number; y: number }>()
        .x((p) => p.x)
        .y((p) => p.y)
        .curve(curveBasis);
      svg
        .append('g')
        .selectAll('path')
        .data(l.edges)
        .join('path')
        .attr('class', 'dag-edge')
        .attr('data-testid', 'dag-edge')
        .attr('d', (e) => path(e.points) ?? '')
        .attr('fill', 'none')
        .attr('stroke', (e) => e.colour)
        .attr('stroke-dasharray', (e) => (e.againstTimeOrder ? '2 3' : e.undirected ? '5 4' : null))
        .attr('data-against', (e) => (e.againstTimeOrder ? 'true' : null))
        .attr('stroke-width', (e) => (selected === `${e.from}->${e.to}` ? e.strokeWidth + 2 : e.strokeWidth))
        .attr('marker-end', (e) => `url(#arrow-${e.colour.slice(1)})`)
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('aria-label', (e) => `${e.from} → ${e.to}${e.againstTimeOrder ? ' ⚠' : ''}`)
        .on('click', (_, e) => onEdge?.(e))
        .on('keydown', (ev: KeyboardEvent, e) => {
          if (ev.key === 'Enter' || ev.key === ' ') onEdge?.(e);
        })
        .append('title')
        .text(
          (e) =>
            `${e.from} → ${e.to}${e.weight !== undefined ? ` · weight ${e.weight.toFixed(3)}` : ''}${e.stability !== undefined ? ` · stability ${(100 * e.stability).toFixed(0)}%` : ''}`,
        );
      // An edge against the time order cannot go unnoticed: a ⚠ sits on its middle point.
      svg
        .append('g')
        .selectAll('text')
        .data(l.edges.filter((e) => e.againstTimeOrder))
        .join('text')
        .attr('data-testid', 'dag-against')
        .attr('x', (e) => e.points[Math.floor(e.points.length / 2)].x)
        .attr('y', (e) => e.points[Math.floor(e.points.length / 2)].y)
        .attr('text-anchor', 'middle')
        .attr('dominant-baseline', 'central')
        .attr('font-size', 14)
        .attr('fill', '#d1242f')
        .text('⚠');
      const node = svg
        .append('g')
        .selectAll('g')
        .data(l.nodes)
        .join('g')
        .attr('transform', (n) => `translate(${n.x - n.w / 2},${n.y - n.h / 2})`);
      // Presentation attributes, not CSS: an exported SVG or PNG must look the same outside the page.
      node
        .append('rect')
        .attr('width', (n) => n.w)
        .attr('height', (n) => n.h)
        .attr('rx', 8)
        .attr('fill', '#ffffff')
        .attr('stroke', '#1b1f24')
        .attr('stroke-width', 1.5);
      node
        .append('text')
        .attr('x', (n) => n.w / 2)
        .attr('y', (n) => n.h / 2)
        .attr('dy', '0.35em')
        .attr('text-anchor', 'middle')
        .attr('fill', '#1b1f24')
        .attr('font-size', 12)
        .attr('font-family', 'sans-serif')
        .text((n) => n.label);
      node.append('title').text((n) => n.id);
    },
    [JSON.stringify(l), selected],
  );
  return (
    <svg
      ref={ref}
      id={svgId}
      className="chart dag"
      role="group"
      aria-label={title}
      width={l.width}
      height={l.height}
      viewBox={`0 0 ${l.width} ${l.height}`}
      xmlns="http://www.w3.org/2000/svg"
    />
  );
}

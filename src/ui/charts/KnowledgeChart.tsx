// Knowledge paths as a small graph: you → history items → shared attributes → the recommended item (layout in
// knowledgeLayout.ts). Titles and attribute values come from the catalog and are set as text, never markup.
import { knowledgeLayout, NEGATIVE, POSITIVE, type KnowledgePathInput } from './knowledgeLayout';
import { useD3 } from './useD3';
import { ChartFrame } from './ChartFrame';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function KnowledgeChart({
  paths,
  itemLabel,
  userLabel,
  title,
  format,
  hiddenLabel,
  width = 640,
  height = 240,
}: {
  paths: KnowledgePathInput[];
  itemLabel: string;
  userLabel: string;
  title: string;
  format: (v: number) => string;
  /** "+3 more items" under the history column, from the count of items left out. */
  hiddenLabel: (n: number) => string;
  width?: number;
  height?: number;
}) {
  const l = knowledgeLayout(paths, itemLabel, width, height);
  const ref = useD3(
    (svg) => {
      svg
        .append('g')
        .selectAll('path')
        .data(l.links)
        .join('path')
        .attr('d', (d) => d.d)
        .attr('fill', 'none')
        .attr('stroke', (d) => (d.sign === 'up' ? POSITIVE : NEGATIVE))
        .attr('stroke-width', (d) => d.width)
        .attr('stroke-opacity', 0.7)
        .append('title')
        .text((d) => format(d.value));
      const node = svg.append('g').selectAll('g').data(l.nodes).join('g');
      node
        .append('circle')
        .attr('cx', (d) => d.x)
        .attr('cy', (d) => d.y)
        .attr('r', (d) => (d.kind === 'history' ? 5 : 7))
        .attr('fill', (d) => (d.kind === 'attribute' ? POSITIVE : 'var(--text)'))
        .append('title')
        .text((d) => (Number.isFinite(d.value) ? `${d.label}: ${format(d.value)}` : d.kind === 'user' ? userLabel : d.label));
      node
        .append('text')
        .attr('class', 'chart-label')
        .attr('x', (d) => d.x)
        // The item's label sits below its node, clear of the attribute labels beside it.
        .attr('y', (d) => (d.kind === 'item' ? d.y + 20 : d.y - 10))
        .attr('text-anchor', (d) => (d.kind === 'user' ? 'start' : d.kind === 'item' ? 'end' : 'middle'))
        .text((d) => clip(d.kind === 'user' ? userLabel : d.label, d.kind === 'history' ? 24 : 28));
      if (l.hiddenHistory > 0)
        svg
          .append('text')
          .attr('class', 'chart-axis')
          .attr('x', l.columns[1])
          .attr('y', l.height - 2)
          .attr('text-anchor', 'middle')
          .text(hiddenLabel(l.hiddenHistory));
    },
    [JSON.stringify(l), userLabel],
  );
  return <ChartFrame svgRef={ref} title={title} width={l.width} height={l.height} testId="knowledge-graph" />;
}

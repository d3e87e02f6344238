// Export of the causal graph: SVG (as drawn, styles inlined), PNG (rasterised locally), JSON and DOT; saved via a download.
import { toDot, type Dag } from '../../../causal/graph';
import { download, standaloneSvg, svgToPng } from '../../charts/exportChart';

export function exportGraph(kind: 'svg' | 'png' | 'json' | 'dot', dag: Dag, svg: SVGSVGElement | null): Promise<void> | void {
  if (kind === 'json')
    return download(
      'causal-graph.json',
      new Blob([JSON.stringify({ nodes: dag.nodes, edges: dag.edges }, null, 2)], { type: 'application/json' }),
    );
  if (kind === 'dot') return download('causal-graph.dot', new Blob([toDot(dag)], { type: 'text/vnd.graphviz' }));
  if (!svg) return;
  if (kind === 'svg')
    return standaloneSvg(svg).then((markup) => download('causal-graph.svg', new Blob([markup], { type: 'image/svg+xml' })));
  return svgToPng(svg).then((b) => download('causal-graph.png', b));
}

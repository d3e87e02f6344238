// Export of the causal graph: SVG (serialised as drawn), PNG (rasterised locally), JSON and DOT; saved via a download.
import { toDot, type Dag } from '../../../causal/graph';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(clone);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not rasterise the graph'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = svg.width.baseVal.value * scale;
    canvas.height = svg.height.baseVal.value * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function exportGraph(kind: 'svg' | 'png' | 'json' | 'dot', dag: Dag, svg: SVGSVGElement | null): Promise<void> | void {
  if (kind === 'json') return download('causal-graph.json', new Blob([JSON.stringify({ nodes: dag.nodes, edges: dag.edges }, null, 2)], { type: 'application/json' }));
  if (kind === 'dot') return download('causal-graph.dot', new Blob([toDot(dag)], { type: 'text/vnd.graphviz' }));
  if (!svg) return;
  if (kind === 'svg') return download('causal-graph.svg', new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  return svgToPng(svg).then((b) => download('causal-graph.png', b));
}

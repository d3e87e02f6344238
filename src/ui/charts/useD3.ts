// Runs a D3 drawing function on an owned <svg> whenever its inputs change; React owns the element, D3 its content.
import { useEffect, useRef, type DependencyList } from 'react';
import { select, type Selection } from 'd3';

export function useD3(draw: (svg: Selection<SVGSVGElement, unknown, null, undefined>) => void, deps: DependencyList) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const svg = select(ref.current);
    svg.selectAll('*').remove();
    draw(svg);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

// The <svg> a chart draws into, with its SVG/PNG export buttons: every chart gets the same size, role, label and
// export, so a chart component holds only its drawing.
import type { RefObject } from 'react';
import { ChartExport } from './ChartExport';

export function ChartFrame({
  svgRef,
  title,
  width,
  height,
  className,
  role = 'img',
  testId,
  data,
}: {
  svgRef: RefObject<SVGSVGElement | null>;
  title: string;
  width: number;
  height: number;
  /** Extra class beside `chart`. */
  className?: string;
  /** 'group' where the chart's cells carry their own labels (heatmaps). */
  role?: 'img' | 'group';
  testId?: string;
  /** data-* attributes for tests and styles, e.g. { 'data-columns': 21 }. */
  data?: Record<`data-${string}`, string | number>;
}) {
  return (
    <>
      <svg
        ref={svgRef}
        className={className ? `chart ${className}` : 'chart'}
        role={role}
        aria-label={title}
        data-testid={testId}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        {...data}
      />
      <ChartExport svg={svgRef} title={title} />
    </>
  );
}

// SVG and PNG download buttons under a chart; the chart passes the ref of the <svg> it draws into.
import type { RefObject } from 'react';
import { useI18n } from '../i18n';
import { exportChart } from './exportChart';

export function ChartExport({ svg, title }: { svg: RefObject<SVGSVGElement | null>; title: string }) {
  const { t } = useI18n();
  const save = (kind: 'svg' | 'png') => {
    if (svg.current) void exportChart(svg.current, title, kind);
  };
  return (
    <div className="chart-export">
      <button
        type="button"
        className="link small"
        onClick={() => save('svg')}
        aria-label={t('export.chartSvg', { title })}
        data-testid="chart-svg"
      >
        SVG
      </button>
      <button
        type="button"
        className="link small"
        onClick={() => save('png')}
        aria-label={t('export.chartPng', { title })}
        data-testid="chart-png"
      >
        PNG
      </button>
    </div>
  );
}

// The Data view's three distributions of the active log: values (ratings), history lengths and the item long tail.
// Figures come from data/distributions.ts; each note beside a chart quotes only those figures.
import { useMemo } from 'react';
import type { Dataset } from '../../../store/dataSlice';
import { distributions, type Bin } from '../../../data/distributions';
import { useI18n } from '../../i18n';
import { BarChart } from '../../charts/BarChart';
import { LongTailChart } from '../../charts/LongTailChart';

const ACCENT = '#0072B2';

export function DatasetDistributions({ dataset, width }: { dataset: Dataset; width: number }) {
  const { t, num } = useI18n();
  // Computed by the worker that built the log when it could (see LogFigures); else here.
  const d = useMemo(() => dataset.figures?.distributions ?? distributions(dataset.log), [dataset.log, dataset.figures]);
  // A bin of one value reads as that value; a wider one as its range.
  const binLabel = (b: Bin, digits: number) => (b.lo === b.hi ? num(b.lo, digits) : `${num(b.lo, digits)}–${num(b.hi, digits)}`);
  const pct = num(100 * d.head.headShare);
  // One bar per distinct value reads as ratings; ranges mean some other numeric value (a price, a duration).
  const valuesTitle = t(d.values?.every((b) => b.lo === b.hi) ? 'data.chart.values' : 'data.chart.valuesBinned');
  return (
    <>
      {d.values && (
        <figure data-testid="chart-values">
          <figcaption>{valuesTitle}</figcaption>
          <BarChart
            data={d.values.map((b) => ({ label: binLabel(b, 2), value: b.count, colour: ACCENT }))}
            title={valuesTitle}
            format={(v) => num(v)}
          />
          <p className="muted small">{t('data.values.note', { valued: num(d.valued), events: num(dataset.log.length) })}</p>
        </figure>
      )}
      <figure data-testid="chart-history">
        <figcaption>{t('data.chart.history')}</figcaption>
        <BarChart
          data={d.historyLengths.map((b) => ({ label: binLabel(b, 0), value: b.count, colour: ACCENT }))}
          title={t('data.chart.history')}
          format={(v) => num(v)}
        />
        <p className="muted small">{t('data.history.note', { median: num(d.historyMedian, 1) })}</p>
      </figure>
      <figure className="wide">
        <figcaption>{t('data.chart.longTail')}</figcaption>
        <LongTailChart
          points={d.popularity}
          headItems={d.head.items}
          headLabel={t('data.longTail.head', { pct })}
          xLabel={t('data.longTail.rank')}
          title={t('data.chart.longTail')}
          format={(v) => num(v)}
          width={width}
        />
        <p className="muted small" data-testid="long-tail-note">
          {t('data.longTail.note', {
            pct,
            items: num(d.head.items),
            total: num(d.popularity.at(-1)?.rank ?? 0),
            share: num(100 * d.head.share, 1),
            singletons: num(d.singletons),
          })}
        </p>
      </figure>
    </>
  );
}

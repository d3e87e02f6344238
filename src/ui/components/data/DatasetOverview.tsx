// Headline counts and charts of the active dataset: events per type, conversion funnel, activity over time.
import { memo } from 'react';
import type { Dataset } from '../../../store/dataSlice';
import { useI18n } from '../../i18n';
import { eventLabel } from '../../i18n/eventLabels';
import { BarChart } from '../../charts/BarChart';
import { ActivityChart } from '../../charts/ActivityChart';
import { eventColour } from '../../charts/palette';
import { useWidth } from '../../charts/useWidth';
import { DatasetDistributions } from './DatasetDistributions';
import { DatasetTitle } from './DatasetTitle';

// Memoised: the Data view re-renders when the import panel opens or closes and when a load starts or reports, and
// redrawing every chart of an unchanged dataset then made the click on Load a long task of the page.
export const DatasetOverview = memo(function DatasetOverview({ dataset }: { dataset: Dataset }) {
  const { t, num, date, lang } = useI18n();
  const [wideRef, wideWidth] = useWidth<HTMLElement>(1100);
  const s = dataset.summary;
  const byType = Object.entries(s.eventsByType).map(([type, value], i) => ({
    label: eventLabel(type, lang),
    value,
    colour: eventColour(type, i),
  }));
  // Bars count users after every earlier step, so each rate is a share of the bar above it and never exceeds 100%.
  const funnel = s.funnel.map((f, i) => ({
    label: eventLabel(f.step, lang),
    value: f.reached,
    colour: eventColour(f.step, i),
    note: i > 0 && s.funnel[i - 1].reached > 0 ? `${num((100 * f.reached) / s.funnel[i - 1].reached, 1)}%` : undefined,
  }));
  const skippers = s.funnel.filter((f) => f.users > f.reached);
  return (
    <section className="panel overview" aria-labelledby="overview-title" data-testid="dataset-overview">
      <DatasetTitle dataset={dataset} />
      <dl className="cards">
        <div>
          <dt>{t('data.overview.events')}</dt>
          <dd data-testid="count-events">{num(s.events)}</dd>
        </div>
        <div>
          <dt>{t('data.overview.users')}</dt>
          <dd data-testid="count-users">{num(s.users)}</dd>
        </div>
        <div>
          <dt>{t('data.overview.items')}</dt>
          <dd data-testid="count-items">{num(s.items)}</dd>
        </div>
        <div>
          <dt>{t('data.overview.timeRange')}</dt>
          <dd className="small">{s.timeRange ? `${date(s.timeRange[0])} – ${date(s.timeRange[1])}` : t('data.overview.noTime')}</dd>
        </div>
      </dl>
      <div className="charts">
        <figure>
          <figcaption>{t('data.chart.byType')}</figcaption>
          <BarChart data={byType} title={t('data.chart.byType')} format={(v) => num(v)} />
        </figure>
        {funnel.length > 1 && (
          <figure>
            <figcaption>{t('data.chart.funnel')}</figcaption>
            <BarChart data={funnel} title={t('data.chart.funnel')} format={(v) => num(v)} />
            {skippers.map((f) => (
              <p key={f.step} className="muted small" data-testid="funnel-at-all">
                {t('data.funnel.atAll', { step: eventLabel(f.step, lang), users: num(f.users), skipped: num(f.users - f.reached) })}
              </p>
            ))}
          </figure>
        )}
        <figure className="wide" ref={wideRef}>
          <figcaption>{t('data.chart.activity')}</figcaption>
          <ActivityChart
            buckets={s.activity}
            isTime={s.activityBucket !== 'position'}
            title={t('data.chart.activity')}
            format={(v) => num(v)}
            width={wideWidth}
            lang={lang}
          />
        </figure>
        <DatasetDistributions dataset={dataset} width={wideWidth} />
      </div>
    </section>
  );
});

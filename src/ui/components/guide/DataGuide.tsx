// The guide's first step once the analyst's own data is open: its name and size, and what fits this log (dataSteps).
import { useMemo } from 'react';
import type { Dataset } from '../../../store/dataSlice';
import { countValued, distributions, titledItems } from '../../../data/distributions';
import { testableUsers } from '../../../data/testableUsers';
import { modelsWith } from '../../../rec/registry';
import { useI18n } from '../../i18n';
import { dataSteps } from './dataSteps';

export function DataGuide({ dataset }: { dataset: Dataset }) {
  const { t, num, date } = useI18n();
  const { log, catalog, summary: s, figures } = dataset;
  // From the worker that built the log when it could (see LogFigures); else counted here.
  const counts = useMemo(
    () =>
      figures
        ? {
            valued: figures.distributions.valued,
            titled: figures.titled,
            testable: figures.testableUsers ?? testableUsers(log),
            median: figures.distributions.historyMedian,
          }
        : {
            valued: countValued(log),
            titled: titledItems(log, catalog),
            testable: testableUsers(log),
            median: distributions(log).historyMedian,
          },
    [log, catalog, figures],
  );
  const purchase = s.funnel.find((f) => f.step === 'purchase');
  const lines = dataSteps(
    {
      events: s.events,
      users: s.users,
      items: s.items,
      valued: counts.valued,
      timeRange: s.timeRange ? [date(s.timeRange[0]), date(s.timeRange[1])] : null,
      exposures: s.eventsByType.exposure ?? 0,
      purchases: s.eventsByType.purchase ?? 0,
      purchasers: purchase?.users ?? 0,
      titled: counts.titled,
      sequenceModels: modelsWith('sequence'),
      testableUsers: counts.testable,
      historyMedian: counts.median,
    },
    (x) => num(x),
  );
  return (
    <>
      <h2 id="guide-title">{t('guide.data.mine.title', { name: dataset.name })}</h2>
      <p>{t('guide.data.mine.body', { events: num(s.events), users: num(s.users), items: num(s.items) })}</p>
      <ul data-testid="guide-data-steps">
        {lines.map((l) => (
          <li key={l.key}>{t(l.key, l.vars)}</li>
        ))}
      </ul>
    </>
  );
}

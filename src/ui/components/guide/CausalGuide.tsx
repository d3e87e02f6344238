// The guide's Causal step on the analyst's own data: the title names the dataset and the lines follow its log
// (causalSteps), as the Data step does (DataGuide).
import { useMemo } from 'react';
import type { Dataset } from '../../../store/dataSlice';
import { logKind } from '../../../causal/defaultVariables';
import { useI18n } from '../../i18n';
import { causalSteps } from './causalSteps';

export function CausalGuide({ dataset }: { dataset: Dataset }) {
  const { t, num } = useI18n();
  const { log, summary: s } = dataset;
  const kind = useMemo(() => logKind(log), [log]);
  const lines = causalSteps(
    { kind, users: s.users, exposures: s.eventsByType.exposure ?? 0, purchases: s.eventsByType.purchase ?? 0 },
    (x) => num(x),
  );
  return (
    <>
      <h2 id="guide-title">{t('guide.causal.mine.title', { name: dataset.name })}</h2>
      <ul data-testid="guide-causal-steps">
        {lines.map((l) => (
          <li key={l.key}>{t(l.key, l.vars)}</li>
        ))}
      </ul>
    </>
  );
}

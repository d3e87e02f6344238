// Population view: across a sample of users, the items and categories that most often drive the top recommendation.
import { useState } from 'react';
import { useApp } from '../../../store';
import { explainPopulation } from '../../../store/explainActions';
import { useI18n } from '../../i18n';
import { BarChart } from '../../charts/BarChart';
import { OKABE_ITO } from '../../charts/palette';
import type { MethodName } from '../../../explain/registry';
import type { PopulationDrivers } from '../../../explain/population';

export function PopulationPanel({ modelId, method, title }: { modelId: string; method: MethodName; title: (i: number) => string }) {
  const { t, num } = useI18n();
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [users, setUsers] = useState(100);
  const [result, setResult] = useState<PopulationDrivers | null>(null);
  const bars = (rows: { key: string; share: number; users: number }[]) =>
    rows.slice(0, 10).map((r, i) => ({
      label: r.key,
      value: 100 * r.share,
      colour: OKABE_ITO[i % OKABE_ITO.length],
      note: t('explain.popUsers', { n: r.users }),
    }));
  return (
    <section className="panel" aria-labelledby="pop-title" data-testid="population">
      <h2 id="pop-title">{t('explain.population')}</h2>
      <div className="row wrap">
        <label>
          {t('explain.popSample')}{' '}
          <input
            type="number"
            min={10}
            max={2000}
            value={users}
            onChange={(e) => setUsers(Math.max(10, Math.min(2000, Number(e.target.value) || 100)))}
            style={{ width: '6em' }}
          />
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => void explainPopulation(modelId, users, method).then((r) => r && setResult(r))}
          data-testid="run-population"
        >
          {t('explain.popRun', { method })}
        </button>
      </div>
      {result && (
        <>
          <p className="muted small" data-testid="population-summary">
            {t('explain.popSummary', { n: num(result.explained), failed: num(result.failed) })}
          </p>
          <div className="charts">
            <figure>
              <figcaption>{t('explain.popItems')}</figcaption>
              <BarChart
                data={bars(result.items.map((r) => ({ ...r, key: title(r.key) })))}
                title={t('explain.popItems')}
                format={(v) => `${num(v, 1)}%`}
              />
            </figure>
            {result.categories.length > 0 && (
              <figure>
                <figcaption>{t('explain.popCategories')}</figcaption>
                <BarChart data={bars(result.categories)} title={t('explain.popCategories')} format={(v) => `${num(v, 1)}%`} />
              </figure>
            )}
          </div>
        </>
      )}
    </section>
  );
}

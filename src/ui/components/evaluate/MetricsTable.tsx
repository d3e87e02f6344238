// Metrics per model with bootstrap 95% confidence intervals where they exist (per-user metrics). Five metrics at the
// first K by default so the table fits the view; a toggle shows the rest (the table then scrolls inside its box).
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';
import { defaultMetricKeys, metricDigits } from './metricColumns';

export function MetricsTable({ rows }: { rows: { name: string; result: EvaluationResult }[] }) {
  const { t, fixed, num } = useI18n();
  const [all, setAll] = useState(false);
  const first = rows[0]?.result;
  const allKeys = Object.keys(first?.metrics ?? {});
  const short = defaultMetricKeys(allKeys, first?.k[0] ?? 10);
  const keys = all || short.length === 0 ? allKeys : short;
  return (
    <>
      {short.length > 0 && short.length < allKeys.length && (
        <label className="small">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="all-metrics" />{' '}
          {t('evaluate.allMetrics', { n: allKeys.length })}
        </label>
      )}
      <div className="table-scroll" role="region" aria-label={t('evaluate.results')} tabIndex={0}>
        <table data-testid="metrics-table" className="metrics-table">
          <thead>
            <tr>
              <th scope="col">{t('model.name')}</th>
              {keys.map((k) => (
                <th scope="col" key={k} className="num">
                  {k}
                </th>
              ))}
              <th scope="col" className="num">
                {t('evaluate.users')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ name, result }) => (
              <tr key={name + result.protocol}>
                <th scope="row">{name}</th>
                {keys.map((k) => {
                  const ci = result.ci95[k];
                  const d = metricDigits(k, result.metrics[k]);
                  return (
                    <td key={k} className="num" data-metric={k}>
                      {fixed(result.metrics[k], d)}
                      {ci && (
                        <span className="ci" title="95% CI">
                          [{fixed(ci[0], d)}, {fixed(ci[1], d)}]
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="num">{num(result.users)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

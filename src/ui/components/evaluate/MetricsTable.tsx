// Metrics per model with bootstrap 95% confidence intervals where they exist (per-user metrics).
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';

export function MetricsTable({ rows }: { rows: { name: string; result: EvaluationResult }[] }) {
  const { t, num } = useI18n();
  const keys = Object.keys(rows[0]?.result.metrics ?? {});
  return (
    <div className="table-scroll" role="region" aria-label={t('evaluate.results')} tabIndex={0}>
      <table data-testid="metrics-table">
        <thead>
          <tr>
            <th scope="col">{t('model.name')}</th>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {k}
              </th>
            ))}
            <th scope="col">{t('evaluate.users')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, result }) => (
            <tr key={name + result.protocol}>
              <th scope="row">{name}</th>
              {keys.map((k) => {
                const ci = result.ci95[k];
                return (
                  <td key={k} title={ci ? `95% CI ${num(ci[0], 4)}–${num(ci[1], 4)}` : undefined}>
                    {num(result.metrics[k], 4)}
                    {ci && (
                      <span className="ci">
                        {' '}
                        [{num(ci[0], 3)}, {num(ci[1], 3)}]
                      </span>
                    )}
                  </td>
                );
              })}
              <td>{num(result.users)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

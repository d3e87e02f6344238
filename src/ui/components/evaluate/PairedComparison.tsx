// Beside the metrics table: each model minus a chosen reference on one per-user metric, over the same users resampled
// jointly (rec/pairedComparison), so two models whose separate intervals overlap can still be told apart, or not.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';
import { pairableMetrics, pairedDifference, type PairedDifference } from '../../../rec/pairedComparison';
import type { TrainedModelInfo } from '../../../rec/train';
import { ModelSelect } from '../common/ModelSelect';
import { metricDigits } from './metricColumns';
import { cachedForPair } from './pairCache';

const SAMPLES = 1000;

function cachedDifference(model: EvaluationResult, reference: EvaluationResult, metric: string, seed: number): PairedDifference | null {
  return cachedForPair(model, reference, `paired|${metric}|${seed}`, () =>
    model.perUser && reference.perUser ? pairedDifference(model.perUser, reference.perUser, metric, seed, SAMPLES) : null,
  );
}

export function PairedComparison({ entries, seed }: { entries: { model: TrainedModelInfo; result: EvaluationResult }[]; seed: number }) {
  const { t, fixed, num } = useI18n();
  const [referenceId, setReferenceId] = useState(entries[0]?.model.id);
  const reference = entries.find((e) => e.model.id === referenceId) ?? entries[0];
  const metrics = reference ? pairableMetrics(reference.result) : [];
  const [picked, setPicked] = useState<string | null>(null);
  const k0 = reference?.result.k[0] ?? 10;
  const metric = picked && metrics.includes(picked) ? picked : metrics.includes(`NDCG@${k0}`) ? `NDCG@${k0}` : metrics[0];
  const rows = entries
    .filter((e) => e !== reference)
    .map((e) => ({ entry: e, diff: metric ? cachedDifference(e.result, reference.result, metric, seed) : null }));
  if (entries.length < 2 || !reference || !metric) return null;
  return (
    <section className="panel" aria-labelledby="paired-title" data-testid="paired">
      <h2 id="paired-title">{t('evaluate.paired.title')}</h2>
      <div className="row wrap">
        <ModelSelect
          label={t('evaluate.paired.reference')}
          models={entries.map((e) => e.model)}
          value={reference.model.id}
          onChange={setReferenceId}
          testId="paired-reference"
        />
        <label>
          {t('evaluate.paired.metric')}{' '}
          <select value={metric} onChange={(e) => setPicked(e.target.value)} data-testid="paired-metric">
            {metrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{t('evaluate.paired.hint', { metric, samples: num(SAMPLES) })}</p>
      <div className="table-scroll" role="region" aria-label={t('evaluate.paired.title')} tabIndex={0}>
        <table data-testid="paired-table">
          <thead>
            <tr>
              <th scope="col">{t('model.name')}</th>
              <th scope="col" className="num">
                {t('evaluate.paired.difference')} · {metric}
              </th>
              <th scope="col" className="num">
                {t('evaluate.paired.users')}
              </th>
              <th scope="col">{t('evaluate.paired.reading')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ entry, diff }) => (
              <tr
                key={entry.model.id}
                data-verdict={diff?.verdict ?? 'unavailable'}
                data-difference={diff?.difference}
                data-lo={diff?.ci95[0]}
                data-hi={diff?.ci95[1]}
              >
                <th scope="row">{entry.model.name}</th>
                <td className="num">
                  {diff ? (
                    <>
                      {fixed(diff.difference, metricDigits(metric, diff.difference))}{' '}
                      <span className="ci">
                        [{fixed(diff.ci95[0], metricDigits(metric, diff.difference))},{' '}
                        {fixed(diff.ci95[1], metricDigits(metric, diff.difference))}]
                      </span>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="num">{diff ? num(diff.users) : '–'}</td>
                <td
                  className={diff?.verdict === 'higher' ? 'better' : diff?.verdict === 'lower' ? 'worse' : undefined}
                  style={{ whiteSpace: 'normal' }}
                >
                  {diff
                    ? t(`evaluate.paired.${diff.verdict}`, { reference: `${reference.model.name} (${reference.model.id})` })
                    : t('evaluate.paired.unavailable')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

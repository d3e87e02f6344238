// Cold start in the Evaluate view: each model's metric on all test cases, on cold users and on cold items (rec/coldStart),
// with CIs and case counts, and a sentence per item-text model saying whether its text beats popularity on cold items.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';
import { COLD_MAX_INTERACTIONS, SLICES } from '../../../rec/coldStart';
import { sliceDifference } from '../../../rec/coldStartComparison';
import { pairableMetrics, type PairedDifference } from '../../../rec/pairedComparison';
import type { TrainedModelInfo } from '../../../rec/train';
import { metricDigits } from './metricColumns';
import { coldItemSentence, readsItemText } from './coldStartText';
import { cachedForPair } from './pairCache';

type Entry = { model: TrainedModelInfo; result: EvaluationResult };

function coldItems(model: EvaluationResult, reference: EvaluationResult, metric: string, seed: number): PairedDifference | null {
  return cachedForPair(model, reference, `cold-items|${metric}|${seed}`, () =>
    sliceDifference(model, reference, 'cold-items', metric, seed),
  );
}

export function ColdStartPanel({ entries, seed }: { entries: Entry[]; seed: number }) {
  const { t, fixed, num } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const first = entries[0]?.result;
  const metrics = first ? pairableMetrics(first) : [];
  const k0 = first?.k[0] ?? 10;
  const metric = picked && metrics.includes(picked) ? picked : metrics.includes(`NDCG@${k0}`) ? `NDCG@${k0}` : metrics[0];
  const reference = entries.find((e) => e.model.name === 'pop');
  const textModels = entries.filter((e) => readsItemText(e.model));
  const sentences =
    reference && metric
      ? textModels.map((e) => ({
          id: e.model.id,
          text: coldItemSentence(
            e.model.name,
            reference.model.name,
            metric,
            coldItems(e.result, reference.result, metric, seed),
            t,
            num,
            [e.result, reference.result].every((r) => r.slices?.['cold-items']?.metrics[metric] === 0),
          ),
        }))
      : [];
  if (!first || !metric) return null;
  // An empty slice says why in numbers: the fewest training interactions any test case has (e.g. 18 on ml-100k's users).
  const cell = (value: number | undefined, ci: [number, number] | undefined, n: number, fewest?: number) =>
    n === 0 || value === undefined ? (
      <span className="muted">
        {fewest === undefined ? t('evaluate.cold.empty') : t('evaluate.cold.emptyFewest', { fewest: num(fewest) })}
      </span>
    ) : (
      <>
        {fixed(value, metricDigits(metric, value))}
        {ci && (
          <span className="ci" title="95% CI">
            [{fixed(ci[0], metricDigits(metric, value))}, {fixed(ci[1], metricDigits(metric, value))}]
          </span>
        )}
        <br />
        <span className="muted small">{t('evaluate.cold.cases', { n: num(n) })}</span>
      </>
    );
  return (
    <section className="panel" aria-labelledby="cold-title" data-testid="cold-start">
      <h2 id="cold-title">{t('evaluate.cold.title')}</h2>
      <p className="muted small">{t('evaluate.cold.hint', { max: COLD_MAX_INTERACTIONS })}</p>
      <label>
        {t('evaluate.cold.metric')}{' '}
        <select value={metric} onChange={(e) => setPicked(e.target.value)} data-testid="cold-metric">
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <div className="table-scroll" role="region" aria-label={t('evaluate.cold.title')} tabIndex={0}>
        <table data-testid="cold-table">
          <thead>
            <tr>
              <th scope="col">{t('model.name')}</th>
              <th scope="col" className="num">
                {t('evaluate.cold.all')} · {metric}
              </th>
              {SLICES.map((s) => (
                <th scope="col" className="num" key={s}>
                  {t(`evaluate.cold.slice.${s}`)} · {metric}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map(({ model, result }) => (
              <tr key={model.id} data-model={model.name}>
                <th scope="row">{model.name}</th>
                <td className="num">{cell(result.metrics[metric], result.ci95[metric], result.users)}</td>
                {SLICES.map((s) => {
                  const part = result.slices?.[s];
                  return (
                    <td className="num" key={s} data-slice={s}>
                      {part ? cell(part.metrics[metric], part.ci95[metric], part.users, part.fewest) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.some((e) => !e.result.slices) && <p className="muted small">{t('evaluate.cold.rerun')}</p>}
      {textModels.length === 0 ? (
        <p className="small">{t('evaluate.cold.noTextModel')}</p>
      ) : !reference ? (
        <p className="small">{t('evaluate.cold.noReference')}</p>
      ) : (
        sentences.map((s) => (
          <p key={s.id} data-testid="cold-reading">
            {s.text}
          </p>
        ))
      )}
    </section>
  );
}

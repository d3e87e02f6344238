// Effect of a treatment on an outcome on the analyst's current graph: the back-door set (or why there is none),
// every registered estimator with bootstrap 95% CIs, overlap diagnostics, the population what-if, and refutations.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useApp } from '../../../store';
import { estimateEffect } from '../../../store/causalActions';
import type { Dag } from '../../../causal/graph';
import type { EffectRequest } from '../../../causal/pipelineTypes';
import { ESTIMATOR_KEYS, ESTIMATORS } from '../../../causal/estimators';
import { EffectFindings } from './EffectFindings';

export function EffectPanel({
  datasetId,
  unit,
  dag,
  truthAte,
  binary,
}: {
  datasetId: string;
  unit: 'user' | 'session';
  dag: Dag;
  truthAte: number | null;
  /** The table's 0/1 variables, null while not known: the estimators need a 0/1 treatment, so only those are offered. */
  binary: string[] | null;
}) {
  const { t, num } = useI18n();
  // The estimate lives in the store (the report includes it), for the dataset and unit it was made on.
  const effect = useApp((s) => (s.causalEffect?.datasetId === datasetId && s.causalEffect.request.unit === unit ? s.causalEffect : null));
  // A rating log (ml-100k) has no 0/1 variable: offering its first, continuous one only led to "row 1 has 3.615…".
  const treatments = binary ? dag.nodes.filter((n) => binary.includes(n)) : dag.nodes;
  const [picked, setTreatment] = useState(() =>
    effect && dag.nodes.includes(effect.request.treatment) ? effect.request.treatment : dag.nodes.includes('exposed') ? 'exposed' : null,
  );
  const treatment = picked !== null && treatments.includes(picked) ? picked : (treatments[0] ?? '');
  const [outcome, setOutcome] = useState(() =>
    effect && dag.nodes.includes(effect.request.outcome)
      ? effect.request.outcome
      : dag.nodes.includes('purchased')
        ? 'purchased'
        : dag.nodes.at(-1)!,
  );
  const result = effect?.result ?? null;
  const run = async () => {
    const request: EffectRequest = {
      datasetId,
      unit,
      nodes: [...dag.nodes],
      edges: [...dag.edges],
      treatment,
      outcome,
      bootstrap: 200,
      seed: 42,
    };
    const r = await estimateEffect(request);
    if (r) useApp.getState().causalEffectEstimated({ datasetId, request, result: r });
  };
  const ci = (x: { ate: number; ci95: [number, number] }) => `${num(x.ate, 3)} [${num(x.ci95[0], 3)}, ${num(x.ci95[1], 3)}]`;
  const covers = (x: { ci95: [number, number] }) => truthAte !== null && x.ci95[0] <= truthAte && truthAte <= x.ci95[1];
  return (
    <section className="panel" aria-labelledby="effect-title" data-testid="effect">
      <h2 id="effect-title">{t('causal.effect')}</h2>
      <div className="row wrap">
        <label>
          {t('causal.treatment')}{' '}
          <select value={treatment} onChange={(e) => setTreatment(e.target.value)} disabled={!treatment} data-testid="treatment">
            {treatments.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          {t('causal.outcome')}{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="outcome">
            {dag.nodes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={!treatment || treatment === outcome}
          onClick={() => void run()}
          data-testid="estimate"
        >
          {t('causal.estimate')}
        </button>
      </div>
      {!treatment && (
        <p className="muted" data-testid="no-binary-treatment">
          {t('causal.noBinaryTreatment', { n: dag.nodes.length })}
        </p>
      )}
      {result && !result.ok && (
        <p className="warn" role="alert">
          {result.reason}
        </p>
      )}
      {result?.ok && (
        <>
          <p data-testid="adjustment">
            {t('causal.adjustment')}: {result.adjustmentSet.length ? result.adjustmentSet.join(', ') : '∅'}
            {!result.causalPathExists ? ` · ${t('causal.noPath')}` : ''}
          </p>
          <table data-testid="estimates">
            <thead>
              <tr>
                <th scope="col">{t('causal.estimator')}</th>
                <th scope="col">ATE [95% CI]</th>
                {truthAte !== null && <th scope="col">{t('causal.coversTruth', { ate: num(truthAte, 3) })}</th>}
              </tr>
            </thead>
            <tbody>
              {ESTIMATOR_KEYS.map((k) => (
                <tr key={k}>
                  <th scope="row">{t(ESTIMATORS[k].labelKey)}</th>
                  <td>{ci(result.estimates[k])}</td>
                  {truthAte !== null && <td>{covers(result.estimates[k]) ? '✓' : '✗'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">
            {t('causal.whatIf', { control: ci(result.estimates.whatIf.control), treated: ci(result.estimates.whatIf.treated) })}
          </p>
          <p className="small muted">
            {t('causal.overlap', {
              tMin: num(result.estimates.overlap.treated.min, 3),
              tMax: num(result.estimates.overlap.treated.max, 3),
              cMin: num(result.estimates.overlap.control.min, 3),
              cMax: num(result.estimates.overlap.control.max, 3),
              trimmed: num(100 * result.estimates.overlap.trimmedShare, 1),
            })}
          </p>
          <h3>{t('causal.refutations')}</h3>
          <ul data-testid="refutations">
            {result.refutations.map((r) => (
              <li key={r.name} className={r.passed ? 'good' : 'bad'}>
                {r.passed ? '✓' : '✗'} {t(`causal.ref.${r.name}`)}: {num(r.originalEffect, 3)} → {num(r.newEffect, 3)} (sd {num(r.sd, 3)}) —{' '}
                {r.note}
                {r.ci95 ? ` (95% CI ${num(r.ci95[0], 3)} – ${num(r.ci95[1], 3)})` : ''}
              </li>
            ))}
          </ul>
          <EffectFindings facts={result} treatment={effect?.request.treatment ?? treatment} outcome={effect?.request.outcome ?? outcome} />
        </>
      )}
    </section>
  );
}

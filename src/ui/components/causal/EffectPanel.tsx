// Effect of a treatment on an outcome on the analyst's current graph: the back-door set (or why there is none),
// every registered estimator with bootstrap 95% CIs, overlap diagnostics, the population what-if, and refutations.
// A treatment that is not 0/1 (ml-100k's rating_mean) is split at a threshold the analyst sees and can edit.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useApp } from '../../../store';
import { estimateEffect } from '../../../store/causalActions';
import type { Dag } from '../../../causal/graph';
import type { CausalVariables, EffectRequest } from '../../../causal/pipelineTypes';
import { ESTIMATOR_KEYS, ESTIMATORS } from '../../../causal/estimators';
import { defaultOutcome } from '../../../causal/causalReason';
import { EffectFindings } from './EffectFindings';
import { effectChoices, thresholdProblem } from './effectChoices';
import { refutationNote, treatmentLabel } from './effectFindingText';

export function EffectPanel({
  datasetId,
  unit,
  dag,
  truthAte,
  vars,
}: {
  datasetId: string;
  unit: 'user' | 'session';
  dag: Dag;
  truthAte: number | null;
  /** The table's variables with their kinds and ranges, null while not known. */
  vars: CausalVariables | null;
}) {
  const { t, num } = useI18n();
  // The estimate lives in the store (the report includes it), for the dataset and unit it was made on.
  const effect = useApp((s) => (s.causalEffect?.datasetId === datasetId && s.causalEffect.request.unit === unit ? s.causalEffect : null));
  // Constant variables can be neither treatment nor outcome; a continuous treatment is offered split at a threshold.
  const { treatments, outcomes, constant, info } = effectChoices(dag.nodes, vars);
  const [picked, setTreatment] = useState(() =>
    effect && dag.nodes.includes(effect.request.treatment) ? effect.request.treatment : dag.nodes.includes('exposed') ? 'exposed' : null,
  );
  const treatment = picked !== null && treatments.includes(picked) ? picked : (treatments[0] ?? '');
  const [pickedOutcome, setOutcome] = useState<string | null>(null);
  // Until the analyst picks one, the outcome is the causal reason's (defaultOutcome: the last one estimated, a purchase
  // or rating variable, else the last node), never the treatment itself (ml-100k's default treatment is rating_mean).
  const outcome =
    pickedOutcome !== null && outcomes.includes(pickedOutcome)
      ? pickedOutcome
      : (defaultOutcome(
          outcomes.filter((n) => n !== treatment),
          effect?.request.outcome,
        ) ?? '');
  // The threshold typed per treatment, starting from the restored estimate's or the variable's default (its median).
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    effect?.request.threshold != null ? { [effect.request.treatment]: String(effect.request.threshold) } : {},
  );
  const split = info(treatment);
  const thresholdText = split ? (typed[treatment] ?? (split.threshold === null ? '' : String(split.threshold))) : '';
  const problem = split ? thresholdProblem(thresholdText, split) : null;
  const result = effect?.result ?? null;
  // The figures shown are the stored estimate's: name its treatment, not the one picked since.
  const shownTreatment = effect?.request.treatment ?? treatment;
  const run = async () => {
    const request: EffectRequest = {
      datasetId,
      unit,
      nodes: [...dag.nodes],
      edges: [...dag.edges],
      treatment,
      outcome,
      ...(split ? { threshold: Number(thresholdText) } : {}),
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
              <option key={n} value={n}>
                {info(n) ? t('causal.splitOption', { treatment: n }) : n}
              </option>
            ))}
          </select>
        </label>
        {split && (
          <label>
            {t('causal.splitAt')}{' '}
            <input
              type="number"
              step="any"
              value={thresholdText}
              onChange={(e) => setTyped({ ...typed, [treatment]: e.target.value })}
              aria-invalid={problem !== null}
              style={{ width: '7em' }}
              data-testid="treatment-threshold"
            />{' '}
            <span className="muted small" data-testid="treatment-threshold-hint">
              {t('causal.splitHint', { median: num(split.median, 3), min: num(split.min, 3), max: num(split.max, 3) })}
            </span>
          </label>
        )}
        <label>
          {t('causal.outcome')}{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)} data-testid="outcome">
            {outcomes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={!treatment || treatment === outcome || problem !== null}
          onClick={() => void run()}
          data-testid="estimate"
        >
          {t('causal.estimate')}
        </button>
      </div>
      {split && problem && (
        <p className="warn" role="alert" data-testid="treatment-threshold-error">
          {t('causal.thresholdRange', { treatment, min: num(split.min, 6), max: num(split.max, 6) })}
        </p>
      )}
      {constant.length > 0 && (
        <p className="muted small" data-testid="constant-treatments">
          {t('causal.constantTreatments', { n: constant.length, list: constant.map((c) => `${c.name} = ${num(c.value, 6)}`).join(', ') })}
        </p>
      )}
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
          {result.split && (
            <p data-testid="effect-split">
              {t('causal.splitCounts', {
                label: treatmentLabel(shownTreatment, result.split, t, num),
                treated: num(result.split.treated),
                control: num(result.split.control),
                threshold: num(result.split.threshold, 6),
              })}
            </p>
          )}
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
          <h3>
            {t('causal.refutations')}
            {result.split ? ` · ${treatmentLabel(shownTreatment, result.split, t, num)}` : ''}
          </h3>
          <ul data-testid="refutations">
            {result.refutations.map((r) => (
              <li key={r.name} className={r.passed ? 'good' : 'bad'}>
                {r.passed ? '✓' : '✗'} {t(`causal.ref.${r.name}`)}: {num(r.originalEffect, 3)} → {num(r.newEffect, 3)} (sd {num(r.sd, 3)}) —{' '}
                {refutationNote(r, t, num)}
                {r.ci95 ? ` (95% CI ${num(r.ci95[0], 3)} – ${num(r.ci95[1], 3)})` : ''}
              </li>
            ))}
          </ul>
          <EffectFindings facts={result} treatment={shownTreatment} outcome={effect?.request.outcome ?? outcome} />
        </>
      )}
    </section>
  );
}

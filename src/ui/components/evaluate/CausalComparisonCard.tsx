// "Causal vs traditional" (issue #19, requirement 6): the dataset's models by objective (naive, IPS, SNIPS, DR) and
// the uplift policy on top of a chosen model, with accuracy, test-file and true or estimated uplift figures, their CIs
// and paired differences (rec/causalComparison), and one sentence built from the uplift row's numbers.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { fitUpliftAndCompare } from '../../../store/upliftActions';
import { causalComparisonRows, type ComparisonRow } from '../../../rec/causalComparison';
import type { TrainedModelInfo } from '../../../rec/train';
import { UPLIFT_DEFAULTS, UPLIFT_RANGES } from '../../../rec/uplift/tLearner';
import { inRange } from '../../../lib/ranges';
import { useI18n } from '../../i18n';
import { comparisonSentence, pairedText, withCi } from './causalComparisonText';
import { ModelSelect } from '../common/ModelSelect';
import { ErrorNote } from '../common/ErrorNote';

/** The cut-off of every figure in the card: the K the issue asks for. */
const K = 10;
const NEEDED_EVENTS = ['exposure', 'purchase'] as const;

export function CausalComparisonCard({ models, seed }: { models: TrainedModelInfo[]; seed: number }) {
  const { t, num, fixed } = useI18n();
  const eventTypes = useApp((s) => activeDataset(s)?.log.eventTypes ?? []);
  const evaluations = useApp((s) => s.evaluations);
  const { upliftFits, upliftReports, testFileScores } = useApp(
    useShallow((s) => ({ upliftFits: s.upliftFits, upliftReports: s.upliftReports, testFileScores: s.testFileScores })),
  );
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [baseId, setBaseId] = useState('');
  const [candidates, setCandidates] = useState(String(UPLIFT_DEFAULTS.candidates));
  const [bootstrap, setBootstrap] = useState(String(UPLIFT_DEFAULTS.bootstrap));
  const [error, setError] = useState<string | null>(null);
  const base = models.find((m) => m.id === baseId) ?? models[0];
  const missing = NEEDED_EVENTS.filter((e) => !eventTypes.includes(e));
  const settings = { candidates: Number(candidates), bootstrap: Number(bootstrap) };
  const valid = inRange(settings.candidates, UPLIFT_RANGES.candidates) && inRange(settings.bootstrap, UPLIFT_RANGES.bootstrap);

  const rows = useMemo(() => {
    const ids = new Set(models.map((m) => m.id));
    const pick = <V,>(r: Record<string, V>) => Object.fromEntries(Object.entries(r).filter(([id]) => ids.has(id)));
    const full = Object.fromEntries(
      evaluations.filter((e) => e.protocol === 'full' && e.result.stage === 'test' && ids.has(e.modelId)).map((e) => [e.modelId, e.result]),
    );
    return causalComparisonRows({
      models,
      evaluations: full,
      testFiles: pick(testFileScores),
      reports: pick(upliftReports),
      k: K,
      seed,
    });
  }, [models, evaluations, testFileScores, upliftReports, seed]);

  const fitted = base ? upliftFits[base.id] : undefined;
  const report = base ? upliftReports[base.id] : undefined;
  const hasTruth = !!report?.hasTruth;
  const upliftRow = rows.find((r) => r.variant === 'uplift' && r.modelId === base?.id);
  const baseRow = rows.find((r) => r.variant !== 'uplift' && r.modelId === base?.id);
  const sentence = upliftRow && baseRow ? comparisonSentence(upliftRow, baseRow, K, hasTruth, t, fixed) : '';
  const unevaluated = rows.filter((r) => r.variant !== 'uplift' && !r.figures[`NDCG@${K}`]).map((r) => r.name);
  const nameOf = (key: string | null) => {
    const r = rows.find((x) => x.key === key);
    return r ? rowLabel(r) : '';
  };
  const rowLabel = (r: ComparisonRow) => (r.variant === 'uplift' ? t('compare.upliftOf', { model: r.name }) : `${r.name} (${r.modelId})`);
  const cell = (r: ComparisonRow, metric: string) => {
    const f = r.figures[metric];
    // The CI never breaks inside, so a narrow column puts it on its own line (the table wraps to fit 1280 px).
    return (
      <td data-testid={`cc-${metric}`}>
        {!f ? (
          '—'
        ) : f.ci95 ? (
          <>
            {fixed(f.value, 3)} <span className="cc-ci">{`[${fixed(f.ci95[0], 3)}, ${fixed(f.ci95[1], 3)}]`}</span>
          </>
        ) : (
          withCi(fixed, f.value, null)
        )}
      </td>
    );
  };

  const run = async () => {
    if (!base) return;
    setError(null);
    try {
      setError(await fitUpliftAndCompare(base.id, settings, { k: K, seed }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel" aria-labelledby="causal-compare-title" data-testid="causal-compare">
      <h2 id="causal-compare-title">{t('compare.title')}</h2>
      <p className="muted">{t('compare.hint', { k: K })}</p>
      {missing.length > 0 ? (
        <p className="warn" data-testid="causal-compare-needs-events">
          {t('compare.needsEvents', { missing: missing.join(', ') })}
        </p>
      ) : (
        <div className="row wrap">
          <ModelSelect label={t('compare.base')} models={models} value={base?.id ?? ''} onChange={setBaseId} testId="causal-compare-base" />
          <label>
            {t('compare.candidates')} <input value={candidates} onChange={(e) => setCandidates(e.target.value)} style={{ width: '5em' }} />
          </label>
          <label>
            {t('compare.bootstrap')}{' '}
            <input
              value={bootstrap}
              onChange={(e) => setBootstrap(e.target.value)}
              style={{ width: '5em' }}
              data-testid="causal-compare-bootstrap"
            />
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy || !valid || !base}
            onClick={() => void run()}
            data-testid="causal-compare-fit"
          >
            {t('compare.fit')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {fitted && base && (
        <p className="muted small" data-testid="causal-compare-fit-info">
          {t('compare.fitInfo', {
            model: `${base.name} (${base.id})`,
            users: num(fitted.users),
            treated: num(fitted.counts.treatedPairs),
            treatedBought: num(fitted.counts.treatedBought),
            control: num(fitted.counts.controlPairs),
            controlBought: num(fitted.counts.controlBought),
            bootstrap: fitted.settings.bootstrap,
          })}
        </p>
      )}
      <div className="table-scroll" role="region" aria-label={t('compare.title')} tabIndex={0}>
        <table className="causal-compare-table" data-testid="causal-compare-table">
          <thead>
            <tr>
              <th scope="col">{t('compare.col.variant')}</th>
              <th scope="col">{t('model.name')}</th>
              <th scope="col">NDCG@{K}</th>
              <th scope="col">HR@{K}</th>
              <th scope="col">{t('compare.col.mse')}</th>
              <th scope="col">{t('compare.col.auc')}</th>
              <th scope="col">{t('compare.col.trueUplift', { k: K })}</th>
              <th scope="col">{t('compare.col.estimatedUplift', { k: K })}</th>
              <th scope="col">{t('compare.col.paired')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`cc-row-${r.variant}`} data-model={r.modelId}>
                <td>{t(`compare.variant.${r.variant}`)}</td>
                <th scope="row">{rowLabel(r)}</th>
                {cell(r, `NDCG@${K}`)}
                {cell(r, `HR@${K}`)}
                {cell(r, 'MSE')}
                {cell(r, 'AUC')}
                {cell(r, `trueUplift@${K}`)}
                {cell(r, `estimatedUplift@${K}`)}
                <td className="cc-paired" data-testid="cc-paired">
                  {r.against && Object.keys(r.paired).length > 0 ? (
                    <>
                      <span className="muted small">{t('compare.vs', { name: nameOf(r.against) })}</span>
                      {Object.entries(r.paired).map(([metric, p]) => (
                        <div key={metric} data-testid={`cc-paired-${metric}`}>
                          {keepCis(pairedText(metric, p, fixed))}
                        </div>
                      ))}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sentence && <p data-testid="causal-compare-sentence">{sentence}</p>}
      {!report && missing.length === 0 && <p className="muted small">{t('compare.notFitted')}</p>}
      {report && !hasTruth && <p className="muted small">{t('compare.noTruth')}</p>}
      {unevaluated.length > 0 && <p className="muted small">{t('compare.noEvaluation', { models: unevaluated.join(', '), k: K })}</p>}
      <p className="muted small">{t('compare.definitions')}</p>
    </section>
  );
}

/** The text with each "[lo, hi]" in a span that never breaks, so a wrapped cell never splits a CI across lines. */
function keepCis(text: string) {
  return text.split(/(\[[^\]]*\])/).map((part, i) =>
    i % 2 ? (
      <span key={i} className="cc-ci">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

// Faithfulness of each explanation method over a sample of users: mean deletion / insertion AUC with 95% CIs, next to
// a random order on the same users; computed in the ML worker with progress and Cancel.
import { useState } from 'react';
import { useApp } from '../../../store';
import { summariseFaithfulness } from '../../../store/behaviorActions';
import { methodsForModel, type MethodName } from '../../../explain/registry';
import type { FaithfulnessSummaryResult } from '../../../explain/userSample';
import type { TrainedModelInfo } from '../../../rec/train';
import { useI18n } from '../../i18n';
import { CiBarChart } from '../../charts/CiBarChart';
import { ModelSelect } from '../common/ModelSelect';
import { ErrorNote } from '../common/ErrorNote';

/** Deletion AUC minus random: better when its whole 95% CI lies below zero, worse when above (colour, not bold). */
const verdictClass = (d: { lo: number; hi: number }) => (d.hi < 0 ? 'better' : d.lo > 0 ? 'worse' : undefined);

export function FaithfulnessSummary({ models }: { models: TrainedModelInfo[] }) {
  const { t, num } = useI18n();
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [modelId, setModelId] = useState('');
  const [users, setUsers] = useState(50);
  const [chosen, setChosen] = useState<Set<MethodName>>(new Set(['ig', 'occlusion', 'lime']));
  const [result, setResult] = useState<{ modelId: string; r: FaithfulnessSummaryResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const model = models.find((m) => m.id === modelId) ?? models.at(-1);
  if (!model) return null;
  const usable = methodsForModel(model.name);
  const methods = usable.filter((m) => chosen.has(m));
  const run = async () => {
    setError(null);
    try {
      const r = await summariseFaithfulness(model.id, users, methods);
      if (r) setResult({ modelId: model.id, r });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const shown = result?.modelId === model.id ? result.r : null;
  const ci = (c: { mean: number; lo: number; hi: number }) => `${num(c.mean, 3)} [${num(c.lo, 3)}, ${num(c.hi, 3)}]`;
  const chart = shown
    ? [
        ...shown.methods.map((s) => ({ label: s.method, value: s.deletionAUC.mean, lo: s.deletionAUC.lo, hi: s.deletionAUC.hi })),
        ...(shown.methods[0]
          ? [
              {
                label: t('evaluate.faith.random'),
                value: shown.methods[0].randomDeletionAUC.mean,
                lo: shown.methods[0].randomDeletionAUC.lo,
                hi: shown.methods[0].randomDeletionAUC.hi,
              },
            ]
          : []),
      ]
    : [];
  return (
    <section className="panel" aria-labelledby="faith-summary-title" data-testid="faithfulness-summary">
      <h2 id="faith-summary-title">{t('evaluate.faith.title')}</h2>
      <p className="muted small">{t('evaluate.faith.hint')}</p>
      <p className="muted small">{t('explain.faithDirection')}</p>
      <div className="row wrap">
        <ModelSelect label={t('evaluate.faith.model')} models={models} value={model.id} onChange={setModelId} />
        {usable.map((m) => (
          <label key={m} className="small">
            <input
              type="checkbox"
              checked={chosen.has(m)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(m);
                else next.delete(m);
                setChosen(next);
              }}
            />{' '}
            {t(`explain.method.${m}`)}
          </label>
        ))}
        <label>
          {t('evaluate.faith.users')}{' '}
          <input
            type="number"
            min={5}
            max={2000}
            value={users}
            onChange={(e) => setUsers(Math.max(5, Math.min(2000, Number(e.target.value) || 50)))}
            style={{ width: '5em' }}
            data-testid="faith-users"
          />
        </label>
        <button type="button" disabled={busy || methods.length === 0} onClick={() => void run()} data-testid="run-faithfulness">
          {t('evaluate.faith.run')}
        </button>
      </div>
      <ErrorNote error={error} />
      {shown && (
        <>
          <p className="muted small" data-testid="faith-users-summary">
            {t('evaluate.faith.summary', { users: num(shown.users), seconds: num(shown.seconds, 1) })}
          </p>
          {shown.skipped.map((s) => (
            <p key={s.method} className="muted small">
              {t('evaluate.faith.skipped', { method: s.method, reason: s.reason })}
            </p>
          ))}
          <div className="table-scroll">
            <table data-testid="faith-table">
              <thead>
                <tr>
                  <th scope="col">{t('evaluate.faith.method')}</th>
                  <th scope="col">{t('evaluate.faith.n')}</th>
                  <th scope="col">{t('evaluate.faith.deletion')}</th>
                  <th scope="col">{t('evaluate.faith.randomDeletion')}</th>
                  <th scope="col">{t('evaluate.faith.delta')}</th>
                  <th scope="col">{t('evaluate.faith.insertion')}</th>
                  <th scope="col">{t('evaluate.faith.randomInsertion')}</th>
                  <th scope="col">{t('evaluate.faith.better')}</th>
                  <th scope="col">AOPC</th>
                </tr>
              </thead>
              <tbody>
                {shown.methods.map((s) => (
                  <tr key={s.method}>
                    <th scope="row">{t(`explain.method.${s.method}`)}</th>
                    <td>
                      {num(s.users)}
                      {s.degenerate ? ` (+${s.degenerate} ${t('explain.degenerate')})` : ''}
                    </td>
                    <td className={verdictClass(s.deletionMinusRandom)}>{ci(s.deletionAUC)}</td>
                    <td>{ci(s.randomDeletionAUC)}</td>
                    <td className={verdictClass(s.deletionMinusRandom)}>{ci(s.deletionMinusRandom)}</td>
                    <td>{ci(s.insertionAUC)}</td>
                    <td>{ci(s.randomInsertionAUC)}</td>
                    <td>{num(100 * s.betterThanRandom, 0)}%</td>
                    <td>{num(s.aopc, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure>
            <figcaption>{t('evaluate.faith.chart')}</figcaption>
            <CiBarChart data={chart} title={t('evaluate.faith.chart')} format={num} />
          </figure>
        </>
      )}
    </section>
  );
}

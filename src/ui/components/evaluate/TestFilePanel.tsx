// Score a trained model on a separate test file — e.g. Coat's randomly assigned ratings — with MSE/MAE (rating
// models), per-user AUC and NDCG@5, each with its bootstrap CI. Every sentence is built from the figures shown.
import { useState } from 'react';
import type { TrainedModelInfo } from '../../../rec/train';
import type { TestLogScores } from '../../../rec/testLog';
import { TEST_METRICS } from '../../../rec/unbiasedEval';
import { scoreTestFile } from '../../../store/testFileActions';
import { useI18n } from '../../i18n';
import { ModelSelect } from '../common/ModelSelect';
import { ErrorNote } from '../common/ErrorNote';

export function TestFilePanel({ models, seed }: { models: TrainedModelInfo[]; seed: number }) {
  const { t, num } = useI18n();
  const [modelId, setModelId] = useState<string>('');
  const [scored, setScored] = useState<{ model: string; file: string; scores: TestLogScores } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const model = models.find((m) => m.id === modelId) ?? models[models.length - 1];
  const run = async (file: File | undefined) => {
    if (!file || !model) return;
    setError(null);
    try {
      const r = await scoreTestFile(model.id, file, seed);
      if (!r) return;
      if (r.ok) setScored({ model: model.name, file: file.name, scores: r.data });
      else setError(r.reason);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const s = scored?.scores;
  return (
    <section className="panel" aria-labelledby="test-file-title" data-testid="test-file-panel">
      <h2 id="test-file-title">{t('evaluate.testFile.title')}</h2>
      <p className="muted">{t('evaluate.testFile.hint')}</p>
      <div className="row wrap">
        <ModelSelect label={t('model.name')} models={models} value={model?.id ?? ''} onChange={setModelId} testId="test-file-model" />
        <label>
          {t('evaluate.testFile.choose')}{' '}
          <input type="file" accept=".csv,.tsv,.txt,.data" onChange={(e) => void run(e.target.files?.[0])} data-testid="test-file" />
        </label>
      </div>
      <ErrorNote error={error} />
      {scored && s && (
        <>
          <p>
            {t('evaluate.testFile.summary', { model: scored.model, file: scored.file, users: s.users, ratings: s.ratings })}
            {s.skipped > 0 && <> {t('evaluate.testFile.skipped', { skipped: s.skipped })}</>}
          </p>
          <table data-testid="test-file-metrics">
            <thead>
              <tr>
                <th>{t('evaluate.testFile.metric')}</th>
                <th>{t('evaluate.testFile.value')}</th>
                <th>{t('evaluate.testFile.ci')}</th>
              </tr>
            </thead>
            <tbody>
              {TEST_METRICS.filter((k) => s.metrics[k] !== undefined).map((k) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{num(s.metrics[k]!, 3)}</td>
                  <td>
                    [{num(s.ci95[k]![0], 3)}, {num(s.ci95[k]![1], 3)}]
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!s.explicit && <p className="muted small">{t('evaluate.testFile.notRatings', { model: scored.model })}</p>}
          <p className="muted small">{t('evaluate.testFile.definitions', { aucUsers: s.aucUsers, users: s.users })}</p>
        </>
      )}
    </section>
  );
}

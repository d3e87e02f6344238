// Token heatmap for the behavior classifier: which words of the focused user's behavior description drive each
// class's logit, by Integrated Gradients, gradient × input, a model-agnostic method or attention rollout from [CLS]
// (class-independent: the same values on every class row), with the explanation's faithfulness (deleting / inserting
// words in its order against a random order).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { explainBehavior } from '../../../store/behaviorActions';
import { methodsFor, TEXT_CLASSIFIER, type MethodName } from '../../../explain/registry';
import type { IgBaseline } from '../../../explain/types';
import { IgSettings } from './IgSettings';
import type { BehaviorExplanation } from '../../../ml/explain/behavior';
import { useI18n } from '../../i18n';
import { TokenHeatmap } from '../../charts/TokenHeatmap';
import { ErrorNote } from '../common/ErrorNote';

const TEXT_METHODS = methodsFor(TEXT_CLASSIFIER);

/** `standalone`: the view shows no user picker of its own (no recommender trained yet), so this panel offers one. */
export function BehaviorPanel({ user, standalone = false }: { user: number; standalone?: boolean }) {
  const { t, num } = useI18n();
  const classifiers = useApp(useShallow((s) => s.behaviorClassifiers.filter((c) => c.datasetId === s.activeDatasetId)));
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const users = useApp((s) => activeDataset(s)?.log.users);
  const focus = useApp((s) => s.focus);
  const [picked, setPicked] = useState('');
  const [method, setMethod] = useState<MethodName>('ig');
  const [baseline, setBaseline] = useState<IgBaseline>('mask');
  const [steps, setSteps] = useState(32);
  const [result, setResult] = useState<BehaviorExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const classifier = classifiers.find((c) => c.id === picked) ?? classifiers.at(-1);

  const run = async () => {
    if (!classifier) return;
    setError(null);
    try {
      // IG is always computed too, so its completeness gap can be shown next to any method.
      const methods: MethodName[] = method === 'ig' ? ['ig'] : [method, 'ig'];
      const r = await explainBehavior(classifier.id, user, methods, { baseline, steps });
      if (r) setResult(r);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const shown = result && result.user === user ? result : null;
  const m = shown?.methods[0];
  const f = shown?.faithfulness;
  const gap = shown?.classes[shown.predicted].diagnostics.ig?.relativeGap;
  return (
    <section className="panel" aria-labelledby="behavior-explain-title" data-testid="behavior-explain">
      <h2 id="behavior-explain-title">{t('behavior.explainTitle')}</h2>
      {!classifier ? (
        <p className="muted small">{t('behavior.needClassifier')}</p>
      ) : (
        <div className="row wrap">
          <label>
            {t('behavior.classifier')}{' '}
            <select
              value={classifier.id}
              onChange={(e) => {
                setPicked(e.target.value);
                setResult(null);
              }}
            >
              {classifiers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.textModel.source} ({c.id})
                </option>
              ))}
            </select>
          </label>
          {standalone && users && (
            <label>
              {t('recommend.user')}{' '}
              <input
                defaultValue={users[user]}
                onChange={(e) => {
                  const u = users.indexOf(e.target.value.trim());
                  if (u >= 0) focus(u);
                }}
                data-testid="behavior-user"
                style={{ width: '8em' }}
              />
            </label>
          )}
          <label>
            {t('explain.method')}{' '}
            <select value={method} onChange={(e) => setMethod(e.target.value as MethodName)} data-testid="behavior-method">
              {TEXT_METHODS.map((x) => (
                <option key={x} value={x}>
                  {t(`explain.method.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <IgSettings baseline={baseline} steps={steps} onBaseline={setBaseline} onSteps={setSteps} />
          <button type="button" disabled={busy} onClick={() => void run()} data-testid="behavior-run">
            {t('behavior.explain')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {shown && m && f && (
        <>
          {/* Rollout has no sign and no class: the red/blue per-class reading would mislead. */}
          {m === 'rollout' ? (
            <p className="muted small" data-testid="behavior-rollout-hint">
              {t('behavior.rolloutHint')}
            </p>
          ) : (
            <p className="muted small">{t('behavior.explainHint')}</p>
          )}
          <p data-testid="behavior-prediction">
            {t('behavior.prediction', {
              label: shown.classes[shown.predicted].label,
              p: num(shown.probabilities[shown.predicted], 3),
              actual: shown.actual,
            })}
          </p>
          <TokenHeatmap
            input={{ words: shown.words, rows: shown.classes.map((c) => ({ label: c.label, values: c.values[m] })) }}
            title={`${t('behavior.explainTitle')}: ${m}`}
            format={(v) => num(v, 4)}
          />
          <p data-testid="behavior-faithfulness">
            {f.degenerate
              ? t('explain.degenerate')
              : t('behavior.faith', {
                  method: t(`explain.method.${m}`),
                  del: num(f.deletionAUC, 3),
                  rdel: num(f.randomDeletionAUC, 3),
                  ins: num(f.insertionAUC, 3),
                  rins: num(f.randomInsertionAUC, 3),
                })}
          </p>
          {typeof gap === 'number' && (
            <p className="muted small" data-testid="behavior-completeness">
              {t('behavior.completeness', { gap: gap < 1e-4 ? '< 0.01%' : `${num(100 * gap, 2)}%` })}
            </p>
          )}
          {shown.truncated && <p className="warn small">{t('behavior.truncated')}</p>}
        </>
      )}
    </section>
  );
}

// Fine-tune a loaded text model to predict behavior (will buy / next event type / interest) from generated descriptions
// of each user's history up to a seeded cut, in the ML worker with progress and Cancel; lists the classifiers with
// their held-out metrics beside the logistic baseline and the constant guess.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { trainBehaviorClassifier } from '../../../store/behaviorActions';
import { BEHAVIOR_OUTCOMES, type BehaviorOutcome, type Naming } from '../../../data/behaviorText';
import { PredictionReportView } from '../predict/PredictionReportView';
import { useI18n } from '../../i18n';
import { ExportTextModelButton } from './ExportTextModelButton';
import { ErrorNote } from '../common/ErrorNote';
import { PeftSelect } from './PeftSelect';
import { LearningRateInput, typedRate } from './LearningRateInput';
import type { PeftMethod } from '../../../ml/predict/sequencePeft';

const OUTCOMES = BEHAVIOR_OUTCOMES;
const NAMINGS: Naming[] = ['title', 'category', 'both'];

export function BehaviorClassifierPanel() {
  const { t, num } = useI18n();
  const textModels = useApp((s) => s.textModels);
  const classifiers = useApp(useShallow((s) => s.behaviorClassifiers.filter((c) => c.datasetId === s.activeDatasetId)));
  const error = useApp((s) => s.behaviorError);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [base, setBase] = useState('');
  const [outcome, setOutcome] = useState<BehaviorOutcome>('purchase');
  const [namingChoice, setNaming] = useState<Naming | null>(null);
  const [maxEvents, setMaxEvents] = useState(8);
  const [horizon, setHorizon] = useState(10);
  const [users, setUsers] = useState(1000);
  const [epochs, setEpochs] = useState(3);
  const [lr, setLr] = useState('');
  const [peft, setPeft] = useState<PeftMethod>('none');
  const baseModel = textModels.find((m) => m.id === base) ?? textModels[0];
  // Random-weight test models need a large step to learn at all; pretrained checkpoints the usual BERT rate.
  const tiny = !!baseModel && baseModel.parameters < 1e6;
  const defaultRate = tiny ? 5e-3 : 5e-5;
  const learningRate = typedRate(lr, defaultRate);
  // A tiny test model reads 64 word pieces and spells unknown titles letter by letter: categories leave room for more
  // events (on the demo they lift validation accuracy above the constant guess; titles do not).
  const naming = namingChoice ?? (tiny ? 'category' : 'title');

  return (
    <section className="panel" aria-labelledby="behavior-title" data-testid="behavior-classifier">
      <h2 id="behavior-title">{t('behavior.title')}</h2>
      <p className="muted">{t('behavior.hint')}</p>
      {!baseModel ? (
        <p className="muted small">{t('behavior.needText')}</p>
      ) : (
        <div className="row wrap">
          <label>
            {t('behavior.base')}{' '}
            <select value={baseModel.id} onChange={(e) => setBase(e.target.value)} data-testid="behavior-base">
              {textModels.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.source} ({m.id})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('behavior.outcome')}{' '}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as BehaviorOutcome)} data-testid="behavior-outcome">
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`behavior.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('behavior.naming')}{' '}
            <select value={naming} onChange={(e) => setNaming(e.target.value as Naming)}>
              {NAMINGS.map((n) => (
                <option key={n} value={n}>
                  {t(`behavior.naming.${n}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('behavior.maxEvents')}{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={maxEvents}
              onChange={(e) => setMaxEvents(Math.max(1, Math.min(50, Number(e.target.value) || 8)))}
              style={{ width: '4em' }}
            />
          </label>
          {outcome !== 'next-event' && (
            <label>
              {t('behavior.horizon')}{' '}
              <input
                type="number"
                min={1}
                max={1000}
                value={horizon}
                onChange={(e) => setHorizon(Math.max(1, Math.min(1000, Math.round(Number(e.target.value)) || 10)))}
                style={{ width: '5em' }}
                data-testid="behavior-horizon"
              />
            </label>
          )}
          <label>
            {t('behavior.users')}{' '}
            <input
              type="number"
              min={20}
              max={100000}
              value={users}
              onChange={(e) => setUsers(Math.max(20, Number(e.target.value) || 1000))}
              style={{ width: '6em' }}
              data-testid="behavior-users"
            />
          </label>
          <label>
            {t('behavior.epochs')}{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={epochs}
              onChange={(e) => setEpochs(Math.max(1, Math.min(50, Number(e.target.value) || 3)))}
              style={{ width: '4em' }}
              data-testid="behavior-epochs"
            />
          </label>
          <PeftSelect value={peft} onChange={setPeft} testId="behavior-peft" />
          <LearningRateInput value={lr} fallback={defaultRate} onChange={setLr} testId="behavior-lr" />
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="behavior-train"
            onClick={() =>
              void trainBehaviorClassifier({
                textModelId: baseModel.id,
                outcome,
                naming,
                maxEvents,
                horizonEvents: horizon,
                maxUsers: users,
                epochs,
                learningRate,
                peft,
                seed: 42,
              })
            }
          >
            {t('behavior.train')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {classifiers.length > 0 && (
        <ul data-testid="behavior-list">
          {classifiers.map((c) => (
            <li key={c.id}>
              <strong>{c.textModel.source}</strong> ({c.id}) <ExportTextModelButton modelId={c.textModel.id} /> —{' '}
              {t('behavior.trained', {
                outcome: t(`behavior.outcome.${c.outcome}`),
                examples: num(c.examples),
                steps: num(c.steps),
                stopped: c.stoppedBy,
                acc: c.valAccuracy === null ? '—' : num(c.valAccuracy, 3),
                majority: num(Math.max(...c.classShares), 3),
              })}
              {c.peft && c.peft !== 'none' && <div className="small">{t('behavior.peft', { peft: t(`seqcls.peft.${c.peft}`) })}</div>}
              <div className="muted small">{t('behavior.sample', { text: c.sample })}</div>
              {c.report && (
                <PredictionReportView
                  report={c.report}
                  params={
                    c.trainableParams !== undefined && c.totalParams !== undefined
                      ? { trainable: c.trainableParams, total: c.totalParams }
                      : undefined
                  }
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// Fine-tune a behavior-sequence classifier from a trained SASRec/BERT4Rec of the active dataset (will buy / next event
// / interest), in the ML worker with progress and Cancel; lists each run's held-out report (metrics with intervals
// beside the logistic baseline and the constant guess), as the text classifier's panel does.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { fitSequenceClassifier } from '../../../store/sequenceClassifierActions';
import { PREDICTION_TARGETS, type PredictionTarget } from '../../../data/predictionTask';
import type { PeftMethod } from '../../../ml/predict/sequencePeft';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../common/ErrorNote';
import { PeftSelect } from './PeftSelect';
import { LearningRateInput, typedRate } from './LearningRateInput';
import { PredictionReportView } from '../predict/PredictionReportView';

const SEQUENCE_MODELS = new Set(['sasrec', 'bert4rec']);
/** How far "will buy" and "interest" look past each user's cut, in events (the sentence names it). */
const HORIZON_EVENTS = 10;

export function SequenceClassifierPanel() {
  const { t, num } = useI18n();
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId && SEQUENCE_MODELS.has(m.name))));
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [chosen, setChosen] = useState('');
  const [target, setTarget] = useState<PredictionTarget>('buy');
  const [epochs, setEpochs] = useState(3);
  const [peft, setPeft] = useState<PeftMethod>('none');
  const [lr, setLr] = useState('');
  const error = useApp((s) => s.sequenceClassifierError);
  const results = useApp(useShallow((s) => s.sequenceClassifiers.filter((r) => r.datasetId === s.activeDatasetId)));
  const model = models.find((m) => m.id === chosen) ?? models[0];
  // LoRA and adapters move only a small part of the network (and the head): a larger step, as in bench:predict.
  const defaultRate = peft === 'none' ? 2e-3 : 1e-2;
  const learningRate = typedRate(lr, defaultRate);

  const run = () =>
    void fitSequenceClassifier({
      modelId: model.id,
      target,
      horizonEvents: HORIZON_EVENTS,
      epochs,
      peft,
      batchSize: 32,
      learningRate,
      seed: 42,
    });

  return (
    <section className="panel" aria-labelledby="seqcls-title" data-testid="sequence-classifier">
      <h2 id="seqcls-title">{t('seqcls.title')}</h2>
      <p className="muted">{t('seqcls.hint')}</p>
      {!model ? (
        <p className="muted small">{t('seqcls.needModel')}</p>
      ) : (
        <div className="row wrap">
          <label>
            {t('seqcls.encoder')}{' '}
            <select value={model.id} onChange={(e) => setChosen(e.target.value)} data-testid="seqcls-model">
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.id})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('seqcls.target')}{' '}
            <select value={target} onChange={(e) => setTarget(e.target.value as PredictionTarget)} data-testid="seqcls-target">
              {PREDICTION_TARGETS.map((x) => (
                <option key={x} value={x}>
                  {t(`seqcls.target.${x}`, { horizon: HORIZON_EVENTS })}
                </option>
              ))}
            </select>
          </label>
          <PeftSelect value={peft} onChange={setPeft} testId="seqcls-peft" />
          <label>
            {t('seqcls.epochs')}{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={epochs}
              onChange={(e) => setEpochs(Math.max(1, Math.min(50, Math.round(Number(e.target.value)) || 3)))}
              style={{ width: '4em' }}
              data-testid="seqcls-epochs"
            />
          </label>
          <LearningRateInput value={lr} fallback={defaultRate} onChange={setLr} testId="seqcls-lr" />
          <button type="button" className="primary" disabled={busy} data-testid="seqcls-train" onClick={run}>
            {t('seqcls.train')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {results.length > 0 && (
        <ul data-testid="seqcls-results">
          {results.map((r, i) => (
            <li key={results.length - i} data-testid="seqcls-result">
              <strong>
                {r.modelName} ({r.modelId}) → {t(`seqcls.target.${r.target}`, { horizon: HORIZON_EVENTS })}
              </strong>
              <div className="muted small">
                {t('seqcls.run', {
                  peft: t(`seqcls.peft.${r.peft}`),
                  train: num(r.report.trainExamples),
                  epochs: num(r.epochs),
                  lr: String(r.learningRate),
                  seconds: num(r.seconds, 1),
                })}
                {r.notes.length > 0 && ` ${r.notes.join('; ')}`}
              </div>
              <PredictionReportView report={r.report} params={{ trainable: r.trainableParams, total: r.totalParams }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

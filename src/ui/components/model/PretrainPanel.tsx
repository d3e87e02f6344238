// Continue masked-language-model pretraining of a loaded text model on this dataset's own texts (catalog, behavior
// descriptions) before fine-tuning or embedding; the adapted model is listed beside its base. The figures shown are
// the run's own: masked-token loss of the first and last epoch, and the last epoch's masked-token accuracy.
import { useState } from 'react';
import { useApp } from '../../../store';
import { pretrainTextModel } from '../../../store/pretrainActions';
import type { PretrainOutcome } from '../../../workers/pretrainService';
import { useI18n } from '../../i18n';

export function PretrainPanel() {
  const { t, num } = useI18n();
  const textModels = useApp((s) => s.textModels);
  const datasetId = useApp((s) => s.activeDatasetId);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [base, setBase] = useState('');
  const [catalog, setCatalog] = useState(true);
  // Off by default: descriptions cover whole histories, so a classifier later scored on this dataset would have read its
  // test users' later events while pretraining.
  const [behavior, setBehavior] = useState(false);
  const [epochs, setEpochs] = useState(2);
  const [last, setLast] = useState<PretrainOutcome | null>(null);
  const model = textModels.find((m) => m.id === base) ?? textModels[0];
  if (!model || !datasetId) return null;
  // Random-weight test models need a large step to move at all; pretrained checkpoints BERT's usual rate.
  const learningRate = model.parameters < 1e6 ? 5e-3 : 5e-5;

  const run = async () => {
    const outcome = await pretrainTextModel({
      textModelId: model.id,
      corpus: { catalog, behavior, maxTexts: 20_000 },
      mlm: { epochs, learningRate },
      seed: 42,
    });
    setLast(outcome);
  };

  return (
    <div className="subpanel" data-testid="pretrain">
      <h3>{t('pretrain.title')}</h3>
      <p className="muted small">{t('pretrain.hint')}</p>
      <div className="row wrap">
        <label>
          {t('pretrain.model')}{' '}
          <select value={model.id} onChange={(e) => setBase(e.target.value)} data-testid="pretrain-model">
            {textModels.map((m) => (
              <option key={m.id} value={m.id}>
                {m.source} ({m.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={catalog} onChange={(e) => setCatalog(e.target.checked)} /> {t('pretrain.catalog')}
        </label>
        <label>
          <input type="checkbox" checked={behavior} onChange={(e) => setBehavior(e.target.checked)} /> {t('pretrain.behavior')}
        </label>
        <label>
          {t('pretrain.epochs')}{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={epochs}
            onChange={(e) => setEpochs(Math.max(1, Math.min(100, Math.round(Number(e.target.value) || 1))))}
            style={{ width: '4em' }}
          />
        </label>
        <button type="button" disabled={busy || (!catalog && !behavior)} onClick={() => void run()} data-testid="pretrain-run">
          {t('pretrain.run')}
        </button>
      </div>
      {last && (
        <p data-testid="pretrain-result">
          {t(last.stoppedBy === 'aborted' ? 'pretrain.resultStopped' : 'pretrain.result', {
            model: last.info.id,
            texts: num(last.texts),
            catalog: num(last.fromCatalog),
            behavior: num(last.fromBehavior),
            steps: num(last.steps),
            first: last.firstEpochLoss.toFixed(2),
            last: last.lastEpochLoss.toFixed(2),
            accuracy: (100 * last.lastEpochAccuracy).toFixed(0),
          })}
          {last.capped > 0 && ` ${t('pretrain.capped', { capped: num(last.capped) })}`}
        </p>
      )}
    </div>
  );
}

// First-run guide through the steps of an analysis (load → train → recommend → explain → causal → evaluate). It follows
// the open view, so every step stays reachable directly from the navigation; three steps offer one-click defaults.
import { useState } from 'react';
import { useApp } from '../../../store';
import { VIEWS } from '../../../store/uiSlice';
import { evaluateModels, trainModel } from '../../../store/modelActions';
import { explainAndShow } from '../../../store/explainActions';
import { activeDataset } from '../../../store/dataSlice';
import { focusedUser } from '../../../store/modelsSlice';
import { userHistory } from '../recommend/history';
import { useI18n } from '../../i18n';
import { CausalGuide } from './CausalGuide';
import { DataGuide } from './DataGuide';

export function Guide() {
  const { t } = useI18n();
  const open = useApp((s) => s.guideOpen);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const setGuide = useApp((s) => s.setGuide);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const trained = useApp((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId).length);
  const dataset = useApp(activeDataset);
  const [error, setError] = useState<string | null>(null);
  if (!open) return null;
  // Explain the focused user's recommendations from the focused model (else the last trained), default method.
  const explain = () => {
    const s = useApp.getState();
    const dataset = activeDataset(s);
    const models = s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId);
    const model = models.find((m) => m.id === s.focusModelId) ?? models.at(-1);
    if (!dataset || !model) return;
    const user = focusedUser(s);
    setError(null);
    explainAndShow(model.id, user, userHistory(dataset.log, user)).catch((e: Error) => setError(e.message));
  };
  const step = VIEWS.indexOf(view);
  const last = step === VIEWS.length - 1;
  return (
    <section className="panel guide" aria-labelledby="guide-title" data-testid="guide">
      <p className="muted small">{t('guide.progress', { n: step + 1, total: VIEWS.length })}</p>
      {/* The demo's own words while it is open; the analyst's data gets steps drawn from its summary. */}
      {view === 'data' && dataset && dataset.truth === null ? (
        <DataGuide dataset={dataset} />
      ) : view === 'causal' && dataset && dataset.truth === null ? (
        // The analyst's data has no simulated shop: the step follows the loaded log.
        <CausalGuide dataset={dataset} />
      ) : view === 'data' && !dataset ? (
        // Nothing open (everything closed or cleared): no shop to speak of, only how to load one.
        <>
          <h2 id="guide-title">{t('guide.data.title')}</h2>
          <p>{t('data.load.hint')}</p>
        </>
      ) : (
        <>
          <h2 id="guide-title">{t(`guide.${view}.title`)}</h2>
          <p>{t(`guide.${view}.body`)}</p>
        </>
      )}
      {view === 'explain' && error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
      {view === 'model' && trained > 0 && <p className="muted small">{t('guide.model.done', { n: trained })}</p>}
      <div className="row wrap">
        <button type="button" disabled={step === 0} onClick={() => setView(VIEWS[step - 1])} data-testid="guide-back">
          {t('guide.back')}
        </button>
        {view === 'model' && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void trainModel('itemknn', {}, 42)}
            data-testid="guide-train"
          >
            {t('guide.model.action')}
          </button>
        )}
        {view === 'explain' && (
          <button type="button" className="primary" disabled={busy || trained === 0} onClick={explain} data-testid="guide-explain">
            {t('guide.explain.action')}
          </button>
        )}
        {view === 'evaluate' && (
          <button
            type="button"
            className="primary"
            disabled={busy || trained === 0}
            onClick={() => void evaluateModels('full', [10], 42)}
            data-testid="guide-evaluate"
          >
            {t('guide.evaluate.action')}
          </button>
        )}
        {last ? (
          <button type="button" onClick={() => setGuide(false)} data-testid="guide-finish">
            {t('guide.finish')}
          </button>
        ) : (
          <button type="button" onClick={() => setView(VIEWS[step + 1])} data-testid="guide-next">
            {t('guide.next')}
          </button>
        )}
        <button type="button" className="link" onClick={() => setGuide(false)} data-testid="guide-close">
          {t('guide.close')}
        </button>
      </div>
    </section>
  );
}

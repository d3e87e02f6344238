// The Explain step: which past events drove each of a user's top recommendations, by method, how faithful that
// explanation is, why in plain words (English / Chinese), and what the attention layers looked at.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { focusedUser } from '../../../store/modelsSlice';
import { EXPLAIN_DEFAULTS, explainAndShow } from '../../../store/explainActions';
import { useI18n } from '../../i18n';
import { itemTitleLookup, userHistory } from '../recommend/history';
import { AttributionPanel } from './AttributionPanel';
import { FaithfulnessTable } from './FaithfulnessTable';
import { AttentionPanel } from './AttentionPanel';
import { PopulationPanel } from './PopulationPanel';
import { CounterfactualPanel } from './CounterfactualPanel';
import { KnowledgePanel } from './KnowledgePanel';
import { EmbeddingMapPanel } from './EmbeddingMapPanel';
import { ExportCsvButton } from '../../export/ExportCsvButton';
import { BehaviorPanel } from './BehaviorPanel';
import { methodsForModel, type MethodName } from '../../../explain/registry';
import type { IgBaseline } from '../../../explain/types';
import { IgSettings } from './IgSettings';
import { CausalReasonPanel } from '../causalReason/CausalReasonPanel';
import { modelCapabilities } from '../../../rec/registry';
import { ModelSelect } from '../common/ModelSelect';
import { ErrorNote } from '../common/ErrorNote';

export function ExplainView() {
  const { t, lang } = useI18n();
  const dataset = useApp(activeDataset);
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId)));
  const focusUser = useApp(focusedUser);
  const focusModelId = useApp((s) => s.focusModelId);
  const focus = useApp((s) => s.focus);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const modelId = models.some((m) => m.id === focusModelId) ? focusModelId! : models.at(-1)?.id;
  const model = models.find((m) => m.id === modelId);
  const sequence = model ? modelCapabilities(model.name).sequence : false;
  // The selects start from the explanation still on screen (a view or language switch remounts this view), so that
  // "Compare with" never reads "—" beside a second heatmap.
  const [method, setMethod] = useState<string>(() => useApp.getState().lastExplanation?.result.methods[0] ?? EXPLAIN_DEFAULTS.method);
  const [compare, setCompare] = useState<string>(() => useApp.getState().lastExplanation?.result.methods[1] ?? '');
  const [k, setK] = useState(EXPLAIN_DEFAULTS.k);
  const [baseline, setBaseline] = useState<IgBaseline>(EXPLAIN_DEFAULTS.ig.baseline);
  const [steps, setSteps] = useState(EXPLAIN_DEFAULTS.ig.steps);
  // The explanation shown lives in the store (the guide's one-click Explain, the report and the CSV export use it).
  const shown = useApp((s) => s.lastExplanation);
  const result = shown && shown.modelId === modelId && shown.user === focusUser ? shown.result : null;
  const [error, setError] = useState<string | null>(null);
  const title = useMemo(() => (dataset ? itemTitleLookup(dataset.log, dataset.catalog) : (i: number) => String(i)), [dataset]);
  const history = useMemo(() => (dataset ? userHistory(dataset.log, focusUser) : []), [dataset, focusUser]);

  if (!dataset) return <p className="muted">{t('data.empty')}</p>;
  // The behavior classifier needs no recommender, so its token heatmap is offered either way.
  if (!model)
    return (
      <div data-testid="view-explain">
        <section className="panel">
          <h2>{t('nav.explain')}</h2>
          <p>{t('recommend.needModel')}</p>
        </section>
        <BehaviorPanel user={focusUser} standalone />
      </div>
    );

  // `igSteps`: the faithfulness table's "more steps" re-runs with doubled steps before the state update lands.
  const run = async (igSteps = steps) => {
    setError(null);
    const methods = [method, compare].filter(Boolean);
    try {
      await explainAndShow(model.id, focusUser, history, methods, k, { baseline, steps: igSteps });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const usable = methodsForModel(model.name);
  return (
    <div data-testid="view-explain">
      <section className="panel row wrap">
        <ModelSelect label={t('recommend.model')} models={models} value={model.id} onChange={(id) => focus(focusUser, id)} />
        <label>
          {t('recommend.user')}{' '}
          <input
            list="explain-users"
            defaultValue={dataset.log.users[focusUser]}
            onChange={(e) => {
              const u = dataset.log.users.indexOf(e.target.value.trim());
              if (u >= 0) focus(u);
            }}
            data-testid="explain-user"
          />
          <datalist id="explain-users">
            {dataset.log.users.slice(0, 5000).map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </label>
        <label>
          {t('explain.method')}{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value)} data-testid="method">
            {usable.map((m) => (
              <option key={m} value={m}>
                {t(`explain.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explain.compare')}{' '}
          <select value={compare} onChange={(e) => setCompare(e.target.value)} data-testid="compare">
            <option value="">—</option>
            {usable
              .filter((m) => m !== method)
              .map((m) => (
                <option key={m} value={m}>
                  {t(`explain.method.${m}`)}
                </option>
              ))}
          </select>
        </label>
        <label>
          K{' '}
          <input
            type="number"
            min={1}
            max={20}
            value={k}
            onChange={(e) => setK(Math.max(1, Math.min(20, Number(e.target.value) || 5)))}
            style={{ width: '4em' }}
          />
        </label>
        {[method, compare].includes('ig') && (
          <IgSettings baseline={baseline} steps={steps} onBaseline={setBaseline} onSteps={setSteps} testIds />
        )}
        <button type="button" className="primary" disabled={busy || history.length === 0} onClick={() => void run()} data-testid="explain">
          {t('explain.run')}
        </button>
        {!sequence && <span className="muted small">{t('explain.baselineNote')}</span>}
      </section>
      <ErrorNote error={error} />
      {result && (
        <>
          <AttributionPanel result={result} history={history} title={title} lang={lang} />
          <CausalReasonPanel user={focusUser} items={result.rows.map((r) => r.item)} title={title} modelId={model.id} />
          <p className="row">
            <ExportCsvButton dataset={dataset} user={focusUser} model={model.name} result={result} />
          </p>
          <FaithfulnessTable
            result={result}
            title={title}
            onMoreSteps={(more) => {
              setSteps(more);
              void run(more);
            }}
          />
          <CounterfactualPanel
            key={`${model.id}-${focusUser}`}
            modelId={model.id}
            user={focusUser}
            history={history}
            items={result.rows.map((r) => r.item)}
            k={result.rows.length}
            title={title}
            lang={lang}
          />
          <KnowledgePanel
            key={`kg-${model.id}-${focusUser}`}
            modelId={model.id}
            user={focusUser}
            history={history}
            items={result.rows.map((r) => r.item)}
            title={title}
            lang={lang}
          />
          {result.attention && <AttentionPanel result={result} history={history} title={title} />}
        </>
      )}
      <PopulationPanel modelId={model.id} method={method as MethodName} title={title} />
      <EmbeddingMapPanel
        modelId={model.id}
        modelName={model.name}
        datasetId={dataset.id}
        log={dataset.log}
        catalog={dataset.catalog}
        user={focusUser}
      />
      <BehaviorPanel user={focusUser} />
    </div>
  );
}

// The Recommend step: pick a user, see their history and top-K, edit the history and watch the list re-rank live.
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { focusedUser } from '../../../store/modelsSlice';
import { recommend } from '../../../store/modelActions';
import { useI18n } from '../../i18n';
import { compareLists, historyItems, historyTypes, itemTitleLookup, userHistory, type HistoryEvent } from './history';
import { HistoryList } from './HistoryList';
import { RecommendationList } from './RecommendationList';
import type { RecommendResult } from '../../../rec/recommend';
import { CausalReasonPanel } from '../causalReason/CausalReasonPanel';
import { useItemUplift } from '../causalReason/useItemUplift';
import { ModelSelect } from '../common/ModelSelect';
import { GuidancePanel } from '../guidance/GuidancePanel';

export function RecommendView() {
  const { t } = useI18n();
  const dataset = useApp(activeDataset);
  const models = useApp(useShallow((s) => s.trainedModels.filter((m) => m.datasetId === s.activeDatasetId)));
  const focusModelId = useApp((s) => s.focusModelId);
  const focus = useApp((s) => s.focus);
  const [k, setK] = useState(10);
  const [query, setQuery] = useState('');
  const modelId = models.some((m) => m.id === focusModelId) ? focusModelId : (models.at(-1)?.id ?? null);
  const user = useApp(focusedUser);
  const log = dataset?.log;
  const original = useMemo(() => (log ? userHistory(log, user) : []), [log, user]);
  const [edited, setEdited] = useState<HistoryEvent[] | null>(null);
  const history = edited ?? original;
  const [base, setBase] = useState<RecommendResult | null>(null);
  const [current, setCurrent] = useState<RecommendResult | null>(null);
  const title = useMemo(() => (dataset ? itemTitleLookup(dataset.log, dataset.catalog) : (i: number) => String(i)), [dataset]);
  // Each listed item's estimated uplift for this user, beside its score and in the causal reason (once one is fitted).
  const { uplift } = useItemUplift(modelId, user, current?.items ?? []);

  useEffect(() => setEdited(null), [user, modelId]);
  useEffect(() => {
    if (!modelId) return;
    let stale = false;
    void recommend(modelId, user, historyItems(original), k, log ? historyTypes(log, original) : undefined).then(
      (r) => !stale && setBase(r),
    );
    return () => void (stale = true);
  }, [modelId, user, original, k, log]);
  useEffect(() => {
    if (!modelId) return;
    let stale = false;
    // Only the latest edit's answer is applied (an older, slower one must not overwrite it).
    void recommend(modelId, edited ? -1 : user, historyItems(history), k, log ? historyTypes(log, history) : undefined).then(
      (r) => !stale && setCurrent(r),
    );
    return () => void (stale = true);
  }, [modelId, user, history, edited, k, log]);

  if (!dataset) return <p className="muted">{t('data.empty')}</p>;
  if (!modelId)
    return (
      <section className="panel" data-testid="view-recommend">
        <h2>{t('nav.recommend')}</h2>
        <p>{t('recommend.needModel')}</p>
      </section>
    );

  const pickUser = (text: string) => {
    setQuery(text);
    const idx = dataset.log.users.indexOf(text.trim());
    if (idx >= 0) focus(idx);
  };
  const comparison = edited && base && current ? compareLists(base.items, current.items) : null;
  return (
    <div data-testid="view-recommend">
      <section className="panel row wrap">
        <ModelSelect
          label={t('recommend.model')}
          models={models}
          value={modelId}
          onChange={(id) => focus(user, id)}
          testId="recommend-model"
        />
        <label>
          {t('recommend.user')}{' '}
          <input
            list="user-ids"
            value={query || dataset.log.users[user]}
            onChange={(e) => pickUser(e.target.value)}
            data-testid="user-input"
          />
          <datalist id="user-ids">
            {dataset.log.users.slice(0, 5000).map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </label>
        <label>
          K{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={k}
            onChange={(e) => setK(Math.max(1, Math.min(100, Number(e.target.value) || 10)))}
            style={{ width: '4em' }}
          />
        </label>
        {edited && (
          <button type="button" onClick={() => setEdited(null)} data-testid="reset-history">
            {t('recommend.reset')}
          </button>
        )}
      </section>
      <div className="two-columns">
        <HistoryList log={dataset.log} events={history} title={title} onChange={setEdited} numItems={dataset.log.items.length} />
        <RecommendationList result={current} title={title} comparison={comparison} uplift={uplift} />
      </div>
      <CausalReasonPanel user={user} items={current?.items ?? []} title={title} modelId={modelId} uplift={uplift} />
      <GuidancePanel models={models} initialModel={modelId} />
    </div>
  );
}

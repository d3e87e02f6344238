// Counterfactuals for one explained user, in the ML worker: which of their events, removed, drop a recommendation out
// of the top K, and which one added item would bring another item in. Every sentence reads its figures from the
// re-scored result beside it (src/explain/counterfactual); titles are plain text.
import { useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { counterfactualFor } from '../../../store/counterfactualActions';
import type { CounterfactualResult } from '../../../explain/counterfactualExplain';
import { COUNTERFACTUAL_DEFAULTS } from '../../../explain/counterfactual';
import { windowFor } from '../../../explain/contributors';
import { useI18n, type Lang } from '../../i18n';
import type { HistoryEvent } from '../recommend/history';
import { eventLabel, type LabelledEvent } from './eventLabel';
import { removalSentence, additionSentence } from './counterfactualText';
import { ErrorNote } from '../common/ErrorNote';

export function CounterfactualPanel({
  modelId,
  user,
  history,
  items,
  k,
  title,
  lang,
}: {
  modelId: string;
  user: number;
  history: HistoryEvent[];
  /** The explained recommendations, best first (the removal direction picks one of them). */
  items: number[];
  k: number;
  title: (i: number) => string;
  lang: Lang;
}) {
  const { t, num } = useI18n();
  const dataset = useApp(activeDataset);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [item, setItem] = useState<number>(items[0] ?? -1);
  const [addText, setAddText] = useState('');
  const [result, setResult] = useState<CounterfactualResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const numItems = dataset?.log.items.length ?? 0;
  // Titles may repeat across items: the first item with the typed title is the one meant (ids are offered too).
  const byTitle = useMemo(() => {
    const m = new Map<string, number>();
    for (let i = 0; i < numItems; i++) {
      if (!m.has(title(i))) m.set(title(i), i);
      if (dataset) m.set(dataset.log.items[i], i);
    }
    return m;
  }, [numItems, title, dataset]);
  const addItem = addText.trim() ? byTitle.get(addText.trim()) : undefined;
  const unknownAdd = addText.trim() !== '' && addItem === undefined;
  const events: LabelledEvent[] = useMemo(
    () => history.map((e) => ({ item: e.item, type: e.type, time: e.time, value: dataset && e.row >= 0 ? dataset.log.value[e.row] : NaN })),
    [history, dataset],
  );
  const span = events.length ? events[events.length - 1].time - events[0].time : 0;
  const ctx = { lang, title, category: () => null, hasTime: dataset?.log.hasTime ?? false, window: windowFor(span) };
  const chosen = items.includes(item) ? item : (items[0] ?? -1);

  const run = async () => {
    setError(null);
    try {
      const r = await counterfactualFor(modelId, user, history, k, chosen, addItem);
      if (r) setResult(r);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const shown = result && result.item === chosen ? result : null;
  return (
    <section className="panel" aria-labelledby="cf-title" data-testid="counterfactual">
      <h2 id="cf-title">{t('explain.cf.title')}</h2>
      <p className="muted small">
        {t('explain.cf.about', { k, events: COUNTERFACTUAL_DEFAULTS.maxEvents, candidates: COUNTERFACTUAL_DEFAULTS.candidates })}
      </p>
      <div className="row wrap">
        <label>
          {t('explain.cf.item')}{' '}
          <select value={chosen} onChange={(e) => setItem(Number(e.target.value))} data-testid="cf-item">
            {items.map((i, r) => (
              <option key={i} value={i}>
                {r + 1}. {title(i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explain.cf.addItem', { k })}{' '}
          <input
            list="cf-add-items"
            value={addText}
            placeholder={t('explain.cf.addDefault', { k })}
            onChange={(e) => setAddText(e.target.value)}
            aria-invalid={unknownAdd}
            style={{ width: '20em' }}
            data-testid="cf-add-item"
          />
          <datalist id="cf-add-items">
            {Array.from({ length: Math.min(numItems, 5000) }, (_, i) => (
              <option key={i} value={title(i)} />
            ))}
          </datalist>
        </label>
        <button
          type="button"
          disabled={busy || chosen < 0 || unknownAdd || history.length === 0}
          onClick={() => void run()}
          data-testid="cf-run"
        >
          {t('explain.cf.run')}
        </button>
      </div>
      {unknownAdd && <p className="warn small">{t('explain.cf.unknownItem', { text: addText.trim() })}</p>}
      <ErrorNote error={error} />
      {shown && (
        <div data-testid="cf-result">
          <p data-testid="cf-removal">{removalSentence(shown, title, lang, num)}</p>
          {shown.removal.removed && (
            <ul className="small" data-testid="cf-removed">
              {shown.removal.removed.map((e) => (
                <li key={e}>{e < events.length ? eventLabel(events, e, ctx, 60) : `#${e + 1}`}</li>
              ))}
            </ul>
          )}
          {shown.addition && shown.addItem !== null && <p data-testid="cf-addition">{additionSentence(shown, title, lang, num)}</p>}
        </div>
      )}
    </section>
  );
}

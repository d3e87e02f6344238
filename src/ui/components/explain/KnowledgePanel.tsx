// Knowledge paths for one explained user, in the ML worker: the history items that support a recommendation and the
// catalog attributes they share with it, drawn as a small graph and said in words. Every sentence comes from the
// core (src/explain/knowledgeText) with the figures of its own path; titles are plain text.
import { useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { knowledgeFor } from '../../../store/knowledgeActions';
import type { KnowledgeResult } from '../../../explain/knowledgeExplain';
import type { MethodName } from '../../../explain/registry';
import { KnowledgeChart } from '../../charts/KnowledgeChart';
import { useI18n, type Lang } from '../../i18n';
import type { HistoryEvent } from '../recommend/history';
import { ErrorNote } from '../common/ErrorNote';

/** Paths shown in the graph and listed: the strongest few keep the graph readable. */
const SHOWN = 5;
/** The check's random sets (src/explain/knowledge's default), for the panel's description. */
const RANDOM_SETS = 16;

export function KnowledgePanel({
  modelId,
  user,
  history,
  items,
  title,
  lang,
  method = 'occlusion',
}: {
  modelId: string;
  user: number;
  history: HistoryEvent[];
  /** The explained recommendations, best first. */
  items: number[];
  title: (i: number) => string;
  lang: Lang;
  method?: MethodName;
}) {
  const { t, num } = useI18n();
  const dataset = useApp(activeDataset);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [item, setItem] = useState<number>(items[0] ?? -1);
  const [result, setResult] = useState<KnowledgeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = items.includes(item) ? item : (items[0] ?? -1);
  const hasCatalog = !!dataset?.catalog;

  const run = async () => {
    setError(null);
    try {
      const r = await knowledgeFor(modelId, user, history, chosen, method);
      if (!r) return;
      if (r.ok) setResult(r.data);
      else setError(r.reason);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const shown = result && result.item === chosen ? result : null;
  const paths = shown?.paths.slice(0, SHOWN) ?? [];
  const format = (v: number) => `${v >= 0 ? '+' : '−'}${num(Math.abs(v), 4)}`;
  return (
    <section className="panel" aria-labelledby="kg-title" data-testid="knowledge">
      <h2 id="kg-title">{t('explain.kg.title')}</h2>
      <p className="muted small">{t('explain.kg.about', { method: t(`explain.method.${method}`), sets: RANDOM_SETS })}</p>
      {!hasCatalog ? (
        <p className="muted">{t('explain.kg.noCatalog')}</p>
      ) : (
        <div className="row wrap">
          <label>
            {t('explain.kg.item')}{' '}
            <select value={chosen} onChange={(e) => setItem(Number(e.target.value))} data-testid="kg-item">
              {items.map((i, r) => (
                <option key={i} value={i}>
                  {r + 1}. {title(i)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || chosen < 0 || history.length === 0} onClick={() => void run()} data-testid="kg-run">
            {t('explain.kg.run')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {shown && !paths.length && <p data-testid="kg-none">{t('explain.kg.none', { item: title(shown.item) })}</p>}
      {shown && paths.length > 0 && (
        <div data-testid="kg-result">
          <KnowledgeChart
            paths={paths.map((p) => ({
              relation: p.relation,
              // The attribute node names its relation ("price > 43.46", "“noir”"); a category stands alone.
              value: t(`explain.kg.rel.${p.relation}`, { v: p.value }),
              weight: p.weight,
              events: p.historyEvents.map((k, j) => ({
                event: k,
                item: history[k]?.item ?? -1,
                title: p.titles[j],
                value: shown.values[k],
              })),
            }))}
            itemLabel={title(shown.item)}
            userLabel={t('explain.kg.you')}
            title={t('explain.kg.graph', { item: title(shown.item) })}
            format={format}
            hiddenLabel={(n) => t('explain.kg.hidden', { n })}
          />
          <ol className="small" data-testid="kg-paths">
            {paths.map((p) => (
              <li key={p.attribute} data-weight={p.weight} data-share={p.share} data-events={p.historyEvents.length}>
                {p.text[lang]}
              </li>
            ))}
          </ol>
          {shown.totalPaths > paths.length && <p className="muted small">{t('explain.kg.more', { n: shown.totalPaths - paths.length })}</p>}
          {shown.checkText && (
            <p data-testid="kg-check" data-holds={shown.check?.holds ? 'true' : 'false'}>
              {shown.checkText[lang]}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

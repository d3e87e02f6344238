// The embedding map panel (as LIT's projector): the items' vectors in 2-D by PCA or UMAP, coloured by category or by
// interactions, hover names the item, and the focused user's history and recommendations are drawn on top.
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { drawEmbeddingMap } from '../../../store/embeddingMapActions';
import { recommend } from '../../../store/modelActions';
import { useI18n } from '../../i18n';
import { EmbeddingMap } from '../../charts/EmbeddingMap';
import { useWidth } from '../../charts/useWidth';
import type { MapColouring, MapPoint } from '../../charts/embeddingMapLayout';
import { itemLabels, type EventLog, type ItemCatalog } from '../../../data/eventLog';
import { PROJECTION_DEFAULTS, PROJECTION_METHODS, PROJECTION_RANGES, type ProjectionMethod } from '../../../explain/projection';
import type { EmbeddingMap as MapResult, MapSource } from '../../../explain/embeddingMap';
import { historyItems, historyTypes, userHistory } from '../recommend/history';
import { ErrorNote } from '../common/ErrorNote';
import { RandomWeightsNote } from '../model/RandomWeightsNote';

/** Recommendations drawn on the map. */
const TOP_K = 10;

export function EmbeddingMapPanel({
  modelId,
  modelName,
  datasetId,
  log,
  catalog,
  user,
}: {
  modelId: string;
  modelName: string;
  datasetId: string;
  log: EventLog;
  catalog: ItemCatalog | null;
  user: number;
}) {
  const { t, num } = useI18n();
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const theme = useApp((s) => s.theme);
  const hasText = useApp((s) => !!s.itemEmbeddings[datasetId]);
  const [source, setSource] = useState<MapSource>('model');
  const [method, setMethod] = useState<ProjectionMethod>(PROJECTION_DEFAULTS.method);
  const [colouring, setColouring] = useState<MapColouring>(catalog ? 'category' : 'popularity');
  const [maxItems, setMaxItems] = useState(PROJECTION_DEFAULTS.maxItems);
  const [seed, setSeed] = useState(PROJECTION_DEFAULTS.seed);
  const [showUser, setShowUser] = useState(true);
  const [map, setMap] = useState<{ modelId: string; result: MapResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recs, setRecs] = useState<{ user: number; items: number[] } | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  // Measured on the section, which is there from the start (the chart's box appears only with a map).
  const [box, width] = useWidth<HTMLElement>(760);
  const labels = useMemo(() => itemLabels(log, catalog), [log, catalog]);
  const history = useMemo(() => userHistory(log, user), [log, user]);
  const result = map && map.modelId === modelId ? map.result : null;

  // The focused user's top K from the same model, fetched when the map or the user changes.
  useEffect(() => {
    if (!result || !showUser || history.length === 0) return;
    let live = true;
    void recommend(modelId, user, historyItems(history), TOP_K, historyTypes(log, history))
      .then((r) => live && setRecs({ user, items: Array.from(r.items) }))
      .catch(() => live && setRecs(null));
    return () => {
      live = false;
    };
  }, [result, showUser, modelId, user, history, log]);

  const run = async () => {
    setError(null);
    try {
      const r = await drawEmbeddingMap({ modelId, source, settings: { method, maxItems, seed } });
      if (!r) return;
      if (r.ok) setMap({ modelId, result: r.data });
      else
        setError(
          r.reason.kind === 'settings'
            ? r.reason.message
            : t(r.reason.kind === 'no-text' ? 'map.noText' : 'map.noVectors', { model: modelName }),
        );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const points: MapPoint[] = useMemo(
    () =>
      result
        ? Array.from(result.items, (item, p) => ({
            x: result.x[p],
            y: result.y[p],
            category: labels.categories[item],
            interactions: result.interactions[p],
          }))
        : [],
    [result, labels],
  );
  const pointOf = useMemo(() => new Map(result ? Array.from(result.items, (item, p) => [item, p] as const) : []), [result]);
  const historySet = [...new Set(history.map((e) => e.item))];
  const recItems = showUser && recs?.user === user ? recs.items : [];
  const overlay = {
    history: showUser ? historySet.flatMap((i) => (pointOf.has(i) ? [pointOf.get(i)!] : [])) : [],
    recommended: recItems.flatMap((i) => (pointOf.has(i) ? [pointOf.get(i)!] : [])),
  };
  const offMap = showUser ? historySet.filter((i) => !pointOf.has(i)).length + recItems.filter((i) => !pointOf.has(i)).length : 0;
  const describe = (p: number) => {
    const item = result!.items[p];
    return t('map.hover', { title: labels.names[item], category: labels.categories[item] ?? '—', n: num(result!.interactions[p]) });
  };
  // ResizeObserver's content box leaves the section's padding out already.
  const chartWidth = Math.min(width, 1100);
  const pct = (v: number) => `${num(100 * v, 1)}%`;
  const legendLabel = (e: { label: string; key: string; count: number }) =>
    `${e.key === 'other' ? t('map.legend.other') : e.key === 'none' ? t('map.legend.none') : e.label} (${num(e.count)})`;

  return (
    <section ref={box} className="panel" aria-labelledby="map-title" data-testid="embedding-map-panel">
      <h2 id="map-title">{t('map.title')}</h2>
      <p className="muted small">{t('map.intro')}</p>
      {source === 'text' && <RandomWeightsNote what="map" />}
      <div className="row wrap">
        <label>
          {t('map.source')}{' '}
          <select value={source} onChange={(e) => setSource(e.target.value as MapSource)} data-testid="map-source">
            <option value="model">{t('map.source.model', { model: modelName })}</option>
            <option value="text" disabled={!hasText}>
              {t('map.source.text')}
            </option>
          </select>
        </label>
        <label>
          {t('map.method')}{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as ProjectionMethod)} data-testid="map-method">
            {PROJECTION_METHODS.map((m) => (
              <option key={m} value={m}>
                {m.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('map.maxItems')}{' '}
          <input
            type="number"
            min={PROJECTION_RANGES.maxItems.min}
            max={PROJECTION_RANGES.maxItems.max}
            value={maxItems}
            onChange={(e) => setMaxItems(clampInt(e.target.value, PROJECTION_RANGES.maxItems, PROJECTION_DEFAULTS.maxItems))}
            style={{ width: '6em' }}
          />
        </label>
        {method === 'umap' && (
          <label>
            {t('map.seed')}{' '}
            <input
              type="number"
              min={0}
              value={seed}
              onChange={(e) => setSeed(clampInt(e.target.value, PROJECTION_RANGES.seed, PROJECTION_DEFAULTS.seed))}
              style={{ width: '6em' }}
            />
          </label>
        )}
        <button type="button" disabled={busy} onClick={() => void run()} data-testid="map-run">
          {t('map.run')}
        </button>
      </div>
      <ErrorNote error={error} />
      {result && (
        <>
          <p className="muted small" data-testid="map-summary">
            {result.explained
              ? t('map.summary.pca', {
                  shown: num(result.items.length),
                  total: num(result.total),
                  dim: result.dim,
                  x: pct(result.explained[0]),
                  y: pct(result.explained[1]),
                })
              : t('map.summary.umap', {
                  shown: num(result.items.length),
                  total: num(result.total),
                  dim: result.dim,
                  epochs: result.settings.epochs,
                  seed: result.settings.seed,
                })}{' '}
            {result.items.length < result.total && t('map.capped', { shown: num(result.items.length) })}{' '}
            {result.explained &&
              result.explained[0] + result.explained[1] < LOW_VARIANCE &&
              t('map.lowVariance', { share: pct(result.explained[0] + result.explained[1]) })}
          </p>
          <div className="row wrap">
            <label>
              {t('map.colour')}{' '}
              <select value={colouring} onChange={(e) => setColouring(e.target.value as MapColouring)} data-testid="map-colour">
                <option value="category" disabled={!catalog}>
                  {t('map.colour.category')}
                </option>
                <option value="popularity">{t('map.colour.popularity')}</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={showUser} onChange={(e) => setShowUser(e.target.checked)} data-testid="map-overlay" />{' '}
              {t('map.overlay', { k: TOP_K })}
            </label>
            {showUser && (
              <span className="small" data-testid="map-keys">
                <span className="map-key">
                  <Key ring="var(--text)" r={4.5} /> {t('map.key.history', { n: num(historySet.length) })}
                </span>
                <span className="map-key">
                  <Key ring="#d55e00" r={6} /> {t('map.key.recommended', { k: recItems.length })}
                </span>
                {offMap > 0 && <span className="muted">{t('map.offMap', { n: num(offMap) })}</span>}
              </span>
            )}
          </div>
          <div>
            <EmbeddingMap
              points={points}
              colouring={colouring}
              overlay={overlay}
              title={t('map.chart', { method: result.method.toUpperCase() })}
              describe={describe}
              legendLabel={legendLabel}
              onHover={setHovered}
              theme={theme}
              width={chartWidth}
              height={Math.round(Math.min(chartWidth * 0.55, 480))}
            />
          </div>
          <p className="small" aria-live="polite" data-testid="map-hover">
            {hovered !== null && hovered < result.items.length ? describe(hovered) : <span className="muted">{t('map.hoverHint')}</span>}
          </p>
        </>
      )}
    </section>
  );
}

/** Below this combined share of the variance, PCA's picture leaves most of the differences out, and says so. */
const LOW_VARIANCE = 0.3;

function clampInt(v: string, r: { min: number; max: number }, fallback: number): number {
  const n = Math.round(Number(v));
  return Number.isFinite(n) && v.trim() !== '' ? Math.max(r.min, Math.min(r.max, n)) : fallback;
}

function Key({ ring, r }: { ring: string; r: number }) {
  const s = 2 * r + 4;
  return (
    <svg width={s} height={s} aria-hidden="true">
      <circle cx={s / 2} cy={s / 2} r={r} fill="var(--muted)" stroke={ring} strokeWidth={2} />
    </svg>
  );
}

// Guidance (issue #21): per user of the active dataset, the predicted chance of a purchase within the next N events,
// a trained model's top items with the estimated uplift of recommending each, and the top reason for the prediction.
// Computed in the ML worker (progress and Cancel in the task list); sorted, filtered and exported here.
import { itemLabels } from '../../../data/eventLog';
import { useMemo, useState } from 'react';
import { computeGuidance } from '../../../store/guidanceActions';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { inRange } from '../../../lib/ranges';
import { GUIDANCE_DEFAULTS, GUIDANCE_RANGES, type Guidance } from '../../../rec/guidance/guidance';
import type { TrainedModelInfo } from '../../../rec/train';
import { useI18n } from '../../i18n';
import { download } from '../../charts/exportChart';
import { guidanceCsv } from '../../export/guidanceCsv';
import { ErrorNote } from '../common/ErrorNote';
import { ModelSelect } from '../common/ModelSelect';
import { itemTitleLookup } from '../recommend/history';
import { bestUplift, filterGuidance, sortGuidance, type GuidanceColumn } from './guidanceTable';
import { reasonSentence } from './guidanceText';

/** Rows drawn at once: sorting and filtering cover all of them, the CSV too. */
const SHOWN = 300;
const DEFAULT_USERS = 200;

export function GuidancePanel({ models, initialModel }: { models: readonly TrainedModelInfo[]; initialModel: string }) {
  const { t, lang, fixed, num } = useI18n();
  const dataset = useApp(activeDataset);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [modelId, setModelId] = useState(initialModel);
  const [k, setK] = useState(String(5));
  const [maxUsers, setMaxUsers] = useState(String(DEFAULT_USERS));
  const [horizon, setHorizon] = useState(String(GUIDANCE_DEFAULTS.horizonEvents));
  const [result, setResult] = useState<{ guidance: Guidance; model: TrainedModelInfo } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ column: GuidanceColumn; descending: boolean }>({ column: 'probability', descending: true });
  const [minProbability, setMinProbability] = useState('0');
  const [userText, setUserText] = useState('');
  const model = models.find((m) => m.id === modelId) ?? models.at(-1);
  const settings = { k: Number(k), maxUsers: Number(maxUsers), horizonEvents: Number(horizon) };
  const valid =
    inRange(settings.k, GUIDANCE_RANGES.k) &&
    inRange(settings.maxUsers, GUIDANCE_RANGES.maxUsers) &&
    inRange(settings.horizonEvents, GUIDANCE_RANGES.horizonEvents);
  const minP = Number(minProbability);
  const title = useMemo(() => (dataset ? itemTitleLookup(dataset.log, dataset.catalog) : (i: number) => String(i)), [dataset]);
  const userId = useMemo(() => (dataset ? (u: number) => dataset.log.users[u] ?? String(u) : String), [dataset]);
  // A result belongs to the dataset it was computed on: its user and item indices mean nothing for another.
  const current = result && dataset && result.model.datasetId === dataset.id ? result : null;
  const rows = useMemo(() => {
    if (!current) return [];
    const kept = filterGuidance(current.guidance.rows, { minProbability: Number.isFinite(minP) ? minP : 0, user: userText }, userId);
    return sortGuidance(kept, sort.column, sort.descending, userId);
  }, [current, minP, userText, sort, userId]);

  if (!dataset || !model) return null;
  const run = async () => {
    setError(null);
    const made = await computeGuidance({ modelId: model.id, settings: { ...settings, seed: 42 } });
    if (!made) return;
    if (!made.ok) setError(made.reason);
    else setResult({ guidance: made.data, model });
  };
  const save = () => {
    if (!current) return;
    // The CSV has an item id column, so its title column holds the catalog title alone (not the on-screen "title #id").
    const { titles } = itemLabels(dataset.log, dataset.catalog);
    const csv = guidanceCsv({ model: current.model.name, rows, userId, itemId: (i) => dataset.log.items[i], title: (i) => titles[i] });
    download(`guidance-${current.model.name}-${current.model.id}.csv`, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  };
  const heading = (column: GuidanceColumn, label: string) => (
    <th scope="col" aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort({ column, descending: sort.column === column ? !sort.descending : column !== 'user' })}
        data-testid={`guidance-sort-${column}`}
      >
        {label}
        <span aria-hidden="true">{sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fixed(Math.abs(x), 3)}`;
  const g = current?.guidance;
  const predictor = g?.predictor;
  const notes = g?.notes ?? [];
  const noteOf = (prefix: string) => notes.find((n) => n.startsWith(prefix))?.slice(prefix.length);
  return (
    <section className="panel" aria-labelledby="guidance-title" data-testid="guidance">
      <h2 id="guidance-title">{t('guidance.title')}</h2>
      <p className="muted">{t('guidance.hint', { n: settings.horizonEvents || GUIDANCE_DEFAULTS.horizonEvents, k: settings.k || 5 })}</p>
      <div className="row wrap">
        <ModelSelect label={t('guidance.model')} models={models} value={model.id} onChange={setModelId} testId="guidance-model" />
        <label>
          {t('guidance.k')} <input value={k} onChange={(e) => setK(e.target.value)} style={{ width: '4em' }} data-testid="guidance-k" />
        </label>
        <label>
          {t('guidance.maxUsers')}{' '}
          <input value={maxUsers} onChange={(e) => setMaxUsers(e.target.value)} style={{ width: '6em' }} data-testid="guidance-max-users" />
        </label>
        <label>
          {t('guidance.horizon')} <input value={horizon} onChange={(e) => setHorizon(e.target.value)} style={{ width: '4em' }} />
        </label>
        <button type="button" className="primary" disabled={busy || !valid} onClick={() => void run()} data-testid="guidance-run">
          {t('guidance.run')}
        </button>
      </div>
      <ErrorNote error={error} />
      {g && (
        <>
          <p className="muted small" data-testid="guidance-predictor">
            {predictor
              ? t(predictor.heldOutRocAuc === null ? 'guidance.predictorNoAuc' : 'guidance.predictor', {
                  train: num(predictor.trainExamples),
                  buyers: num(predictor.trainBuyers),
                  n: predictor.horizonEvents,
                  test: num(predictor.testExamples),
                  auc: predictor.heldOutRocAuc === null ? '' : fixed(predictor.heldOutRocAuc, 3),
                })
              : t('guidance.noPredictor', { reason: noteOf('no buy prediction: ') ?? '' })}
          </p>
          <p className="muted small" data-testid="guidance-uplift-note">
            {g.uplift
              ? t('guidance.upliftFrom', { treated: num(g.uplift.treatedPairs), control: num(g.uplift.controlPairs) })
              : t('guidance.noUplift', { reason: noteOf('no uplift: ') ?? '' })}
          </p>
          <div className="row wrap">
            <label>
              {t('guidance.minProbability')}{' '}
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={minProbability}
                onChange={(e) => setMinProbability(e.target.value)}
                style={{ width: '5em' }}
                data-testid="guidance-min-probability"
              />
            </label>
            <label>
              {t('guidance.userFilter')}{' '}
              <input
                value={userText}
                onChange={(e) => setUserText(e.target.value)}
                style={{ width: '8em' }}
                data-testid="guidance-user-filter"
              />
            </label>
            <span className="muted small" data-testid="guidance-shown">
              {t('guidance.shown', { shown: num(rows.length), total: num(g.rows.length) })}
            </span>
            <button type="button" onClick={save} disabled={!rows.length} data-testid="guidance-export">
              {t('guidance.export')}
            </button>
          </div>
          {rows.length > SHOWN && <p className="muted small">{t('guidance.capped', { n: SHOWN, total: num(rows.length) })}</p>}
          <div className="table-scroll" role="region" aria-label={t('guidance.title')} tabIndex={0}>
            <table data-testid="guidance-table">
              <thead>
                <tr>
                  {heading('user', t('guidance.col.user'))}
                  {heading('probability', t('guidance.col.probability'))}
                  {heading('items', t('guidance.col.items'))}
                  {heading('uplift', t('guidance.col.uplift'))}
                  {heading('reason', t('guidance.col.reason'))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN).map((r) => {
                  const best = bestUplift(r);
                  return (
                    <tr key={r.user} data-testid="guidance-row">
                      <th scope="row">{userId(r.user)}</th>
                      <td className="num" data-testid="guidance-probability">
                        {r.buyProbability === null ? '—' : fixed(r.buyProbability, 3)}
                      </td>
                      <td className="wrap-cell">
                        {r.items.map((i) => (
                          <div key={i.item} className="small">
                            {title(i.item)} ({fixed(i.score, 3)}
                            {i.uplift === null ? '' : `, ${signed(i.uplift)}`})
                          </div>
                        ))}
                      </td>
                      <td className="num" data-testid="guidance-best-uplift">
                        {best === null ? '—' : signed(best)}
                      </td>
                      <td className="small wrap-cell">{r.reason ? reasonSentence(r.reason, lang) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

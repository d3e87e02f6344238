// Models saved in this browser for the active dataset: open them, resume an interrupted run, delete; open a folder
// written by `reclens train --out`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import {
  clearSavedModels,
  deleteSavedModel,
  listSavedModels,
  openCheckpointFolder,
  openSavedModel,
  resumeTraining,
} from '../../../store/savedModelActions';
import type { SavedCheckpointInfo } from '../../../rec/checkpointStore';
import { storageEstimate } from '../../../lib/idb';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../common/ErrorNote';

const MB = 1024 * 1024;
// Table cells clip at 260 px (styles.css); a run's status is read whole (it wraps) and every action button shows.
const WRAP = { whiteSpace: 'normal', minWidth: '12em' } as const;
const WHOLE = { maxWidth: 'none' } as const;

export function SavedModels() {
  const { t, num, date } = useI18n();
  const datasetId = useApp((s) => s.activeDatasetId);
  // Refresh whenever a model is trained or opened (each is saved on the way), and whenever a task ends: a run cancelled
  // or failed adds no model, but leaves its interrupted entry (saved before the task settles) to list at once.
  const trainedCount = useApp((s) => s.trainedModels.length);
  const busy = useApp((s) => Object.keys(s.tasks).length > 0);
  const [saved, setSaved] = useState<SavedCheckpointInfo[] | null>(null);
  const [usage, setUsage] = useState<{ usage: number; quota: number } | undefined>();
  const [error, setError] = useState<string | null>(null);
  const folder = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setSaved(await listSavedModels());
      setUsage(await storageEstimate());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    if (datasetId && !busy) void refresh();
  }, [datasetId, trainedCount, busy, refresh]);

  const act = (work: () => Promise<unknown>) => void work().then(refresh, (e: Error) => setError(e.message));

  if (!datasetId) return null;
  return (
    <section className="panel" aria-labelledby="saved-title" data-testid="saved-models">
      <h2 id="saved-title">{t('saved.title')}</h2>
      <p className="muted">{t('saved.hint')}</p>
      {usage && <p className="muted small">{t('saved.usage', { used: num(usage.usage / MB, 1), quota: num(usage.quota / MB, 0) })}</p>}
      <ErrorNote error={error} />
      {saved && saved.length === 0 && <p className="muted">{t('saved.none')}</p>}
      {saved && saved.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('saved.title')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('model.name')}</th>
                <th scope="col">{t('saved.when')}</th>
                <th scope="col">{t('saved.status')}</th>
                <th scope="col">NDCG@10 (val)</th>
                <th scope="col">{t('saved.size')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {saved.map((c) => (
                <tr key={c.id} data-testid="saved-model">
                  <td>{c.model}</td>
                  <td>{date(c.createdAt)}</td>
                  <td className={c.partial ? 'warn' : undefined} style={WRAP}>
                    {!c.partial
                      ? t('saved.done')
                      : c.partial.best
                        ? t('saved.stopped', { epoch: c.partial.epoch, max: c.partial.maxEpochs, best: c.partial.best.epoch })
                        : t('saved.interrupted', { epoch: c.partial.epoch, max: c.partial.maxEpochs })}
                  </td>
                  {/* An interrupted run has no validation-stage figure yet: its best epoch's early-stopping NDCG@10, named so. */}
                  <td data-testid="saved-validation">
                    {c.validation ? (
                      num(c.validation.ndcg10, 4)
                    ) : c.partial?.best ? (
                      <>
                        {num(c.partial.best.ndcg10, 4)} <span className="muted small">{t('saved.earlyStopping')}</span>
                      </>
                    ) : c.trainedForQuality ? (
                      <span title={t('model.recipe.noVal')}>–</span>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{num(c.bytes / MB, 2)} MB</td>
                  <td className="row" style={WHOLE}>
                    {c.partial ? (
                      <>
                        <button type="button" disabled={busy} onClick={() => act(() => resumeTraining(c))} data-testid="saved-resume">
                          {t('saved.resume')}
                        </button>
                        {c.partial.best && (
                          <button type="button" disabled={busy} onClick={() => act(() => openSavedModel(c))} data-testid="saved-open-as-is">
                            {t('saved.openAsIs')}
                          </button>
                        )}
                      </>
                    ) : (
                      <button type="button" disabled={busy} onClick={() => act(() => openSavedModel(c))} data-testid="saved-open">
                        {t('saved.open')}
                      </button>
                    )}
                    <button type="button" className="link" disabled={busy} onClick={() => act(() => deleteSavedModel(c.id))}>
                      {t('saved.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row wrap">
        <button type="button" disabled={busy} onClick={() => folder.current?.click()}>
          {t('saved.folder')}
        </button>
        {/* The files of a `reclens train --out` folder (config.json, model.safetensors, users/items/split.json). */}
        <input
          ref={folder}
          type="file"
          multiple
          hidden
          data-testid="checkpoint-folder"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) act(() => openCheckpointFolder(files));
          }}
        />
        {saved && saved.length > 0 && (
          <button type="button" className="link" disabled={busy} onClick={() => act(clearSavedModels)}>
            {t('saved.clear')}
          </button>
        )}
      </div>
    </section>
  );
}

// What this browser keeps of the session (datasets, saved models, space used), with delete, clear, export and import.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import { clearEverything, deleteDataset, refreshStorage } from '../../../store/sessionActions';
import { exportSessionFile, importSessionFile } from '../../../store/sessionTransfer';
import { download } from '../../charts/exportChart';
import { useI18n } from '../../i18n';

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0);

export function SessionPanel() {
  const { t } = useI18n();
  const datasets = useApp((s) => s.datasets);
  const kept = useApp((s) => s.datasetStorage);
  const storage = useApp((s) => s.storage);
  const error = useApp((s) => s.sessionError);
  const busy = useApp((s) => s.sessionBusy);
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => void refreshStorage(), []);

  const run = async (work: () => Promise<unknown>) => {
    setWorking(true);
    try {
      await work();
    } catch (e) {
      useApp.getState().setSessionError((e as Error).message);
    } finally {
      setWorking(false);
    }
  };
  const sizeOf = (id: string) => storage?.datasets.find((d) => d.id === kept[id])?.bytes;
  const disabled = busy || working;

  return (
    <section className="panel" aria-labelledby="session-title" data-testid="session-panel">
      <h2 id="session-title">{t('session.title')}</h2>
      {error && <p className="warn" role="alert" data-testid="session-error">{error}</p>}
      <p className="muted" data-testid="storage-used">
        {storage
          ? t('session.used', {
              datasets: String(storage.datasets.length),
              datasetsMb: mb(storage.datasets.reduce((a, d) => a + d.bytes, 0)),
              models: String(storage.checkpoints.count),
              modelsMb: mb(storage.checkpoints.bytes),
            })
          : t('session.reading')}
        {storage?.estimate && ` ${t('session.origin', { used: mb(storage.estimate.usage), quota: mb(storage.estimate.quota) })}`}
      </p>
      {datasets.length > 0 && (
        <ul className="dataset-list" data-testid="stored-datasets">
          {datasets.map((d) => {
            const how = kept[d.id];
            const bytes = sizeOf(d.id);
            return (
              <li key={d.id} data-testid="stored-dataset">
                <span>{d.name}</span>{' '}
                <span className="muted">
                  {how === 'demo' ? t('session.demo') : how ? (bytes !== undefined ? t('session.saved', { mb: mb(bytes) }) : t('session.savedShort')) : how === null ? t('session.notSaved') : t('session.saving')}
                </span>{' '}
                <button type="button" className="link" disabled={disabled} onClick={() => void run(() => deleteDataset(d.id))} aria-label={`${t('session.delete')} ${d.name}`} data-testid="delete-dataset">
                  {t('session.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="row">
        <button type="button" disabled={disabled} data-testid="session-export" onClick={() => void run(async () => {
          const file = await exportSessionFile();
          download(file.name, file.blob);
        })}>{t('session.export')}</button>
        <button type="button" disabled={disabled} data-testid="session-import" onClick={() => fileInput.current?.click()}>{t('session.import')}</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="session-import-file" onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run(() => importSessionFile(file));
        }} />
        {confirming ? (
          <>
            <button type="button" disabled={disabled} data-testid="session-clear-confirm" onClick={() => {
              setConfirming(false);
              void run(clearEverything);
            }}>{t('session.clearConfirm')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('session.cancel')}</button>
          </>
        ) : (
          <button type="button" disabled={disabled} data-testid="session-clear" onClick={() => setConfirming(true)}>{t('session.clear')}</button>
        )}
      </div>
    </section>
  );
}

// What this browser keeps of the workspace (datasets, saved models, space used), with delete, clear, export and import.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../../store';
import { clearEverything, deleteDataset, refreshStorage } from '../../../store/workspaceActions';
import { exportWorkspaceFile, importWorkspaceFile } from '../../../store/workspaceTransfer';
import { download } from '../../charts/exportChart';
import { useI18n } from '../../i18n';
import { datasetDisplayName } from '../../i18n/datasetName';

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0);

export function WorkspacePanel() {
  const { t } = useI18n();
  const datasets = useApp((s) => s.datasets);
  const kept = useApp((s) => s.datasetStorage);
  const storage = useApp((s) => s.storage);
  const error = useApp((s) => s.workspaceError);
  const busy = useApp((s) => s.workspaceBusy);
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => void refreshStorage(), []);

  const run = async (work: () => Promise<unknown>) => {
    setWorking(true);
    try {
      await work();
    } catch (e) {
      useApp.getState().setWorkspaceError((e as Error).message);
    } finally {
      setWorking(false);
    }
  };
  const sizeOf = (id: string) => storage?.datasets.find((d) => d.id === kept[id])?.bytes;
  const disabled = busy || working;

  return (
    <section className="panel" aria-labelledby="workspace-title" data-testid="workspace-panel">
      <h2 id="workspace-title">{t('workspace.title')}</h2>
      {error && (
        <p className="warn" role="alert" data-testid="workspace-error">
          {error}
        </p>
      )}
      <p className="muted" data-testid="storage-used">
        {storage
          ? t('workspace.used', {
              datasets: String(storage.datasets.length),
              datasetsMb: mb(storage.datasets.reduce((a, d) => a + d.bytes, 0)),
              models: String(storage.checkpoints.count),
              modelsMb: mb(storage.checkpoints.bytes),
            })
          : t('workspace.reading')}
        {storage?.estimate && ` ${t('workspace.origin', { used: mb(storage.estimate.usage), quota: mb(storage.estimate.quota) })}`}
      </p>
      {datasets.length > 0 && (
        <ul className="dataset-list" data-testid="stored-datasets">
          {datasets.map((d) => {
            const how = kept[d.id];
            const bytes = sizeOf(d.id);
            return (
              <li key={d.id} data-testid="stored-dataset">
                <span>{datasetDisplayName(d, t)}</span>{' '}
                <span className="muted">
                  {how === 'demo'
                    ? t('workspace.demo')
                    : how
                      ? bytes !== undefined
                        ? t('workspace.saved', { mb: mb(bytes) })
                        : t('workspace.savedShort')
                      : how === null
                        ? t('workspace.notSaved')
                        : t('workspace.saving')}
                </span>{' '}
                <button
                  type="button"
                  className="link"
                  disabled={disabled}
                  onClick={() => void run(() => deleteDataset(d.id))}
                  aria-label={`${t('workspace.delete')} ${datasetDisplayName(d, t)}`}
                  data-testid="delete-dataset"
                >
                  {t('workspace.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="row">
        <button
          type="button"
          disabled={disabled}
          data-testid="workspace-export"
          onClick={() =>
            void run(async () => {
              const file = await exportWorkspaceFile();
              download(file.name, file.blob);
            })
          }
        >
          {t('workspace.export')}
        </button>
        <button type="button" disabled={disabled} data-testid="workspace-import" onClick={() => fileInput.current?.click()}>
          {t('workspace.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="workspace-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void run(() => importWorkspaceFile(file));
          }}
        />
        {confirming ? (
          <>
            <button
              type="button"
              disabled={disabled}
              data-testid="workspace-clear-confirm"
              onClick={() => {
                setConfirming(false);
                void run(clearEverything);
              }}
            >
              {t('workspace.clearConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('workspace.cancel')}
            </button>
          </>
        ) : (
          <button type="button" disabled={disabled} data-testid="workspace-clear" onClick={() => setConfirming(true)}>
            {t('workspace.clear')}
          </button>
        )}
      </div>
    </section>
  );
}

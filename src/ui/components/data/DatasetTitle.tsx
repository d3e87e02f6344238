// The active dataset's name as the Data view's heading, with a Rename form for datasets the analyst loaded (the demo
// is rebuilt on every reload and keeps its own name). The new name is saved with the dataset.
import { useState } from 'react';
import type { Dataset } from '../../../store/dataSlice';
import { renameDataset } from '../../../store/workspaceActions';
import { MAX_DATASET_NAME } from '../../../data/datasetName';
import { useI18n } from '../../i18n';
import { datasetDisplayName } from '../../i18n/datasetName';

export function DatasetTitle({ dataset }: { dataset: Dataset }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const renamable = dataset.truth === null;
  const save = (name: string) => {
    void renameDataset(dataset.id, name);
    setDraft(null);
  };
  return (
    <div className="row wrap">
      <h2 id="overview-title" data-testid="dataset-name">
        {datasetDisplayName(dataset, t)}
      </h2>
      {renamable && draft === null && (
        <button type="button" className="link" onClick={() => setDraft(dataset.name)} data-testid="dataset-rename">
          {t('data.rename')}
        </button>
      )}
      {draft !== null && (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            save(draft);
          }}
        >
          <label>
            {t('data.import.name')}{' '}
            <input
              type="text"
              value={draft}
              maxLength={MAX_DATASET_NAME}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              data-testid="dataset-rename-input"
            />
          </label>
          <button type="submit" className="primary" data-testid="dataset-rename-save">
            {t('data.rename.save')}
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            {t('data.rename.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}

// The Data step: load files (or the demo), check how they are read, see what was loaded and what was rejected.
import { useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { useI18n } from '../../i18n';
import { FileDrop } from './FileDrop';
import { ImportPanel } from './ImportPanel';
import { LoadReport } from './LoadReport';
import { DatasetList } from './DatasetList';
import { DatasetOverview } from './DatasetOverview';
import { WorkspacePanel } from './WorkspacePanel';
import type { PlannedFile } from './importPlan';

export function DataView() {
  const { t } = useI18n();
  const dataset = useApp(activeDataset);
  const lastLoad = useApp((s) => s.lastLoad);
  const [plan, setPlan] = useState<PlannedFile[] | null>(null);
  return (
    <div className="data-view" data-testid="view-data">
      <FileDrop onPlanned={setPlan} />
      {plan && <ImportPanel plan={plan} onChange={setPlan} onDone={() => setPlan(null)} />}
      {lastLoad && <LoadReport outcome={lastLoad} />}
      <DatasetList />
      <WorkspacePanel />
      {dataset ? <DatasetOverview dataset={dataset} /> : <p className="muted">{t('data.empty')}</p>}
    </div>
  );
}

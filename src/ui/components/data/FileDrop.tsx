// Drop zone and file picker; inspects each chosen file in the worker and proposes how to read it.
import { useRef, useState, type DragEvent } from 'react';
import { inspectFile, loadDemoDataset } from '../../../store/dataActions';
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { guessKind, proposeMapping, type PlannedFile } from './importPlan';

export function FileDrop({ onPlanned }: { onPlanned: (plan: PlannedFile[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const loadFailed = useApp((s) => s.loadFailed);

  async function take(files: File[]) {
    const plan: PlannedFile[] = [];
    for (const file of files) {
      const shape = await inspectFile(file);
      if (!shape.ok) {
        loadFailed(shape.reason, []);
        continue;
      }
      const kind = guessKind(
        file.name,
        shape.data,
        plan.some((p) => p.kind === 'events'),
      );
      plan.push({ file, shape: shape.data, kind, mapping: proposeMapping(kind, shape.data) });
    }
    if (plan.length) onPlanned(plan);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(Array.from(e.dataTransfer.files));
  };

  return (
    <section
      className={`panel drop ${over ? 'over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      aria-labelledby="load-title"
    >
      <h2 id="load-title">{t('data.load.title')}</h2>
      <p className="muted">{t('data.load.hint')}</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          {t('data.load.choose')}
        </button>
        <button type="button" onClick={() => void loadDemoDataset()}>
          {t('data.load.demo')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.dat,.data,.item,.gz,.parquet,text/csv,text/plain,application/gzip,application/vnd.apache.parquet"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            void take(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </div>
    </section>
  );
}

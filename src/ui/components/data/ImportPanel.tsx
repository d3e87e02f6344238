// Mapping editor: per file its kind, dialect and the role of each column, over a preview of its first rows.
import { inspectFile, loadFiles } from '../../../store/dataActions';
import { useI18n } from '../../i18n';
import { assignRole, columnRoles, proposeMapping, rememberMapping, rolesFor, type FileKind, type PlannedFile } from './importPlan';
import type { Role } from '../../../data/csv/columns';
import type { FileRequest } from '../../../data/ingestDataset';
import type { TimeFormat } from '../../../data/csv/timestamps';
import { DELIMITERS } from '../../../data/csv/sniff';
import type { UserSample } from '../../../data/csv/sampleUsers';
import { estimateFor, LoadEstimate } from './LoadEstimate';
import { useState } from 'react';
import { MAX_DATASET_NAME, suggestDatasetName } from '../../../data/datasetName';

const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma ,',
  '\t': 'tab',
  '|': 'pipe |',
  ';': 'semicolon ;',
  '::': 'double colon ::',
  ' ': 'space',
};

export function ImportPanel({ plan, onChange, onDone }: { plan: PlannedFile[]; onChange: (p: PlannedFile[]) => void; onDone: () => void }) {
  const { t, num } = useI18n();
  const update = (i: number, next: PlannedFile) => onChange(plan.map((p, j) => (j === i ? next : p)));
  const events = plan.find((p) => p.kind === 'events');
  const items = plan.find((p) => p.kind === 'items');
  const ready = events && events.mapping.roles.user !== undefined && events.mapping.roles.item !== undefined;
  // The suggestion follows the events file until the analyst types a name of their own.
  const suggestion = events ? suggestDatasetName(events.file.name, events.file.webkitRelativePath) : null;
  const [typed, setTyped] = useState<string | null>(null);
  const name = typed ?? suggestion?.name ?? '';
  // Sampling by users: proposed up front (at the share that fits) when the events file is over the memory budget.
  const [sample, setSample] = useState<UserSample | undefined>(() => {
    if (!events) return undefined;
    const e = estimateFor(events.shape.bytes, events.shape.estimatedRows);
    return e.fits ? undefined : { fraction: e.suggestedFraction };
  });

  async function reinspect(
    i: number,
    overrides: { dialect?: Partial<PlannedFile['shape']['dialect']>; encoding?: PlannedFile['shape']['encoding'] },
  ) {
    const p = plan[i];
    const shape = await inspectFile(p.file, {
      dialect: { ...p.shape.dialect, ...overrides.dialect },
      encoding: overrides.encoding ?? p.shape.encoding,
    });
    if (shape.ok) update(i, { ...p, shape: shape.data, mapping: proposeMapping(p.kind, shape.data) });
  }

  function load() {
    if (!events) return;
    plan.filter((p) => p.kind !== 'skip').forEach((p) => rememberMapping(p));
    const request = (p: PlannedFile): FileRequest => ({
      file: p.file,
      name: p.file.name,
      roles: p.mapping.roles,
      timeFormat: p.mapping.timeFormat ?? undefined,
      dialect: p.shape.dialect,
      encoding: p.shape.encoding,
      ...(p === events && sample ? { sample } : {}),
    });
    onDone();
    void loadFiles(request(events), items ? request(items) : undefined, name);
  }

  return (
    <section className="panel import" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('data.import.title')}</h2>
      {plan.map((p, i) => (
        <fieldset key={p.file.name + i} className="import-file">
          <legend>
            {p.file.name} <span className="muted">({(p.shape.bytes / 1024).toFixed(0)} kB)</span>
          </legend>
          <div className="row wrap">
            <label>
              {t('data.import.kind')}{' '}
              <select
                value={p.kind}
                onChange={(e) => {
                  const kind = e.target.value as FileKind;
                  update(i, { ...p, kind, mapping: proposeMapping(kind, p.shape) });
                }}
              >
                <option value="events">{t('data.import.kind.events')}</option>
                <option value="items">{t('data.import.kind.items')}</option>
                <option value="skip">{t('data.import.kind.skip')}</option>
              </select>
            </label>
            {/* Parquet has typed columns: no delimiter, header row or text encoding to choose. */}
            {p.shape.format === 'parquet' ? (
              <span className="muted">{t('data.import.parquet', { rows: num(p.shape.estimatedRows ?? 0) })}</span>
            ) : (
              <>
                <label>
                  {t('data.import.delimiter')}{' '}
                  <select value={p.shape.dialect.delimiter} onChange={(e) => void reinspect(i, { dialect: { delimiter: e.target.value } })}>
                    {DELIMITERS.map((d) => (
                      <option key={d} value={d}>
                        {DELIMITER_NAMES[d]}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={p.shape.dialect.hasHeader}
                    onChange={(e) => void reinspect(i, { dialect: { hasHeader: e.target.checked } })}
                  />{' '}
                  {t('data.import.header')}
                </label>
                <label>
                  {t('data.import.encoding')}{' '}
                  <select
                    value={p.shape.encoding}
                    onChange={(e) => void reinspect(i, { encoding: e.target.value as PlannedFile['shape']['encoding'] })}
                  >
                    <option value="utf-8">UTF-8</option>
                    <option value="iso-8859-1">ISO-8859-1 (Latin-1)</option>
                  </select>
                </label>
              </>
            )}
            {p.kind === 'events' && p.mapping.roles.time !== undefined && (
              <label>
                {t('data.import.timeFormat')}{' '}
                <select
                  value={p.mapping.timeFormat ?? ''}
                  onChange={(e) =>
                    update(i, { ...p, mapping: { ...p.mapping, timeFormat: (e.target.value || null) as TimeFormat | null } })
                  }
                >
                  <option value="unix-s">unix seconds</option>
                  <option value="unix-ms">unix milliseconds</option>
                  <option value="iso">ISO date/time</option>
                </select>
              </label>
            )}
          </div>
          {p === events && <LoadEstimate bytes={p.shape.bytes} rows={p.shape.estimatedRows} sample={sample} onSample={setSample} />}
          {p.kind !== 'skip' && (
            <Preview plan={p} onRoles={(column, role) => update(i, { ...p, mapping: assignRole(p.mapping, column, role) })} />
          )}
        </fieldset>
      ))}
      {suggestion && (
        <div className="dataset-name">
          <label>
            {t('data.import.name')}{' '}
            <input
              type="text"
              value={name}
              maxLength={MAX_DATASET_NAME}
              onChange={(e) => setTyped(e.target.value)}
              data-testid="import-name"
            />
          </label>
          {typed === null && suggestion.from !== 'file' && (
            <span className="muted small">
              {' '}
              {suggestion.from === 'folder'
                ? t('data.import.nameFromFolder', { folder: suggestion.folder })
                : t('data.import.nameFromLayout', { file: suggestion.file, name: suggestion.name })}
            </span>
          )}
        </div>
      )}
      {!ready && <p className="warn">{t('data.import.needEvents')}</p>}
      <div className="row">
        <button type="button" className="primary" disabled={!ready} onClick={load} data-testid="import-load">
          {t('data.import.load')}
        </button>
        <button type="button" onClick={onDone}>
          {t('data.import.cancel')}
        </button>
      </div>
    </section>
  );
}

function Preview({ plan, onRoles }: { plan: PlannedFile; onRoles: (column: number, role: Role | null) => void }) {
  const { t } = useI18n();
  const roles = columnRoles(plan.mapping, plan.shape.width);
  const rows = plan.shape.sample.slice(0, 5);
  return (
    <div className="table-scroll" role="region" aria-label={t('data.import.title')} tabIndex={0}>
      <table className="preview">
        <thead>
          <tr>
            {roles.map((role, c) => (
              <th key={c} scope="col">
                <select
                  aria-label={`${t('data.import.role')} ${plan.shape.header?.[c] ?? c + 1}`}
                  value={role ?? ''}
                  onChange={(e) => onRoles(c, (e.target.value || null) as Role | null)}
                  data-testid={`role-${c}`}
                >
                  <option value="">{t('data.import.role.none')}</option>
                  {rolesFor(plan.kind).map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <div className="colname">{plan.shape.header?.[c] ?? `#${c + 1}`}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {roles.map((_, c) => (
                <td key={c}>{r[c] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

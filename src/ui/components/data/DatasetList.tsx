// The datasets open in this workspace; a new load adds one, so a broken file never replaces good data.
import { useApp } from '../../../store';
import { useI18n } from '../../i18n';
import { datasetDisplayName } from '../../i18n/datasetName';

export function DatasetList() {
  const { t, num } = useI18n();
  const datasets = useApp((s) => s.datasets);
  const active = useApp((s) => s.activeDatasetId);
  const select = useApp((s) => s.selectDataset);
  const remove = useApp((s) => s.removeDataset);
  if (datasets.length < 2) return null;
  return (
    <section className="panel" aria-labelledby="datasets-title">
      <h2 id="datasets-title">{t('data.datasets')}</h2>
      <ul className="dataset-list">
        {datasets.map((d) => (
          <li key={d.id} className={d.id === active ? 'active' : ''}>
            <button type="button" onClick={() => select(d.id)} aria-pressed={d.id === active}>
              {datasetDisplayName(d, t)}
            </button>
            <span className="muted">
              {' '}
              {num(d.summary.events)} {t('data.overview.events').toLowerCase()}
            </span>
            <button
              type="button"
              className="link"
              onClick={() => remove(d.id)}
              aria-label={`${t('data.remove')} ${datasetDisplayName(d, t)}`}
            >
              {t('data.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

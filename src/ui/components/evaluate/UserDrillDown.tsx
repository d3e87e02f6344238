// Per-user ranks of the held-out item, titled from the catalog (id on hover) and sortable by any column either way;
// choosing a user opens the Recommend view on them.
import { useMemo, useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';
import type { TrainedModelInfo } from '../../../rec/train';
import { itemTitleLookup } from '../recommend/history';
import { drillOrder, nextSort, type DrillColumn, type DrillSort } from './drillOrder';

const SHOWN = 50;

export function UserDrillDown({ entries }: { entries: { model: TrainedModelInfo; result: EvaluationResult }[] }) {
  const { t, num } = useI18n();
  const dataset = useApp(activeDataset);
  const focus = useApp((s) => s.focus);
  const setView = useApp((s) => s.setView);
  const [modelId, setModelId] = useState(entries[0]?.model.id);
  const [sort, setSort] = useState<DrillSort>({ column: 'rank', dir: 1 });
  const entry = entries.find((e) => e.model.id === modelId) ?? entries[0];
  const per = entry?.result.perUser;
  const title = useMemo(() => (dataset ? itemTitleLookup(dataset.log, dataset.catalog) : null), [dataset]);
  const rows = useMemo(
    () =>
      dataset && per && title
        ? per.users.map((u, i) => ({ user: dataset.log.users[u], title: title(per.items[i]), rank: per.ranks[i] }))
        : [],
    [dataset, per, title],
  );
  const order = useMemo(() => drillOrder(rows, sort).slice(0, SHOWN), [rows, sort]);
  if (!dataset || !per) return null;
  const heading = (column: DrillColumn, label: string) => (
    <th scope="col" aria-sort={sort.column === column ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort(nextSort(sort, column))} data-testid={`drill-sort-${column}`}>
        {label}
        <span aria-hidden="true">{sort.column === column ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
  return (
    <section className="panel" aria-labelledby="drill-title">
      <h2 id="drill-title">{t('evaluate.drill')}</h2>
      <label>
        {t('recommend.model')}{' '}
        <select value={entry.model.id} onChange={(e) => setModelId(e.target.value)}>
          {entries.map((e) => (
            <option key={e.model.id} value={e.model.id}>
              {e.model.name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{t('evaluate.drillShown', { shown: num(Math.min(SHOWN, rows.length)), n: num(rows.length) })}</p>
      <div className="table-scroll" role="region" aria-label={t('evaluate.drill')} tabIndex={0}>
        <table data-testid="drill">
          <thead>
            <tr>
              {heading('user', t('recommend.user'))}
              {heading('item', t('evaluate.heldOut'))}
              {heading('rank', t('evaluate.rank'))}
              <th />
            </tr>
          </thead>
          <tbody>
            {order.map((i) => (
              <tr key={per.users[i]}>
                <td>{rows[i].user}</td>
                <td title={`${rows[i].title} · id ${dataset.log.items[per.items[i]]}`} data-testid="drill-item">
                  {rows[i].title}
                </td>
                <td className="num">{num(rows[i].rank)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      focus(per.users[i], entry.model.id);
                      setView('recommend');
                    }}
                  >
                    {t('evaluate.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// Per-user ranks of the held-out item; choosing a user opens the Recommend view on them.
import { useState } from 'react';
import { useApp } from '../../../store';
import { activeDataset } from '../../../store/dataSlice';
import { useI18n } from '../../i18n';
import type { EvaluationResult } from '../../../rec/evaluate';
import type { TrainedModelInfo } from '../../../rec/train';

export function UserDrillDown({ entries }: { entries: { model: TrainedModelInfo; result: EvaluationResult }[] }) {
  const { t, num } = useI18n();
  const dataset = useApp(activeDataset);
  const focus = useApp((s) => s.focus);
  const setView = useApp((s) => s.setView);
  const [modelId, setModelId] = useState(entries[0]?.model.id);
  const entry = entries.find((e) => e.model.id === modelId) ?? entries[0];
  const per = entry?.result.perUser;
  if (!dataset || !per) return null;
  const order = Array.from(per.users.keys())
    .sort((a, b) => per.ranks[a] - per.ranks[b])
    .slice(0, 50);
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
      <div className="table-scroll" role="region" aria-label={t('evaluate.drill')} tabIndex={0}>
        <table data-testid="drill">
          <thead>
            <tr>
              <th scope="col">{t('recommend.user')}</th>
              <th scope="col">{t('evaluate.heldOut')}</th>
              <th scope="col">{t('evaluate.rank')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {order.map((i) => (
              <tr key={per.users[i]}>
                <td>{dataset.log.users[per.users[i]]}</td>
                <td>{dataset.log.items[per.items[i]]}</td>
                <td>{num(per.ranks[i])}</td>
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

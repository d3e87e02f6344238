// A user's history in time order with event-type glyphs, ratings or values and dates; events can be removed, moved or
// added (what-if).
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { EventLog } from '../../../data/eventLog';
import { EventGlyph } from './EventGlyph';
import { EventMetaCells } from './EventMetaCells';
import type { HistoryEvent } from './history';

export function HistoryList({
  log,
  events,
  title,
  onChange,
  numItems,
}: {
  log: EventLog;
  events: HistoryEvent[];
  title: (i: number) => string;
  onChange: (e: HistoryEvent[]) => void;
  numItems: number;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState('');
  const options = Array.from({ length: Math.min(numItems, 5000) }, (_, i) => i);
  const add = () => {
    const item = options.find((i) => title(i) === adding.trim());
    if (item === undefined) return;
    const last = events.at(-1);
    onChange([...events, { row: -1, item, type: last?.type ?? 'view', time: (last?.time ?? 0) + 1 }]);
    setAdding('');
  };
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= events.length) return;
    const next = [...events];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">
        {t('recommend.history')} <span className="muted small">({events.length})</span>
      </h2>
      <ol className="history" data-testid="history">
        {events.map((e, i) => (
          <li key={`${e.row}-${i}`}>
            <EventGlyph type={e.type} />
            <span className="title" title={title(e.item)}>
              {title(e.item)}
            </span>
            <EventMetaCells log={log} event={e} />
            <span className="actions">
              <button type="button" className="icon" aria-label={`${t('recommend.earlier')}: ${title(e.item)}`} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="icon" aria-label={`${t('recommend.later')}: ${title(e.item)}`} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`${t('recommend.remove')}: ${title(e.item)}`}
                onClick={() => onChange(events.filter((_, j) => j !== i))}
                data-testid="remove-event"
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="row">
        <input
          list="item-titles"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          placeholder={t('recommend.addPlaceholder')}
          aria-label={t('recommend.add')}
        />
        <datalist id="item-titles">
          {options.map((i) => (
            <option key={i} value={title(i)} />
          ))}
        </datalist>
        <button type="button" onClick={add}>
          {t('recommend.add')}
        </button>
      </div>
    </section>
  );
}

// An event's rating or value and its date beside its title in the history (compact; the full date is on hover).
import type { EventLog } from '../../../data/eventLog';
import { useI18n } from '../../i18n';
import { eventDate, eventMeta, eventValue } from './eventMeta';
import type { HistoryEvent } from './history';

export function EventMetaCells({ log, event }: { log: EventLog; event: HistoryEvent }) {
  const { t, locale, date } = useI18n();
  const meta = eventMeta(log, event);
  if (meta.added)
    return (
      <span className="event-meta muted small" data-testid="event-added">
        {t('recommend.added')}
      </span>
    );
  const label = event.type === 'rating' ? t('recommend.rating') : t('recommend.value');
  return (
    <>
      {meta.value !== null && (
        <span
          className="event-value small"
          title={label}
          aria-label={`${label} ${eventValue(meta.value, locale)}`}
          data-testid="event-value"
        >
          {eventValue(meta.value, locale)}
        </span>
      )}
      {meta.time !== null && (
        <time
          className="event-meta muted small"
          dateTime={new Date(meta.time * 1000).toISOString()}
          title={date(meta.time * 1000)}
          data-testid="event-time"
        >
          {eventDate(meta.time, locale)}
        </time>
      )}
    </>
  );
}

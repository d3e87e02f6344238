// A small coloured badge for an event type (colour-blind-safe colours, with a letter so colour is not the only cue).
import { eventColour } from '../../charts/palette';
import { useI18n } from '../../i18n';
import { eventLabel } from '../../i18n/eventLabels';

const LETTER: Record<string, string> = { exposure: 'E', view: 'V', click: 'C', fav: 'F', cart: '+', purchase: '$', rating: '★' };

export function EventGlyph({ type }: { type: string }) {
  const { lang } = useI18n();
  const label = eventLabel(type, lang);
  return (
    <span className="glyph" style={{ background: eventColour(type) }} title={label} aria-label={label}>
      {LETTER[type] ?? type.slice(0, 1).toUpperCase()}
    </span>
  );
}

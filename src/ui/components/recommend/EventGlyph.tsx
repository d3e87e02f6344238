// A small coloured badge for an event type (colour-blind-safe colours, with a letter so colour is not the only cue).
import { eventColour } from '../../charts/palette';

const LETTER: Record<string, string> = { exposure: 'E', view: 'V', click: 'C', fav: 'F', cart: '+', purchase: '$', rating: '★' };

export function EventGlyph({ type }: { type: string }) {
  return (
    <span className="glyph" style={{ background: eventColour(type) }} title={type} aria-label={type}>
      {LETTER[type] ?? type.slice(0, 1).toUpperCase()}
    </span>
  );
}

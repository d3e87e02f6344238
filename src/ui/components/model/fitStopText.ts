// Why a fit ended short of its plan, in the UI's language: the Model view's curve card and the HTML report's model
// card say the same sentence, from the figures of the fit's record (src/rec/fitStop) and nothing else.
import type { MessageKey } from '../../i18n/en';
import type { FitStop } from '../../../rec/fitStop';

interface Helpers {
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  num: (x: number, digits?: number) => string;
}

/** The sentence, or null for a fit that ran its planned epochs (or kept no record). */
export function fitStopSentence(stop: FitStop | undefined, { t, num }: Helpers): string | null {
  if (stop?.by === 'early-stopping' && stop.bestEpoch !== undefined)
    return t('model.stop.early', { ran: num(stop.epochs), bestEpoch: num(stop.bestEpoch), checks: num(stop.checksAfterBest) });
  if (stop?.by === 'time-budget') return t('model.stop.time', { ran: num(stop.epochs) });
  return null;
}

// A guidance reason in plain English (the CLI's wording; the app words the same figures through its i18n keys). It
// states the user's figure and which way it moves the predicted buy probability against a user at the training
// average, with the size on the log-odds scale — nothing about causes, which a logistic fit does not show.
import type { GuidanceReason } from './buyPredictor';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const days = (d: number) => (d < 10 ? d.toFixed(1) : d.toFixed(0));

/** What the user's figure is, e.g. "3 cart events in their history". */
export function reasonFigure(r: GuidanceReason): string {
  const type = r.eventType ?? '';
  switch (r.kind) {
    case 'count':
      return `${plural(r.value, `${type} event`)} in their history`;
    case 'since':
      if (r.value > r.historyLength) return `no ${type} event in their history`;
      return r.value === 0 ? `their latest event is a ${type}` : `their last ${type} was ${plural(r.value, 'event')} before their latest`;
    case 'length':
      return `${plural(r.value, 'event')} in their history`;
    case 'distinct':
      return `${plural(r.value, 'distinct item')} in their history`;
    case 'last':
      return r.value ? `their latest event is a ${type}` : `their latest event is not a ${type}`;
    case 'gap':
      return `${days(r.value)} days between their last two events`;
    case 'span':
      return `their history spans ${days(r.value)} days`;
  }
}

/** The figure and its effect on the prediction, e.g. "3 cart events in their history (raises … +0.84 log-odds …)". */
export function reasonText(r: GuidanceReason): string {
  const direction = r.contribution > 0 ? 'raises' : 'lowers';
  const sign = r.contribution > 0 ? '+' : '−';
  return (
    `${reasonFigure(r)} (${direction} the predicted buy probability: ${sign}${Math.abs(r.contribution).toFixed(2)} ` +
    `log-odds against a user at the training average)`
  );
}

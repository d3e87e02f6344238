// A guidance reason in the UI's language: the user's figure, then which way it moves the predicted buy probability
// and by how much on the log-odds scale (against a user at the training average) — the core's figures, no more.
import type { GuidanceReason } from '../../../rec/guidance/buyPredictor';
import { translate, type Lang } from '../../i18n';
import { eventLabel } from '../../i18n/eventLabels';

const days = (d: number) => (d < 10 ? d.toFixed(1) : d.toFixed(0));

export function reasonFigure(r: GuidanceReason, lang: Lang): string {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars);
  const type = r.eventType === null ? '' : eventLabel(r.eventType, lang);
  switch (r.kind) {
    case 'count':
      return t('guidance.reason.count', { type, n: r.value });
    case 'since':
      return r.value > r.historyLength ? t('guidance.reason.sinceNone', { type }) : t('guidance.reason.since', { type, n: r.value });
    case 'length':
      return t('guidance.reason.length', { n: r.value });
    case 'distinct':
      return t('guidance.reason.distinct', { n: r.value });
    case 'last':
      return t(r.value ? 'guidance.reason.last' : 'guidance.reason.notLast', { type });
    case 'gap':
      return t('guidance.reason.gap', { n: days(r.value) });
    case 'span':
      return t('guidance.reason.span', { n: days(r.value) });
  }
}

/** E.g. "cart events in their history: 3 (raises the predicted buy probability: +0.84 log-odds …)". */
export function reasonSentence(r: GuidanceReason, lang: Lang): string {
  const c = `${r.contribution > 0 ? '+' : '−'}${Math.abs(r.contribution).toFixed(2)}`;
  return translate(lang, r.contribution > 0 ? 'guidance.reason.raises' : 'guidance.reason.lowers', { figure: reasonFigure(r, lang), c });
}

// Which models read item text, and the sentence under the cold-start table saying whether that text helps cold items:
// built only from the paired difference against popularity on the cold-item cases shown beside it (pure: no React).
import type { PairedDifference } from '../../../rec/pairedComparison';
import type { MessageKey } from '../../i18n/en';
import { withCi } from './causalComparisonText';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Num = (x: number, digits?: number) => string;

/** The content model, or a sequence model trained with item text (itemText other than 'off'). */
export function readsItemText(model: { name: string; settings: Record<string, unknown> }): boolean {
  if (model.name === 'content') return true;
  const mode = model.settings.itemText;
  return typeof mode === 'string' && mode !== 'off';
}

/**
 * One sentence per item-text model: higher than popularity on cold items with an interval above 0 says item text helps
 * here; an interval covering 0 says there is no evidence it does; below 0 says it does not. `diff` null: no pairs.
 * `bothZero`: both models' slice means are 0 (every case scores 0, e.g. no cold item in either top K), said as such.
 */
export function coldItemSentence(
  model: string,
  reference: string,
  metric: string,
  diff: PairedDifference | null,
  t: T,
  num: Num,
  bothZero = false,
): string {
  if (!diff) return t('evaluate.cold.noPairs', { model, reference });
  const vars = { model, reference, metric, n: num(diff.users, 0), diff: withCi(num, diff.difference, diff.ci95) };
  if (bothZero) return t('evaluate.cold.noHits', vars);
  if (diff.verdict === 'higher') return t('evaluate.cold.helps', vars);
  if (diff.verdict === 'lower') return t('evaluate.cold.hurts', vars);
  return t('evaluate.cold.noEvidence', vars);
}

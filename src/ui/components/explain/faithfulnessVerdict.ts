// How the faithfulness table reads its figures: which way is better for each (deletion AUC lower, insertion AUC
// higher), whether a figure may be judged at all, and when IG's completeness gap earns a "more steps" button. Pure.
import { inRange } from '../../../lib/ranges';
import { METHOD_OPTION_RANGES } from '../../../explain/registry';
import type { ExplainedRow, ExplainResult } from '../../../explain/explainTopK';
import type { MessageKey } from '../../i18n/en';

export type Verdict = 'better' | 'worse' | 'even' | 'unjudged';

type RowFaithfulness = ExplainedRow['faithfulness'];

/**
 * A figure against its random-order twin. `lowerIsBetter` for deletion AUC. Unjudged when the score barely depends on
 * the history (degenerate) or the empty history outscores the full one (inverted): normalised curves then mean nothing,
 * and a negative AUC there must not read as a success. Differences under `tolerance` are even.
 */
export function verdict(
  value: number,
  random: number,
  lowerIsBetter: boolean,
  f: Pick<RowFaithfulness, 'degenerate' | 'inverted'>,
  tolerance = 1e-3,
): Verdict {
  if (f.degenerate || f.inverted || !Number.isFinite(value) || !Number.isFinite(random)) return 'unjudged';
  const gain = lowerIsBetter ? random - value : value - random;
  return gain > tolerance ? 'better' : gain < -tolerance ? 'worse' : 'even';
}

/** The faithfulness of `method` on a row: its own when measured, the row's when it is the first method, else null. */
export function faithfulnessOf(row: ExplainedRow, method: string, first: string): RowFaithfulness | null {
  return row.faithfulnessBy?.[method] ?? (method === first ? row.faithfulness : null);
}

/** IG's largest relative completeness gap over the rows, and the steps it ran with; null when IG was not run. */
export function igGap(result: ExplainResult): { gap: number; steps: number } | null {
  if (!result.methods.includes('ig')) return null;
  let gap = 0;
  let steps = 0;
  for (const r of result.rows) {
    const d = r.diagnostics.ig ?? {};
    if (typeof d.relativeGap === 'number' && Number.isFinite(d.relativeGap)) gap = Math.max(gap, d.relativeGap);
    if (typeof d.steps === 'number') steps = d.steps;
  }
  return steps > 0 ? { gap, steps } : null;
}

/** A gap above this share of f(x) − f(baseline) is worth more steps (Sundararajan et al. suggest within 5%). */
export const LARGE_GAP = 0.05;
/** The Explain view's own ceiling on steps (its input's max): each step holds a row of activations in the browser. */
export const GUI_MAX_STEPS = 512;

/** Doubled steps when that stays in range, else null (no button). */
export function moreSteps(steps: number): number | null {
  const next = steps * 2;
  return inRange(next, METHOD_OPTION_RANGES.steps) && next <= GUI_MAX_STEPS ? next : null;
}

/**
 * The method's line above the table, over the recommendations it was measured on: better than a random order for how
 * many of those it could be judged on, and how many it could not (the score barely moves with the history, or is
 * higher without it), never counting those as failures. Empty where it was measured on none.
 */
export function summaryLine(
  method: string,
  verdicts: readonly Verdict[],
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  const total = verdicts.length;
  const judged = verdicts.filter((v) => v !== 'unjudged').length;
  const better = verdicts.filter((v) => v === 'better').length;
  if (total === 0) return '';
  if (judged === 0) return t('explain.faithSummaryNone', { method, total });
  if (judged === total) return t('explain.faithSummaryMethod', { method, better, total });
  return t('explain.faithSummaryPartly', { method, better, judged, unjudged: total - judged });
}

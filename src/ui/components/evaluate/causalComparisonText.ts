// The one sentence under the causal-vs-traditional table, built from the uplift row's figures only: the ratio of the
// policies' incremental purchases@K with its paired CI (or "no difference shown" when the difference's CI covers 0),
// true on the demo and marked as the model's own estimate elsewhere, next to what the re-ranking costs in NDCG@K
// (the uplift row's own NDCG and its paired difference, so that every number in the sentence is in the table).
import type { ComparisonRow, Paired } from '../../../rec/causalComparison';
import type { MessageKey } from '../../i18n/en';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Num = (x: number, digits?: number) => string;

export const excludesZero = (ci: [number, number]): boolean => ci[0] > 0 || ci[1] < 0;

/** "0.012 [0.004, 0.020]" */
export const withCi = (num: Num, v: number, ci: [number, number] | null, digits = 3): string =>
  ci ? `${num(v, digits)} [${num(ci[0], digits)}, ${num(ci[1], digits)}]` : num(v, digits);

/** The paired difference (and, for incremental purchases, the ratio) of one metric, as the table cell shows it. */
export function pairedText(metric: string, p: Paired, num: Num): string {
  const diff = `Δ ${metric} ${withCi(num, p.difference, p.ci95)}`;
  return p.ratio !== undefined && p.ratioCi95 ? `${diff} · ×${withCi(num, p.ratio, p.ratioCi95, 2)}` : diff;
}

/**
 * The sentence for an uplift row and the row of the model it re-ranks; '' when the row lacks the figures. `truth`:
 * whether the figures are the simulator's true incremental purchases.
 */
export function comparisonSentence(uplift: ComparisonRow, base: ComparisonRow, k: number, truth: boolean, t: T, num: Num): string {
  const metric = truth ? `trueUplift@${k}` : `estimatedUplift@${k}`;
  const p = uplift.paired[metric];
  const a = uplift.figures[metric];
  const b = base.figures[metric];
  if (!p || !a || !b) return '';
  const vars = {
    model: base.name,
    k,
    upliftValue: num(a.value, 3),
    scoreValue: num(b.value, 3),
    ratio: num(p.ratio ?? NaN, 2),
    lo: num(p.ratioCi95?.[0] ?? NaN, 2),
    hi: num(p.ratioCi95?.[1] ?? NaN, 2),
    diff: withCi(num, p.difference, p.ci95),
  };
  const source = t(truth ? 'compare.sentence.true' : 'compare.sentence.estimated');
  const effect = excludesZero(p.ci95) ? t('compare.sentence.ratio', vars) : t('compare.sentence.noDifference', vars);
  // Accuracy as the uplift row shows it: its NDCG@K and the paired difference from ranking by score.
  const nUp = uplift.figures[`NDCG@${k}`];
  const pN = uplift.paired[`NDCG@${k}`];
  const accuracy =
    nUp && pN
      ? t(excludesZero(pN.ci95) ? 'compare.sentence.accuracy' : 'compare.sentence.accuracySame', {
          k,
          upliftNdcg: num(nUp.value, 3),
          diff: withCi(num, pN.difference, pN.ci95),
        })
      : '';
  return `${source}${effect}${accuracy}`;
}

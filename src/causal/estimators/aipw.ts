// AIPW (doubly robust): outcome model plus weighted residuals; consistent when either the outcome or the propensity model is right.
import type { Nuisance } from './nuisance';

/** Expected outcome if every (kept) unit were treated / untreated: the population what-if. */
export function aipwArms(f: Nuisance): { treated: number; control: number } {
  const { t, y, e, mu } = f;
  let a1 = 0,
    a0 = 0,
    kept = 0;
  for (let i = 0; i < f.n; i++) {
    if (!f.kept(i)) continue;
    kept++;
    const m1 = mu(1, i),
      m0 = mu(0, i);
    a1 += m1 + (t[i] * (y[i] - m1)) / e[i];
    a0 += m0 + ((1 - t[i]) * (y[i] - m0)) / (1 - e[i]);
  }
  return { treated: kept ? a1 / kept : NaN, control: kept ? a0 / kept : NaN };
}

export function aipw(f: Nuisance): number {
  const arms = aipwArms(f);
  return arms.treated - arms.control;
}

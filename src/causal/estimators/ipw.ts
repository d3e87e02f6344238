// Inverse propensity weighting (Hájek, normalised: the weights per arm sum to one, so it stays within the outcome range).
import type { Nuisance } from './nuisance';

export function ipw(f: Nuisance): number {
  const { t, y, e } = f;
  let w1 = 0,
    w0 = 0,
    s1 = 0,
    s0 = 0;
  for (let i = 0; i < f.n; i++) {
    if (!f.kept(i)) continue;
    if (t[i] === 1) {
      w1 += 1 / e[i];
      s1 += y[i] / e[i];
    } else {
      w0 += 1 / (1 - e[i]);
      s0 += y[i] / (1 - e[i]);
    }
  }
  return w1 && w0 ? s1 / w1 - s0 / w0 : NaN;
}

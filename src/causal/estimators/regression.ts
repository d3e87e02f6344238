// Regression adjustment: the mean over all rows of μ1(z) − μ0(z) from the per-arm outcome model.
import type { Nuisance } from './nuisance';

export function regression(f: Nuisance): number {
  let s = 0;
  for (let i = 0; i < f.n; i++) s += f.mu(1, i) - f.mu(0, i);
  return s / f.n;
}

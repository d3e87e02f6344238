// Naive estimator: the difference in mean outcome between the arms, no adjustment (the baseline the others correct).
import type { Nuisance } from './nuisance';

export const naive = (f: Nuisance): number => f.sums[1] / f.counts[1] - f.sums[0] / f.counts[0];

// T-learner uplift: one logistic model of P(buy | shown, x) on treated pairs and one of P(buy | not shown, x) on the
// rest; the uplift of a pair is their difference. Refitting both on users drawn with replacement gives every estimate
// a bootstrap interval, so the analyst sees how sure each number is.
import { resampler } from '../../lib/bootstrap';
import { logistic, predictLogistic, type Columns } from '../../lib/glm';
import { progressTracker, throwIfAborted, type Progress } from '../../lib/progress';
import { checkSettings, type RangeTable } from '../../lib/ranges';
import { fail, ok, type Result } from '../../lib/result';
import { quantile } from '../../lib/stats';
import type { UpliftPairs } from './upliftPairs';

export const UPLIFT_RANGES = {
  /** Top-scored items per user that become candidate pairs (and that the uplift policy re-ranks). */
  candidates: { min: 1, max: 1000, integer: true },
  /** Refits on resampled users behind each interval. */
  bootstrap: { min: 0, max: 500, integer: true },
  /** Users the model learns from (a seeded sample when the log has more). */
  maxUsers: { min: 10, max: 1_000_000, integer: true },
} as const satisfies RangeTable;

export type UpliftSettings = { [K in keyof typeof UPLIFT_RANGES]: number };
export const UPLIFT_DEFAULTS: UpliftSettings = { candidates: 50, bootstrap: 30, maxUsers: 20_000 };

export function checkUpliftSettings(settings: unknown): Result<UpliftSettings> {
  const checked = checkSettings(UPLIFT_RANGES, settings, { owner: 'uplift' });
  if (!checked.ok) return checked;
  return ok({ ...UPLIFT_DEFAULTS, ...(settings as Partial<UpliftSettings>) });
}

/** Coefficients [intercept, ...features] of the two outcome models. */
export interface ArmModels {
  treated: number[];
  control: number[];
}

export interface TLearnerFit extends ArmModels {
  /** One refit per bootstrap draw of users. */
  boot: ArmModels[];
  counts: { treatedPairs: number; controlPairs: number; treatedBought: number; controlBought: number };
}

/** Fewer bought pairs than this in an arm and its model is a guess: fitting refuses. */
export const MIN_BOUGHT_PER_ARM = 5;

function fitArms(pairs: UpliftPairs, rows: ArrayLike<number>): ArmModels {
  const split = (arm: number) => {
    const pick: number[] = [];
    for (let k = 0; k < rows.length; k++) if (pairs.treated[rows[k]] === arm) pick.push(rows[k]);
    const x: Columns = pairs.features.map((col) => Float64Array.from(pick, (r) => col[r]));
    return logistic(
      x,
      Float64Array.from(pick, (r) => pairs.bought[r]),
    );
  };
  return { treated: split(1), control: split(0) };
}

export function fitTLearner(
  pairs: UpliftPairs,
  options: { bootstrap: number; seed: number; signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Result<TLearnerFit> {
  const counts = { treatedPairs: 0, controlPairs: 0, treatedBought: 0, controlBought: 0 };
  for (let r = 0; r < pairs.treated.length; r++) {
    if (pairs.treated[r]) {
      counts.treatedPairs++;
      counts.treatedBought += pairs.bought[r];
    } else {
      counts.controlPairs++;
      counts.controlBought += pairs.bought[r];
    }
  }
  if (counts.treatedBought < MIN_BOUGHT_PER_ARM || counts.controlBought < MIN_BOUGHT_PER_ARM) {
    return fail(
      `too few purchases to learn uplift: ${counts.treatedBought} of ${counts.treatedPairs} shown pairs and ` +
        `${counts.controlBought} of ${counts.controlPairs} unshown pairs were bought (each arm needs ${MIN_BOUGHT_PER_ARM})`,
    );
  }
  const all = Uint32Array.from({ length: pairs.treated.length }, (_, r) => r);
  const main = fitArms(pairs, all);
  // Resample users, not pairs: a user's pairs share the user's taste and activity.
  const rowsOfUser = new Map<number, number[]>();
  pairs.user.forEach((u, r) => {
    const list = rowsOfUser.get(u);
    if (list) list.push(r);
    else rowsOfUser.set(u, [r]);
  });
  const groups = [...rowsOfUser.values()];
  const draw = resampler(groups.length, options.seed);
  const track = progressTracker('Uplift bootstrap', 'refits', options.bootstrap);
  const boot: ArmModels[] = [];
  for (let b = 0; b < options.bootstrap; b++) {
    throwIfAborted(options.signal);
    const rows: number[] = [];
    for (const g of draw()) for (const r of groups[g]) rows.push(r);
    boot.push(fitArms(pairs, rows));
    options.onProgress?.(track(b + 1));
  }
  return ok({ ...main, boot, counts });
}

/** P(buy | shown, x) − P(buy | not shown, x) under one pair of arm models. */
export function upliftUnder(models: ArmModels, x: readonly number[]): number {
  const cols = x.map((v) => Float64Array.of(v));
  return predictLogistic(models.treated, cols, 0) - predictLogistic(models.control, cols, 0);
}

export interface UpliftEstimate {
  tau: number;
  /** 95% percentile bootstrap interval; equal to tau when the fit has no bootstrap draws. */
  lo: number;
  hi: number;
}

export function estimateUplift(fit: TLearnerFit, x: readonly number[]): UpliftEstimate {
  const tau = upliftUnder(fit, x);
  if (!fit.boot.length) return { tau, lo: tau, hi: tau };
  const draws = fit.boot.map((m) => upliftUnder(m, x));
  return { tau, lo: quantile(draws, 0.025), hi: quantile(draws, 0.975) };
}

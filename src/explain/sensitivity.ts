// Robustness of an attribution (Captum's max-sensitivity, with "drop one event" as the perturbation): how much a
// method's attributions of the other events change when one random event outside its top ones is removed.
import { checkValue } from '../lib/ranges';
import { throwIfAborted } from '../lib/progress';
import { createRng } from '../lib/rng';

export interface SensitivityOptions {
  /** How many events are dropped, one at a time (each costs one re-explanation; default 2, 0 = not measured). */
  drops?: number;
  /** The largest |attributions| kept out of the draw (default 3: the events a reason can name). */
  protect?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Drops per row and method: each is a full re-explanation, so the count is bounded before any work starts. */
export const SENSITIVITY_RANGES = {
  drops: { min: 0, max: 10, integer: true },
  protect: { min: 0, max: 64, integer: true },
} as const;

// Two drops: on a 271-event ml-100k history one occlusion re-explanation costs about as much as the attribution
// itself, and the app explains five recommendations at once; the CLI's --sensitivity-drops raises it.
export const SENSITIVITY_DEFAULTS = { drops: 2, protect: 3 } as const;

/** The events that may be dropped: outside the `protect` largest |a| (newer first on ties) and not exactly 0. */
export function dropCandidates(values: ArrayLike<number>, protect: number): number[] {
  const order = Array.from({ length: values.length }, (_, k) => k).sort((a, b) => Math.abs(values[b]) - Math.abs(values[a]) || b - a);
  // An event a method gives exactly 0 is, for the sequence models, outside the window the model reads: dropping it
  // leaves the model's input as it was, and would report a robustness the method never showed.
  return order.slice(protect).filter((k) => values[k] !== 0 && Number.isFinite(values[k]));
}

/** ‖b − a‖₂ / ‖a‖₂ (0 when both are 0; NaN when only a is 0: a relative change of nothing is undefined). */
export function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    num += (b[k] - a[k]) ** 2;
    den += a[k] ** 2;
  }
  if (den === 0) return num === 0 ? 0 : NaN;
  return Math.sqrt(num / den);
}

/**
 * Max-sensitivity of attribution `values` of a history of n events:
 *
 *   S = max over j in D of ‖a'(j) − a₋ⱼ‖₂ / ‖a₋ⱼ‖₂
 *
 * where D is `drops` events drawn (seeded, without replacement) from `dropCandidates`, a₋ⱼ is `values` without
 * event j (n − 1 numbers), and a'(j) is the same method's attribution of the history with event j removed (same
 * order, same options). 0 = dropping any of those events leaves the other attributions as they were; 0.5 = they move
 * by half their own size. NaN when there is no candidate (every event is a top event or gets exactly 0) or `drops` is 0.
 *
 * `reexplain(kept)` attributes the history restricted to the event positions `kept` (ascending) and returns one
 * value per kept event.
 */
export async function maxSensitivity(
  values: ArrayLike<number>,
  reexplain: (kept: number[]) => Promise<ArrayLike<number>>,
  options: SensitivityOptions = {},
): Promise<number> {
  const drops = options.drops ?? SENSITIVITY_DEFAULTS.drops;
  const protect = options.protect ?? SENSITIVITY_DEFAULTS.protect;
  for (const [key, v] of [
    ['drops', drops],
    ['protect', protect],
  ] as const) {
    const why = checkValue(key, v, SENSITIVITY_RANGES[key]);
    if (why) throw new Error(why);
  }
  const candidates = dropCandidates(values, protect);
  if (drops === 0 || candidates.length === 0) return NaN;
  const picked = createRng(options.seed ?? 0)
    .shuffle(candidates)
    .slice(0, drops);
  let worst = -Infinity;
  for (const j of picked) {
    throwIfAborted(options.signal);
    const kept = Array.from({ length: values.length }, (_, k) => k).filter((k) => k !== j);
    const after = await reexplain(kept);
    if (after.length !== kept.length) throw new Error(`sensitivity: re-explanation gave ${after.length} values for ${kept.length} events`);
    const change = relativeL2(
      kept.map((k) => values[k]),
      after,
    );
    // One undefined change makes the maximum undefined: it is not silently skipped.
    if (Number.isNaN(change)) return NaN;
    worst = Math.max(worst, change);
  }
  return worst;
}

// Ranges of `reclens predict`'s numeric flags, apart from the command so `reclens help settings` lists them without
// loading TensorFlow.js (the task's horizon ranges live in src/data/predictionTask).
import type { Range } from '../lib/ranges';
import { PREDICTION_RANGES } from '../data/predictionTask';

export const PREDICT_RANGES = {
  epochs: { min: 1, max: 1000, integer: true },
  'learning-rate': { min: 0, max: 1, minOpen: true },
  'max-users': { min: 2, max: 10_000_000, integer: true },
  'max-events': { min: 1, max: 200, integer: true },
  bootstrap: { min: 10, max: 100_000, integer: true },
} as const satisfies Record<string, Range>;

/** Every numeric flag of predict, as `reclens help settings` and the README's table list them. */
export const PREDICT_FLAG_RANGES = {
  'horizon-events': PREDICTION_RANGES.horizonEvents,
  'horizon-days': PREDICTION_RANGES.horizonDays,
  ...PREDICT_RANGES,
} as const satisfies Record<string, Range>;

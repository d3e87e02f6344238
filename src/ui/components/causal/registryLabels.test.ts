// Labels are keyed by registry key: every discovery algorithm and effect estimator has its English and Chinese name.
import { describe, expect, it } from 'vitest';
import { DISCOVERY_ALGORITHMS, DISCOVERY_ALGOS } from '../../../causal/discovery';
import { ESTIMATOR_KEYS, ESTIMATORS } from '../../../causal/estimators';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';

describe('causal registry labels', () => {
  it('has a label for every algorithm and estimator, keyed by its registry key, in both languages', () => {
    const keys = [
      ...DISCOVERY_ALGOS.map((k) => [k, DISCOVERY_ALGORITHMS[k].labelKey, `causal.algo.${k}`]),
      ...ESTIMATOR_KEYS.map((k) => [k, ESTIMATORS[k].labelKey, `causal.est.${k}`]),
    ];
    for (const [key, labelKey, expected] of keys) {
      expect(labelKey, key).toBe(expected);
      expect(en, labelKey).toHaveProperty([labelKey]);
      expect(zh, labelKey).toHaveProperty([labelKey]);
    }
  });
});

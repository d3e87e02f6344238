import { describe, expect, it } from 'vitest';
import { effectSensitivity, eValueOfRiskRatio } from './evalue';

describe('E-value', () => {
  it('matches RR + sqrt(RR(RR − 1)) by hand', () => {
    // RR 2: 2 + sqrt(2) = 3.4142…; RR 3.9 (VanderWeele & Ding's smoking example): 3.9 + sqrt(3.9 · 2.9) = 7.2630…
    expect(eValueOfRiskRatio(2)).toBeCloseTo(3.414214, 5);
    expect(eValueOfRiskRatio(3.9)).toBeCloseTo(7.263034, 5);
    expect(eValueOfRiskRatio(1)).toBe(1);
    // Protective: RR 0.5 is read as 1/0.5 = 2.
    expect(eValueOfRiskRatio(0.5)).toBeCloseTo(3.414214, 5);
    expect(eValueOfRiskRatio(0)).toBeNaN();
  });

  it('turns a risk difference into a risk ratio against the untreated arm, and uses the CI end nearest 1', () => {
    // p0 = 0.2, ATE 0.2 → RR 2; CI [0.1, 0.3] → RR [1.5, 2.5]; bound 1.5 → 1.5 + sqrt(0.75) = 2.3660…
    const s = effectSensitivity({ ate: 0.2, ci95: [0.1, 0.3] }, 0.2, { binary: true, sd: 0.5 })!;
    expect(s.scale).toBe('riskRatio');
    expect(s.riskRatio).toBeCloseTo(2, 12);
    expect(s.riskRatioBound).toBeCloseTo(1.5, 12);
    expect(s.eValue).toBeCloseTo(3.414214, 5);
    expect(s.eValueCi).toBeCloseTo(2.366025, 5);
  });

  it('gives 1 for the CI bound when the CI covers no effect, and handles protective effects', () => {
    const covers = effectSensitivity({ ate: 0.05, ci95: [-0.01, 0.11] }, 0.25, { binary: true, sd: 0.5 })!;
    expect(covers.riskRatio).toBeCloseTo(1.2, 12);
    expect(covers.eValueCi).toBe(1);
    // p0 = 0.4, ATE −0.2 → RR 0.5 (E = 3.414); CI [−0.3, −0.1] → RR [0.25, 0.75], bound 0.75 → 1/0.75 = 4/3 → 4/3 + sqrt(4/9) = 2.
    const down = effectSensitivity({ ate: -0.2, ci95: [-0.3, -0.1] }, 0.4, { binary: true, sd: 0.5 })!;
    expect(down.eValue).toBeCloseTo(3.414214, 5);
    expect(down.riskRatioBound).toBeCloseTo(0.75, 12);
    expect(down.eValueCi).toBeCloseTo(2, 12);
  });

  it('uses exp(0.91 d) for a continuous outcome, and refuses impossible baselines', () => {
    // d = 0.5 / 0.5 = 1 → RR = e^0.91 = 2.4843 → E = 2.4843 + sqrt(2.4843 · 1.4843) = 4.4046…
    const s = effectSensitivity({ ate: 0.5, ci95: [0.4, 0.6] }, 3, { binary: false, sd: 0.5 })!;
    expect(s.scale).toBe('standardisedDifference');
    expect(s.riskRatio).toBeCloseTo(Math.exp(0.91), 12);
    expect(s.eValue).toBeCloseTo(4.404618, 5);
    expect(effectSensitivity({ ate: 0.1, ci95: [0, 0.2] }, 0, { binary: true, sd: 0.5 })).toBeNull();
    expect(effectSensitivity({ ate: 0.1, ci95: [0, 0.2] }, 1, { binary: false, sd: 0 })).toBeNull();
  });
});

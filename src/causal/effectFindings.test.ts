import { describe, expect, it } from 'vitest';
import { effectFindings, findingText } from './effectFindings';

const iv = (ate: number, lo: number, hi: number) => ({ ate, ci95: [lo, hi] as [number, number] });
const passes = [{ passed: true }, { passed: true }, { passed: false }];

describe('effect findings', () => {
  it('says the graph and the data disagree when there is no path but adjusted CIs exclude 0 (the demo failure)', () => {
    const f = effectFindings({
      causalPathExists: false,
      // NOTEARS's backwards graph on the demo: 0.397 for every adjusted estimator.
      estimates: {
        naive: iv(0.397, 0.37, 0.42),
        regression: iv(0.397, 0.37, 0.42),
        ipw: iv(0.397, 0.36, 0.43),
        aipw: iv(-0.01, -0.05, 0.03),
      },
      refutations: passes,
    });
    expect(f[0]).toEqual({ kind: 'noPathDisagrees', estimators: ['regression', 'ipw'] });
    expect(findingText(f[0])).toContain('the graph and the data disagree');
    expect(f.at(-1)).toEqual({ kind: 'checks', passed: 2, total: 3 });
  });

  it('says they agree when every adjusted CI covers 0, and flags a path with an AIPW CI that covers 0', () => {
    const zero = iv(0.01, -0.02, 0.04);
    const none = effectFindings({
      causalPathExists: false,
      estimates: { naive: iv(0.3, 0.2, 0.4), regression: zero, ipw: zero, aipw: zero },
      refutations: [],
    });
    expect(none[0]).toEqual({ kind: 'noPathAgrees' });
    const path = effectFindings({
      causalPathExists: true,
      estimates: { naive: zero, regression: zero, ipw: zero, aipw: zero },
      refutations: [],
    });
    expect(path[0]).toEqual({ kind: 'pathButNoClearEffect' });
    const clear = iv(0.18, 0.15, 0.21);
    const found = effectFindings({
      causalPathExists: true,
      estimates: { naive: clear, regression: clear, ipw: clear, aipw: clear },
      refutations: passes,
      sensitivity: { scale: 'riskRatio', riskRatio: 2, riskRatioBound: 1.5, eValue: 3.414, eValueCi: 2.366 },
    });
    expect(found.map((x) => x.kind)).toEqual(['sensitivity', 'checks']);
    expect(findingText(found[0])).toBe(
      'E-value 3.41 (CI bound 2.37): an unobserved confounder associated with both treatment and outcome by a risk ratio of 3.41 each ' +
        'could explain the estimate away, and one of 2.37 could move the CI to include no effect',
    );
  });
});

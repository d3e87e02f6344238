import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { effectFindingSentences } from './effectFindingText';

const iv = (ate: number, lo: number, hi: number) => ({ ate, ci95: [lo, hi] as [number, number] });
const num = (x: number, d = 0) => x.toFixed(d);

describe('effect finding sentences', () => {
  it("words the demo's NOTEARS failure as a disagreement with the figures it rests on, in English and Chinese", () => {
    const facts = {
      causalPathExists: false,
      estimates: {
        naive: iv(0.397, 0.365, 0.413),
        regression: iv(0.397, 0.365, 0.413),
        ipw: iv(0.397, 0.365, 0.413),
        aipw: iv(0.397, 0.365, 0.413),
      },
      refutations: [{ passed: true }, { passed: true }, { passed: true }],
    };
    const en = effectFindingSentences(facts, 'exposed', 'purchased', (k, v) => translate('en', k, v), num);
    expect(en[0].kind).toBe('noPathDisagrees');
    expect(en[0].text).toContain(
      'so the graph implies a zero effect, but the adjusted estimates Regression adjustment 0.397 [0.365, 0.413]',
    );
    expect(en[0].text).not.toContain('the graph says the effect is zero');
    expect(en[1].text).toMatch(/^3 of 3 refutations passed\. .*cannot show that the graph or its adjustment set is right/);
    const zh = effectFindingSentences(facts, 'exposed', 'purchased', (k, v) => translate('zh', k, v), num);
    expect(zh[0].text).toContain('因果图与数据相矛盾');
    expect(zh[0].text).toContain('0.397 [0.365, 0.413]');
  });
});

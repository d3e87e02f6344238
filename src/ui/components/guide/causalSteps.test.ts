import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { causalSteps } from './causalSteps';

const num = (x: number) => x.toLocaleString('en-US');

describe("the guide's Causal step on the analyst's data", () => {
  it('describes a rating log without exposures or purchases, and promises no shop', () => {
    const lines = causalSteps({ kind: 'rating', users: 943, exposures: 0, purchases: 0 }, num);
    expect(lines.map((l) => l.key)).toEqual(['guide.causal.mine.rating', 'guide.causal.mine.noShop', 'guide.causal.mine.noTruth']);
    const en = lines.map((l) => translate('en', l.key, l.vars)).join(' ');
    expect(en).toContain('A rating log: one row per user (943 rows)');
    expect(en).toContain('rating_mean, is split at a threshold');
    expect(en).not.toMatch(/simulated shop the true effect is known/);
    const zh = lines.map((l) => translate('zh', l.key, l.vars)).join(' ');
    expect(zh).toContain('评分日志：每个用户一行（共 943 行）');
  });

  it('says which half of the shop question a funnel log can answer', () => {
    const purchasesOnly = causalSteps({ kind: 'funnel', users: 1200, exposures: 0, purchases: 35 }, num);
    expect(purchasesOnly[1]).toEqual({ key: 'guide.causal.mine.noExposures', vars: { purchases: '35' } });
    const both = causalSteps({ kind: 'demo', users: 500, exposures: 4000, purchases: 90 }, num);
    expect(both.map((l) => l.key)).toEqual(['guide.causal.mine.demo', 'guide.causal.mine.noTruth']);
    const exposuresOnly = causalSteps({ kind: 'interaction', users: 10, exposures: 7, purchases: 0 }, num);
    expect(translate('en', exposuresOnly[1].key, exposuresOnly[1].vars)).toBe(
      'No purchase events (7 exposures): effects of exposure can be estimated, but not on purchases.',
    );
  });
});

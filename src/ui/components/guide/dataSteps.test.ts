import { describe, expect, it } from 'vitest';
import { dataSteps, type DataFacts } from './dataSteps';
import { translate } from '../../i18n';

const ml100k: DataFacts = {
  events: 100000,
  users: 943,
  items: 1682,
  valued: 100000,
  timeRange: ['Sep 20, 1997', 'Apr 22, 1998'],
  exposures: 0,
  purchases: 0,
  purchasers: 0,
  titled: 1682,
  sequenceModels: ['sasrec', 'bert4rec'],
  testableUsers: 943,
  historyMedian: 65,
};
const num = (x: number) => x.toLocaleString('en-US');
const text = (f: DataFacts) => dataSteps(f, num).map((l) => translate('en', l.key, l.vars));

describe('dataSteps', () => {
  it('on a rating log with time and titles, proposes rating and sequence models and says what is missing', () => {
    expect(text(ml100k)).toEqual([
      'Ratings or values on 100,000 events: mf-explicit is fitted to them; the ranking models use each rated event as an interaction.',
      'Timestamps from Sep 20, 1997 to Apr 22, 1998: the sequence models (sasrec, bert4rec) learn from the order of each history.',
      'No exposure events: debiasing by exposure propensity (mf-ips) and the uplift analysis need them.',
      'No purchase events: the funnel and the purchase effects in the Causal view need them.',
      '1,682 of 1,682 items have a catalog title: recommendations and explanations show it.',
      'Next: train item-kNN with defaults in step 2, the baseline every other model is compared with.',
    ]);
  });

  it('on a shop log with exposures and purchases but no values, time or catalog, says so from its counts', () => {
    const lines = dataSteps(
      { ...ml100k, valued: 0, timeRange: null, exposures: 1200, purchases: 35, purchasers: 20, titled: 0, sequenceModels: ['sasrec'] },
      num,
    );
    expect(lines.map((l) => l.key)).toEqual([
      'guide.data.mine.noRatings',
      'guide.data.mine.noTime',
      'guide.data.mine.exposures',
      'guide.data.mine.purchases',
      'guide.data.mine.next',
    ]);
    expect(lines[3].vars).toEqual({ n: '35', users: '20' });
    expect(translate('zh', lines[2].key, lines[2].vars)).toBe('1,200 个曝光事件：mf-ips 和去偏设置可以按曝光倾向加权。');
  });

  it("says how few users leave-one-out tests when under half have three distinct items (Taobao's sample of 2 h 10 min)", () => {
    const taobao = { ...ml100k, users: 66454, testableUsers: 9698, historyMedian: 1 };
    const lines = dataSteps(taobao, num);
    const few = lines.find((l) => l.key === 'guide.data.mine.fewTestable')!;
    expect(translate('en', few.key, few.vars)).toBe(
      'Only 9,698 of 66,454 users (15%) have three or more distinct items (median events per user: 1): leave-one-out evaluation tests only those users (one item held out, one to validate, the rest to learn from).',
    );
    expect(lines.at(-1)!.key).toBe('guide.data.mine.next');
    // At half or more, nothing is said.
    expect(dataSteps({ ...taobao, testableUsers: 33227 }, num).some((l) => l.key === 'guide.data.mine.fewTestable')).toBe(false);
  });

  it('has every line in both languages with no placeholder left unfilled', () => {
    for (const l of dataSteps({ ...ml100k, testableUsers: 10 }, num))
      for (const lang of ['en', 'zh'] as const) expect(translate(lang, l.key, l.vars)).not.toMatch(/\{\w+\}/);
  });
});

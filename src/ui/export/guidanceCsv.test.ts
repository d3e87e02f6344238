import { describe, expect, it } from 'vitest';
import type { GuidanceRow } from '../../rec/guidance/guidance';
import { guidanceCsv } from './guidanceCsv';

const rows: GuidanceRow[] = [
  {
    user: 0,
    buyProbability: 0.25,
    items: [
      { item: 0, score: 2.5, uplift: 0.01 },
      { item: 1, score: -1, uplift: null },
    ],
    reason: { feature: 'log1p(cart count)', kind: 'count', eventType: 'cart', value: 3, contribution: 0.5, historyLength: 9 },
  },
  { user: 1, buyProbability: null, items: [], reason: null },
];

describe('guidanceCsv', () => {
  it('writes one line per user and item, numbers as numbers, and defuses formula-like text', () => {
    const csv = guidanceCsv({
      model: 'itemknn',
      rows,
      userId: (u) => ['=HYPERLINK("x")', 'u2'][u],
      itemId: (i) => ['i1', 'i2'][i],
      title: (i) => ['+Tea, green', 'Oats'][i],
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'user,model,buy_probability,rank,item_id,title,score,uplift,reason_en,reason_zh,reason_feature,reason_value,reason_contribution',
    );
    expect(lines[1]).toBe(
      `"'=HYPERLINK(""x"")",itemknn,0.25,1,i1,"'+Tea, green",2.5,0.01,` +
        'cart events in their history: 3 (raises the predicted buy probability: +0.50 log-odds against a user at the training average),' +
        '历史中的加购事件数：3（提高预测购买概率：相对处于训练平均值的用户，对数几率 +0.50）,log1p(cart count),3,0.5',
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",itemknn,0.25,2,i2,Oats,-1,,/);
    // A user without items or figures keeps one line with empty cells.
    expect(lines[3]).toBe('u2,itemknn,,,,,,,,,,,');
    expect(lines).toHaveLength(5);
  });
});

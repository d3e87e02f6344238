import { describe, expect, it } from 'vitest';
import type { GuidanceReason } from '../../../rec/guidance/buyPredictor';
import { reasonFigure, reasonSentence } from './guidanceText';

const r = (over: Partial<GuidanceReason>): GuidanceReason => ({
  feature: 'f',
  kind: 'count',
  eventType: 'cart',
  value: 3,
  contribution: 0.836,
  historyLength: 20,
  ...over,
});

describe('guidance reasons in the UI languages', () => {
  it('states the figure, with the event type in the UI language', () => {
    expect(reasonFigure(r({}), 'en')).toBe('cart events in their history: 3');
    expect(reasonFigure(r({}), 'zh')).toBe('历史中的加购事件数：3');
    expect(reasonFigure(r({ kind: 'since', value: 21 }), 'en')).toBe('no cart event in their history');
    expect(reasonFigure(r({ kind: 'since', value: 2 }), 'en')).toBe('events since their last cart: 2');
    expect(reasonFigure(r({ kind: 'last', value: 0, eventType: 'purchase' }), 'zh')).toBe('最近一次事件不是购买');
    expect(reasonFigure(r({ kind: 'gap', eventType: null, value: 2.345 }), 'en')).toBe('days between their last two events: 2.3');
    expect(reasonFigure(r({ kind: 'span', eventType: null, value: 41.6 }), 'en')).toBe('days their history spans: 42');
  });

  it('gives the direction and the log-odds from the contribution’s sign and size', () => {
    expect(reasonSentence(r({}), 'en')).toBe(
      'cart events in their history: 3 (raises the predicted buy probability: +0.84 log-odds against a user at the training average)',
    );
    expect(reasonSentence(r({ contribution: -1.2 }), 'zh')).toBe(
      '历史中的加购事件数：3（降低预测购买概率：相对处于训练平均值的用户，对数几率 −1.20）',
    );
  });
});

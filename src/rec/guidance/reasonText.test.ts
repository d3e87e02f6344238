import { describe, expect, it } from 'vitest';
import type { GuidanceReason } from './buyPredictor';
import { reasonFigure, reasonText } from './reasonText';

const r = (over: Partial<GuidanceReason>): GuidanceReason => ({
  feature: 'f',
  kind: 'count',
  eventType: 'cart',
  value: 3,
  contribution: 0.5,
  historyLength: 20,
  ...over,
});

describe('reasonText', () => {
  it('states the figure of each kind', () => {
    expect(reasonFigure(r({}))).toBe('3 cart events in their history');
    expect(reasonFigure(r({ value: 1 }))).toBe('1 cart event in their history');
    expect(reasonFigure(r({ kind: 'since', value: 21 }))).toBe('no cart event in their history');
    expect(reasonFigure(r({ kind: 'since', value: 0 }))).toBe('their latest event is a cart');
    expect(reasonFigure(r({ kind: 'since', value: 4 }))).toBe('their last cart was 4 events before their latest');
    expect(reasonFigure(r({ kind: 'length', eventType: null, value: 20 }))).toBe('20 events in their history');
    expect(reasonFigure(r({ kind: 'distinct', eventType: null, value: 1 }))).toBe('1 distinct item in their history');
    expect(reasonFigure(r({ kind: 'last', value: 0 }))).toBe('their latest event is not a cart');
    expect(reasonFigure(r({ kind: 'gap', eventType: null, value: 2.345 }))).toBe('2.3 days between their last two events');
    expect(reasonFigure(r({ kind: 'span', eventType: null, value: 41.6 }))).toBe('their history spans 42 days');
  });

  it('says which way the figure moves the prediction, and by how much on the log-odds scale', () => {
    expect(reasonText(r({ contribution: 0.836 }))).toBe(
      '3 cart events in their history (raises the predicted buy probability: +0.84 log-odds against a user at the training average)',
    );
    expect(reasonText(r({ contribution: -1.2 }))).toContain('(lowers the predicted buy probability: −1.20 log-odds');
  });
});

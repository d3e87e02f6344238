import { describe, expect, it } from 'vitest';
import { deriveTimeOrder, stageOf, tiersToText, timeOrderViolations } from './timeOrder';

describe('time order', () => {
  it('puts activity first, then the funnel exposure → view → click → cart → purchase', () => {
    const names = ['purchased', 'clicks', 'sessions', 'carts', 'views', 'exposed', 'recencyDays'];
    expect(deriveTimeOrder(names, true)).toEqual([['sessions'], ['exposed'], ['views'], ['clicks'], ['carts'], ['purchased']]);
    // Per-type counts join their stage; a variable with no stage (recency) is left unconstrained.
    expect(deriveTimeOrder(['n_purchase', 'priorSessions', 'n_view', 'views', 'recencyDays'], true)).toEqual([
      ['priorSessions'],
      ['n_view', 'views'],
      ['n_purchase'],
    ]);
    expect(stageOf('recencyDays')).toBeUndefined();
    // Taobao's funnel: a favourite shares the cart's tier.
    expect(deriveTimeOrder(['sessions', 'n_view', 'n_fav', 'n_cart', 'n_purchase'], true)).toEqual([
      ['sessions'],
      ['n_view'],
      ['n_fav', 'n_cart'],
      ['n_purchase'],
    ]);
  });

  it('gives nothing without times, or with fewer than two tiers', () => {
    expect(deriveTimeOrder(['sessions', 'purchased'], false)).toBeNull();
    expect(deriveTimeOrder(['views', 'recencyDays'], true)).toBeNull();
  });

  it('flags exactly the edges that point back to an earlier tier', () => {
    const tiers = [['sessions'], ['exposed'], ['views', 'clicks'], ['purchased']];
    const edges = [
      { from: 'purchased', to: 'sessions' },
      { from: 'sessions', to: 'purchased' },
      { from: 'clicks', to: 'views' },
      { from: 'clicks', to: 'exposed' },
      { from: 'recencyDays', to: 'sessions' },
    ];
    expect(timeOrderViolations(edges, tiers)).toEqual([
      { from: 'purchased', to: 'sessions', fromTier: 3, toTier: 0 },
      { from: 'clicks', to: 'exposed', fromTier: 2, toTier: 1 },
    ]);
    expect(timeOrderViolations(edges, null)).toEqual([]);
  });

  it('writes tiers as the form text, one per line', () => {
    expect(tiersToText([['sessions'], ['views', 'clicks']])).toBe('sessions\nviews, clicks');
    expect(tiersToText(null)).toBe('');
  });
});

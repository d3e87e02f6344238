// Plain-language reasons: drivers and shares come from the numbers; English and Chinese phrasing.
import { describe, expect, it } from 'vitest';
import { normaliseEventType, pickDrivers, reasonText } from './reasons';

const titles = ['Fargo', 'Heat', 'Se7en', 'Toy Story', 'Alien'];
const cats = ['Crime', 'Crime', 'Crime', 'Animation', 'Sci-Fi'];
const ctx = { title: (i: number) => titles[i], category: (i: number) => cats[i], noun: { en: 'films', zhMeasure: '部', zh: '电影' } };

describe('reasons', () => {
  // history: Toy Story (view), Heat (view), Fargo (purchase), Se7en (view), Alien (view)
  const history = [3, 1, 0, 2, 4];
  const types = ['view', 'view', 'purchase', 'view', 'view'];
  const values = [-0.5, 1.0, 1.2, 0.9, 0.6];

  it('names the top event and groups same-type same-category drivers, with the share from the values', () => {
    const r = reasonText(values, history, types, ctx, 'en');
    // Positive mass 3.7; Fargo + Heat = 2.2 is under 60%, so Se7en joins: 3.1 / 3.7 → 84%.
    expect(r.drivers).toEqual([2, 1, 3]);
    expect(r.share).toBeCloseTo(3.1 / 3.7, 12);
    expect(r.text).toBe('Recommended mainly because you bought Fargo and viewed two crime films: 84% of the positive attribution.');
  });

  it('says the same in Simplified Chinese', () => {
    const r = reasonText(values, history, types, ctx, 'zh');
    expect(r.text).toBe('推荐的主要原因是您购买了「Fargo」并浏览了两部Crime电影：占正向归因的 84%。');
  });

  it('names single events when nothing groups, and handles no positive attribution', () => {
    const r = reasonText([0.1, 2, 0, 0, 1.5], history, ['view', 'cart', 'view', 'click', 'pv'], { title: (i) => titles[i] }, 'en');
    expect(r.text).toBe('Recommended mainly because you added Heat to your cart and viewed Alien: 97% of the positive attribution.');
    expect(reasonText([-1, 0, 0, 0, 0], history, undefined, ctx, 'en').share).toBe(0);
    expect(reasonText([-1, 0, 0, 0, 0], history, undefined, ctx, 'zh').text).toMatch(/没有哪条历史行为/);
  });

  it('merges clauses that share a verb', () => {
    const r = reasonText([0, 0.25, 0.3, 0.25, 0.2], history, ['view', 'view', 'view', 'view', 'view'], ctx, 'en');
    expect(r.text).toBe('Recommended mainly because you viewed Fargo and two crime films: 80% of the positive attribution.');
    expect(reasonText([0, 0.25, 0.3, 0.25, 0.2], history, ['view', 'view', 'view', 'view', 'view'], ctx, 'zh').text).toBe(
      '推荐的主要原因是您浏览了「Fargo」和两部Crime电影：占正向归因的 80%。',
    );
  });

  it('picks drivers up to the coverage', () => {
    expect(pickDrivers([1, 1, 1, 1, 1, 1], 0.6, 4).drivers).toEqual([5, 4, 3, 2]);
    expect(pickDrivers([10, 1, 0], 0.6).drivers).toEqual([0]);
    expect(normaliseEventType('BUY')).toBe('purchase');
    expect(normaliseEventType('something')).toBe('other');
  });

  it('an event type named like an Object.prototype member ("constructor", "toString", "__proto__") reads as "interacted with"', () => {
    for (const t of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(normaliseEventType(t)).toBe('other');
      expect(reasonText([1, 0, 0, 0, 0], history, [t, 'view', 'view', 'view', 'view'], { title: (i) => titles[i] }, 'en').text).toBe(
        'Recommended mainly because you interacted with Toy Story: 100% of the positive attribution.',
      );
    }
  });
});

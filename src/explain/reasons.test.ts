// Plain-language reasons: which events are named, "mainly" vs "partly", events against, noise and unreliable
// attributions, each from hand-computed values; English and Chinese phrasing.
import { describe, expect, it } from 'vitest';
import { noiseThreshold, normaliseEventType, pickDrivers, reasonText } from './reasons';

const titles = ['Fargo', 'Heat', 'Se7en', 'Toy Story', 'Alien'];
const ctx = { title: (i: number) => titles[i] ?? `item ${i}` };

// history: Toy Story, Heat, Fargo, Se7en, Alien — all rated.
const history = [3, 1, 0, 2, 4];
const rated = { types: ['rating', 'rating', 'rating', 'rating', 'rating'], ratings: [2, 5, 4, 3, 4] };

describe('reasons', () => {
  it('says "mainly" when the events named for the item carry half of the total absolute attribution, with ratings and events against', () => {
    // |a| total 4.2, noise 5% of 1.2 = 0.06. For: Fargo 1.2 (29%), then Heat 1.0 → 2.2/4.2 = 52% ≥ 50%: stop.
    // Against: Toy Story −0.5. Named 2.7/4.2 = 64%.
    const values = [-0.5, 1.0, 1.2, 0.9, 0.6];
    const r = reasonText(values, history, rated, ctx, 'en');
    expect(r.events).toEqual([2, 1, 0]);
    expect(r.strength).toBe('mainly');
    expect(r.share).toBeCloseTo(2.7 / 4.2, 12);
    expect(r.noise).toBeCloseTo(0.06, 12);
    expect(r.text).toBe(
      'Recommended mainly because you rated Fargo 4★ and Heat 5★. Your 2★ rating of Toy Story counted against it. ' +
        'Those two events carry 52% of the total absolute attribution; the one against it, 12%.',
    );
    expect(reasonText(values, history, rated, ctx, 'zh').text).toBe(
      '推荐的主要原因是您评价了「Fargo」（4 星）和「Heat」（5 星）。您对「Toy Story」的 2 星评分则拉低了它。这两条行为占总绝对归因的 52%；拉低它的那条占 12%。',
    );
  });

  it('never says "mainly" when the top event carries 30% and the rest is spread thin', () => {
    // 11 events: 0.3 on the first, 0.07 on each of the other ten (total 1.0). At most three are named: 0.3 + 0.07 + 0.07.
    const values = [0.3, ...Array<number>(10).fill(0.07)];
    const h = Array.from({ length: 11 }, (_, k) => 10 + k);
    for (const lang of ['en', 'zh'] as const) {
      const r = reasonText(values, h, { types: Array<string>(11).fill('view') }, ctx, lang);
      expect(r.strength).toBe('partly');
      expect(r.events).toEqual([0, 10, 9]);
      expect(r.share).toBeCloseTo(0.44, 12);
      expect(r.text).not.toMatch(/mainly|主要/);
    }
    expect(reasonText(values, h, {}, ctx, 'en').text).toBe(
      'Recommended partly because you interacted with item 10, item 20 and item 19, among others. Those three events carry 44% of the total absolute attribution.',
    );
    expect(reasonText(values, h, {}, ctx, 'zh').text).toBe(
      '推荐的部分原因是您关注过「item 10」、「item 20」和「item 19」，此外还有其他因素。这三条行为占总绝对归因的 44%。',
    );
  });

  it('names no event within noise: under 5% of the largest, under the IG completeness gap, or under the float floor', () => {
    // The largest is 1.0: noise 0.05. 0.03 and −0.04 are noise; 0.02 and 0.001 too.
    const values = [0.001, 0.02, 1.0, -0.04, 0.03];
    const r = reasonText(values, history, rated, ctx, 'en');
    expect(r.events).toEqual([2]);
    for (const k of r.events) expect(Math.abs(values[k])).toBeGreaterThanOrEqual(r.noise);
    expect(r.text).toBe('Recommended mainly because you rated Fargo 4★. That event carries 92% of the total absolute attribution.');
    // A completeness gap above every value silences them all.
    const gapped = reasonText(values, history, rated, ctx, 'en', { completenessGap: 1.5 });
    expect(gapped.noise).toBe(1.5);
    expect(gapped.events).toEqual([]);
    expect(gapped.share).toBe(0);
    expect(gapped.text).toMatch(/^No past event clearly pushes this recommendation up/);
    expect(reasonText(values, history, rated, ctx, 'zh', { completenessGap: 1.5 }).text).toMatch(/^没有哪条历史行为明显推高了这条推荐/);
    // Float-level values (user 19 on ml-100k: everything ~1e-5 but the last event) are never ranked.
    expect(reasonText([1e-9, 2e-9, 0, 0, 0], history, rated, ctx, 'en', { floor: 1e-6 }).events).toEqual([]);
    expect(noiseThreshold([0, 0, 0])).toBe(0);
    expect(reasonText([0, 0, 0, 0, 0], history, rated, ctx, 'en').events).toEqual([]);
  });

  it('names an event that pushed the item down as counting against it, with its type', () => {
    const r = reasonText([-1, 0, 0, 0, 0.01], history, { types: ['view', 'view', 'view', 'view', 'view'] }, ctx, 'en');
    expect(r.events).toEqual([0]);
    expect(r.strength).toBe('partly');
    expect(r.text).toBe(
      'No past event clearly pushes this recommendation up (none stands out from the noise); it rests on many small influences, overall ' +
        'popularity or the model’s own bias. Your view of Toy Story counted against it. That event carries 99% of the total absolute attribution.',
    );
    expect(reasonText([-1, 0, 0, 0, 0.01], history, { types: ['purchase'] }, ctx, 'zh').text).toContain('您购买「Toy Story」则拉低了它。');
  });

  it('says the explanation is unreliable when deletion is no better than random for this item', () => {
    const values = [-0.5, 1.0, 1.2, 0.9, 0.6];
    for (const f of [
      { deletionAUC: 0.61, randomDeletionAUC: 0.55 },
      { deletionAUC: 0.5, randomDeletionAUC: 0.5 },
    ]) {
      const r = reasonText(values, history, rated, ctx, 'en', { faithfulness: f });
      expect(r.strength).toBe('unreliable');
      expect(r.text).toMatch(/^This explanation is unreliable for this item/);
      expect(r.text).not.toMatch(/mainly/);
      expect(reasonText(values, history, rated, ctx, 'zh', { faithfulness: f }).text).toMatch(/^这条解释对该推荐不可靠/);
    }
    const r = reasonText(values, history, rated, ctx, 'en', { faithfulness: { deletionAUC: 0.61, randomDeletionAUC: 0.55 } });
    expect(r.text).toBe(
      'This explanation is unreliable for this item: removing the events it ranks highest lowers the score no faster than removing events at ' +
        'random (deletion AUC 0.61, random 0.55). Its largest attributions: you rated Fargo 4★ and Heat 5★. Your 2★ rating of Toy Story ' +
        'counted against it. Those two events carry 52% of the total absolute attribution; the one against it, 12%.',
    );
    // Degenerate curves (the empty history scores the item as the full one does): unreliable, said so.
    const flat = { deletionAUC: NaN, randomDeletionAUC: NaN, degenerate: true };
    const fr = reasonText(values, history, rated, ctx, 'en', { faithfulness: flat });
    expect(fr.strength).toBe('unreliable');
    expect(fr.text).toMatch(/^This explanation is unreliable for this item: the item scores the same with no history/);
    expect(reasonText(values, history, rated, ctx, 'zh', { faithfulness: flat }).text).toMatch(/^这条解释对该推荐不可靠：没有任何历史时/);
    // Better than random (lower deletion AUC) keeps the plain reason; NaN figures without the flag decide nothing.
    expect(reasonText(values, history, rated, ctx, 'en', { faithfulness: { deletionAUC: 0.3, randomDeletionAUC: 0.55 } }).strength).toBe(
      'mainly',
    );
    expect(reasonText(values, history, rated, ctx, 'en', { faithfulness: { deletionAUC: NaN, randomDeletionAUC: 0.55 } }).strength).toBe(
      'mainly',
    );
  });

  it('names an item that several of the named events share once, with its count', () => {
    // history: Toy Story, Heat, Heat, Heat, Alien, all views. Total 2.8: the three Heat views of 0.6 (newest first on
    // the tie) reach 1.2 (43%), then 1.8 (64%).
    const views = { types: ['view', 'view', 'view', 'view', 'view'] };
    const r = reasonText([0.5, 0.6, 0.6, 0.6, 0.5], [3, 1, 1, 1, 4], views, ctx, 'en');
    expect(r.events).toEqual([3, 2, 1]);
    expect(r.text).toBe(
      'Recommended mainly because you viewed Heat (3 times). Those three events carry 64% of the total absolute attribution.',
    );
    // history: Toy Story, Heat, Heat, Se7en, Alien. Total 3.35: Heat 0.8 (24%), Alien 0.75 (46%), Heat 0.7 (67%).
    const values = [0.6, 0.7, 0.8, 0.5, 0.75];
    const mixed = reasonText(values, [3, 1, 1, 2, 4], views, ctx, 'en');
    expect(mixed.events).toEqual([2, 4, 1]);
    expect(mixed.text).toBe(
      'Recommended mainly because you viewed Heat (twice) and Alien. Those three events carry 67% of the total absolute attribution.',
    );
    expect(reasonText(values, [3, 1, 1, 2, 4], views, ctx, 'zh').text).toBe(
      '推荐的主要原因是您浏览了「Heat」（2 次）和「Alien」。这三条行为占总绝对归因的 67%。',
    );
  });

  it('merges clauses that share a verb and names each event (no rating without a rating event)', () => {
    const types = ['view', 'cart', 'view', 'click', 'pv'];
    const r = reasonText([0.1, 2, 0, 0, 1.5], history, { types, ratings: [1, 2, 3, 4, 5] }, ctx, 'en');
    // Total 3.6: Heat 2 (56%) is enough alone.
    expect(r.text).toBe(
      'Recommended mainly because you added Heat to your cart. That event carries 56% of the total absolute attribution.',
    );
    const both = reasonText([0.1, 1, 0, 0, 1], history, { types }, ctx, 'en');
    // Total 2.1: Alien 1 (newer first on a tie), then Heat 1 → 95%.
    expect(both.text).toBe(
      'Recommended mainly because you viewed Alien and added Heat to your cart. Those two events carry 95% of the total absolute attribution.',
    );
    expect(reasonText([0, 0.25, 0.3, 0.25, 0.2], history, { types: ['view', 'view', 'view', 'view', 'view'] }, ctx, 'zh').text).toBe(
      '推荐的主要原因是您浏览了「Fargo」和「Se7en」。这两条行为占总绝对归因的 55%。',
    );
  });

  it('picks drivers for the item until half the total absolute attribution, at most three', () => {
    expect(pickDrivers([1, 1, 1, 1, 1, 1]).up).toEqual([5, 4, 3]);
    expect(pickDrivers([10, 1, 0]).up).toEqual([0]);
    expect(pickDrivers([1, -3, 1]).down).toEqual([1]);
    expect(normaliseEventType('BUY')).toBe('purchase');
    expect(normaliseEventType('something')).toBe('other');
  });

  it('an event type named like an Object.prototype member ("constructor", "toString", "__proto__") reads as "interacted with"', () => {
    for (const t of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(normaliseEventType(t)).toBe('other');
      expect(reasonText([1, 0, 0, 0, 0], history, { types: [t, 'view', 'view', 'view', 'view'] }, ctx, 'en').text).toBe(
        'Recommended mainly because you interacted with Toy Story. That event carries 100% of the total absolute attribution.',
      );
    }
  });
});

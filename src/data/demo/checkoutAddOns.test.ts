import { describe, expect, it } from 'vitest';
import { ADDON_LIFT, ADDON_RATE, incrementalPurchases, promptedProbability, unpromptedRate, type ItemAttributes } from './checkoutAddOns';
import { simulateDemo } from './simulate';
import { attributesOf, shopperOf } from './upliftTruth';

// Two categories; items 0, 1 in category 0 (popularity 0.8 / 0.2), item 2 alone in category 1.
const items: ItemAttributes = {
  popularity: Float64Array.of(0.8, 0.2, 1),
  gap: Float64Array.of(0, 0.75, 0),
  category: Int32Array.of(0, 0, 1),
};
const user = { shares: [0.6, 0.4], persuadability: 1.5 };

describe('checkout add-ons', () => {
  it('computes τ and the unprompted rate by the documented equations', () => {
    // τ = ADDON_LIFT · κ · share · gap = 0.3 · 1.5 · 0.6 · 0.75 = 0.2025; the bestseller (gap 0) gains nothing.
    expect(promptedProbability(user, items, 1)).toBeCloseTo(ADDON_LIFT * 1.5 * 0.6 * 0.75, 12);
    expect(promptedProbability(user, items, 0)).toBe(0);
    // Unprompted: ADDON_RATE · share · popularity = 0.3 · 0.6 · 0.8 = 0.144.
    expect(unpromptedRate(user, items, 0)).toBeCloseTo(ADDON_RATE * 0.6 * 0.8, 12);
  });

  it('counts incremental purchases of a slate from both potential outcomes, by hand', () => {
    const b0 = 0.3 * 0.6 * 0.8;
    const b1 = 0.3 * 0.6 * 0.2;
    const tau1 = 0.3 * 1.5 * 0.6 * 0.75;
    // A complier (buys only when shown recommendations) gets every expected purchase of the slate's items.
    expect(incrementalPurchases(user, items, [0, 1], 1, 0)).toBeCloseTo(b0 + b1 + tau1, 12);
    // An always-buyer only gains what the recommendation prompts: the bestseller adds nothing.
    expect(incrementalPurchases(user, items, [0], 1, 1)).toBeCloseTo(0, 12);
    expect(incrementalPurchases(user, items, [0, 1], 1, 1)).toBeCloseTo(tau1, 12);
    // Nobody who never checks out gains anything.
    expect(incrementalPurchases(user, items, [0, 1, 2], 0, 0)).toBe(0);
  });

  it('the simulated log buys shown items at the rate the exported truth says', () => {
    const demo = simulateDemo({ users: 3000 });
    const truth = demo.truth.uplift!;
    // Per purchaser: items shown before the checkout, and purchases of them after it opened.
    let expected = 0;
    let variance = 0;
    let observed = 0;
    const byUser = new Map<string, typeof demo.events>();
    for (const e of demo.events) byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
    const attributes = attributesOf(truth);
    byUser.forEach((events, id) => {
      const checkout = events.findIndex((e) => e.event === 'purchase');
      if (checkout < 0) return;
      const shopper = shopperOf(truth, truth.users.ids.indexOf(id));
      const shown = new Set(
        events
          .slice(0, checkout)
          .filter((e) => e.event === 'exposure')
          .map((e) => e.item),
      );
      for (const item of shown) {
        const i = truth.items.ids.indexOf(item);
        const rate = promptedProbability(shopper, attributes, i) + unpromptedRate(shopper, attributes, i);
        expected += rate;
        variance += rate * (1 - Math.min(rate, 1));
        // After the checkout's first purchase (the carted item): the add-ons.
        observed += events.slice(checkout + 1).filter((e) => e.event === 'purchase' && e.item === item).length;
      }
    });
    expect(expected).toBeGreaterThan(100);
    // Counts of rare events: Poisson-like spread; 4 sd is a loose but real check (a wrong τ would be off by far more).
    expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(variance) + 5);
  });
});

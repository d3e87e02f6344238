import { describe, expect, it } from 'vitest';
import { aggregateUsers } from './aggregates';
import { demoEventLog } from './index';
import { DEMO_START, simulateDemo, validateDemoOptions } from './simulate';

const demo = simulateDemo();

describe('simulateDemo', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = simulateDemo({ seed: 5, users: 200 });
    expect(simulateDemo({ seed: 5, users: 200 })).toEqual(a);
    const b = simulateDemo({ seed: 6, users: 200 });
    expect(b.events).not.toEqual(a.events);
    expect(b.items).not.toEqual(a.items);
    expect(b.truth.effects['exposed->purchased'].ate).not.toBe(a.truth.effects['exposed->purchased'].ate);
  });

  it('has the default size', () => {
    expect(demo.perUser).toHaveLength(3000);
    expect(demo.items).toHaveLength(300);
  });

  it('reproduces every SCM value exactly from the events', () => {
    const agg = aggregateUsers(demo.events);
    expect(agg.size).toBe(3000);
    demo.perUser.forEach((v, u) => expect(agg.get(`u${u + 1}`)).toEqual(v));
  });

  it('keeps the funnel monotone per user and never buys without a cart', () => {
    for (const v of demo.perUser) {
      expect(v.views).toBeGreaterThanOrEqual(v.clicks);
      expect(v.clicks).toBeGreaterThanOrEqual(v.carts);
      expect(v.carts).toBeGreaterThanOrEqual(v.purchased);
      expect(v.views).toBeGreaterThanOrEqual(v.sessions);
    }
  });

  it('uses only catalog items, the five event labels and the 30-day window', () => {
    // Offending events are collected rather than asserted one by one: 80k expect() calls take seconds.
    const ids = new Set(demo.items.map((x) => x.id));
    const labels = new Set(demo.events.map((e) => e.event));
    expect([...labels].sort()).toEqual(['cart', 'click', 'exposure', 'purchase', 'view']);
    const bad = demo.events.filter(
      (e) =>
        !ids.has(e.item) ||
        !Number.isInteger(e.time) ||
        e.time < DEMO_START ||
        e.time >= DEMO_START + 31 * 86_400 ||
        !e.session?.startsWith(`${e.user}-s`),
    );
    expect(bad).toEqual([]);
  });

  it('orders each user in time, sessions one after another, clicks after views of the same item', () => {
    const problems: string[] = [];
    const carted = new Set<string>();
    const sessionsDone = new Set<string>();
    demo.events.forEach((e, k) => {
      const prev = k > 0 && demo.events[k - 1].user === e.user ? demo.events[k - 1] : undefined;
      if (!prev) carted.clear();
      if (prev && e.time <= prev.time) problems.push(`time not increasing at ${k}`);
      if (prev && prev.session !== e.session) sessionsDone.add(prev.session!);
      if (sessionsDone.has(e.session!)) problems.push(`session ${e.session} resumes at ${k}`);
      if (e.event === 'click' && !(prev?.event === 'view' && prev.item === e.item)) problems.push(`click without view at ${k}`);
      if (e.event === 'cart' && !(prev?.event === 'click' && prev.item === e.item)) problems.push(`cart without click at ${k}`);
      if (e.event === 'cart') carted.add(e.item);
      // A checkout opens with a carted item; add-ons (checkoutAddOns.ts) follow it straight away in the same session.
      const addOn = prev?.event === 'purchase' && prev.session === e.session;
      if (e.event === 'purchase' && !addOn && !carted.has(e.item)) problems.push(`purchase of an uncarted item at ${k}`);
    });
    expect(problems).toEqual([]);
  });

  it('builds an EventLog with per-user sequences', () => {
    const log = demoEventLog(demo);
    expect(log.length).toBe(demo.events.length);
    expect(log.users).toHaveLength(3000);
    expect(log.hasTime).toBe(true);
  });

  it('gives views sequential structure a model can learn', () => {
    // Consecutive views within a session share a category far more often than independent draws would (≈ 0.1–0.2).
    const category = new Map(demo.items.map((x) => [x.id, x.category]));
    let same = 0;
    let pairs = 0;
    let prev: (typeof demo.events)[number] | undefined;
    for (const e of demo.events) {
      if (e.event !== 'view') continue;
      if (prev && prev.session === e.session) {
        pairs++;
        if (category.get(prev.item) === category.get(e.item)) same++;
      }
      prev = e;
    }
    // Seed 42: 0.72 of consecutive in-session views stay in the category.
    expect(same / pairs).toBeGreaterThan(0.5);
  });

  it('rejects sizes it cannot honour', () => {
    expect(validateDemoOptions({ users: 0 }).ok).toBe(false);
    expect(validateDemoOptions({ items: 5 }).ok).toBe(false);
    expect(validateDemoOptions({ seed: 1.5 }).ok).toBe(false);
    expect(validateDemoOptions({}).ok).toBe(true);
    expect(() => simulateDemo({ users: -1 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../../data/eventLogBuilder';
import { predictionTask, splitExamples } from '../../data/predictionTask';
import { createRng } from '../../lib/rng';
import { accuracy, rocAuc } from './classificationMetrics';
import { constantPredictions, logisticPredictions } from './baselines';
import { historyFeatures } from './historyFeatures';

/**
 * A planted rule: every user views, then carts once per event with probability ½, and a user buys right after their
 * history iff they carted in it. Buyers and non-buyers are equally common, so a constant guess learns nothing.
 */
function planted(users: number, seed: number) {
  const rng = createRng(seed);
  const b = new EventLogBuilder();
  for (let u = 0; u < users; u++) {
    const carts = rng.next() < 0.5;
    const add = (event: string, k: number) =>
      b.add({ user: `u${u}`, item: `i${(u + k) % 7}`, event, time: (u * 100 + k) * 3600, value: NaN });
    add('view', 0);
    if (carts) add('cart', 1);
    else add('view', 1);
    add(carts ? 'purchase' : 'view', 2);
  }
  return b.build();
}

describe('baselines on a planted task', () => {
  const log = planted(400, 5);
  // minHistory 2 with three events each: every history is the first two events, the label the third.
  const made = predictionTask(log, null, { target: 'buy', horizon: { events: 1 }, minHistory: 2, seed: 1 });
  if (!made.ok) throw new Error(made.reason);
  const task = made.data;
  const split = splitExamples(task.examples.length, 3, 0.25);
  const labels = split.test.map((i) => task.examples[i].label);
  const scored = (probabilities: Float32Array[]) => ({ probabilities, labels, classes: 2 });

  it('the logistic regression finds the rule', () => {
    const p = logisticPredictions(log, task, split);
    if (!p.ok) throw new Error(p.reason);
    expect(accuracy(scored(p.data))).toBe(1);
    expect(rocAuc(scored(p.data))).toBe(1);
  });

  it('the constant guess gives everyone the training shares: AUC ½, accuracy of the majority', () => {
    const p = constantPredictions(task, split);
    const buyers = split.train.filter((i) => task.examples[i].label === 1).length / split.train.length;
    expect(p[0][1]).toBeCloseTo(buyers, 6);
    expect(rocAuc(scored(p))).toBe(0.5);
    const majority = buyers >= 0.5 ? 1 : 0;
    expect(accuracy(scored(p))).toBeCloseTo(labels.filter((y) => y === majority).length / labels.length, 10);
  });
});

it('the softmax regression finds a planted three-class rule (next event type from the last one)', () => {
  // Each user: a view, then a view, click or cart (seeded), then the event the rule maps it to.
  const NEXT: Record<string, string> = { view: 'click', click: 'cart', cart: 'view' };
  const rng = createRng(9);
  const b = new EventLogBuilder();
  for (let u = 0; u < 300; u++) {
    const second = ['view', 'click', 'cart'][rng.int(3)];
    [0, 1, 2].forEach((k) =>
      b.add({
        user: `u${u}`,
        item: `i${k}`,
        event: k === 0 ? 'view' : k === 1 ? second : NEXT[second],
        time: (u * 10 + k) * 60,
        value: NaN,
      }),
    );
  }
  const log = b.build();
  const made = predictionTask(log, null, { target: 'next-event', minHistory: 2, seed: 1 });
  if (!made.ok) throw new Error(made.reason);
  const split = splitExamples(made.data.examples.length, 3, 0.25);
  const labels = split.test.map((i) => made.data.examples[i].label);
  const p = logisticPredictions(log, made.data, split);
  if (!p.ok) throw new Error(p.reason);
  expect(made.data.labelNames).toHaveLength(3);
  expect(accuracy({ probabilities: p.data, labels, classes: 3 })).toBe(1);
  expect(rocAuc({ probabilities: p.data, labels, classes: 3 })).toBe(1);
  const constant = constantPredictions(made.data, split);
  expect(rocAuc({ probabilities: constant, labels, classes: 3 })).toBe(0.5);
  expect(accuracy({ probabilities: constant, labels, classes: 3 })).toBeLessThan(0.5);
});

it('history features count, time and one-hot only the rows given', () => {
  const b = new EventLogBuilder();
  const DAY = 86_400;
  [
    ['a', 'view', 0],
    ['b', 'view', 1],
    ['a', 'cart', 3],
    ['a', 'purchase', 10],
  ].forEach(([item, event, day]) =>
    b.add({ user: 'u', item: item as string, event: event as string, time: (day as number) * DAY, value: NaN }),
  );
  const log = b.build();
  const rows = log.seqOrder.subarray(0, 3); // the purchase is past the cut
  const f = historyFeatures(log, [rows]);
  const at = (name: string) => f.data[f.names.indexOf(name)];
  expect(at('log1p(view count)')).toBeCloseTo(Math.log1p(2), 10);
  expect(at('log1p(purchase count)')).toBe(0);
  expect(at('log1p(events since last view)')).toBeCloseTo(Math.log1p(1), 10);
  expect(at('log1p(events since last purchase)')).toBeCloseTo(Math.log1p(4), 10);
  expect(at('log1p(distinct items)')).toBeCloseTo(Math.log1p(2), 10);
  expect(at('last event is cart')).toBe(1);
  expect(at('last event is view')).toBe(0);
  expect(at('log1p(days between the last two events)')).toBeCloseTo(Math.log1p(2), 10);
  expect(at('log1p(history span in days)')).toBeCloseTo(Math.log1p(3), 10);
});

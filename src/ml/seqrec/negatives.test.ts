// Training negatives: the draws follow the stated proposal, and the logQ correction makes the sampled softmax's
// partition estimate unbiased (the property that keeps mixed sampling from favouring unpopular items).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { accidentalHits } from './loss';
import { itemCounts, trainingNegatives } from './negatives';

describe('trainingNegatives', () => {
  it('without a popular share draws k distinct uniform items and no correction', () => {
    const s = trainingNegatives(50, 20, 0, new Float64Array(50).fill(1)).sample(createRng(3));
    expect(s.ids.length).toBe(20);
    expect(new Set(s.ids).size).toBe(20);
    expect(s.logQOf).toBeUndefined();
  });

  it('draws each item as often as its stated expected count k·q, and reports log(k·q)', () => {
    const counts = [0, 1, 3, 96, 0, 0, 0, 0];
    const neg = trainingNegatives(8, 6, 0.5, counts);
    // Expected draws per batch: 3 uniform over 8 items + 3 in proportion to the counts.
    const expected = counts.map((c) => 3 / 8 + (3 * c) / 100);
    const seen = new Array(8).fill(0);
    const rng = createRng(11);
    const batches = 20000;
    for (let b = 0; b < batches; b++) for (const i of neg.sample(rng).ids) seen[i]++;
    seen.forEach((n, i) => expect(Math.abs(n / batches - expected[i])).toBeLessThan(0.02));
    expect(Array.from(neg.sample(rng).logQOf!([0, 3]))).toEqual([Math.fround(Math.log(expected[0])), Math.fround(Math.log(expected[3]))]);
  });

  it('gives an unbiased partition estimate: mean of Σ exp(s − logQ) over draws ≈ Σ exp(s) over all items', () => {
    const n = 200;
    const rng = createRng(5);
    const counts = Float64Array.from({ length: n }, (_, i) => Math.floor(1000 / (i + 1))); // Zipf-like popularity
    const scores = Float64Array.from({ length: n }, (_, i) => 3 - 0.02 * i + 0.5 * rng.normal()); // popular items score high
    const exact = scores.reduce((z, s) => z + Math.exp(s), 0);
    const neg = trainingNegatives(n, 32, 0.75, counts);
    let sum = 0;
    const draws = 4000;
    for (let d = 0; d < draws; d++) {
      const { ids, logQOf } = neg.sample(rng);
      const logQ = logQOf!(ids);
      for (let j = 0; j < ids.length; j++) sum += Math.exp(scores[ids[j]] - logQ[j]);
    }
    expect(Math.abs(sum / draws / exact - 1)).toBeLessThan(0.02);
    // Without the correction the estimate is far off (popular items over-counted): the test can fail.
    let naive = 0;
    for (let d = 0; d < 200; d++) for (const i of neg.sample(rng).ids) naive += Math.exp(scores[i]) * (n / 32);
    expect(Math.abs(naive / 200 / exact - 1)).toBeGreaterThan(0.2);
  });

  it('never draws an item with zero count from the popularity part, and uses every item once when k ≥ the catalog', () => {
    const rng = createRng(2);
    const popularOnly = trainingNegatives(
      1000,
      100,
      1 - 1e-9,
      Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0 : 1)),
    );
    for (let b = 0; b < 20; b++) for (const i of popularOnly.sample(rng).ids) expect(i % 2).toBe(0);
    const all = trainingNegatives(10, 10, 0.5, new Float64Array(10).fill(1)).sample(rng);
    expect(Array.from(all.ids)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.logQOf).toBeUndefined();
  });

  it('counts every position of every sequence', () => {
    expect(Array.from(itemCounts(4, [{ items: [0, 2, 2] }, { items: [2, 3] }]))).toEqual([1, 0, 3, 1]);
  });
});

describe('accidentalHits', () => {
  it('lists every column where a row target was drawn, duplicates included', () => {
    expect(accidentalHits(Int32Array.from([7, 2, 9]), Int32Array.from([2, 7, 5, 7]))).toEqual([0, 1, 0, 3, 1, 0]);
  });
});

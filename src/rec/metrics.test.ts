import { describe, expect, it } from 'vitest';
import {
  averagePopularity,
  bootstrapCi,
  categorySimilarity,
  cooccurrenceSimilarity,
  coverage,
  embeddingSimilarity,
  gini,
  hitRate,
  intraListDiversity,
  mean,
  ndcg,
  novelty,
  precision,
  recall,
  reciprocalRank,
} from './metrics';

describe('accuracy metrics (single held-out item)', () => {
  const ranks = [1, 2, 11];
  it('HR, NDCG, MRR, precision, recall of a known ranking', () => {
    expect(mean(ranks.map((r) => hitRate(r, 10)))).toBeCloseTo(2 / 3, 12);
    expect(mean(ranks.map((r) => ndcg(r, 10)))).toBeCloseTo((1 + 1 / Math.log2(3)) / 3, 12);
    expect(ndcg(3, 10)).toBeCloseTo(0.5, 12);
    expect(mean(ranks.map(reciprocalRank))).toBeCloseTo((1 + 0.5 + 1 / 11) / 3, 12);
    expect(precision(2, 10)).toBe(0.1);
    expect(recall(11, 10)).toBe(0);
  });
});

describe('beyond-accuracy metrics', () => {
  it('coverage counts distinct recommended items over the catalog', () => {
    expect(
      coverage(
        [
          [0, 1],
          [1, 2],
        ],
        4,
      ),
    ).toBe(0.75);
    // An item in more than 255 lists is still one item (a byte counter would wrap around and count it again).
    expect(
      coverage(
        Array.from({ length: 300 }, () => [7]),
        10,
      ),
    ).toBe(0.1);
  });
  it('novelty is the mean self-information, unseen items counted as popularity 1', () => {
    // pop/users: item0 4/4 → 0 bits, item1 2/4 → 1 bit, item3 unseen → 1/4 → 2 bits.
    expect(novelty([[0, 1], [3]], [4, 2, 1, 0], 4)).toBeCloseTo(1, 12);
    expect(averagePopularity([[0, 1], [3]], [4, 2, 1, 0])).toBe(2);
  });
  it('Gini of recommendation counts on a tiny case', () => {
    // counts [3,1,0,0] sorted [0,0,1,3]: Σ(2i−n−1)x = 1·1 + 3·3 = 10; G = 10 / (4·4).
    expect(gini([[0, 1], [0], [0]], 4)).toBeCloseTo(0.625, 12);
    expect(gini([[0], [1], [2], [3]], 4)).toBe(0);
  });
  it('intra-list diversity from categories and from embeddings', () => {
    expect(intraListDiversity([0, 1, 2], categorySimilarity([0, 0, 1]))).toBeCloseTo(2 / 3, 12);
    const emb = new Float32Array([1, 0, 0, 1, 1, 1]);
    expect(intraListDiversity([0, 1, 2], embeddingSimilarity(emb, 2))).toBeCloseTo(1 - (2 * Math.SQRT1_2) / 3, 6);
    expect(intraListDiversity([0], categorySimilarity([0]))).toBe(0);
  });
  it('co-occurrence cosine of item user-columns', () => {
    const itemUsers = { offsets: new Uint32Array([0, 2, 5, 7]), items: new Int32Array([0, 2, 0, 1, 2, 1, 2]) };
    const sim = cooccurrenceSimilarity(itemUsers);
    expect(sim(0, 1)).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(sim(0, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('bootstrap CI', () => {
  const values = (n: number) => Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  it('contains the point estimate, is seeded, and narrows with more users', () => {
    const small = values(60);
    const ci = bootstrapCi(small, 7);
    expect(ci.lo).toBeLessThanOrEqual(mean(small));
    expect(ci.hi).toBeGreaterThanOrEqual(mean(small));
    expect(bootstrapCi(small, 7)).toEqual(ci);
    const big = bootstrapCi(values(2400), 7);
    expect(big.hi - big.lo).toBeLessThan((ci.hi - ci.lo) / 3);
  });
});

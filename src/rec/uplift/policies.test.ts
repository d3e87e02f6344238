// The uplift policy against the score policy on a tiny log whose true incremental purchases are worked out by hand.
import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../../data/eventLogBuilder';
import { upliftOracle, type UpliftTruth } from '../../data/demo/upliftTruth';
import type { Recommender } from '../recommender';
import { leaveOneOutSplit } from '../split';
import { comparePolicies } from './policies';
import { UPLIFT_DEFAULTS } from './tLearner';
import type { UpliftModel } from './upliftModel';
import { logFacts } from './upliftPairs';

// Two users; items a, b, c, d. u1 has viewed a and bought b (neither is recommended to u1 again); u2 has d.
function tinyLog() {
  const b = new EventLogBuilder();
  const add = (user: string, item: string, event: string, time: number) => b.add({ user, item, event, time, value: NaN });
  add('u1', 'a', 'exposure', 1);
  add('u1', 'a', 'view', 2);
  add('u1', 'b', 'purchase', 3);
  add('u2', 'c', 'exposure', 1);
  add('u2', 'd', 'view', 2);
  add('u2', 'd', 'purchase', 3);
  add('u2', 'd', 'view', 4);
  return b.build();
}

// Fixed scores: a > b > c > d for everybody (log item order is a, b, c, d by first appearance).
const fixedScores: Recommender = {
  name: 'fixed',
  backend: 'js',
  fit: () => undefined,
  scoreUsers: (batch) => {
    const out = new Float32Array(batch.users.length * 4);
    for (let r = 0; r < batch.users.length; r++) out.set([4, 3, 2, 1], r * 4);
    return out;
  },
  exportState: async () => ({ settings: {}, tensors: {} }),
  importState: () => undefined,
};

describe('comparePolicies', () => {
  it('scores both policies with the truth, by hand', async () => {
    const log = tinyLog();
    const split = leaveOneOutSplit(log);
    const facts = logFacts(log);
    if (!facts.ok) throw new Error(facts.reason);
    // Uplift model: treated logit = −popularity, control logit = 0 → τ̂ = σ(−popularity) − ½, highest for the least popular.
    const model: UpliftModel = {
      fit: {
        treated: [0, 0, -1, 0, 0],
        control: [0, 0, 0, 0, 0],
        boot: [],
        counts: { treatedPairs: 0, controlPairs: 0, treatedBought: 0, controlBought: 0 },
      },
      facts: facts.data,
      settings: { ...UPLIFT_DEFAULTS, candidates: 3 },
      users: 2,
      estimate: () => [],
    };
    // Popularity (distinct users, exposures excluded): a 1, b 1, c 0, d 1 → c has the highest estimated uplift.
    // Truth: one category; popularity q = (0.4, 0.3, 0.2, 0.1), gap g = (0, 0.25, 0.5, 0.75); shares = [1].
    const truth: UpliftTruth = {
      description: '',
      addOnRate: 0.3,
      addOnLift: 0.3,
      favouriteShares: [1],
      categories: ['all'],
      items: { ids: ['a', 'b', 'c', 'd'], category: [0, 0, 0, 0], popularity: [0.4, 0.3, 0.2, 0.1], gap: [0, 0.25, 0.5, 0.75] },
      users: { ids: ['u1', 'u2'], favourites: [[0], [0]], persuadability: [1, 2], purchasedIfShown: [1, 1], purchasedIfNotShown: [1, 0] },
    };
    const result = await comparePolicies(model, fixedScores, split, log, {
      k: [1],
      truth: upliftOracle(truth).incremental,
      seed: 1,
      samples: 50,
    });
    // Score policy, K = 1 (seen items excluded): u1 → c (a, b seen), u2 → a (d seen).
    //   u1 (buys either way): Δ = τ_c = 0.3 · κ 1 · share 1 · gap 0.5 = 0.15.
    //   u2 (buys only when shown recommendations): Δ = b_a + τ_a = 0.3 · 0.4 + 0 = 0.12.   Mean 0.135.
    // Uplift policy, K = 1: the top 3 unseen by score, re-ranked; the least popular candidate wins.
    //   u1: candidates c, d → popularity 0, 1 → c: Δ = 0.15.
    //   u2: candidates a, b, c → popularity 1, 1, 0 → c: Δ = b_c + τ_c = 0.3 · 0.2 + 0.3 · 2 · 0.5 = 0.36.   Mean 0.255.
    expect(result.policies.score.metrics['trueUplift@1']).toBeCloseTo(0.135, 12);
    expect(result.policies.uplift.metrics['trueUplift@1']).toBeCloseTo(0.255, 12);
    expect(result.paired['trueUplift@1'].difference).toBeCloseTo(0.255 - 0.135, 12);
    expect(result.paired['trueUplift@1'].ratio).toBeCloseTo(0.255 / 0.135, 12);
    // Estimated uplift (popularity feature log1p(users)): c has log1p(0) = 0 → τ̂ = 0; a has log1p(1) → σ(−log 2) − ½.
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    expect(result.policies.uplift.metrics['estimatedUplift@1']).toBeCloseTo(0, 12);
    expect(result.policies.score.metrics['estimatedUplift@1']).toBeCloseTo((sig(-Math.log(2)) - 0.5) / 2, 12);
    expect(result.usersWithoutTruth).toBe(0);
  });
});

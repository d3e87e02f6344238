// Counterfactuals on an item-item linear scorer, where every set's effect on the ranking can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { asItemIdx, asUserIdx } from '../lib/ids';
import { LinearRecommender } from '../testSupport/linear';
import { additionCandidates, additionCounterfactual, removalCounterfactual } from './counterfactual';
import type { ExplainTarget } from './types';

describe('removal counterfactual', () => {
  // History items 0..3 push item 5 up by 1, 1, 1.5, 0.2 (score 3.7); items 4, 6, 7 score 2.5, 2.0, 1.0 from the base.
  // Item 5 ranks 1st; it leaves the top 2 when its score falls below 2.0, i.e. when more than 1.7 is removed.
  const model = () => new LinearRecommender([0, 0, 0, 0, 2.5, 0, 2, 1], { '0>5': 1, '1>5': 1, '2>5': 1.5, '3>5': 0.2 });
  const target: ExplainTarget = { user: asUserIdx(0), history: Int32Array.of(0, 1, 2, 3), item: asItemIdx(5) };

  it('prunes a misleading greedy prefix back to the events the drop needs, and re-scores it', async () => {
    const rec = model();
    // The attribution wrongly puts event 3 (weight 0.2) first: order 3, 2, 1, 0. Removing 3, 2, 1 leaves 1.0 (rank 3);
    // putting 3 back still leaves 1.2 (rank 3), while {2, 1} alone leaves 2.7 or 2.2 with one of them back.
    const r = await removalCounterfactual({ recommender: rec }, target, [1, 1, 1.5, 5], { k: 2 });
    expect(r.status).toBe('found');
    expect(r.removed).toEqual([1, 2]);
    expect(r.rank).toBe(1);
    expect(r.newRank).toBe(3);
    expect(r.score).toBeCloseTo(3.7, 5);
    expect(r.newScore).toBeCloseTo(1.2, 5);
    expect(r.verified).toBe(true);
    // No single event drops it (each of the 4 was re-scored), so a 2-event set is the smallest.
    expect(r.smallest).toBe(true);
    // 5 prefixes, prune rounds of 3 and 2 put-backs, 4 single events: 4 batched calls.
    expect(r.scorings).toBe(14);
    expect(rec.calls).toBe(4);
  });

  it('says when the item is not in the top-K, and when no set within the cap drops it', async () => {
    const off = await removalCounterfactual({ recommender: model() }, { ...target, item: asItemIdx(7) }, [0, 0, 0, 0], { k: 2 });
    expect(off).toMatchObject({ status: 'not-in-top-k', rank: 4, removed: null, verified: false });
    // Only event 3 (0.2) may go: 3.5 still ranks first.
    const capped = await removalCounterfactual({ recommender: model() }, target, [0, 0, 0, 1], { k: 2, maxEvents: 1 });
    expect(capped).toMatchObject({ status: 'not-found', removed: null, newRank: 1, verified: false, pool: 1 });
  });

  it('finds a smaller set than greedy + pruning by re-scoring every smaller set of the candidate events', async () => {
    // Events 0-2 push item 5 up by 1.5 each, events 3-4 by 2.5 each (score 9.5); item 6 scores 5.2. Any three of 0-2
    // (−4.5) drop item 5 to 2nd, no two of them do, but {3, 4} (−5) does, and no single event.
    const rec = new LinearRecommender([0, 0, 0, 0, 0, 0, 5.2, 0], { '0>5': 1.5, '1>5': 1.5, '2>5': 1.5, '3>5': 2.5, '4>5': 2.5 });
    const t: ExplainTarget = { user: asUserIdx(0), history: Int32Array.of(0, 1, 2, 3, 4), item: asItemIdx(5) };
    const r = await removalCounterfactual({ recommender: rec }, t, [3, 2.9, 2.8, 1, 0.9], { k: 1 });
    expect(r.removed).toEqual([3, 4]);
    expect(r.newRank).toBe(2);
    expect(r.newScore).toBeCloseTo(4.5, 5);
    expect(r).toMatchObject({ verified: true, smallest: true, needed: true, status: 'found' });
    // 6 prefixes + 3 put-backs + 10 pairs + 5 singles.
    expect(r.scorings).toBe(24);
    // With 15 re-scorings allowed, the 10 pairs do not fit after the first 9: the pruned greedy set stays, not shown smallest.
    const capped = await removalCounterfactual({ recommender: rec }, t, [3, 2.9, 2.8, 1, 0.9], { k: 1, maxScorings: 15 });
    expect(capped).toMatchObject({ removed: [0, 1, 2], newRank: 2, verified: true, smallest: false, needed: true, scorings: 9 });
  });
});

describe('addition counterfactual', () => {
  // History items 0, 1 (items 2-4 score −1); item 7 scores 0 and ranks 3rd behind 5 (9) and 6 (5.2); 8 and 9 score
  // below it. Adding item 8 lifts 7 to 6 (rank 2), adding 9 lifts it to 3 (rank 3); 6 ranks above 7, so adding it
  // would lift 7 only by leaving the list: it is not a candidate.
  const rec = () => new LinearRecommender([0, 0, -1, -1, -1, 9, 5.2, 0, -0.5, -0.3], { '8>7': 6, '9>7': 3, '6>7': 1 });
  const target: ExplainTarget = { user: asUserIdx(0), history: Int32Array.of(0, 1), item: asItemIdx(7) };

  it('names the added item that brings the chosen item into the top-K, verified by re-scoring, in batched calls', async () => {
    const model = rec();
    // 0 is in the history, 7 is the item itself and 6 ranks above it: only 8 and 9 are tried.
    const r = await additionCounterfactual({ recommender: model }, target, [6, 8, 9, 0, 7], { k: 2 });
    expect(r).toMatchObject({ status: 'found', rank: 3, added: 8, newRank: 2, verified: true, tried: 2, reaching: 1 });
    expect(r.newScore).toBeCloseTo(6, 5);
    // One call for the history as it is, one for every candidate.
    expect(model.calls).toBe(2);
  });

  it('reports the best candidate unverified when none reaches the top-K, and refuses an item already in it', async () => {
    const r = await additionCounterfactual({ recommender: rec() }, target, [9, 6], { k: 1 });
    expect(r).toMatchObject({ status: 'not-found', added: 9, newRank: 3, verified: false, tried: 1, reaching: 0 });
    const inside = await additionCounterfactual({ recommender: rec() }, { ...target, item: asItemIdx(5) }, [8], { k: 2 });
    expect(inside).toMatchObject({ status: 'already-in-top-k', rank: 1, added: null });
  });
});

describe('cancel', () => {
  it('stops both searches before scoring when the signal is aborted', async () => {
    const rec = new LinearRecommender([0, 1, 2], {});
    const signal = AbortSignal.abort();
    const target: ExplainTarget = { user: asUserIdx(0), history: Int32Array.of(0), item: asItemIdx(2) };
    await expect(removalCounterfactual({ recommender: rec }, target, [1], { k: 1, signal })).rejects.toThrow('Cancelled');
    await expect(additionCounterfactual({ recommender: rec }, target, [1], { k: 1, signal })).rejects.toThrow('Cancelled');
    expect(rec.calls).toBe(0);
  });
});

describe('addition candidates', () => {
  it('orders by co-occurrence with the item, then popularity, leaving out excluded items and the item', () => {
    // Users: [0,1,2], [2,3], [3,4], [4,3]. With item 2: items 0, 1, 3 co-occur once; popularity 3 > 1.
    const sequences = { offsets: Uint32Array.of(0, 3, 5, 7, 9), items: Int32Array.of(0, 1, 2, 2, 3, 3, 4, 4, 3) };
    expect(additionCandidates(sequences, 5, 2, [0], 3)).toEqual([3, 1, 4]);
    expect(additionCandidates(sequences, 5, 2, [], 2)).toEqual([3, 0]);
  });
});

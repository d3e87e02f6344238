// Counterfactual sentences say what the re-scoring measured and no more, in both languages.
import { describe, expect, it } from 'vitest';
import type { CounterfactualResult } from '../../../explain/counterfactualExplain';
import type { ItemIdx } from '../../../lib/ids';
import { additionSentence, removalSentence } from './counterfactualText';

const title = (i: number) => ['Fargo', 'Heat', 'Jaws', 'Babe'][i];
const num = (x: number) => String(x);
const base: CounterfactualResult = {
  item: 0 as ItemIdx,
  guide: 'occlusion',
  removal: {
    k: 10,
    rank: 2,
    removed: [4, 7, 9],
    newRank: 14,
    score: 1,
    newScore: 0.5,
    verified: true,
    pool: 20,
    smallest: false,
    needed: true,
    scorings: 40,
    status: 'found',
  },
  addItem: 1 as ItemIdx,
  addition: {
    k: 10,
    rank: 11,
    added: 2 as ItemIdx,
    newRank: 8,
    score: 0,
    newScore: 1,
    verified: true,
    tried: 200,
    reaching: 31,
    status: 'found',
  },
  seconds: 1,
};

describe('counterfactual sentences', () => {
  it('state the size, ranks and verification, and what was shown about smaller sets', () => {
    expect(removalSentence(base, title, 'en', num)).toBe(
      'Without these 3 events, Fargo falls from rank 2 to rank 14 (verified by re-scoring). Putting any one of them back keeps it in the top 10; smaller sets of other events were not all tried.',
    );
    const smallest = { ...base, removal: { ...base.removal, smallest: true } };
    expect(removalSentence(smallest, title, 'en', num)).toMatch(/No smaller set among the 20 most supportive events does it\.$/);
    const capped = { ...base, removal: { ...base.removal, needed: false } };
    expect(removalSentence(capped, title, 'en', num)).toMatch(/A smaller set may exist/);
    expect(removalSentence(smallest, title, 'zh', num)).toBe(
      '去掉这 3 个事件后，Fargo 从第 2 名降到第 14 名（已重新打分验证）。在最支持它的 20 个事件中，没有更小的组合能做到。',
    );
  });

  it('never claim a counterfactual that was not found or verified', () => {
    const none = { ...base, removal: { ...base.removal, removed: null, verified: false, newRank: 3, status: 'not-found' as const } };
    expect(removalSentence(none, title, 'en', num)).toBe(
      'Removing the 20 most supportive events leaves Fargo at rank 3, still in the top 10: no counterfactual within the search cap.',
    );
    const outside = { ...base, removal: { ...base.removal, rank: 12, removed: null, verified: false, status: 'not-in-top-k' as const } };
    expect(removalSentence(outside, title, 'en', num)).toMatch(/^Fargo is at rank 12, not in the top 10/);
  });

  it('name the added item and how many of the tried items reach the top K, or the best unverified one', () => {
    expect(additionSentence(base, title, 'en', num)).toBe(
      'Adding Jaws as the newest event moves Heat from rank 11 to rank 8, into the top 10 (verified by re-scoring; 31 of the 200 items tried do so).',
    );
    const short = { ...base, addition: { ...base.addition!, newRank: 12, verified: false, reaching: 0, status: 'not-found' as const } };
    expect(additionSentence(short, title, 'en', num)).toBe(
      'None of the 200 items tried brings Heat into the top 10: each moves it down from rank 11, the least of them, Jaws, to rank 12.',
    );
    const lifted = { ...short, addition: { ...short.addition, rank: 15, newRank: 12 } };
    expect(additionSentence(lifted, title, 'en', num)).toBe(
      'None of the 200 items tried brings Heat into the top 10; the best, Jaws, lifts it from rank 15 to rank 12.',
    );
    // The REES46 case: the best of the tried items changes nothing, which "changes its rank from 6 to 6" used to say.
    const still = { ...short, addition: { ...short.addition, newRank: 11 } };
    expect(additionSentence(still, title, 'en', num)).toBe(
      'None of the 200 items tried brings Heat into the top 10 or lifts it: the best, Jaws, leaves it at rank 11.',
    );
    expect(additionSentence(still, title, 'zh', num)).toBe(
      '尝试的 200 个商品都不能让 Heat 进入前 10 名，也不能让它上升：最好的 Jaws 让它仍在第 11 名。',
    );
    expect(additionSentence({ ...base, addition: null, addItem: null }, title, 'en', num)).toBe('');
  });
});

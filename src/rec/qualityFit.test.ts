// "Train for quality" end to end on a planted log: the final fit learns what only the validation items show, progress
// covers both phases, and Cancel stops the final fit.
import { beforeAll, describe, expect, it } from 'vitest';
import { EventLogBuilder } from '../data/eventLogBuilder';
import { createRng } from '../lib/rng';
import type { Progress } from '../lib/progress';
import { initBackend } from '../ml/backend';
import { qualityFit } from './qualityFit';
import { createModel } from './registry';
import type { Recommender } from './recommender';
import { evaluatedUsers, heldOutItem, historyOf, leaveOneOutSplit, trainData, type LeaveOneOutSplit } from './split';

const TINY = { hidden: 16, layers: 1, heads: 2, intermediate: 32, maxLen: 12, dropout: 0.1, learningRate: 1e-2, batchSize: 16 };

/**
 * Three kinds of users, 20 each, noise items n0..n6 between. W: n n A B n n n (A→B is training data). Z: n n n B C n,
 * so C (after B) is Z's validation item. X: n n n A B C, so B is validation and C, after B, the test item. B→C occurs
 * only at Z's validation position: the tuning fit never sees it, the final fit (train + validation) does.
 */
function plantedSplit(): { split: LeaveOneOutSplit; users: readonly string[] } {
  const rng = createRng(3);
  const b = new EventLogBuilder();
  const noise = () => `n${rng.int(7)}`;
  const patterns = { w: ['', '', 'A', 'B', '', '', ''], z: ['', '', '', 'B', 'C', ''], x: ['', '', '', 'A', 'B', 'C'] };
  for (const [kind, pattern] of Object.entries(patterns))
    for (let u = 0; u < 20; u++)
      pattern.forEach((item, t) => b.add({ user: `${kind}${u}`, item: item || noise(), event: 'click', time: t, value: NaN }));
  const log = b.build();
  return { split: leaveOneOutSplit(log), users: log.users };
}

/** Share of X users whose best-scored item outside their history is their test item C. */
async function hitsAt1(model: Recommender, { split, users: ids }: ReturnType<typeof plantedSplit>): Promise<number> {
  const users = Array.from(evaluatedUsers(split)).filter((u) => ids[u].startsWith('x'));
  const histories = users.map((u) => historyOf(split, u, 'test'));
  const scores = await model.scoreUsers({ users: Int32Array.from(users), histories });
  const n = split.numItems;
  let hits = 0;
  users.forEach((u, r) => {
    const seen = new Set(histories[r]);
    let best = -1;
    for (let i = 0; i < n; i++) if (!seen.has(i) && (best < 0 || scores[r * n + i] > scores[r * n + best])) best = i;
    if (best === heldOutItem(split, u, 'test')) hits++;
  });
  return hits / users.length;
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('qualityFit', () => {
  it('tunes on validation, then a final fit on train + validation learns what only the validation items carry', async () => {
    const planted = plantedSplit();
    const { split } = planted;
    const progress: Progress[] = [];
    const fitted = await qualityFit(split, { model: 'sasrec', settings: TINY, seed: 5 }, { onProgress: (p) => progress.push(p) });
    const { plan, tuning, finalFit } = fitted.recipe;
    // 20 + 20 + 20 users' training events over 10 items: the SASRec floor of 200 epochs, validation every 4, no stop
    // before epoch 20.
    expect(plan).toMatchObject({ maxEpochs: 200, evalEvery: 4, minEpochs: 20 });
    expect(tuning.curve.map((c) => c.epoch)).toEqual(Array.from({ length: tuning.epochs / 4 }, (_, i) => 4 * (i + 1)));
    expect(tuning.epochs).toBeGreaterThanOrEqual(20);
    expect(tuning.bestValNdcg10).toBe(Math.max(...tuning.curve.map((c) => c.valNdcg10)));
    expect(finalFit.epochs).toBe(tuning.bestEpoch);
    // The early-stopped model's counterpart: same settings, seed and epochs, trained without the validation items.
    const early = await createModel('sasrec', { ...TINY, maxEpochs: tuning.bestEpoch, epochBudgetSec: 0 });
    await early.fit(trainData(split), { seed: 5, validation: 'none' } as never);
    const finalHits = await hitsAt1(fitted.model, planted);
    const earlyHits = await hitsAt1(early, planted);
    expect(finalHits).toBeGreaterThanOrEqual(0.8);
    expect(earlyHits).toBeLessThanOrEqual(0.3);
    fitted.model.dispose?.();
    early.dispose?.();
    // Progress: epochs across both phases, tuning first, never past its total, ending at tuning + final epochs.
    const phases = progress.map((p) => p.detail?.phase);
    expect(phases.indexOf('final fit')).toBeGreaterThan(phases.lastIndexOf('tuning'));
    expect(progress.every((p) => p.unit === 'epochs' && p.done <= p.total! + 1e-9)).toBe(true);
    expect(progress.at(-1)!.done).toBeCloseTo(tuning.epochs + finalFit.epochs, 6);
    // Tuning's total is the earliest end, shown as a floor; the final fit's is exact.
    expect(progress.filter((p) => p.detail?.phase === 'tuning').every((p) => p.totalIsFloor === true)).toBe(true);
    expect(progress.filter((p) => p.detail?.phase === 'final fit').every((p) => p.totalIsFloor === undefined)).toBe(true);
  });

  it('stops the final fit on Cancel with an AbortError', async () => {
    const { split } = plantedSplit();
    const cancel = new AbortController();
    let finalSteps = 0;
    const run = qualityFit(
      split,
      { model: 'sasrec', settings: TINY, seed: 5 },
      {
        signal: cancel.signal,
        onProgress: (p) => {
          if (p.detail?.phase === 'final fit' && ++finalSteps === 2) cancel.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(finalSteps).toBe(2);
  });
});

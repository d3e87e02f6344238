// End-to-end: reclens demo → evaluate --policy score|uplift --truth, and the refusals that come before any fitting.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reclensJson, reclensRefusal } from '../testSupport/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reclens-uplift-'));
  await reclensJson('demo', '--out', dir, '--users', '800', '--seed', '3');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const evaluate = (...args: string[]) => reclensJson('evaluate', '--data', join(dir, 'events.csv'), '--model', 'pop', ...args);
const refusal = (...args: string[]) => reclensRefusal('evaluate', ...args);

describe('reclens evaluate --policy', () => {
  it('reports true and estimated uplift@K for the chosen policy, both policies and their paired ratio', async () => {
    const truth = join(dir, 'truth.json');
    const [score, uplift] = await Promise.all(
      ['score', 'uplift'].map((p) => evaluate('--policy', p, '--truth', truth, '--k', '5,10', '--uplift-params', 'bootstrap=5')),
    );
    for (const key of ['trueUplift@5', 'trueUplift@10', 'estimatedUplift@5', 'estimatedUplift@10']) {
      expect(Number.isFinite(score.metrics[key])).toBe(true);
      expect(score.ci95[key][0]).toBeLessThanOrEqual(score.metrics[key]);
      expect(score.ci95[key][1]).toBeGreaterThanOrEqual(score.metrics[key]);
    }
    // Each run's metrics are its own policy's figures from the same comparison.
    expect(score.metrics['trueUplift@10']).toBeCloseTo(score.policies.policies.score.metrics['trueUplift@10'], 12);
    expect(uplift.metrics['trueUplift@10']).toBeCloseTo(uplift.policies.policies.uplift.metrics['trueUplift@10'], 12);
    const paired = uplift.policies.paired['trueUplift@10'];
    expect(paired.ratio).toBeCloseTo(uplift.metrics['trueUplift@10'] / uplift.policies.policies.score.metrics['trueUplift@10'], 9);
    // Popularity ranks bestsellers, which a recommendation hardly sways: re-ranking by uplift must sell more.
    expect(paired.ci95[0]).toBeGreaterThan(0);
    // The uplift policy's list is what gets evaluated leave-one-out.
    expect(uplift.model).toBe('pop+uplift');
    expect(uplift.upliftPairs.treated).toBeGreaterThan(0);
  });

  it('refuses a bad policy, bad settings or a truth without potential outcomes before fitting', async () => {
    const data = ['--data', join(dir, 'events.csv'), '--model', 'pop'];
    expect(await refusal(...data, '--policy', 'best')).toMatch(/--policy must be one of score, uplift/);
    expect(await refusal(...data, '--policy', 'uplift', '--uplift-params', 'candidates=0')).toMatch(/--uplift-params: .*candidates/);
    const noUplift = join(dir, 'old-truth.json');
    await writeFile(noUplift, JSON.stringify({ edges: [] }));
    expect(await refusal(...data, '--truth', noUplift)).toMatch(/has no "uplift" section/);
  });

  it('says what is missing on a log without exposures', async () => {
    const plain = join(dir, 'plain.csv');
    await writeFile(
      plain,
      ['user,item,event,time', ...Array.from({ length: 60 }, (_, k) => `u${k % 6},i${k % 9},view,${1_700_000_000 + 60 * k}`)].join('\n'),
    );
    expect(await refusal('--data', plain, '--model', 'pop', '--policy', 'uplift')).toMatch(/no exposure events/);
  });
});

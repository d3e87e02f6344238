// End-to-end: reclens train --model mf-explicit --debias … → evaluate --test, on a tiny rating log and on Coat
// (../shared/data/coat, skipped cleanly when absent).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reclensJson as reclens, reclensRefusal as refusal } from '../testSupport/cli';
import { afterAll, describe, expect, it } from 'vitest';

const COAT = resolve(__dirname, '../../../shared/data/coat');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens train / evaluate for rating models', () => {
  it('trains a debiased mf-explicit and scores it on a separate test file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-rating-'));
    dirs.push(dir);
    // 12 users × 8 items; user u likes items of their own parity (5) and not the others (1 or 2).
    const rating = (u: number, i: number) => (u % 2 === i % 2 ? 5 : 1 + ((u + i) % 2));
    const rows = (keep: (u: number, i: number) => boolean) =>
      [
        'user,item,rating',
        ...Array.from({ length: 96 }, (_, k) => [k >> 3, k & 7] as const)
          .filter(([u, i]) => keep(u, i))
          .map(([u, i]) => `u${u},i${i},${rating(u, i)}`),
      ].join('\n');
    await writeFile(
      join(dir, 'train.csv'),
      rows((u, i) => (u + i) % 3 !== 0),
    );
    await writeFile(
      join(dir, 'test.csv'),
      rows((u, i) => (u + i) % 3 === 0),
    );
    const ck = join(dir, 'ck');
    const trained = await reclens(
      'train',
      '--data',
      join(dir, 'train.csv'),
      '--model',
      'mf-explicit',
      '--debias',
      'snips',
      '--holdout',
      'none',
      '--params',
      'factors=2,regularization=1',
      '--out',
      ck,
    );
    expect(trained).toMatchObject({ model: 'mf-explicit', debias: 'snips', propensity: { source: 'pop' } });
    expect(trained.propensity.diagnostic.pairs).toBe(trained.ratings);
    const ev = await reclens('evaluate', '--checkpoint', ck, '--test', join(dir, 'test.csv'), '--test-propensity', 'pop');
    expect(Object.keys(ev.metrics)).toEqual(['MSE', 'MAE', 'AUC', 'NDCG@5']);
    expect(ev.users).toBe(12);
    for (const m of ['MSE', 'MAE', 'AUC', 'NDCG@5']) {
      expect(ev.ci95[m][0]).toBeLessThanOrEqual(ev.metrics[m]);
      expect(ev.ci95[m][1]).toBeGreaterThanOrEqual(ev.metrics[m]);
    }
    // The pattern is learnable from the training pairs: liked test items rank above the others.
    expect(ev.metrics.AUC).toBeGreaterThan(0.8);
    expect(ev.estimated.MSE.naive).toBeCloseTo(ev.metrics.MSE, 10);
    expect(ev.definitions.AUC).toMatch(/rating ≥ 4/);
  }, 60_000);

  it('refuses debiasing flags on other models, bad enums and out-of-range clips before reading the log', async () => {
    const none = '/nonexistent/events.csv';
    expect(await refusal('train', '--data', none, '--model', 'ease', '--debias', 'ips', '--out', '/tmp/x')).toMatch(
      /apply to --model mf-explicit \(ratings\) or mf-ips \(clicks\)/,
    );
    expect(await refusal('train', '--data', none, '--model', 'mf-ips', '--debias', 'dr', '--out', '/tmp/x')).toMatch(
      /one of none, ips, snips for mf-ips/,
    );
    expect(await refusal('train', '--data', none, '--model', 'mf-explicit', '--debias', 'magic', '--out', '/tmp/x')).toMatch(
      /--debias must be one of/,
    );
    expect(await refusal('train', '--data', none, '--model', 'mf-explicit', '--debias', 'ips', '--clip', '0', '--out', '/tmp/x')).toMatch(
      /--clip must be a number in \[0.0001, 0.5\]/,
    );
    expect(
      await refusal('train', '--data', none, '--model', 'mf-explicit', '--debias', 'ips', '--propensity', 'naive-bayes', '--out', '/tmp/x'),
    ).toMatch(/needs --mcar/);
  }, 60_000);

  it.skipIf(!existsSync(join(COAT, 'train.csv')))(
    'Coat: IPS with the authors’ propensities beats naive MF on the randomly assigned test ratings',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'reclens-coat-'));
      dirs.push(dir);
      const mse = async (debias: string) => {
        const ck = join(dir, debias);
        const extra = debias === 'none' ? [] : ['--propensity', join(COAT, 'propensities.csv')];
        await reclens(
          'train',
          '--data',
          join(COAT, 'train.csv'),
          '--model',
          'mf-explicit',
          '--debias',
          debias,
          ...extra,
          '--holdout',
          'none',
          '--out',
          ck,
        );
        return (await reclens('evaluate', '--checkpoint', ck, '--test', join(COAT, 'test.csv'))).metrics.MSE as number;
      };
      const naive = await mse('none');
      const ips = await mse('ips');
      expect(ips).toBeLessThan(naive - 0.05);
    },
    120_000,
  );
});

// End-to-end: reclens train --model sasrec|bert4rec --debias ips|snips → the checkpoint records the objective and
// evaluate --checkpoint shows it; the flags are checked (and refused with the reason) before the log is read.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclensJson as reclens, reclensRefusal as refusal } from '../testSupport/cli';
import { wantsSeqDebias } from './seqDebias';
import { settingsHelp } from './settingsHelp';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens train --debias for the sequence models', () => {
  let dir = '';
  let events = '';
  const tiny = ['--params', 'hidden=8,heads=2,layers=1,intermediate=16,maxLen=8,batchSize=16', '--epochs', '1'];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reclens-seqdebias-'));
    dirs.push(dir);
    // 30 users, each with 6 of 10 items in a user-specific rotation, one second apart.
    const rows = ['user,item,timestamp'];
    for (let u = 0; u < 30; u++) for (let k = 0; k < 6; k++) rows.push(`u${u},i${(u + 3 * k) % 10},${1_700_000_000 + 1000 * u + k}`);
    events = join(dir, 'events.csv');
    await writeFile(events, rows.join('\n'));
  });

  it.each(['sasrec', 'bert4rec'])(
    '%s: ips with popularity propensities, recorded in the checkpoint and shown by evaluate',
    async (model) => {
      const ck = join(dir, `ck-${model}`);
      const trained = await reclens(
        'train',
        '--data',
        events,
        '--model',
        model,
        ...tiny,
        '--debias',
        'ips',
        '--propensity',
        'pop',
        '--clip',
        '0.05',
        '--out',
        ck,
      );
      expect(trained.debias).toBe('ips');
      expect(trained.propensity.source).toBe('pop');
      // 30 users × 6 distinct items: the training pairs (the last two of each user are held out).
      expect(trained.propensity.diagnostic.pairs).toBe(30 * 4);
      expect(trained.propensity.diagnostic.clip).toBe(0.05);
      const settings = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8')).settings;
      expect(settings).toMatchObject({ debias: 'ips', clip: 0.05 });
      const evaluated = await reclens('evaluate', '--checkpoint', ck, '--k', '10');
      expect(evaluated.debias).toEqual({ debias: 'ips', clip: 0.05 });
      expect(evaluated.metrics['NDCG@10']).toBeGreaterThanOrEqual(0);
    },
  );

  it('a checkpoint trained without --debias says none', async () => {
    const ck = join(dir, 'ck-none');
    await reclens('train', '--data', events, '--model', 'sasrec', ...tiny, '--out', ck);
    expect((await reclens('evaluate', '--checkpoint', ck)).debias).toEqual({ debias: 'none' });
  });

  it('refuses what does not apply, with the reason', async () => {
    const train = (...flags: string[]) => refusal('train', '--data', events, '--model', 'sasrec', '--out', join(dir, 'x'), ...flags);
    expect(await train('--debias', 'dr')).toMatch(/--debias must be one of none, ips, snips for sasrec .*doubly robust is not offered/);
    expect(await train('--propensity', 'pop')).toMatch(/--propensity, --clip and --users need --debias ips or snips/);
    expect(await train('--debias', 'ips', '--clip', '0.9')).toMatch(/--clip must be/);
    expect(await train('--debias', 'ips', '--propensity', 'naive-bayes')).toMatch(/naive-bayes needs ratings/);
    expect(await train('--debias', 'ips', '--holdout', 'none')).toMatch(/--holdout does not apply to sasrec/);
    expect(await train('--debias', 'ips', '--propensity', 'exposure')).toMatch(/no exposure events/);
  });

  it('routes only the sequence models with a debiasing flag', () => {
    expect(wantsSeqDebias({ model: 'bert4rec', debias: 'snips' })).toBe(true);
    expect(wantsSeqDebias({ model: 'sasrec' })).toBe(false);
    expect(wantsSeqDebias({ model: 'mf-explicit', debias: 'ips' })).toBe(false);
  });

  it("reclens help settings names each model's objectives and why the sequence models have no doubly robust one", () => {
    expect(settingsHelp()).toMatch(/mf-explicit none\|ips\|snips\|dr; .*sasrec, bert4rec none\|ips\|snips as example weights/);
    expect(settingsHelp()).toMatch(/no doubly robust objective: it needs an imputed outcome for every unobserved/);
  });
});

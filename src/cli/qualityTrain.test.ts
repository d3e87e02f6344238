// End-to-end: reclens train --quality → both phases reported and recorded in config.json; the checkpoint opens with
// evaluate and recommend; the flags it replaces are refused with the reason before the log is read.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclensJson as reclens, reclensRefusal as refusal } from '../testSupport/cli';
import { qualityProgressLine } from './qualityTrain';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens train --quality', () => {
  let dir = '';
  let events = '';
  const tiny = ['--params', 'hidden=8,heads=2,layers=1,intermediate=16,maxLen=8,batchSize=16'];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reclens-quality-'));
    dirs.push(dir);
    // 30 users, each with 6 of 10 items in a user-specific rotation, one second apart.
    const rows = ['user,item,timestamp'];
    for (let u = 0; u < 30; u++) for (let k = 0; k < 6; k++) rows.push(`u${u},i${(u + 3 * k) % 10},${1_700_000_000 + 1000 * u + k}`);
    events = join(dir, 'events.csv');
    await writeFile(events, rows.join('\n'));
  });

  it('tunes, fits on train + validation, records both phases, and the checkpoint opens', async () => {
    const ck = join(dir, 'ck');
    const trained = await reclens('train', '--data', events, '--model', 'sasrec', ...tiny, '--quality', '--seed', '3', '--out', ck);
    const { plan, tuning, finalFit } = trained.recipe;
    // 30 users × 4 training events over 10 items = 12 per item: cap ceil(4000 / 12) = 334, validation every
    // round(334 / 50) = 7, no stop before ceil(33.4) = 34.
    expect(plan).toMatchObject({ mode: 'sasrec', eventsPerItem: 12, maxEpochs: 334, evalEvery: 7, minEpochs: 34 });
    expect(tuning.epochs).toBeGreaterThanOrEqual(34);
    // Validated every 7 epochs, and at the cap's last epoch when the fit runs to it.
    const validated: number[] = tuning.curve.map((c: { epoch: number }) => c.epoch);
    const regular = validated.at(-1) === plan.maxEpochs ? validated.slice(0, -1) : validated;
    expect(regular).toEqual(Array.from({ length: regular.length }, (_, i) => 7 * (i + 1)));
    expect(finalFit).toMatchObject({ epochs: tuning.bestEpoch, data: 'train + validation' });
    const config = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8'));
    expect(config.recipe).toEqual(trained.recipe);
    // The kept model trained exactly the chosen epochs (the settings a later "Train longer" continues from).
    expect(config.settings).toMatchObject({ maxEpochs: tuning.bestEpoch, epochsTrained: tuning.bestEpoch, epochBudgetSec: 0 });
    const evaluated = await reclens('evaluate', '--checkpoint', ck, '--k', '10');
    expect(evaluated.metrics['NDCG@10']).toBeGreaterThanOrEqual(0);
    const recommended = await reclens('recommend', '--checkpoint', ck, '--user', 'u3', '--k', '3');
    expect(JSON.stringify(recommended)).toMatch(/i\d/);
  });

  it('refuses what it replaces or does not apply to, with the reason', async () => {
    const train = (...flags: string[]) => refusal('train', '--data', events, '--out', join(dir, 'x'), '--quality', ...flags);
    expect(await train('--model', 'sasrec', '--epochs', '5')).toMatch(/--quality and --epochs exclude each other/);
    expect(await train('--model', 'pop')).toMatch(/--quality applies to models trained in epochs \(sasrec, bert4rec\), not pop/);
    expect(await train('--model', 'bert4rec', '--params', 'maxEpochs=5,patience=2')).toMatch(/--quality sets maxEpochs, patience itself/);
    expect(await train('--model', 'sasrec', '--debias', 'ips')).toMatch(/--quality trains sasrec\/bert4rec without --debias/);
  });
});

describe('qualityProgressLine', () => {
  const progress = { label: 'Training sasrec for quality: tuning', done: 12.5, total: 81, unit: 'epochs', rate: 0.01, etaSeconds: 4530 };

  it('gives epochs done of those planned and the time left', () => {
    expect(qualityProgressLine({ ...progress, detail: { phase: 'tuning', epoch: 13 } })).toBe(
      'Training sasrec for quality: tuning: epoch 13 (12.5 of about 81 epochs in all, about 1:15:30 left)\n',
    );
  });

  it('says "at least" while tuning, whose total is the earliest end', () => {
    expect(qualityProgressLine({ ...progress, totalIsFloor: true, detail: { phase: 'tuning', epoch: 13 } })).toBe(
      'Training sasrec for quality: tuning: epoch 13 (12.5 of at least 81 epochs in all, at least 1:15:30 left)\n',
    );
  });

  it("adds a validation pass's figure and the best so far, with its epoch", () => {
    const line = qualityProgressLine({
      ...progress,
      detail: { phase: 'tuning', epoch: 15, valNdcg10: 0.03114, bestValNdcg10: 0.03402, bestEpoch: 10 },
    });
    expect(line).toMatch(
      /epoch 15 \(12\.5 of about 81 epochs in all, about 1:15:30 left\); validation NDCG@10 0\.0311, best 0\.0340 at epoch 10\n$/,
    );
  });
});

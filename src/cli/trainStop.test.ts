// `reclens train` says why a sequence model's fit ended short of its plan: in JSON (`stop`) and in its text lines.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECLENS_BIN, reclensJson as reclens } from '../testSupport/cli';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens train: why the fit ended', () => {
  let dir = '';
  let events = '';
  // Patience of one check: the first validation below the best ends the fit, long before 60 epochs.
  const args = () => [
    'train',
    '--data',
    events,
    '--model',
    'sasrec',
    '--epochs',
    '60',
    '--seed',
    '3',
    '--params',
    'hidden=8,heads=2,layers=1,intermediate=16,maxLen=8,batchSize=16,patience=1,evalEvery=1,learningRate=0.02',
  ];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reclens-stop-'));
    dirs.push(dir);
    // 60 users over 40 items in a fixed pseudo-random order: validation moves from check to check, so it falls too.
    const rows = ['user,item,timestamp'];
    let x = 7;
    for (let u = 0; u < 60; u++)
      for (let k = 0; k < 8; k++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        rows.push(`u${u},i${x % 40},${1_700_000_000 + 1000 * u + k}`);
      }
    events = join(dir, 'events.csv');
    await writeFile(events, rows.join('\n'));
  });

  it('early stopping: the epoch it ended after, the best epoch kept, and the checks below it', async () => {
    const out = await reclens(...args(), '--out', join(dir, 'a'));
    expect(out.stop).toMatchObject({ by: 'early-stopping', checksAfterBest: 1 });
    expect(out.stop.epochs).toBeLessThan(60);
    expect(out.stop.bestEpoch).toBe(out.stop.epochs - 1);
    const text = (await promisify(execFile)(process.execPath, [RECLENS_BIN, ...args(), '--out', join(dir, 'b')])).stdout;
    expect(text).toContain(
      `  early stopping ended it after epoch ${out.stop.epochs}: the 1 validation check(s) after epoch ${out.stop.bestEpoch} were ` +
        `all below its NDCG@10 ${out.stop.bestValNdcg10.toFixed(4)}; epoch ${out.stop.bestEpoch}'s weights are kept\n`,
    );
  }, 120_000);
});

// `reclens predict` end to end on a small generated shop: the text encoder (the fixture BERT, random weights: a
// pipeline check, not a quality claim) and the sequence encoder (a one-epoch SASRec checkpoint), each scored with the
// seven metrics, their CIs and both baselines on the same held-out users; refusals before any file is read.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'brier'];
const cli = (...args: string[]) => exec('node', ['bin/reclens.mjs', ...args], { cwd: ROOT, maxBuffer: 1 << 24 });
const fails = async (...args: string[]) => {
  const e = (await cli(...args).then(
    () => null,
    (x: { stdout: string }) => x,
  )) as { stdout: string } | null;
  expect(e).not.toBeNull();
  return JSON.parse(e!.stdout).error as string;
};

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reclens-predict-'));
  await cli('demo', '--out', dir, '--users', '200', '--items', '40', '--seed', '3');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Scores = { metrics: Record<string, number>; ci95: Record<string, [number, number]> };

function checkScores(s: Scores) {
  expect(Object.keys(s.metrics)).toEqual(METRICS);
  for (const m of METRICS) {
    const [lo, hi] = s.ci95[m];
    if (!Number.isFinite(s.metrics[m])) continue;
    expect(lo).toBeLessThanOrEqual(s.metrics[m] + 1e-9);
    expect(hi).toBeGreaterThanOrEqual(s.metrics[m] - 1e-9);
  }
}

describe('reclens predict', () => {
  it('text encoder, will buy: metrics, CIs, both baselines, parameters and the held-out predictions', async () => {
    const out = join(dir, 'text');
    const { stdout } = await cli(
      'predict',
      ...['--data', join(dir, 'events.csv'), '--items', join(dir, 'items.csv'), '--target', 'buy', '--encoder', 'text'],
      ...['--text-model', join(ROOT, 'tests/fixtures/tiny-bert'), '--epochs', '1', '--bootstrap', '100', '--seed', '5'],
      ...['--out', out, '--json'],
    );
    const o = JSON.parse(stdout);
    expect(o).toMatchObject({ target: 'buy', encoder: 'text', peft: 'none', labels: ['will not buy', 'will buy'] });
    // Users with at least two events, a fifth of them held out.
    const { train, test, testClassCounts } = o.examples;
    expect(test).toBe(Math.round((train + test) * 0.2));
    expect(testClassCounts[0] + testClassCounts[1]).toBe(test);
    checkScores(o);
    checkScores(o.baselines.logistic);
    checkScores(o.baselines.constant);
    // The constant guess ranks nobody above anybody, and its accuracy is the commonest test class's share when the
    // training majority is the test majority (it is on this shop: most users do not buy soon).
    expect(o.baselines.constant.metrics.rocAuc).toBe(0.5);
    expect(o.baselines.constant.metrics.accuracy).toBeCloseTo(testClassCounts[0] / test, 10);
    expect(o.versus.logistic.rocAuc.difference).toBeCloseTo(o.metrics.rocAuc - o.baselines.logistic.metrics.rocAuc, 9);
    expect(o.trainableParams).toBe(o.totalParams);
    expect(o.totalParams).toBeGreaterThan(1000);
    expect(o.seconds).toBeGreaterThan(0);
    const csv = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('user,label,p(will not buy),p(will buy)');
    expect(csv).toHaveLength(test + 1);
    // Users predicted to buy: those whose p(will buy) is the larger, as the CSV shows them.
    const buyers = csv.slice(1).filter((row) => {
      const p = row.split(',').slice(-2).map(Number);
      return p[1] > p[0];
    }).length;
    expect(o.predictedCounts).toEqual([test - buyers, buyers]);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).reliability.length).toBeGreaterThan(0);
  }, 120_000);

  it.each(['lora', 'adapter'])(
    'text encoder with --peft %s trains a small share of the parameters',
    async (peft) => {
      const { stdout } = await cli(
        'predict',
        ...['--data', join(dir, 'events.csv'), '--target', 'next-event', '--encoder', 'text', '--peft', peft],
        ...['--text-model', join(ROOT, 'tests/fixtures/tiny-bert'), '--epochs', '1', '--bootstrap', '50', '--max-users', '60', '--json'],
      );
      const o = JSON.parse(stdout);
      expect(o.peft).toBe(peft);
      expect(o.examples.train + o.examples.test).toBe(60);
      expect(o.labels.length).toBeGreaterThan(2);
      checkScores(o);
      expect(o.trainableParams).toBeLessThan(o.totalParams / 2);
    },
    120_000,
  );

  it('sequence encoder from a SASRec checkpoint', async () => {
    const ck = join(dir, 'ck');
    await cli('train', '--data', join(dir, 'events.csv'), '--model', 'sasrec', '--epochs', '1', '--out', ck);
    const { stdout } = await cli(
      'predict',
      ...['--data', join(dir, 'events.csv'), '--target', 'buy', '--encoder', 'sequence', '--checkpoint', ck],
      ...['--epochs', '1', '--bootstrap', '50', '--json'],
    );
    const o = JSON.parse(stdout);
    expect(o.encoder).toBe('sequence');
    checkScores(o);
    expect(o.baselines.constant.metrics.rocAuc).toBe(0.5);
    expect(o.trainableParams).toBeGreaterThan(0);
  }, 180_000);

  it('refuses what it cannot do, before reading the data', async () => {
    const data = ['--data', join(dir, 'nope.csv')];
    expect(
      await fails('predict', ...data, '--target', 'buy', '--encoder', 'text', '--text-model', 'x', '--peft', 'prefix', '--json'),
    ).toMatch(/--peft must be one of none, lora, adapter/);
    expect(await fails('predict', ...data, '--target', 'buy', '--encoder', 'text', '--json')).toMatch(/--text-model/);
    expect(await fails('predict', ...data, '--target', 'buy', '--encoder', 'sequence', '--json')).toMatch(/--checkpoint/);
    expect(await fails('predict', ...data, '--target', 'churn', '--encoder', 'text', '--json')).toMatch(/--target must be one of buy/);
    expect(
      await fails('predict', ...data, '--target', 'buy', '--encoder', 'text', '--text-model', 'x', '--horizon-events', '0', '--json'),
    ).toMatch(/--horizon-events must be/);
  }, 60_000);
});

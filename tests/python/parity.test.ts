// Both directions of #22's parity claim, for sasrec and bert4rec on a log with event types: a checkpoint written by
// `reclens train` scores every item for every user the same under PyTorch (python -m reclens_torch score), and a
// checkpoint written by `python -m reclens_torch train` opens in the TS core (the CLI's --checkpoint path) and scores
// the same there — within 1e-4 — and `reclens evaluate --checkpoint` evaluates it to the NDCG@10 that
// `python -m reclens_torch evaluate` computes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { fitFromCheckpoint } from '../../src/cli/preamble';
import { initBackend } from '../../src/ml/backend';
import { historyEventsOf, historyOf } from '../../src/rec/split';
import { describePython, python, reclens, ROOT } from './python';

const DATA = resolve(ROOT, 'e2e/fixtures/small-shop-events.csv');
const TINY = 'hidden=16,heads=2,layers=2,intermediate=32,maxLen=16';
const MODELS = ['sasrec', 'bert4rec'] as const;

/** Every user's scores of every item under the TS core, history = the whole retained sequence with its event types. */
async function tsScores(dir: string): Promise<{ users: readonly string[]; scores: number[][] }> {
  const f = await fitFromCheckpoint(dir);
  const users = Int32Array.from(f.users.keys());
  const histories = Array.from(users, (u) => historyOf(f.split, u, 'all'));
  const events = Array.from(users, (u) => historyEventsOf(f.split, u, 'all')!);
  const flat = await f.model.scoreUsers({ users, histories, events });
  const n = f.items.length;
  f.model.dispose?.();
  return { users: f.users, scores: Array.from(users, (u) => Array.from(flat.subarray(u * n, (u + 1) * n))) };
}

function pyScores(dir: string): { users: string[]; scores: number[][] } {
  return JSON.parse(python(['-m', 'reclens_torch', 'score', '--checkpoint', dir, '--stage', 'all', '--json']).stdout);
}

function maxDiff(a: number[][], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((row, r) => {
    expect(row.length).toBe(b[r].length);
    row.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - b[r][i]))));
  });
  return worst;
}

describePython('checkpoint parity TypeScript ↔ PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reclens-parity-'));
  beforeAll(async () => {
    await initBackend('cpu');
  });

  for (const model of MODELS) {
    it(`${model}: trained by reclens train, PyTorch scores = TS scores`, async () => {
      const out = join(dir, `ts-${model}`);
      reclens(['train', '--data', DATA, '--model', model, '--epochs', '1', '--params', TINY, '--out', out]);
      const settings = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).settings;
      expect(settings.numEventTypes).toBe(5);
      const ts = await tsScores(out);
      const py = pyScores(out);
      expect(py.users).toEqual(ts.users);
      expect(maxDiff(py.scores, ts.scores)).toBeLessThan(1e-4);
      // Not vacuous: the scores spread over items (a constant row would match anything constant).
      expect(Math.max(...ts.scores[0]) - Math.min(...ts.scores[0])).toBeGreaterThan(1e-3);
    });

    it(`${model}: trained by reclens_torch, TS opens it, scores = PyTorch scores, and evaluate runs`, async () => {
      const out = join(dir, `py-${model}`);
      const trained = JSON.parse(
        python([
          '-m',
          'reclens_torch',
          'train',
          '--data',
          DATA,
          '--model',
          model,
          '--out',
          out,
          '--epochs',
          '2',
          '--params',
          TINY,
          '--json',
        ]).stdout,
      );
      expect(trained).toMatchObject({ model, users: 150, items: 293, epochs: 2, ranks: 1 });
      const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
      expect(config).toMatchObject({ format: 'reclens-checkpoint', model, backend: 'pytorch-cpu' });
      const ts = await tsScores(out);
      const py = pyScores(out);
      expect(maxDiff(py.scores, ts.scores)).toBeLessThan(1e-4);
      const evaluated = JSON.parse(reclens(['evaluate', '--checkpoint', out, '--json']).stdout);
      expect(evaluated.model).toBe(model);
      expect(evaluated.users).toBe(144);
      // The Python side's own evaluation (full ranking, history excluded, ties half) gives the same NDCG@10.
      const pyEval = JSON.parse(python(['-m', 'reclens_torch', 'evaluate', '--checkpoint', out, '--json']).stdout);
      expect(pyEval.users).toBe(144);
      expect(Math.abs(pyEval['NDCG@10'] - evaluated.metrics['NDCG@10'])).toBeLessThan(1e-6);
      expect(evaluated.metrics['NDCG@10']).toBeGreaterThan(0);
    });
  }
});

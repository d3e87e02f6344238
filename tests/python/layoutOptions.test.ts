// The two layout settings models trained elsewhere need — positions 'start' and outputHead (dense → gelu → LayerNorm
// before the tied product) — mean the same network on both sides: a checkpoint trained with them by either side gives
// the other side's scores within 1e-4.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventsCsv, simulateDemo } from '../../src/data/demo';
import { describePython, python, reclens } from './python';

const dir = mkdtempSync(join(tmpdir(), 'reclens-layout-'));
const log = join(dir, 'events.csv');
const PARAMS = 'hidden=8,layers=1,heads=2,intermediate=16,batchSize=32,positions=start,outputHead=true';

beforeAll(() => writeFileSync(log, eventsCsv(simulateDemo({ users: 40, seed: 4 }).events)));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every unseen item's score from `reclens recommend` against the Python side's score of the same user. */
function expectSameScores(ckpt: string, user: string) {
  const items: string[] = JSON.parse(readFileSync(join(ckpt, 'items.json'), 'utf8'));
  const ts = JSON.parse(reclens(['recommend', '--checkpoint', ckpt, '--user', user, '--k', String(items.length), '--json']).stdout);
  const py = JSON.parse(python(['-m', 'reclens_torch', 'score', '--checkpoint', ckpt, '--users', user, '--json']).stdout);
  const row: number[] = py.scores[0];
  expect(ts.recommendations.length).toBeGreaterThan(10);
  for (const r of ts.recommendations) expect(Math.abs(r.score - row[items.indexOf(r.item)])).toBeLessThan(1e-4);
}

describePython('positions start and outputHead: TypeScript ↔ PyTorch', () => {
  for (const mode of ['sasrec', 'bert4rec']) {
    it(`${mode} trained by TypeScript scores the same in PyTorch, and the other way round`, { timeout: 240_000 }, () => {
      const fromTs = join(dir, `${mode}-ts`);
      reclens(['train', '--data', log, '--model', mode, '--params', PARAMS, '--epochs', '1', '--out', fromTs, '--json']);
      const settings = JSON.parse(readFileSync(join(fromTs, 'config.json'), 'utf8')).settings;
      expect(settings).toMatchObject({ positions: 'start', outputHead: true });
      const user = JSON.parse(readFileSync(join(fromTs, 'users.json'), 'utf8'))[3];
      expectSameScores(fromTs, user);

      const fromPy = join(dir, `${mode}-py`);
      python([
        '-m',
        'reclens_torch',
        'train',
        '--data',
        log,
        '--model',
        mode,
        '--params',
        PARAMS,
        '--epochs',
        '1',
        '--out',
        fromPy,
        '--json',
      ]);
      // Its settings ask for the head, so the TypeScript side needs output.transform.* in model.safetensors to open it.
      expect(JSON.parse(readFileSync(join(fromPy, 'config.json'), 'utf8')).settings).toMatchObject({
        positions: 'start',
        outputHead: true,
      });
      expectSameScores(fromPy, user);
    });
  }
});

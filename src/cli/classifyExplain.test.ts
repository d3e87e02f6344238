// `reclens classify --explain`: word attributions per class with faithfulness (rollout too), on the fixture classifier.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const MODEL = `${ROOT}tests/fixtures/tiny-bert-classifier`;

describe('reclens classify --explain', () => {
  it('prints words, per-class values, the IG completeness gap and faithfulness', async () => {
    const { stdout } = await run(
      'node',
      [
        'bin/reclens.mjs',
        'classify',
        '--model',
        MODEL,
        '--explain',
        'ig',
        '--steps',
        '64',
        '--json',
        'viewed zorbs twice, then bought shoes',
      ],
      { cwd: ROOT },
    );
    const out = JSON.parse(stdout);
    expect(out.method).toBe('ig');
    const [e] = out.explanations;
    expect(e.words).toEqual(['viewed', 'zorbs', 'twice', ',', 'then', 'bought', 'shoes']);
    expect(e.classes.map((c: { label: string }) => c.label)).toEqual(['not_buy', 'buy']);
    for (const c of e.classes) expect(c.values).toHaveLength(7);
    expect(e.predicted).toBe(out.labels[0]);
    expect(e.relativeGap).toBeLessThan(0.01);
    expect(Object.keys(e.faithfulness)).toEqual([
      'deletionAUC',
      'insertionAUC',
      'randomDeletionAUC',
      'randomInsertionAUC',
      'comprehensiveness',
      'sufficiency',
    ]);
  }, 60_000);

  it('attention rollout: the same non-negative word values for every class, with faithfulness', async () => {
    const { stdout } = await run(
      'node',
      ['bin/reclens.mjs', 'classify', '--model', MODEL, '--explain', 'rollout', '--json', 'viewed zorbs twice, then bought shoes'],
      { cwd: ROOT },
    );
    const [e] = JSON.parse(stdout).explanations;
    const [a, b] = e.classes.map((c: { values: number[] }) => c.values);
    expect(a).toHaveLength(7);
    expect(b).toEqual(a);
    expect(Math.min(...a)).toBeGreaterThan(0);
    expect(a.reduce((x: number, y: number) => x + y, 0)).toBeLessThan(1);
    expect(Number.isFinite(e.faithfulness.deletionAUC)).toBe(true);
  }, 60_000);

  it('refuses an unknown method', async () => {
    await expect(
      run('node', ['bin/reclens.mjs', 'classify', '--model', MODEL, '--explain', 'saliency', 'x'], { cwd: ROOT }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--explain must be one of ig, gradxinput, occlusion, lime, shapley, rollout'),
    });
  }, 60_000);
});

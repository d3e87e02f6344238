// End-to-end: reclens demo → guide (trained on --data, and from a checkpoint of the same events), and the refusals.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reclensJson, reclensRefusal } from '../testSupport/cli';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reclens-guide-'));
  await reclensJson('demo', '--out', dir, '--users', '200', '--seed', '5');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Items each user touched in the events file (exposures aside: what was shown is not history). */
async function histories(): Promise<Map<string, Set<string>>> {
  const [header, ...lines] = (await readFile(join(dir, 'events.csv'), 'utf8')).trim().split('\n');
  const col = header.split(',');
  const [u, i, e] = ['user_id', 'item_id', 'event_type'].map((c) => col.indexOf(c));
  const out = new Map<string, Set<string>>();
  for (const line of lines) {
    const f = line.split(',');
    if (f[e] === 'exposure') continue;
    if (!out.has(f[u])) out.set(f[u], new Set());
    out.get(f[u])!.add(f[i]);
  }
  return out;
}

describe('reclens guide', () => {
  it('prints per user a buy probability, top-K unseen items with score and uplift, and the top reason with its figures', async () => {
    const out = await reclensJson(
      'guide',
      '--data',
      join(dir, 'events.csv'),
      '--items',
      join(dir, 'items.csv'),
      '--k',
      '4',
      '--max-users',
      '5',
    );
    expect(out.model).toBe('itemknn');
    expect(out.users).toHaveLength(5);
    expect(out.notes).toEqual([]);
    expect(out.uplift.treatedPairs).toBeGreaterThan(0);
    expect(out.predictor.trainExamples + out.predictor.testExamples).toBeGreaterThan(150);
    const seen = await histories();
    for (const u of out.users) {
      expect(u.buyProbability).toBeGreaterThan(0);
      expect(u.buyProbability).toBeLessThan(1);
      expect(u.items).toHaveLength(4);
      const scores = u.items.map((i: { score: number }) => i.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const i of u.items) {
        expect(seen.get(u.user)?.has(i.item)).toBe(false);
        expect(Number.isFinite(i.uplift)).toBe(true);
        expect(typeof i.title).toBe('string');
      }
      // The text states the figure and its direction, matching the sign of the contribution beside it.
      expect(u.reason.text).toContain(u.reason.contribution > 0 ? 'raises the predicted buy probability' : 'lowers');
      expect(u.reason.text).toContain(Math.abs(u.reason.contribution).toFixed(2));
    }
  });

  it('takes another predictor’s probabilities from a file as reclens predict writes them, and refuses one out of [0, 1]', async () => {
    const probs = join(dir, 'predictions.csv');
    await writeFile(
      probs,
      ['user,label,p(will not buy),p(will buy)', 'u1,will buy,0.25,0.75', 'u3,will not buy,0.9,0.1', 'nobody,will buy,0,1'].join('\n'),
    );
    const data = ['--data', join(dir, 'events.csv'), '--model', 'pop', '--k', '1', '--max-users', '3'];
    const out = await reclensJson('guide', ...data, '--probabilities', probs);
    expect(out.probabilitySource).toBe('caller');
    expect(out.probabilitiesFile).toEqual({ path: probs, matched: 2, unknown: 1 });
    const byUser = Object.fromEntries(out.users.map((u: { user: string; buyProbability: number | null }) => [u.user, u.buyProbability]));
    expect(byUser).toEqual({ u1: 0.75, u2: null, u3: 0.1 });
    // The reasons still come from the logistic fit.
    expect(out.users[0].reason.text).toMatch(/(raises|lowers) the predicted buy probability/);
    await writeFile(probs, ['user,probability', 'u1,0.5', 'u2,1.5', 'u3,0.2', ''].join('\n'));
    expect(await reclensRefusal('guide', ...data, '--probabilities', probs)).toMatch(/line 3: "1.5" is not a probability in \[0, 1\]/);
  });

  it('works from a checkpoint of the same events, and refuses one trained on other events', async () => {
    const ckpt = join(dir, 'ckpt');
    await reclensJson('train', '--data', join(dir, 'events.csv'), '--model', 'pop', '--out', ckpt);
    const out = await reclensJson('guide', '--data', join(dir, 'events.csv'), '--checkpoint', ckpt, '--k', '2', '--max-users', '2');
    expect(out.model).toBe('pop');
    expect(out.users.map((u: { items: unknown[] }) => u.items.length)).toEqual([2, 2]);
    const other = join(dir, 'other.csv');
    await writeFile(
      other,
      ['user,item,event,time', ...Array.from({ length: 30 }, (_, k) => `v${k % 3},j${k % 5},view,${1_700_000_000 + k}`)].join('\n'),
    );
    expect(await reclensRefusal('guide', '--data', other, '--checkpoint', ckpt)).toMatch(/trained on other users or items/);
  });

  it('refuses bad flags before reading any file, and says once what a log without purchases or exposures lacks', async () => {
    expect(await reclensRefusal('guide', '--data', 'missing.csv', '--k', '0')).toMatch(/--k must be an integer in \[1, 1000\]/);
    expect(await reclensRefusal('guide', '--data', 'missing.csv', '--max-users', '2.5')).toMatch(/--max-users must be an integer/);
    expect(await reclensRefusal('guide', '--k', '3')).toMatch(/--data <events-file> is required/);
    const plain = join(dir, 'plain.csv');
    await writeFile(
      plain,
      ['user,item,event,time', ...Array.from({ length: 60 }, (_, k) => `u${k % 6},i${k % 9},view,${1_700_000_000 + 60 * k}`)].join('\n'),
    );
    const out = await reclensJson('guide', '--data', plain, '--model', 'pop', '--k', '2');
    expect(out.users).toHaveLength(6);
    expect(out.notes).toHaveLength(2);
    expect(out.notes[0]).toMatch(/no buy prediction: the log has no purchase events to learn buying from/);
    expect(out.notes[1]).toMatch(/no uplift: .*no exposure events/);
    for (const u of out.users) {
      expect(u.buyProbability).toBeNull();
      expect(u.reason).toBeNull();
      expect(u.items.every((i: { uplift: unknown }) => i.uplift === null)).toBe(true);
    }
  });
});

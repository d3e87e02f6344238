// End-to-end: reclens train → evaluate --checkpoint → recommend on the seeded demo (a few seconds).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { eventsCsv, itemsCsv, simulateDemo } from '../data/demo';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../bin/reclens.mjs');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens train / evaluate / recommend', () => {
  it('round-trips a checkpoint folder and refuses EASE above its item limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-rec-'));
    dirs.push(dir);
    const demo = simulateDemo({ users: 150, seed: 5 });
    await writeFile(join(dir, 'events.csv'), eventsCsv(demo.events));
    await writeFile(join(dir, 'items.csv'), itemsCsv(demo.items));
    const ck = join(dir, 'ck');
    const trained = JSON.parse(
      (await run(process.execPath, [bin, 'train', '--data', join(dir, 'events.csv'), '--model', 'pop', '--out', ck, '--json'])).stdout,
    );
    expect(trained.model).toBe('pop');
    const config = JSON.parse(await readFile(join(ck, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ format: 'reclens-checkpoint', version: 1, model: 'pop', backend: 'js', seed: 42 });

    const ev = JSON.parse(
      (await run(process.execPath, [bin, 'evaluate', '--checkpoint', ck, '--protocol', 'uni100', '--k', '5,10', '--json'])).stdout,
    );
    expect(ev).toMatchObject({ model: 'pop', protocol: 'uni100', sampled: true, backend: 'js', items: config.data.items });
    expect(ev.metrics['HR@10']).toBeGreaterThanOrEqual(ev.metrics['HR@5']);
    expect(ev.ci95['NDCG@10']).toHaveLength(2);

    const rec = JSON.parse(
      (
        await run(process.execPath, [
          bin,
          'recommend',
          '--checkpoint',
          ck,
          '--user',
          'u3',
          '--k',
          '4',
          '--items',
          join(dir, 'items.csv'),
          '--json',
        ])
      ).stdout,
    );
    expect(rec.recommendations).toHaveLength(4);
    expect(typeof rec.recommendations[0].title).toBe('string');
    const seen = new Set(rec.history.map((h: { item: string }) => h.item));
    expect(rec.recommendations.some((r: { item: string }) => seen.has(r.item))).toBe(false);

    const refused = await run(process.execPath, [
      bin,
      'evaluate',
      '--data',
      join(dir, 'events.csv'),
      '--model',
      'ease',
      '--params',
      'maxItems=100',
      '--json',
    ]).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatch(/EASE .* above the limit of 100 items/);
  });

  it('says so when every recommended item has the same score (itemknn for a history without neighbours)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-rec-'));
    dirs.push(dir);
    // Eight users each have six of items a–h in turn; "lonely" has two events with "solo", an item no one else has,
    // so no item is its neighbour.
    const rows = ['user,item,timestamp'];
    for (let u = 0; u < 8; u++) for (let k = 0; k < 6; k++) rows.push(`u${u},${'abcdefgh'[(u + k) % 8]},${1_700_000_000 + 1000 * u + k}`);
    rows.push('lonely,solo,1700090000', 'lonely,solo,1700090001');
    await writeFile(join(dir, 'events.csv'), rows.join('\n'));
    const recommend = async (user: string) =>
      JSON.parse(
        (
          await run(process.execPath, [
            bin,
            'recommend',
            '--data',
            join(dir, 'events.csv'),
            '--model',
            'itemknn',
            '--user',
            user,
            '--k',
            '3',
            '--json',
          ])
        ).stdout,
      );
    const lonely = await recommend('lonely');
    expect(new Set(lonely.recommendations.map((r: { score: number }) => r.score)).size).toBe(1);
    expect(lonely.note).toMatch(/^every listed item has the same score: the model has nothing in this history to rank them by/);
    const shared = await recommend('u0');
    expect(new Set(shared.recommendations.map((r: { score: number }) => r.score)).size).toBeGreaterThan(1);
    expect(shared.note).toBeUndefined();
  });

  it('refuses a checkpoint whose items.json no longer fits it, in evaluate, recommend and explain (issue #16)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-rec-'));
    dirs.push(dir);
    const demo = simulateDemo({ users: 80, seed: 6 });
    await writeFile(join(dir, 'events.csv'), eventsCsv(demo.events));
    const ck = join(dir, 'ck');
    await run(process.execPath, [bin, 'train', '--data', join(dir, 'events.csv'), '--model', 'pop', '--out', ck, '--json']);
    const items = JSON.parse(await readFile(join(ck, 'items.json'), 'utf8')) as string[];
    const cases: [string[], RegExp][] = [
      [
        [...items, ...items.map((i) => `${i}-copy`).slice(0, 50)],
        new RegExp(
          `items\\.json lists ${items.length + 50} item ids, but config\\.json says the model was trained on ${items.length} items`,
        ),
      ],
      [items.map(() => items[3]), /items\.json repeats ids/],
      [[...items].reverse(), /items\.json does not match the checksum config\.json records for it/],
    ];
    const commands = [
      ['evaluate', '--protocol', 'full'],
      ['recommend', '--user', 'u3'],
      ['explain', '--user', 'u3', '--method', 'occlusion'],
    ];
    for (const [[ids, reason], command] of cases.map((c, i) => [c, commands[i]] as const)) {
      await writeFile(join(ck, 'items.json'), JSON.stringify(ids));
      const refused = await run(process.execPath, [bin, ...command, '--checkpoint', ck, '--json']).catch((e) => e);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).error).toMatch(reason);
    }
  });
});

describe('reclens evaluate on degenerate data (issue #16)', () => {
  it('exits 1 with {"error"} when every user has one event, instead of printing zeros', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-rec-'));
    dirs.push(dir);
    const rows = Array.from({ length: 40 }, (_, u) => `u${u},i${(u * 7) % 13},view,${1_700_000_000 + u}`);
    await writeFile(join(dir, 'events.csv'), ['user_id,item_id,event_type,timestamp', ...rows].join('\n'));
    const refused = await run(process.execPath, [bin, 'evaluate', '--data', join(dir, 'events.csv'), '--model', 'pop', '--json']).catch(
      (e) => e,
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatch(/^no user has 3 or more interactions: leave-one-out needs/);
  });
});

// reclens explain --method knowledge on a seeded demo: the catalog travels in the checkpoint, each path's weight is
// the sum of the attribution `explain --method occlusion` gives its events, and bad settings are refused early.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsCsv, itemsCsv, simulateDemo } from '../data/demo';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../bin/reclens.mjs');
let dir = '';
let withCatalog = '';
let without = '';

interface Path {
  historyEvents: { event: number; item: string; value: number }[];
  relation: string;
  attribute: string;
  weight: number;
  share: number;
  text: string;
}
interface Knowledge {
  item: string;
  catalog: string;
  paths: Path[];
  totalPaths: number;
  topPathCheck: { pathDrop: number; randomDrop: number; holds: boolean; comparable: boolean; removed: number } | null;
}

const explain = async (...args: string[]) => JSON.parse((await run(process.execPath, [bin, 'explain', ...args, '--json'])).stdout);
const refused = async (...args: string[]): Promise<string> => {
  const e = await run(process.execPath, [bin, 'explain', ...args, '--json']).catch((err) => err);
  expect(e.code).toBe(1);
  return JSON.parse(e.stdout).error;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reclens-knowledge-'));
  const demo = simulateDemo({ users: 80, seed: 5 });
  await writeFile(join(dir, 'events.csv'), eventsCsv(demo.events));
  await writeFile(join(dir, 'items.csv'), itemsCsv(demo.items));
  withCatalog = join(dir, 'knn');
  without = join(dir, 'plain');
  const train = (out: string, items: string[]) =>
    run(process.execPath, [bin, 'train', '--data', join(dir, 'events.csv'), ...items, '--model', 'itemknn', '--out', out, '--json']);
  await Promise.all([train(withCatalog, ['--items', join(dir, 'items.csv')]), train(without, [])]);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reclens explain --method knowledge', () => {
  it("reads the checkpoint's catalog; each path's weight is the occlusion attribution of its events", async () => {
    const user = 'u3';
    const k: Knowledge = await explain('--method', 'knowledge', '--checkpoint', withCatalog, '--user', user, '--paths', '100');
    expect(k.catalog).toBe('checkpoint');
    expect(k.paths.length).toBeGreaterThan(0);
    expect(k.totalPaths).toBe(k.paths.length);
    const occ = await explain('--method', 'occlusion', '--checkpoint', withCatalog, '--user', user, '--item', k.item);
    const value = (e: number) => occ.attributions[e].value as number;
    for (const p of k.paths) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['historyEvents', 'relation', 'attribute', 'weight']));
      expect(p.weight).toBeCloseTo(
        p.historyEvents.reduce((s, e) => s + value(e.event), 0),
        5,
      );
      for (const e of p.historyEvents) expect(e.item).toBe(occ.attributions[e.event].item);
    }
    // Strongest first.
    for (let i = 1; i < k.paths.length; i++) expect(k.paths[i - 1].weight).toBeGreaterThanOrEqual(k.paths[i].weight);
    expect(k.topPathCheck!.removed).toBe(k.paths[0].historyEvents.length);
    expect(k.topPathCheck!.holds).toBe(k.topPathCheck!.comparable && k.topPathCheck!.pathDrop > k.topPathCheck!.randomDrop);
  }, 60_000);

  it('takes the catalog from --items, and refuses a checkpoint without one', async () => {
    const k: Knowledge = await explain('--method', 'knowledge', '--checkpoint', without, '--user', 'u3', '--items', join(dir, 'items.csv'));
    expect(k.catalog).toBe('items file');
    expect(await refused('--method', 'knowledge', '--checkpoint', without, '--user', 'u3')).toMatch(/need the item catalog/);
  }, 60_000);

  it('range-checks its settings before loading anything', async () => {
    expect(await refused('--method', 'knowledge', '--checkpoint', '/nonexistent', '--user', '1', '--paths', '0')).toMatch(
      /--paths must be an integer in \[1, 100\]/,
    );
    expect(await refused('--method', 'knowledge', '--checkpoint', '/nonexistent', '--user', '1', '--attribution', 'magic')).toMatch(
      /--attribution must be one of/,
    );
  });
});

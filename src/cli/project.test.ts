// reclens project on a seeded demo: the JSON holds the PCA of the checkpoint's own item vectors, the cap keeps the most
// interacted-with items, and bad settings or a model without item vectors are refused with the reason.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsCsv, itemsCsv, simulateDemo } from '../data/demo';
import { itemPopularity } from '../explain/projection';
import { pca } from '../lib/pca';
import { openCheckpoint } from '../rec/openCheckpoint';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../bin/reclens.mjs');
let dir = '';
let ck = '';

interface Projected {
  method: string;
  source: string;
  dim: number;
  total: number;
  shown: number;
  explained?: number[];
  items: { id: string; x: number; y: number; interactions: number; title?: string }[];
}

const project = async (...args: string[]): Promise<Projected> =>
  JSON.parse((await run(process.execPath, [bin, 'project', ...args, '--json'])).stdout);
const refused = async (...args: string[]): Promise<string> => {
  const e = await run(process.execPath, [bin, 'project', ...args, '--json']).catch((err) => err);
  expect(e.code).toBe(1);
  return JSON.parse(e.stdout).error;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reclens-project-'));
  const demo = simulateDemo({ users: 120, seed: 4 });
  await writeFile(join(dir, 'events.csv'), eventsCsv(demo.events));
  await writeFile(join(dir, 'items.csv'), itemsCsv(demo.items));
  ck = join(dir, 'mf');
  await run(process.execPath, [bin, 'train', '--data', join(dir, 'events.csv'), '--model', 'mf', '--out', ck, '--json']);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reclens project', () => {
  it("prints the PCA of the checkpoint's item vectors, one point per item, with titles from --items", async () => {
    const out = await project('--checkpoint', ck, '--items', join(dir, 'items.csv'));
    const opened = await openCheckpoint((f) => (existsSync(join(ck, f)) ? new Uint8Array(readFileSync(join(ck, f))) : null));
    if (!opened.ok) throw new Error(opened.reason);
    const { data, dim } = await opened.data.model.itemVectors!();
    const n = data.length / dim;
    const expected = pca(data, n, dim);
    expect(out).toMatchObject({ method: 'pca', total: n, shown: n });
    expect(out.items.map((i) => i.id)).toEqual(opened.data.checkpoint.items);
    out.items.forEach((it, i) => {
      expect(it.x).toBeCloseTo(expected.coords[i * 2], 3);
      expect(it.y).toBeCloseTo(expected.coords[i * 2 + 1], 3);
    });
    expect(out.explained![0]).toBeCloseTo(expected.explained[0], 3);
    expect(typeof out.items[0].title).toBe('string');
    const counts = itemPopularity(opened.data.checkpoint.split.sequences.items, n);
    expect(out.items.map((i) => i.interactions)).toEqual(Array.from(counts));
  });

  it('keeps the most interacted-with items under --max-items, and UMAP gives the same map for the same seed', async () => {
    const all = await project('--checkpoint', ck);
    const capped = await project('--checkpoint', ck, '--method', 'umap', '--max-items', '12', '--umap-epochs', '30', '--seed', '9');
    expect(capped).toMatchObject({ method: 'umap', shown: 12, total: all.total });
    const twelfth = [...all.items].sort((a, b) => b.interactions - a.interactions)[11].interactions;
    expect(capped.items.every((i) => i.interactions >= twelfth)).toBe(true);
    const again = await project('--checkpoint', ck, '--method', 'umap', '--max-items', '12', '--umap-epochs', '30', '--seed', '9');
    expect(again.items).toEqual(capped.items);
  }, 60_000);

  it("maps the items' texts through a local BERT with --source text (the app's tiny random-weight BERT: 32 dims)", async () => {
    const bert = resolve(__dirname, '../../public/models/tiny-bert');
    const out = await project('--checkpoint', ck, '--source', 'text', '--text-model', bert, '--items', join(dir, 'items.csv'));
    expect(out).toMatchObject({ source: 'text', dim: 32, method: 'pca' });
    expect(out.shown).toBe(out.total);
    expect(await refused('--checkpoint', ck, '--source', 'text', '--text-model', bert)).toContain('--source text needs --items');
  }, 60_000);

  it('refuses bad settings before reading the checkpoint, and a model without item vectors', async () => {
    expect(await refused('--checkpoint', '/nonexistent', '--method', 'tsne')).toBe('method must be one of pca, umap (got tsne)');
    expect(await refused('--checkpoint', '/nonexistent', '--max-items', '1e9')).toContain('--max-items must be an integer in [3, 20000]');
    expect(await refused('--checkpoint', '/nonexistent', '--source', 'text')).toContain('--source text needs --text-model');
    const pop = join(dir, 'pop');
    await run(process.execPath, [bin, 'train', '--data', join(dir, 'events.csv'), '--model', 'pop', '--out', pop, '--json']);
    expect(await refused('--checkpoint', pop)).toContain('pop has no item vectors to map');
  }, 60_000);
});

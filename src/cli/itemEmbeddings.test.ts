// End-to-end: reclens train --text-model --items --params itemText=augment → a checkpoint that evaluates by itself.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { eventsCsv, itemsCsv, simulateDemo } from '../data/demo';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../bin/reclens.mjs');
const tinyBert = resolve(__dirname, '../../public/models/tiny-bert');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it('trains sasrec with itemText=augment from a catalog and a BERT folder; the checkpoint evaluates without them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'reclens-itemtext-'));
  dirs.push(dir);
  const demo = simulateDemo({ users: 120, items: 40, seed: 3 });
  await writeFile(join(dir, 'events.csv'), eventsCsv(demo.events));
  await writeFile(join(dir, 'items.csv'), itemsCsv(demo.items));
  const ck = join(dir, 'ck');
  const params = 'itemText=augment,hidden=16,layers=1,heads=2,intermediate=32,maxLen=16,maxEpochs=2,batchSize=32';
  const data = ['--data', join(dir, 'events.csv'), '--model', 'sasrec', '--params', params, '--json'];
  await run(process.execPath, [bin, 'train', ...data, '--items', join(dir, 'items.csv'), '--text-model', tinyBert, '--out', ck]);
  const config = JSON.parse(await readFile(join(ck, 'config.json'), 'utf8'));
  expect(config.model).toBe('sasrec');
  // The text vectors travel in the checkpoint (safetensors header: u64 length, then JSON naming every tensor).
  const st = await readFile(join(ck, 'model.safetensors'));
  const header = JSON.parse(st.subarray(8, 8 + Number(st.readBigUInt64LE(0))).toString('utf8'));
  expect(Object.keys(header)).toEqual(expect.arrayContaining(['embeddings.itemText.vectors', 'embeddings.itemText.projection']));
  const ev = JSON.parse((await run(process.execPath, [bin, 'evaluate', '--checkpoint', ck, '--protocol', 'full', '--json'])).stdout);
  expect(ev.metrics['NDCG@10']).toBeGreaterThanOrEqual(0);

  const refused = await run(process.execPath, [bin, 'train', ...data, '--out', join(dir, 'no')]).catch((e) => e);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout).error).toMatch(/itemText "augment" needs item text embeddings/);
}, 120_000);

// `reclens explain --json` gives the reason's figures (reasonEvents, reasonShare, reasonStrength, reasonNoise), the
// method's sensitivity and each event's type, rating and time — from --data, or from a checkpoint plus its log.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../bin/reclens.mjs');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** 30 users rating 6 of 10 items each, in a rotating order, so item-kNN has neighbours to attribute to. */
function ratingsCsv(): string {
  const rows = ['user_id,item_id,event_type,rating,timestamp'];
  for (let u = 0; u < 30; u++)
    for (let k = 0; k < 6; k++) rows.push(`u${u},i${(u + k) % 10},rating,${((u + k) % 5) + 1},${1_000_000_000 + u * 100 + k}`);
  return rows.join('\n');
}

interface ExplainJson {
  attributions: { event: number; type: string | null; rating: number | null; time: number | null; value: number }[];
  reason: string;
  reasonEvents: number[];
  reasonShare: number;
  reasonStrength: 'mainly' | 'partly' | 'unreliable';
  reasonNoise: number;
  sensitivity: number | null;
}

/** What every reason must hold to: the e2e checks, here on the CLI's own JSON. */
function checkReason(out: ExplainJson) {
  expect(['mainly', 'partly', 'unreliable']).toContain(out.reasonStrength);
  for (const k of out.reasonEvents) expect(Math.abs(out.attributions[k].value)).toBeGreaterThanOrEqual(out.reasonNoise);
  const total = out.attributions.reduce((s, a) => s + Math.abs(a.value), 0);
  const named = out.reasonEvents.reduce((s, k) => s + Math.abs(out.attributions[k].value), 0);
  expect(out.reasonShare).toBeCloseTo(total > 0 ? named / total : 0, 9);
  if (/mainly/.test(out.reason)) expect(out.reasonShare).toBeGreaterThanOrEqual(0.5);
  expect(out.reason.includes('mainly')).toBe(out.reasonStrength === 'mainly');
}

it('explain --json: reason figures, sensitivity and event metadata, with --data and with --checkpoint plus its log', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'reclens-reasons-'));
  dirs.push(dir);
  const data = join(dir, 'ratings.csv');
  await writeFile(data, ratingsCsv());
  const flags = ['--user', 'u3', '--method', 'occlusion', '--json'];
  const fromData = JSON.parse(
    (await run(process.execPath, [bin, 'explain', '--data', data, '--model', 'itemknn', ...flags])).stdout,
  ) as ExplainJson;
  checkReason(fromData);
  // u3's history (all six events: explain reads the full history): items i3 … i8 rated (3 + k) % 5 + 1 at 1e9 + 300 + k.
  expect(fromData.attributions[0]).toMatchObject({ event: 0, type: 'rating', rating: 4, time: 1_000_000_300 });
  expect(fromData.attributions.map((a) => a.rating)).toEqual([4, 5, 1, 2, 3, 4]);
  expect(typeof fromData.sensitivity === 'number' || fromData.sensitivity === null).toBe(true);

  const ck = join(dir, 'ck');
  await run(process.execPath, [bin, 'train', '--data', data, '--model', 'itemknn', '--out', ck, '--json']);
  const bare = JSON.parse((await run(process.execPath, [bin, 'explain', '--checkpoint', ck, ...flags])).stdout) as ExplainJson;
  expect(bare.attributions[0]).toMatchObject({ type: null, rating: null, time: null });
  const withLog = JSON.parse(
    (await run(process.execPath, [bin, 'explain', '--checkpoint', ck, '--data', data, ...flags])).stdout,
  ) as ExplainJson;
  // Same model, same numbers: the log only adds what the events were.
  expect(withLog.attributions.map((a) => a.value)).toEqual(bare.attributions.map((a) => a.value));
  expect(withLog.attributions.map((a) => a.rating)).toEqual([4, 5, 1, 2, 3, 4]);
  expect(withLog.reasonEvents).toEqual(bare.reasonEvents);
  checkReason(withLog);

  const refused = await run(process.execPath, [bin, 'explain', '--checkpoint', ck, ...flags, '--sensitivity-drops', '11']).catch((e) => e);
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout).error).toMatch(/sensitivity-drops must be an integer in \[0, 10\]/);
}, 120_000);

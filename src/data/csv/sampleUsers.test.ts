// Sampling by users: seeded, about the asked share, whole users only, the same in one pass, in parts and in the CLI.
import { describe, expect, it } from 'vitest';
import { hashRange, parseSampleFraction, userSampler } from './sampleUsers';
import { loadEvents } from './load';
import { detectEventMapping } from './columns';
import { ingestInParts } from './parts';
import { inspectSample } from './reader';
import { bytesSource } from './source';

const ids = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);

function csv(users: number, perUser: number): Uint8Array {
  const lines = ['user_id,item_id,event_type,timestamp'];
  let t = 1_700_000_000;
  for (let k = 0; k < perUser; k++) for (let u = 0; u < users; u++) lines.push(`u${u},i${(u * 7 + k) % 50},view,${t++}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

describe('userSampler', () => {
  it('keeps about the asked share of users', () => {
    for (const p of [0.01, 0.1, 0.5]) {
      const kept = ids.filter(userSampler({ fraction: p, seed: 7 }).keep).length / ids.length;
      expect(Math.abs(kept - p)).toBeLessThan(0.01 + p * 0.1);
    }
  });

  it('is deterministic for a seed, differs across seeds, and nests: a user kept at p is kept at any larger p', () => {
    const a = ids.filter(userSampler({ fraction: 0.1, seed: 3 }).keep);
    expect(ids.filter(userSampler({ fraction: 0.1, seed: 3 }).keep)).toEqual(a);
    expect(ids.filter(userSampler({ fraction: 0.1, seed: 4 }).keep)).not.toEqual(a);
    const wider = new Set(ids.filter(userSampler({ fraction: 0.3, seed: 3 }).keep));
    expect(a.every((u) => wider.has(u))).toBe(true);
  });

  it('answers the same for a range of a longer text as for the id alone; p = 1 keeps everyone', () => {
    const s = userSampler({ fraction: 0.5, seed: 9 });
    for (const id of ids.slice(0, 500)) expect(s.keepRange(`x,${id},y`, 2, 2 + id.length)).toBe(s.keep(id));
    expect(hashRange('abc', 0, 3, 1)).toBe(hashRange('zabcz', 1, 4, 1));
    expect(ids.every(userSampler({ fraction: 1 }).keep)).toBe(true);
  });

  it('parses fractions and percentages, refusing what is out of (0, 1]', () => {
    expect(parseSampleFraction('0.1')).toEqual({ ok: true, data: 0.1 });
    expect(parseSampleFraction('25%')).toEqual({ ok: true, data: 0.25 });
    for (const bad of ['0', '-0.1', '1.5', 'abc', '', '200%']) expect(parseSampleFraction(bad).ok).toBe(false);
  });
});

describe('ingestion sampled by users', () => {
  it('keeps every event of the kept users and none of the others; rows = accepted + rejected + sampled out', async () => {
    const bytes = csv(400, 5);
    const full = await loadEvents(bytesSource('e.csv', bytes, 1000));
    const sampled = await loadEvents(bytesSource('e.csv', bytes, 1000), { sample: { fraction: 0.2, seed: 11 } });
    if (!full.ok || !sampled.ok) throw new Error('load failed');
    const keep = userSampler({ fraction: 0.2, seed: 11 }).keep;
    const expectedUsers = full.data.log.users.filter(keep);
    expect([...sampled.data.log.users].sort()).toEqual([...expectedUsers].sort());
    expect(sampled.data.log.length).toBe(expectedUsers.length * 5);
    const r = sampled.data.report;
    expect(r.sample).toEqual({ fraction: 0.2, seed: 11, sampledOut: 2000 - r.accepted });
    expect(r.rows).toBe(r.accepted + r.rejected + r.sample!.sampledOut);
    expect(r.warnings.some((w) => w.includes('sampled by users'))).toBe(true);
    expect(full.data.report.sample).toBeUndefined();
  });

  it('gives the same log parsed in parts (parallel workers) as in one pass', async () => {
    const bytes = csv(300, 4);
    const shaped = inspectSample('e.csv', bytes, bytes.length);
    if (!shaped.ok) throw new Error(shaped.reason);
    const mapping = detectEventMapping(shaped.data.header, shaped.data.sample);
    const sample = { fraction: 0.3, seed: 5 };
    const whole = await loadEvents(bytesSource('e.csv', bytes, 777), { sample });
    const split = await ingestInParts(bytesSource('e.csv', bytes, 777), shaped.data, mapping, 3, sample);
    if (!whole.ok || !split.ok) throw new Error('load failed');
    expect(split.data.log.users).toEqual(whole.data.log.users);
    for (const key of ['user', 'item', 'time', 'seqOrder'] as const)
      expect(Array.from(split.data.log[key])).toEqual(Array.from(whole.data.log[key]));
    expect(split.data.report.sample).toEqual(whole.data.report.sample);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateDemo } from './simulate';

const run = promisify(execFile);
const bin = resolve(__dirname, '../../../bin/reclens.mjs');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('reclens demo', () => {
  it('writes events.csv, items.csv and truth.json and reports them as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reclens-demo-'));
    dirs.push(dir);
    const out = join(dir, 'nested', 'demo');
    const { stdout } = await run(process.execPath, [bin, 'demo', '--out', out, '--seed', '3', '--users', '200', '--json']);
    const report = JSON.parse(stdout);
    const expected = simulateDemo({ seed: 3, users: 200 });
    expect(report).toMatchObject({ out, users: 200, items: 300, events: expected.events.length });
    expect(report.files).toEqual(['events.csv', 'items.csv', 'truth.json'].map((f) => join(out, f)));

    const events = Papa.parse<Record<string, string>>(await readFile(join(out, 'events.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(events.meta.fields).toEqual(['user_id', 'item_id', 'event_type', 'timestamp', 'session_id']);
    expect(events.data).toHaveLength(expected.events.length);
    const items = Papa.parse<Record<string, string>>(await readFile(join(out, 'items.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(items.meta.fields).toEqual(['item_id', 'title', 'category', 'price', 'description']);
    expect(items.data).toHaveLength(300);
    const ids = new Set(items.data.map((r) => r.item_id));
    expect(events.data.every((r) => ids.has(r.item_id))).toBe(true);

    const truth = JSON.parse(await readFile(join(out, 'truth.json'), 'utf8'));
    expect(truth.edges).toEqual(expected.truth.edges);
    expect(truth.effects['exposed->purchased'].ate).toBe(expected.truth.effects['exposed->purchased'].ate);
    expect(Object.keys(truth.variables)).toContain('purchased');
    expect(truth.seed).toBe(3);
  });

  it('fails cleanly without --out', async () => {
    const failed = await run(process.execPath, [bin, 'demo', '--json']).catch((e: { code: number; stdout: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect(JSON.parse((failed as { stdout: string }).stdout).error).toMatch(/--out/);
  });
});

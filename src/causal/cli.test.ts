// `reclens causal effect` end to end on the demo: with time-order tiers, PC alone finds the back-door set and AIPW's
// interval covers the planted effect while the naive difference's does not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/reclens.mjs');
const run = (...args: string[]) => JSON.parse(execFileSync('node', [BIN, ...args], { encoding: 'utf8' }));

describe('reclens causal effect', () => {
  it('recovers the demo effect from the data with tiers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reclens-causal-'));
    run('demo', '--out', dir, '--json');
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).effects['exposed->purchased'].ate as number;
    const out = run('causal', 'effect', '--data', join(dir, 'events.csv'), '--treatment', 'exposed', '--outcome', 'purchased', '--tiers', 'sessions;exposed;views,clicks,carts;purchased', '--bootstrap', '100', '--json');
    expect(out.adjustmentSet).toEqual(['sessions']);
    const covers = (ci: [number, number]) => ci[0] <= truth && truth <= ci[1];
    expect(covers(out.estimates.aipw.ci95)).toBe(true);
    expect(covers(out.estimates.naive.ci95)).toBe(false);
  });
});

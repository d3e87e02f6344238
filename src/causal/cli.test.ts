// `reclens causal effect` end to end on the demo: with time-order tiers, PC alone finds the back-door set and AIPW's
// interval covers the planted effect while the naive difference's does not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomLinearSem, sampleLinearSem } from './simulate';
import { compareGraphs } from './compare';

const BIN = resolve(__dirname, '../../bin/reclens.mjs');
const run = (...args: string[]) => JSON.parse(execFileSync('node', [BIN, ...args], { encoding: 'utf8' }));

describe('reclens causal effect', () => {
  it('recovers the demo effect from the data with tiers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reclens-causal-'));
    run('demo', '--out', dir, '--json');
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).effects['exposed->purchased'].ate as number;
    const out = run(
      'causal',
      'effect',
      '--data',
      join(dir, 'events.csv'),
      '--treatment',
      'exposed',
      '--outcome',
      'purchased',
      '--tiers',
      'sessions;exposed;views,clicks,carts;purchased',
      '--bootstrap',
      '100',
      '--json',
    );
    expect(out.adjustmentSet).toEqual(['sessions']);
    const covers = (ci: [number, number]) => ci[0] <= truth && truth <= ci[1];
    expect(covers(out.estimates.aipw.ci95)).toBe(true);
    expect(covers(out.estimates.naive.ci95)).toBe(false);
  });
});

describe('reclens causal discover --algo notears', () => {
  it('recovers a seeded linear-Gaussian DAG from a numeric table, with weights, and honours a forbidden edge', () => {
    const sem = randomLinearSem(6, 6, 5);
    const table = sampleLinearSem(sem, 2000, 6);
    const file = join(mkdtempSync(join(tmpdir(), 'reclens-notears-')), 'sem.csv');
    writeFileSync(
      file,
      [table.names.join(','), ...Array.from({ length: 2000 }, (_, i) => table.columns.map((c) => c[i].toFixed(6)).join(','))].join('\n'),
    );
    // A small λ: the L1 penalty shrinks every weight (by ~0.1 at the default 0.1). Raw scale, to compare with the planted weights.
    const out = run(
      'causal',
      'discover',
      '--data',
      file,
      '--algo',
      'notears',
      '--lambda',
      '0.02',
      '--no-standardize',
      '--backend',
      'cpu',
      '--json',
    );
    expect(out.algo).toBe('notears');
    expect(out.lambda).toBe(0.02);
    expect(out.variables).toEqual(table.names);
    expect(out.seconds).toBeGreaterThan(0);
    expect(compareGraphs(out.edges, sem.edges).shd).toBe(0);
    for (const e of out.edges) {
      const truth = sem.edges.find((t) => t.from === e.from && t.to === e.to)!;
      expect(Math.abs(e.weight - truth.weight)).toBeLessThan(0.1);
      expect(e.stability).toBeNull();
    }
    const [first] = sem.edges;
    const forbidden = run(
      'causal',
      'discover',
      '--data',
      file,
      '--algo',
      'notears',
      '--backend',
      'cpu',
      '--forbid',
      `${first.from}>${first.to}`,
      '--json',
    );
    expect(forbidden.edges.some((e: { from: string; to: string }) => e.from === first.from && e.to === first.to)).toBe(false);
  }, 60_000);
});

describe('reclens causal discover on degenerate tables (issue #16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reclens-degenerate-'));
  const write = (name: string, rows: number[][]) => {
    const file = join(dir, name);
    writeFileSync(file, ['a,b,c', ...rows.map((r) => r.join(','))].join('\n'));
    return file;
  };

  it('exits 1 with {"error"} on two rows, for PC and NOTEARS', () => {
    const file = write('two.csv', [
      [1, 2, 3],
      [2, 1, 5],
    ]);
    for (const algo of ['pc', 'notears']) {
      let failed: { status: number; stdout: string } | null = null;
      try {
        execFileSync('node', [BIN, 'causal', 'discover', '--data', file, '--algo', algo, '--backend', 'cpu', '--json'], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (e) {
        failed = e as { status: number; stdout: string };
      }
      expect(failed?.status).toBe(1);
      expect(JSON.parse(failed!.stdout).error).toMatch(/^(PC|NOTEARS) needs at least 10 rows for 3 variables .* but the data has 2/);
    }
  });

  it('lists collinear columns under "warnings" in the JSON, for PC and NOTEARS', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i % 7, 2 * (i % 7) + 1, (i * 37) % 11]);
    const file = write('collinear.csv', rows);
    for (const algo of ['pc', 'notears']) {
      const out = run('causal', 'discover', '--data', file, '--algo', algo, '--backend', 'cpu', '--json');
      expect(out.warnings).toEqual([expect.stringMatching(/^"a" and "b" are collinear \(r = 1\.000000\)/)]);
    }
  });
});

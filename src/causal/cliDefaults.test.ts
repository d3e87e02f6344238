// `reclens causal` defaults on the demo (issue #19, req. 7): with no knowledge flags the log's time order is applied,
// so PC's adjustment set is the planted {sessions} and AIPW covers the true 0.182; with --no-time-order the old
// failure ({sessions, clicks}) comes back, and a given graph that points backwards is flagged in the JSON.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/reclens.mjs');
const run = (...args: string[]) => JSON.parse(execFileSync('node', [BIN, ...args], { encoding: 'utf8' }));
const effectArgs = (file: string) => [
  'causal',
  'effect',
  '--data',
  file,
  '--treatment',
  'exposed',
  '--outcome',
  'purchased',
  '--bootstrap',
  '60',
];

describe('reclens causal defaults on the demo', () => {
  let dir = '';
  let truth = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reclens-causal-defaults-'));
    run('demo', '--out', dir, '--json');
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).effects['exposed->purchased'].ate as number;
  });

  it('applies the funnel time order by default and recovers the planted effect, with an E-value and what the checks cannot show', () => {
    const out = run(...effectArgs(join(dir, 'events.csv')), '--json');
    expect(out.timeOrder.derived).toEqual([['sessions'], ['exposed'], ['views'], ['clicks'], ['carts'], ['purchased']]);
    expect(out.timeOrder.applied).toEqual(out.timeOrder.derived);
    expect(out.adjustmentSet).toEqual(['sessions']);
    const ci = out.estimates.aipw.ci95 as [number, number];
    expect(ci[0] <= truth && truth <= ci[1]).toBe(true);
    expect(out.refutations.placebo.ci95[0]).toBeLessThanOrEqual(0);
    expect(out.sensitivity.eValue).toBeGreaterThan(1);
    expect(out.findings.at(-1)).toContain('cannot show that the adjustment set is right');
  });

  it('without the time order PC adjusts for a mediator (clicks), and says nothing is against an order it was not given', () => {
    const out = run(...effectArgs(join(dir, 'events.csv')), '--no-time-order', '--json');
    expect(out.timeOrder.applied).toBeNull();
    expect(out.adjustmentSet).toContain('clicks');
  });

  it('runs NOTEARS standardised with the time order by default: no edge into the past, near the planted graph', () => {
    const out = run(
      'causal',
      'discover',
      '--data',
      join(dir, 'events.csv'),
      '--algo',
      'notears',
      '--backend',
      'cpu',
      '--truth',
      join(dir, 'truth.json'),
      '--json',
    );
    expect(out.standardize).toBe(true);
    expect(out.threshold).toBe(0.1);
    expect(out.timeOrder.applied).toEqual(out.timeOrder.derived);
    // The raw-scale run drew purchased → sessions and purchased → carts; nothing may leave purchased now.
    expect(out.edges.filter((e: { from: string }) => e.from === 'purchased')).toEqual([]);
    expect(out.comparison.shd).toBeLessThanOrEqual(2);
  });

  it('flags the edges of a given graph that point against the time order', () => {
    const graph = join(dir, 'backwards.json');
    const edges = [
      { from: 'purchased', to: 'sessions' },
      { from: 'exposed', to: 'purchased' },
    ];
    writeFileSync(graph, JSON.stringify({ nodes: ['sessions', 'exposed', 'purchased'], edges }));
    const out = run(...effectArgs(join(dir, 'events.csv')), '--graph', graph, '--json');
    expect(out.graph.edges.filter((e: { againstTimeOrder?: boolean }) => e.againstTimeOrder)).toEqual([
      { from: 'purchased', to: 'sessions', againstTimeOrder: true },
    ]);
    expect(out.warnings).toContain('purchased → sessions points against the time order (sessions comes first)');
  });
});

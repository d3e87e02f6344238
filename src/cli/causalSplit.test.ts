// `reclens causal effect --split-at`: a treatment that is not 0/1 split at a threshold, the split in the JSON with each
// arm's rows (hand-counted below), the what-if named by the split, and a hint when the flag is missing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/reclens.mjs');
const run = (...args: string[]) => execFileSync('node', [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// x = 0…9 four times (40 rows; x ≥ 5 on 20 of them), y = 2 when x ≥ 5 else 0, plus 0, 0.1 or 0.2.
const file = join(mkdtempSync(join(tmpdir(), 'reclens-split-')), 'xy.csv');
writeFileSync(file, ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i % 10},${(i % 10 >= 5 ? 2 : 0) + (i % 3) * 0.1}`)].join('\n'));
const graph = join(mkdtempSync(join(tmpdir(), 'reclens-split-')), 'graph.json');
writeFileSync(graph, JSON.stringify({ nodes: ['x', 'y'], edges: [{ from: 'x', to: 'y' }] }));
const base = ['causal', 'effect', '--data', file, '--graph', graph, '--treatment', 'x', '--outcome', 'y', '--bootstrap', '20', '--json'];

describe('reclens causal effect --split-at', () => {
  it('splits x at 5: 20 rows treated, 20 control, and an effect near the planted 2', () => {
    const out = JSON.parse(run(...base, '--split-at', '5'));
    expect(out.split).toEqual({ threshold: 5, treated: 20, control: 20 });
    expect(Object.keys(out.whatIf)).toEqual(['do(x<5)', 'do(x≥5)']);
    expect(out.estimates.naive.ate).toBeCloseTo(2, 1);
  });

  it('says how to split a non-0/1 treatment, and refuses a threshold that empties an arm or is not a number', () => {
    const fails = (...extra: string[]) => {
      try {
        run(...base, ...extra);
        return '';
      } catch (e) {
        return String((e as { stdout?: string }).stdout ?? '');
      }
    };
    expect(fails()).toContain('split it with --split-at T: treated = x ≥ T');
    expect(fails('--split-at', '9.5')).toContain('x ≥ 9.5 leaves 0 row(s) at or above and 40 below');
    expect(fails('--split-at', 'high')).toContain('--split-at must be a number (got high)');
  });
});

// `reclens causal discover` reads event logs the way every other command does: a headerless ml-100k-style file and a
// file whose columns need --map both become per-user variables with the log's defaults, and a constant default is
// left out with a note on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/reclens.mjs');
const run = (...args: string[]) => {
  const r = spawnSync('node', [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout ? JSON.parse(r.stdout) : null, err: r.stderr };
};

/**
 * 40 users; user u rates n = 3 + (u mod 10) items, and the more they rate the higher: rating 1 + floor(n / 3). Their
 * events are spread evenly over ((13u) mod 7) + 1 days, so the time span does not follow the count.
 */
function ratingRows(): [number, number, number, number][] {
  const rows: [number, number, number, number][] = [];
  for (let u = 0; u < 40; u++) {
    const n = 3 + (u % 10);
    const span = (((13 * u) % 7) + 1) * 86400;
    for (let k = 0; k < n; k++)
      rows.push([
        u + 1,
        ((u * 7 + k) % 50) + 1,
        Math.min(5, 1 + Math.floor(n / 3)),
        880_000_000 + u * 1000 + Math.round((k * span) / (n - 1)),
      ]);
  }
  return rows;
}

describe('reclens causal discover on event logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reclens-causal-logs-'));

  it('reads a headerless tab-separated rating log (ml-100k u.data format) with the rating-log defaults', () => {
    const file = join(dir, 'u.data');
    writeFileSync(
      file,
      ratingRows()
        .map((r) => r.join('\t'))
        .join('\n') + '\n',
    );
    const r = run('causal', 'discover', '--data', file, '--json');
    expect(r.code).toBe(0);
    expect(r.out.variables).toEqual(['rating_mean', 'events', 'popularity', 'recencyDays', 'spanDays']);
    // rating_mean is a function of events here, so PC must join them.
    const joined = r.out.edges.some((e: { from: string; to: string }) => [e.from, e.to].sort().join() === 'events,rating_mean');
    expect(joined).toBe(true);
  });

  it('takes --map for unusual column names, and notes a constant default on stderr', () => {
    const file = join(dir, 'odd.csv');
    // Every shopper buys exactly twice: "events" is 2 for all and must be left out.
    const lines = ['shopper,thing,stars'];
    for (let u = 0; u < 30; u++) lines.push(`s${u},t${u % 7},${1 + (u % 5)}`, `s${u},t${(u * 3) % 11},${1 + ((u * 2) % 5)}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const r = run('causal', 'discover', '--data', file, '--map', 'user=shopper,item=thing,value=stars', '--json');
    expect(r.code).toBe(0);
    expect(r.out.variables).toEqual(['rating_mean', 'popularity']);
    expect(r.err).toContain('"events" is 2 for every user, so it is left out of the default variables');
  });
});

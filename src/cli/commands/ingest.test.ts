// `reclens ingest --json` as a user runs it: every physical line accounted for, hostile lines rejected, not fatal.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'reclens-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ingest = async (file: string, ...flags: string[]) =>
  JSON.parse((await run('node', ['bin/reclens.mjs', 'ingest', file, '--json', ...flags], { cwd: ROOT })).stdout);

describe('reclens ingest', () => {
  it('an unterminated quote at line 1040 costs that row; physicalLines = header + blank + continuation lines + rows', async () => {
    // Before: "rows 1039 = 1032 + 7", exit 0, no warning; the rest of the file was one malformed row.
    const lines = ['user_id,item_id,timestamp'];
    for (let i = 0; i < 3000; i++)
      lines.push(i === 1037 ? `u${i % 97},"i${i % 31},${1600000000 + i}` : `u${i % 97},i${i % 31},${1600000000 + i}`);
    lines.splice(500, 0, '');
    lines.push('u1,"two', 'lines",1600009999');
    const file = join(dir, 'quote.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const out = await ingest(file);
    expect([out.rows, out.accepted, out.rejected]).toEqual([3001, 3000, 1]);
    // The next quote, at the end of the file, opens a field of its own: it does not close this one.
    expect(out.rejectedRows).toEqual([
      {
        file: 'quote.csv',
        line: 1040,
        column: 2,
        reason: 'quote opened in column 2 is not closed (the next quote, 1963 line(s) on, is followed by other text)',
      },
    ]);
    expect([out.physicalLines, out.headerLines, out.blankLines, out.continuationLines]).toEqual([3004, 1, 1, 1]);
    expect(out.physicalLines).toBe(out.headerLines + out.blankLines + out.continuationLines + out.accepted + out.rejected);
  }, 60_000);

  it('--max-line-bytes sets the line limit; a longer line is one rejected row', async () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, `user_id,item_id,timestamp\nu1,i1,1600000000\nu2,${'x'.repeat(5000)},1600000001\nu3,i3,1600000002\n`);
    const out = await ingest(file, '--max-line-bytes', '4096');
    expect([out.accepted, out.rejectedByReason]).toEqual([2, { 'line too long': 1 }]);
    expect(out.rejectedRows[0]).toMatchObject({ line: 3, column: 1, reason: 'line longer than 4096 bytes' });
    expect((await ingest(file)).accepted).toBe(2); // 5 kB is no giant for the default 1 MiB (but an id over 1024 characters)
    await expect(run('node', ['bin/reclens.mjs', 'ingest', file, '--max-line-bytes', '0'], { cwd: ROOT })).rejects.toMatchObject({
      stderr: expect.stringContaining('--max-line-bytes must be a positive whole number of bytes'),
    });
  }, 60_000);
});

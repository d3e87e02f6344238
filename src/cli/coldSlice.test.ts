// reclens evaluate --slice: only the cold-start test cases (rec/coldStart), with their count; a bad slice is refused.
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

// Two users with 8 interactions (6 in training), one with 4 (2 in training) and one with 7 (5): two cold users.
const ROWS: [string, string[]][] = [
  ['u1', ['p', 'q', 'r', 's', 't', 'v', 'w', 'x']],
  ['u2', ['p', 'q', 'y', 'z']],
  ['u3', ['p', 'q', 'r', 's', 't', 'v', 'x']],
  ['u4', ['x', 'q', 'r', 's', 't', 'v', 'w', 'z']],
];

it('evaluates only the cold users or cold items, says so, and refuses an unknown slice', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'reclens-cold-'));
  dirs.push(dir);
  let time = 1_700_000_000;
  const csv = ['user_id,item_id,event_type,timestamp', ...ROWS.flatMap(([u, items]) => items.map((i) => `${u},${i},view,${time++}`))];
  const data = join(dir, 'events.csv');
  await writeFile(data, csv.join('\n') + '\n');
  const evaluate = async (...extra: string[]) =>
    JSON.parse(
      (await run(process.execPath, [bin, 'evaluate', '--data', data, '--model', 'pop', '--protocol', 'full', '--json', ...extra])).stdout,
    );
  expect((await evaluate()).users).toBe(4);
  expect(await evaluate('--slice', 'cold-users')).toMatchObject({ slice: 'cold-users', users: 2 });
  // Test items: x for u1 and u3 (in u4's training only: 1 interaction), z for u2 and u4 (none): all four are cold.
  expect(await evaluate('--slice', 'cold-items')).toMatchObject({ slice: 'cold-items', users: 4 });
  const text = (await run(process.execPath, [bin, 'evaluate', '--data', data, '--model', 'pop', '--slice', 'cold-users'])).stdout;
  expect(text).toContain('slice cold-users: the 2 test cases whose user has at most 5 training interactions');
  await expect(run(process.execPath, [bin, 'evaluate', '--data', data, '--model', 'pop', '--slice', 'warm'])).rejects.toMatchObject({
    stderr: expect.stringContaining('--slice must be one of cold-users, cold-items'),
  });
});

// Running the `reclens` CLI from tests as a user would (a child process): the JSON it prints, or the message it
// refuses with (exit code 1).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const run = promisify(execFile);
export const RECLENS_BIN = resolve(__dirname, '../../bin/reclens.mjs');

/** `reclens …args --json`, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of its own command's output
export async function reclensJson(...args: string[]): Promise<any> {
  return JSON.parse((await run(process.execPath, [RECLENS_BIN, ...args, '--json'])).stdout);
}

/** `reclens …args`, which must exit with 1: its stderr. */
export async function reclensRefusal(...args: string[]): Promise<string> {
  const r = await run(process.execPath, [RECLENS_BIN, ...args]).then(
    () => null,
    (e: { stderr: string; code: number }) => e,
  );
  expect(r?.code).toBe(1);
  return r!.stderr;
}

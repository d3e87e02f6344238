// The Python side of the PyTorch parity tests: finds a python with torch and pandas (RECLENS_PYTHON, then `python3`,
// then /usr/bin/python3, as .ci/run does) and runs the repository's python/reclens_torch with it. In CI a missing torch
// is a failure, not a skip: the parity the README claims would otherwise go unchecked without anyone noticing.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { findTorchPython } from '../../bench/lib/python';

export const ROOT = resolve(import.meta.dirname, '../..');

export const PYTHON = findTorchPython();

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `python3 <args>` in the repository root with python/ on PYTHONPATH, whatever its exit status. */
export function pythonRun(args: string[], input?: string): Run {
  if (!PYTHON) throw new Error('no python with torch');
  const r = spawnSync(PYTHON, args, {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONPATH: resolve(ROOT, 'python'), OMP_NUM_THREADS: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** pythonRun that throws with stderr when the command fails. */
export function python(args: string[], input?: string): Run {
  const r = pythonRun(args, input);
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r;
}

/** `node bin/reclens.mjs <args>` (the CLI as users run it); throws with stderr when it fails. */
export function reclens(args: string[]): Run {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/reclens.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`reclens ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * describe() when a python with torch is there; otherwise a skipped suite locally, and in CI a failing test that says
 * what is missing.
 */
export function describePython(name: string, body: () => void): void {
  if (PYTHON) describe(name, body);
  else if (process.env.CI)
    describe(name, () =>
      it('finds a python with torch and pandas', () => {
        throw new Error(
          'no python with torch and pandas (tried RECLENS_PYTHON, python3, /usr/bin/python3): .ci/run installs python3-torch',
        );
      }),
    );
  else describe.skip(`${name} (no python with torch)`, body);
}

// The python that has torch, pandas and numpy, found as .ci/run finds it: RECLENS_PYTHON, then `python3`, then
// /usr/bin/python3 (where Debian's python3-torch lives even when a pyenv `python3` shadows it). For the PyTorch parity
// tests (tests/python), bench:torch and bench:beauty; and running the benches' child commands.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './report';

export function findTorchPython(): string | null {
  for (const py of [process.env.RECLENS_PYTHON, 'python3', '/usr/bin/python3']) {
    if (py && spawnSync(py, ['-c', 'import torch, pandas, numpy'], { encoding: 'utf8', timeout: 60_000 }).status === 0) return py;
  }
  return null;
}

/**
 * stdout of `cmd argv` run from the repository root, with python/ on PYTHONPATH (reclens_torch) and `env` added; throws
 * with the tail of stderr when it fails.
 */
export function runChecked(cmd: string, argv: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, PYTHONPATH: resolve(ROOT, 'python'), ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}:\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

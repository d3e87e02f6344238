// The python that has torch, pandas and numpy, found as .ci/run finds it: RECLENS_PYTHON, then `python3`, then
// /usr/bin/python3 (where Debian's python3-torch lives even when a pyenv `python3` shadows it). For the PyTorch parity
// tests (tests/python) and bench:torch.
import { spawnSync } from 'node:child_process';

export function findTorchPython(): string | null {
  for (const py of [process.env.RECLENS_PYTHON, 'python3', '/usr/bin/python3']) {
    if (py && spawnSync(py, ['-c', 'import torch, pandas, numpy'], { encoding: 'utf8', timeout: 60_000 }).status === 0) return py;
  }
  return null;
}

// `python -m reclens_torch train` refuses bad settings with the reason, as `reclens train` does: an unknown key (a
// misspelt setting must not silently train with the default), an out-of-range value, an impossible combination, a
// feature the package does not have; the process exits 1 and writes no checkpoint. A run is seeded: the same seed
// gives byte-identical weights. And a benchmark with its own validation (bench/reference/beauty_bert4rec.py) can end a fit.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describePython, pythonRun, ROOT } from './python';

const DATA = resolve(ROOT, 'e2e/fixtures/small-shop-events.csv');

function refused(extra: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'reclens-pycli-')), 'ckpt');
  const r = pythonRun(['-m', 'reclens_torch', 'train', '--data', DATA, '--model', 'sasrec', '--out', out, ...extra]);
  expect(r.status).toBe(1);
  expect(existsSync(out)).toBe(false);
  return r.stderr;
}

describePython('reclens_torch train: settings checked with reasons', () => {
  it('an out-of-range value names the setting, its range and the value', () => {
    expect(refused(['--params', 'hidden=0'])).toContain('hidden must be an integer in [1, 4096] (got 0)');
    expect(refused(['--params', 'dropout=1'])).toContain('dropout must be a number in [0, 1) (got 1)');
    expect(refused(['--epochs', '0'])).toContain('--epochs must be an integer in [1, 100000] (got 0)');
  });

  it('an unknown key is refused, not ignored', () => {
    expect(refused(['--params', 'epochs=3'])).toMatch(/unknown setting\(s\) 'epochs' for sasrec/);
  });

  it('hidden must split over the heads; itemText is not in the package', () => {
    expect(refused(['--params', 'hidden=30,heads=4'])).toContain('hidden (30) must be divisible by heads (4)');
    expect(refused(['--params', 'itemText=init'])).toContain('itemText=init is not supported by reclens_torch');
  });
});

describePython('reclens_torch train: seeded', () => {
  it('the same seed gives the same weights; another seed other weights', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reclens-pyseed-'));
    const weights = (name: string, seed: string) => {
      const out = join(dir, name);
      const args = ['-m', 'reclens_torch', 'train', '--data', DATA, '--model', 'bert4rec', '--out', out, '--epochs', '2', '--seed', seed];
      const r = pythonRun([...args, '--params', 'hidden=16,heads=2,layers=1,intermediate=32,maxLen=16']);
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).sha256['model.safetensors'] as string;
    };
    const a = weights('a', '7');
    expect(weights('b', '7')).toBe(a);
    expect(weights('c', '8')).not.toBe(a);
  });
});

describePython('reclens_torch train: a benchmark stops the fit from on_epoch', () => {
  it('returning True after epoch 2 of 6 ends the fit there, as early stopping', () => {
    const script = `
import json, numpy as np
from reclens_torch.data import read_events
from reclens_torch.split import leave_one_out
from reclens_torch.train import train
log = read_events(${JSON.stringify(DATA)})
split = leave_one_out(log)
split['numItems'] = len(log['items'])
seen = []
def on_epoch(epoch, model, entry):
    seen.append(epoch)
    return epoch == 2
_, _, result, _ = train(split, 'bert4rec', {'hidden': 16, 'heads': 2, 'layers': 1, 'intermediate': 32, 'maxLen': 16,
                         'maxEpochs': 6}, seed=1, device='cpu', on_epoch=on_epoch, hold_out=False)
print(json.dumps({'seen': seen, 'epochs': result['epochs'], 'stoppedBy': result['stoppedBy']}))
`;
    const r = pythonRun(['-c', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ seen: [1, 2], epochs: 2, stoppedBy: 'early-stopping' });
  });
});

// A 2-process DistributedDataParallel run on CPU (gloo) trains and writes a checkpoint that `reclens evaluate
// --checkpoint` evaluates: the multi-process path of #22, with torchrun's own launcher (reclens_torch.torchrun is
// torchrun with a fix for Debian's torch 1.13 on Python 3.11).
import { mkdtempSync, readFileSync } from 'node:fs';
import { readSafetensors } from '../../src/lib/safetensors';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describePython, python, reclens, ROOT } from './python';

describePython('torchrun --nproc_per_node 2 (gloo)', () => {
  it('trains bert4rec on 2 processes, and the CLI evaluates the checkpoint rank 0 wrote', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'reclens-ddp-')), 'ddp');
    const run = python([
      '-m',
      'reclens_torch.torchrun',
      '--nproc_per_node',
      '2',
      '-m',
      'reclens_torch',
      'train',
      '--data',
      resolve(ROOT, 'e2e/fixtures/small-shop-events.csv'),
      '--model',
      'bert4rec',
      '--out',
      out,
      '--epochs',
      '2',
      '--params',
      'hidden=16,heads=2,layers=1,intermediate=32,maxLen=16,batchSize=149',
      '--json',
    ]);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(result).toMatchObject({ model: 'bert4rec', ranks: 2, epochs: 2, device: 'cpu' });
    // All 150 users train (bert4rec needs one item): batches of 149 and 1 per epoch. The 1-row batch has fewer rows than
    // ranks and is skipped by both (one rank alone would wait forever on the gradient all-reduce): 1 step per epoch.
    expect(result.steps).toBe(2);
    // One checkpoint: only rank 0 writes, and only rank 0 prints the result.
    expect(
      run.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{')).length,
    ).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).backend).toBe('pytorch-cpu');
    const evaluated = JSON.parse(reclens(['evaluate', '--checkpoint', out, '--json']).stdout);
    expect(evaluated).toMatchObject({ model: 'bert4rec', users: 144, items: 293 });
    expect(evaluated.metrics['NDCG@10']).toBeGreaterThanOrEqual(0);
  });

  it("2 ranks train the weights one process trains: the step is the mean over every rank's targets, not of the ranks' means", () => {
    // sasrec without dropout, every user in one batch: the ranks hold different numbers of targets (histories differ
    // in length), so weighting each rank's mean equally would give other gradients than one process's mean.
    const dir = mkdtempSync(join(tmpdir(), 'reclens-ddp-same-'));
    const train = (ranks: number) => {
      const out = join(dir, `r${ranks}`);
      const args = ['-m', 'reclens_torch', 'train', '--data', resolve(ROOT, 'e2e/fixtures/small-shop-events.csv'), '--model', 'sasrec'];
      const rest = [
        '--out',
        out,
        '--epochs',
        '3',
        '--seed',
        '5',
        '--params',
        'hidden=16,heads=2,layers=1,intermediate=32,maxLen=16,batchSize=512,dropout=0',
      ];
      python(ranks === 1 ? [...args, ...rest] : ['-m', 'reclens_torch.torchrun', '--nproc_per_node', String(ranks), ...args, ...rest]);
      const bytes = readFileSync(join(out, 'model.safetensors'));
      const st = readSafetensors(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      if (!st.ok) throw new Error(st.reason);
      return st.data.tensors;
    };
    const one = train(1);
    const two = train(2);
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    let worst = 0;
    let moved = 0;
    for (const [name, t] of one) {
      const u = two.get(name)!;
      for (let i = 0; i < t.data.length; i++) {
        worst = Math.max(worst, Math.abs(t.data[i] - u.data[i]));
        if (t.data[i] !== 0) moved++;
      }
    }
    expect(moved).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-5);
  });
});

// Which epoch an interrupted run keeps as its best, and what its entry says.
import { describe, expect, it } from 'vitest';
import { bestFileReader, improvesBest, stoppedNotice, withBestFiles } from './interruptedRun';

describe('interrupted run', () => {
  it('keeps the epoch with the highest validation NDCG@10, ties to the later epoch', () => {
    // Epochs 1..5 validated at 0.10, 0.30, 0.20, 0.30, 0.25: the saved best goes 1 → 2 → 4 (the tie with epoch 2).
    const figures = [0.1, 0.3, 0.2, 0.3, 0.25];
    let best: { epoch: number; ndcg10: number } | undefined;
    const kept: number[] = [];
    figures.forEach((ndcg10, i) => {
      if (improvesBest(best, ndcg10)) {
        best = { epoch: i + 1, ndcg10 };
        kept.push(i + 1);
      }
    });
    expect(kept).toEqual([1, 2, 4]);
    expect(best).toEqual({ epoch: 4, ndcg10: 0.3 });
  });

  it('never keeps an epoch without a finite validation figure', () => {
    expect(improvesBest(undefined, undefined)).toBe(false);
    expect(improvesBest(undefined, Number.NaN)).toBe(false);
    expect(improvesBest(undefined, 0)).toBe(true);
    expect(improvesBest({ epoch: 1, ndcg10: 0.2 }, 0.19)).toBe(false);
  });

  it('names the epoch it stopped at, of how many, and its best epoch', () => {
    expect(stoppedNotice({ epoch: 10, maxEpochs: 30, best: { epoch: 8, ndcg10: 0.05 } })).toBe('stopped at epoch 10 of 30 (best epoch 8)');
  });

  it('keeps the best epoch config and weights beside the run files, sharing their ids and split', () => {
    const run = { 'config.json': 'run', 'model.safetensors': Uint8Array.of(1), 'users.json': 'u', 'items.json': 'i', 'split.json': 's' };
    const best = { 'config.json': 'best', 'model.safetensors': Uint8Array.of(2), 'users.json': 'u', 'items.json': 'i', 'split.json': 's' };
    const both = withBestFiles(run, best);
    expect(Object.keys(both).sort()).toEqual(['best/config.json', 'best/model.safetensors', ...Object.keys(run)].sort());
    const read = bestFileReader(both);
    expect([read('config.json'), read('model.safetensors'), read('users.json'), read('split.json')]).toEqual([
      'best',
      Uint8Array.of(2),
      'u',
      's',
    ]);
    // A run saved before any epoch was best (or by an older version) has no best weights: nothing to read, not the run's.
    expect(bestFileReader(run)('model.safetensors')).toBeNull();
  });
});

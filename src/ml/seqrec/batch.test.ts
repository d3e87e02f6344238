// Batch layout: left padding, positions counted from the end, next-item and Cloze targets, length-bucketed epochs.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { clozeBatch, epochBatches, inferenceBatch, sasrecBatch } from './batch';
import { defaultConfig } from './config';

const sas = { ...defaultConfig('sasrec', 9, [4]), maxLen: 3 };
const bert = { ...defaultConfig('bert4rec', 9, [4]), maxLen: 3, maskProb: 0.5, lastMaskShare: 0 };

describe('batch building', () => {
  it('sasrec: inputs s[0..n-2] (newest maxLen), targets shifted by one, left-padded', () => {
    const { arrays, targets } = sasrecBatch([{ items: [0, 1, 2, 3, 4] }, { items: [7, 8] }], sas);
    expect(arrays.len).toBe(3);
    expect(Array.from(arrays.ids)).toEqual([2, 3, 4, 0, 0, 8]);
    expect(Array.from(arrays.pos)).toEqual([2, 1, 0, 0, 0, 0]);
    expect(Array.from(arrays.mask)).toEqual([1, 1, 1, 0, 0, 1]);
    expect(Array.from(targets.flat)).toEqual([0, 1, 2, 5]);
    expect(Array.from(targets.items)).toEqual([2, 3, 4, 8]);
  });

  it('inference: sasrec reads the newest maxLen items; bert4rec appends [MASK] after maxLen − 1', () => {
    expect(Array.from(inferenceBatch([{ items: [0, 1, 2, 3] }], sas).ids)).toEqual([2, 3, 4]);
    const b = inferenceBatch([{ items: [0, 1, 2, 3], events: [0, 1, 0, 1] }], bert);
    expect(Array.from(b.ids)).toEqual([3, 4, 10]);
    expect(Array.from(b.types)).toEqual([1, 2, 0]);
  });

  it('bert4rec: masked positions carry the targets, at least one per row', () => {
    const rng = createRng(3);
    for (let t = 0; t < 20; t++) {
      const { arrays, targets } = clozeBatch([{ items: [4, 5, 6] }, { items: [1] }], bert, rng);
      expect(targets.flat.length).toBeGreaterThanOrEqual(2);
      targets.flat.forEach((f, k) => {
        expect(arrays.ids[f]).toBe(10);
        expect(targets.items[k]).toBe(f < 3 ? [4, 5, 6][f] : 1);
      });
    }
  });

  it('epochBatches covers every user once, in batches of similar length', () => {
    const lengths = [5, 1, 9, 2, 8, 3, 7, 4];
    const batches = epochBatches([...lengths.keys()], (u) => lengths[u], 2, createRng(1));
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const b of batches) expect(Math.abs(lengths[b[0]] - lengths[b[1]])).toBeLessThanOrEqual(2); // sorted: (1,2) (3,4) (5,7) (8,9)
  });
});

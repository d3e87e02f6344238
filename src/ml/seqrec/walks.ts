// Seeded sequences for training steps that need no data: the start-up thread check (wasmThreadProbe.ts) and the
// benches' side-by-side SASRec step (bench/side/seqrec.ts).
import type { Rng } from '../../lib/rng';
import type { SeqInput } from './batch';

/**
 * `count` walks over `numItems` items with small forward jumps, `length` items each, so there is something to learn; at
 * maxLen + 1 items every one of the maxLen positions carries a target and none is padding.
 */
export function catalogWalks(rng: Rng, numItems: number, count: number, length: number): SeqInput[] {
  return Array.from({ length: count }, () => {
    const items = [rng.int(numItems)];
    while (items.length < length) items.push((items[items.length - 1] + 1 + rng.int(8)) % numItems);
    return { items };
  });
}

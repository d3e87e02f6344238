// npm run bench's ingestion goal: the verdict it writes into BENCHMARKS.md follows the median of the pair-by-pair
// ratios it prints beside it, not one good pair.
import { describe, expect, it } from 'vitest';
import { ingestVerdict, pairRatio, stats } from '../../bench/side/markdown';

describe('the ingestion verdict', () => {
  it('is met only when the median pair reaches pandas, and shows that median with the pairs’ range', () => {
    const short = stats([0.8, 0.79, 1.02, 0.81, 0.83]);
    expect(ingestVerdict(short, "in the app's worker")).toBe("not met in the app's worker (0.81× pair by pair, pairs 0.79×–1.02×)");
    expect(pairRatio(short)).toBe('0.81× (0.79×–1.02×)');
    expect(ingestVerdict(stats([1.01, 0.97, 1.06]), 'in Node')).toBe('met in Node (1.01× pair by pair, pairs 0.97×–1.06×)');
    expect(ingestVerdict(stats([0.999, 1.2, 0.99]), 'in Node')).toMatch(/^not met in Node/);
  });
});

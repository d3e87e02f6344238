// The estimate made before parsing: rows from bytes, columnar bytes, the budget, and the share of users to keep.
import { describe, expect, it } from 'vitest';
import { estimateLoad, estimateRows, LOG_BYTES_PER_EVENT, memoryBudget, PEAK_FACTOR, reservableRows } from './memoryEstimate';
import { inspectSample } from './reader';

describe('memory estimate', () => {
  it('estimates rows from the sample of a large file within a few percent', () => {
    const lines = ['user_id,item_id,event_type,timestamp'];
    for (let i = 0; i < 100_000; i++) lines.push(`u${i % 977},i${i % 131},view,${1_700_000_000 + i}`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const shape = inspectSample('e.csv', bytes.subarray(0, 256 * 1024), bytes.length);
    if (!shape.ok) throw new Error(shape.reason);
    expect(Math.abs(shape.data.estimatedRows! - 100_000) / 100_000).toBeLessThan(0.05);
    expect(estimateRows(1000, 100, 10, true)).toBe(99);
    expect(estimateRows(1000, 0, 0, false)).toBe(0);
  });

  it('never reserves columns for more than one row per 8 bytes of file, whatever the estimate', () => {
    expect(reservableRows(5_000_000, 184_000_000)).toBe(5_000_000);
    expect(reservableRows(50_000_000, 200_000_000)).toBe(25_000_000);
    expect(reservableRows(undefined, 1000)).toBe(0);
  });

  it('uses navigator.deviceMemory when known, 4 GiB when not, and an explicit budget over both', () => {
    expect(memoryBudget(8)).toBe(2 * 2 ** 30);
    expect(memoryBudget(undefined)).toBe(2 ** 30);
    expect(memoryBudget(8, 123)).toBe(123);
  });

  it('fits a 5M-event log in a 1 GiB budget; offers a tidy share of users for one that does not', () => {
    const five = estimateLoad(5_000_000, 200e6, 2 ** 30);
    expect(five.logBytes).toBe(5_000_000 * LOG_BYTES_PER_EVENT);
    expect(five.fits).toBe(true);
    expect(five.suggestedFraction).toBe(1);
    const big = estimateLoad(100_000_000, 4e9, 2 ** 30);
    expect(big.fits).toBe(false);
    expect(big.suggestedFraction).toBeLessThan(1);
    expect(big.peakBytes * big.suggestedFraction).toBeLessThanOrEqual(big.budgetBytes);
    expect(big.peakBytes).toBe(big.logBytes * PEAK_FACTOR);
  });
});

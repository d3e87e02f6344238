import { describe, expect, it } from 'vitest';
import { decideWasmThreads, shouldCheckThreads } from './wasmThreads';

const rule = { minCores: 4, minSpeedup: 1.1 };

describe('wasm threads rule', () => {
  it('runs the check only on isolated pages with at least 4 logical cores', () => {
    expect(shouldCheckThreads({ cores: 2, isolated: true })).toBe(false);
    expect(shouldCheckThreads({ cores: 3, isolated: true })).toBe(false);
    expect(shouldCheckThreads({ cores: 4, isolated: false })).toBe(false);
    expect(shouldCheckThreads({ cores: 4, isolated: true })).toBe(true);
    expect(shouldCheckThreads({ cores: 16, isolated: true })).toBe(true);
  });

  it('keeps 1 thread on 2 cores even when two measured faster (the cap would give one anyway)', () => {
    expect(decideWasmThreads({ cores: 2, isolated: true }, { one: 10, two: 30 })).toEqual({
      threads: 1,
      reason: 'few-cores',
      cores: 2,
      rule,
    });
  });

  it('keeps 1 thread without cross-origin isolation', () => {
    expect(decideWasmThreads({ cores: 8, isolated: false }, { one: 10, two: 30 })).toEqual({
      threads: 1,
      reason: 'not-isolated',
      cores: 8,
      rule,
    });
  });

  it('lifts to 2 threads when they measured at least 1.1× faster', () => {
    // 11 / 10 = 1.1 exactly: enough.
    expect(decideWasmThreads({ cores: 4, isolated: true }, { one: 10, two: 11 })).toEqual({
      threads: 2,
      reason: 'faster',
      cores: 4,
      rule,
      rates: { one: 10, two: 11 },
    });
  });

  it('keeps 1 thread when two were not clearly faster (10.9 vs 10 steps/s is within noise)', () => {
    const d = decideWasmThreads({ cores: 8, isolated: true }, { one: 10, two: 10.9 });
    expect(d.threads).toBe(1);
    expect(d.reason).toBe('not-faster');
    expect(d.rates).toEqual({ one: 10, two: 10.9 });
    expect(decideWasmThreads({ cores: 8, isolated: true }, { one: 12, two: 8 }).threads).toBe(1);
  });

  it('keeps 1 thread when the check failed or measured nothing usable', () => {
    expect(decideWasmThreads({ cores: 8, isolated: true }, new Error('threaded wasm did not start'))).toEqual({
      threads: 1,
      reason: 'check-failed',
      cores: 8,
      rule,
      error: 'threaded wasm did not start',
    });
    expect(decideWasmThreads({ cores: 8, isolated: true }, { one: 0, two: 5 }).reason).toBe('check-failed');
    expect(decideWasmThreads({ cores: 8, isolated: true }, { one: 5, two: Number.NaN }).threads).toBe(1);
    expect(decideWasmThreads({ cores: 8, isolated: true }).reason).toBe('check-failed');
  });
});

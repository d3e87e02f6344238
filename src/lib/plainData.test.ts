// Plain data as storage and files give it back: accepted; code, class instances and deep nesting: refused.
import { describe, expect, it } from 'vitest';
import { isPlainData } from './plainData';

describe('isPlainData', () => {
  it('accepts what JSON and IndexedDB give back', () => {
    expect(isPlainData({ a: [1, 'x', null, undefined, true], b: { c: new Float32Array([1]) } })).toBe(true);
  });

  it('refuses functions, class instances and nesting past the limit', () => {
    expect(isPlainData({ f: () => 1 })).toBe(false);
    expect(isPlainData({ d: new Date(0) })).toBe(false);
    // Twelve nested arrays: the innermost is at depth 11, the last one allowed by default.
    expect(isPlainData(JSON.parse('['.repeat(12) + ']'.repeat(12)))).toBe(true);
    expect(isPlainData(JSON.parse('['.repeat(13) + ']'.repeat(13)))).toBe(false);
    expect(isPlainData([[[]]], 3)).toBe(true);
    expect(isPlainData([[[[]]]], 3)).toBe(false);
  });
});

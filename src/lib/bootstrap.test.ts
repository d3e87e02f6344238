import { describe, expect, it } from 'vitest';
import { resampler } from './bootstrap';
import { createRng } from './rng';

describe('resampler', () => {
  it('draws n indices in [0, n) per resample, the same as rng.int(n) in row order', () => {
    const next = resampler(50, 7);
    const rng = createRng(7);
    for (let b = 0; b < 3; b++) {
      const rows = next();
      expect(rows).toHaveLength(50);
      expect(Array.from(rows)).toEqual(Array.from({ length: 50 }, () => rng.int(50)));
    }
  });

  it('reuses one buffer when asked, and draws fresh ones otherwise', () => {
    const shared = resampler(10, 1, { reuse: true });
    expect(shared()).toBe(shared());
    const fresh = resampler(10, 1);
    expect(fresh()).not.toBe(fresh());
  });
});

import { describe, expect, it } from 'vitest';
import { longTailLayout } from './longTailLayout';

describe('longTailLayout', () => {
  const points = [
    { rank: 1, count: 1000 },
    { rank: 10, count: 100 },
    { rank: 100, count: 10 },
    { rank: 1000, count: 1 },
  ];
  // Inner box: x 52..584 (532 px), y 10..164 (154 px), both over three decades.
  const layout = longTailLayout(points, 10, 600, 200);

  it('puts a power law on a straight line: equal steps per decade on both axes', () => {
    // Rank 1 (1000 interactions) at the top left, rank 1000 (one) at the bottom right.
    expect(layout.d).toBe('M52,10L229.333,61.333L406.667,112.667L584,164');
  });

  it('ticks every decade on both axes and marks the head at its last rank', () => {
    expect(layout.xTicks.map((t) => t.value)).toEqual([1, 10, 100, 1000]);
    expect(layout.yTicks.map((t) => t.value)).toEqual([1, 10, 100, 1000]);
    expect(layout.headX).toBeCloseTo(229.333, 3);
  });

  it('has no head marker and an empty line without items', () => {
    const empty = longTailLayout([], 0, 600, 200);
    expect(empty.headX).toBeNull();
    expect(empty.d).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { barLayout } from './barLayout';
import { activityLayout } from './activityLayout';

describe('chart layouts', () => {
  it('bars are proportional to values and stacked in rows', () => {
    const l = barLayout(
      [
        { label: 'view', value: 100, colour: '#000' },
        { label: 'cart', value: 25, colour: '#111' },
      ],
      600,
      30,
      100,
      100,
    );
    expect(l.height).toBe(68);
    expect(l.bars.map((b) => b.y)).toEqual([4, 34]);
    expect(l.bars[0].w).toBeCloseTo(400);
    expect(l.bars[1].w).toBeCloseTo(100);
  });
  it('activity columns span the time axis and their heights follow counts', () => {
    const day = 86400;
    const l = activityLayout(
      [
        { start: 0, end: day, count: 10 },
        { start: day, end: 2 * day, count: 5 },
      ],
      460,
      200,
      true,
    );
    const [a, b] = l.columns;
    expect(a.x).toBe(l.margin.left);
    expect(b.x + b.w + 1).toBeCloseTo(460 - l.margin.right);
    expect(a.h).toBeCloseTo(2 * b.h);
    expect(l.yTicks[0].value).toBe(0);
  });
});

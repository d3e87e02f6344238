import { expect, it } from 'vitest';
import { reliabilityLayout } from './reliabilityLayout';

it('places bins at (predicted, observed) on [0, 1] squared, the diagonal corner to corner, dots by count', () => {
  // Plot: x 48…284, y 16…160 (width 300, height 200, margins 48 / 16 / 16 / 40).
  const l = reliabilityLayout({
    series: [
      {
        name: 'model',
        bins: [
          { predicted: 0.25, observed: 0.5, count: 100 },
          { predicted: 0.75, observed: 1, count: 25 },
        ],
      },
    ],
    width: 300,
    height: 200,
  });
  expect(l.diagonal).toEqual({ x1: 48, y1: 160, x2: 284, y2: 16 });
  const [a, b] = l.series[0].dots;
  expect([a.cx, a.cy]).toEqual([107, 88]);
  expect([b.cx, b.cy]).toEqual([225, 16]);
  // Area ∝ count: a quarter of the examples, half the radius.
  expect(a.r).toBe(9);
  expect(b.r).toBeCloseTo(4.5, 10);
  expect(l.series[0].d).toBe('M107,88L225,16');
});

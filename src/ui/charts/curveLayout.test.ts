import { describe, expect, it } from 'vitest';
import { curveLayout } from './curveLayout';

describe('curveLayout', () => {
  const l = curveLayout({
    loss: [
      { x: 1, y: 6 },
      { x: 2, y: 5 },
      { x: 3, y: 4 },
    ],
    val: [
      { x: 2, y: 0.02 },
      { x: 3, y: 0.04 },
    ],
    width: 600,
    height: 200,
  });

  it('spans the plot with the shared x: first epoch at the left edge, last at the right', () => {
    // margins 56 / 56: x = 1 → 56, x = 3 → 600 − 56 = 544.
    expect(l.loss.d.startsWith('M56,')).toBe(true);
    expect(l.val.dots.map((d) => d.cx)).toEqual([300, 544]);
    // Half epochs are left out: an epoch count is whole.
    expect(l.xTicks.map((t) => t.v)).toEqual([1, 2, 3]);
  });

  it('gives each metric its own scale: both reach the top and the bottom of the plot', () => {
    // loss 4…6 and NDCG 0.02…0.04 each fill [top 22, bottom 200 − 34 = 166].
    expect(l.loss.ticks.at(0)).toEqual({ v: 4, y: 166 });
    expect(l.loss.ticks.at(-1)).toEqual({ v: 6, y: 22 });
    expect(l.val.dots.map((d) => d.cy)).toEqual([166, 22]);
    expect(l.val.ticks.at(0)?.v).toBeCloseTo(0.02, 12);
  });

  it('draws a single point in the middle of its axis', () => {
    const one = curveLayout({ loss: [{ x: 1, y: 5 }], val: [{ x: 1, y: 0.03 }], width: 300, height: 200 });
    expect(one.val.dots[0].cy).toBeCloseTo(94, 6);
    // x: the plot's middle, (56 + 244) / 2 = 150, with one tick there.
    expect(one.loss.dots[0].cx).toBe(150);
    expect(one.xTicks.map((t) => t.v)).toEqual([1]);
  });

  it('prints each axis with the decimals its tick step needs', () => {
    // NDCG 0.0142…0.0158: ticks every 0.0005 need four decimals; loss 7.38…7.43 every 0.01 needs two.
    const close = curveLayout({
      loss: [
        { x: 1, y: 7.43 },
        { x: 2, y: 7.38 },
      ],
      val: [
        { x: 1, y: 0.0142 },
        { x: 2, y: 0.0158 },
      ],
      width: 600,
      height: 200,
    });
    expect(close.val.digits).toBe(4);
    const lossLabels = close.loss.ticks.map((t) => t.v.toFixed(close.loss.digits));
    expect(new Set(lossLabels).size).toBe(lossLabels.length);
    expect(close.val.ticks.map((t) => t.v.toFixed(close.val.digits))).toEqual(['0.0140', '0.0145', '0.0150', '0.0155', '0.0160']);
  });
});

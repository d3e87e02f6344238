import { describe, expect, it } from 'vitest';
import { ciBarLayout } from './ciBarLayout';

describe('CI bar layout', () => {
  it('gives the ticks the decimals that tell them apart, however small the figures', () => {
    // A sparse shop log's NDCG@10 (Taobao's sample: 0.0003 [0, 0.0009]): three decimals printed "0, 0, 0, 0.001, 0.001".
    const l = ciBarLayout([{ label: 'sasrec', value: 0.0003, lo: 0, hi: 0.0009 }], 560, 240);
    const labels = l.yTicks.map((d) => d.value.toFixed(l.tickDigits));
    expect(l.tickDigits).toBe(4);
    expect(new Set(labels).size).toBe(labels.length);
    expect(ciBarLayout([{ label: 'a', value: 0.05, lo: 0.04, hi: 0.06 }], 560, 240).tickDigits).toBe(2);
  });
  it('positive values stand on zero at the bottom of the plot', () => {
    const l = ciBarLayout([{ label: 'a', value: 2, lo: 1, hi: 3 }], 300, 200);
    expect(l.baseline).toBe(200 - l.margin.bottom);
    expect(l.bars[0].y + l.bars[0].h).toBeCloseTo(l.baseline);
  });
  it('negative values and CIs extend the axis below zero; their bars hang from zero', () => {
    const l = ciBarLayout(
      [
        { label: 'a', value: -0.5, lo: -0.8, hi: -0.2 },
        { label: 'b', value: 0.5, lo: 0.4, hi: 0.6 },
      ],
      300,
      200,
    );
    const [neg, pos] = l.bars;
    expect(l.baseline).toBeLessThan(200 - l.margin.bottom);
    expect(neg.y).toBeCloseTo(l.baseline);
    expect(neg.h).toBeCloseTo(pos.h);
    expect(neg.yLo).toBeLessThanOrEqual(200 - l.margin.bottom);
    expect(l.labelY).toBeGreaterThan(neg.yLo);
  });
});

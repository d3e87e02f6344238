import { describe, expect, it } from 'vitest';
import { barLayout } from './barLayout';
import { charsIn, clipName, labelColumnWidth } from './labelFit';

describe('label fit', () => {
  it('keeps the id of an item named apart by it, clipping the middle', () => {
    expect(clipName('smartphone · apple #1004856', 30)).toBe('smartphone · apple #1004856');
    expect(clipName('smartphone · apple #1004856', 20)).toBe('smartphone… #1004856');
    expect(clipName('smartphone · apple #1004870', 20)).not.toBe(clipName('smartphone · apple #1004856', 20));
    expect(clipName('electronics.audio.headphone', 12)).toBe('electronics…');
    // An id too long to keep with some of the title is clipped like any label.
    expect(clipName('lego #2640036312345', 10)).toBe('lego #264…');
  });

  it('sizes the label column to its longest label within a share of the chart, and clips labels to it', () => {
    expect(labelColumnWidth(['view', 'cart'], 560)).toBe(90);
    const long = 'smartphone · samsung #1004767';
    expect(labelColumnWidth([long], 560)).toBe(Math.ceil(long.length * 6.8) + 12);
    expect(labelColumnWidth([long.repeat(3)], 560)).toBe(224);
    const l = barLayout(
      [
        { label: long.repeat(3), value: 2, colour: '#000' },
        { label: 'sofa #17200454', value: 1, colour: '#111' },
      ],
      560,
    );
    expect(l.labelWidth).toBe(224);
    expect(l.bars[0].text).toHaveLength(charsIn(224));
    expect(l.bars[0].text.endsWith('… #1004767')).toBe(true);
    expect(l.bars[0].label).toBe(long.repeat(3));
    expect(l.bars[1].text).toBe('sofa #17200454');
  });
});

import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from './eventLogBuilder';
import { itemLabels } from './eventLog';

describe('itemLabels', () => {
  it('uses catalog titles, categories and text where known and falls back to the id', () => {
    const b = new EventLogBuilder();
    for (const item of ['a', 'b', 'c']) b.add({ user: 'u', item, event: 'view', time: 1, value: NaN });
    const log = b.build();
    const catalog = {
      ids: ['b', 'a'],
      title: ['Bee', ''],
      description: ['striped', ''],
      category: ['Insects', 'Letters'],
      price: Float64Array.of(1, 2),
    };
    expect(itemLabels(log, catalog)).toEqual({
      titles: ['a', 'Bee', 'c'],
      names: ['a', 'Bee', 'c'],
      categories: ['Letters', 'Insects', null],
      texts: ['Letters', 'Bee. Insects. striped', 'c'],
    });
    expect(itemLabels(log, null).titles).toEqual(['a', 'b', 'c']);
  });

  it('names items that share a title apart by their ids, and keeps the shared title for what a model reads', () => {
    const b = new EventLogBuilder();
    for (const item of ['1004856', '1004767', '26400363']) b.add({ user: 'u', item, event: 'view', time: 1, value: NaN });
    const log = b.build();
    const catalog = {
      ids: ['1004856', '1004767', '26400363'],
      title: ['smartphone · samsung', 'smartphone · samsung', 'lego'],
      description: ['', '', ''],
      category: ['electronics.smartphone', 'electronics.smartphone', 'kids.toys'],
      price: Float64Array.of(1, 2, 3),
    };
    const labels = itemLabels(log, catalog);
    expect(labels.names).toEqual(['smartphone · samsung #1004856', 'smartphone · samsung #1004767', 'lego']);
    expect(labels.titles).toEqual(['smartphone · samsung', 'smartphone · samsung', 'lego']);
    expect(labels.texts[0]).toBe('smartphone · samsung. electronics.smartphone');
  });
});

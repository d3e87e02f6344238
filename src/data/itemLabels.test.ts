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
      categories: ['Letters', 'Insects', null],
      texts: ['Letters', 'Bee. Insects. striped', 'c'],
    });
    expect(itemLabels(log, null).titles).toEqual(['a', 'b', 'c']);
  });
});

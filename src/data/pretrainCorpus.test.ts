import { describe, expect, it } from 'vitest';
import { EventLogBuilder } from './eventLogBuilder';
import { pretrainCorpus } from './pretrainCorpus';
import type { ItemCatalog } from './eventLog';

function log() {
  const b = new EventLogBuilder();
  let t = 0;
  const add = (user: string, item: string, event: string) => b.add({ user, item, event, time: ++t, value: NaN });
  add('u1', 'a', 'view');
  add('u1', 'a', 'purchase');
  add('u2', 'b', 'view');
  add('u3', 'b', 'view');
  add('u3', 'z', 'exposure');
  return b.build();
}
const catalog: ItemCatalog = {
  ids: ['a', 'b'],
  title: ['Fargo', 'Heat'],
  description: ['', 'A heist.'],
  category: ['Crime', 'Crime'],
  price: Float64Array.of(1, 2),
};

describe('pretraining corpus', () => {
  it('takes described items and one description per user, without repeats or bare ids', () => {
    const r = pretrainCorpus(log(), catalog, { catalog: true, behavior: true, maxTexts: 100, seed: 1 });
    if (!r.ok) throw new Error(r.reason);
    // Item z has no catalog row: left out. u2 and u3 both only viewed Heat: one text.
    expect(r.data.texts).toEqual([
      'Fargo. Crime',
      'Heat. Crime. A heist.',
      'viewed Fargo (Crime), then bought Fargo (Crime).',
      'viewed Heat (Crime).',
    ]);
    expect(r.data).toMatchObject({ fromCatalog: 2, fromBehavior: 2, capped: 0 });
  });

  it('caps with a seeded sample and says how many it left out', () => {
    const a = pretrainCorpus(log(), catalog, { catalog: true, behavior: true, maxTexts: 2, seed: 4 });
    const b = pretrainCorpus(log(), catalog, { catalog: true, behavior: true, maxTexts: 2, seed: 4 });
    expect(a.ok && a.data.texts).toHaveLength(2);
    expect(a.ok && a.data.capped).toBe(2);
    expect(a).toEqual(b);
  });

  it('refuses an empty choice, a missing catalog and an out-of-range cap', () => {
    expect(pretrainCorpus(log(), catalog, { catalog: false, behavior: false, maxTexts: 5, seed: 1 }).ok).toBe(false);
    const r = pretrainCorpus(log(), null, { catalog: true, behavior: false, maxTexts: 5, seed: 1 });
    expect(!r.ok && r.reason).toMatch(/no item catalog/);
    expect(pretrainCorpus(log(), catalog, { catalog: true, behavior: true, maxTexts: 0, seed: 1 }).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { PopularityRecommender } from './models/popularity';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointConfig } from './checkpoint';
import { decodeCatalog, encodeCatalog } from './checkpointCatalog';
import type { ItemCatalog } from '../data/eventLog';

const catalog: ItemCatalog = {
  ids: ['a', 'b'],
  title: ['Fargo (1996)', 'Heat (1995)'],
  description: ['', 'crime'],
  category: ['Crime|Drama', 'Action'],
  brand: ['', 'Acme'],
  price: Float64Array.of(NaN, 9.5),
};

async function checkpointFiles(withCatalog: boolean) {
  const model = new PopularityRecommender();
  const config: CheckpointConfig = {
    format: 'reclens-checkpoint',
    version: 1,
    model: 'pop',
    backend: 'js',
    settings: {},
    seed: 1,
    trainSeconds: 0,
    createdAt: '2026-01-01T00:00:00Z',
    data: { source: 'x', users: 1, items: 2, interactions: 2 },
    split: { kind: 'leave-one-out', events: null, targetEvents: null },
  };
  const split = {
    numUsers: 1,
    numItems: 2,
    sequences: { offsets: Uint32Array.of(0, 2), items: Int32Array.of(0, 1) },
    isTarget: Uint8Array.of(1, 1),
    valPos: Int32Array.of(-1),
    testPos: Int32Array.of(-1),
    options: { events: null, targetEvents: null },
  };
  model.importState({ settings: {}, tensors: { popularity: { shape: [2], data: Float32Array.of(1, 1) } } });
  const state = await model.exportState();
  return encodeCheckpoint({ config, users: ['u'], items: ['a', 'b'], split, state, ...(withCatalog ? { catalog } : {}) });
}

describe('the catalog in a checkpoint', () => {
  it('round-trips every column, unknown prices included', () => {
    const back = decodeCatalog(encodeCatalog(catalog));
    expect(back.ok && back.data).toEqual(catalog);
  });

  it('refuses a catalog whose columns do not match its ids', () => {
    const j = JSON.parse(encodeCatalog(catalog));
    expect(decodeCatalog(JSON.stringify({ ...j, title: ['only one'] })).ok).toBe(false);
    expect(decodeCatalog(JSON.stringify({ ...j, price: ['9'] })).ok).toBe(false);
    expect(decodeCatalog('{').ok).toBe(false);
  });

  it('is written with a checksum and read back; a checkpoint without one has no catalog', async () => {
    const files = (await checkpointFiles(true)) as Record<string, string | Uint8Array>;
    expect(JSON.parse(files['config.json'] as string).sha256['catalog.json']).toMatch(/^[0-9a-f]{64}$/);
    const back = await decodeCheckpoint((f) => files[f] ?? null);
    expect(back.ok && back.data.catalog).toEqual(catalog);
    const edited: Record<string, string | Uint8Array> = {
      ...files,
      'catalog.json': encodeCatalog({ ...catalog, title: ['Other', 'Heat (1995)'] }),
    };
    expect(await decodeCheckpoint((f) => edited[f] ?? null)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/catalog\.json does not match/),
    });
    const plain = (await checkpointFiles(false)) as Record<string, string | Uint8Array>;
    expect('catalog.json' in plain).toBe(false);
    const r = await decodeCheckpoint((f) => plain[f] ?? null);
    expect(r.ok && r.data.catalog).toBeNull();
  });
});

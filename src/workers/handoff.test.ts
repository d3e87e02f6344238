// The ML worker's side of the core→ML hand-over: a delivered dataset is held for training, claimed by the page, saved.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { openDatasetStore } from '../data/datasetStore';
import { summarise } from '../data/summary';
import { HandedDatasets } from './handoff';
import { ModelWorkspace } from '../rec/modelWorkspace';

const demo = loadDemo({ users: 60, seed: 2 });
const payload = { name: 'shop.csv', log: demo.log, catalog: demo.catalog, summary: summarise(demo.log), reports: [], truth: null };

describe('HandedDatasets', () => {
  it('holds a delivered dataset for the models, and a claim made before it arrives waits for it', async () => {
    const models = new ModelWorkspace();
    const handed = new HandedDatasets(models);
    const claim = handed.claim('ds-1', 5_000);
    handed.deliver('ds-1', payload);
    expect(await claim).toBe(true);
    expect(models.datasetOf('ds-1').log.length).toBe(demo.log.length);
    expect(await handed.claim('ds-2', 10)).toBe(false);
  });

  it('saves a held dataset in IndexedDB, and says so when it holds none (the page saves it then)', async () => {
    const handed = new HandedDatasets(new ModelWorkspace());
    handed.deliver('ds-1', payload);
    const saved = await handed.save('ds-1', 'stored-1');
    expect(saved?.ok && saved.data).toMatchObject({ id: 'stored-1', events: demo.log.length });
    const store = await openDatasetStore();
    const back = store.ok ? await store.data.load('stored-1') : null;
    expect(back?.ok && Array.from(back.data.log.item)).toEqual(Array.from(demo.log.item));
    expect(await handed.save('ds-9', 'stored-9')).toBeNull();
    handed.remove('ds-1');
    expect(await handed.save('ds-1', 'stored-1')).toBeNull();
  });
});

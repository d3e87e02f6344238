import { describe, expect, it, beforeEach } from 'vitest';
import { useApp } from './index';
import { loadDemo } from '../data/demo';
import { summarise } from '../data/summary';

const initial = useApp.getState();

describe('data slice', () => {
  beforeEach(() => useApp.setState(initial, true));
  it('a failed load keeps the open dataset active and records the report', () => {
    const { log, catalog, truth } = loadDemo({ users: 50, seed: 1 });
    const id = useApp.getState().datasetAdded({ name: 'demo', log, catalog, summary: summarise(log), reports: [], truth });
    useApp.getState().loadFailed('broken.csv: no row could be used', []);
    const s = useApp.getState();
    expect(s.activeDatasetId).toBe(id);
    expect(s.datasets).toHaveLength(1);
    expect(s.lastLoad).toMatchObject({ ok: false });
  });
  it('closing the active dataset activates the previous one', () => {
    const { log, catalog } = loadDemo({ users: 20, seed: 2 });
    const payload = { name: 'a', log, catalog, summary: summarise(log), reports: [], truth: null };
    const a = useApp.getState().datasetAdded(payload);
    const b = useApp.getState().datasetAdded({ ...payload, name: 'b' });
    useApp.getState().removeDataset(b);
    expect(useApp.getState().activeDatasetId).toBe(a);
  });
});

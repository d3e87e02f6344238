// The ML worker's embeddingMap call: the model's item vectors by its id, UMAP progress in epochs, and Cancel.
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../data/demo';
import { createMlHandler } from './mlHandler';

describe('mlHandler.embeddingMap', () => {
  it("maps a trained model's items, reports UMAP epochs, stops on cancel and names a missing text source", async () => {
    const ml = createMlHandler();
    const { log, catalog } = loadDemo({ users: 40, items: 30, seed: 3 });
    await ml.addDataset('d', log, { catalog, truthEdges: null });
    const info = await ml.train({ datasetId: 'd', model: 'mf', settings: { factors: 4 }, seed: 1 }, 'train', () => {});

    const pca = await ml.embeddingMap({ modelId: info.id, source: 'model', settings: {} }, 't1', () => {});
    if (!pca.ok) throw new Error(JSON.stringify(pca.reason));
    expect(pca.data).toMatchObject({ method: 'pca', dim: 4, total: log.items.length });
    expect(pca.data.items).toHaveLength(log.items.length);

    const epochs: number[] = [];
    const umap = await ml.embeddingMap({ modelId: info.id, source: 'model', settings: { method: 'umap', epochs: 40 } }, 't2', (p) => {
      epochs.push(p.done);
    });
    expect(umap.ok && umap.data.method).toBe('umap');
    expect(epochs.at(-1)).toBe(40);

    const cancelled = ml.embeddingMap({ modelId: info.id, source: 'model', settings: { method: 'umap', epochs: 2000 } }, 't3', (p) => {
      if (p.done >= 16) ml.cancel('t3');
    });
    await expect(cancelled).rejects.toThrow('Cancelled');

    expect(await ml.embeddingMap({ modelId: info.id, source: 'text', settings: {} }, 't4', () => {})).toEqual({
      ok: false,
      reason: { kind: 'no-text' },
    });
  });
});

// How the store takes a worker restart: which unloaded models can be reopened, and that a core worker crash changes nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '.';
import type { TrainedModelInfo } from '../rec/train';
import { WorkerCrashedError } from '../workers/supervisor';

vi.mock('./mlActions', () => ({ chooseBackend: vi.fn(async () => {}) }));
const { handleWorkerRestart } = await import('./workerRestarts');

const initial = useApp.getState();
beforeEach(() => useApp.setState(initial, true));

describe('handleWorkerRestart', () => {
  it('says which unloaded models can be reopened from the browser and which must be trained again', () => {
    const info = (id: string, savedAs?: string): TrainedModelInfo => ({
      id,
      name: id,
      datasetId: 'd',
      settings: {},
      seed: 1,
      backend: 'js',
      trainSeconds: 0,
      validation: { ndcg10: 0, hr10: 0 },
      curve: [],
      notices: [],
      ...(savedAs ? { savedAs } : {}),
    });
    useApp.getState().modelTrained(info('a', 'd/a/1'));
    useApp.getState().modelTrained(info('b'));
    handleWorkerRestart('ML', new WorkerCrashedError('ML', 'boom'));
    expect(useApp.getState().modelError).toMatch(
      /2 model\(s\) .* unloaded; 1 of them can be opened again from “Saved in this browser” in the Model view; train the others again\.$/,
    );
  });

  it('a core (parsing) worker crash leaves the store as it was', () => {
    const before = useApp.getState();
    handleWorkerRestart('core', new WorkerCrashedError('core', 'boom'));
    expect(useApp.getState()).toBe(before);
  });
});

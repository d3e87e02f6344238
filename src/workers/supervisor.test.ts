// A worker that dies mid-task: the call fails with a reason, the task leaves the store, the worker is replaced, the
// store keeps its datasets and lets go of the models that lived in the dead worker.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as Comlink from 'comlink';
import { loadDemo } from '../data/demo';
import { summarise } from '../data/summary';
import { useApp } from '../store';
import { runTask } from '../store/runTask';
import { WorkerCrashedError, WorkerSupervisor, type WorkerLike } from './supervisor';
import type { TrainedModelInfo } from '../rec/train';

vi.mock('../store/mlActions', () => ({ chooseBackend: vi.fn(async () => {}) }));
const { handleWorkerRestart } = await import('../store/workerRestarts');
const { chooseBackend } = await import('../store/mlActions');

/** A worker whose calls never answer until told to, and that can die. */
class FakeWorker implements WorkerLike {
  private onError: ((e: { message?: string }) => void) | null = null;
  terminated = false;
  addEventListener(_type: 'error', listener: (e: { message?: string }) => void) {
    this.onError = listener;
  }
  terminate() {
    this.terminated = true;
  }
  die(message: string) {
    this.onError?.({ message });
  }
}

interface Api {
  train(n: number): Promise<string>;
  ping(): Promise<string>;
}

function harness() {
  const workers: FakeWorker[] = [];
  const pending: { resolve: (v: string) => void }[] = [];
  const fakeRemote = (w: FakeWorker) =>
    ({
      train: () => new Promise<string>((resolve) => pending.push({ resolve })),
      ping: async () => `pong from worker ${workers.indexOf(w) + 1}`,
    }) as unknown as Comlink.Remote<Api>;
  const supervisor = new WorkerSupervisor<Api>(
    'ML',
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    (w) => fakeRemote(w as FakeWorker),
  );
  return { supervisor, workers, pending };
}

const initial = useApp.getState();
beforeEach(() => useApp.setState(initial, true));

describe('WorkerSupervisor', () => {
  it('starts the worker on first use, not before', async () => {
    const { supervisor, workers } = harness();
    expect(workers).toHaveLength(0);
    expect(await supervisor.remote.ping()).toBe('pong from worker 1');
    expect(workers).toHaveLength(1);
  });

  it('fails the calls in flight when the worker dies, terminates it, and starts a new one for the next call', async () => {
    const { supervisor, workers } = harness();
    const restarts: string[] = [];
    supervisor.onRestart((name, e) => restarts.push(`${name}: ${e.message}`));
    const a = supervisor.remote.train(1);
    const b = supervisor.remote.train(2);
    workers[0].die('Uncaught RangeError: Array buffer allocation failed');
    await expect(a).rejects.toThrow(WorkerCrashedError);
    await expect(b).rejects.toThrow(
      'The ML worker stopped (Uncaught RangeError: Array buffer allocation failed); it has been restarted. Run the task again.',
    );
    expect(workers[0].terminated).toBe(true);
    expect(supervisor.crashes).toBe(1);
    expect(restarts).toHaveLength(1);
    expect(supervisor.started).toBe(false);
    expect(await supervisor.remote.ping()).toBe('pong from worker 2');
    // A late error from the old worker changes nothing.
    workers[0].die('late');
    expect(supervisor.crashes).toBe(1);
    expect(await supervisor.remote.ping()).toBe('pong from worker 2');
  });

  it('answers calls normally while the worker lives', async () => {
    const { supervisor, pending } = harness();
    const call = supervisor.remote.train(1);
    await Promise.resolve();
    pending[0].resolve('trained');
    expect(await call).toBe('trained');
    expect(supervisor.crashes).toBe(0);
  });

  it('is not thenable, so awaiting the remote itself is not a call', async () => {
    const { supervisor, workers } = harness();
    expect(await (supervisor.remote as unknown as Promise<unknown>)).toBe(supervisor.remote);
    expect(workers).toHaveLength(0);
  });
});

describe('a worker crash and the store', () => {
  it('the running task reports the failure and leaves the task list; datasets stay; models of the dead worker go', async () => {
    const { log, catalog, truth } = loadDemo({ users: 30, seed: 3 });
    const datasetId = useApp.getState().datasetAdded({ name: 'demo', log, catalog, summary: summarise(log), reports: [], truth });
    const model: TrainedModelInfo = {
      id: 'm1',
      name: 'pop',
      datasetId,
      settings: {},
      seed: 1,
      backend: 'js',
      trainSeconds: 0,
      validation: { ndcg10: 0, hr10: 0 },
      curve: [],
      notices: [],
      savedAs: 'ds/pop/1',
    };
    useApp.getState().modelTrained(model);
    const before = useApp.getState();

    const { supervisor, workers } = harness();
    supervisor.onRestart(handleWorkerRestart);
    const task = runTask(
      'train',
      'Training sasrec',
      () => {},
      () => supervisor.remote.train(1),
    );
    expect(Object.keys(useApp.getState().tasks)).toHaveLength(1);
    workers[0].die('injected crash');
    await expect(task).rejects.toThrow(/The ML worker stopped \(injected crash\)/);

    const after = useApp.getState();
    expect(after.tasks).toEqual({});
    expect(after.datasets).toBe(before.datasets);
    expect(after.activeDatasetId).toBe(datasetId);
    expect(after.trainedModels).toEqual([]);
    expect(after.modelError).toMatch(
      /The ML worker stopped \(injected crash\); it has been restarted\. .*1 model\(s\) trained before it stopped were unloaded; open them again from “Saved in this browser”/,
    );
    expect(chooseBackend).toHaveBeenCalled();
    // The replacement answers.
    expect(await supervisor.remote.ping()).toBe('pong from worker 2');
  });
});

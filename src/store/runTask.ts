// Runs a worker task with a task id: progress goes to the store's task list, Cancel reaches the worker.
import { Comlink } from '../workers/client';
import type { ProgressCallback } from '../workers/protocol';
import { isAbortError, type Progress } from '../lib/progress';
import { useApp } from './index';

let nextTask = 0;

/** Resolves to null when the analyst cancelled; other failures are rethrown after the task is cleared. */
export async function runTask<T>(
  kind: string,
  label: string,
  cancel: (taskId: string) => void,
  work: (taskId: string, onProgress: ProgressCallback) => Promise<T>,
): Promise<T | null> {
  const id = `${kind}-${++nextTask}`;
  const { taskStarted, taskProgress, taskEnded } = useApp.getState();
  taskStarted({ id, label, cancel: () => cancel(id) });
  try {
    return await work(
      id,
      Comlink.proxy((p: Progress) => taskProgress(id, p)),
    );
  } catch (e) {
    // Comlink rebuilds errors thrown in a worker as plain Errors: the name survives, so check it and the message.
    if (isAbortError(e) || (e instanceof Error && e.message === 'Cancelled')) return null;
    throw e;
  } finally {
    taskEnded(id);
  }
}

// What the store does when a worker died and was replaced. The page's own state (datasets, settings, evaluations of
// models still held) is left as it was; what lived only in the dead worker is let go, and the analyst is told.
import { onWorkerRestart } from '../workers/client';
import type { WorkerCrashedError } from '../workers/supervisor';
import { chooseBackend } from './mlActions';
import { forgetSentDatasets } from './modelActions';
import { useApp } from './index';

export function handleWorkerRestart(worker: string, error: WorkerCrashedError): void {
  const s = useApp.getState();
  if (worker !== 'ML') {
    // Parsing workers hold nothing between calls: the load that was running failed (its task reports it).
    return;
  }
  // The new ML worker holds no dataset, no backend choice and none of the trained models.
  forgetSentDatasets();
  const lost = s.trainedModels;
  for (const m of lost) s.modelRemoved(m.id);
  const saved = lost.filter((m) => m.savedAs).length;
  const advice =
    saved === lost.length
      ? 'open them again from “Saved in this browser” in the Model view'
      : saved > 0
        ? `${saved} of them can be opened again from “Saved in this browser” in the Model view; train the others again`
        : 'train them again';
  s.setModelError(
    `${error.message}${lost.length ? ` The ${lost.length} model(s) trained before it stopped were unloaded; ${advice}.` : ''}`,
  );
  void chooseBackend();
}

/** Subscribe once, at start-up (main.tsx). */
export const watchWorkerRestarts = (): (() => void) => onWorkerRestart(handleWorkerRestart);

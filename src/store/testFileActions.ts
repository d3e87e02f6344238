// Scoring a trained model on a separate test file (Evaluate view): the file's bytes go to the ML worker, which maps its
// ids to the model's and reports MSE/MAE, AUC and NDCG@5 with bootstrap CIs (rec/testLog).
import { mlWorker } from '../workers/client';
import type { Result } from '../lib/result';
import type { TestLogScores } from '../rec/testLog';
import { runTask } from './runTask';
import { useApp } from './index';

/** Null when cancelled. */
export async function scoreTestFile(modelId: string, file: File, seed: number): Promise<Result<TestLogScores> | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = await runTask(
    'test-file',
    `Scoring on ${file.name}`,
    (id) => void mlWorker().cancel(id),
    (id) => mlWorker().scoreTestFile(modelId, file.name, bytes, seed, id) as Promise<Result<TestLogScores>>,
  );
  // Kept per model for the causal-vs-traditional table.
  if (r?.ok) useApp.getState().testFileScored(modelId, file.name, r.data);
  return r;
}

// The two baselines every behavior predictor is measured against, fitted on the training examples and scored on the
// test examples of the same task and split: the constant guess (the training class shares for everyone, so its
// accuracy is the majority class's share) and a softmax regression on counts and recency of the history.
import type { EventLog } from '../../data/eventLog';
import type { PredictionTask } from '../../data/predictionTask';
import type { Progress } from '../../lib/progress';
import { fail, ok, type Result } from '../../lib/result';
import { historyFeatures } from './historyFeatures';
import { fitSoftmax, type SoftmaxSettings } from './softmaxRegression';

export type BaselineName = 'constant' | 'logistic';
export const BASELINES: readonly BaselineName[] = ['constant', 'logistic'];

export interface Split {
  train: readonly number[];
  test: readonly number[];
}

/** Training class shares, as the constant guess's probabilities for every test example. */
export function constantPredictions(task: PredictionTask, split: Split): Float32Array[] {
  const classes = task.labelNames.length;
  const share = new Float32Array(classes);
  for (const i of split.train) share[task.examples[i].label] += 1 / split.train.length;
  return split.test.map(() => Float32Array.from(share));
}

/** The softmax regression's probabilities for the test examples (split.test order), fitted on the training examples. */
export function logisticPredictions(
  log: EventLog,
  task: PredictionTask,
  split: Split,
  settings: Partial<SoftmaxSettings> = {},
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Result<Float32Array[]> {
  if (!split.train.length) return fail('no training examples for the logistic baseline');
  const features = (idx: readonly number[]) =>
    historyFeatures(
      log,
      idx.map((i) => task.examples[i].rows),
    );
  const train = features(split.train);
  const dim = train.names.length;
  const fit = fitSoftmax(
    train.data,
    dim,
    split.train.map((i) => task.examples[i].label),
    task.labelNames.length,
    settings,
    options,
  );
  if (!fit.ok) return fit;
  const test = features(split.test);
  return ok(split.test.map((_, t) => fit.data.predict(test.data.subarray(t * dim, (t + 1) * dim))));
}

// The ML worker's sequence-classifier service: builds the prediction task on a trained SASRec/BERT4Rec model's dataset,
// fine-tunes a classifier from the model (a copy: the recommender keeps scoring as before) and measures it on the
// seeded test split against always guessing the training split's commonest class.
import { PREDICTION_TARGETS, predictionTask, splitExamples, type PredictionTarget } from '../data/predictionTask';
import type { Progress } from '../lib/progress';
import { fail, ok, type Result } from '../lib/result';
import type { ModelWorkspace } from '../rec/modelWorkspace';
import { fitSequenceClassifier, quickClassificationFigures, type PeftMethod } from '../ml/predict/sequenceClassifier';
import { SeqRecommender } from '../ml/seqrec/recommender';

export interface SequenceClassifierRequest {
  /** A trained sasrec or bert4rec model in the workspace; its dataset is the one the task is built on. */
  modelId: string;
  target: PredictionTarget;
  /** `buy` / `interest`: how many events past the cut the label looks (default 10). */
  horizonEvents?: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Which encoder weights train with the head (default all: 'none'); LoRA rank 8 or adapters of width 16. */
  peft?: PeftMethod;
  seed: number;
}

export interface SequenceClassifierInfo {
  modelId: string;
  modelName: string;
  datasetId: string;
  target: PredictionTarget;
  peft: PeftMethod;
  labelNames: string[];
  trainExamples: number;
  testExamples: number;
  /** On the test split. */
  accuracy: number;
  rocAuc: number;
  /** Accuracy on the test split of always guessing the training split's commonest class. */
  constantAccuracy: number;
  /** Share of each class among the test examples, in labelNames order. */
  testShares: number[];
  trainableParams: number;
  totalParams: number;
  epochs: number;
  seconds: number;
  notes: string[];
}

/** Test examples are a fifth of the users, as the text classifier's validation split. */
const TEST_FRACTION = 0.2;

export async function fitSequenceClassifierIn(
  models: ModelWorkspace,
  req: SequenceClassifierRequest,
  onProgress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<Result<SequenceClassifierInfo>> {
  if (!PREDICTION_TARGETS.includes(req.target)) return fail(`target must be one of ${PREDICTION_TARGETS.join(', ')}`);
  const { model, info } = models.modelOf(req.modelId);
  if (!(model instanceof SeqRecommender)) return fail(`${info.name} is not a sequence model: train SASRec or BERT4Rec first`);
  const { log, catalog } = models.source(info.datasetId);
  const built = predictionTask(log, catalog, {
    target: req.target,
    seed: req.seed,
    ...(req.horizonEvents !== undefined ? { horizon: { events: req.horizonEvents } } : {}),
  });
  if (!built.ok) return built;
  const task = built.data;
  const split = splitExamples(task.examples.length, req.seed, TEST_FRACTION);
  const fitted = await fitSequenceClassifier({ log, catalog }, task, split, {
    encoder: model,
    epochs: req.epochs,
    batchSize: req.batchSize,
    learningRate: req.learningRate,
    peft: req.peft ?? 'none',
    seed: req.seed,
    signal,
    onProgress,
  });
  if (!fitted.ok) return fitted;
  const classes = task.labelNames.length;
  const count = (rows: number[]) => {
    const n = new Array<number>(classes).fill(0);
    for (const i of rows) n[task.examples[i].label]++;
    return n;
  };
  const trainCounts = count(split.train);
  const testCounts = count(split.test);
  const commonest = trainCounts.indexOf(Math.max(...trainCounts));
  const labels = split.test.map((i) => task.examples[i].label);
  const { accuracy, rocAuc } = quickClassificationFigures(fitted.data.probabilities, labels);
  const { trainableParams, totalParams, epochs, seconds, notes } = fitted.data;
  return ok({
    modelId: req.modelId,
    modelName: info.name,
    datasetId: info.datasetId,
    target: req.target,
    peft: req.peft ?? 'none',
    labelNames: task.labelNames,
    trainExamples: split.train.length,
    testExamples: split.test.length,
    accuracy,
    rocAuc,
    constantAccuracy: testCounts[commonest] / split.test.length,
    testShares: testCounts.map((c) => c / split.test.length),
    trainableParams,
    totalParams,
    epochs,
    seconds,
    notes,
  });
}
